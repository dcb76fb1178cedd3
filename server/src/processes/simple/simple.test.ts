import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createEngine } from '../../engine/factory.ts';
import type { UserTask } from '../../engine/index.ts';
import { testDatabase } from '../../../test/support.ts';
import { hallJobTypes } from '../../jobs/index.ts';
import { zeebeModdle } from '../moddle.ts';
import { validateBpmn } from '../validate.ts';
import { generateBpmn } from './generate.ts';
import { recogniseSimple, type ModdleNode } from './recognise.ts';
import { simpleProcess, type SimpleProcess } from './schema.ts';

const permit: SimpleProcess = {
  processId: 'zjj-simple-permit', name: '简易许可',
  nodes: [
    { kind: 'receive' },
    { kind: 'review', name: '材料审查', department: 'zjj', power: 'reviewAndReport', limitDays: 5 },
    { kind: 'parallelReview', departments: ['zjj', 'gaj'] },
    { kind: 'decide', department: 'zjj', seal: true },
    { kind: 'notify', template: 'decided' },
    { kind: 'prepareCertificate' },
    { kind: 'issue' },
  ],
};

/** 收件 → 条件分支 (法人: 联合审图 by 住建 with 公安 and 消防; 个人: 审查; 其他情况: nothing) → 审批决定 → 发证. */
const branched: SimpleProcess = {
  processId: 'zjj-branched', name: '条件与联合审图',
  nodes: [
    { kind: 'receive' },
    {
      kind: 'condition',
      branches: [
        { name: '法人申请', field: 'applicantKind', value: 'organisation', nodes: [{ kind: 'jointReview', lead: 'zjj', units: ['zjj', 'gaj'], limitDays: 10 }] },
        { name: '容缺受理', field: 'acceptanceMode', value: 'acceptWithPendingMaterials', nodes: [{ kind: 'review', name: '容缺材料审查', department: 'zjj', power: 'reviewAndReport', limitDays: 3 }] },
      ],
      otherwise: [],
    },
    { kind: 'decide', department: 'zjj', seal: false },
    { kind: 'issue' },
  ],
};

const parse = async (xml: string) => (await (await zeebeModdle()).fromXML(xml, 'bpmn:Definitions')).rootElement as unknown as ModdleNode;

