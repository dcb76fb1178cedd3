// bpmn-auto-layout ships no declarations; the one function the simple designer uses.
declare module 'bpmn-auto-layout' {
  /** Adds a diagram (DI) to BPMN XML that has none; answers the XML with it. */
  export function layoutProcess(xml: string): Promise<string>;
}
