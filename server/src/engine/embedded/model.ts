/**
 * The compiled form of one deployed process: a flat graph of nodes and flows, built once per
 * definition (see compile.ts) and cached by definition key. Expressions stay as source text; the
 * executor evaluates them (FEEL when they start with `=`, a static string otherwise — the Zeebe rule,
 * https://docs.camunda.io/docs/components/concepts/expressions/).
 */
export interface Mapping {
  source: string;
  target: string;
}

export interface LoopSpec {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface TimerSpec {
  kind: 'duration' | 'date' | 'cycle';
  expression: string;
}

export interface MessageSpec {
  name: string;
  correlationKey?: string;
}

export interface UserTaskSpec {
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  /** zeebe:taskHeaders of the user task (Zeebe exposes them on job-based user tasks too). */
  headers?: Record<string, string>;
}

export interface CalledSpec {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
  bindingType: 'latest' | 'versionTag' | 'deployment';
  versionTag?: string;
}

export interface Flow {
  id: string;
  source: string;
  target: string;
  condition?: string;
}

export interface Node {
  id: string;
  /** BPMN type without prefix: serviceTask, exclusiveGateway, boundaryEvent, … */
  type: string;
  name?: string;
  /** Id of the containing sub-process, or null at process level. */
  parent: string | null;
  incoming: string[];
  outgoing: string[];
  /** For start/end/catch/throw/boundary events. */
  eventKind?: 'none' | 'message' | 'timer' | 'error' | 'terminate';
  job?: { type: string; retries: string; headers: Record<string, string> };
  inputs: Mapping[];
  outputs: Mapping[];
  userTask?: UserTaskSpec;
  timer?: TimerSpec;
  message?: MessageSpec;
  /** errorCode of the referenced bpmn:Error; undefined on a catch = catch all. */
  errorCode?: string;
  boundaries: string[];
  attachedTo?: string;
  /** Boundary events and event sub-process start events. */
  interrupting?: boolean;
  defaultFlow?: string;
  loop?: LoopSpec;
  called?: CalledSpec;
  /** Containers (sub-processes): their none start event and event sub-processes. */
  noneStart?: string;
  eventSubProcesses: string[];
  /** For an event sub-process: its start event id. */
  eventStart?: string;
  triggeredByEvent?: boolean;
}

export interface CompiledProcess {
  processId: string;
  name?: string;
  versionTag?: string;
  nodes: Record<string, Node>;
  flows: Record<string, Flow>;
  noneStart?: string;
  messageStarts: { nodeId: string; name: string }[];
  timerStarts: { nodeId: string; timer: TimerSpec }[];
  eventSubProcesses: string[];
  /** For inclusive joins: the nodes from which each node can be reached within its scope. */
  reachableFrom: Record<string, string[]>;
}
