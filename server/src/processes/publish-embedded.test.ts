import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createEngine } from '../engine/factory.ts';
import type { UserTask, WorkflowEngine } from '../engine/index.ts';
import { startTestApp, testDatabase, type TestApp } from '../../test/support.ts';
import { bpmnDocument, receiveAndReview } from '../../test/support/processes/fixtures.ts';

const workflowsDir = fileURLToPath(new URL('../../../workflows/', import.meta.url));

describe('process publishing on the embedded engine', () => {
  let t: TestApp;
  let engine: WorkflowEngine;
  let designer: string;
  const tasks: UserTask[] = [];

  before(async () => {
    // The engine keeps its state in a database of its own, as in production it may.
    const engineDb = await testDatabase('publish_engine');
    engine = createEngine({ db: engineDb });
    engine.registerWorker('receive', async () => ({ outcome: 'complete', variables: { received: true } }));
    engine.onUserTask(async (event) => { if (event.type === 'created') tasks.push(event.task); });
    await engine.start();
    t = await startTestApp('publish_embedded', { processes: { engine } });
    designer = await t.signIn('designer');
    const close = t.close;
    t.close = async () => {
      await engine.stop();
      await close();
      await engineDb.dropDatabase();
      await engineDb.close();
    };
  });
  after(() => t.close());

  const publish = (xml: string) => t.http.post('/api/processes').auth(designer, { type: 'bearer' }).type('application/bpmn+xml').send(xml);

  for (const file of ['immediate-matter', 'single-department-approval', 'parallel-approval', 'joint-drawing-review']) {
    it(`deploys workflows/${file}.bpmn as version 1 of ${file}`, async () => {
      const res = await publish(readFileSync(`${workflowsDir}${file}.bpmn`, 'utf8'));
      expect(res.status, res.text).to.equal(201);
      expect(res.body.processes.map((p: { processId: string; version: number }) => [p.processId, p.version])).to.deep.equal([[file, 1]]);
    });
  }

  it('answers the same version when the same file is published again, without a second record', async () => {
    const res = await publish(readFileSync(`${workflowsDir}immediate-matter.bpmn`, 'utf8'));
    expect(res.status).to.equal(201);
    expect(res.body.processes[0].version).to.equal(1);
    const versions = await t.http.get('/api/processes/immediate-matter/versions').auth(designer, { type: 'bearer' });
    expect(versions.body.items).to.have.length(1);
  });

  it('keeps a running instance on version 1 while new instances take version 2', async () => {
    const v1 = await publish(bpmnDocument('hall-licence', receiveAndReview));
    expect(v1.body.processes[0].version).to.equal(1);
    const running = await engine.startInstance({ processId: 'hall-licence', variables: { caseId: 'C-1' } });
    expect(running.version).to.equal(1);

    const v2 = await publish(bpmnDocument('hall-licence', receiveAndReview.replace('name="审查"', 'name="审查（第二版）"')));
    expect(v2.status, v2.text).to.equal(201);
    expect(v2.body.processes[0].version).to.equal(2);

    const fresh = await engine.startInstance({ processId: 'hall-licence', variables: { caseId: 'C-2' } });
    expect(fresh.version).to.equal(2);
    const pinned = await engine.startInstance({ processId: 'hall-licence', version: 1, variables: { caseId: 'C-3' } });
    expect(pinned.version).to.equal(1);

    const taskOf = async (key: string) => {
      for (let i = 0; i < 500; i++) {
        const task = tasks.find((x) => x.processInstanceKey === key);
        if (task) return task;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no user task for instance ${key}`);
    };
    expect((await taskOf(running.processInstanceKey)).processVersion).to.equal(1);
    expect((await taskOf(fresh.processInstanceKey)).processVersion).to.equal(2);
  });
});
