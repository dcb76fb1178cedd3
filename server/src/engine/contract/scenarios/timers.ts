import type { Scenario } from '../index.ts';
export function timerScenarios(_scenario: Scenario): void {}
