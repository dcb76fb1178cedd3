import { processesOf } from '../bpmn-walk.ts';
import { zeebeModdle } from '../moddle.ts';
import { bpmnInvalid, bpmnMalformed } from '../problems.ts';
import { guardXml } from '../xml-guard.ts';

/**
 * The executable process a draft is about (its id and name), read with the same guards as
 * publishing (size, no DOCTYPE/ENTITY, well-formed) but none of the publishing checks: a draft may
 * be unfinished. Throws BPMN_TOO_LARGE, BPMN_DOCTYPE_FORBIDDEN, BPMN_MALFORMED or BPMN_INVALID.
 */
export async function draftIdentity(xml: string, maxBytes?: number): Promise<{ processId: string; name?: string }> {
  guardXml(xml, maxBytes);
  let root;
  try {
    root = (await (await zeebeModdle()).fromXML(xml, 'bpmn:Definitions')).rootElement;
  } catch (error) {
    throw bpmnMalformed((error as Error).message.split('\n')[0]);
  }
  const processes = processesOf(root).filter((p) => p.get('isExecutable'));
  if (processes.length !== 1) throw bpmnInvalid([{ field: 'xml', message: `a draft holds exactly one executable process (found ${processes.length})` }]);
  const [process] = processes;
  if (!process.id || !/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/.test(process.id)) throw bpmnInvalid([{ field: process.id ?? 'xml', message: 'the process id is not a BPMN id (NCName, at most 100 characters)' }]);
  return { processId: process.id, ...(process.name ? { name: process.name } : {}) };
}
