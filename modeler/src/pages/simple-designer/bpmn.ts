import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { generateBpmn } from '@server/processes/simple/generate.ts';
import { recogniseSimple, type ModdleNode } from '@server/processes/simple/recognise.ts';
import type { SimpleProcess } from '@server/processes/simple/schema.ts';

// The server's own generator and recognition, loaded with this page only (bpmn-auto-layout, bpmn-moddle).
const moddle = new BpmnModdle({ zeebe: zeebeModdle });
const parse = async (xml: string) => (await moddle.fromXML(xml, 'bpmn:Definitions')).rootElement as unknown as ModdleNode;

/** Whether a draft's or version's BPMN opens here, with its node list, or must go to the full modeler. */
export const recognise = (xml: string) => recogniseSimple(xml, parse);

/** The laid-out Camunda 8 BPMN of the node list, exactly what the server checks and publishes. */
export const generate = (process: SimpleProcess) => generateBpmn(process);
