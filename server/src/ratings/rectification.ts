import type { Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import { holdStep, type BoardActions } from '../hotline/actions.ts';
import { problem } from '../shared/errors.ts';
import type { TaskDoc } from '../tasks/index.ts';
import { ratingErrors } from './errors.ts';
import type { Rating } from './model.ts';
import type { Ratings } from './service.ts';

/**
 * The steps of a bad rating's rectification on the board (差评整改, 国办发〔2019〕51号): the
 * department verifies, calls back and replies, or contests a malicious rating (申诉), which the
 * director reviews. Each completes the board task (guarded) and then writes the rating.
 */
export class RectificationActions {
  constructor(private readonly ratings: Ratings, private readonly board: BoardActions) {}

  private async ratingOf(task: TaskDoc, elementId: string): Promise<Rating> {
    if (task.processId !== 'rating-rectification' || task.elementId !== elementId) throw ratingErrors.notRectificationTask();
    if (task.state !== 'open') throw problem('TASK_ALREADY_COMPLETED');
    const rating = await this.ratings.ratings.findOne({ 'rectification.processInstanceKey': task.processInstanceKey }).lean<Rating>();
    if (!rating) throw ratingErrors.notRectificationTask();
    return rating;
  }

  private holder(ability: AppAbility, principal: Principal, task: TaskDoc, takeIfFree: boolean): Promise<void> {
    return holdStep(this.board, ability, principal, task, takeIfFree);
  }

  private async set(rating: Rating, set: Record<string, unknown>) {
    await this.ratings.ratings.updateOne({ _id: rating._id }, { $set: set, $inc: { rev: 1 } });
    return (await this.ratings.ratings.findById(rating._id).lean<Rating>())!;
  }

  /** 整改答复: verification and reply; a named rating needs the call-back first (422 CALL_BACK_REQUIRED). */
  async rectify(ability: AppAbility, principal: Principal, task: TaskDoc, body: { verification: string; reply: string; calledBack: boolean }) {
    const rating = await this.ratingOf(task, 'rectify');
    await this.holder(ability, principal, task, false);
    if (rating.named && !body.calledBack) throw ratingErrors.callBackRequired();
    const at = this.ratings.now();
    await this.board.complete(principal, task, 'rating.rectified', { rectifyOutcome: 'rectified' }, { ratingId: rating._id });
    return this.set(rating, {
      'rectification.state': 'rectified', 'rectification.closedAt': at,
      'rectification.reply': { text: body.reply, verification: body.verification, calledBack: body.calledBack, by: principal.username, at, onTime: at <= new Date(rating.rectification!.dueAt) },
    });
  }

  /** 申诉: the department holds the rating malicious or mistaken; the director reviews it. */
  async contest(ability: AppAbility, principal: Principal, task: TaskDoc, reason: string) {
    const rating = await this.ratingOf(task, 'rectify');
    await this.holder(ability, principal, task, false);
    await this.board.complete(principal, task, 'rating.contested', { rectifyOutcome: 'contest' }, { ratingId: rating._id });
    return this.set(rating, { 'rectification.state': 'contested', 'rectification.contest': { reason, by: principal.username, at: this.ratings.now() } });
  }

  /** 申诉复核: upheld voids the rating (left out of the figures); rejected sends it back to rectification. */
  async reviewContest(ability: AppAbility, principal: Principal, task: TaskDoc, body: { upheld: boolean; note: string }) {
    const rating = await this.ratingOf(task, 'reviewContest');
    await this.holder(ability, principal, task, true);
    const outcome = body.upheld ? 'upheld' : 'rejected';
    await this.board.complete(principal, task, `rating.contest.${outcome}`, { contestOutcome: outcome }, { ratingId: rating._id });
    const at = this.ratings.now();
    return this.set(rating, {
      'rectification.state': body.upheld ? 'voided' : 'open', ...(body.upheld ? { 'rectification.closedAt': at } : {}),
      'rectification.contest': { ...rating.rectification!.contest, outcome, reviewedBy: principal.username, note: body.note },
    });
  }
}
