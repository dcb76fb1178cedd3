import { expect } from 'chai';
import { boundary, definitions, end, seq, start, timerDef, userTask } from '../../../test/engine/contract/bpmn.ts';
import type { UserTaskEvent } from '../port.ts';
import { ZeebeEngine } from './engine.ts';
import { ZEEBE_NOT_STARTED, zeebeTestEngine } from '../../../test/engine/zeebe/test-engine.ts';
import { eventually } from '../../../test/engine/zeebe/test-support.ts';

/**
 * Without Zeebe's record stream (a plain gateway client, as in production without an exporter), the
 * adapter still learns that Zeebe cancelled a task's job: renewing the job's lock answers NOT_FOUND.
 * And where Zeebe 8.5's MigrateProcessInstance refuses what the embedded executor does (the contract's
 * declared differences), the adapter says so: MIGRATION_REFUSED_BY_ZEEBE naming the element, nothing moved.
 */
const zeebe = zeebeTestEngine();

describe('Zeebe adapter without a record feed, on the real Zeebe 8.5 engine', function () {
  this.timeout(30_000);
  if (!zeebe) {
    // Skipped with its reason: scripts/test starts the real engine; a bare mocha run has none.
    it.skip(`not run: ${ZEEBE_NOT_STARTED}`);
    return;
  }
  let engine: ZeebeEngine;
  const events: UserTaskEvent[] = [];
  before(async () => {
    engine = new ZeebeEngine({ sdkConfig: zeebe.sdkConfig, pollIntervalMs: 50, taskReconcileMs: 200 });
    engine.onUserTask(async (e) => { events.push(e); });
    await engine.start();
  });
  after(() => engine.stop());

  it('announces a task cancelled inside Zeebe (instance cancelled) by reconciling its open tasks, and keeps tasks that still stand', async () => {
    const id = `reconcile_${Date.now()}`;
    await engine.deploy({ name: `${id}.bpmn`, xml: definitions(id, start() + userTask('review', { candidateGroups: 'dept:zjj' }) + end() + seq('start', 'review', 'end')) });
    const cancelled = (await engine.startInstance({ processId: id })).processInstanceKey;
    const standing = (await engine.startInstance({ processId: id })).processInstanceKey;
    const created = (key: string) => eventually(() => events.find((e) => e.type === 'created' && e.task.processInstanceKey === key)?.task, `the task of ${key}`);
    await created(cancelled);
    const kept = await created(standing);
    await engine.cancelInstance(cancelled);
    await eventually(() => events.find((e) => e.type === 'canceled' && e.task.processInstanceKey === cancelled), 'the cancellation', 5000);
    await new Promise((r) => setTimeout(r, 600));
    expect(events.filter((e) => e.type === 'canceled' && e.task.processInstanceKey === standing)).to.have.length(0);
    await engine.completeUserTask(kept.key);
    expect(events.filter((e) => e.task.processInstanceKey === standing).map((e) => e.type)).to.deep.equal(['created', 'completed']);
  });

  it('refuses to move a task onto an element with a timer boundary event, naming it, and the task completes on v1', async () => {
    const id = `migrate_timer_${Date.now()}`;
    await engine.deploy({ name: `${id}.bpmn`, xml: definitions(id, start() + userTask('review') + end() + seq('start', 'review', 'end')) });
    const key = (await engine.startInstance({ processId: id })).processInstanceKey;
    const task = await eventually(() => events.find((e) => e.type === 'created' && e.task.processInstanceKey === key)?.task, 'the task');
    const [v2] = await engine.deploy({ name: `${id}.bpmn`, xml: definitions(id, start() + userTask('review') + boundary('late', 'review', timerDef('timeDuration', 'PT1H')) + end() + end('e2') + seq('start', 'review', 'end') + seq('late', 'e2')) });
    const refused = await engine.migrateInstance({ processInstanceKey: key, targetProcessDefinitionKey: v2.key, mappings: [{ sourceElementId: 'review', targetElementId: 'review' }] }).catch((e) => e);
    expect(refused.code, String(refused)).to.equal('MIGRATION_REFUSED_BY_ZEEBE');
    expect(refused.fields[0].field).to.equal('review');
    expect(refused.zh).to.contain('Zeebe 8.5 拒绝迁移');
    await engine.completeUserTask(task.key);
    expect(events.filter((e) => e.task.processInstanceKey === key).map((e) => [e.type, e.task.processVersion])).to.deep.equal([['created', 1], ['completed', 1]]);
  });
});
