import type { Scenario } from '../index.ts';
export function errorScenarios(_scenario: Scenario): void {}
