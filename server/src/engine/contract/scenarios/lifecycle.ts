import type { Scenario } from '../index.ts';
export function lifecycleScenarios(_scenario: Scenario): void {}
