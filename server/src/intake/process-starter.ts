import type { WorkflowEngine } from '../engine/index.ts';
import type { CaseProcessStarter } from './ports.ts';

/**
 * Starts the matter's process on the engine port with the case's facts as variables. `caseId` is
 * the case number: the engine's event log keys every element by it (the director's reports).
 */
export function engineProcessStarter(engine: WorkflowEngine): CaseProcessStarter {
  return {
    async start(caseDoc, binding) {
      const started = await engine.startInstance({
        processId: binding.processId,
        version: binding.version,
        variables: {
          caseId: caseDoc.caseNumber,
          caseNumber: caseDoc.caseNumber,
          matterCode: caseDoc.matterCode,
          departmentCode: caseDoc.departmentCode,
          applicantName: caseDoc.applicant.name,
          // what the simple designer's 条件分支 may branch on (processes/simple/schema.ts conditionFields)
          applicantKind: caseDoc.applicant.kind,
          handlingType: caseDoc.handlingType,
          acceptanceMode: caseDoc.acceptanceMode,
          acceptedOn: caseDoc.acceptedOn,
          dueDate: caseDoc.dueDate,
          pendingMaterials: caseDoc.pendingMaterials?.names ?? [],
          commitmentVerifyBy: caseDoc.commitment?.verifyBy ?? null,
        },
      });
      return { processInstanceKey: started.processInstanceKey, processId: started.processId, version: started.version };
    },
    cancel: (key) => engine.cancelInstance(key),
    // A short time-to-live: the process is waiting when this is called, and a duplicate id is refused.
    publish: (name, caseNumber, options) => engine.publishMessage({ name, correlationKey: caseNumber, messageId: options.messageId, variables: options.variables, timeToLiveMs: 60_000 }),
  };
}
