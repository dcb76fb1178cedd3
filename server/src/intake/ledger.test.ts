import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { caseModel, type Case } from './case.model.ts';
import { caseLedger, type CaseLedger } from './ledger.ts';

/** A case as intake leaves it after acceptance, written straight to the database (the ledger's input). */
async function acceptedCase(db: Connection, caseNumber: string, status: Case['status'] = 'accepted'): Promise<void> {
  await caseModel(db).create({
    caseNumber, matterCode: 'zjj_sgxk', matterName: '建筑工程施工许可证核发', departmentCode: 'zjj', handlingType: 'promised',
    windowNumber: '1', receivedBy: 'clerk', applicant: { kind: 'organisation', name: '中卫市宏达建设有限公司', uscc: '91640500MA76XK2Q1B' },
    contact: { name: '马建国', phone: '13912342866', phoneLast4: '2866' }, materials: [], status, stage: 'intake', receivedOn: '2026-03-02',
    acceptedOn: '2026-03-02', pauses: [], documents: [], timeline: [], outbox: [], rev: 0,
  });
}

describe('the case ledger: every change another feature makes to a case, once per operation id', function () {
  this.timeout(60_000);
  let db: Connection;
  let ledger: CaseLedger;
  const read = async (caseNumber: string) => (await caseModel(db).findOne({ caseNumber }).lean<Case>())!;

  before(async () => {
    db = await testDatabase('ledger');
    ledger = caseLedger(db);
  });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('appends a timeline entry once however often the same operation is written (a redelivered job)', async () => {
    await acceptedCase(db, 'L-1');
    const first = await ledger.append('L-1', 'job:101', { type: 'notified', data: { template: 'accepted' } });
    const again = await ledger.append('L-1', 'job:101', { type: 'notified', data: { template: 'accepted' } });
    const other = await ledger.append('L-1', 'job:102', { type: 'notified', data: { template: 'dueSoon' } });
    expect([first, again, other]).to.deep.equal([true, false, true]);
    expect((await read('L-1')).timeline.map((e) => e.id)).to.deep.equal(['job:101', 'job:102']);
  });

  it('attaches a document and moves the stage in the same write, and a second delivery adds no second document', async () => {
    await acceptedCase(db, 'L-2');
    const doc = { kind: 'certificate', documentId: 'd-1', verificationCode: 'V1', issuedAt: new Date() };
    await ledger.attachDocument('L-2', 'certificate:L-2', doc, { type: 'certificatePrepared' }, { stage: 'issuing' });
    await ledger.attachDocument('L-2', 'certificate:L-2', { ...doc, documentId: 'd-2' }, { type: 'certificatePrepared' }, { stage: 'issuing' });
    const c = await read('L-2');
    expect(c.documents.map((d) => d.documentId)).to.deep.equal(['d-1']);
    expect(c.stage).to.equal('issuing');
    expect(c.timeline).to.have.length(1);
  });

  it('moves the stage only while the case has the status named: a job in flight does not reopen a terminated case', async () => {
    await acceptedCase(db, 'L-3', 'terminated');
    expect(await ledger.setStage('L-3', 'job:7', 'approval', { type: 'transferred' }, { whileStatus: 'accepted' })).to.equal(false);
    const c = await read('L-3');
    expect(c.stage).to.equal('intake');
    expect(c.timeline).to.have.length(0);
  });

  it('completes a case once, closing it and ending its current step', async () => {
    await acceptedCase(db, 'L-4');
    await ledger.enterStep('L-4', 'task:9:created', { name: '出件', elementId: 'issue', since: new Date(), taskKey: '9' }, { type: 'taskCreated' });
    expect((await read('L-4')).currentStep?.taskKey).to.equal('9');
    expect(await ledger.complete('L-4', 'completed:L-4', { type: 'completed', data: { serviceMethod: 'inPerson' } })).to.equal(true);
    expect(await ledger.complete('L-4', 'completed:L-4', { type: 'completed', data: { serviceMethod: 'inPerson' } })).to.equal(false);
    const c = await read('L-4');
    expect([c.status, c.stage, c.currentStep]).to.deep.equal(['completed', 'closed', undefined]);
    expect(c.timeline.filter((e) => e.type === 'completed')).to.have.length(1);
  });

  it('leaves a step without clearing a later step that has already taken its place', async () => {
    await acceptedCase(db, 'L-5');
    await ledger.enterStep('L-5', 'task:1:created', { name: '审查', elementId: 'review', since: new Date(), taskKey: '1' }, { type: 'taskCreated' });
    await ledger.enterStep('L-5', 'task:2:created', { name: '决定', elementId: 'decide', since: new Date(), taskKey: '2' }, { type: 'taskCreated' });
    await ledger.leaveStep('L-5', 'task:1:completed', '1', { type: 'taskCompleted' });
    expect((await read('L-5')).currentStep?.taskKey).to.equal('2');
    await ledger.leaveStep('L-5', 'task:2:completed', '2', { type: 'taskCompleted' });
    expect((await read('L-5')).currentStep).to.equal(undefined);
  });

  it('refuses to pause a clock it was not given (only the intake service\'s ledger knows the calendar)', async () => {
    await acceptedCase(db, 'L-6');
    let message = '';
    try {
      await ledger.pauseClock('L-6', '2026-03-05', '专家评审');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/without the case clock/);
    expect((await read('L-6')).pauses).to.deep.equal([]);
  });

  it('writes nothing for an unknown case and says so', async () => {
    expect(await ledger.append('NO-SUCH', 'job:1', { type: 'notified' })).to.equal(false);
    expect(await ledger.exists('NO-SUCH')).to.equal(false);
    expect(await ledger.read('NO-SUCH')).to.equal(undefined);
  });
});
