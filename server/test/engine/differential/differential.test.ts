import { expect } from 'chai';
import { EmbeddedEngine } from '../../../src/engine/embedded/engine.ts';
import { testDatabase } from '../../support.ts';
import type { Connection } from 'mongoose';
import { ZeebeEngine } from '../../../src/engine/zeebe/engine.ts';
import { zeebeTestEngine } from '../zeebe/test-engine.ts';
import { PortRunner } from './embedded.ts';
import { runOnBpmnEngine } from './oracle.ts';
import { scenarios } from './scenarios.ts';
import type { Trace } from './trace.ts';

/**
 * Differential test: each scenario runs on the embedded executor (against the real FerretDB) and on an
 * oracle — the real Zeebe 8.5 engine when scripts/test started it (then the element events must match
 * too), else bpmn-engine 25; both must reach the same end events, run the same jobs and user tasks, and
 * hand the same variables to the final job.
 */
const zeebe = zeebeTestEngine();

describe(`differential: embedded executor vs ${zeebe ? 'real Zeebe 8.5' : 'bpmn-engine (the real Zeebe test engine is not running)'}`, function () {
  this.timeout(30_000);
  let db: Connection;
  let engine: EmbeddedEngine;
  let runner: PortRunner;
  let oracleEngine: ZeebeEngine | undefined;
  let oracle: (scenario: (typeof scenarios)[number]) => Promise<Trace>;

  before(async () => {
    db = await testDatabase('differential');
    engine = new EmbeddedEngine({ db, idlePollMs: 50 });
    runner = new PortRunner(engine);
    await engine.start();
    if (zeebe) {
      oracleEngine = new ZeebeEngine({ sdkConfig: zeebe.sdkConfig, recordFeed: zeebe.feed, pollIntervalMs: 50 });
      const onZeebe = new PortRunner(oracleEngine);
      await oracleEngine.start();
      oracle = (scenario) => onZeebe.run(scenario, 20_000);
    } else {
      oracle = runOnBpmnEngine;
    }
  });
  after(async () => {
    await oracleEngine?.stop();
    await engine.stop();
    await db.dropDatabase();
    await db.close();
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: same ends, steps${zeebe ? ', element events' : ''} and variables on both engines`, async () => {
      const expected = await oracle(scenario);
      const { elements, ...embedded } = await runner.run(scenario);
      expect(expected.ends.length, 'the oracle reached an end').to.be.greaterThan(0);
      expect(Object.keys(expected.finals).length, 'the oracle ran a finish job').to.equal(1);
      expect(zeebe ? { ...embedded, elements } : embedded).to.deep.equal(expected);
    });
  }
});
