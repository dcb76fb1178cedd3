import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { callActivity, definitions, end, io, job, seq, start, subProcess, userTask } from '../bpmn.ts';

export function scopeScenarios(scenario: Scenario): void {
  scenario('an embedded sub-process keeps its input-mapped variables local; outputs reach the process', [], async (w) => {
    const id = w.name('sub');
    const type = w.name('inner');
    w.worker(type, (j) => ({ outcome: 'complete', variables: { draft: `${j.variables.local}-ok`, total: 1 } }));
    const inner = start('s1') + job('inner', type) + end('e1') + seq('s1', 'inner', 'e1');
    await w.deploy(definitions(id, start() + subProcess('sub', inner, io({ local: '="x"', draft: '=null' }, { result: '=draft' })) + job('done', DONE) + end() + seq('start', 'sub', 'done', 'end')));
    const key = await w.start(id);
    const vars = (await w.job(key, 'done')).variables;
    expect(vars).to.include({ result: 'x-ok', total: 1 });
    expect(vars).not.to.have.property('local');
    expect(vars).not.to.have.property('draft');
  });

  scenario('a call activity runs the latest called process as a child instance and brings all its variables back', [], async (w) => {
    const [parentId, childId] = [w.name('parent'), w.name('child')];
    const type = w.name('childWork');
    w.worker(type, (j) => ({ outcome: 'complete', variables: { fee: (j.variables.area as number) * 10 } }));
    await w.deploy(definitions(childId, start() + job('work', type) + end() + seq('start', 'work', 'end')));
    await w.deploy(definitions(parentId, start() + callActivity('call', childId) + job('done', DONE) + end() + seq('start', 'call', 'done', 'end')));
    const key = await w.start(parentId, { area: 12 });
    expect((await w.job(key, 'done')).variables).to.include({ area: 12, fee: 120 });
    const child = w.jobs.find((j) => j.processId === childId && j.variables.area === 12)!;
    expect(child.processInstanceKey).not.to.equal(key);
  });

  scenario('a call activity with output mappings and propagateAllChildVariables=false brings back only what is mapped', [], async (w) => {
    const [parentId, childId] = [w.name('parent'), w.name('child')];
    const type = w.name('childWork');
    w.worker(type, () => ({ outcome: 'complete', variables: { a: 1, b: 2 } }));
    await w.deploy(definitions(childId, start() + job('work', type) + end() + seq('start', 'work', 'end')));
    await w.deploy(definitions(parentId, start() + callActivity('call', childId, io({}, { onlyA: '=a' }), { propagateAllChildVariables: 'false' }) + job('done', DONE) + end() + seq('start', 'call', 'done', 'end')));
    const key = await w.start(parentId);
    const vars = (await w.job(key, 'done')).variables;
    expect(vars).to.include({ onlyA: 1 });
    expect(vars).not.to.have.property('b');
  });

  scenario('refuses a call activity bound by versionTag (Zeebe 8.6+; 8.5 calls the latest version)', ['deployValidation'], async (w) => {
    const id = w.name('parent');
    const err = await w.deploy(definitions(id, start() + callActivity('call', w.name('child'), '', { bindingType: 'versionTag', versionTag: 'v1' }) + end() + seq('start', 'call', 'end'))).catch((e) => e);
    expect(err.code).to.equal('UNSUPPORTED_BY_ZEEBE_8_5');
    expect(err.message).to.contain('call');
  });

  scenario('a call activity whose process is not deployed raises CALLED_ELEMENT_ERROR', ['expressionIncidents'], async (w) => {
    const id = w.name('missing');
    await w.deploy(definitions(id, start() + callActivity('call', w.name('nowhere')) + end() + seq('start', 'call', 'end')));
    const key = await w.start(id);
    expect(await w.incident(key)).to.include({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
  });

  scenario('cancelling the parent terminates the child instance and closes its tasks', [], async (w) => {
    const [parentId, childId] = [w.name('parent'), w.name('child')];
    await w.deploy(definitions(childId, start() + userTask('review') + end() + seq('start', 'review', 'end')));
    await w.deploy(definitions(parentId, start() + callActivity('call', childId) + end() + seq('start', 'call', 'end')));
    const key = await w.start(parentId, { caseId: 'K-9' });
    const task = await w.waitFor(() => w.tasks.find((t) => t.task.processId === childId && t.task.variables.caseId === 'K-9')?.task, 'the child task');
    await w.engine.cancelInstance(key);
    await w.waitFor(() => w.tasks.find((t) => t.type === 'canceled' && t.task.key === task.key), 'the child task canceled');
    const err = await w.engine.completeUserTask(task.key).catch((e) => e);
    expect(err.code).to.equal('TASK_NOT_FOUND');
  });
}
