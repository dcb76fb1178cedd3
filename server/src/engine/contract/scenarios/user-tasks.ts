import type { Scenario } from '../index.ts';
export function userTaskScenarios(_scenario: Scenario): void {}
