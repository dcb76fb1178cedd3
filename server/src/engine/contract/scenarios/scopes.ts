import type { Scenario } from '../index.ts';
export function scopeScenarios(_scenario: Scenario): void {}
