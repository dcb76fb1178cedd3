import mongoose, { type Connection } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import { userModel } from '../auth/user.model.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { caseLedger, type Case } from '../intake/index.ts';
import type { HotlineClock } from '../hotline/limits.ts';
import type { HotlineOrder } from '../hotline/model.ts';
import { ratingErrors } from './errors.ts';
import { badLevels, ratingModel, type Rating, type RatingChannel, type RatingDimension, type RatingLevel } from './model.ts';

export const RECTIFICATION_PROCESS_ID = 'rating-rectification';

export interface RatingInput {
  caseNumber: string;
  level: RatingLevel;
  dimensions?: Partial<Record<RatingDimension, RatingLevel>>;
  comment?: string;
}

export interface RatingsDeps {
  db: Connection;
  engine: WorkflowEngine;
  trail: AuditTrail;
  /** Working days counted in the hall's calendar (the hotline's clock serves both). */
  days: HotlineClock;
  /** Working days to rectify a bad rating (RATING_RECTIFY_DAYS, default 15). */
  rectifyDays?: number;
  clock?: () => Date;
}

/** A case may be rated once it is decided or handed over (国办发〔2019〕51号: 一事一评). */
const rateable = (c: Pick<Case, 'stage'>) => c.stage === 'issuing' || c.stage === 'closed';

/**
 * 好差评: one rating per case or hotline order, on the five national levels. A bad rating (the last
 * two) starts the `rating-rectification` process for the department responsible.
 */
export class Ratings {
  readonly ratings;
  readonly now: () => Date;

  constructor(readonly deps: RatingsDeps) {
    this.ratings = ratingModel(deps.db);
    this.now = deps.clock ?? (() => new Date());
  }

  /**
   * Rates a case from the public page (the phone must be the case's contact phone) or the window's
   * device (the applicant stands there). 404 RATING_CASE_OR_PHONE_MISMATCH, 409 RATING_NOT_YET,
   * 409 RATING_ALREADY_GIVEN; nothing is saved then.
   */
  async rateCase(input: RatingInput, channel: Exclude<RatingChannel, 'hotline'>, check: { phone?: string; windowNumber?: string }): Promise<Rating> {
    const caseDoc = await caseLedger(this.deps.db).read(input.caseNumber);
    if (channel === 'online' && (!caseDoc || !check.phone || caseDoc.contact?.phone !== check.phone)) throw ratingErrors.caseOrPhone();
    if (!caseDoc) throw ratingErrors.caseNotFound();
    if (!rateable(caseDoc)) throw ratingErrors.notYet();
    const clerk = mongoose.isValidObjectId(caseDoc.receivedBy) ? (await userModel(this.deps.db).findById(caseDoc.receivedBy, { username: 1 }).lean())?.username : undefined;
    const rating = await this.save({
      _id: `case:${caseDoc.caseNumber}`, subject: { kind: 'case', number: caseDoc.caseNumber }, level: input.level, bad: badLevels.includes(input.level),
      dimensions: input.dimensions ?? {}, ...(input.comment ? { comment: input.comment } : {}), channel, named: true,
      departmentCode: caseDoc.departmentCode, matterCode: caseDoc.matterCode, windowNumber: check.windowNumber ?? caseDoc.windowNumber, ...(clerk ? { clerk } : {}),
      ratedAt: this.now(), rev: 0,
    });
    await caseLedger(this.deps.db).append(caseDoc.caseNumber, `rating:${rating._id}`, { at: rating.ratedAt, type: 'rated', data: { level: rating.level, channel } });
    return rating;
  }

  /** The caller's satisfaction at the 12345 call-back is the order's rating; once per order. */
  async rateOrder(order: HotlineOrder): Promise<void> {
    if (!order.satisfaction || !order.departmentCode) return;
    if (await this.ratings.exists({ _id: `hotline:${order._id}` })) return;
    await this.save({
      _id: `hotline:${order._id}`, subject: { kind: 'hotline', number: order._id }, level: order.satisfaction, bad: badLevels.includes(order.satisfaction),
      dimensions: {}, channel: 'hotline', named: true, departmentCode: order.departmentCode, ratedAt: order.calledBackAt ?? this.now(), rev: 0,
    }).catch((error: unknown) => { if (!(error instanceof Error && 'code' in error && error.code === 'RATING_ALREADY_GIVEN')) throw error; });
  }

  private async save(rating: Rating): Promise<Rating> {
    if (rating.bad) rating.rectification = { state: 'open', dueAt: await this.deps.days.dueAfter(rating.ratedAt, this.deps.rectifyDays ?? 15) };
    try {
      await this.ratings.create(rating);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw ratingErrors.alreadyRated();
      throw error;
    }
    await this.deps.trail.append({
      actor: { userId: `rating:${rating.channel}`, username: `rating:${rating.channel}` }, action: 'rating.given', subject: { type: 'Rating', id: rating._id },
      departmentCode: rating.departmentCode, data: { level: rating.level, channel: rating.channel },
    }, { once: `rating:${rating._id}` });
    if (rating.bad) await this.startRectification(rating);
    return (await this.ratings.findById(rating._id).lean<Rating>())!;
  }

  /** Starts the rectification of a bad rating (again after a crash: `resumeRectifications`). */
  private async startRectification(rating: Rating): Promise<void> {
    const started = await this.deps.engine.startInstance({
      processId: RECTIFICATION_PROCESS_ID,
      variables: {
        // only through the rectification's candidate group, never as `departmentCode`: the director's 申诉复核 is no task of the department's
        ratingId: rating._id, ratedDepartment: rating.departmentCode, rectifyDueAt: rating.rectification!.dueAt.toISOString(), level: rating.level,
        comment: rating.comment ?? '', ratedNumber: rating.subject.number, applicantName: `${rating.subject.kind === 'case' ? '办件' : '工单'} ${rating.subject.number}`,
      },
    });
    await this.ratings.updateOne({ _id: rating._id, 'rectification.processInstanceKey': null }, { $set: { 'rectification.processInstanceKey': started.processInstanceKey }, $inc: { rev: 1 } });
  }

  /** Bad ratings saved without their process (the server stopped in between): started now. */
  async resumeRectifications(): Promise<number> {
    const left = await this.ratings.find({ bad: true, 'rectification.state': 'open', 'rectification.processInstanceKey': null, ratedAt: mongoose.trusted({ $lt: new Date(this.now().getTime() - 60_000) }) }).lean<Rating[]>();
    for (const rating of left) await this.startRectification(rating);
    return left.length;
  }
}
