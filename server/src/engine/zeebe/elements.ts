/**
 * Element types and names of the processes this adapter deployed, by process id and version. A Zeebe
 * job carries only the element id; the event log and the task board also want the element's type
 * and its Chinese name, which the deployed XML has. Processes deployed by another client (or before
 * a restart) are not known here: their events say `serviceTask`/`userTask` and their tasks have no name.
 */
export interface ElementInfo { type: string; name?: string }

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export class DeployedElements {
  private readonly byVersion = new Map<string, Map<string, ElementInfo>>();
  /** Definition key → process id, version and XML (the migration check and the migrated tasks' names). */
  private readonly byKey = new Map<string, { processId: string; version: number; xml: string }>();

  remember(processId: string, version: number, xml: string, key?: string): void {
    if (key) this.byKey.set(key, { processId, version, xml });
    const process = new RegExp(`<(?:\\w+:)?process\\b[^>]*\\bid="${processId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[\\s\\S]*?</(?:\\w+:)?process>`).exec(xml)?.[0] ?? xml;
    const elements = new Map<string, ElementInfo>();
    for (const match of process.matchAll(/<(?:\w+:)?(\w+)\s([^>]*)>/g)) {
      const id = /\bid="([^"]+)"/.exec(match[2])?.[1];
      if (!id) continue;
      const name = /\bname="([^"]*)"/.exec(match[2])?.[1];
      elements.set(id, { type: lowerFirst(match[1]), ...(name ? { name: unescapeXml(name) } : {}) });
    }
    this.byVersion.set(`${processId}@${version}`, elements);
  }

  definition(key: string): { processId: string; version: number; xml: string } | undefined {
    return this.byKey.get(key);
  }

  /** The XML of a version this adapter deployed. */
  xmlOf(processId: string, version: number): string | undefined {
    for (const d of this.byKey.values()) if (d.processId === processId && d.version === version) return d.xml;
    return undefined;
  }

  find(processId: string, version: number, elementId: string): ElementInfo | undefined {
    return this.byVersion.get(`${processId}@${version}`)?.get(elementId);
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
