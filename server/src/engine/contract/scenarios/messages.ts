import type { Scenario } from '../index.ts';
export function messageScenarios(_scenario: Scenario): void {}
