// Packages of the modeler that ship no type declarations; each is used in one place (bpmn/).
declare module 'bpmn-js-bpmnlint';
declare module 'bpmn-js-token-simulation';
declare module 'bpmn-js-differ';
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
declare module '@bpmn-io/element-template-chooser';
declare module 'bpmn-js-element-templates';
declare module 'bpmn-js-properties-panel';
declare module 'bpmnlint/lib/resolver/static-resolver';
declare module 'bpmnlint-plugin-camunda-compat';
// the simple designer's generator (server/src/processes/simple/generate.ts) lays out with it
declare module 'bpmn-auto-layout';
// the simple designer parses BPMN for recognition (pages/simple-designer/bpmn.ts)
declare module 'bpmn-moddle';
