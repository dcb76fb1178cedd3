import { expect } from 'chai';
import { sealUseModel } from '../approval/index.ts';
import { caseModel, type Case } from '../intake/index.ts';
import { certificateModel, type Certificate } from '../issuing/index.ts';
import { supervisionLog } from '../notifications/index.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';

// Wednesday 2026-06-17, 10:00 in Zhongwei
const NOW = new Date('2026-06-17T02:00:00Z');

const baseCase = (caseNumber: string, departmentCode: string, dueDate: string, extra: object = {}): Partial<Case> => ({
  caseNumber, matterCode: `${departmentCode}_sgxk`, matterName: '建筑工程施工许可证核发', departmentCode, handlingType: 'promised', windowNumber: 'C01',
  receivedBy: 'u-clerk', applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '91640502MA76XK3Q2B' },
  contact: { name: '张三', phone: '13900000000', phoneLast4: '0000' }, materials: [], status: 'accepted', stage: 'approval',
  receivedOn: '2026-06-01', acceptedOn: '2026-06-01', dueDate, documents: [], timeline: [], outbox: [], ...extra,
});

/** Issue 10 (Missing for supervisors): registers of seal uses and certificates, cases by deadline state, 督办 records. */
describe('supervisors\' registers: seal uses, certificates, cases by deadline, 督办', function () {
  this.timeout(60_000);
  let t: TestApp;
  const token: Record<string, string> = {};
  before(async () => {
    t = await startTestApp('registers', { clock: () => NOW });
    for (const who of ['director', 'sysadmin', 'admin.zjj', 'approver.zjj', 'clerk']) token[who] = await t.signIn(who);
    const seal = (n: number, departmentCode: string, at: string) => ({
      decisionId: `d-${n}`, documentId: `doc-${n}`, documentKind: 'licenceGrant', documentNumber: `卫审批许字〔2026〕第000${n}号`, caseNumber: `ZW20260601-000${n}`,
      departmentCode, matterCode: `${departmentCode}_sgxk`, userId: `u-${n}`, username: `approver.${departmentCode}`, delegationId: `g-${n}`, at: new Date(at),
    });
    await sealUseModel(t.db).create([seal(1, 'zjj', '2026-06-10T03:00:00Z'), seal(2, 'zjj', '2026-06-16T03:00:00Z'), seal(3, 'gaj', '2026-06-16T04:00:00Z')]);
    const cert = (number: string, departmentCode: string, validTo: string | undefined, status: 'valid' | 'revoked'): Partial<Certificate> => ({
      number, title: '建筑工程施工许可证', layout: 'constructionPermit', caseNumber: `C-${number}`, matterCode: `${departmentCode}_sgxk`, departmentCode,
      holder: { name: '中卫市沙坡头区云杉建设有限公司', idKind: 'uscc' as const, idValue: '91640502MA76XK3Q2B' }, decidedOn: '2026-06-01', validFrom: '2026-06-01', validTo,
      scope: '=HYPERLINK("http://evil")', status, documentId: `doc-${number}`, verificationCode: `${number.slice(0, 3)}${number.slice(-4)}ABC`, issueDueDate: '2026-06-15',
    });
    await certificateModel(t.db).create([cert('ZJJ2026000001', 'zjj', '2027-09-07', 'valid'), cert('ZJJ2026000002', 'zjj', '2026-06-16', 'valid'), cert('ZJJ2026000003', 'zjj', undefined, 'revoked'), cert('GAJ2026000001', 'gaj', '2030-01-01', 'valid')]);
    await caseModel(t.db).create([
      baseCase('ZW20260601-0001', 'zjj', '2026-06-16'), // passed yesterday: red
      baseCase('ZW20260601-0002', 'zjj', '2026-06-18'), // tomorrow, the warning day is today: yellow
      baseCase('ZW20260601-0003', 'zjj', '2026-07-30'), // normal
      baseCase('ZW20260601-0004', 'zjj', '2026-06-10', { pauses: [{ from: '2026-06-05', reason: '补正' }] }), // paused: its due date moves
      baseCase('ZW20260601-0005', 'gaj', '2026-06-12'), // red, another department
      baseCase('ZW20260601-0006', 'zjj', '2026-06-01', { status: 'completed', stage: 'closed' }), // closed: not in the register
    ]);
    const log = supervisionLog(t.db);
    await log.open({ caseNumber: 'ZW20260601-0001', departmentCode: 'zjj', reason: '办件超期', elementId: 'caseOverdue', sourceKey: 's1' });
    await log.open({ caseNumber: 'ZW20260601-0005', departmentCode: 'gaj', reason: '环节超期', elementId: 'review', sourceKey: 's2' });
  });
  after(() => t?.close());

  const get = (who: string, path: string) => t.http.get(path).auth(token[who], { type: 'bearer' });

  it('lists seal uses for the director, filtered by department and date, newest first', async () => {
    const all = await get('director', '/api/registers/seal-uses');
    expect(all.status, all.text).to.equal(200);
    expect(all.body.items.map((u: { documentId: string }) => u.documentId)).to.deep.equal(['doc-3', 'doc-2', 'doc-1']);
    const filtered = await get('director', '/api/registers/seal-uses?departmentCode=zjj&from=2026-06-16&to=2026-06-16');
    expect(filtered.body).to.include({ total: 1 });
    expect(filtered.body.items[0]).to.include({ documentId: 'doc-2', username: 'approver.zjj', delegationId: 'g-2', caseNumber: 'ZW20260601-0002' });
  });

  it('shows a department admin only their department, refuses another department by name and refuses staff without the role', async () => {
    const own = await get('admin.zjj', '/api/registers/seal-uses');
    expect(own.body.items.map((u: { departmentCode: string }) => u.departmentCode)).to.deep.equal(['zjj', 'zjj']);
    expect((await get('admin.zjj', '/api/registers/certificates?departmentCode=gaj')).status).to.equal(403);
    for (const who of ['approver.zjj', 'clerk']) {
      for (const path of ['/api/registers/seal-uses', '/api/registers/certificates', '/api/registers/cases', '/api/registers/supervisions', '/api/registers/cases/export']) {
        const res = await get(who, path);
        expect(res.status, `${who} ${path}`).to.equal(403);
        expect(res.type).to.equal('application/problem+json');
      }
    }
    expect((await get('sysadmin', '/api/registers/certificates')).body.total).to.equal(4);
  });

  it('filters certificates by status: valid, expired (validity passed) and revoked', async () => {
    const numbers = async (query: string) => (await get('director', `/api/registers/certificates?${query}`)).body.items.map((c: { number: string }) => c.number).sort();
    expect(await numbers('status=valid')).to.deep.equal(['GAJ2026000001', 'ZJJ2026000001']);
    expect(await numbers('status=expired')).to.deep.equal(['ZJJ2026000002']);
    expect(await numbers('status=revoked&departmentCode=zjj')).to.deep.equal(['ZJJ2026000003']);
    const bad = await get('director', '/api/registers/certificates?status=lost');
    expect(bad.status).to.equal(400);
    expect(bad.body.fields[0].field).to.equal('query.status');
  });

  it('exports a register as CSV with the same filters, safe to open in a spreadsheet', async () => {
    const res = await get('admin.zjj', '/api/registers/certificates/export?status=valid').buffer(true);
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/csv');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="certificates-2026-06-17\.csv"$/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).to.match(/^证照编号,证照名称,部门,/);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.contain('ZJJ2026000001');
    // a formula in the data is neutralised
    expect(lines[1]).to.contain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('lists open cases by deadline state and department, the most urgent first', async () => {
    const states = await get('director', '/api/registers/cases');
    expect(states.body.items.map((c: { caseNumber: string; deadlineState: string }) => `${c.caseNumber}:${c.deadlineState}`)).to.deep.equal([
      'ZW20260601-0004:paused', 'ZW20260601-0005:red', 'ZW20260601-0001:red', 'ZW20260601-0002:yellow', 'ZW20260601-0003:normal',
    ]);
    const red = await get('director', '/api/registers/cases?deadline=red&departmentCode=zjj');
    expect(red.body.items.map((c: { caseNumber: string }) => c.caseNumber)).to.deep.equal(['ZW20260601-0001']);
    const yellow = await get('admin.zjj', '/api/registers/cases?deadline=yellow');
    expect(yellow.body.items.map((c: { caseNumber: string }) => c.caseNumber)).to.deep.equal(['ZW20260601-0002']);
    const csv = await get('director', '/api/registers/cases/export?deadline=red').buffer(true);
    expect(csv.text).to.contain('ZW20260601-0005').and.to.contain('红灯（超期）');
  });

  it('reads 督办 records, open ones by department', async () => {
    const res = await get('admin.zjj', '/api/registers/supervisions?open=true');
    expect(res.body.items.map((s: { caseNumber: string; reason: string }) => [s.caseNumber, s.reason])).to.deep.equal([['ZW20260601-0001', '办件超期']]);
    expect((await get('director', '/api/registers/supervisions')).body.total).to.equal(2);
  });

  it('describes every register route in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/openapi.json');
    for (const name of ['seal-uses', 'certificates', 'cases', 'supervisions']) {
      expect(doc.body.paths, name).to.have.property(`/api/registers/${name}`);
      expect(doc.body.paths, name).to.have.property(`/api/registers/${name}/export`);
    }
  });
});
