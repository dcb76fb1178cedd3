import { createRequire } from 'node:module';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/**
 * The slice of a moddle element this feature reads. bpmn-moddle ships no type declaration for its
 * main entry, so it is loaded here once, typed by this interface, and nothing else in the feature
 * imports it directly.
 */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $descriptor: { properties: Array<{ name: string; isReference?: boolean; isMany?: boolean; type: string }> };
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: unknown;
}

export interface ParsedXml {
  rootElement: ModdleElement;
  warnings: ModdleWarning[];
}

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<ParsedXml>;
}

type ModdleConstructor = new (packages: Record<string, unknown>) => Moddle;

const require = createRequire(import.meta.url);
const specifier: string = 'bpmn-moddle';
let ctor: ModdleConstructor | undefined;

/** A bpmn-moddle instance that understands Camunda 8 (`zeebe:`) extensions. */
export async function zeebeModdle(): Promise<Moddle> {
  ctor ??= ((await import(specifier)) as { BpmnModdle: ModdleConstructor }).BpmnModdle;
  return new ctor({ zeebe: zeebeSchema });
}

/** bpmnlint is CommonJS without declarations; loaded through require, like its own CLI does. */
export function loadBpmnlint(): { Linter: LinterConstructor; NodeResolver: NodeResolverConstructor; require: NodeJS.Require } {
  return {
    Linter: (require('bpmnlint') as { Linter: LinterConstructor }).Linter,
    NodeResolver: require('bpmnlint/lib/resolver/node-resolver') as NodeResolverConstructor,
    require,
  };
}

export interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error' | 'off';
}

export type LinterConstructor = new (options: { config: object; resolver: unknown }) => {
  lint(root: ModdleElement): Promise<Record<string, LintReport[]>>;
};
export type NodeResolverConstructor = new (options: { require: NodeJS.Require }) => unknown;
