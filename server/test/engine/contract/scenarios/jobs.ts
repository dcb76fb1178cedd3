import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { definitions, end, headers, io, job, retriesJob, seq, start, el, message, messageDef } from '../bpmn.ts';

export function jobScenarios(scenario: Scenario): void {
  scenario('hands a job its variables after input mappings and its headers; completion variables reach the process', [], async (w) => {
    // given a service task with an input mapping and headers
    const id = w.name('job');
    const type = w.name('calc');
    w.worker(type, (j) => ({ outcome: 'complete', variables: { total: (j.variables.amount as number) * 2 } }));
    await w.deploy(definitions(id, start() + job('calc', type, io({ amount: '=price * 3' }) + headers({ seal: 'dept' })) + job('done', DONE) + end() + seq('start', 'calc', 'done', 'end')));
    // when an instance starts
    const key = await w.start(id, { price: 5 });
    // then the job sees the mapped input and the headers, and the result is a process variable
    const calc = await w.job(key, 'calc');
    expect(calc.variables).to.include({ price: 5, amount: 15 });
    expect(calc.customHeaders).to.deep.equal({ seal: 'dept' });
    expect(calc.type).to.equal(type);
    const done = await w.job(key, 'done');
    expect(done.variables).to.include({ total: 30, price: 5 });
    expect(done.variables).not.to.have.property('amount');
  });

  scenario('applies output mappings: job variables stay local, only mapped ones reach the process', [], async (w) => {
    const id = w.name('out');
    const type = w.name('lookup');
    w.worker(type, () => ({ outcome: 'complete', variables: { raw: { name: '张三', age: 40 }, noise: 1 } }));
    await w.deploy(definitions(id, start() + job('lookup', type, io({}, { applicant: '=raw.name', 'meta.age': '=raw.age' })) + job('done', DONE) + end() + seq('start', 'lookup', 'done', 'end')));
    const key = await w.start(id, { meta: { source: 'hall' } });
    const done = await w.job(key, 'done');
    expect(done.variables).to.include({ applicant: '张三' });
    expect(done.variables.meta).to.deep.equal({ source: 'hall', age: 40 });
    expect(done.variables).not.to.have.property('noise');
    expect(done.variables).not.to.have.property('raw');
  });

  scenario('retries a failed job, then raises JOB_NO_RETRIES; resolving gives it more retries', [], async (w) => {
    const id = w.name('retry');
    const type = w.name('flaky');
    let calls = 0;
    w.worker(type, () => (++calls < 4 ? { outcome: 'fail', errorMessage: `down ${calls}` } : { outcome: 'complete', variables: { ok: true } }));
    await w.deploy(definitions(id, start() + retriesJob('flaky', type, '3') + job('done', DONE) + end() + seq('start', 'flaky', 'done', 'end')));
    const key = await w.start(id);
    const incident = await w.incident(key);
    expect(incident).to.include({ errorType: 'JOB_NO_RETRIES', elementId: 'flaky', processInstanceKey: key });
    expect(incident.errorMessage).to.equal('down 3');
    expect(calls).to.equal(3);
    await w.engine.resolveIncident(incident.key);
    const done = await w.job(key, 'done');
    expect(done.variables).to.include({ ok: true });
    expect(await w.engine.listIncidents({ processInstanceKey: key })).to.deep.equal([]);
  });

  scenario('counts down the retries it hands the worker and honours the retry backoff', [], async (w) => {
    const id = w.name('backoff');
    const type = w.name('slow');
    const seen: { retries: number; at: number }[] = [];
    w.worker(type, (j) => {
      seen.push({ retries: j.retries, at: Date.now() });
      return seen.length === 1 ? { outcome: 'fail', errorMessage: 'later', retryBackoffMs: 300 } : { outcome: 'complete' };
    });
    await w.deploy(definitions(id, start() + retriesJob('slow', type, '=2') + job('done', DONE) + end() + seq('start', 'slow', 'done', 'end')));
    const key = await w.start(id);
    await w.job(key, 'done');
    expect(seen.map((s) => s.retries)).to.deep.equal([2, 1]);
    expect(seen[1].at - seen[0].at).to.be.at.least(250);
  });

  scenario('delivers a job again after its lock times out, and completing it twice is harmless', ['lockTimeout'], async (w) => {
    const id = w.name('twice');
    const type = w.name('slowpoke');
    let calls = 0;
    w.worker(type, async () => {
      const call = ++calls;
      // The first delivery holds the job past its lock until the engine delivers it again (Zeebe's
      // timeout checker runs on its own schedule), then completes it too: the second completion is harmless.
      if (call === 1) await w.waitFor(() => calls >= 2, 'the job delivered again');
      return { outcome: 'complete', variables: { call } };
    }, { timeoutMs: 200 });
    await w.deploy(definitions(id, start() + job('slow', type) + job('done', DONE) + end() + seq('start', 'slow', 'done', 'end')));
    const key = await w.start(id);
    await w.job(key, 'done');
    await w.settle(900);
    expect(calls).to.equal(2);
    expect(w.jobsAt(key, 'done')).to.have.length(1);
  });

  scenario('runs send, business rule and message-throw events as jobs and passes manual tasks and none throws', [], async (w) => {
    const id = w.name('kinds');
    const [send, rule, notify] = [w.name('send'), w.name('rule'), w.name('notify')];
    for (const t of [send, rule, notify]) w.worker(t);
    const body = start() + job('send', send, '', 'sendTask') + job('rule', rule, '', 'businessRuleTask') + el('manualTask', 'manual')
      + el('intermediateThrowEvent', 'mark') + job('throwMsg', notify, '', 'intermediateThrowEvent', messageDef('note')) + job('done', DONE)
      + job('endMsg', notify, '', 'endEvent', messageDef('note'))
      + seq('start', 'send', 'rule', 'manual', 'mark', 'throwMsg', 'done', 'endMsg');
    await w.deploy(definitions(id, body, message('note')));
    const key = await w.start(id);
    await w.job(key, 'done');
    await w.job(key, 'endMsg');
    expect(w.jobs.filter((j) => j.processInstanceKey === key).map((j) => j.elementId)).to.deep.equal(['send', 'rule', 'throwMsg', 'done', 'endMsg']);
    await w.ended(key);
  });
}
