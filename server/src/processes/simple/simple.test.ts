import { expect } from 'chai';
import { createEngine } from '../../engine/factory.ts';
import type { UserTask } from '../../engine/index.ts';
import { testDatabase } from '../../../test/support.ts';
import { hallJobTypes } from '../../jobs/index.ts';
import { validateBpmn } from '../validate.ts';
import { generateBpmn } from './generate.ts';
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

describe('the simple designer (简易设计): a node list becomes BPMN that passes the publishing checks and runs', function () {
  this.timeout(60_000);

  it('refuses a node list the schema does not allow (no department, a gateway-like node)', () => {
    expect(simpleProcess.safeParse({ ...permit, nodes: [{ kind: 'review', name: '审查', power: 'decide', limitDays: 0 }] }).success).to.equal(false);
    expect(simpleProcess.safeParse({ ...permit, processId: 'permit' }).success).to.equal(false);
  });

  it('generates laid-out BPMN with the hall\'s job types that passes every publishing check and the dry run', async () => {
    const xml = await generateBpmn(permit);
    expect(xml).to.contain('<bpmndi:BPMNShape').and.contain('zeebe:taskDefinition type="seal"');
    const validated = await validateBpmn(xml, { jobTypes: new Set(hallJobTypes) });
    expect(validated.processes).to.deep.equal([{ processId: 'zjj-simple-permit', name: '简易许可' }]);
  });

  it('runs on the embedded engine from 收件 to 发证, the parallel review once per department', async () => {
    const db = await testDatabase('simple_run');
    const engine = createEngine({ db });
    const jobs: string[] = [];
    const tasks: UserTask[] = [];
    for (const type of hallJobTypes) engine.registerWorker(type, async (job) => { jobs.push(job.elementId); return { outcome: 'complete', variables: {} }; });
    engine.onUserTask(async (e) => { if (e.type === 'created') tasks.push(e.task); });
    let ended = false;
    engine.onEvent((e) => { if (e.elementType === 'process' && e.intent === 'completed') ended = true; });
    await engine.start();
    try {
      await engine.deploy({ name: 'zjj-simple-permit.bpmn', xml: await generateBpmn(permit) });
      await engine.startInstance({ processId: 'zjj-simple-permit', variables: { caseId: 'S-1' } });
      const complete = async (elementId: string, count = 1) => {
        const until = Date.now() + 15_000;
        while (tasks.filter((t) => t.elementId === elementId).length < count) {
          if (Date.now() > until) throw new Error(`no task ${elementId}; jobs ${jobs.join(',')}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        for (const task of tasks.filter((t) => t.elementId === elementId)) await engine.completeUserTask(task.key, { decision: 'grant' });
        return tasks.filter((t) => t.elementId === elementId);
      };
      expect((await complete('review2'))[0].candidateGroups).to.deep.equal(['dept:zjj']);
      expect((await complete('parallelReview3', 2)).map((t) => t.candidateGroups[0]).sort()).to.deep.equal(['dept:gaj', 'dept:zjj']);
      await complete('decide4');
      const until = Date.now() + 15_000;
      while (!ended && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(ended, 'the case ended').to.equal(true);
      expect(jobs).to.deep.equal(['receive1', 'decide4Seal', 'notify5', 'prepareCertificate6', 'issue7']);
    } finally {
      await engine.stop();
      await db.dropDatabase();
      await db.close();
    }
  });
});
