import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import type { Connection } from 'mongoose';
import { userModel } from '../auth/index.ts';
import { catalogModels } from '../catalog/index.ts';
import { testDatabase } from '../../test/support.ts';
import { departments, matters, offices, windows, zones } from './catalog-import.ts';
import { demoUsers } from './demo-users.ts';
import { seed } from './seed.ts';

describe('seed: the Zhongwei catalogue', () => {
  it('keeps copies of the plan data identical to shared/data when that folder is beside the project', function () {
    const shared = new URL('../../../../shared/data/', import.meta.url);
    if (!existsSync(shared)) this.skip(); // shared/ is a workplace folder; the product runs from its own copies
    for (const file of ['zhongwei.json', 'matters.json']) {
      expect(readFileSync(new URL(file, shared), 'utf8')).to.equal(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));
    }
  });

  it('has the counts of the plan: 92 windows = 19 comprehensive (2 issuing) + 73 categorized', () => {
    const all = windows();
    expect(all).to.have.length(92);
    expect(all.filter((w) => w.group === 'comprehensive')).to.have.length(19);
    expect(all.filter((w) => w.role === 'issuing')).to.have.length(2);
    expect(all.filter((w) => w.group === 'categorized')).to.have.length(73);
  });

  it('has 3 back offices, the two city offices with 9 member units each', () => {
    const [construction, general, shapotou] = offices();
    expect([construction.code, general.code, shapotou.code]).to.deep.equal(['construction', 'general_affairs', 'shapotou']);
    expect(construction.memberDepartmentCodes).to.have.length(9);
    expect(general.memberDepartmentCodes).to.have.length(9);
    expect(construction.hasJointDrawingReviewRoom).to.equal(true);
  });

  it('places 交通运输局 in both city back offices, as the plan does', () => {
    const jtj = departments().find((d) => d.code === 'jtj')!;
    expect(jtj.officeCodes).to.have.members(['construction', 'general_affairs']);
  });

  it('maps the 50 matters with valid enums and a process binding each', () => {
    const all = matters();
    expect(all).to.have.length(50);
    expect(new Set(all.map((m) => m.code)).size).to.equal(50);
    expect(all.filter((m) => m.handlingType === 'immediate')).to.have.length(11);
    for (const m of all) {
      expect(m.process.processId, m.code).to.match(/^[a-z-]+$/);
      expect(m.materials.length, m.code).to.be.greaterThan(0);
    }
    expect(zones()).to.have.length(7);
  });

  describe('into the database', () => {
    let db: Connection;
    before(async () => { db = await testDatabase('seed'); });
    after(async () => { await db.dropDatabase(); await db.close(); });

    it('imports everything and a demo account for each role', async () => {
      const report = await seed(db, { production: false });
      expect(report).to.include({ departments: 23, offices: 3, windows: 92, zones: 7, matters: 50 });
      const roles = new Set((await userModel(db).find({}).lean()).flatMap((u) => u.roles));
      expect([...roles]).to.have.members(['windowClerk', 'issuingClerk', 'approver', 'departmentAdmin', 'processDesigner', 'director', 'hotlineOperator', 'systemAdmin']);
      const approverDepartments = demoUsers.filter((u) => u.roles.includes('approver')).map((u) => u.departmentCode);
      expect(new Set(approverDepartments).size).to.be.at.least(3);
    });

    it('is idempotent: a second run changes no counts and creates no users', async () => {
      const report = await seed(db, { production: false });
      expect(report.demoUsersCreated).to.deep.equal([]);
      const models = catalogModels(db);
      expect(await models.matters.countDocuments()).to.equal(50);
      expect(await models.windows.countDocuments()).to.equal(92);
      expect(await userModel(db).countDocuments()).to.equal(demoUsers.length);
    });
  });

  it('creates no demo accounts in production', async () => {
    const db = await testDatabase('seedprod');
    try {
      const report = await seed(db, { production: true });
      expect(report.demoUsersCreated).to.deep.equal([]);
      expect(await userModel(db).countDocuments()).to.equal(0);
    } finally {
      await db.dropDatabase();
      await db.close();
    }
  });
});
