import type { Case } from './case.model.ts';

/** What intake needs of the documents feature: render a notice to PDF, store it, give back its code. */
export interface NoticeIssuer {
  /**
   * Renders `kind` with `data` (the issuer adds the verification code and URL), stores the PDF with
   * its SHA-256, and returns the stored document's id and verification code.
   */
  issue(request: {
    kind: string;
    data: Record<string, unknown>;
    ref: Pick<Case, 'caseNumber' | 'departmentCode' | 'matterCode' | 'receivedBy' | 'stage'>;
    issuedBy: string;
    /** Issue once under this name: a retry gets the document stored the first time. */
    once?: string;
  }): Promise<{ documentId: string; verificationCode: string }>;
  /** Renders waiting for the browser now (0 when the issuer does not know). */
  backlog?(): number;
}

/** Starts the matter's BPMN process for an accepted case. */
export interface CaseProcessStarter {
  start(caseDoc: Case, matter: { processId: string; version?: number }): Promise<{ processInstanceKey: string; processId: string; version: number }>;
  cancel(processInstanceKey: string): Promise<void>;
  /** Correlates a message to the case's process (correlation key: the case number). */
  publish(name: string, caseNumber: string, options: { messageId: string; variables?: Record<string, unknown> }): Promise<void>;
}

/** Tells the applicant what happened at intake (the notifications feature's outbox implements it). */
export interface ApplicantNotifier {
  send(notification: { caseNumber: string; template: string; audience: 'applicant'; to?: string; text: string; sourceKey: string }): Promise<void>;
}
