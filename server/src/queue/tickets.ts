import { createHash, randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import type { CalendarService } from '../calendar/index.ts';
import { isDuplicateKey } from '../shared/db.ts';
import { queueErrors } from './errors.ts';
import { hallClock } from './hall-time.ts';
import { queueModels, type PriorityReason, type QueueModels, type Ticket } from './models.ts';
import { callOrder, DEFAULT_SERVICE_MINUTES, estimatedWaitMinutes } from './ordering.ts';
import { openingHours, queueOf, queues, ticketNumber, type QueueCode, type QueueDefinition } from './queues.ts';

export interface QueueDeps {
  db: Connection;
  calendar: CalendarService;
  clock?: () => Date;
}

export const hashIdNumber = (idNumber: string) => createHash('sha256').update(`onewindow-queue:${idNumber.toUpperCase()}`).digest('hex');

/** 取号 and where a ticket stands: numbers, people ahead, the estimated wait. */
export class TicketDesk {
  readonly models: QueueModels;
  readonly now: () => Date;

  constructor(private readonly deps: QueueDeps) {
    this.models = queueModels(deps.db);
    this.now = deps.clock ?? (() => new Date());
  }

  /** Open on working days within the opening hours, unless the hall closed the queue. */
  async isOpen(queue: QueueDefinition): Promise<boolean> {
    return (await this.openQueues()).has(queue.code);
  }

  /** The queues open now: one read of the settings and of the calendar for all of them. */
  private async openQueues(): Promise<Set<QueueCode>> {
    const { day, minutes } = hallClock(this.now());
    const inHours = (await this.deps.calendar.calendar()).isWorkingDay(day) && minutes >= openingHours.from && minutes < openingHours.to;
    if (!inHours) return new Set();
    const closed = new Set((await this.models.settings.find({ open: false }, { _id: 1 }).lean()).map((s) => s._id));
    return new Set(queues.map((q) => q.code).filter((code) => !closed.has(code)));
  }

  async take(input: { queue: QueueCode; priority?: PriorityReason; idNumber?: string; appointment?: { code: string; slot: string } }): Promise<Ticket> {
    const queue = queueOf(input.queue);
    if (!queue) throw queueErrors.unknownQueue();
    if (!(await this.isOpen(queue))) throw queueErrors.closed(queue.name.zh);
    const now = this.now();
    const { day } = hallClock(now);
    const idNumberHash = input.idNumber ? hashIdNumber(input.idNumber) : undefined;
    if (idNumberHash) {
      const held = await this.models.tickets.findOne({ day, queue: queue.code, idNumberHash, state: mongoose.trusted({ $in: ['waiting', 'called'] }) }).lean();
      if (held) throw queueErrors.alreadyTaken(held.number);
    }
    for (let attempt = 0; ; attempt++) {
      const last = await this.models.tickets.findOne({ day, queue: queue.code }).sort({ seq: -1 }).lean();
      const seq = (last?.seq ?? 0) + 1;
      try {
        const doc = await this.models.tickets.create({
          _id: randomBytes(12).toString('hex'), day, queue: queue.code, seq, number: ticketNumber(queue, seq),
          priority: input.priority, idNumberHash, appointmentCode: input.appointment?.code, slot: input.appointment?.slot,
          state: 'waiting', round: 1, enqueuedAt: now, takenAt: now, recalls: 0, skips: 0,
        });
        return doc.toObject();
      } catch (error) {
        // another ticket took this number: take the next (an appointment checked in twice is refused by its own index)
        if (!isDuplicateKey(error) || attempt >= 50) throw error;
        if (input.appointment && (await this.models.tickets.exists({ appointmentCode: input.appointment.code }))) throw queueErrors.checkedIn();
      }
    }
  }

  /** A ticket as its holder sees it: the number, the state, who is ahead and the estimated wait. */
  async view(ticket: Ticket) {
    const queue = queueOf(ticket.queue)!;
    const waiting = await this.waitingIn([queue.code], ticket.day);
    const order = callOrder(waiting, ticket.forWindow ?? '', hallClock(this.now()).hhmm);
    const ahead = ticket.state === 'waiting' ? Math.max(0, order.findIndex((t) => t._id === ticket._id)) : 0;
    const { meanServiceMinutes, windowsServing } = await this.pace(queue.code, ticket.day);
    return {
      id: ticket._id, number: ticket.number, queue: queue.code, queueName: queue.name, state: ticket.state, day: ticket.day,
      takenAt: ticket.takenAt, priority: ticket.priority, ahead, estimatedWaitMinutes: ticket.state === 'waiting' ? estimatedWaitMinutes(ahead, meanServiceMinutes, windowsServing) : 0,
      window: ticket.state === 'called' ? ticket.window : undefined,
    };
  }

  async find(id: string): Promise<Ticket> {
    const ticket = await this.models.tickets.findById(id).lean<Ticket>();
    if (!ticket) throw queueErrors.ticketNotFound();
    return ticket;
  }

  waitingIn(queueCodes: QueueCode[], day: string): Promise<Ticket[]> {
    return this.models.tickets.find({ day, queue: mongoose.trusted({ $in: queueCodes }), state: 'waiting' }).lean<Ticket[]>();
  }

  /** Today's mean service time in a queue and how many windows called from it in the last half hour. */
  async pace(queue: QueueCode, day: string): Promise<{ meanServiceMinutes: number; windowsServing: number }> {
    return this.paceOf(await this.served(day, [queue]));
  }

  /** The day's called and finished tickets of these queues (what the pace is computed from). */
  private served(day: string, queueCodes: QueueCode[]): Promise<Ticket[]> {
    return this.models.tickets.find({ day, queue: mongoose.trusted({ $in: queueCodes }), state: mongoose.trusted({ $in: ['called', 'done'] }) }, { queue: 1, calledAt: 1, finishedAt: 1, window: 1, state: 1 }).lean<Ticket[]>();
  }

  private paceOf(recent: Ticket[]): { meanServiceMinutes: number; windowsServing: number } {
    const done = recent.filter((t) => t.state === 'done' && t.calledAt && t.finishedAt);
    const meanServiceMinutes = done.length ? done.reduce((s, t) => s + (t.finishedAt!.getTime() - t.calledAt!.getTime()), 0) / done.length / 60_000 : DEFAULT_SERVICE_MINUTES;
    const since = this.now().getTime() - 30 * 60_000;
    const windowsServing = new Set(recent.filter((t) => t.calledAt && t.calledAt.getTime() > since).map((t) => t.window)).size;
    return { meanServiceMinutes: Math.max(1, meanServiceMinutes), windowsServing: Math.max(1, windowsServing) };
  }

  /** Every queue with whether it is open, how many wait and the wait a new ticket can expect. */
  async board() {
    const { day } = hallClock(this.now());
    const [waiting, served, open] = await Promise.all([
      this.models.tickets.find({ day, state: 'waiting' }, { queue: 1 }).lean<Ticket[]>(),
      this.served(day, queues.map((q) => q.code)),
      this.openQueues(),
    ]);
    return queues.map((q) => {
      const count = waiting.filter((t) => t.queue === q.code).length;
      const { meanServiceMinutes, windowsServing } = this.paceOf(served.filter((t) => t.queue === q.code));
      return { code: q.code, prefix: q.prefix, name: q.name, open: open.has(q.code), waiting: count, estimatedWaitMinutes: estimatedWaitMinutes(count, meanServiceMinutes, windowsServing) };
    });
  }
}
