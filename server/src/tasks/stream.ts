import type { Request, Response } from 'express';
import type { Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import type { BoardChange } from './board-index.ts';
import { taskSubject, type TaskChangeFeed } from './board.ts';
import type { Item } from './order.ts';
import type { TaskCounts } from './schemas.ts';

export interface TaskStreamOptions {
  /** Where board changes come from: the board's own index (`single`) or a cluster-wide feed. */
  feed: TaskChangeFeed;
  /** The counts of every list for a user (the same rule as the lists). */
  counts(ability: AppAbility, principal: Principal): Promise<TaskCounts>;
  /** Open streams one user may hold (tabs, windows); the oldest is closed for a new one. Default 5. */
  maxPerUser?: number;
  /** A comment line this often keeps proxies from closing an idle stream. Default 15 s. */
  heartbeatMs?: number;
  /** Counts are sent at most this often, after the changes of a burst. Default 250 ms. */
  countsEveryMs?: number;
  /** What the browser waits before reconnecting (`retry:`). Default 2 s. */
  retryMs?: number;
}

interface Client {
  principal: Principal;
  ability: AppAbility;
  res: Response;
  seq: number;
  countsTimer?: NodeJS.Timeout;
  close(reason: string): void;
}

/** `change` as the stream names it for one task: added to, changed on or removed from the open board. */
const changeOf = (c: BoardChange) => (!c.before ? 'added' : !c.after ? 'removed' : 'updated');

/**
 * `GET /api/tasks/stream`: one server-sent event stream per signed-in user (per tab), carrying only
 * task keys and counts — the page fetches the rows through the normal list routes. A task is
 * mentioned only if the user may read it before or after the change (`read` on Task, the lists'
 * rule). Each (re)connection starts with a `counts` event, so a page that lost its stream fetches
 * its list again and is right; the stream ends at the access token's expiry (`event: expired`).
 */
export class TaskStream {
  private readonly clients = new Map<string, Client[]>();
  private unsubscribe?: () => void;

  constructor(private readonly options: TaskStreamOptions) {}

  /** How many streams are open (all users). */
  get size(): number {
    let n = 0;
    for (const list of this.clients.values()) n += list.length;
    return n;
  }

  open(req: Request, res: Response, principal: Principal, ability: AppAbility, expiresAt: number): void {
    const max = this.options.maxPerUser ?? 5;
    for (let open = this.clients.get(principal.userId) ?? []; open.length >= max; open = this.clients.get(principal.userId) ?? []) open[0].close('replaced');
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${this.options.retryMs ?? 2000}\n\n`);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.options.heartbeatMs ?? 15_000);
    const expiry = setTimeout(() => client.close('expired'), Math.max(0, expiresAt - Date.now()));
    let closed = false;
    const client: Client = {
      principal, ability, res, seq: 0,
      close: (reason) => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        clearTimeout(client.countsTimer);
        if (!res.writableEnded) {
          if (reason !== 'client') res.write(`event: ${reason}\ndata: {}\n\n`);
          res.end();
        }
        this.remove(client);
      },
    };
    req.on('close', () => client.close('client'));
    this.clients.set(principal.userId, [...(this.clients.get(principal.userId) ?? []), client]);
    this.unsubscribe ??= this.options.feed.subscribe((change) => this.dispatch(change));
    void this.sendCounts(client);
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const list of [...this.clients.values()]) for (const c of [...list]) c.close('shutdown');
  }

  private remove(client: Client): void {
    const list = this.clients.get(client.principal.userId) ?? [];
    const left = list.filter((c) => c !== client);
    if (left.length > 0) this.clients.set(client.principal.userId, left);
    else this.clients.delete(client.principal.userId);
    if (this.clients.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  private dispatch(change: BoardChange): void {
    const may = (ability: AppAbility, t?: Item) => Boolean(t && ability.can('read', taskSubject(t)));
    for (const list of this.clients.values()) {
      for (const client of list) {
        if (!may(client.ability, change.before) && !may(client.ability, change.after)) continue;
        this.send(client, 'task', { key: change.key, change: changeOf(change) });
        client.countsTimer ??= setTimeout(() => void this.sendCounts(client), this.options.countsEveryMs ?? 250);
      }
    }
  }

  private async sendCounts(client: Client): Promise<void> {
    client.countsTimer = undefined;
    try {
      this.send(client, 'counts', await this.options.counts(client.ability, client.principal));
    } catch {
      client.close('error');
    }
  }

  private send(client: Client, event: string, data: unknown): void {
    if (client.res.writableEnded) return;
    client.res.write(`id: ${++client.seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
