import { expect } from 'chai';
import { certificateModel } from '../../src/issuing/certificate.model.ts';
import { startHall, type TestHall } from '../hall.ts';
import { actorOf, eventually, openTask, permitReadyForPickup, type Actor } from './steps.ts';

/**
 * Issue 11 (出件): besides 窗口领取 and 邮寄送达 the issuing window serves the certificate electronically
 * (电子送达) to the address the applicant consented to; the address is on the certificate's service
 * record (送达回证) and on the case timeline. Without the address the hand-over is refused and nothing changes.
 */
describe('electronic service (电子送达) at the issuing window', function () {
  this.timeout(240_000);
  let t: TestHall;
  let issuer: Actor;
  let director: Actor;
  let caseNumber: string;

  before(async () => {
    t = await startHall('esvc');
    issuer = actorOf(t, await t.signIn('issuer'));
    director = actorOf(t, await t.signIn('director'));
    caseNumber = await permitReadyForPickup(t);
  });
  after(() => t?.close());

  const certificates = () => certificateModel(t.hall.services.intake!.cases.db);

  it('refuses electronic service without the consented address: 400 problem+json naming the field, nothing changed', async () => {
    const before = await director.get(`/api/cases/${caseNumber}`);
    const res = await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, { method: 'electronic', recipientName: '马文静' });
    expect(res.status, res.text).to.equal(400);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field).join(' ')).to.contain('electronicAddress');
    // a malformed address and an address on another manner of service are refused the same way
    for (const body of [{ method: 'electronic', recipientName: '马文静', electronicAddress: '马文静 的邮箱' }, { method: 'inPerson', recipientName: '马文静', electronicAddress: 'mwj@example.cn' }]) {
      const bad = await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, body);
      expect(bad.status, bad.text).to.equal(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field).join(' ')).to.contain('electronicAddress');
    }
    const after = await director.get(`/api/cases/${caseNumber}`);
    expect(after.body.status).to.equal(before.body.status).and.not.equal('completed');
    // the engine may still add its own entries of the preceding steps meanwhile; the refusals add none
    expect(after.body.timeline.slice(0, before.body.timeline.length)).to.deep.equal(before.body.timeline);
    expect(after.body.timeline.filter((e: { type: string }) => e.type === 'completed')).to.deep.equal([]);
    expect((await certificates().findOne({ caseNumber }).lean())!.service).to.equal(undefined);
    await openTask(issuer, caseNumber, 'handOver'); // still waiting at the window
  });

  it('serves the certificate electronically and records the address on the certificate and the case timeline', async () => {
    const res = await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, { method: 'electronic', recipientName: '马文静', electronicAddress: ' mawenjing@yunshan-jianshe.cn ' });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.service).to.include({ method: 'electronic', electronicAddress: 'mawenjing@yunshan-jianshe.cn', recipientName: '马文静', servedBy: 'issuer', servedByName: '出证窗口 李娜' });
    const closed = await eventually(async () => {
      const c = await director.get(`/api/cases/${caseNumber}`);
      return c.body.status === 'completed' ? c.body : undefined;
    }, 'the case to close after electronic service');
    const completed = closed.timeline.find((e: { type: string }) => e.type === 'completed');
    expect(completed.data).to.deep.include({ serviceMethod: 'electronic', electronicAddress: 'mawenjing@yunshan-jianshe.cn' });
    const service = (await certificates().findOne({ caseNumber }).lean())!.service!;
    expect(service).to.include({ method: 'electronic', recipientName: '马文静', electronicAddress: 'mawenjing@yunshan-jianshe.cn', servedBy: 'issuer', servedByName: '出证窗口 李娜' });
    expect(service.servedAt).to.be.instanceOf(Date);
    expect(service.trackingNumber).to.equal(undefined);
  });
});
