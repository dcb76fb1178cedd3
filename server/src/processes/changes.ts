import { flowElements, processesOf, stringProperties } from './bpmn-walk.ts';
import { zeebeModdle, type ModdleElement } from './moddle.ts';

/** What a version changed against the one before it, by element id (the version history's "what"). */
export interface VersionChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * A comparable text of one element: its type, its own attributes and those of its non-flow
 * children (extension elements, conditions, loop characteristics), and for a sequence flow its ends.
 */
function signature(element: ModdleElement): string {
  const parts: string[] = [element.$type];
  const visit = (node: ModdleElement, path: string) => {
    for (const [name, value] of stringProperties(node)) if (name !== 'id') parts.push(`${path}${name}=${value}`);
    for (const property of node.$descriptor.properties) {
      if (property.isReference || property.name === 'flowElements' || property.name === 'artifacts') continue;
      const value = node.get(property.name);
      const children = (Array.isArray(value) ? value : [value]).filter((c): c is ModdleElement => Boolean(c && typeof c === 'object' && '$type' in c));
      children.forEach((child, i) => visit(child, `${path}${property.name}[${i}].`));
    }
  };
  visit(element, '');
  if (element.$instanceOf('bpmn:SequenceFlow')) {
    parts.push(`from=${(element.get('sourceRef') as ModdleElement | undefined)?.id}`, `to=${(element.get('targetRef') as ModdleElement | undefined)?.id}`);
  }
  return parts.join('\n');
}

async function signatures(xml: string): Promise<Map<string, string>> {
  const { rootElement } = await (await zeebeModdle()).fromXML(xml, 'bpmn:Definitions');
  const out = new Map<string, string>();
  for (const process of processesOf(rootElement)) {
    for (const element of flowElements(process)) if (element.id) out.set(element.id, signature(element));
  }
  return out;
}

/** Elements added, removed and changed from `before` to `after` (both well-formed BPMN). */
export async function versionChanges(before: string | undefined, after: string): Promise<VersionChanges> {
  const next = await signatures(after);
  if (before === undefined) return { added: [...next.keys()], removed: [], changed: [] };
  const previous = await signatures(before);
  return {
    added: [...next.keys()].filter((id) => !previous.has(id)),
    removed: [...previous.keys()].filter((id) => !next.has(id)),
    changed: [...next.keys()].filter((id) => previous.has(id) && previous.get(id) !== next.get(id)),
  };
}
