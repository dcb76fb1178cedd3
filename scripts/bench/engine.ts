/**
 * Engine benchmark: the generic approval process (receive → transfer → three parallel reviews →
 * approve → issue) end to end on the embedded executor with every event persisted, then the same
 * cases on bpmn-engine 25 with its state persisted at every wait. Usage: engine.ts [cases]
 * Prints the figures and, last, one JSON line. Name the database beside every figure.
 */
import os from 'node:os';
import mongoose from 'mongoose';
import { MAX_POOL_SIZE } from '../../server/src/shared/db.ts';
import { fullCases, stateBytes, timerPickup } from './engine-embedded.ts';
import { bpmnEngineCases } from './engine-bpmn-engine.ts';
import { commandCounter, cpuMeter } from './engine-cpu.ts';
import { keepFerretIdIndexes } from '../../server/src/shared/ferretdb-ids.ts';

const size = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const base = new URL(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/bench');
base.pathname = `/bench_engine_${Date.now().toString(36)}`;
// As shared/db.ts connects, plus command monitoring (commands per case).
const db = await mongoose.createConnection(base.toString(), { serverSelectionTimeoutMS: 10_000, maxPoolSize: MAX_POOL_SIZE, monitorCommands: true }).asPromise();
const commands = commandCounter(db);
// As the server does beside its own FerretDB: add the `_id` index FerretDB 1.24 lacks, for collections as they appear.
const idIndexes = keepFerretIdIndexes(process.env.FERRETDB_SQLITE_DIR, db.db!.databaseName, (e) => console.error('FerretDB _id index:', e), 250);
const f = (n: number, d = 1) => n.toFixed(d);

try {
  const info = await db.db!.admin().command({ buildInfo: 1 }).catch(() => ({} as Record<string, unknown>));
  const database = info.ferretdbVersion ? `FerretDB ${String(info.ferretdbVersion)}` : `MongoDB ${String(info.version ?? '?')}`;
  console.log(`engine benchmark: ${size} cases, concurrency ${concurrency}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${database}, load ${os.loadavg().map((l) => f(l, 2)).join(' ')}`);

  let meter = cpuMeter();
  const counted = commands();
  const embedded = await fullCases(db, size, concurrency);
  const embCpu = meter();
  const embCommands = counted();
  const commandsPerCase = embCommands.total / size;
  const embCpuPerCase = { node: embCpu.nodeMs / size, db: embCpu.dbMs / size };
  console.log(`embedded: ${size} full cases in ${f(embedded.seconds)} s = ${f(embedded.casesPerSecond)} cases/s; task completion p50 ${f(embedded.p50)} ms, p99 ${f(embedded.p99)} ms`);
  console.log(`embedded: CPU per case ${f(embCpuPerCase.node)} ms node${embCpu.dbMeasured ? ` + ${f(embCpuPerCase.db)} ms database` : ''}`);
  console.log(`embedded: ${f(commandsPerCase)} database commands per case (${JSON.stringify(embCommands.byName)}); instance writes per batch ${JSON.stringify(embedded.batches)}`);

  const state = await stateBytes(db, Math.min(size, 200));
  console.log(`embedded: state of an instance waiting at its three reviews: ${state.avgBytes} B average, ${state.maxBytes} B max (${state.waiting} instances)`);

  const pickup = await timerPickup(db, size * 10);
  console.log(`embedded: ${pickup.instances} instances waiting at due timers picked up after a restart and completed in ${f(pickup.seconds, 2)} s (created in ${f(pickup.createSeconds)} s); batches ${JSON.stringify(pickup.batches)}`);

  const beCases = Math.max(4, Math.min(size, Math.ceil(size / 10)));
  meter = cpuMeter();
  const be = await bpmnEngineCases(db, beCases, concurrency);
  const beCpu = meter();
  const beCpuPerCase = { node: beCpu.nodeMs / beCases, db: beCpu.dbMs / beCases };
  console.log(`bpmn-engine 25 (state persisted at every wait): ${beCases} cases in ${f(be.seconds)} s = ${f(be.casesPerSecond)} cases/s; task completion p50 ${f(be.p50)} ms, p99 ${f(be.p99)} ms; final state ${be.finalStateBytes} B`);
  console.log(`bpmn-engine: CPU per case ${f(beCpuPerCase.node)} ms node${beCpu.dbMeasured ? ` + ${f(beCpuPerCase.db)} ms database` : ''}`);
  const ratio = embedded.casesPerSecond / be.casesPerSecond;
  const cpuRatio = (beCpuPerCase.node + beCpuPerCase.db) / (embCpuPerCase.node + embCpuPerCase.db);
  console.log(`embedded / bpmn-engine: ${f(ratio)}× by wall clock, ${f(cpuRatio)}× by CPU per case`);

  console.log(JSON.stringify({
    cases: size, concurrency, cpus: os.cpus().length, database,
    embeddedCasesPerSecond: +f(embedded.casesPerSecond), taskCompletionP50Ms: +f(embedded.p50), taskCompletionP99Ms: +f(embedded.p99),
    stateBytesPerWaitingInstance: state.avgBytes, timerPickup: { instances: pickup.instances, seconds: +f(pickup.seconds, 2) },
    bpmnEngine: { cases: beCases, casesPerSecond: +f(be.casesPerSecond, 2), taskCompletionP50Ms: +f(be.p50), taskCompletionP99Ms: +f(be.p99), stateBytes: be.finalStateBytes },
    cpuPerCaseMs: { node: +f(embCpuPerCase.node), database: +f(embCpuPerCase.db) },
    commandsPerCase: +f(commandsPerCase), commands: embCommands.byName, batches: embedded.batches, timerPickupBatches: pickup.batches,
    loadAverage: os.loadavg().map((l) => +f(l)),
    bpmnEngineCpuPerCaseMs: { node: +f(beCpuPerCase.node), database: +f(beCpuPerCase.db) },
    speedup: +f(ratio), cpuSpeedup: +f(cpuRatio),
  }));
} finally {
  idIndexes.stop();
  await db.dropDatabase();
  await db.close();
}
