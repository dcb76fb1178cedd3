import type { Appointment, Ticket } from './models.ts';
import { queueOf, queues } from './queues.ts';
import type { TicketDesk } from './tickets.ts';
import { hallClock } from './hall-time.ts';

const minutes = (a?: Date, b?: Date) => (a && b ? (b.getTime() - a.getTime()) / 60_000 : undefined);
const mean = (xs: (number | undefined)[]) => {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length ? Math.round((known.reduce((s, x) => s + x, 0) / known.length) * 10) / 10 : null;
};

/**
 * A day's queue figures for the director's view: tickets, waiting time (taken → first call) and
 * service time (call → finished) per queue, window and hour; abandonment (called, never served);
 * appointments booked and kept. A day holds at most a few thousand tickets: read once, summed here.
 */
export async function queueFigures(desk: TicketDesk, day: string) {
  const tickets = await desk.models.tickets.find({ day }).lean<Ticket[]>();
  const appointments = await desk.models.appointments.find({ day }).lean<Appointment[]>();
  const summary = (list: Ticket[]) => ({
    tickets: list.length,
    served: list.filter((t) => t.state === 'done').length,
    abandoned: list.filter((t) => t.state === 'abandoned').length,
    waiting: list.filter((t) => t.state === 'waiting').length,
    meanWaitMinutes: mean(list.map((t) => minutes(t.takenAt, t.firstCalledAt))),
    meanServiceMinutes: mean(list.filter((t) => t.state === 'done').map((t) => minutes(t.calledAt, t.finishedAt))),
    boundToCases: list.filter((t) => t.caseNumber).length,
  });
  const windows = [...new Set(tickets.map((t) => t.window).filter((w): w is string => Boolean(w)))].sort();
  const hours = [...new Set(tickets.map((t) => hallClock(t.takenAt).hhmm.slice(0, 2)))].sort();
  return {
    day,
    hall: summary(tickets),
    byQueue: queues.filter((q) => tickets.some((t) => t.queue === q.code)).map((q) => ({ queue: q.code, name: queueOf(q.code)!.name, ...summary(tickets.filter((t) => t.queue === q.code)) })),
    byWindow: windows.map((window) => ({ window, ...summary(tickets.filter((t) => t.window === window)) })),
    byHour: hours.map((hour) => ({ hour, ...summary(tickets.filter((t) => hallClock(t.takenAt).hhmm.startsWith(hour))) })),
    appointments: { booked: appointments.length, kept: appointments.filter((a) => a.ticketId).length },
  };
}

/** The hall display (大屏): the numbers being called, latest first, and how many wait per queue. */
export async function displayBoard(desk: TicketDesk) {
  const { day } = hallClock(desk.now());
  const called = await desk.models.tickets.find({ day, state: 'called' }).sort({ calledAt: -1 }).limit(12).lean<Ticket[]>();
  const waiting = await desk.models.tickets.find({ day, state: 'waiting' }, { queue: 1 }).lean<Ticket[]>();
  return {
    calls: called.map((t) => ({ number: t.number, window: t.window!, calledAt: t.calledAt!, recalls: t.recalls })),
    queues: queues.map((q) => ({ code: q.code, name: q.name, waiting: waiting.filter((t) => t.queue === q.code).length })).filter((q) => q.waiting > 0),
  };
}
