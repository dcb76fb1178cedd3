import { api } from '../api/client.ts';
import { i18n } from '../i18n/index.ts';

const weekdaysZh = ['日', '一', '二', '三', '四', '五', '六'];

/** One place formats dates: 2026年12月1日（周二） in Chinese, 2026-12-01 (Tue) in English. */
export function formatDate(value: string | Date | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value.slice(0, 10) : isoInHall(value);
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (i18n.global.locale.value === 'en') return `${iso} (${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekday]})`;
  return `${y}年${m}月${d}日（周${weekdaysZh[weekday]}）`;
}

/** Date and time of an event, in the hall's time zone. */
export function formatDateTime(value: string | Date | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  const time = date.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
  return `${formatDate(date)} ${time}`;
}

export function isoInHall(date: Date): string {
  return date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

const counts = new Map<string, Promise<number>>();

/** Working days after `from` up to `to` (default today), from the server's calendar (holidays, 调休, overrides). */
export function workingDaysBetween(from: string, to?: string): Promise<number> {
  const key = `${from}|${to ?? ''}`;
  let found = counts.get(key);
  if (!found) {
    found = api.get<{ workingDays: number }>('/api/calendar/working-days', { query: { from: from.slice(0, 10), to: to?.slice(0, 10) } }).then((r) => r.workingDays);
    found.catch(() => counts.delete(key));
    counts.set(key, found);
  }
  return found;
}
