import { catalogModels, type HallWindow } from '../../catalog/index.ts';
import { pathOfMatter, planHistory, stepTiming, type PlannedCase } from './plan.ts';
import { hallStaff, type Call, type HistoryDeps } from './staff.ts';

export type { HistoryDeps } from './staff.ts';

const HOUR = 3_600_000;
interface OpenTask { key: string; step: string; state: string; departmentCode?: string; candidateGroups?: string[] }

/**
 * Drives planned cases through the real hall over HTTP — a window receives and accepts, the engine
 * starts the matter's process, and whoever the board offers each step to does it: the department's
 * approver claims and completes 审查, 并联审查, 单位审查, 汇总 and 审批决定 (the decision sealed by the
 * seal worker, the certificate made by its worker), the window staff decide a 即办件 on the spot, an
 * issuing window hands the certificate over — moving the hall's clock between the steps as the plan
 * says. Returns the case numbers.
 */
export async function seedHistory(deps: HistoryDeps, options: { cases: number; start: string; days: number; seed?: number; matters?: string[] }): Promise<string[]> {
  const staff = await hallStaff(deps, options.start, options.days);
  const done: string[] = [];
  const plans = planHistory(options.cases, options.start, options.days, options.seed);
  for (const [i, plan] of plans.entries()) {
    // `matters` narrows the history to the named matters in turn (tests)
    const matterCode = options.matters?.[i % options.matters.length] ?? plan.matterCode;
    done.push(await driveCase(deps, staff, { ...plan, matterCode, path: pathOfMatter(matterCode), atCategoryWindow: plan.atCategoryWindow || pathOfMatter(matterCode) === 'immediate' }));
    if ((i + 1) % 10 === 0) deps.log?.(`${i + 1} of ${options.cases} cases`);
  }
  return done;
}

async function driveCase(deps: HistoryDeps, staff: Awaited<ReturnType<typeof hallStaff>>, plan: PlannedCase): Promise<string> {
  let now = plan.receivedAt.getTime();
  const at = (hours: number) => { now += hours * HOUR; deps.setClock(new Date(now)); };
  at(0);
  const director = staff.as('director');
  const matter = await director('GET', `/api/matters/${plan.matterCode}`) as { materials: Array<{ name: string }>; windowCategory: string; departmentCode: string };
  const window = await windowFor(deps, plan, matter.windowCategory);
  // a 即办件 is received and decided by window staff holding the department's decision and seal powers
  const receiver = plan.path === 'immediate' ? await staff.windowDecider(window, matter.departmentCode) : await staff.clerk(window);
  const received = await staff.as(receiver)('POST', '/api/cases', {
    matterCode: plan.matterCode, decision: { outcome: 'accept' },
    applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, contact: { name: '马文静', phone: '13995012866' },
    materials: matter.materials.map((m) => ({ name: m.name, provided: true })),
  }) as { caseNumber: string };
  const caseNumber = received.caseNumber;
  const handled = new Set<string>();
  const issuer = plan.receivedAt.getUTCDate() % 2 ? 'issuer.C19' : 'issuer';
  for (;;) {
    const open = await nextTasks(director, caseNumber, handled);
    if (open.length === 0) break;
    const shared = open.length > 1;
    for (const task of open) {
      handled.add(task.key);
      if (task.step === 'handOver') {
        at(plan.pickup);
        await staff.as(issuer)('POST', `/api/issuing/cases/${caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
        continue;
      }
      const department = task.candidateGroups?.find((g) => g.startsWith('dept:'))?.slice(5) ?? task.departmentCode ?? matter.departmentCode;
      const actor = staff.as(task.candidateGroups?.includes('windowClerk') ? receiver : `approver.${department}`);
      const timing = stepTiming(plan, task.step, department, shared);
      at(timing.wait);
      await actor('POST', `/api/tasks/${task.key}/claim`);
      at(timing.handle);
      await actor('POST', `/api/tasks/${task.key}/approve`, bodyOf(task.step, new Date(now).getUTCFullYear()));
    }
  }
  return caseNumber;
}

const bodyOf = (step: string, year: number) => (step === 'decide' || step === 'decideAtWindow' ? {
  opinion: '准予许可',
  decision: { findings: '申请符合法定条件和标准', legalBasis: '《中华人民共和国行政许可法》第三十八条', licence: { name: '许可证', scope: '申请事项', validFrom: `${year}-01-01`, validTo: `${year + 2}-12-31` } },
} : { opinion: step === 'consolidate' ? '经联合审查，各单位意见均为通过' : '材料齐全，符合条件' });

/**
 * The case's open tasks not yet done by the driver, once the engine has created some; none when the
 * case has closed (its process ended: 办结).
 */
async function nextTasks(director: Call, caseNumber: string, handled: Set<string>): Promise<OpenTask[]> {
  for (let i = 0; i < 600; i++) {
    const page = await director('GET', `/api/tasks?caseNumber=${caseNumber}&pageSize=50`) as { items: OpenTask[] };
    const open = page.items.filter((task) => task.state === 'open' && !handled.has(task.key));
    if (open.length > 0) return open;
    if (i % 5 === 4) {
      const found = await director('GET', `/api/cases/${caseNumber}`) as { status: string };
      if (found.status === 'completed') return [];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`case ${caseNumber} neither has an open task nor closed`);
}

/** The window that receives the case: a window of the matter's category for 即办件 and some others, else the planned comprehensive one. */
async function windowFor(deps: HistoryDeps, plan: PlannedCase, category: string): Promise<string> {
  const windows = plan.atCategoryWindow && category !== 'comprehensive'
    ? await catalogModels(deps.db).windows.find({ group: 'categorized', category: category as HallWindow['category'] }, { number: 1 }).sort({ number: 1 }).lean()
    : [];
  return windows.length > 0 ? windows[(plan.receivedAt.getUTCDate() + plan.seed) % windows.length]!.number : plan.windowNumber;
}
