import type { HallWindow } from '../catalog/models.ts';
import { windowCategories, type WindowCategory } from '../catalog/vocabulary.ts';

/**
 * The hall's queues (取号的业务类别): the comprehensive windows, each category of the seed's
 * categorised windows, and certificate collection (领证) at the issuing windows. A ticket number is
 * the queue's letter and a three-digit sequence of the day (A023).
 */
export interface QueueDefinition {
  code: QueueCode;
  prefix: string;
  name: { zh: string; en: string };
  /** Which windows call this queue. */
  servedBy(window: Pick<HallWindow, 'category' | 'role'>): boolean;
}

export type QueueCode = WindowCategory | 'collection';

const letters = 'ABCDEFGHJKMNPQRSTUVWXYZ'; // no I, L, O: they read as 1, the 领证 L, 0
const categories = Object.keys(windowCategories) as WindowCategory[];

export const queues: QueueDefinition[] = [
  ...categories.map((category, i): QueueDefinition => ({
    code: category,
    prefix: letters[i],
    name: category === 'comprehensive' ? { zh: '综合受理', en: 'Comprehensive acceptance' } : windowCategories[category],
    servedBy: (w) => w.category === category && w.role === 'acceptance',
  })),
  { code: 'collection', prefix: 'L', name: { zh: '领取证照', en: 'Certificate collection' }, servedBy: (w) => w.role === 'issuing' },
];

export const queueCodes = queues.map((q) => q.code) as [QueueCode, ...QueueCode[]];

export function queueOf(code: string): QueueDefinition | undefined {
  return queues.find((q) => q.code === code);
}

/** A001 … A999: the number printed on the ticket and called aloud. */
export function ticketNumber(queue: QueueDefinition, seq: number): string {
  return `${queue.prefix}${String(seq).padStart(3, '0')}`;
}

/** 绿色通道: served before the walk-ins. */
export const priorityReasons = ['elderly', 'disabled', 'military'] as const;
export type PriorityReason = (typeof priorityReasons)[number];
export const ticketStates = ['waiting', 'called', 'done', 'abandoned'] as const;
export type TicketState = (typeof ticketStates)[number];

/** 开放时间 on working days, in hall time (Asia/Shanghai), minutes after midnight. */
export const openingHours = { from: 8 * 60 + 30, to: 17 * 60 + 30 };
