import { NODE_LIST_PROPERTY, semanticBpmn } from './generate.ts';
import { simpleProcess, type SimpleProcess } from './schema.ts';

/** The slice of a bpmn-moddle element recognition reads (the browser's and the server's moddle alike). */
export interface ModdleNode {
  $type: string;
  id?: string;
  $descriptor: { properties: Array<{ name: string; isReference?: boolean; isMany?: boolean }> };
  get(name: string): unknown;
}

/** Parses BPMN XML to its `bpmn:Definitions` (bpmn-moddle with the zeebe extension). */
export type ParseBpmn = (xml: string) => Promise<ModdleNode>;

export type Recognised =
  | { simple: true; process: SimpleProcess }
  /** `noNodeList`: drawn in the full modeler; `changed`: generated, then changed there. */
  | { simple: false; reason: 'noProcess' | 'noNodeList' | 'changed' };

const isNode = (value: unknown): value is ModdleNode => typeof value === 'object' && value !== null && '$type' in value;

/** A semantic description of an element: its type and every property, references as ids, lists by id; no diagram. */
function describe(node: ModdleNode): unknown {
  const out: Record<string, unknown> = { $type: node.$type };
  for (const property of node.$descriptor.properties) {
    if (property.name === 'di' || (property.name === 'extensionElements' && node.$type === 'bpmn:Process')) continue;
    const value = node.get(property.name);
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    const one = (v: unknown) => (property.isReference ? (v as ModdleNode).id : isNode(v) ? describe(v) : v);
    out[property.name] = Array.isArray(value)
      ? value.map(one).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      : one(value);
  }
  return out;
}

const executableProcess = (definitions: ModdleNode) =>
  ((definitions.get('rootElements') as ModdleNode[] | undefined) ?? []).find((e) => e.$type === 'bpmn:Process' && e.get('isExecutable'));

/** The node list a process carries in its extension property, if any. */
function nodeListOf(process: ModdleNode): unknown {
  const values = ((process.get('extensionElements') as ModdleNode | undefined)?.get('values') as ModdleNode[] | undefined) ?? [];
  const property = values.filter((v) => v.$type === 'zeebe:Properties')
    .flatMap((p) => (p.get('properties') as ModdleNode[] | undefined) ?? [])
    .find((p) => p.get('name') === NODE_LIST_PROPERTY);
  if (!property) return undefined;
  try {
    return JSON.parse(String(property.get('value')));
  } catch {
    return undefined;
  }
}

/**
 * Whether a process opens in the simple designer: it carries a node list, and the BPMN that list
 * generates is the process as it stands (layout aside). A process drawn or changed in the full
 * modeler is answered with the reason, and the page sends its user there.
 */
export async function recogniseSimple(xml: string, parse: ParseBpmn): Promise<Recognised> {
  const process = executableProcess(await parse(xml));
  if (!process) return { simple: false, reason: 'noProcess' };
  const nodes = nodeListOf(process);
  if (nodes === undefined) return { simple: false, reason: 'noNodeList' };
  const candidate = simpleProcess.safeParse({ processId: process.id, name: process.get('name'), nodes });
  if (!candidate.success) return { simple: false, reason: 'changed' };
  const generated = executableProcess(await parse(semanticBpmn(candidate.data)));
  const same = generated && JSON.stringify(describe(generated)) === JSON.stringify(describe(process));
  return same ? { simple: true, process: candidate.data } : { simple: false, reason: 'changed' };
}
