import type { ModdleElement } from './moddle.ts';

/** Every flow element of a process or sub-process, sub-processes entered, in document order. */
export function* flowElements(container: ModdleElement): Generator<ModdleElement> {
  for (const element of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
    yield element;
    if (element.$instanceOf('bpmn:SubProcess')) yield* flowElements(element);
  }
}

/** Every artifact (annotation, association, group) of a process or sub-process, sub-processes entered. */
export function* artifacts(container: ModdleElement): Generator<ModdleElement> {
  for (const artifact of (container.get('artifacts') as ModdleElement[] | undefined) ?? []) yield artifact;
  for (const element of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
    if (element.$instanceOf('bpmn:SubProcess')) yield* artifacts(element);
  }
}

/** The first extension element of a given type (`zeebe:TaskDefinition`, …). */
export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const container = element.get('extensionElements') as ModdleElement | undefined;
  const values = (container?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.find((value) => value.$instanceOf(type));
}

/** Processes of the definitions (a collaboration's participants reference these too). */
export function processesOf(definitions: ModdleElement): ModdleElement[] {
  return ((definitions.get('rootElements') as ModdleElement[] | undefined) ?? []).filter((r) => r.$instanceOf('bpmn:Process'));
}

/**
 * Walks the containment tree below an element (never following references), calling `visit` with
 * each element and the id of the nearest flow element or process that holds it.
 */
export function walkTree(element: ModdleElement, visit: (element: ModdleElement, ownerId: string) => void, ownerId = element.id ?? ''): void {
  const owner = element.id && (element.$instanceOf('bpmn:FlowElement') || element.$instanceOf('bpmn:Process')) ? element.id : ownerId;
  visit(element, owner);
  for (const property of element.$descriptor.properties) {
    if (property.isReference) continue;
    const value = element.get(property.name);
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && '$type' in child) walkTree(child as ModdleElement, visit, owner);
    }
  }
}

/** The string-valued properties an element holds (attributes and bodies), by name. */
export function stringProperties(element: ModdleElement): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const property of element.$descriptor.properties) {
    if (property.isReference || property.isMany) continue;
    const value = element.get(property.name);
    if (typeof value === 'string') result.push([property.name, value]);
  }
  return result;
}
