import { loadConfig } from '../shared/config.ts';
import { connectDatabase } from '../shared/db.ts';
import { DEMO_PASSWORD, demoUsers } from './demo-users.ts';
import { seed } from './seed.ts';

const config = loadConfig();
const db = await connectDatabase(config.MONGODB_URI);
const report = await seed(db, { production: config.NODE_ENV === 'production' });
console.log(`seeded: ${report.departments} departments, ${report.offices} back offices, ${report.windows} windows, ${report.zones} zones, ${report.matters} matters`);
if (config.NODE_ENV !== 'production') {
  console.log(`demo accounts (DEMO ONLY, password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(', ')}`);
}
await db.close();
