// The answer of the forecast route; no imports, so the web app shares it (@server/forecast/types.ts).

/** A step still to come, as the model says it will be held. */
export interface AheadStep {
  elementId: string;
  name: string;
  kind: 'userTask' | 'serviceTask';
  step?: string;
  /** Candidate groups (`dept:zjj`, `issuingClerk`) and/or the assignee, from the current variables. */
  holders: string[];
  /** The variable holding its due date (`=caseDueAt`), if the model names one. */
  dueVariable?: string;
  limitDays?: number;
}

export interface Forecast {
  caseNumber: string;
  processId?: string;
  processVersion?: number;
  /** Where the case stands now. */
  current: Array<{ elementId: string; name: string; dueOn?: string }>;
  steps: Array<AheadStep & { dueOn?: string }>;
}
