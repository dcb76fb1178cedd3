import { expect } from 'chai';
import { EmbeddedEngine } from '../embedded/engine.ts';
import { testDatabase } from '../../../test/support.ts';
import type { Connection } from 'mongoose';
import { PortRunner } from './embedded.ts';
import { runOnBpmnEngine } from './oracle.ts';
import { scenarios } from './scenarios.ts';

/**
 * Differential test: each scenario runs on the embedded executor (against the real FerretDB) and on
 * bpmn-engine 25 (the oracle); both must reach the same end events, run the same jobs and user
 * tasks, and hand the same variables to the final job.
 */
describe('differential: embedded executor vs bpmn-engine', function () {
  this.timeout(30_000);
  let db: Connection;
  let engine: EmbeddedEngine;
  let runner: PortRunner;

  before(async () => {
    db = await testDatabase('differential');
    engine = new EmbeddedEngine({ db, idlePollMs: 50 });
    runner = new PortRunner(engine);
    await engine.start();
  });
  after(async () => {
    await engine.stop();
    await db.dropDatabase();
    await db.close();
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: same ends, steps and variables on both engines`, async () => {
      const oracle = await runOnBpmnEngine(scenario);
      const embedded = await runner.run(scenario);
      expect(oracle.ends.length, 'the oracle reached an end').to.be.greaterThan(0);
      expect(Object.keys(oracle.finals).length, 'the oracle ran a finish job').to.equal(1);
      expect(embedded).to.deep.equal(oracle);
    });
  }
});
