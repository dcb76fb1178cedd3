/**
 * The one bpmnlint rule set: the server refuses a process at publishing with it (lint.ts) and the
 * modeler marks the canvas with it (modeler/src/bpmn/lint.ts), so a designer sees the same problems
 * while drawing as at publishing. The Camunda 8 compatibility rules of the Zeebe version we pin
 * (8.5, the last under the Zeebe Community License; see docker-compose.camunda.yml), plus a few
 * core rules the hall holds every process to. No Node imports here: the browser reads this file.
 */
export const lintConfig = {
  extends: 'plugin:camunda-compat/camunda-cloud-8-5',
  rules: {
    'no-disconnected': 'error',
    'no-duplicate-sequence-flows': 'error',
    'conditional-flows': 'error',
    'end-event-required': 'error',
    'start-event-required': 'error',
    'fake-join': 'warn',
    'label-required': 'warn',
  },
} as const;
