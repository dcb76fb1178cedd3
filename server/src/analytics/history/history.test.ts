import { expect } from 'chai';
import { TokenService } from '../../auth/index.ts';
import { catalogModels } from '../../catalog/index.ts';
import { startHall, type TestHall } from '../../../test/hall.ts';
import { testConfig } from '../../../test/support.ts';
import { caseFactModel, taskFactModel, type CaseFact, type TaskFact } from '../facts.ts';
import { seedHistory } from './drive.ts';
import { historyMatters, pathOfMatter } from './plan.ts';

/**
 * scripts/seed-history beyond the single-department matters (issue 16): a 即办件 decided by the
 * window staff at its category window (公安窗口, and the Shapotou sub-hall's), a 并联 matter reviewed
 * by the lead and its parallel departments, a 联合审图 matter reviewed by every unit of the review
 * room, consolidated and decided — each through the real engine, workers and documents on the fast
 * clock, each step leaving its fact, 住建局 slow at its review.
 */
describe('generated history drives 即办, 并联 and 联合审图 matters through the real hall', function () {
  this.timeout(600_000);
  let t: TestHall;
  let virtual: number | undefined;
  before(async () => {
    t = await startHall('history', { clock: () => new Date(virtual ?? Date.now()), engineNow: () => virtual ?? Date.now() });
  });
  after(() => t?.close());

  it('covers the 50 matters and their four paths', () => {
    expect(new Set(historyMatters).size).to.equal(50);
    const paths = historyMatters.map(pathOfMatter);
    expect(['single', 'immediate', 'parallel', 'joint'].map((p) => paths.filter((x) => x === p).length)).to.deep.equal([29, 10, 8, 3]);
  });

  it('closes each case with a fact per step, at the windows and by the departments the processes name', async () => {
    const db = t.hall.services.intake!.cases.db;
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const matters = ['gaj_cs', 'fgw_hz', 'zjj_xfsc', 'spt_gt'];
    const numbers = await seedHistory({ db, tokens: new TokenService(testConfig), baseUrl: t.baseUrl, setClock: (at) => { virtual = at.getTime(); } }, { cases: 4, start, days: 12, matters });
    virtual = undefined;
    expect(numbers).to.have.length(4);

    let facts: TaskFact[] = [];
    let cases: CaseFact[] = [];
    for (let i = 0; i < 100; i++) {
      facts = await taskFactModel(db).find().lean<TaskFact[]>();
      cases = await caseFactModel(db).find().lean<CaseFact[]>();
      if (cases.filter((c) => c.completed).length === 4 && facts.some((f) => f.elementId === 'handOver' && f.matterCode === 'zjj_xfsc')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const caseOf = (matter: string) => cases.find((c) => c.matterCode === matter)!;
    const stepsOf = (matter: string) => facts.filter((f) => f.matterCode === matter);
    expect(cases.map((c) => [c.matterCode, c.completed]).sort()).to.deep.equal(matters.map((m) => [m, true]).sort());

    // 即办件: received and decided at the window of its category, the same day
    const windows = new Map((await catalogModels(db).windows.find().lean()).map((w) => [w.number, w.category]));
    expect(windows.get(caseOf('gaj_cs').windowNumber)).to.equal('publicSecurity');
    expect(caseOf('spt_gt')).to.include({ zone: 'shapotou', handlingType: 'immediate' });
    for (const m of ['gaj_cs', 'spt_gt']) expect(stepsOf(m).map((f) => f.elementId)).to.deep.equal(['decideAtWindow']);

    // 并联: the lead and its parallel departments review, the lead decides, the certificate is handed over
    const parallel = stepsOf('fgw_hz');
    const reviewers = parallel.filter((f) => f.elementId === 'departmentReview').map((f) => f.departmentCode);
    expect(reviewers.length, JSON.stringify(parallel)).to.be.greaterThan(1);
    expect(parallel.filter((f) => f.elementId !== 'departmentReview').map((f) => f.elementId).sort()).to.deep.equal(['handOver', 'leadDecide']);

    // 联合审图: every unit of the review room, 住建局 days slower than the others, then 汇总, 决定, 出证
    const joint = stepsOf('zjj_xfsc');
    const units = joint.filter((f) => f.elementId === 'unitReview');
    expect(units.length, JSON.stringify(joint)).to.be.greaterThan(2);
    const zjj = units.find((f) => f.departmentCode === 'zjj')!;
    expect(zjj.handleHours).to.be.at.least(96);
    for (const other of units.filter((f) => f.departmentCode !== 'zjj')) expect(other.handleHours, other.departmentCode).to.be.below(24);
    expect(joint.filter((f) => f.elementId !== 'unitReview').map((f) => f.elementId).sort()).to.deep.equal(['consolidate', 'decide', 'handOver']);
  });
});
