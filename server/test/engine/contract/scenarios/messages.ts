import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { boundary, catchEvent, definitions, el, end, job, message, messageDef, seq, start, subProcess, userTask } from '../bpmn.ts';

export function messageScenarios(scenario: Scenario): void {
  const waiting = (id: string, name: string) => definitions(id, start() + catchEvent('wait', messageDef(name)) + job('done', DONE) + end() + seq('start', 'wait', 'done', 'end'), message(name, '=caseId'));

  scenario('correlates a message by name and the correlation key evaluated when the subscription opened', [], async (w) => {
    const id = w.name('catch');
    const name = w.name('supplement');
    await w.deploy(waiting(id, name));
    const mine = await w.start(id, { caseId: 'A-1' });
    const other = await w.start(id, { caseId: 'A-2' });
    await w.settle();
    await w.engine.publishMessage({ name, correlationKey: 'A-1', variables: { files: 3 } });
    expect((await w.job(mine, 'done')).variables).to.include({ files: 3 });
    await w.settle();
    expect(w.jobsAt(other, 'done')).to.have.length(0);
  });

  scenario('buffers a message for its time to live and correlates it when the subscription opens', [], async (w) => {
    const id = w.name('buffer');
    const name = w.name('paid');
    await w.deploy(waiting(id, name));
    await w.engine.publishMessage({ name, correlationKey: 'B-1', variables: { paid: true }, timeToLiveMs: 60_000 });
    await w.engine.publishMessage({ name, correlationKey: 'B-2', variables: { paid: true } });
    const early = await w.start(id, { caseId: 'B-1' });
    const unbuffered = await w.start(id, { caseId: 'B-2' });
    expect((await w.job(early, 'done')).variables).to.include({ paid: true });
    await w.settle();
    expect(w.jobsAt(unbuffered, 'done')).to.have.length(0);
  });

  scenario('publishes a message id only once while the first message lives', [], async (w) => {
    const name = w.name('dup');
    await w.engine.publishMessage({ name, correlationKey: 'k', messageId: 'm-1', timeToLiveMs: 60_000 });
    const err = await w.engine.publishMessage({ name, correlationKey: 'k', messageId: 'm-1', timeToLiveMs: 60_000 }).catch((e) => e);
    expect(err).to.be.instanceOf(Error);
    expect(err.code).to.equal('MESSAGE_ALREADY_PUBLISHED');
  });

  scenario('starts a new instance at a message start event with the message variables', [], async (w) => {
    const id = w.name('inbox');
    const name = w.name('applied');
    await w.deploy(definitions(id, start('s', messageDef(name)) + job('done', DONE) + end() + seq('s', 'done', 'end'), message(name)));
    await w.engine.publishMessage({ name, correlationKey: 'x', variables: { applicant: '李四' } });
    const done = await w.waitFor(() => w.jobs.find((j) => j.processId === id), 'an instance started by the message');
    expect(done.variables).to.include({ applicant: '李四' });
  });

  scenario('a receive task waits for its message', [], async (w) => {
    const id = w.name('receive');
    const name = w.name('reply');
    await w.deploy(definitions(id, start() + el('receiveTask', 'await', '', { messageRef: `msg_${name}` }) + job('done', DONE) + end() + seq('start', 'await', 'done', 'end'), message(name, '=ref')));
    const key = await w.start(id, { ref: 7 });
    await w.settle();
    await w.engine.publishMessage({ name, correlationKey: '7', variables: { answer: 'yes' } });
    expect((await w.job(key, 'done')).variables).to.include({ answer: 'yes' });
  });

  scenario('a non-interrupting message boundary fires for every message while the task stays open; an interrupting one cancels it', [], async (w) => {
    const id = w.name('boundary');
    const [note, stop] = [w.name('note'), w.name('stop')];
    await w.deploy(definitions(id, start() + userTask('work') + boundary('noted', 'work', messageDef(note), false) + boundary('stopped', 'work', messageDef(stop))
      + job('record', DONE) + job('halted', DONE) + end('e1') + end('e2') + end('e3')
      + seq('start', 'work', 'e1') + seq('noted', 'record', 'e2') + seq('stopped', 'halted', 'e3'), message(note, '=caseId') + message(stop, '=caseId')));
    const key = await w.start(id, { caseId: 'N-1' });
    await w.task(key, 'work');
    await w.engine.publishMessage({ name: note, correlationKey: 'N-1', variables: { n: 1 } });
    await w.job(key, 'record', 1);
    await w.engine.publishMessage({ name: note, correlationKey: 'N-1', variables: { n: 2 } });
    expect((await w.job(key, 'record', 2)).variables).to.include({ n: 2 });
    await w.engine.publishMessage({ name: stop, correlationKey: 'N-1' });
    await w.job(key, 'halted');
    await w.task(key, 'work', 'canceled');
    await w.ended(key);
  });

  scenario('a non-interrupting message event sub-process runs beside the process', [], async (w) => {
    const id = w.name('esp');
    const name = w.name('query');
    const esp = subProcess('onQuery', start('q', messageDef(name), { isInterrupting: 'false' }) + job('answer', DONE) + end('qe') + seq('q', 'answer', 'qe'), '', { triggeredByEvent: 'true' });
    await w.deploy(definitions(id, start() + userTask('work') + end() + seq('start', 'work', 'end') + esp, message(name, '=caseId')));
    const key = await w.start(id, { caseId: 'Q-1' });
    const task = await w.task(key, 'work');
    await w.engine.publishMessage({ name, correlationKey: 'Q-1', variables: { question: '进度?' } });
    expect((await w.job(key, 'answer')).variables).to.include({ question: '进度?' });
    await w.engine.completeUserTask(task.key);
    await w.ended(key);
  });
}
