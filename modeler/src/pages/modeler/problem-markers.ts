import type { HallModeler } from '../../bpmn/modeler.ts';

interface Canvas { addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void }
interface Registry { get(id: string): unknown; getAll(): Array<{ id: string }> }

/** Marks the elements the server named (publishing checks, dry run) on the canvas; clears the old marks. */
export function showProblems(modeler: HallModeler, problems: Array<{ field: string }>): void {
  const canvas = modeler.get('canvas') as Canvas;
  const registry = modeler.get('elementRegistry') as Registry;
  for (const element of registry.getAll()) canvas.removeMarker(element.id, 'ow-problem');
  for (const problem of problems) if (registry.get(problem.field)) canvas.addMarker(problem.field, 'ow-problem');
}
