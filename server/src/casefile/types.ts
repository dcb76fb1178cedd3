// The answers of the case-record routes; no imports, so the web app shares them (@server/casefile/types.ts).

/** The delegation an act was taken under: power, matters, dates (docs/authority.md). */
export interface ActDelegation {
  id: string;
  power: string;
  departmentCode: string;
  allMatters: boolean;
  matterCodes: string[];
  validFrom: string;
  validTo: string;
  grantedBy: string;
}

/** One step of the case's approval record (审批表): who held it, what they decided, when, and under which delegation. */
export interface RecordStep {
  key: string;
  kind: 'engine' | 'signature';
  parentKey?: string;
  elementId?: string;
  step?: string;
  name: string;
  departmentCode: string | null;
  state: 'open' | 'completing' | 'awaitingSigners' | 'completed' | 'canceled';
  createdAt: Date;
  closedAt?: Date;
  assignee: string | null;
  completedBy?: string;
  outcome?: string;
  opinion?: string;
  authority?: string;
  delegation?: ActDelegation;
  attachments: Array<{ id: string; name: string; type: string }>;
  decision?: { kind: 'grant' | 'refuse'; documentId?: string; documentNumber?: string };
}

/** One element of the case's process as the case went through it. */
export interface ElementVisit {
  elementId: string;
  elementType: string;
  /** Entered and not yet left: the token stands here now. */
  active: boolean;
  /** Times entered (a loop back, a return or a multi-instance enters an element again). */
  entered: number;
  firstAt: Date;
  lastAt: Date;
}
