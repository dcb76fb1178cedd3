import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { TaskCounts } from '@server/tasks/vocabulary.ts';
import { api, sessionPort } from '../api/client.ts';

/** A task the user may read entered, changed on or left the open board (keys only; rows come from the lists). */
export interface TaskChange {
  key: string;
  change: 'added' | 'updated' | 'removed';
}

export interface TaskStreamHandlers {
  /** Every list's count: first after each (re)connection, then after changes. */
  onCounts?(counts: TaskCounts, fresh: boolean): void;
  onTask?(change: TaskChange): void;
}

type Parsed = { event: string; data: string } | { retry: number };

/** One server-sent event block (`event:`, `data:`, `retry:`; comment lines are heartbeats). */
function parseBlock(block: string): Parsed | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('retry: ')) return { retry: Number(line.slice(7)) };
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return data.length > 0 ? { event, data: data.join('\n') } : undefined;
}

/**
 * The board's live updates: `GET /api/tasks/stream` read with fetch() so the access token travels
 * in the Authorization header (EventSource cannot send it, and the token must not go into a URL).
 * It reconnects by itself after the `retry:` the server gave (growing up to 30 s while the server is
 * away), renews the token on a 401 or at its expiry, and tells `onCounts(…, true)` after each
 * connection so the page fetches its list again and is right.
 */
export function useTaskStream(handlers: TaskStreamHandlers) {
  const state = ref<'connecting' | 'live' | 'reconnecting' | 'polling'>('connecting');
  let controller: AbortController | undefined;
  let stopped = false;
  let retryMs = 2000;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function readStream(res: Response): Promise<void> {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let fresh = true;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const parsed = parseBlock(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (!parsed) continue;
        if ('retry' in parsed) { retryMs = parsed.retry; continue; }
        if (parsed.event === 'counts') {
          state.value = 'live';
          failures = 0;
          handlers.onCounts?.(JSON.parse(parsed.data) as TaskCounts, fresh);
          fresh = false;
        } else if (parsed.event === 'task') handlers.onTask?.(JSON.parse(parsed.data) as TaskChange);
      }
    }
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    controller = new AbortController();
    const session = sessionPort();
    try {
      const res = await fetch('/api/tasks/stream', { headers: { accept: 'text/event-stream', authorization: `Bearer ${session?.token() ?? ''}` }, signal: controller.signal });
      if (res.status === 401) {
        await res.body?.cancel();
        if (!(await session?.renew())) { state.value = 'reconnecting'; return; }
        return void connect();
      }
      if (res.status === 404) {
        // no stream on this server (topology cluster without a change feed): ask for the counts every 15 s
        await res.body?.cancel();
        state.value = 'polling';
        return void poll();
      }
      if (res.ok) await readStream(res);
    } catch {
      // dropped, or aborted on leaving the page: reconnect below unless stopped
    }
    if (stopped) return;
    state.value = 'reconnecting';
    failures++;
    timer = setTimeout(() => void connect(), Math.min(30_000, retryMs * Math.max(1, failures)));
  }

  async function poll(): Promise<void> {
    if (stopped) return;
    try {
      handlers.onCounts?.(await api.get<TaskCounts>('/api/tasks/counts'), true);
    } catch {
      // the next round asks again
    }
    timer = setTimeout(() => void poll(), 15_000);
  }

  onMounted(() => void connect());
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  });
  return { state };
}
