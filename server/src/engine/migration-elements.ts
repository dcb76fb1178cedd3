/**
 * The elements of one process of a BPMN resource as the migration check reads them (type, container,
 * multi-instance, event sub-process), from the XML. The embedded executor reads its compiled graph
 * instead (embedded/migrate.ts); the Zeebe adapter and the migration page read the XML with this.
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { MigrationElements } from './migration.ts';

// Moddle elements are dynamic objects; this is the one place here they are read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type El = any;

const moddle = BpmnModdle({ zeebe: zeebeModdle });
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const SKIPPED = new Set(['sequenceFlow', 'textAnnotation', 'association', 'dataObject', 'dataObjectReference', 'dataStoreReference', 'group']);

/**
 * Every flow node of process `processId` (the first executable process when not given). The XML is a
 * deployed version's: it passed the publishing checks (no DOCTYPE, well-formed) before it was stored.
 */
export async function migrationElements(xml: string, processId?: string): Promise<MigrationElements> {
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const process = (rootElement.rootElements ?? []).find((e: El) => e.$type === 'bpmn:Process' && (processId ? e.id === processId : e.isExecutable !== false));
  const out: MigrationElements = {};
  if (!process) return out;
  const walk = (container: El, parent: string | null, inEsp: boolean) => {
    for (const el of container.flowElements ?? []) {
      const type = lowerFirst(String(el.$type).replace(/^bpmn:/, ''));
      if (SKIPPED.has(type)) continue;
      const esp = inEsp || (type === 'subProcess' && !!el.triggeredByEvent);
      out[el.id] = {
        id: el.id, type, ...(el.name ? { name: el.name } : {}), parent,
        multiInstance: el.loopCharacteristics?.$type === 'bpmn:MultiInstanceLoopCharacteristics', inEventSubProcess: esp,
      };
      if (type === 'subProcess') walk(el, el.id, esp);
    }
  };
  walk(process, null, false);
  return out;
}
