import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { catchEvent, definitions, end, flow, gateway, job, message, messageDef, seq, start, timerDef, userTask } from '../bpmn.ts';

export function gatewayScenarios(scenario: Scenario): void {
  const exclusive = (id: string) => definitions(id, start() + gateway('exclusive', 'gw', 'toDefault') + job('big', DONE) + job('small', DONE) + job('other', DONE) + end('e1') + end('e2') + end('e3')
    + seq('start', 'gw') + flow('toBig', 'gw', 'big', '=amount > 100') + flow('toSmall', 'gw', 'small', '=amount >= 0 and amount <= 100') + flow('toDefault', 'gw', 'other')
    + seq('big', 'e1') + seq('small', 'e2') + seq('other', 'e3'));

  scenario('takes the first exclusive flow whose condition holds, else the default flow', [], async (w) => {
    const id = w.name('xor');
    await w.deploy(exclusive(id));
    const big = await w.start(id, { amount: 500 });
    const small = await w.start(id, { amount: 5 });
    const none = await w.start(id, { amount: -1 });
    await w.job(big, 'big');
    await w.job(small, 'small');
    await w.job(none, 'other');
    await w.ended(none);
    expect(w.jobsAt(big, 'small')).to.have.length(0);
  });

  scenario('a condition on a missing variable raises EXTRACT_VALUE_ERROR (null is not false in Zeebe 8.5), not the default flow', ['expressionIncidents'], async (w) => {
    const id = w.name('nullcond');
    await w.deploy(exclusive(id));
    const key = await w.start(id, {});
    const incident = await w.incident(key);
    expect(incident).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'gw' });
    expect(incident.errorMessage).to.contain("to be 'BOOLEAN', but was 'NULL'");
    await w.engine.setVariables(key, { amount: 500 });
    await w.engine.resolveIncident(incident.key);
    await w.job(key, 'big');
    expect(w.jobsAt(key, 'other')).to.have.length(0);
  });

  scenario('raises CONDITION_ERROR when no flow matches and resumes after the variables are fixed', ['expressionIncidents'], async (w) => {
    const id = w.name('nomatch');
    await w.deploy(definitions(id, start() + gateway('exclusive', 'gw') + job('yes', DONE) + end('e1') + end('e2')
      + seq('start', 'gw') + flow('toYes', 'gw', 'yes', '=amount > 100') + flow('toNo', 'gw', 'e2', '=amount < 0') + seq('yes', 'e1')));
    const key = await w.start(id, { amount: 5 });
    const incident = await w.incident(key);
    expect(incident).to.include({ errorType: 'CONDITION_ERROR', elementId: 'gw' });
    await w.engine.setVariables(key, { amount: 500 });
    await w.engine.resolveIncident(incident.key);
    await w.job(key, 'yes');
  });

  scenario('joins a parallel gateway only when a token arrived on every incoming flow', [], async (w) => {
    const id = w.name('and');
    await w.deploy(definitions(id, start() + gateway('parallel', 'fork') + userTask('a') + userTask('b') + gateway('parallel', 'join') + job('done', DONE) + end()
      + seq('start', 'fork') + seq('fork', 'a', 'join') + seq('fork', 'b', 'join') + seq('join', 'done', 'end')));
    const key = await w.start(id);
    const a = await w.task(key, 'a');
    const b = await w.task(key, 'b');
    await w.engine.completeUserTask(a.key, { fromA: 1 });
    await w.settle();
    expect(w.jobsAt(key, 'done')).to.have.length(0);
    await w.engine.completeUserTask(b.key, { fromB: 2 });
    expect((await w.job(key, 'done')).variables).to.include({ fromA: 1, fromB: 2 });
    await w.settle();
    expect(w.jobsAt(key, 'done')).to.have.length(1);
  });

  scenario('forks an inclusive gateway on every true condition, else takes its default flow', [], async (w) => {
    const id = w.name('or');
    await w.deploy(definitions(id, start() + gateway('inclusive', 'fork', 'toC') + userTask('a') + userTask('b') + userTask('c') + end('ea') + end('eb') + end('ec')
      + seq('start', 'fork') + flow('toA', 'fork', 'a', '=needA') + flow('toB', 'fork', 'b', '=needB') + flow('toC', 'fork', 'c')
      + seq('a', 'ea') + seq('b', 'eb') + seq('c', 'ec')));
    const key = await w.start(id, { needA: true, needB: true });
    await w.engine.completeUserTask((await w.task(key, 'a')).key);
    await w.engine.completeUserTask((await w.task(key, 'b')).key);
    await w.ended(key);
    expect(w.tasks.filter((t) => t.task.processInstanceKey === key && t.task.elementId === 'c')).to.have.length(0);
    const onlyDefault = await w.start(id, { needA: false, needB: false });
    await w.engine.completeUserTask((await w.task(onlyDefault, 'c')).key);
    await w.ended(onlyDefault);
  });

  scenario('refuses a joining inclusive gateway (Zeebe 8.6+), naming it', ['deployValidation'], async (w) => {
    const id = w.name('orjoin');
    const err = await w.deploy(definitions(id, start() + gateway('inclusive', 'fork') + userTask('a') + userTask('b') + gateway('inclusive', 'join') + end()
      + seq('start', 'fork') + flow('toA', 'fork', 'a', '=true') + flow('toB', 'fork', 'b', '=true') + seq('a', 'join') + seq('b', 'join') + seq('join', 'end'))).catch((e) => e);
    expect(err.code).to.equal('UNSUPPORTED_BY_ZEEBE_8_5');
    expect(err.message).to.contain('join');
  });

  scenario('refuses an event-based gateway whose flows are not listed as outgoing references, as Zeebe does', [], async (w) => {
    const id = w.name('norefs');
    const err = await w.deploy(definitions(id, start() + gateway('eventBased', 'wait') + catchEvent('paid', messageDef('paid')) + catchEvent('timeout', timerDef('timeDuration', 'PT1H')) + end('e1') + end('e2')
      + seq('start', 'wait') + seq('wait', 'paid', 'e1') + seq('wait', 'timeout', 'e2'), message('paid', '=orderId'))).catch((e) => e);
    expect(err.code).to.equal('MISSING_OUTGOING_REFERENCES');
    expect(err.message).to.contain('wait');
  });

  scenario('lets the first event after an event-based gateway win and closes the others', ['clock'], async (w) => {
    const id = w.name('race');
    const body = start() + gateway('eventBased', 'wait', undefined, ['toPaid', 'toTimeout']) + catchEvent('paid', messageDef('paid')) + catchEvent('timeout', timerDef('timeDuration', 'PT1H'))
      + job('gotPaid', DONE) + job('timedOut', DONE) + end('e1') + end('e2')
      + seq('start', 'wait') + flow('toPaid', 'wait', 'paid') + flow('toTimeout', 'wait', 'timeout') + seq('paid', 'gotPaid', 'e1') + seq('timeout', 'timedOut', 'e2');
    await w.deploy(definitions(id, body, message('paid', '=orderId')));
    const byMessage = await w.start(id, { orderId: 'o1' });
    const byTimer = await w.start(id, { orderId: 'o2' });
    await w.settle();
    await w.engine.publishMessage({ name: 'paid', correlationKey: 'o1', variables: { amount: 9 } });
    expect((await w.job(byMessage, 'gotPaid')).variables).to.include({ amount: 9 });
    await w.advance(3_600_000 + 1000);
    await w.job(byTimer, 'timedOut');
    await w.settle();
    expect(w.jobsAt(byMessage, 'timedOut')).to.have.length(0);
  });
}
