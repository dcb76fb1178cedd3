import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { definitions, end, gateway, job, seq, start, userTask } from '../bpmn.ts';

export function lifecycleScenarios(scenario: Scenario): void {
  scenario('cancelling an instance terminates its elements and cancels its open tasks', [], async (w) => {
    const id = w.name('cancel');
    await w.deploy(definitions(id, start() + userTask('review') + job('done', DONE) + end() + seq('start', 'review', 'done', 'end')));
    const key = await w.start(id);
    const task = await w.task(key, 'review');
    await w.engine.cancelInstance(key);
    await w.task(key, 'review', 'canceled');
    await w.ended(key, 'terminated');
    const err = await w.engine.completeUserTask(task.key).catch((e) => e);
    expect(err.code).to.equal('TASK_NOT_FOUND');
  });

  scenario('a terminate end event ends the other branches', [], async (w) => {
    const id = w.name('terminate');
    await w.deploy(definitions(id, start() + gateway('parallel', 'fork') + userTask('slow') + userTask('fast') + end('stop', '<bpmn:terminateEventDefinition/>') + end('e1')
      + seq('start', 'fork') + seq('fork', 'slow', 'e1') + seq('fork', 'fast', 'stop')));
    const key = await w.start(id);
    await w.task(key, 'slow');
    await w.engine.completeUserTask((await w.task(key, 'fast')).key);
    await w.task(key, 'slow', 'canceled');
    await w.ended(key);
  });

  scenario('logs every element activated and completed with the process, version and case id', ['elementEvents'], async (w) => {
    const id = w.name('log');
    await w.deploy(definitions(id, start() + job('done', DONE) + end() + seq('start', 'done', 'end')));
    const key = await w.start(id, { caseId: 'CASE-42' });
    await w.ended(key);
    const lines = w.events.filter((e) => e.processInstanceKey === key);
    expect(lines.map((e) => `${e.elementId}:${e.intent}`)).to.deep.equal([
      `${id}:activated`, 'start:activated', 'start:completed', 'done:activated', 'done:completed', 'end:activated', 'end:completed', `${id}:completed`,
    ]);
    expect(lines.every((e) => e.caseId === 'CASE-42' && e.processVersion === 1 && e.processId === id)).to.equal(true);
    expect(lines.find((e) => e.elementId === 'done')!.elementType).to.equal('serviceTask');
  });

  scenario('sets variables on the process scope and they reach the next job', [], async (w) => {
    const id = w.name('setvars');
    await w.deploy(definitions(id, start() + userTask('wait') + job('done', DONE) + end() + seq('start', 'wait', 'done', 'end')));
    const key = await w.start(id);
    const task = await w.task(key, 'wait');
    await w.engine.setVariables(key, { note: '补正完成' });
    await w.engine.completeUserTask(task.key);
    expect((await w.job(key, 'done')).variables).to.include({ note: '补正完成' });
  });
}
