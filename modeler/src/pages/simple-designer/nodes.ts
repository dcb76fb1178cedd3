import type { BranchNode, SimpleKind, SimpleNode } from '@server/processes/simple/schema.ts';

/** The node kinds in the order the simple designer offers them (the order a case usually travels). */
export const kinds: SimpleKind[] = ['receive', 'review', 'decide', 'notify', 'condition', 'parallelReview', 'jointReview', 'prepareCertificate', 'issue'];
/** What a 条件分支's branch may hold. */
export const branchKinds: Array<BranchNode['kind']> = ['review', 'decide', 'notify', 'parallelReview', 'jointReview'];

/** A new node of a kind, filled in with what a department admin most often means. */
export function newNode(kind: SimpleKind, department: string): SimpleNode {
  switch (kind) {
    case 'receive': return { kind };
    case 'review': return { kind, name: '审查', department, power: 'reviewAndReport', limitDays: 5 };
    case 'decide': return { kind, department, seal: true };
    case 'notify': return { kind, template: 'decided' };
    case 'parallelReview': return { kind, departments: [department, department === 'gaj' ? 'zjj' : 'gaj'] };
    case 'jointReview': return { kind, lead: department, units: [department, department === 'gaj' ? 'zjj' : 'gaj'], limitDays: 10 };
    case 'condition': return {
      kind,
      branches: [{ name: '法人申请', field: 'applicantKind', value: 'organisation', nodes: [newNode('review', department) as BranchNode] }],
      otherwise: [],
    };
    case 'prepareCertificate': return { kind };
    case 'issue': return { kind };
  }
}

/** The list with `node` inserted at `index`. */
export const inserted = <T>(list: T[], index: number, node: T): T[] => [...list.slice(0, index), node, ...list.slice(index)];
/** The list without the item at `index`. */
export const removed = <T>(list: T[], index: number): T[] => list.filter((_, i) => i !== index);
/** The list with the item at `from` moved to `to` (clamped to the list). */
export function moved<T>(list: T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return list;
  const rest = removed(list, from);
  return inserted(rest, target, list[from]);
}

/** A new process starts with 收件: every case is received first. */
export const starter = (department: string): SimpleNode[] => [newNode('receive', department)];
