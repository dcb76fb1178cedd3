import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ConfigError, configDocs, loadConfig, publicBaseUrl } from './config.ts';

const valid = { MONGODB_URI: 'mongodb://127.0.0.1:27017/x', JWT_SECRET: 'x'.repeat(40) };

describe('configuration', () => {
  it('accepts a minimal environment and fills the defaults', () => {
    const config = loadConfig(valid);
    expect(config).to.include({ PORT: 3000, ENGINE: 'embedded', NODE_ENV: 'development', HOST: '127.0.0.1' });
  });

  it('reports every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ MONGODB_URI: 'postgres://x', JWT_SECRET: 'short', PORT: 'eighty', ENGINE: 'camunda7' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const names = error!.problems.map((p) => p.split(':')[0]);
    expect(names).to.include.members(['MONGODB_URI', 'JWT_SECRET', 'PORT', 'ENGINE']);
  });

  it('refuses a placeholder secret in production', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production', JWT_SECRET: 'change-me-change-me-change-me-change-me' })).to.throw(ConfigError);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1]);
    for (const { name, doc } of configDocs()) {
      expect(documented, `${name} missing from .env.example`).to.include(name);
      expect(doc, `${name} has no doc line`).to.not.equal('');
    }
  });
});

describe('public base URL (links and QR codes)', () => {
  it('is required in production', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ ...valid, NODE_ENV: 'production' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error, 'production without PUBLIC_BASE_URL').to.be.instanceOf(ConfigError);
    expect(error!.problems.join()).to.match(/^PUBLIC_BASE_URL/);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://zwfw.example.gov.cn' }).PUBLIC_BASE_URL).to.equal('https://zwfw.example.gov.cn');
  });

  it('defaults locally to the address the server serves on, not to port 3000', () => {
    expect(publicBaseUrl(loadConfig({ ...valid, PORT: '4123' }))).to.equal('http://127.0.0.1:4123');
    expect(publicBaseUrl(loadConfig({ ...valid, PORT: '0' }), 39001), 'the bound port when PORT is 0').to.equal('http://127.0.0.1:39001');
    expect(publicBaseUrl(loadConfig({ ...valid, HOST: '0.0.0.0', PORT: '8080' }))).to.equal('http://127.0.0.1:8080');
    expect(publicBaseUrl(loadConfig({ ...valid, PORT: '8080', PUBLIC_BASE_URL: 'https://hall.example.cn/' }))).to.equal('https://hall.example.cn');
  });
});
