import type { Variables } from '../../../src/engine/port.ts';

/** What a run of a scenario came to, in a form both engines can be compared on. */
export interface Trace {
  /** End events reached (sub-process ends included), sorted. */
  ends: string[];
  /** Jobs and user tasks in the order they ran, element ids only (sorted where branches ran side by side). */
  steps: string[];
  /** The variables each `finish` job saw, by element id. */
  finals: Record<string, Variables>;
  /** Element events as `elementId:intent`, sorted (engines behind the port only: bpmn-engine has no such log). */
  elements?: string[];
}

export class TraceRecorder {
  readonly ends: string[] = [];
  readonly steps: string[] = [];
  readonly finals: Record<string, Variables> = {};
  private readonly elements: string[] = [];

  step(elementId: string, type: string | undefined, variables: Variables): void {
    this.steps.push(elementId);
    if (type === 'finish') this.finals[elementId] = structuredClone(variables);
  }

  element(elementId: string, intent: string): void {
    this.elements.push(`${elementId}:${intent}`);
  }

  end(elementId: string): void {
    this.ends.push(elementId);
  }

  /** Parallel branches may run in either order on either engine: steps are compared as a multiset. */
  result(): Trace {
    return { ends: [...this.ends].sort(), steps: [...this.steps].sort(), finals: this.finals, ...(this.elements.length ? { elements: [...this.elements].sort() } : {}) };
  }
}
