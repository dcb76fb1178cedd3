/**
 * Benchmark: official documents (the templates' sample data, all kinds in turn) rendered to PDF by
 * the production renderer (one shared Chromium, a pool of 2 pages). Phases: cold start (launch and
 * first PDF), warm sequential, warm concurrent (4 requests in flight on the pool of 2). Time per
 * PDF includes building the HTML. No database involved.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ChromiumPdfRenderer, kindList, renderHtml, SharedBrowser, sampleData } from '../../server/src/documents/index.ts';
import { pdfFontTypes } from '../../server/src/documents/pdf-tools.ts';

const count = Number(process.argv[2] ?? 200);
const concurrency = 4;
const samples = kindList.map((kind) => ({ kind, data: sampleData(kind) }));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function renderOne(renderer: ChromiumPdfRenderer, i: number): Promise<{ ms: number; pdf: Buffer }> {
  const { kind, data } = samples[i % samples.length];
  const started = now();
  const pdf = await renderer.render(renderHtml(kind, data));
  return { ms: now() - started, pdf };
}

function summary(name: string, times: number[], wallMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const result = { documents: times.length, perSecond: round(times.length / (wallMs / 1000)), p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), meanMs: round(times.reduce((a, b) => a + b, 0) / times.length) };
  console.log(`${name}: ${result.documents} PDFs, ${result.perSecond}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  return result;
}

/** CPU ms used so far by a process tree (Linux /proc; 100 ticks/s) — a figure other load does not inflate. */
function cpuMsOfTree(rootPid: number): number {
  const stats = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
    } catch {
      return [];
    }
  });
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) if (!tree.has(s.pid) && tree.has(s.ppid)) { tree.add(s.pid); grew = true; }
  }
  return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.ticks * 10, 0);
}
const cpuNow = (chromiumPid: number) => cpuMsOfTree(chromiumPid) + process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;

const browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const renderer = new ChromiumPdfRenderer(browser, { poolSize: 2 });

const coldStart = now();
const first = await renderOne(renderer, 0);
const cold = { launchAndFirstPdfMs: round(now() - coldStart), firstPdfBytes: first.pdf.length };
console.log(`cold: launch + first PDF ${cold.launchAndFirstPdfMs} ms`);
writeFileSync('/tmp/onewindow-bench.pdf', first.pdf);
const fonts = await pdfFontTypes('/tmp/onewindow-bench.pdf');

for (let i = 0; i < 16; i++) await renderOne(renderer, i); // warm-up: every kind twice, both pool pages

const chromiumPid = (await browser.get()).process()!.pid!;
const seqTimes: number[] = [];
let cpuStart = cpuNow(chromiumPid);
let started = now();
for (let i = 0; i < count; i++) seqTimes.push((await renderOne(renderer, i)).ms);
const sequential = { ...summary('warm sequential', seqTimes, now() - started), cpuMsPerPdf: round((cpuNow(chromiumPid) - cpuStart) / count) };

const concTimes: number[] = [];
let next = 0;
cpuStart = cpuNow(chromiumPid);
started = now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < count) concTimes.push((await renderOne(renderer, next++)).ms);
}));
const concurrent = { ...summary(`warm concurrent (${concurrency} in flight, pool of 2)`, concTimes, now() - started), cpuMsPerPdf: round((cpuNow(chromiumPid) - cpuStart) / count) };
console.log(`CPU per PDF (Chromium + node): sequential ${sequential.cpuMsPerPdf} ms, concurrent ${concurrent.cpuMsPerPdf} ms; 2 cores can give at most ~${round(2000 / concurrent.cpuMsPerPdf)} PDFs/s`);

await renderer.close();
await browser.close();
console.log(JSON.stringify({
  bench: 'documents.pdf', count, cold, sequential, concurrent: { ...concurrent, inFlight: concurrency, poolSize: 2 },
  fontTypes: [...new Set(fonts.map((f) => f.type))], chromium: 'Debian chromium', node: process.version,
  cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg().map(round),
}));
