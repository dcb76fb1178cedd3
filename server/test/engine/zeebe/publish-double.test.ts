import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../support.ts';
import { adapterOnGatewayDouble } from './test-support.ts';

const workflow = readFileSync(fileURLToPath(new URL('../../../../workflows/joint-drawing-review.bpmn', import.meta.url)), 'utf8');

describe('process publishing on ENGINE=zeebe, against the Zeebe gateway test double', () => {
  let t: TestApp;
  let zeebe: Awaited<ReturnType<typeof adapterOnGatewayDouble>>;
  before(async () => {
    zeebe = await adapterOnGatewayDouble();
    t = await startTestApp('publish_zeebe', { processes: { engine: zeebe.engine } });
  });
  after(async () => {
    await t.close();
    await zeebe.close();
  });

  it('deploys a validated workflow through the Zeebe adapter and records the broker\'s version and int64 key, against the Zeebe gateway test double', async () => {
    const designer = await t.signIn('designer');
    const res = await t.http.post('/api/processes').auth(designer, { type: 'bearer' }).type('application/bpmn+xml').send(workflow);
    expect(res.status, res.text).to.equal(201);
    const [published] = res.body.processes;
    expect(published).to.include({ processId: 'joint-drawing-review', version: 1, key: zeebe.double.state.processes[0].key });
    expect(BigInt(published.key) > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
    const sent = zeebe.double.callsOf('DeployResource');
    expect(sent).to.have.length(1);
    expect(Buffer.from(sent[0].resources[0].content).toString('utf8')).to.equal(workflow);
    const versions = await t.http.get('/api/processes/joint-drawing-review/versions').auth(designer, { type: 'bearer' });
    expect(versions.body.items[0]).to.include({ version: 1, engine: 'zeebe', key: published.key });
  });

  it('sends nothing to the gateway when validation refuses the file, against the Zeebe gateway test double', async () => {
    const designer = await t.signIn('designer');
    const before = zeebe.double.callsOf('DeployResource').length;
    const res = await t.http.post('/api/processes').auth(designer, { type: 'bearer' }).type('text/xml').send(workflow.replace('type="seal"', 'type="stampEverything"'));
    expect(res.status).to.equal(422);
    expect(zeebe.double.callsOf('DeployResource')).to.have.length(before);
  });
});
