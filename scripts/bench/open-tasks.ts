import type { Model } from 'mongoose';

/**
 * The board benchmarks' load: `size` open review tasks written straight into the task collection in
 * the projection's shape, spread over departments and due dates (5,000 per insert). `vary` sets what
 * a benchmark needs differently (assignee, matter, applicant, form).
 */
export async function insertOpenTasks(tasks: Model<never>, size: number, departments: readonly string[], vary: (i: number, dept: string) => Record<string, unknown> = () => ({})): Promise<void> {
  const now = Date.now();
  for (let offset = 0; offset < size; offset += 5000) {
    const batch = [];
    for (let i = offset; i < Math.min(size, offset + 5000); i++) {
      const dept = departments[i % departments.length];
      batch.push({
        _id: `bench-${i}`, kind: 'engine', name: '审查', step: 'review', sealRequired: false, returnTargets: [], headers: {},
        candidateGroups: [`dept:${dept}`], candidateUsers: [], assignee: null, owner: null, delegated: false,
        departmentCode: dept, matterCode: `${dept}_sgxk`, caseNumber: `ZW20261201-${String(i).padStart(6, '0')}`, state: 'open',
        dueAt: new Date(now + ((i % 240) - 20) * 3_600_000), warnAt: new Date(now + ((i % 240) - 44) * 3_600_000),
        form: {}, carbonCopies: [], urges: [], history: [], createdAt: new Date(now - i * 1000), rev: 0,
        ...vary(i, dept),
      });
    }
    await tasks.collection.insertMany(batch as never[]);
  }
}
