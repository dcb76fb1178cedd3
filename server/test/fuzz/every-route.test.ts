import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support.ts';
import { fuzz } from './schemathesis.ts';

// Bounded here (a fixed seed, few examples per route) so scripts/test stays short; scripts/fuzz runs
// the same with many more examples and a fresh seed.
const maxExamples = Number(process.env.FUZZ_EXAMPLES ?? 4);
const seed = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261201);

describe('hostile input on every route (schemathesis from the OpenAPI document)', function () {
  this.timeout(Math.max(240_000, maxExamples * 60_000));
  let app: TestApp;
  before(async () => { app = await startTestApp('fuzz'); });
  after(async () => { await app?.close(); });

  for (const role of [undefined, 'clerk', 'approver.zjj', 'admin.zjj', 'sysadmin']) {
    it(`answers every generated request ${role ? `of ${role}` : 'without sign-in'} with no 5xx, errors as problem+json and no stack trace`, async () => {
      const token = role ? await app.signIn(role) : undefined;
      const run = await fuzz({ baseUrl: app.baseUrl, token, maxExamples, seed });
      const summary = run.output.match(/(\d+) generated, (\d+) passed/);
      expect(run.code, run.output.slice(-6000)).to.equal(0);
      expect(summary, 'the run reports its test cases').to.not.equal(null);
      expect(Number(summary![1])).to.be.greaterThan(60);
      expect(summary![2]).to.equal(summary![1]);
    });
  }
});
