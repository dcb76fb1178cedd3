/**
 * The BPMN elements the embedded executor runs (kept in step with SUPPORTED in
 * server/src/engine/embedded/compile.ts, which exports no list; its deploy refuses the finer cases
 * itself, e.g. a timer throw event). One list, in one place: the processes route refuses any other
 * element before anything is deployed, so a BPMN that would run on Zeebe but not on the default
 * engine is never published.
 */
export const supportedElementTypes: ReadonlySet<string> = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:Task',
  'bpmn:ServiceTask',
  'bpmn:UserTask',
  'bpmn:ReceiveTask',
  'bpmn:ManualTask',
  'bpmn:BusinessRuleTask',
  'bpmn:SendTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:InclusiveGateway',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:SequenceFlow',
]);

/** Event definitions the executor understands; an event without one is a none event. */
export const supportedEventDefinitions: ReadonlySet<string> = new Set([
  'bpmn:MessageEventDefinition',
  'bpmn:TimerEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:TerminateEventDefinition',
]);

/** Elements that carry no behaviour (notes, grouping) and are always allowed. */
export const passiveElementTypes: ReadonlySet<string> = new Set([
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObjectReference',
  'bpmn:DataObject',
  'bpmn:DataStoreReference',
]);
