import type { Scenario } from '../index.ts';
export function multiInstanceScenarios(_scenario: Scenario): void {}
