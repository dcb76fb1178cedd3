import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ConfigError, configDocs, loadConfig } from './config.ts';

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
