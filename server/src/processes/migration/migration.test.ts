import { expect } from 'chai';
import { auditModel } from '../../audit/index.ts';
import { caseReads } from '../../intake/index.ts';
import { actorOf, approverWithPowers, eventually, openTask, receiveAccepted, reviewAndDecide, type Actor } from '../../../test/e2e/steps.ts';
import { startHall, type TestHall } from '../../../test/hall.ts';
import { mappingOf, RENAMED_REVIEW, withReviewRenamed } from '../../../test/support/migration/fixtures.ts';

const PROCESS = 'single-department-approval';
const base = `/api/processes/${PROCESS}/migrations`;

/**
 * Issue 14 (流程实例迁移): a case waits at 审查 on v1; v2 renames the step (new id). The designer
 * previews, is refused a mapping that loses the step (nothing moves), migrates with the step mapped,
 * and the case goes on at the renamed step to its end — on the real embedded engine and FerretDB.
 */
describe('processes: moving running cases to a new version', function () {
  this.timeout(240_000);
  let t: TestHall;
  let clerk: Actor;
  let designer: Actor;
  let approver: Actor;
  let caseNumber: string;
  let v2Mapping: ReturnType<typeof mappingOf>;

  before(async () => {
    t = await startHall('migration');
    clerk = actorOf(t, await t.signIn('clerk'));
    designer = actorOf(t, await t.signIn('designer'));
    approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
    ({ caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' }));
    await openTask(approver, caseNumber, 'review');
    const v1 = await designer.get(`/api/processes/${PROCESS}/versions/1/xml`);
    const published = await designer.post('/api/processes', { xml: withReviewRenamed(v1.text) });
    expect(published.status, published.text).to.equal(201);
    expect(published.body.processes[0]).to.include({ version: 2 });
  });
  after(() => t?.close());

  const caseDoc = () => caseReads(t.hall.services.intake!.cases.db).findOne({ caseNumber }).lean();

  it('previews the case as unable to move while the renamed step is unmapped, and able once it is', async () => {
    const prefilled = await designer.post(`${base}/preview`, { sourceVersion: 1, targetVersion: 2 });
    expect(prefilled.status, prefilled.text).to.equal(200);
    expect(prefilled.body.mappings.map((m: { sourceElementId: string }) => m.sourceElementId)).to.include.members(['handling', 'decide']).and.not.include('review');
    const stuck = prefilled.body.cases.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
    expect(stuck).to.include({ canMove: false, currentStep: '审查' });
    expect(stuck.problems.map((p: { elementId: string; code: string }) => `${p.elementId} ${p.code}`)).to.deep.equal(['review ACTIVE_UNMAPPED']);
    v2Mapping = [...prefilled.body.mappings, ...mappingOf({ review: RENAMED_REVIEW })];
    const mapped = await designer.post(`${base}/preview`, { sourceVersion: 1, targetVersion: 2, mappings: v2Mapping });
    expect(mapped.body.cases.find((c: { caseNumber: string }) => c.caseNumber === caseNumber)).to.include({ canMove: true });
  });

  it('refuses a mapping that loses the active step, or changes an element\'s type, naming the element, and moves nothing', async () => {
    const lost = await designer.post(base, { sourceVersion: 1, targetVersion: 2, mappings: v2Mapping.filter((m) => m.sourceElementId !== 'review'), caseNumbers: [caseNumber] });
    expect(lost.status, lost.text).to.equal(422);
    expect(lost.type).to.equal('application/problem+json');
    expect(lost.body.code).to.equal('MIGRATION_MAPPING_INVALID');
    expect(lost.body.fields.map((f: { field: string }) => f.field)).to.deep.equal(['review']);
    expect(lost.body.message.zh).to.contain('审查');
    const retyped = await designer.post(base, { sourceVersion: 1, targetVersion: 2, mappings: [...v2Mapping.filter((m) => m.sourceElementId !== 'review'), ...mappingOf({ review: 'reviewGateway' })], caseNumbers: [caseNumber] });
    expect(retyped.status).to.equal(422);
    expect(retyped.body.fields).to.deep.include({ field: 'review', message: 'review (userTask) is mapped to reviewGateway of another type (exclusiveGateway)' });
    const unknown = await designer.post(base, { sourceVersion: 1, targetVersion: 2, mappings: mappingOf({ review: 'nowhere' }), caseNumbers: [caseNumber] });
    expect([unknown.status, unknown.body.fields[0].field]).to.deep.equal([422, 'review']);
    const same = await designer.post(base, { sourceVersion: 2, targetVersion: 2, mappings: [], caseNumbers: [caseNumber] });
    expect([same.status, same.body.code]).to.deep.equal([400, 'VALIDATION_FAILED']);
    expect((await clerk.post(`${base}/preview`, { sourceVersion: 1, targetVersion: 2 })).status).to.equal(403);
    const still = await caseDoc();
    expect(still).to.include({ processVersion: 1 });
    expect(still!.currentStep).to.include({ elementId: 'review', name: '审查' });
    expect(still!.timeline.filter((e) => e.type === 'processMigrated')).to.deep.equal([]);
  });

  it('moves the case to v2 once (a retry changes nothing), logs it on the timeline and in the audit trail, and the case completes at the renamed step', async () => {
    const before = await openTask(approver, caseNumber, 'review');
    const body = { sourceVersion: 1, targetVersion: 2, mappings: v2Mapping, caseNumbers: [caseNumber] };
    const moved = await designer.post(base, body);
    expect(moved.status, moved.text).to.equal(200);
    expect(moved.body.results).to.deep.equal([{ caseNumber, outcome: 'moved' }]);
    const again = await designer.post(base, body);
    expect(again.body.results).to.deep.equal([{ caseNumber, outcome: 'alreadyMoved' }]);

    const after = await caseDoc();
    expect(after).to.include({ processVersion: 2 });
    expect(after!.timeline.filter((e) => e.type === 'processMigrated')).to.have.length(1);
    const audit = await auditModel(t.hall.services.intake!.cases.db).find({ action: 'process.migrate', 'subject.id': caseNumber }).lean();
    expect(audit.map((a) => a.data)).to.deep.equal([{ processId: PROCESS, processInstanceKey: after!.processInstanceKey, fromVersion: 1, toVersion: 2, mappings: mappingOf({ review: RENAMED_REVIEW }) }]);
    // the board's entry and the case's current step follow the task, which keeps its key
    await eventually(async () => ((await caseDoc())!.currentStep?.elementId === RENAMED_REVIEW ? true : undefined), 'the current step to follow');
    expect((await caseDoc())!.currentStep).to.include({ name: '实质审查', taskKey: before.key });
    const task = await eventually(async () => {
      const found = await t.hall.services.board!.tasks.findById(before.key).lean();
      return found?.elementId === RENAMED_REVIEW ? found : undefined;
    }, 'the board entry to follow');
    expect(task).to.include({ name: '实质审查', processVersion: 2, state: 'open', step: 'review' });

    await reviewAndDecide(t, approver, caseNumber);
    const issuer = actorOf(t, await t.signIn('issuer'));
    expect((await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, { method: 'post', recipientName: '马文静', trackingNumber: 'EMS1234567891' })).status).to.equal(200);
    await eventually(async () => ((await caseDoc())!.status === 'completed' ? true : undefined), 'the case to complete on v2');
    const versions = new Set((await t.hall.services.board!.tasks.find({ caseNumber, kind: 'engine' }).lean()).map((x) => x.processVersion));
    expect([...versions]).to.deep.equal([2]);
  });
});
