import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { CalendarService } from './service.ts';

describe('CalendarService', () => {
  let db: Connection;
  before(async () => { db = await testDatabase('calendar_service'); });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('shows another server\'s change once its cache is older than the TTL', async () => {
    const here = new CalendarService({ db });
    const elsewhere = new CalendarService({ db, cacheTtlMs: 100 });
    expect((await elsewhere.calendar()).isWorkingDay('2026-10-20')).to.equal(true);
    await here.addOverride({ date: '2026-10-20', kind: 'holiday', name: '测试闭馆', source: '测试通知' }, 'sysadmin');
    expect((await here.calendar()).isWorkingDay('2026-10-20')).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await elsewhere.calendar()).isWorkingDay('2026-10-20')).to.equal(false);
  });

  it('lists overrides by date range', async () => {
    const service = new CalendarService({ db });
    await service.addOverride({ date: '2026-03-20', kind: 'holiday', name: '测试一', source: '测试通知' }, 'sysadmin');
    const inRange = await service.listOverrides({ from: '2026-03-01', to: '2026-03-31' });
    expect(inRange.map((o) => o.date)).to.deep.equal(['2026-03-20']);
    expect((await service.listOverrides()).map((o) => o.date)).to.deep.equal(['2026-03-20', '2026-10-20']);
  });
});
