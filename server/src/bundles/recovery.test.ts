import { expect } from 'chai';
import { principalForUser, userModel, type Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import { ClaimStore } from '../topology/claims.ts';
import { startHall, type TestHall } from '../../test/hall.ts';
import { bundleModels, type BundleCase } from './models.ts';
import type { BundleIntakeBody } from './schemas.ts';

/**
 * A crash in the middle of `POST /api/bundles` (the bundle saved, some member cases made, no receipt,
 * no process) is simulated by running the desk's steps in order and stopping between them; the
 * sweep that runs at start-up and with the timers then finishes the bundle: nothing lost, nothing doubled.
 */
describe('bundles: a half-received bundle is finished by the sweep', function () {
  this.timeout(180_000);
  let t: TestHall;
  let principal: Principal;
  let ability: AppAbility;
  const uscc = '91640500MA76C1XK3R';

  before(async () => {
    t = await startHall('bundle_recovery');
    const clerk = await userModel(t.hall.services.intake!.cases.db).findOne({ username: 'clerk' }).lean();
    principal = (await principalForUser(t.hall.services.intake!.cases.db, String(clerk!._id)))!;
    ability = await t.hall.services.authority.abilityFor(principal);
  });
  after(() => t?.close());

  const body = async (code: string): Promise<BundleIntakeBody> => {
    const definition = await bundleModels(t.hall.services.intake!.cases.db).definitions.findOne({ code }).lean();
    return {
      definitionCode: code, applicant: { kind: 'organisation', name: '中卫市沙坡头区青禾餐饮有限公司', uscc }, contact: { name: '杨海燕', phone: '13895012377' },
      form: { premises: '中卫市沙坡头区鼓楼东街 6 号', businessScope: '餐饮服务', diningArea: '80' },
      materials: definition!.materials.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'accept' },
    };
  };
  const load = async (bundleNumber: string) => (await bundleModels(t.hall.services.intake!.cases.db).cases.findOne({ bundleNumber }).lean<BundleCase>())!;
  const casesOfApplicant = () => t.hall.services.intake!.cases.countDocuments({ 'applicant.uscc': uscc });

  it('receives the members still missing under their reserved numbers, once, issues the one receipt and starts the process', async () => {
    const { desk, sweep } = t.hall.services.bundles!;
    const intake = t.hall.services.intake!;
    const bundleNumber = await desk.open(principal, ability, await body('open-restaurant'));
    // the crash: the first member received through intake, the bundle not yet told its case number
    const opened = await load(bundleNumber);
    expect(opened.receiving).to.equal(true);
    expect(opened.members.every((m) => m.reservedCaseNumber && !m.caseNumber)).to.equal(true);
    const first = opened.members[0];
    const applicant = { kind: 'organisation' as const, name: opened.applicant.name, uscc };
    await intake.receive(principal, ability, { matterCode: first.matterCode, applicant, contact: { name: '杨海燕', phone: '13895012377' }, ...first.plan! }, { caseNumber: first.reservedCaseNumber });
    expect(await casesOfApplicant()).to.equal(1);

    const swept = await sweep();
    expect(swept).to.deep.equal({ finished: [bundleNumber], left: [] });
    const finished = await load(bundleNumber);
    expect(finished.receiving).to.equal(undefined);
    expect(finished.members.map((m) => m.caseNumber)).to.deep.equal(finished.members.map((m) => m.reservedCaseNumber));
    expect(await casesOfApplicant()).to.equal(4);
    expect(finished.receipt?.verificationCode).to.match(/^[0-9A-Z]{10}$/);
    expect(finished.processInstanceKey).to.be.a('string');

    // a second sweep (the next timer tick, or another restart) finds nothing to do and changes nothing
    expect(await sweep()).to.deep.equal({ finished: [], left: [] });
    expect(await casesOfApplicant()).to.equal(4);
    expect((await load(bundleNumber)).processInstanceKey).to.equal(finished.processInstanceKey);
  });

  it('leaves a bundle whose receipt a live request still holds, and finishes it once the claim is given back', async () => {
    const { desk, sweep } = t.hall.services.bundles!;
    const bundleNumber = await desk.open(principal, ability, {
      ...(await body('open-company')), form: { premises: '中卫市沙坡头区鼓楼东街 8 号', businessScope: '日用百货零售' },
      applicant: { kind: 'organisation', name: '中卫市沙坡头区青禾商贸有限公司', uscc: '91640500MA76C1XL1L' },
    });
    const held = await new ClaimStore(t.hall.services.intake!.cases.db).tryClaim(`bundle-intake:${bundleNumber}`, 60_000);
    expect(held).to.not.equal(null);
    expect(await sweep()).to.deep.equal({ finished: [], left: [bundleNumber] });
    expect((await load(bundleNumber)).members.every((m) => !m.caseNumber)).to.equal(true);
    await held!.release();
    expect(await sweep()).to.deep.equal({ finished: [bundleNumber], left: [] });
    expect((await load(bundleNumber)).members.every((m) => m.caseNumber)).to.equal(true);
  });
});
