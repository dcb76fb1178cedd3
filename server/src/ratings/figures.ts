import mongoose, { type Model, type QueryFilter } from 'mongoose';
import { ratingLevels, type Rating } from './model.ts';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const good = (r: Rating) => r.level === 'verySatisfied' || r.level === 'satisfied';

interface Group { key: string; total: number; good: number; bad: number; goodRate: number | null }

function groupBy(list: Rating[], keyOf: (r: Rating) => string | undefined): Group[] {
  const groups = new Map<string, Group>();
  for (const r of list) {
    const key = keyOf(r);
    if (!key) continue;
    const g = groups.get(key) ?? { key, total: 0, good: 0, bad: 0, goodRate: null };
    g.total += 1;
    if (good(r)) g.good += 1;
    if (r.bad) g.bad += 1;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ...g, goodRate: rate(g.good, g.total) })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

/**
 * 好差评 figures over ratings given in [from, to): levels, 好评率 (非常满意 + 满意), per matter,
 * department, window and clerk; and the rectification of 差评 — on time, open, overdue, voided on
 * appeal, and the call-back rate of named 差评 (which must be 100%). Voided ratings count nowhere else.
 */
export async function ratingFigures(ratings: Model<Rating>, scope: QueryFilter<Rating>, from: Date, to: Date, now: Date) {
  const all = await ratings.find({ ...scope, ratedAt: mongoose.trusted({ $gte: from, $lt: to }) }).lean<Rating[]>();
  const voided = all.filter((r) => r.rectification?.state === 'voided').length;
  const list = all.filter((r) => r.rectification?.state !== 'voided');
  const levels = Object.fromEntries(ratingLevels.map((l) => [l, list.filter((r) => r.level === l).length]));
  const bad = list.filter((r) => r.bad);
  const rectified = bad.filter((r) => r.rectification?.state === 'rectified');
  const open = bad.filter((r) => r.rectification && ['open', 'contested'].includes(r.rectification.state));
  const namedBad = bad.filter((r) => r.named);
  return {
    from: from.toISOString(), to: to.toISOString(), total: list.length, levels, goodRate: rate(list.filter(good).length, list.length),
    byChannel: groupBy(list, (r) => r.channel), byMatter: groupBy(list, (r) => r.matterCode), byDepartment: groupBy(list, (r) => r.departmentCode),
    byWindow: groupBy(list, (r) => r.windowNumber), byClerk: groupBy(list, (r) => r.clerk),
    rectification: {
      bad: bad.length, voided, rectified: rectified.length, rectifiedOnTime: rectified.filter((r) => r.rectification!.reply?.onTime).length,
      open: open.length, overdue: open.filter((r) => new Date(r.rectification!.dueAt) < now).length,
      onTimeRate: rate(rectified.filter((r) => r.rectification!.reply?.onTime).length, rectified.length),
      callBackRate: rate(namedBad.filter((r) => r.rectification?.reply?.calledBack).length, namedBad.filter((r) => r.rectification?.state === 'rectified').length),
    },
  };
}
