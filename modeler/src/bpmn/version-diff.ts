import { diff } from 'bpmn-js-differ';
import { createViewer, type Viewer } from './viewer.ts';

interface Canvas {
  addMarker(id: string, marker: string): void;
  viewbox(box?: object): { x: number; y: number; width: number; height: number };
  zoom(level: string): void;
}
interface Registry { get(id: string): unknown }

export interface PropertyChange { id: string; name?: string; property: string; oldValue: string; newValue: string }
export interface VersionDiff { added: string[]; removed: string[]; changed: string[]; moved: string[]; properties: PropertyChange[] }

const ids = (record: Record<string, unknown>) => Object.keys(record);
const text = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * Two versions side by side (bpmn-js-differ): added elements marked in the newer one, removed in the
 * older, changed and moved in both; moving or zooming one viewer moves the other.
 */
export async function showDiff(left: HTMLElement, right: HTMLElement, oldXml: string, newXml: string): Promise<{ result: VersionDiff; destroy(): void }> {
  const [older, newer] = [createViewer(left), createViewer(right)];
  await older.importXML(oldXml);
  await newer.importXML(newXml);
  const changes = diff(older.getDefinitions(), newer.getDefinitions()) as {
    _added: Record<string, unknown>; _removed: Record<string, unknown>; _layoutChanged: Record<string, unknown>;
    _changed: Record<string, { model: { name?: string }; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
  };
  const mark = (viewer: Viewer, list: string[], marker: string) => {
    const canvas = viewer.get('canvas') as Canvas;
    const registry = viewer.get('elementRegistry') as Registry;
    for (const id of list) if (registry.get(id)) canvas.addMarker(id, marker);
  };
  const result: VersionDiff = {
    added: ids(changes._added), removed: ids(changes._removed), changed: ids(changes._changed), moved: ids(changes._layoutChanged),
    properties: Object.entries(changes._changed).flatMap(([id, change]) => Object.entries(change.attrs).map(([property, values]) => ({
      id, name: change.model.name, property, oldValue: text(values.oldValue), newValue: text(values.newValue),
    }))),
  };
  mark(newer, result.added, 'ow-diff-added');
  mark(older, result.removed, 'ow-diff-removed');
  for (const viewer of [older, newer]) {
    mark(viewer, result.changed, 'ow-diff-changed');
    mark(viewer, result.moved, 'ow-diff-moved');
  }
  // navigation kept in step
  let syncing = false;
  const follow = (from: Viewer, to: Viewer) => from.on('canvas.viewbox.changed', ({ viewbox }: { viewbox: object }) => {
    if (syncing) return;
    syncing = true;
    (to.get('canvas') as Canvas).viewbox(viewbox);
    syncing = false;
  });
  follow(older, newer);
  follow(newer, older);
  (older.get('canvas') as Canvas).zoom('fit-viewport');
  return { result, destroy: () => { older.destroy(); newer.destroy(); } };
}
