#!/usr/bin/env node
/**
 * Adds a diagram (DI) to a BPMN file that has none, so the modeler can show it:
 *   node workflows/tools/add-diagram.mjs in.bpmn > out.bpmn
 * bpmn-auto-layout lays sub-processes out collapsed but leaves their children on the main plane;
 * this moves each sub-process's shapes and edges to a plane of its own, as bpmn-js expects for a
 * collapsed sub-process (drill-down). The hall's workflows/*.bpmn were laid out this way.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { layoutProcess } from 'bpmn-auto-layout';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ids of the direct children of each sub-process, read from the (un-nested) semantic XML. */
function subProcesses(xml) {
  const result = [];
  for (const match of xml.matchAll(/<bpmn:subProcess id="([^"]+)"[^>]*>([\s\S]*?)<\/bpmn:subProcess>/g)) {
    const ids = [...match[2].matchAll(/<bpmn:\w+ id="([^"]+)"/g)].map((m) => m[1]);
    result.push({ id: match[1], ids });
  }
  return result;
}

let xml = await layoutProcess(readFileSync(process.argv[2], 'utf8'));
const planes = [];
for (const sub of subProcesses(xml)) {
  const blocks = [];
  for (const id of sub.ids) {
    const block = new RegExp(`\\n\\s*<bpmndi:(BPMNShape|BPMNEdge) id="[^"]*" bpmnElement="${escape(id)}"[^>]*>[\\s\\S]*?</bpmndi:\\1>`).exec(xml);
    if (!block) continue;
    blocks.push(block[0]);
    xml = xml.replace(block[0], '');
  }
  planes.push(`\n  <bpmndi:BPMNDiagram id="BPMNDiagram_${sub.id}">\n    <bpmndi:BPMNPlane id="BPMNPlane_${sub.id}" bpmnElement="${sub.id}">${blocks.join('')}\n    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>`);
}
process.stdout.write(xml.replace('</bpmndi:BPMNDiagram>', `</bpmndi:BPMNDiagram>${planes.join('')}`));
