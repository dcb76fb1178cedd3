import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './modeler.css';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import lintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { canvasLint } from './lint.ts';
import { localizeDom } from './localize-dom.ts';
import { hallTemplateMenuModule } from './template-menu.ts';
import { hallTemplates } from './templates.ts';
import { translateModule } from './translate.ts';

/**
 * The full modeler: bpmn-js with the Camunda 8 properties panel and behaviours, the hall's element
 * templates (offered first when a task is created or replaced), the server's lint rules on the
 * canvas, token simulation and our Chinese dictionary. Loaded only by the modeler page.
 */
export function createModeler(canvas: HTMLElement, panel: HTMLElement) {
  const modeler = new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    linting: { bpmnlint: canvasLint(), active: true },
    elementTemplates: hallTemplates,
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule,
      CloudElementTemplatesPropertiesProviderModule, ElementTemplateChooserModule, ZeebeBehaviorsModule,
      lintModule, TokenSimulationModule, translateModule, hallTemplateMenuModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const stops = [localizeDom(canvas), localizeDom(panel)];
  modeler.on('diagram.destroy', () => stops.forEach((stop) => stop()));
  return modeler;
}

export type HallModeler = ReturnType<typeof createModeler>;
