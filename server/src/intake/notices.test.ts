import { expect } from 'chai';
import { catalogModels } from '../catalog/index.ts';
import { issuedDocumentModel } from '../documents/index.ts';
import { pdfText } from '../documents/pdf-tools.ts';
import { startHall, type TestHall } from '../../test/hall.ts';

const company = { kind: 'organisation', name: '中卫市沙坡头区云杉文化娱乐有限公司', uscc: '1164050064050037XR' };
const contact = { name: '马建国', phone: '13912342866' };

/**
 * Issue 10 (Legal documents): the notices named the receiver by login ("clerk"), left 咨询电话 blank,
 * the receipt of "receive now, decide within 5 working days" gave no date and no 视为受理, and the
 * 告知承诺 acceptance named neither the signer nor when the commitment is verified.
 */
describe('intake notices say who received, whom to call, by when acceptance is decided and who committed to what', function () {
  this.timeout(120_000);
  let t: TestHall;
  let clerk: string;
  before(async () => {
    t = await startHall('notices', { clock: () => new Date('2026-09-18T02:00:00Z') });
    clerk = await t.signIn('clerk');
  });
  after(() => t?.close());

  const receive = async (matterCode: string, decision: object, provided: (i: number) => boolean = () => true) => {
    const matter = await t.http.get(`/api/matters/${matterCode}`).auth(clerk, { type: 'bearer' });
    const materials = (matter.body.materials as Array<{ name: string }>).map((m, i) => ({ name: m.name, provided: provided(i) }));
    const res = await t.http.post('/api/cases').auth(clerk, { type: 'bearer' }).send({ matterCode, applicant: company, contact, materials, decision });
    expect(res.status, res.text).to.equal(201);
    return res.body as { caseNumber: string; correctionNoticeDeadline?: string; commitment?: { verifyBy: string }; documents: Array<{ kind: string; documentId: string }> };
  };
  const textOf = async (body: { documents: Array<{ kind: string; documentId: string }> }, kind: string) => {
    const ref = body.documents.find((d) => d.kind === kind);
    if (!ref) throw new Error(`no ${kind} in ${JSON.stringify(body).slice(0, 3000)}`);
    const doc = await issuedDocumentModel(t.hall.services.intake!.cases.db).findById(ref.documentId).lean();
    return (await pdfText(Buffer.from(doc!.pdf.buffer))).replace(/\s+/g, '');
  };

  it('prints on the receipt of a case received for review the date acceptance is decided by, that silence means acceptance, the receiver\'s name and the hall\'s hotline', async () => {
    const received = await receive('sthj_hp', { outcome: 'receiveOnly' });
    const text = await textOf(received, 'receipt');
    // 行政许可法第三十二条: within 5 (working) days of receipt — 2026-09-24 for Friday 2026-09-18
    expect(received.correctionNoticeDeadline).to.equal('2026-09-24');
    expect(text).to.contain('本机关将于2026年9月24日前决定是否受理');
    expect(text).to.contain('视为受理');
    expect(text).to.contain('收件人王敏（C01号窗口）');
    expect(text).not.to.contain('clerk');
    expect(text).to.contain('咨询电话0955-12345');
  });

  it('prints the window\'s own 咨询电话 when it has one', async () => {
    await catalogModels(t.hall.services.intake!.cases.db).windows.updateOne({ number: 'C01' }, { $set: { consultationPhone: '0955-7012301' } });
    const received = await receive('mzj_st', { outcome: 'accept' });
    expect(await textOf(received, 'receipt')).to.contain('咨询电话0955-7012301');
    expect(await textOf(received, 'acceptance')).to.contain('受理人王敏咨询电话0955-7012301');
    expect(await textOf(received, 'receipt')).not.to.contain('视为受理');
  });

  it('names on the 告知承诺 acceptance who signed the commitment and the date it will be verified by', async () => {
    const accepted = await receive('wjw_ggcs', { outcome: 'acceptOnCommitment', commitment: { signedBy: '马文静' } }, (i) => i === 0);
    const text = await textOf(accepted, 'acceptance');
    expect(text).to.contain('已由马文静签署书面承诺');
    const verifyBy = accepted.commitment!.verifyBy;
    const [y, m, d] = verifyBy.split('-').map(Number);
    expect(text).to.contain(`本机关将于${y}年${m}月${d}日前依法核查承诺内容`);
  });
});
