import { randomBytes, randomUUID } from 'node:crypto';
import { isDuplicateKey } from '../shared/db.ts';
import type { CalendarService } from '../calendar/index.ts';
import { queueErrors } from './errors.ts';
import { hallClock, hhmm } from './hall-time.ts';
import type { Appointment, Ticket } from './models.ts';
import { openingHours, queueOf, type QueueCode } from './queues.ts';
import type { TicketDesk } from './tickets.ts';

/** Half-hour slots from opening to half an hour before closing; each takes this many people per queue. */
export const SLOT_MINUTES = 30;
export const SEATS_PER_SLOT = 2;
export const BOOKABLE_DAYS = 7;
export const slots: string[] = Array.from({ length: (openingHours.to - openingHours.from) / SLOT_MINUTES }, (_, i) => hhmm(openingHours.from + i * SLOT_MINUTES));

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

/** 预约: booked from the public page for a slot, checked in at the kiosk on the day for a ticket. */
export class Appointments {
  constructor(private readonly desk: TicketDesk, private readonly calendar: CalendarService) {}

  private get models() { return this.desk.models; }

  /** The slots of a day with the seats still free. */
  async free(queue: QueueCode, day: string) {
    const booked = await this.models.appointments.find({ queue, day }, { slot: 1 }).lean<Appointment[]>();
    return slots.map((slot) => ({ slot, free: SEATS_PER_SLOT - booked.filter((a) => a.slot === slot).length }));
  }

  async book(input: { queue: QueueCode; day: string; slot: string; name: string; phone: string }): Promise<Appointment> {
    if (!queueOf(input.queue)) throw queueErrors.unknownQueue();
    if (!slots.includes(input.slot)) throw queueErrors.slotUnknown();
    await this.assertBookable(input.day, input.slot);
    if (await this.models.appointments.exists({ queue: input.queue, day: input.day, phone: input.phone })) throw queueErrors.alreadyBooked();
    for (let seat = 1; seat <= SEATS_PER_SLOT; seat++) {
      try {
        const doc = await this.models.appointments.create({ _id: randomUUID(), code: newCode(), ...input, seat, bookedAt: this.desk.now() });
        return doc.toObject();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // this seat is taken: try the next one
      }
    }
    throw queueErrors.slotFull();
  }

  private async assertBookable(day: string, slot: string): Promise<void> {
    const now = hallClock(this.desk.now());
    const calendar = await this.calendar.calendar();
    const lastDay = calendar.addWorkingDays(now.day, BOOKABLE_DAYS);
    const inRange = day >= now.day && day <= lastDay && calendar.isWorkingDay(day);
    if (!inRange || (day === now.day && slot <= now.hhmm)) throw queueErrors.dayNotBookable();
  }

  /** 签到: on the appointment's day the kiosk turns it into a ticket, once. */
  async checkIn(code: string): Promise<Ticket> {
    const appointment = await this.models.appointments.findOne({ code }).lean<Appointment>();
    if (!appointment) throw queueErrors.appointmentNotFound();
    if (appointment.day !== hallClock(this.desk.now()).day) throw queueErrors.notToday(appointment.day);
    if (appointment.ticketId) throw queueErrors.checkedIn();
    const ticket = await this.desk.take({ queue: appointment.queue, appointment: { code, slot: appointment.slot } });
    await this.models.appointments.updateOne({ _id: appointment._id }, { $set: { ticketId: ticket._id } });
    return ticket;
  }
}
