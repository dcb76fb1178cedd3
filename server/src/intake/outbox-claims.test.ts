import { expect } from 'chai';
import { caseModel, type Case } from './case.model.ts';
import type { CaseProcessStarter, NoticeIssuer } from './ports.ts';
import { IntakeService } from './service.ts';
import { IntakeTimers } from './timers.ts';
import { startHall, type TestHall } from '../../test/hall.ts';

const company = { kind: 'organisation', name: '中卫市沙坡头区云杉文化娱乐有限公司', uscc: '1164050064050037XR' };
const contact = { name: '马建国', phone: '13912342866' };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Test doubles that count what the outbox asks of them and take their time, so that racing drains overlap. */
function countingDoubles(calls: Map<string, number>) {
  const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);
  const processes: CaseProcessStarter = {
    async start(caseDoc) { count(`start:${caseDoc.caseNumber}`); await pause(40); return { processInstanceKey: `pi-${caseDoc.caseNumber}`, processId: 'p', version: 1 }; },
    async cancel() {},
    async publish() {},
  };
  const notices: NoticeIssuer = {
    async issue(request) { count(`notice:${request.ref.caseNumber}:${request.kind}`); await pause(40); return { documentId: `d-${request.ref.caseNumber}`, verificationCode: 'ABCDE12345' }; },
  };
  return { processes, notices };
}

/**
 * Issue 17: the intake outbox checked then acted with no claim and the sweep ran in every process,
 * so two server processes could start a case's process twice and render its notices twice. Here two
 * intake services (two halls' worth of outbox and timers, each its own claim owner) share one real
 * database and race the same pending outboxes.
 */
describe('intake outbox under claims: two halls racing one database start each process once and issue each notice once', function () {
  this.timeout(120_000);
  let t: TestHall;
  let template: Case;
  const calls = new Map<string, number>();
  let halls: IntakeService[];

  before(async () => {
    t = await startHall('outbox-claims', { clock: () => new Date('2026-09-18T02:00:00Z') });
    const clerk = await t.signIn('clerk');
    const matter = await t.http.get('/api/matters/mzj_st').auth(clerk, { type: 'bearer' });
    const materials = (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true }));
    const res = await t.http.post('/api/cases').auth(clerk, { type: 'bearer' }).send({ matterCode: 'mzj_st', applicant: company, contact, materials, decision: { outcome: 'accept' } });
    expect(res.status, res.text).to.equal(201);
    const intake = t.hall.services.intake!;
    template = (await intake.cases.findOne({ caseNumber: res.body.caseNumber }).lean<Case>())!;
    halls = [0, 1].map(() => new IntakeService({ db: intake.cases.db, calendar: intake.calendar, ...countingDoubles(calls), clock: () => new Date('2026-09-18T02:00:00Z') }));
  });
  after(() => t?.close());

  /** Accepted cases whose follow-ups are saved but not done (as a crash right after the decision leaves them). */
  async function pendingCases(prefix: string, n: number): Promise<string[]> {
    const numbers = Array.from({ length: n }, (_, i) => `${template.caseNumber}-${prefix}${i}`);
    const { _id, ...rest } = template;
    void _id;
    await caseModel(t.hall.services.intake!.cases.db).insertMany(numbers.map((caseNumber) => ({
      ...rest, caseNumber, processInstanceKey: undefined, processId: undefined, documents: [],
      timeline: rest.timeline.filter((e) => e.type === 'received' || e.type === 'accepted'), outbox: ['notice:acceptance', 'startProcess'],
    })));
    return numbers;
  }

  it('drains each case once when both halls sweep and a request drains at the same moment', async () => {
    const numbers = await pendingCases('R', 6);
    const [a, b] = halls;
    await Promise.all([
      new IntakeTimers(a).sweep(), new IntakeTimers(b).sweep(), a.outbox.drainAll(), b.outbox.drainAll(),
      ...numbers.map((n, i) => halls[i % 2].outbox.drain(n)),
    ]);
    for (const n of numbers) {
      expect(calls.get(`start:${n}`), `process of ${n} started`).to.equal(1);
      expect(calls.get(`notice:${n}:acceptance`), `acceptance of ${n} issued`).to.equal(1);
      const saved = (await a.cases.findOne({ caseNumber: n }).lean<Case>())!;
      expect(saved.outbox).to.deep.equal([]);
      expect(saved.timeline.filter((e) => e.type === 'processStarted')).to.have.length(1);
      expect(saved.documents.filter((d) => d.kind === 'acceptance')).to.have.length(1);
    }
  });

  it('leaves a case alone while a live owner holds its claim, and takes it over once that claim expired', async () => {
    const [n] = await pendingCases('L', 1);
    const db = t.hall.services.intake!.cases.db;
    const expiresAt = new Date(Date.now() + 60_000);
    await db.collection('work_claims').insertOne({ _id: `outbox:${n}#000000001` as never, key: `outbox:${n}`, generation: 1, owner: 'hall-z:1:dead', host: 'hall-z', pid: 1, takenAt: new Date(), expiresAt });
    await halls[0].outbox.drainAll();
    expect(calls.get(`start:${n}`), 'not started while the claim lives').to.equal(undefined);
    await db.collection('work_claims').updateOne({ key: `outbox:${n}` }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await halls[1].outbox.drainAll();
    expect(calls.get(`start:${n}`), 'started by the process that took the expired claim over').to.equal(1);
    expect((await halls[1].cases.findOne({ caseNumber: n }).lean<Case>())!.outbox).to.deep.equal([]);
  });
});
