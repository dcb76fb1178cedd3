import { expect } from 'chai';
import { boundary, definitions, end, seq, start, timerDef, userTask } from '../../../test/engine/contract/bpmn.ts';
import type { UserTaskEvent } from '../port.ts';
import { ZeebeEngine } from './engine.ts';
import { ZEEBE_NOT_STARTED, zeebeTestEngine } from '../../../test/engine/zeebe/test-engine.ts';
import { eventually } from '../../../test/engine/zeebe/test-support.ts';

/**
 * Where Zeebe 8.5's MigrateProcessInstance refuses what the embedded executor does (the contract's
 * declared difference: timer boundary events), the adapter says so: MIGRATION_REFUSED_BY_ZEEBE with
 * Zeebe's message naming the element, and the instance has not moved.
 */
const zeebe = zeebeTestEngine();

describe('Zeebe adapter: a migration Zeebe 8.5 refuses, on the real engine', function () {
  this.timeout(30_000);
  if (!zeebe) {
    // Skipped with its reason: scripts/test starts the real engine; a bare mocha run has none.
    it.skip(`not run: ${ZEEBE_NOT_STARTED}`);
    return;
  }
  let engine: ZeebeEngine;
  const events: UserTaskEvent[] = [];
  before(async () => {
    engine = new ZeebeEngine({ sdkConfig: zeebe.sdkConfig, pollIntervalMs: 50 });
    engine.onUserTask(async (e) => { events.push(e); });
    await engine.start();
  });
  after(() => engine.stop());

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
