import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE, type World } from '../harness.ts';
import { boundary, catchEvent, definitions, end, gateway, job, message, messageDef, seq, start, timerDef, userTask } from '../bpmn.ts';

/** Deploys `xml` and answers its definition key and version. */
async function version(w: World, xml: string): Promise<{ key: string; version: number }> {
  const [deployed] = await w.deploy(xml);
  return { key: deployed.key, version: deployed.version };
}

export function migrationScenarios(scenario: Scenario): void {
  scenario('migrates a case waiting at a user task to a renamed element of the next version, keeping the task and the variables, and completes it there', [], async (w) => {
    // given v1 waits at 审查 (review) and v2 renamed it to 初审 (firstReview)
    const id = w.name('renamed');
    await version(w, definitions(id, start() + userTask('review', { name: '审查', candidateGroups: 'dept:zjj' }) + job('done', DONE) + end() + seq('start', 'review', 'done', 'end')));
    const key = await w.start(id, { caseId: 'C-M1', area: 120 });
    const task = await w.task(key, 'review');
    const v2 = await version(w, definitions(id, start() + userTask('firstReview', { name: '初审', candidateGroups: 'dept:zjj' }) + job('done', DONE) + end() + seq('start', 'firstReview', 'done', 'end')));
    expect(v2.version).to.equal(2);
    const request = { processInstanceKey: key, targetProcessDefinitionKey: v2.key, mappings: [{ sourceElementId: 'review', targetElementId: 'firstReview' }] };
    // when the mapping is checked and the instance moved
    const check = await w.engine.checkMigration(request);
    expect(check.problems).to.deep.equal([]);
    expect(check.active.map((a) => a.elementId)).to.include('review');
    const moved = await w.engine.migrateInstance(request);
    expect(moved).to.include({ processInstanceKey: key, processId: id, version: 2, alreadyMigrated: false });
    // then the task keeps its key and is announced at the new element, with its new name
    const migrated = await w.waitFor(() => w.migrated.find((m) => m.task.key === task.key), 'the migrated task');
    expect(migrated.task).to.include({ elementId: 'firstReview', name: '初审', processVersion: 2 });
    expect(migrated.from).to.include({ elementId: 'review', processVersion: 1 });
    // and a retried migration changes nothing
    expect((await w.engine.migrateInstance(request)).alreadyMigrated).to.equal(true);
    // when the task is completed by its old key, the case goes on in v2 with its variables
    await w.engine.completeUserTask(task.key, { decision: 'approved' });
    const done = await w.job(key, 'done');
    expect(done.processVersion).to.equal(2);
    expect(done.variables).to.include({ caseId: 'C-M1', area: 120, decision: 'approved' });
    await w.ended(key);
  });

  scenario('refuses a mapping that loses an active element, naming it, and moves nothing', [], async (w) => {
    // given v1 waits at two parallel steps
    const id = w.name('loses');
    const body = (b: string) => start() + gateway('parallel', 'fork') + userTask('a') + userTask(b) + gateway('parallel', 'join') + job('done', DONE) + end()
      + seq('start', 'fork') + seq('fork', 'a', 'join') + seq('fork', b, 'join') + seq('join', 'done', 'end');
    await version(w, definitions(id, body('b')));
    const key = await w.start(id);
    const a = await w.task(key, 'a');
    const b = await w.task(key, 'b');
    const v2 = await version(w, definitions(id, body('b2')));
    // when only one of them is mapped
    const request = { processInstanceKey: key, targetProcessDefinitionKey: v2.key, mappings: [{ sourceElementId: 'a', targetElementId: 'a' }] };
    expect((await w.engine.checkMigration(request)).problems.map((p) => [p.elementId, p.code])).to.deep.equal([['b', 'ACTIVE_UNMAPPED']]);
    const refused = await w.engine.migrateInstance(request).catch((e) => e);
    // then the migration is refused naming the lost element, and nothing moved
    expect(refused.code).to.equal('MIGRATION_MAPPING_INVALID');
    expect(refused.fields.map((f: { field: string }) => f.field)).to.deep.equal(['b']);
    await w.settle();
    expect(w.migrated.filter((m) => m.task.processInstanceKey === key)).to.deep.equal([]);
    await w.engine.completeUserTask(a.key);
    await w.engine.completeUserTask(b.key);
    expect((await w.job(key, 'done')).processVersion).to.equal(1);
    await w.ended(key);
  });

  scenario('re-creates the timers of the target element when a waiting task moves, and drops the source\'s', ['clock'], async (w) => {
    // given v1's review escalates after 3 hours and v2's after 1 hour
    const id = w.name('timers');
    const body = (after: string, escalate: string) => start() + userTask('review') + boundary('late', 'review', timerDef('timeDuration', after)) + job(escalate, DONE) + end('e1') + end('e2')
      + seq('start', 'review', 'e1') + seq('late', escalate, 'e2');
    await version(w, definitions(id, body('PT3H', 'escalateOld')));
    const key = await w.start(id);
    await w.task(key, 'review');
    const v2 = await version(w, definitions(id, body('PT1H', 'escalateNew')));
    // when the case moves to v2
    await w.engine.migrateInstance({ processInstanceKey: key, targetProcessDefinitionKey: v2.key, mappings: [{ sourceElementId: 'review', targetElementId: 'review' }, { sourceElementId: 'late', targetElementId: 'late' }] });
    // then v2's timer fires after its hour, and v1's never does
    await w.advance(2 * 3_600_000);
    await w.job(key, 'escalateNew');
    await w.task(key, 'review', 'canceled');
    await w.ended(key);
    await w.advance(2 * 3_600_000);
    await w.settle();
    expect(w.jobsAt(key, 'escalateOld')).to.have.length(0);
  });

  scenario('re-creates the message subscription of a waiting catch event at its renamed element', [], async (w) => {
    // given v1 waits for the payment message at `wait`, and v2 renamed the event `awaitPayment`
    const id = w.name('message');
    const name = w.name('paid');
    const body = (catchId: string) => definitions(id, start() + catchEvent(catchId, messageDef(name)) + job('done', DONE) + end() + seq('start', catchId, 'done', 'end'), message(name, '=caseId'));
    await version(w, body('wait'));
    const key = await w.start(id, { caseId: 'C-M4' });
    const v2 = await version(w, body('awaitPayment'));
    // when the case moves and the message comes
    await w.engine.migrateInstance({ processInstanceKey: key, targetProcessDefinitionKey: v2.key, mappings: [{ sourceElementId: 'wait', targetElementId: 'awaitPayment' }] });
    await w.engine.publishMessage({ name, correlationKey: 'C-M4', variables: { amount: 35 } });
    // then the renamed catch event receives it and the case goes on in v2
    const done = await w.job(key, 'done');
    expect(done).to.include({ processVersion: 2 });
    expect(done.variables).to.include({ amount: 35 });
  });
}
