/** bpmn-moddle 10 exports a factory without types for its element model; the executor reads elements dynamically. */
declare module 'bpmn-moddle' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export function BpmnModdle(packages?: Record<string, unknown>): any;
}
