import type { WindowCalling } from '@server/queue/calling.ts';
import type { displayBoard } from '@server/queue/figures.ts';
import type { TicketDesk } from '@server/queue/tickets.ts';

/** The queue's answers as the server types them. */
export type TicketView = Awaited<ReturnType<TicketDesk['view']>>;
export type QueueBoard = Awaited<ReturnType<TicketDesk['board']>>;
export type WindowPanel = Awaited<ReturnType<WindowCalling['panel']>>;
export type DisplayBoard = Awaited<ReturnType<typeof displayBoard>>;
