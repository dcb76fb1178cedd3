import type { Connection, Model } from 'mongoose';
import { hashPassword, userModel } from '../auth/index.ts';
import { seedBundles } from '../bundles/seed.ts';
import { catalogModels } from '../catalog/index.ts';
import { departments, matters, offices, windows, zones } from './catalog-import.ts';
import { DEMO_PASSWORD, demoUsers } from './demo-users.ts';

export interface SeedReport {
  departments: number;
  offices: number;
  windows: number;
  zones: number;
  matters: number;
  demoUsersCreated: string[];
}

async function upsertAll<T>(model: Model<T>, key: keyof T & string, docs: T[]): Promise<number> {
  for (const doc of docs) {
    await model.updateOne({ [key]: doc[key] } as never, { $set: doc } as never, { upsert: true });
  }
  return docs.length;
}

/**
 * Imports the Zhongwei catalogue and, outside production, the demo accounts. Idempotent: catalogue
 * rows are upserted by their codes; demo users that exist keep their password.
 */
export async function seed(db: Connection, options: { production: boolean }): Promise<SeedReport> {
  const models = catalogModels(db);
  await Promise.all(Object.values(models).map((m) => (m as Model<unknown>).init()));
  const report: SeedReport = {
    departments: await upsertAll(models.departments, 'code', departments()),
    offices: await upsertAll(models.offices, 'code', offices()),
    windows: await upsertAll(models.windows, 'number', windows()),
    zones: await upsertAll(models.zones, 'code', zones()),
    matters: await upsertAll(models.matters, 'code', matters()),
    demoUsersCreated: [],
  };
  // 一件事 definitions over the matters just imported (bundles/seed.ts)
  await seedBundles(db);
  if (options.production) return report;
  const users = userModel(db);
  await users.init();
  for (const demo of demoUsers) {
    if (await users.exists({ username: demo.username })) continue;
    await users.create({ ...demo, passwordHash: await hashPassword(DEMO_PASSWORD), demo: true });
    report.demoUsersCreated.push(demo.username);
  }
  return report;
}
