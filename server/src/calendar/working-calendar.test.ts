import { expect } from 'chai';
import { AppError } from '../shared/errors.ts';
import { todayInHall } from './dates.ts';
import { EXTENSION_DAYS, WorkingCalendar } from './working-calendar.ts';

const expectInvalid = (fn: () => unknown, field: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).status).to.equal(400);
    expect((error as AppError).fields?.map((f) => f.field)).to.include(field);
    return;
  }
  expect.fail('expected a validation error');
};

describe('WorkingCalendar (2026 State Council schedule)', () => {
  const cal = new WorkingCalendar();

  it('puts 20 working days from 2026-09-18 on 2026-10-22 when counting starts the next day', () => {
    expect(cal.addWorkingDays('2026-09-18', 20)).to.equal('2026-10-22');
    expect(cal.addWorkingDays('2026-09-18', 20, { countFromNextDay: true })).to.equal('2026-10-22');
  });

  it('counts the receipt day itself when the setting says so', () => {
    expect(cal.addWorkingDays('2026-09-18', 20, { countFromNextDay: false })).to.equal('2026-10-21');
  });

  it('treats the make-up Saturdays 2026-02-14 and 2026-02-28 as working days', () => {
    expect(cal.isWorkingDay('2026-02-14')).to.equal(true);
    expect(cal.isWorkingDay('2026-02-28')).to.equal(true);
    expect(cal.isWorkingDay('2026-02-21')).to.equal(false);
    expect(cal.describe('2026-02-14').source).to.equal('national');
  });

  it('keeps 2026-10-01 to 10-07 off and 2026-10-08 an ordinary working day', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`), `10-0${d}`).to.equal(false);
    expect(cal.isWorkingDay('2026-10-08')).to.equal(true);
    expect(cal.isWorkingDay('2026-10-10')).to.equal(true);
    expect(cal.isWorkingDay('2026-10-11')).to.equal(false);
  });

  it('returns the start itself for a 0-day limit (即办件)', () => {
    expect(cal.addWorkingDays('2026-03-02', 0)).to.equal('2026-03-02');
  });

  it('counts working days elapsed, both ways', () => {
    expect(cal.workingDaysBetween('2026-09-18', '2026-10-22')).to.equal(20);
    expect(cal.workingDaysBetween('2026-10-22', '2026-09-18')).to.equal(-20);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).to.equal(0);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).to.equal(0);
  });

  it('does not count working days inside a pause (补正, art. 45 expert review)', () => {
    // 2026-03-02 is a Monday; 20 working days end on 2026-03-30 without a pause.
    expect(cal.addWorkingDays('2026-03-02', 20)).to.equal('2026-03-30');
    const pauses = [{ from: '2026-03-09', to: '2026-03-13', reason: 'correction' }];
    expect(cal.addWorkingDays('2026-03-02', 20, { pauses })).to.equal('2026-04-07');
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-30', { pauses })).to.equal(15);
  });

  it('adds the approved extension (+10 single agency, +15 joint handling)', () => {
    const base = cal.addWorkingDays('2026-03-02', 20);
    const extended = cal.addWorkingDays('2026-03-02', 20, { extensionDays: EXTENSION_DAYS.singleAgency });
    expect(cal.workingDaysBetween(base, extended)).to.equal(10);
    expect(cal.addWorkingDays('2026-03-02', 45, { extensionDays: EXTENSION_DAYS.joint }))
      .to.equal(cal.addWorkingDays('2026-03-02', 60));
  });

  it('moves a due date when the overlay adds a holiday, and honours an overlay working day', () => {
    const withEid = new WorkingCalendar([
      { date: '2026-10-20', kind: 'holiday', name: '测试：地方假日', source: '测试文件' },
      { date: '2026-10-17', kind: 'workday', name: '测试：调休上班', source: '测试文件' },
    ]);
    expect(withEid.isWorkingDay('2026-10-20')).to.equal(false);
    expect(withEid.isWorkingDay('2026-10-17')).to.equal(true);
    expect(withEid.describe('2026-10-20')).to.include({ source: 'override', name: '测试：地方假日' });
    // one day lost, one Saturday gained: the due date stays; drop the Saturday and it moves to 10-23
    expect(withEid.addWorkingDays('2026-09-18', 20)).to.equal('2026-10-22');
    const holidayOnly = new WorkingCalendar([{ date: '2026-10-20', kind: 'holiday', name: '测试', source: '测试文件' }]);
    expect(holidayOnly.addWorkingDays('2026-09-18', 20)).to.equal('2026-10-23');
  });

  it('marks yellow within the warning window and red after the due date', () => {
    expect(cal.dueState('2026-10-22', '2026-10-12', { warnDays: 3 })).to.equal('normal');
    expect(cal.dueState('2026-10-22', '2026-10-19', { warnDays: 3 })).to.equal('dueSoon');
    expect(cal.dueState('2026-10-22', '2026-10-22', { warnDays: 3 })).to.equal('dueSoon');
    expect(cal.dueState('2026-10-22', '2026-10-23', { warnDays: 3 })).to.equal('overdue');
    // the National Day week does not count towards the warning window
    expect(cal.dueState('2026-10-09', '2026-09-30', { warnDays: 3 })).to.equal('dueSoon');
  });

  it('refuses invalid dates, negative counts and reversed pauses', () => {
    expectInvalid(() => cal.addWorkingDays('2026-02-30', 5), 'from');
    expectInvalid(() => cal.addWorkingDays('18/09/2026', 5), 'from');
    expectInvalid(() => cal.addWorkingDays('2026-09-18', -1), 'days');
    expectInvalid(() => cal.addWorkingDays('2026-09-18', 1.5), 'days');
    expectInvalid(() => cal.isWorkingDay('2026-13-01'), 'date');
    expectInvalid(() => cal.addWorkingDays('2026-09-18', 5, { pauses: [{ from: '2026-09-20', to: '2026-09-19' }] }), 'pauses.0.to');
    expectInvalid(() => new WorkingCalendar([{ date: 'x', kind: 'holiday', name: 'n', source: 's' }]), 'date');
  });

  it('takes today in Asia/Shanghai, not in the server zone', () => {
    expect(todayInHall(new Date('2026-09-30T16:30:00Z'))).to.equal('2026-10-01');
    expect(todayInHall(new Date('2026-09-30T15:59:00Z'))).to.equal('2026-09-30');
  });
});
