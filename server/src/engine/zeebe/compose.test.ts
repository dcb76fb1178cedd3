import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';

interface Service { image: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; ports?: string[] }

const composeFile = fileURLToPath(new URL('../../../../docker-compose.camunda.yml', import.meta.url));
const text = readFileSync(composeFile, 'utf8');
const compose = parse(text) as { services: Record<string, Service> };

describe('docker-compose.camunda.yml', () => {
  it('starts Zeebe, MongoDB and the platform', () => {
    expect(Object.keys(compose.services).sort()).to.deep.equal(['mongodb', 'platform', 'zeebe']);
  });

  it('pins Zeebe to an 8.5 patch release, the last under the Zeebe Community License, and says why', () => {
    expect(compose.services.zeebe.image).to.match(/^camunda\/zeebe:8\.5\.\d+$/);
    expect(text).to.contain('Zeebe Community License').and.contain('Camunda License');
  });

  it('runs the platform on the Zeebe engine, pointed at the zeebe and mongodb services', () => {
    const env = compose.services.platform.environment ?? {};
    expect(env.ENGINE).to.equal('zeebe');
    expect(env.ZEEBE_GRPC_ADDRESS).to.equal('zeebe:26500');
    expect(env.MONGODB_URI).to.match(/^mongodb:\/\/mongodb:27017\//);
    expect(Object.keys(compose.services.platform.depends_on ?? {}).sort()).to.deep.equal(['mongodb', 'zeebe']);
  });

  it('publishes ports on the loopback interface only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect(port, name).to.match(/^127\.0\.0\.1:/);
    }
  });
});
