import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';

// Docker cannot run on the project's machines: these tests read the deployment files and hold them
// to what a hall's operator relies on.
const root = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

interface Service { deploy?: { replicas?: number }; ports?: string[]; image?: string; build?: unknown; command?: string[] | string; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }> }

describe('deployment files: Dockerfile and docker-compose.camunda.yml', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1], name: m[2] }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  // merge keys (`<<: *platform-env`), as Docker Compose reads them
  const compose = parse(read('docker-compose.camunda.yml'), { merge: true }) as { services: Record<string, Service> };

  it('builds the server and the web app in a build stage and runs from a separate runtime stage', () => {
    expect(stages.length).to.be.at.least(2);
    expect(dockerfile).to.match(/RUN npm ci --no-audit/);
    expect(dockerfile).to.match(/npm run build --prefix modeler/);
    expect(runtime).to.match(/COPY --from=build/);
    expect(runtime).not.to.match(/npm (ci|install)/);
  });

  it('runs with Debian Chromium and the CJK fonts, as a non-root user, checked on /healthz', () => {
    expect(runtime).to.match(/apt-get install[^\n]*chromium/);
    expect(runtime).to.match(/fonts-noto-cjk/);
    const user = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]).pop();
    expect(user, 'a USER line in the runtime stage').to.be.a('string').and.not.match(/^(root|0)$/);
    expect(runtime).to.match(/^HEALTHCHECK[\s\S]*\/healthz/m);
  });

  it('starts the platform from the built image, installing nothing at start', () => {
    const platform = compose.services.platform;
    expect(platform.build).to.equal('.');
    expect(JSON.stringify(platform.command ?? '')).not.to.match(/npm (ci|install)|apt-get/);
    expect(platform.depends_on?.seed?.condition).to.equal('service_completed_successfully');
    expect(platform.environment?.NODE_ENV).to.equal('production');
  });

  it('runs MongoDB as a one-node replica set and points the platform at it', () => {
    const mongodb = compose.services.mongodb;
    expect(mongodb.command).to.include('--replSet');
    expect(mongodb.healthcheck?.test.join(' ')).to.match(/rs\.initiate/);
    expect(compose.services.platform.environment?.MONGODB_URI).to.match(/[?&]replicaSet=rs0/);
  });

  it('pins Zeebe to a patch release of 8.5, the last under the Zeebe Community License, and says why', () => {
    expect(compose.services.zeebe.image).to.match(/^camunda\/zeebe:8\.5\.\d+$/);
    expect(read('docker-compose.camunda.yml')).to.contain('Zeebe Community License').and.contain('Camunda License');
  });

  it('pins the same Zeebe patch the test suite runs (scripts/zeebe-test-engine)', () => {
    const tested = /<zeebe\.version>([^<]+)<\/zeebe\.version>/.exec(read('scripts/zeebe-test-engine/pom.xml'))?.[1];
    expect(tested).to.match(/^8\.5\.\d+$/);
    expect(compose.services.zeebe.image).to.equal(`camunda/zeebe:${tested}`);
  });

  it('runs the platform on the Zeebe engine, pointed at the zeebe and mongodb services', () => {
    const env = compose.services.platform.environment ?? {};
    expect(env.ENGINE).to.equal('zeebe');
    expect(env.ZEEBE_GRPC_ADDRESS).to.equal('zeebe:26500');
    expect(env.MONGODB_URI).to.match(/^mongodb:\/\/mongodb:27017\//);
    expect(Object.keys(compose.services.platform.depends_on ?? {}).sort()).to.deep.equal(['mongodb', 'seed', 'zeebe']);
  });

  it('runs two platform replicas in topology cluster, each on its own loopback port', () => {
    const platform = compose.services.platform;
    expect(platform.deploy?.replicas).to.equal(2);
    expect(platform.environment?.ONEWINDOW_TOPOLOGY).to.equal('cluster');
    expect(platform.environment?.ENGINE, 'cluster needs Zeebe').to.equal('zeebe');
    expect(platform.ports).to.deep.equal(['127.0.0.1:3000-3001:3000']);
    expect(compose.services.seed.environment?.ONEWINDOW_TOPOLOGY, 'the seed is one process').to.equal(undefined);
  });

  it('publishes every port on loopback only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of (service as { ports?: string[] }).ports ?? []) expect(port, name).to.match(/^127\.0\.0\.1:/);
    }
  });
});
