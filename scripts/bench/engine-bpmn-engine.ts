/**
 * The measured alternative: the same cases on bpmn-engine 25 with its state persisted at every wait
 * (getState() saved to MongoDB; recover + resume on each event), as DESIGN.md describes.
 */
import { EventEmitter } from 'node:events';
import type { Connection } from 'mongoose';
import { Engine } from 'bpmn-engine';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { genericXml, REVIEWS } from './engine-process.ts';
import { percentile } from './engine-embedded.ts';

interface StateDoc { _id: string; state: unknown }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Api = any;

/** Runs the engine until it waits again; returns the ids of the user tasks it waits at, and whether it ended. */
async function runUntilWait(start: (listener: EventEmitter) => Promise<Api>): Promise<{ engine: Api; waiting: string[] }> {
  const listener = new EventEmitter();
  const waiting = new Set<string>();
  listener.on('wait', (api: Api) => waiting.add(api.id));
  listener.on('activity.end', (api: Api) => waiting.delete(api.id));
  const { engine, execution } = await start(listener);
  await new Promise((r) => setImmediate(r));
  void execution;
  return { engine, waiting: [...waiting] };
}

export async function bpmnEngineCases(db: Connection, cases: number, concurrency: number) {
  const states = db.db!.collection<StateDoc>('bench_bpmn_engine_states');
  const latencies: number[] = [];
  const source = genericXml;
  const services = { };
  const oneCase = async (i: number) => {
    const id = `BE-${i}`;
    let { engine, waiting } = await runUntilWait(async (listener) => {
      const engine = new Engine({ name: id, source, moddleOptions: { zeebe: zeebeModdle }, services, settings: { enableDummyService: true } });
      const execution = await engine.execute({ listener, variables: { caseId: id, applicant: '张三', matter: 'zjj_001' } });
      return { engine, execution };
    });
    await states.insertOne({ _id: id, state: await engine.getState() });
    for (const task of [...REVIEWS, 'approve']) {
      if (!waiting.includes(task) && !REVIEWS.includes(task)) throw new Error(`bpmn-engine is not waiting at ${task}: ${waiting}`);
      const t0 = performance.now();
      const saved = (await states.findOne({ _id: id }))!;
      ({ engine, waiting } = await runUntilWait(async (listener) => {
        const engine = new Engine({ name: id, moddleOptions: { zeebe: zeebeModdle }, services, settings: { enableDummyService: true } }).recover(saved.state);
        const execution = await engine.resume({ listener });
        execution.signal({ id: task, opinion: 'ok' });
        return { engine, execution };
      }));
      await states.replaceOne({ _id: id }, { state: await engine.getState() });
      latencies.push(performance.now() - t0);
    }
    if (engine.state !== 'idle' && engine.state !== 'completed') throw new Error(`bpmn-engine case ${id} did not end: ${engine.state}`);
  };
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, cases) }, async () => { while (next < cases) await oneCase(next++); }));
  const seconds = (performance.now() - t0) / 1000;
  const sample = await states.findOne({});
  return { cases, seconds, casesPerSecond: cases / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), finalStateBytes: sample ? JSON.stringify(sample.state).length : 0 };
}
