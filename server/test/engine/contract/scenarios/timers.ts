import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { boundary, catchEvent, definitions, end, job, seq, start, timerDef, userTask } from '../bpmn.ts';

export function timerScenarios(scenario: Scenario): void {
  scenario('waits at an intermediate timer until its duration has passed', ['clock'], async (w) => {
    const id = w.name('wait');
    await w.deploy(definitions(id, start() + catchEvent('cool', timerDef('timeDuration', '=duration("P2D")')) + job('done', DONE) + end() + seq('start', 'cool', 'done', 'end')));
    const key = await w.start(id);
    await w.advance(86_400_000);
    await w.settle();
    expect(w.jobsAt(key, 'done')).to.have.length(0);
    await w.advance(86_400_000 + 1000);
    await w.job(key, 'done');
  });

  scenario('fires a timer at its date', ['clock'], async (w) => {
    const id = w.name('date');
    await w.deploy(definitions(id, start() + catchEvent('at', timerDef('timeDate', '=when')) + job('done', DONE) + end() + seq('start', 'at', 'done', 'end')));
    const key = await w.start(id, { when: new Date(w.now() + 7_200_000).toISOString() });
    await w.advance(3_600_000);
    await w.settle();
    expect(w.jobsAt(key, 'done')).to.have.length(0);
    await w.advance(3_700_000 * 2);
    await w.job(key, 'done');
  });

  scenario('an interrupting boundary timer cancels the task and takes its own flow', ['clock'], async (w) => {
    const id = w.name('sla');
    await w.deploy(definitions(id, start() + userTask('review') + boundary('late', 'review', timerDef('timeDuration', 'PT4H')) + job('escalate', DONE) + job('done', DONE) + end('e1') + end('e2')
      + seq('start', 'review', 'done', 'e1') + seq('late', 'escalate', 'e2')));
    const key = await w.start(id);
    await w.task(key, 'review');
    await w.advance(5 * 3_600_000);
    await w.job(key, 'escalate');
    await w.task(key, 'review', 'canceled');
    await w.ended(key);
  });

  scenario('a non-interrupting boundary timer cycle fires on every repetition while the task stays open', ['clock'], async (w) => {
    const id = w.name('remind');
    await w.deploy(definitions(id, start() + userTask('review') + boundary('nag', 'review', timerDef('timeCycle', 'R3/PT1H'), false) + job('remind', DONE) + end('e1') + end('e2')
      + seq('start', 'review', 'e1') + seq('nag', 'remind', 'e2')));
    const key = await w.start(id);
    const task = await w.task(key, 'review');
    for (let i = 1; i <= 4; i++) {
      await w.advance(3_600_000 + 1000);
      await w.settle(60);
    }
    await w.waitFor(() => w.jobsAt(key, 'remind').length === 3, 'three reminders');
    await w.engine.completeUserTask(task.key);
    await w.ended(key);
    expect(w.jobsAt(key, 'remind')).to.have.length(3);
  });

  scenario('starts an instance from a timer start event', ['clock'], async (w) => {
    const id = w.name('nightly');
    await w.deploy(definitions(id, start('tick', timerDef('timeCycle', 'R2/PT1H')) + job('done', DONE) + end() + seq('tick', 'done', 'end')));
    await w.advance(3_600_000 + 1000);
    await w.waitFor(() => w.jobs.filter((j) => j.processId === id).length === 1, 'the first start');
    await w.advance(3_600_000 + 1000);
    await w.waitFor(() => w.jobs.filter((j) => j.processId === id).length === 2, 'the second start');
    await w.advance(3_600_000 + 1000);
    await w.settle();
    expect(w.jobs.filter((j) => j.processId === id)).to.have.length(2);
  });
}
