import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { DeployedProcess } from '../engine/port.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { processVersionModel } from './model.ts';
import { bpmnDocument, receiveAndReview } from '../../test/support/processes/fixtures.ts';

/**
 * The route's own behaviour (authority, validation, versions, storage) on the real app and database.
 * The engine here is a deploy-only engine double that numbers versions per process id as both
 * adapters do; the deployment through the real embedded engine is in publish-embedded.test.ts.
 */
function deployCountingEngineDouble() {
  const deployed: string[] = [];
  const versions = new Map<string, number>();
  return {
    deployed,
    engine: {
      name: 'embedded' as const,
      async deploy(resource: { name: string; xml: string }): Promise<DeployedProcess[]> {
        deployed.push(resource.name);
        const processId = /<bpmn:process id="([^"]+)"/.exec(resource.xml)![1];
        const version = (versions.get(processId) ?? 0) + 1;
        versions.set(processId, version);
        return [{ processId, version, key: `${processId}:${version}`, checksum: createHash('sha256').update(resource.xml).digest('hex') }];
      },
    },
  };
}

describe('process publishing routes (deploy-counting engine double)', () => {
  let t: TestApp;
  let designer: string;
  let clerk: string;
  let double: ReturnType<typeof deployCountingEngineDouble>;
  const post = (token: string) => t.http.post('/api/processes').auth(token, { type: 'bearer' });

  before(async () => {
    double = deployCountingEngineDouble();
    t = await startTestApp('processes', { processes: { engine: double.engine, maxXmlBytes: 20_000 } });
    designer = await t.signIn('designer');
    clerk = await t.signIn('clerk');
  });
  after(() => t.close());

  it('refuses a window clerk, before reading the file, and deploys nothing', async () => {
    const res = await post(clerk).send({ xml: bpmnDocument('zjj-permit', receiveAndReview) });
    expect(res.status).to.equal(403);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('FORBIDDEN');
    expect(double.deployed).to.deep.equal([]);
  });

  it('publishes a designer\'s BPMN posted as XML as version 1, stored with checksum, author and time', async () => {
    const xml = bpmnDocument('hall-permit', receiveAndReview);
    const res = await post(designer).type('application/bpmn+xml').send(xml);
    expect(res.status, res.text).to.equal(201);
    expect(res.body.processes).to.have.length(1);
    expect(res.body.processes[0]).to.include({ processId: 'hall-permit', version: 1, checksum: createHash('sha256').update(xml).digest('hex') });
    const stored = await processVersionModel(t.db).findOne({ processId: 'hall-permit', version: 1 }).lean();
    expect(stored?.author.username).to.equal('designer');
    expect(stored?.xml).to.equal(xml);
    expect(Date.now() - stored!.deployedAt.getTime()).to.be.lessThan(60_000);
  });

  it('publishes a changed file as the next version and lists both, newest first', async () => {
    const xml = bpmnDocument('hall-permit', receiveAndReview.replace('name="审查"', 'name="审查（修订）"'));
    const res = await post(designer).send({ xml });
    expect(res.status, res.text).to.equal(201);
    expect(res.body.processes[0].version).to.equal(2);
    const versions = await t.http.get('/api/processes/hall-permit/versions').auth(clerk, { type: 'bearer' });
    expect(versions.body.items.map((v: { version: number }) => v.version)).to.deep.equal([2, 1]);
    expect(versions.body.items[0]).to.not.have.property('xml');
    const list = await t.http.get('/api/processes').auth(clerk, { type: 'bearer' });
    const entry = list.body.items.find((p: { processId: string }) => p.processId === 'hall-permit');
    expect(entry.latestVersion).to.equal(2);
    expect(entry.versions).to.have.length(2);
    const v1 = await t.http.get('/api/processes/hall-permit/versions/1/xml').auth(clerk, { type: 'bearer' });
    expect(v1.status).to.equal(200);
    expect(v1.type).to.equal('application/xml');
    expect(v1.text).to.contain('name="审查"').and.not.contain('修订');
  });

  it('refuses an invalid process with 422 naming each element, and stores and deploys nothing', async () => {
    const before = double.deployed.length;
    const xml = bpmnDocument('hall-bad', receiveAndReview.replace('type="receive"', 'type="unknownJob"').replace('<zeebe:assignmentDefinition candidateGroups="dept:zjj" />', ''));
    const res = await post(designer).send({ xml });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('BPMN_INVALID');
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.include.members(['receive', 'review']);
    expect(double.deployed.length).to.equal(before);
    expect(await processVersionModel(t.db).countDocuments({ processId: 'hall-bad' })).to.equal(0);
  });

  it('refuses an entity bomb posted as XML with 400', async () => {
    const res = await post(designer).type('text/xml').send(`<!DOCTYPE d [<!ENTITY a "aaaaaaaa">]>${bpmnDocument('hall-x', receiveAndReview)}`);
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('BPMN_DOCTYPE_FORBIDDEN');
  });

  it('refuses XML over the route\'s size limit with 413', async () => {
    const res = await post(designer).type('text/xml').send(bpmnDocument('hall-big', receiveAndReview).replace('</bpmn:process>', `<bpmn:documentation>${'说明'.repeat(8000)}</bpmn:documentation></bpmn:process>`));
    expect(res.status).to.equal(413);
    expect(res.type).to.equal('application/problem+json');
  });

  it('refuses a department designer a process id of another department, naming the process', async () => {
    const token = await t.tokens.sign({ userId: 'u-designer-gaj', username: 'designer.gaj', roles: ['processDesigner'], departmentCode: 'gaj' });
    const outside = await post(token).send({ xml: bpmnDocument('zjj-permit', receiveAndReview) });
    expect(outside.status).to.equal(403);
    expect(outside.body.code).to.equal('PROCESS_OUT_OF_SCOPE');
    expect(outside.body.fields[0].field).to.equal('zjj-permit');
    const inside = await post(token).send({ xml: bpmnDocument('gaj-permit', receiveAndReview) });
    expect(inside.status, inside.text).to.equal(201);
  });

  it('answers 404 for a process never published and for a missing version', async () => {
    expect((await t.http.get('/api/processes/nothing-here/versions').auth(clerk, { type: 'bearer' })).status).to.equal(404);
    expect((await t.http.get('/api/processes/hall-permit/versions/9/xml').auth(clerk, { type: 'bearer' })).status).to.equal(404);
  });
});
