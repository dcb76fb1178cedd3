/** The contract suite on the embedded executor, against the real FerretDB, with a movable clock. */
import { EmbeddedEngine } from '../../../src/engine/embedded/engine.ts';
import { testDatabase } from '../../support.ts';
import { describeEngineContract } from './index.ts';
import { createLogger } from '../../../src/shared/logger.ts';

describeEngineContract('embedded', async () => {
  const db = await testDatabase('engine_contract');
  let offset = 0;
  const engine = new EmbeddedEngine({ db, now: () => Date.now() + offset, idlePollMs: 200, logger: createLogger(process.env.ENGINE_TEST_LOG ?? 'error') });
  return {
    engine,
    now: () => Date.now() + offset,
    async advanceClock(ms) {
      offset += ms;
      await engine.runDueTimers();
    },
    async close() {
      await engine.stop();
      await db.dropDatabase();
      await db.close();
    },
  };
});
