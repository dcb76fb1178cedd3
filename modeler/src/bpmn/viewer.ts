import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { translateModule } from './translate.ts';

/** A read-only diagram that can be moved and zoomed (version diff, the simple designer's preview), in Chinese. */
export const createViewer = (container: HTMLElement) =>
  new NavigatedViewer({ container, additionalModules: [translateModule], moddleExtensions: { zeebe: zeebeModdle } });

export type Viewer = ReturnType<typeof createViewer>;