describe('the simple designer (简易设计): a node list becomes BPMN that passes the publishing checks and runs', function () {
  this.timeout(60_000);

  it('refuses a node list the schema does not allow (no department, a gateway-like node)', () => {
    expect(simpleProcess.safeParse({ ...permit, nodes: [{ kind: 'review', name: '审查', power: 'decide', limitDays: 0 }] }).success).to.equal(false);
    expect(simpleProcess.safeParse({ ...permit, processId: 'permit' }).success).to.equal(false);
    const badValue = structuredClone(branched);
    (badValue.nodes[1] as { branches: Array<{ value: string }> }).branches[0].value = 'company';
    expect(simpleProcess.safeParse(badValue).error?.issues[0].path.join('.')).to.equal('nodes.1.branches.0.value');
    const emptyBranch = structuredClone(branched);
    (emptyBranch.nodes[1] as { branches: Array<{ nodes: unknown[] }> }).branches[0].nodes = [];
    expect(simpleProcess.safeParse(emptyBranch).success, 'a branch holds at least one step').to.equal(false);
  });

  it('generates a 条件分支 and a 联合审图 that pass every publishing check and the dry run', async () => {
    const xml = await generateBpmn(branched);
    expect(xml).to.contain('zeebe:taskDefinition type="renderDocument"').and.match(/applicantKind = ("|&#34;)organisation/);
    const validated = await validateBpmn(xml, { jobTypes: new Set(hallJobTypes) });
    expect(validated.processes).to.deep.equal([{ processId: 'zjj-branched', name: '条件与联合审图' }]);
  });

  it('opens a generated process back as its node list; a changed or hand-drawn one is sent to the full modeler', async () => {
    const xml = await generateBpmn(branched);
    expect(await recogniseSimple(xml, parse)).to.deep.equal({ simple: true, process: branched });
    const renamed = xml.replace('name="联合审图（各单位审查）"', 'name="各单位审查"');
    expect(renamed).to.not.equal(xml);
    expect(await recogniseSimple(renamed, parse)).to.deep.equal({ simple: false, reason: 'changed' });
    const handDrawn = await readFile(new URL('../../../../workflows/single-department-approval.bpmn', import.meta.url), 'utf8');
    expect(await recogniseSimple(handDrawn, parse)).to.deep.equal({ simple: false, reason: 'noNodeList' });
  });

  it('generates laid-out BPMN with the hall\'s job types that passes every publishing check and the dry run', async () => {
    const xml = await generateBpmn(permit);
    expect(xml).to.contain('<bpmndi:BPMNShape').and.contain('zeebe:taskDefinition type="seal"');
    const validated = await validateBpmn(xml, { jobTypes: new Set(hallJobTypes) });
    expect(validated.processes).to.deep.equal([{ processId: 'zjj-simple-permit', name: '简易许可' }]);
  });

  it('runs on the embedded engine from 收件 to 发证, the parallel review once per department', async () => {
    await onEngine('simple_run', async (h) => {
      await h.run(permit, { caseId: 'S-1' });
      expect((await h.complete('review2'))[0].candidateGroups).to.deep.equal(['dept:zjj']);
      expect((await h.complete('parallelReview3', 2)).map((t) => t.candidateGroups[0]).sort()).to.deep.equal(['dept:gaj', 'dept:zjj']);
      await h.complete('decide4');
      await h.ended();
      expect(h.jobs).to.deep.equal(['receive1', 'decide4Seal', 'notify5', 'prepareCertificate6', 'issue7']);
    });
  });

  it('takes a 条件分支 on the application: a citizen straight to the decision, a legal person through 联合审图', async () => {
    await onEngine('simple_branch', async (h) => {
      await h.run(branched, { caseId: 'B-1', applicantKind: 'person', acceptanceMode: 'accept' });
      await h.complete('decide3');
      await h.ended();
      expect(h.jobs).to.deep.equal(['receive1', 'issue4']);
      await h.run(branched, { caseId: 'B-2', applicantKind: 'organisation', acceptanceMode: 'accept' });
      const units = await h.complete('condition2b1jointReview1', 2, { unitOutcome: 'pass', opinion: '同意' });
      expect(units.map((t) => t.candidateGroups[0]).sort()).to.deep.equal(['dept:gaj', 'dept:zjj']);
      expect((await h.complete('condition2b1jointReview1Consolidate'))[0].customHeaders).to.include({ step: 'consolidate', authority: 'coordinate' });
      await h.complete('decide3');
      await h.ended();
      expect(h.jobs).to.deep.equal(['receive1', 'condition2b1jointReview1Opinion', 'issue4']);
    });
  });
});

interface Run {
  jobs: string[];
  run(process: SimpleProcess, variables: Record<string, unknown>): Promise<void>;
  complete(elementId: string, count?: number, variables?: Record<string, unknown>): Promise<UserTask[]>;
  ended(): Promise<void>;
}

/** The real embedded engine on a throwaway database, every hall job type served by a stub that completes it. */
async function onEngine(label: string, body: (h: Run) => Promise<void>): Promise<void> {
  const db = await testDatabase(label);
  const engine = createEngine({ db });
  let tasks: UserTask[] = [];
  let ended = false;
  const h: Run = {
    jobs: [],
    async run(process, variables) {
      h.jobs = [];
      tasks = [];
      ended = false;
      await engine.deploy({ name: `${process.processId}.bpmn`, xml: await generateBpmn(process) });
      await engine.startInstance({ processId: process.processId, variables });
    },
    async complete(elementId, count = 1, variables = { decision: 'grant' }) {
      await until(() => tasks.filter((t) => t.elementId === elementId).length >= count, `task ${elementId}; jobs ${h.jobs.join(',')}`);
      const found = tasks.filter((t) => t.elementId === elementId);
      for (const task of found) await engine.completeUserTask(task.key, variables);
      return found;
    },
    ended: () => until(() => ended, 'the case to end'),
  };
  for (const type of hallJobTypes) engine.registerWorker(type, async (job) => { h.jobs.push(job.elementId); return { outcome: 'complete', variables: {} }; });
  engine.onUserTask(async (e) => { if (e.type === 'created') tasks.push(e.task); });
  engine.onEvent((e) => { if (e.elementType === 'process' && e.intent === 'completed') ended = true; });
  await engine.start();
  try {
    await body(h);
  } finally {
    await engine.stop();
    await db.dropDatabase();
    await db.close();
  }
}

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
