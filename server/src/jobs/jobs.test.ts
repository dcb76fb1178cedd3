import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sealJob } from '../approval/index.ts';
import { createEngine } from '../engine/factory.ts';
import { testDatabase } from '../../test/support.ts';
import { elementTemplateText, readmeTable, README_END, README_START } from './generated.ts';
import { choice, defineJob, text } from './define.ts';
import { hallJobTypes, jobDefinitions } from './index.ts';

const workflows = new URL('../../../workflows/', import.meta.url);

describe('job definitions: one typed definition per job type, and the files made from them', function () {
  this.timeout(60_000);

  it('has the element template of every job type exactly as the definitions produce it (run scripts/generate-job-files.ts when this fails)', () => {
    for (const job of jobDefinitions) {
      const file = readFileSync(new URL(`element-templates/${job.type}.json`, workflows), 'utf8');
      expect(file, `workflows/element-templates/${job.type}.json`).to.equal(elementTemplateText(job));
    }
  });

  it('has the job table of workflows/README.md exactly as the definitions produce it', () => {
    const readme = readFileSync(new URL('README.md', workflows), 'utf8');
    const table = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END) + README_END.length);
    expect(table).to.equal(readmeTable(jobDefinitions));
    expect(table).to.include('| `seal` | 用印 | `document`: decision, refusalDecision | decisionId | sealedDocumentId |');
  });

  it('gives the publishing checks exactly the types that have a definition, each once', () => {
    expect([...hallJobTypes].sort()).to.deep.equal(['hotlineSupervise', 'issue', 'notify', 'prepareCertificate', 'receive', 'renderDocument', 'seal', 'transfer']);
    expect(hallJobTypes.size).to.equal(jobDefinitions.length);
  });

  describe('a handler receives parsed input; bad input fails the job with a message, not a TypeError', () => {
    const seen: unknown[] = [];
    const probe = defineJob({
      type: 'probe', zh: '探针', description: '测试用作业类型',
      headers: { stage: choice('阶段', { intake: '受理', resume: '恢复' }), step: text('环节', { optional: true }) },
      variables: z.object({ caseId: z.string().min(1), days: z.number().int().optional() }).loose(),
      writes: ['seen'],
      handler: (deps: { prefix: string }) => async (job) => {
        seen.push({ stage: job.headers.stage, step: job.headers.step, caseId: `${deps.prefix}${job.input.caseId}`, days: job.input.days });
        return { outcome: 'complete', variables: { seen: true } };
      },
    });
    const handler = probe.bind({ prefix: 'case:' });
    const job = (customHeaders: Record<string, string>, variables: Record<string, unknown>) => ({
      key: '1', type: 'probe', processInstanceKey: '2', processId: 'p', processVersion: 1, elementId: 'probe', elementInstanceKey: '3', retries: 3,
      customHeaders, variables,
    });

    it('fills a choice header left out with its default and passes typed variables', async () => {
      seen.length = 0;
      expect(await handler(job({}, { caseId: 'ZW-1', days: 3, other: 'kept' }))).to.deep.equal({ outcome: 'complete', variables: { seen: true } });
      expect(seen).to.deep.equal([{ stage: 'intake', step: undefined, caseId: 'case:ZW-1', days: 3 }]);
    });

    it('fails without retries, naming the job type and every field that does not fit', async () => {
      seen.length = 0;
      const result = await handler(job({ stage: 'later' }, { days: 'three' }));
      expect(result.outcome).to.equal('fail');
      if (result.outcome !== 'fail') return;
      expect(result.retries).to.equal(0);
      expect(result.errorMessage).to.match(/^probe \(探针\): bad input — /);
      expect(result.errorMessage).to.include('headers.stage');
      expect(result.errorMessage).to.include('variables.caseId');
      expect(result.errorMessage).to.include('variables.days');
      expect(seen).to.deep.equal([]);
    });
  });

  it('raises an incident with that message when a hall job runs on the engine without its case (a real seal job, embedded engine)', async () => {
    const db = await testDatabase('jobs_bad_input');
    const engine = createEngine({ db });
    try {
      // the hall's seal definition; its input is parsed before any service is used, so the
      // database alone serves (authority, documents and trail are never reached)
      engine.registerWorker(sealJob.type, sealJob.bind({ db } as Parameters<typeof sealJob.bind>[0]));
      await engine.start();
      await engine.deploy({ name: 'seal-probe.bpmn', xml: sealProbe });
      const started = await engine.startInstance({ processId: 'sealProbe', variables: { caseId: 'ZW-2' } });
      const until = Date.now() + 15_000;
      let incidents = await engine.listIncidents({ processInstanceKey: started.processInstanceKey });
      while (incidents.length === 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        incidents = await engine.listIncidents({ processInstanceKey: started.processInstanceKey });
      }
      expect(incidents).to.have.length(1);
      expect(incidents[0]!.errorType).to.equal('JOB_NO_RETRIES');
      expect(incidents[0]!.errorMessage).to.equal('seal (用印): bad input — variables.decisionId: Invalid input: expected string, received undefined');
    } finally {
      await engine.stop();
      await db.dropDatabase();
      await db.close();
    }
  });
});

const sealProbe = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="https://onewindow.example/test">
<bpmn:process id="sealProbe" isExecutable="true"><bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
<bpmn:serviceTask id="seal" name="用印"><bpmn:extensionElements><zeebe:taskDefinition type="seal" retries="3" /><zeebe:taskHeaders><zeebe:header key="document" value="decision" /></zeebe:taskHeaders></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
<bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="seal" /><bpmn:sequenceFlow id="f2" sourceRef="seal" targetRef="end" />
</bpmn:process></bpmn:definitions>`;
