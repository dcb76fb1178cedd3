import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { definitions, end, job, multiInstance, seq, start, userTask } from '../bpmn.ts';

export function multiInstanceScenarios(scenario: Scenario): void {
  scenario('parallel multi-instance: one task per item, outputs collected in item order', [], async (w) => {
    const id = w.name('reviews');
    await w.deploy(definitions(id, start() + userTask('review', { assignee: '=reviewer' }, '', multiInstance({ inputCollection: '=reviewers', inputElement: 'reviewer', outputCollection: 'opinions', outputElement: '=opinion' }))
      + job('done', DONE) + end() + seq('start', 'review', 'done', 'end')));
    const key = await w.start(id, { reviewers: ['zjj', 'gaj', 'scj'] });
    const tasks = await w.waitFor(() => { const t = w.tasks.filter((e) => e.task.processInstanceKey === key); return t.length === 3 && t; }, 'three tasks');
    expect(tasks.map((t) => t.task.assignee)).to.have.members(['zjj', 'gaj', 'scj']);
    for (const t of [...tasks].reverse()) await w.engine.completeUserTask(t.task.key, { opinion: `${t.task.assignee} ok` });
    const vars = (await w.job(key, 'done')).variables;
    expect(vars.opinions).to.deep.equal(['zjj ok', 'gaj ok', 'scj ok']);
    expect(vars).not.to.have.property('reviewer');
    expect(vars).not.to.have.property('loopCounter');
  });

  scenario('sequential multi-instance: one item after the other, with loopCounter', [], async (w) => {
    const id = w.name('seq');
    const type = w.name('step');
    w.worker(type, (j) => ({ outcome: 'complete', variables: { out: `${j.variables.loopCounter}:${j.variables.item}` } }));
    await w.deploy(definitions(id, start() + job('step', type, '', 'serviceTask', multiInstance({ sequential: true, inputCollection: '=items', inputElement: 'item', outputCollection: 'outs', outputElement: '=out' }))
      + job('done', DONE) + end() + seq('start', 'step', 'done', 'end')));
    const key = await w.start(id, { items: ['a', 'b'] });
    expect((await w.job(key, 'done')).variables.outs).to.deep.equal(['1:a', '2:b']);
    expect(w.jobsAt(key, 'step').map((j) => j.variables.item)).to.deep.equal(['a', 'b']);
  });

  scenario('a completion condition ends the body early: remaining instances are terminated and their tasks closed', ['elementEvents'], async (w) => {
    const id = w.name('quorum');
    await w.deploy(definitions(id, start() + userTask('vote', {}, '', multiInstance({ inputCollection: '=[1,2,3]', completionCondition: '=numberOfCompletedInstances >= 2 and numberOfActiveInstances = 1 and numberOfInstances = 3' }))
      + job('done', DONE) + end() + seq('start', 'vote', 'done', 'end')));
    const key = await w.start(id);
    const tasks = await w.waitFor(() => { const t = w.tasks.filter((e) => e.task.processInstanceKey === key); return t.length === 3 && t; }, 'three votes');
    await w.engine.completeUserTask(tasks[0].task.key);
    await w.engine.completeUserTask(tasks[1].task.key);
    await w.job(key, 'done');
    await w.task(key, 'vote', 'canceled');
    // The event log may follow the task announcement (Zeebe's records are read by polling).
    await w.waitFor(() => w.eventsOf(key, 'vote', 'terminated').length === 1 && w.eventsOf(key, 'vote', 'completed').length === 3, 'the log of the cut instances');
    expect(w.eventsOf(key, 'vote', 'terminated')).to.have.length(1);
    expect(w.eventsOf(key, 'vote', 'completed').length).to.equal(3);
  });

  scenario('an empty input collection completes the body at once; a non-list raises EXTRACT_VALUE_ERROR until fixed', ['expressionIncidents'], async (w) => {
    const id = w.name('empty');
    await w.deploy(definitions(id, start() + userTask('each', {}, '', multiInstance({ inputCollection: '=items', outputCollection: 'r', outputElement: '=1' })) + job('done', DONE) + end() + seq('start', 'each', 'done', 'end')));
    const empty = await w.start(id, { items: [] });
    expect((await w.job(empty, 'done')).variables.r).to.deep.equal([]);
    const broken = await w.start(id, {});
    const incident = await w.incident(broken);
    expect(incident).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'each' });
    await w.engine.setVariables(broken, { items: [] });
    await w.engine.resolveIncident(incident.key);
    await w.job(broken, 'done');
  });
}
