import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { boundary, definitions, end, error, errorDef, io, job, seq, start, subProcess, userTask } from '../bpmn.ts';

export function errorScenarios(scenario: Scenario): void {
  scenario('a BPMN error from a job is caught by the matching boundary event of its task; its variables stay local to the catch event unless mapped out', [], async (w) => {
    const id = w.name('reject');
    const type = w.name('check');
    w.worker(type, () => ({ outcome: 'bpmnError', errorCode: 'INCOMPLETE', errorMessage: '缺少材料', variables: { missing: ['id-card'] } }));
    const mapped = `<bpmn:extensionElements>${io({}, { missingMaterials: '=missing' })}</bpmn:extensionElements>`;
    await w.deploy(definitions(id, start() + job('check', type) + boundary('incomplete', 'check', mapped + errorDef('INCOMPLETE')) + boundary('any', 'check', errorDef())
      + job('ask', DONE) + job('other', DONE) + job('done', DONE) + end('e1') + end('e2') + end('e3')
      + seq('start', 'check', 'done', 'e1') + seq('incomplete', 'ask', 'e2') + seq('any', 'other', 'e3'), error('INCOMPLETE')));
    const key = await w.start(id);
    const vars = (await w.job(key, 'ask')).variables;
    expect(vars).to.deep.include({ missingMaterials: ['id-card'] });
    expect(vars).not.to.have.property('missing');
    await w.settle();
    expect(w.jobsAt(key, 'other')).to.have.length(0);
    expect(w.jobsAt(key, 'done')).to.have.length(0);
  });

  scenario('a BPMN error goes outwards through scopes to the boundary of the enclosing sub-process', [], async (w) => {
    const id = w.name('outward');
    const type = w.name('deep');
    w.worker(type, () => ({ outcome: 'bpmnError', errorCode: 'REFUSED' }));
    const inner = start('s1') + job('deep', type) + userTask('t') + end('e1') + seq('s1', 'deep', 't', 'e1');
    await w.deploy(definitions(id, start() + subProcess('sub', inner) + boundary('caught', 'sub', errorDef('REFUSED')) + job('handled', DONE) + end('e2') + end('e3')
      + seq('start', 'sub', 'e2') + seq('caught', 'handled', 'e3'), error('REFUSED')));
    const key = await w.start(id);
    await w.job(key, 'handled');
    await w.ended(key);
  });

  scenario('an error end event is caught by an error event sub-process', [], async (w) => {
    const id = w.name('endErr');
    const esp = subProcess('onError', start('es', errorDef('BAD')) + job('cleanup', DONE) + end('ee') + seq('es', 'cleanup', 'ee'), '', { triggeredByEvent: 'true' });
    await w.deploy(definitions(id, start() + userTask('t') + end('fail', errorDef('BAD')) + seq('start', 't', 'fail') + esp, error('BAD')));
    const key = await w.start(id);
    await w.engine.completeUserTask((await w.task(key, 't')).key);
    await w.job(key, 'cleanup');
    await w.ended(key);
  });

  scenario('an uncaught BPMN error raises UNHANDLED_ERROR_EVENT', [], async (w) => {
    const id = w.name('uncaught');
    const type = w.name('thrower');
    let n = 0;
    w.worker(type, () => (++n === 1 ? { outcome: 'bpmnError', errorCode: 'NOPE' } : { outcome: 'complete' }));
    await w.deploy(definitions(id, start() + job('throw', type) + job('done', DONE) + end() + seq('start', 'throw', 'done', 'end')));
    const key = await w.start(id);
    const incident = await w.incident(key);
    expect(incident).to.include({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'throw' });
    await w.engine.resolveIncident(incident.key);
    await w.job(key, 'done');
  });
}
