import { expect } from 'chai';
import { defineAbilityFor, subjectOf } from '../authz/index.ts';
import { BoardIndex } from './board-index.ts';
import type { TaskDoc } from './model.ts';

const now = new Date('2026-12-01T02:00:00Z');
const hour = 3_600_000;
const approver = { userId: 'u1', username: 'approver.zjj', roles: ['approver' as const], departmentCode: 'zjj' };

/** Deterministic tasks: three departments, open / awaiting signers / assigned, due dates that tie. */
function tasks(n: number, rev = 0): TaskDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const dept = ['zjj', 'gaj', 'scj'][i % 3];
    return {
      _id: `t${String(i).padStart(4, '0')}`, kind: 'engine', name: '审查', step: 'review', state: i % 11 === 0 ? 'awaitingSigners' : 'open',
      candidateGroups: i % 13 === 0 ? ['dept:zjj', 'dept:gaj'] : [`dept:${dept}`], candidateUsers: [], assignee: i % 7 === 0 ? 'approver.zjj' : null,
      departmentCode: i % 17 === 0 ? 'gaj' : dept, matterCode: `${dept}_m${i % 4}`, caseNumber: `ZW20261201-${i}`,
      dueAt: new Date(now.getTime() + ((i * 37) % 50) * hour), warnAt: new Date(now.getTime() + ((i * 37) % 50 - 24) * hour),
      createdAt: new Date(now.getTime() - ((i * 13) % 40) * hour), carbonCopies: [], urges: [], rev,
    } as unknown as TaskDoc;
  });
}

/** The list as the definition says, computed the slow obvious way. */
function expected(all: TaskDoc[], sort: 'dueAt' | '-dueAt' | 'createdAt' | '-createdAt') {
  const ability = defineAbilityFor(approver, [], now);
  const field = sort.replace('-', '') as 'dueAt' | 'createdAt';
  const dir = sort.startsWith('-') ? -1 : 1;
  return all
    .filter((t) => t.state === 'open' && t.assignee === null && t.candidateGroups.includes('dept:zjj'))
    .filter((t) => ability.can('read', subjectOf('Task', { departmentCode: t.departmentCode, matterCode: t.matterCode, candidateGroups: t.candidateGroups, assignee: t.assignee })))
    .sort((a, b) => dir * (a[field]!.getTime() - b[field]!.getTime()) || (a._id < b._id ? -1 : 1))
    .map((t) => t._id);
}

describe('board index: "my group\'s tasks" from the kept per-group order', () => {
  const ability = defineAbilityFor(approver, [], now);

  it('pages every sort order exactly as filtering and sorting all tasks would, with the same total', () => {
    const all = tasks(400);
    const index = new BoardIndex();
    for (const t of all) index.apply(t);
    for (const sort of ['dueAt', '-dueAt', 'createdAt', '-createdAt'] as const) {
      const want = expected(all, sort);
      expect(want.length).to.be.greaterThan(40);
      const got: string[] = [];
      for (let page = 1; page <= Math.ceil(want.length / 15) + 1; page++) {
        const res = index.list(ability, approver, { list: 'groups', sort, page, pageSize: 15 }, now);
        expect(res.total, sort).to.equal(want.length);
        got.push(...res.items.map((x) => x.key));
      }
      expect(got, sort).to.deep.equal(want);
    }
  });

  it('follows claims, closes and new tasks after the order was kept', () => {
    const all = tasks(120);
    const index = new BoardIndex();
    for (const t of all) index.apply(t);
    const first = index.list(ability, approver, { list: 'groups', sort: 'dueAt', page: 1, pageSize: 50 }, now);
    expect(first.items.map((x) => x.key)).to.deep.equal(expected(all, 'dueAt').slice(0, 50));

    const claimed = { ...all.find((t) => t._id === first.items[0].key)!, assignee: 'approver.zjj', rev: 1 };
    index.apply(claimed);
    index.close(first.items[1].key);
    const added = { ...tasks(1)[0], _id: 'new-1', dueAt: new Date(now.getTime() - hour), assignee: null, state: 'open', candidateGroups: ['dept:zjj'], departmentCode: 'zjj' } as TaskDoc;
    index.apply(added);
    const after = [...all.filter((t) => t._id !== claimed._id && t._id !== first.items[1].key), claimed, added];
    const res = index.list(ability, approver, { list: 'groups', sort: 'dueAt', page: 1, pageSize: 50 }, now);
    expect(res.items.map((x) => x.key)).to.deep.equal(expected(after, 'dueAt').slice(0, 50));
    expect(res.items[0].key).to.equal('new-1');
    expect(res.total).to.equal(expected(after, 'dueAt').length);
    expect(index.count(ability, approver, 'groups', now)).to.equal(res.total);
  });
});
