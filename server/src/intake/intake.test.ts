import { expect } from 'chai';
import { hashPassword, userModel } from '../auth/index.ts';
import { notificationModel } from '../notifications/index.ts';
import { startHall, type TestHall } from '../../test/hall.ts';


const person = { kind: 'person', name: '马建国', idNumber: '640502198807150014' };
const company = { kind: 'organisation', name: '中卫市沙坡头区云杉文化娱乐有限公司', uscc: '1164050064050037XR' };
const contact = { name: '马建国', phone: '13912342866' };

function allMaterials(t: TestHall, token: string, code: string) {
  return t.http.get(`/api/matters/${code}`).auth(token, { type: 'bearer' }).then((r) => r.body.materials as Array<{ name: string; required: boolean; pendingAllowed: boolean }>);
}

describe('intake (统一收件) end to end: real database, engine and Chromium', function () {
  this.timeout(120_000);
  let t: TestHall;
  let clerk: string;
  let now = new Date('2026-09-18T02:00:00Z');

  before(async () => {
    t = await startHall('intake', { clock: () => now });
    clerk = await t.signIn('clerk');
  });
  after(() => t?.close());

  const receive = (body: Record<string, unknown>, token = clerk) => t.http.post('/api/cases').auth(token, { type: 'bearer' }).send(body);

  it('accepts a complete application, counts 20 working days over the National Day holidays and starts the process', async () => {
    const materials = (await allMaterials(t, clerk, 'mzj_st')).map((m) => ({ name: m.name, provided: true }));
    const res = await receive({ matterCode: 'mzj_st', applicant: company, contact, materials, decision: { outcome: 'accept' } });
    expect(res.status, res.text).to.equal(201);
    expect(res.body.caseNumber).to.match(/^ZW20260918-\d{4}$/);
    expect(res.body).to.include({ status: 'accepted', stage: 'approval', acceptanceMode: 'standard', receivedOn: '2026-09-18', acceptedOn: '2026-09-18' });
    // 行政许可法第八十二条: working days; counting starts the day after acceptance; 10/1–10/7 are off.
    expect(res.body.dueDate).to.equal('2026-10-22');
    expect(res.body.processInstanceKey).to.be.a('string');
    expect(res.body.processId).to.equal('single-department-approval');
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).to.have.members(['receipt', 'acceptance']);
    expect(res.body.timeline.map((e: { type: string }) => e.type)).to.include.members(['received', 'accepted', 'noticeIssued', 'processStarted']);

    const acceptance = res.body.documents.find((d: { kind: string }) => d.kind === 'acceptance');
    const pdf = await t.http.get(`/api/documents/${acceptance.documentId}/pdf`).auth(clerk, { type: 'bearer' }).buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(pdf.status).to.equal(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    const verified = await t.http.get(`/api/public/documents/verify/${acceptance.verificationCode}`);
    expect(verified.body).to.include({ genuine: true, kind: 'acceptance' });
  });

  it('accepts with 容缺 only the flagged secondary material, with a deadline no later than the promised date', async () => {
    const list = await allMaterials(t, clerk, 'lwj_yl');
    const pending = list.find((m) => m.pendingAllowed)!.name;
    const materials = list.map((m) => ({ name: m.name, provided: m.name !== pending }));
    const res = await receive({ matterCode: 'lwj_yl', applicant: company, contact, materials, decision: { outcome: 'acceptWithPendingMaterials', pendingMaterials: [pending] } });
    expect(res.status, res.text).to.equal(201);
    expect(res.body).to.include({ status: 'accepted', acceptanceMode: 'pendingMaterials' });
    expect(res.body.pendingMaterials.names).to.deep.equal([pending]);
    expect(res.body.pendingMaterials.supplyBy).to.equal(res.body.dueDate);
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).to.include('conditionalAcceptance');

    const supplied = await t.http.post(`/api/cases/${res.body.caseNumber}/pending-materials`).auth(clerk, { type: 'bearer' }).send({ materials: [pending] });
    expect(supplied.status, supplied.text).to.equal(200);
    expect(supplied.body.pendingMaterials.allSuppliedOn).to.equal('2026-09-18');
    expect(supplied.body.timeline.map((e: { type: string }) => e.type)).to.include('pendingMaterialsComplete');
  });

  it('terminates a 容缺 case whose missing materials were not supplied in time, and cancels its process', async () => {
    const list = await allMaterials(t, clerk, 'lwj_yl');
    const pending = list.find((m) => m.pendingAllowed)!.name;
    const res = await receive({ matterCode: 'lwj_yl', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: m.name !== pending })), decision: { outcome: 'acceptWithPendingMaterials', pendingMaterials: [pending], supplyBy: '2026-09-22' } });
    expect(res.status, res.text).to.equal(201);
    now = new Date('2026-09-23T02:00:00Z');
    try {
      const swept = await t.hall.timers.sweep();
      expect(swept.terminated).to.equal(1);
      const after = await t.http.get(`/api/cases/${res.body.caseNumber}`).auth(clerk, { type: 'bearer' });
      expect(after.body).to.include({ status: 'terminated', stage: 'closed' });
      expect(after.body.termination.reason).to.contain(pending);
      expect(after.body.pendingFollowUps).to.deep.equal([]);
      const late = await t.http.post(`/api/cases/${res.body.caseNumber}/pending-materials`).auth(clerk, { type: 'bearer' }).send({ materials: [pending] });
      expect(late.status).to.equal(409);
    } finally {
      now = new Date('2026-09-18T02:00:00Z');
    }
  });

  it('refuses 容缺 for a main material and stores nothing', async () => {
    const before = await t.hall.services.intake!.cases.countDocuments();
    const list = await allMaterials(t, clerk, 'lwj_yl');
    const main = list.find((m) => m.required && !m.pendingAllowed)!.name;
    const res = await receive({ matterCode: 'lwj_yl', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: m.name !== main })), decision: { outcome: 'acceptWithPendingMaterials', pendingMaterials: [main] } });
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('PENDING_NOT_ALLOWED');
    expect(res.body.fields[0].field).to.equal('body.decision.pendingMaterials.0');
    expect(await t.hall.services.intake!.cases.countDocuments()).to.equal(before);
  });

  it('accepts on commitment where 告知承诺 is allowed and refuses it where not', async () => {
    const list = await allMaterials(t, clerk, 'wjw_ggcs');
    const res = await receive({ matterCode: 'wjw_ggcs', applicant: company, contact, materials: list.map((m, i) => ({ name: m.name, provided: i === 0 })), decision: { outcome: 'acceptOnCommitment', commitment: { signedBy: '马建国' } } });
    expect(res.status, res.text).to.equal(201);
    expect(res.body.acceptanceMode).to.equal('commitment');
    expect(res.body.commitment.materials.length).to.be.greaterThan(0);
    expect(res.body.commitment.verifyBy > res.body.dueDate).to.equal(true);

    const other = await allMaterials(t, clerk, 'mzj_st');
    const refused = await receive({ matterCode: 'mzj_st', applicant: company, contact, materials: other.map((m) => ({ name: m.name, provided: false })), decision: { outcome: 'acceptOnCommitment', commitment: { signedBy: '马建国' } } });
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal('COMMITMENT_NOT_ALLOWED');
  });

  it('asks for corrections once, does not count the correction time, and accepts on the day the corrections arrive', async () => {
    const list = await allMaterials(t, clerk, 'zrzy_ydgh');
    const res = await receive({ matterCode: 'zrzy_ydgh', applicant: person, contact, materials: list.map((m, i) => ({ name: m.name, provided: i !== 0 })), decision: { outcome: 'requestCorrection', items: [{ material: list[0].name, problem: '申请表未签字' }] } });
    expect(res.status, res.text).to.equal(201);
    expect(res.body).to.include({ status: 'correctionRequested', stage: 'intake' });
    expect(res.body.processInstanceKey).to.equal(undefined);
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).to.include('correction');

    now = new Date('2026-09-24T02:00:00Z');
    try {
      const supplied = await t.http.post(`/api/cases/${res.body.caseNumber}/corrections`).auth(clerk, { type: 'bearer' }).send({ materials: [list[0].name] });
      expect(supplied.status, supplied.text).to.equal(200);
      expect(supplied.body).to.include({ status: 'accepted', acceptedOn: '2026-09-24' });
      // 5 working days from 2026-09-24, counting from the next day: 9-25..27 are 中秋 holidays,
      // then 9-28, 9-29, 9-30, (10-1..7 National Day) 10-8, 10-9. The 6 days in 补正 never counted.
      expect(supplied.body.dueDate).to.equal('2026-10-09');
      expect(supplied.body.processInstanceKey).to.be.a('string');
    } finally {
      now = new Date('2026-09-18T02:00:00Z');
    }
  });

  it('refuses an application with reasons, the competent body and the remedies on the notice', async () => {
    const list = await allMaterials(t, clerk, 'jtj_zl');
    const res = await receive({ matterCode: 'jtj_zl', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'refuse', reasons: ['申请事项不属于本机关职权范围'], competentBody: { name: '宁夏回族自治区交通运输厅' } } });
    expect(res.status, res.text).to.equal(201);
    expect(res.body).to.include({ status: 'refused', stage: 'closed' });
    expect(res.body.refusal.competentBody.name).to.equal('宁夏回族自治区交通运输厅');
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).to.have.members(['receipt', 'refusal']);
    const told = await notificationModel(t.hall.services.intake!.cases.db).find({ caseNumber: res.body.caseNumber }).lean();
    expect(told.map((n) => n.template)).to.deep.equal(['refused']);
    expect(told[0].to).to.equal('139****2866');
  });

  it('deems an application accepted from the day of receipt when no decision came within 5 working days (art. 32(4))', async () => {
    const list = await allMaterials(t, clerk, 'sthj_hp');
    const res = await receive({ matterCode: 'sthj_hp', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'receiveOnly' } });
    expect(res.status, res.text).to.equal(201);
    // 5 working days from 9-18: 9-20 is a make-up working Sunday, so the fifth is 9-24.
    expect(res.body).to.include({ status: 'received', correctionNoticeDeadline: '2026-09-24' });

    now = new Date('2026-09-28T02:00:00Z');
    try {
      const late = await t.http.post(`/api/cases/${res.body.caseNumber}/decision`).auth(clerk, { type: 'bearer' }).send({ decision: { outcome: 'requestCorrection', items: [{ material: list[0].name, problem: '太晚了' }] } });
      expect(late.status).to.equal(409);
      expect(late.body.code).to.equal('DEEMED_ACCEPTED');
      const swept = await t.hall.timers.sweep();
      expect(swept.deemedAccepted).to.equal(1);
      const after = await t.http.get(`/api/cases/${res.body.caseNumber}`).auth(clerk, { type: 'bearer' });
      expect(after.body).to.include({ status: 'accepted', acceptanceMode: 'deemed', acceptedOn: '2026-09-18', dueDate: '2026-10-15' });
      expect(after.body.timeline.map((e: { type: string }) => e.type)).to.include('deemedAccepted');
    } finally {
      now = new Date('2026-09-18T02:00:00Z');
    }
  });

  it('answers a second decision on a decided case with 409 CASE_ALREADY_DECIDED, not a missing power, and changes nothing', async () => {
    const list = await allMaterials(t, clerk, 'sthj_hp');
    const res = await receive({ matterCode: 'sthj_hp', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'receiveOnly' } });
    expect(res.status, res.text).to.equal(201);
    const decide = () => t.http.post(`/api/cases/${res.body.caseNumber}/decision`).auth(clerk, { type: 'bearer' }).send({ decision: { outcome: 'accept' } });
    expect((await decide()).status).to.equal(200);
    const second = await decide();
    expect(second.status, second.text).to.equal(409);
    expect(second.body).to.include({ code: 'CASE_ALREADY_DECIDED' });
    expect(second.headers['content-type']).to.match(/application\/problem\+json/);
    const after = await t.http.get(`/api/cases/${res.body.caseNumber}`).auth(clerk, { type: 'bearer' });
    expect(after.body.timeline.filter((e: { type: string }) => e.type === 'accepted')).to.have.length(1);
    expect(after.body.documents.filter((d: { kind: string }) => d.kind === 'acceptance')).to.have.length(1);
  });

  it('refuses invalid ID and credit codes, unknown matters and missing required materials, storing nothing', async () => {
    const before = await t.hall.services.intake!.cases.countDocuments();
    const list = await allMaterials(t, clerk, 'mzj_st');
    const full = list.map((m) => ({ name: m.name, provided: true }));
    const badId = await receive({ matterCode: 'mzj_st', applicant: { ...person, idNumber: '640502198807150013' }, contact, materials: full, decision: { outcome: 'accept' } });
    expect(badId.status).to.equal(400);
    expect(badId.body.fields[0].field).to.equal('body.applicant.idNumber');
    const badUscc = await receive({ matterCode: 'mzj_st', applicant: { ...company, uscc: '1164050064050037XA' }, contact, materials: full, decision: { outcome: 'accept' } });
    expect(badUscc.body.fields[0].field).to.equal('body.applicant.uscc');
    const noMatter = await receive({ matterCode: 'no_such', applicant: company, contact, materials: [], decision: { outcome: 'accept' } });
    expect(noMatter.status).to.equal(404);
    expect(noMatter.body.code).to.equal('MATTER_NOT_FOUND');
    const missing = await receive({ matterCode: 'mzj_st', applicant: company, contact, materials: full.map((m, i) => ({ ...m, provided: i !== 0 })), decision: { outcome: 'accept' } });
    expect(missing.status).to.equal(422);
    expect(missing.body.code).to.equal('REQUIRED_MATERIALS_MISSING');
    expect(await t.hall.services.intake!.cases.countDocuments()).to.equal(before);
  });

  it('lets a category window receive only its own category and the public follow a case by number and phone digits', async () => {
    await userModel(t.hall.services.intake!.cases.db).create({ username: 'clerk.gaj', displayName: '公安窗口 白雪', roles: ['windowClerk'], windowNumber: 'K02-01', passwordHash: await hashPassword('Demo-2026-onewindow') });
    const categoryClerk = await t.signIn('clerk.gaj');
    const list = await allMaterials(t, clerk, 'mzj_st');
    const refused = await receive({ matterCode: 'mzj_st', applicant: company, contact, materials: list.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'accept' } }, categoryClerk);
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('WINDOW_MAY_NOT_RECEIVE');
    const own = await allMaterials(t, clerk, 'gaj_sfz');
    const ok = await receive({ matterCode: 'gaj_sfz', applicant: person, contact, materials: own.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'accept' } }, categoryClerk);
    expect(ok.status, ok.text).to.equal(201);

    const wrong = await t.http.get(`/api/public/cases/${ok.body.caseNumber}/progress?phoneLast4=0000`);
    expect(wrong.status).to.equal(404);
    const progress = await t.http.get(`/api/public/cases/${ok.body.caseNumber}/progress?phoneLast4=2866`);
    expect(progress.status).to.equal(200);
    expect(progress.body).to.include({ status: 'accepted', dueDate: ok.body.dueDate, applicant: '马*国' });
    expect(JSON.stringify(progress.body)).to.not.contain('640502198807150014').and.not.contain('13912342866');
    expect(progress.body.timeline.map((e: { step: string }) => e.step)).to.include.members(['received', 'accepted']);

    // Guessing the four digits is stopped after ten wrong tries, even for the right ones
    for (let i = 0; i < 9; i++) expect((await t.http.get(`/api/public/cases/${ok.body.caseNumber}/progress?phoneLast4=${String(1000 + i)}`)).status).to.equal(404);
    const locked = await t.http.get(`/api/public/cases/${ok.body.caseNumber}/progress?phoneLast4=2866`);
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers['retry-after'])).to.be.greaterThan(0);
  });
});
