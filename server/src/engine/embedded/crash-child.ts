/**
 * Child process for the crash test (server/src/engine/crash.test.ts): runs the embedded executor on
 * the given database; handlers record their side effects idempotently by job key. With START=n it
 * starts n instances; with COMPLETE_TASKS=1 it completes every user task it hears of (and every
 * task recorded before a crash). With HANG=1 the work handler never answers (its job stays locked,
 * for JOB_TIMEOUT_MS, default 1500). With KILL_IN_BATCH=n it kills itself (SIGKILL) inside the n-th
 * group-commit batch of two or more instance writes: KILL_AT=sent right after sending it (the
 * database may apply some, all or none), KILL_AT=written after the database answered and before
 * the batch's log lines and any caller's answer. Prints `ready` once started, `batch <size>` before such a kill.
 */
import { connectDatabase } from '../../shared/db.ts';
import { EmbeddedEngine } from './engine.ts';
import { crashProcessXml } from './crash-process.ts';

const db = await connectDatabase(process.argv[2]);
const engine = new EmbeddedEngine({ db, idlePollMs: 100 });
const effects = db.db!.collection<{ _id: string; type: string; instance: string; deliveries: number }>('crash_effects');
const tasks = db.db!.collection<{ _id: string; open: boolean }>('crash_tasks');
const completeTasks = process.env.COMPLETE_TASKS === '1';
const killInBatch = Number(process.env.KILL_IN_BATCH ?? 0);
if (killInBatch) {
  // The crash test's hook into the batch write (a wrapper around the real driver call, which still runs).
  const instances = engine.c.instances;
  const bulkWrite = instances.bulkWrite.bind(instances);
  let batches = 0;
  const die = (size: number) => {
    process.stdout.write(`batch ${size}\n`, () => process.kill(process.pid, 'SIGKILL'));
  };
  instances.bulkWrite = (async (ops: Parameters<typeof bulkWrite>[0], options: Parameters<typeof bulkWrite>[1]) => {
    const last = ops.length >= 2 && ++batches === killInBatch;
    const written = bulkWrite(ops, options);
    if (!last) return written;
    if (process.env.KILL_AT !== 'sent') await written;
    die(ops.length);
    return new Promise(() => undefined);
  }) as typeof instances.bulkWrite;
}
const hang = process.env.HANG === '1';

for (const type of ['crash-work', 'crash-finish']) {
  engine.registerWorker(type, async (job) => {
    if (hang && type === 'crash-work') await new Promise(() => undefined);
    await new Promise((r) => setTimeout(r, Math.random() * 30));
    await effects.updateOne({ _id: job.key }, { $set: { type, instance: job.processInstanceKey }, $inc: { deliveries: 1 } }, { upsert: true });
    return { outcome: 'complete', variables: { [type]: true } };
  }, { timeoutMs: Number(process.env.JOB_TIMEOUT_MS ?? 1500), maxActiveJobs: 8 });
}

const complete = async (key: string) => {
  await engine.completeUserTask(key, { reviewed: true }).catch(() => undefined);
  await tasks.updateOne({ _id: key }, { $set: { open: false } });
};

engine.onUserTask(async (e) => {
  if (e.type !== 'created') return;
  await tasks.updateOne({ _id: e.task.key }, { $setOnInsert: { open: true } }, { upsert: true });
  if (completeTasks) await complete(e.task.key);
});

await engine.deploy({ name: 'crash.bpmn', xml: crashProcessXml });
await engine.start();
if (completeTasks) for (const t of await tasks.find({ open: true }).toArray()) await complete(t._id);
process.stdout.write('ready\n');

const n = Number(process.env.START ?? 0);
for (let i = 0; i < n; i++) {
  await engine.startInstance({ processId: 'crash', variables: { caseId: `crash-${i}`, wait: i % 2 === 0 } });
  await new Promise((r) => setTimeout(r, 20));
}
process.stdout.write('started\n');
