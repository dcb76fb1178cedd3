import type { Connection } from 'mongoose';
import type { HallWindow } from '../catalog/index.ts';
import { catalogModels } from '../catalog/index.ts';
import { isDuplicateKey } from '../shared/db.ts';
import { queueErrors } from './errors.ts';
import { hallClock } from './hall-time.ts';
import type { Ticket } from './models.ts';
import { callOrder } from './ordering.ts';
import { queueOf, queues, type QueueCode } from './queues.ts';
import type { TicketDesk } from './tickets.ts';

/**
 * 叫号 at a window: call next, call again, 过号 (re-queued once, then abandoned), transfer to a
 * queue or a window, finish (bound to the case received), pause and resume. One action at a time
 * per window in this process (a double click calls one ticket, not two); which window gets a ticket
 * is settled by a unique insert, so it holds across processes too.
 */
export class WindowCalling {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly desk: TicketDesk, private readonly db: Connection) {}

  private get models() { return this.desk.models; }

  async window(number: string): Promise<HallWindow> {
    const window = await catalogModels(this.db).windows.findOne({ number }).lean<HallWindow>();
    if (!window) throw queueErrors.unknownWindow();
    return window;
  }

  servedQueues(window: Pick<HallWindow, 'category' | 'role'>): QueueCode[] {
    return queues.filter((q) => q.servedBy(window)).map((q) => q.code);
  }

  /** The window's panel: paused or not, the ticket it serves, the queues it calls and how many wait. */
  async panel(number: string) {
    const window = await this.window(number);
    const state = await this.models.windows.findById(number).lean();
    const current = await this.current(number);
    const day = hallClock(this.desk.now()).day;
    const served = this.servedQueues(window);
    const waiting = await this.desk.waitingIn(served, day);
    const ordered = callOrder(waiting, number, hallClock(this.desk.now()).hhmm);
    return {
      window: number, paused: state?.paused ?? false, current: current && (await this.desk.view(current)),
      queues: served.map((code) => ({ code, name: queueOf(code)!.name, waiting: waiting.filter((t) => t.queue === code).length })),
      next: ordered.slice(0, 5).map((t) => ({ number: t.number, priority: t.priority, slot: t.slot, transferred: t.forWindow === number })),
    };
  }

  private async current(number: string): Promise<Ticket | undefined> {
    const state = await this.models.windows.findById(number).lean();
    if (!state?.ticketId) return undefined;
    const ticket = await this.models.tickets.findById(state.ticketId).lean<Ticket>();
    return ticket?.state === 'called' && ticket.window === number ? ticket : undefined;
  }

  private serialised<T>(number: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(number) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    this.tails.set(number, mine);
    void mine.finally(() => { if (this.tails.get(number) === mine) this.tails.delete(number); }).catch(() => undefined);
    return mine;
  }

  callNext(number: string, by: string) {
    return this.serialised(number, async () => {
      const window = await this.window(number);
      const state = await this.models.windows.findById(number).lean();
      if (state?.paused) throw queueErrors.windowPaused();
      const busy = await this.current(number);
      if (busy) throw queueErrors.windowBusy(busy.number);
      const now = this.desk.now();
      const { day, hhmm } = hallClock(now);
      for (const ticket of callOrder(await this.desk.waitingIn(this.servedQueues(window), day), number, hhmm)) {
        try {
          await this.models.calls.create({ _id: `${ticket._id}:${ticket.round}`, ticketId: ticket._id, window: number, at: now });
        } catch (error) {
          if (isDuplicateKey(error)) continue; // another window called it first
          throw error;
        }
        await this.models.tickets.updateOne({ _id: ticket._id }, { $set: { state: 'called', calledAt: now, firstCalledAt: ticket.firstCalledAt ?? now, window: number, calledBy: by }, $unset: { forWindow: 1 } });
        await this.setWindow(number, { ticketId: ticket._id });
        return this.desk.view(await this.desk.find(ticket._id));
      }
      return null;
    });
  }

  recall(number: string) {
    return this.serialised(number, async () => {
      const ticket = await this.mustHaveCurrent(number);
      await this.models.tickets.updateOne({ _id: ticket._id }, { $set: { calledAt: this.desk.now() }, $inc: { recalls: 1 } });
      return this.desk.view(await this.desk.find(ticket._id));
    });
  }

  /** 过号: the first time the ticket goes back to the end of its queue; the second time it is abandoned. */
  skip(number: string) {
    return this.serialised(number, async () => {
      const ticket = await this.mustHaveCurrent(number);
      const now = this.desk.now();
      const update = ticket.skips === 0
        ? { $set: { state: 'waiting', enqueuedAt: now, round: ticket.round + 1, skips: 1 }, $unset: { window: 1 } }
        : { $set: { state: 'abandoned', finishedAt: now, skips: ticket.skips + 1 } };
      await this.models.tickets.updateOne({ _id: ticket._id }, update);
      await this.setWindow(number, { ticketId: undefined });
      return this.desk.view(await this.desk.find(ticket._id));
    });
  }

  /** 转移: to another queue (it keeps its place by the time it was taken) or to one window. */
  transfer(number: string, to: { queue?: QueueCode; window?: string }) {
    return this.serialised(number, async () => {
      if ((!to.queue && !to.window) || to.window === number) throw queueErrors.transferTarget();
      const ticket = await this.mustHaveCurrent(number);
      let queue = to.queue ? queueOf(to.queue) : undefined;
      if (to.queue && !queue) throw queueErrors.unknownQueue();
      if (to.window) {
        const served = this.servedQueues(await this.window(to.window));
        if (!served.length) throw queueErrors.transferTarget();
        queue = queueOf(served.includes(ticket.queue) ? ticket.queue : served[0]);
      }
      await this.models.tickets.updateOne({ _id: ticket._id }, {
        $set: { state: 'waiting', queue: queue!.code, round: ticket.round + 1, ...(to.window ? { forWindow: to.window } : {}) },
        $unset: { window: 1, ...(to.window ? {} : { forWindow: 1 }) },
      });
      await this.setWindow(number, { ticketId: undefined });
      return this.desk.view(await this.desk.find(ticket._id));
    });
  }

  /** 办结: the ticket is served; the case received for it (if any) is bound to it. */
  finish(number: string, caseNumber: string | undefined, caseExists: (caseNumber: string) => Promise<boolean>) {
    return this.serialised(number, async () => {
      const ticket = await this.mustHaveCurrent(number);
      if (caseNumber && !(await caseExists(caseNumber))) throw queueErrors.caseNotFound();
      await this.models.tickets.updateOne({ _id: ticket._id }, { $set: { state: 'done', finishedAt: this.desk.now(), ...(caseNumber ? { caseNumber } : {}) } });
      await this.setWindow(number, { ticketId: undefined });
      return this.desk.view(await this.desk.find(ticket._id));
    });
  }

  setPaused(number: string, paused: boolean) {
    return this.serialised(number, async () => {
      await this.window(number);
      const busy = await this.current(number);
      if (paused && busy) throw queueErrors.windowBusy(busy.number);
      await this.setWindow(number, { paused });
      return this.panel(number);
    });
  }

  private async mustHaveCurrent(number: string): Promise<Ticket> {
    await this.window(number);
    const ticket = await this.current(number);
    if (!ticket) throw queueErrors.nothingCalled();
    return ticket;
  }

  private async setWindow(number: string, change: { ticketId?: string; paused?: boolean }): Promise<void> {
    const set: Record<string, unknown> = { changedAt: this.desk.now() };
    const unset: Record<string, 1> = {};
    if ('ticketId' in change) { if (change.ticketId) set.ticketId = change.ticketId; else unset.ticketId = 1; }
    if (change.paused !== undefined) set.paused = change.paused;
    await this.models.windows.updateOne({ _id: number }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { upsert: true });
  }
}
