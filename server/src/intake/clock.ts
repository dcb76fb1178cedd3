import type { Model } from 'mongoose';
import type { CalendarService } from '../calendar/index.ts';
import type { Matter } from '../catalog/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { Case } from './case.model.ts';

/**
 * The case clock: the due date is the promised limit in working days from acceptance, with the
 * pauses (补正 during review, the special procedures of 行政许可法第四十五条) left out and an
 * approved extension (第四十二条) added. Pausing and resuming recompute it; each change is one
 * guarded update.
 */
export class CaseClock {
  constructor(private readonly deps: { cases: Model<Case>; calendar: CalendarService; matterOf: (code: string) => Promise<Matter> }) {}

  async pause(caseNumber: string, on: string, reason: string): Promise<Case> {
    return this.change(caseNumber, (c) => (c.pauses.some((p) => !p.to) ? c.pauses : [...c.pauses, { from: on, reason }]), 'clockPaused', { on, reason });
  }

  async resume(caseNumber: string, on: string): Promise<Case> {
    // The resumption day counts again: the pause covers the days up to the day before.
    return this.change(caseNumber, (c) => c.pauses.map((p) => (p.to ? p : { ...p, to: previousDay(on) < p.from ? p.from : previousDay(on) })), 'clockResumed', { on });
  }

  private async change(caseNumber: string, pauses: (c: Case) => Case['pauses'], type: string, data: Record<string, unknown>): Promise<Case> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const caseDoc = await this.deps.cases.findOne({ caseNumber }).lean<Case>();
      if (!caseDoc) throw notFound('case');
      const next = pauses(caseDoc);
      if (JSON.stringify(next) === JSON.stringify(caseDoc.pauses)) return caseDoc;
      const dueDate = await this.dueDate(caseDoc, next);
      const result = await this.deps.cases.updateOne(
        { caseNumber, rev: caseDoc.rev },
        { $set: { pauses: next, dueDate }, $inc: { rev: 1 }, $push: { timeline: { at: new Date(), type, data: { ...data, dueDate } } } },
      );
      if (result.modifiedCount === 1) return { ...caseDoc, pauses: next, dueDate };
    }
    throw problem('CASE_CHANGED', { params: { variant: 'retry' } });
  }

  async dueDate(caseDoc: Pick<Case, 'acceptedOn' | 'matterCode' | 'extensionDays'>, pauses: Case['pauses']): Promise<string | undefined> {
    if (!caseDoc.acceptedOn) return undefined;
    const matter = await this.deps.matterOf(caseDoc.matterCode);
    const calendar = await this.deps.calendar.calendar();
    // An open pause has no end yet: the due date moves when it closes.
    return calendar.addWorkingDays(caseDoc.acceptedOn, matter.promisedDays, {
      countFromNextDay: this.deps.calendar.countFromNextDay,
      pauses: pauses.filter((p) => p.to).map((p) => ({ from: p.from, to: p.to! })),
      extensionDays: caseDoc.extensionDays ?? 0,
    });
  }
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
