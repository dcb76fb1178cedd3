import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { MAX_POOL_SIZE } from '../../shared/db.ts';
import type { UserTaskEvent } from '../port.ts';
import { EmbeddedEngine } from './engine.ts';
import { readEventLog } from './event-log.ts';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="commit_defs" targetNamespace="http://onewindow.test">
<bpmn:process id="commit_review" isExecutable="true">
<bpmn:startEvent id="start"/><bpmn:userTask id="review" name="审查"/><bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
</bpmn:process></bpmn:definitions>`;

/** Commands on `engine_instances` as the driver reports them, and the instance keys the database answered for. */
function watch(db: Connection) {
  const seen: string[] = [];
  const answered = new Set<string>();
  const pending = new Map<number, string[]>();
  const client = db.getClient();
  client.on('commandStarted', (e) => {
    if (e.command[e.commandName] !== 'engine_instances') return;
    seen.push(e.commandName);
    const ids = [...(e.command.documents ?? []), ...(e.command.updates ?? []).map((u: { q: { _id: string } }) => u.q)].map((d: { _id: string }) => d._id);
    pending.set(e.requestId, ids);
  });
  client.on('commandSucceeded', (e) => {
    for (const id of pending.get(e.requestId) ?? []) answered.add(id);
    pending.delete(e.requestId);
  });
  return { seen, answered, reset: () => { seen.length = 0; } };
}

describe('engine: the commit path (write-through cache, group commit)', function () {
  this.timeout(60_000);
  let db: Connection;
  let engine: EmbeddedEngine | undefined;
  let commands: ReturnType<typeof watch>;

  before(async () => {
    const base = new URL(process.env.MONGODB_URI!);
    base.pathname = `/t_engine_commit_${process.pid}`;
    db = await mongoose.createConnection(base.toString(), { maxPoolSize: MAX_POOL_SIZE, monitorCommands: true }).asPromise();
    commands = watch(db);
  });
  afterEach(async () => { await engine?.stop(); });
  after(async () => { await db.dropDatabase(); await db.close(); });

  async function engineWithTasks(ownsInstances: boolean) {
    engine = new EmbeddedEngine({ db, ownsInstances, idlePollMs: 100 });
    const tasks: UserTaskEvent[] = [];
    engine.onUserTask(async (e) => { if (e.type === 'created') tasks.push(e); });
    await engine.start();
    await engine.deploy({ name: 'commit.bpmn', xml });
    return { engine, tasks };
  }

  it('advances an instance it owns (topology single) with one write and no read of the instance', async () => {
    // given an instance waiting at a user task, in a process that owns its instances
    const { engine, tasks } = await engineWithTasks(true);
    const { processInstanceKey } = await engine.startInstance({ processId: 'commit_review' });
    const task = tasks.find((t) => t.task.processInstanceKey === processInstanceKey)!;
    // when the task is completed
    commands.reset();
    await engine.completeUserTask(task.task.key, { ok: true });
    // then the instance was written once and never read back
    expect(commands.seen).to.deep.equal(['update']);
    const stored = await engine.c.instances.findOne({ _id: processInstanceKey });
    expect(stored?.state).to.equal('completed');
  });

  it('reads the instance at every event where it does not own the instances (topology cluster)', async () => {
    const { engine, tasks } = await engineWithTasks(false);
    const { processInstanceKey } = await engine.startInstance({ processId: 'commit_review' });
    const task = tasks.find((t) => t.task.processInstanceKey === processInstanceKey)!;
    commands.reset();
    await engine.completeUserTask(task.task.key, {});
    expect(commands.seen).to.deep.equal(['find', 'update']);
  });

  it('writes instances started together in shared batches and answers each caller only after the database answered its batch', async () => {
    // given an owning process
    const { engine } = await engineWithTasks(true);
    commands.reset();
    // when 20 instances are started at once
    const early: string[] = [];
    await Promise.all(Array.from({ length: 20 }, async () => {
      const { processInstanceKey } = await engine.startInstance({ processId: 'commit_review' });
      if (!commands.answered.has(processInstanceKey)) early.push(processInstanceKey);
    }));
    // then fewer inserts than instances went out, and no start was acknowledged before its write
    const inserts = commands.seen.filter((c) => c === 'insert').length;
    expect(inserts).to.be.greaterThan(0).and.lessThan(20);
    expect(Object.keys(engine.batchSizes()).some((size) => Number(size) > 1)).to.equal(true);
    expect(early, 'acknowledged before the database answered').to.deep.equal([]);
    // and their log lines went out as one page per batch, each instance's lines readable again
    const pages = await engine.c.events.countDocuments();
    const lines = await readEventLog(engine.c.events);
    expect(pages).to.be.lessThan(lines.length);
    const one = lines[lines.length - 1].processInstanceKey;
    const own = await readEventLog(engine.c.events, { processInstanceKey: one });
    expect(own.map((l) => `${l.elementId} ${l.intent}`)).to.deep.equal(['commit_review activated', 'start activated', 'start completed', 'review activated']);
    expect(own[0].at).to.be.instanceOf(Date);
  });

  it('starts 300 instances at once: callers released together by one key refill do not run out of keys', async () => {
    const { engine } = await engineWithTasks(true);
    const started = await Promise.all(Array.from({ length: 300 }, () => engine.startInstance({ processId: 'commit_review' })));
    expect(new Set(started.map((s) => s.processInstanceKey)).size).to.equal(300);
  });

  it('reads the database again when a cached instance is gone (a write that matches nothing is not a success)', async () => {
    // given an owned instance waiting at a task, removed from the database behind the process's back
    const { engine, tasks } = await engineWithTasks(true);
    const { processInstanceKey } = await engine.startInstance({ processId: 'commit_review' });
    const task = tasks.find((t) => t.task.processInstanceKey === processInstanceKey)!;
    await db.db!.collection('engine_instances').deleteOne({ _id: processInstanceKey as never });
    // when its task is completed, then the cached copy does not answer for it
    const error = await engine.completeUserTask(task.task.key, {}).then(() => null, (e: unknown) => e);
    expect((error as { code?: string } | null)?.code).to.equal('TASK_NOT_FOUND');
  });
});
