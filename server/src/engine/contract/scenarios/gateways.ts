import type { Scenario } from '../index.ts';
export function gatewayScenarios(_scenario: Scenario): void {}
