/**
 * The engine contract: one suite of given / when / then scenarios with inline BPMN that every
 * adapter of the port must pass. `describeEngineContract('embedded', makeEngine)` runs it; an
 * adapter that cannot offer a feature lists it in `unsupported` and those scenarios are skipped
 * with the feature named.
 */
import { DONE, World, type ContractOptions, type EngineUnderTest, type Feature } from './harness.ts';
import { deployScenarios } from './scenarios/deploy.ts';
import { jobScenarios } from './scenarios/jobs.ts';
import { userTaskScenarios } from './scenarios/user-tasks.ts';
import { gatewayScenarios } from './scenarios/gateways.ts';
import { timerScenarios } from './scenarios/timers.ts';
import { messageScenarios } from './scenarios/messages.ts';
import { errorScenarios } from './scenarios/errors.ts';
import { scopeScenarios } from './scenarios/scopes.ts';
import { multiInstanceScenarios } from './scenarios/multi-instance.ts';
import { lifecycleScenarios } from './scenarios/lifecycle.ts';
import { migrationScenarios } from './scenarios/migration.ts';

export type { EngineUnderTest, ContractOptions, Feature } from './harness.ts';
export type Scenario = (title: string, needs: Feature[], body: (w: World) => Promise<void>) => void;

export function describeEngineContract(name: string, makeEngine: () => Promise<EngineUnderTest>, options: ContractOptions = {}): void {
  describe(`engine contract: ${name}`, function () {
    this.timeout(20_000);
    let under: EngineUnderTest;
    let current: World | undefined;

    before(async () => {
      under = await makeEngine();
      under.engine.onUserTask(async (e) => { current?.tasks.push(e); });
      under.engine.onEvent((e) => { current?.events.push(e); });
      under.engine.onTaskMigrated(async (e) => { current?.migrated.push(e); });
      under.engine.registerWorker(DONE, async (job) => {
        current?.jobs.push(job);
        return { outcome: 'complete' };
      });
      await under.engine.start();
    });
    after(async () => {
      await under?.close();
    });

    const scenario: Scenario = (title, needs, body) => {
      const missing = needs.filter((f) => options.unsupported?.includes(f));
      if (missing.length) {
        // Skipped on purpose: this adapter declares it cannot offer the feature(s) named in the title.
        it.skip(`${title} [needs ${missing.join(', ')}]`);
        return;
      }
      const difference = options.differences?.[title];
      if (difference) {
        // Skipped on purpose: a declared difference of this engine, its reason in the title.
        it.skip(`${title} [differs on ${name}: ${difference}]`);
        return;
      }
      it(title, async () => {
        current = new World(under);
        await body(current);
      });
    };

    describeScenarioGroups(scenario);
  });
}

/** Registers every group of contract scenarios with the given scenario runner (one place for the list). */
export function describeScenarioGroups(scenario: Scenario): void {
  describe('deploy', () => deployScenarios(scenario));
  describe('jobs', () => jobScenarios(scenario));
  describe('user tasks', () => userTaskScenarios(scenario));
  // Messages before any scenario that moves the clock: once Zeebe's test clock has moved, a buffered
  // message's time to live is measured against the moved clock and it expires at once.
  describe('messages', () => messageScenarios(scenario));
  describe('gateways', () => gatewayScenarios(scenario));
  describe('timers', () => timerScenarios(scenario));
  describe('errors', () => errorScenarios(scenario));
  describe('scopes and call activities', () => scopeScenarios(scenario));
  describe('multi-instance', () => multiInstanceScenarios(scenario));
  describe('lifecycle', () => lifecycleScenarios(scenario));
  describe('migration', () => migrationScenarios(scenario));
}
