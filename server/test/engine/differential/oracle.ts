import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { evaluate } from 'feelin';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { Variables } from '../../../src/engine/port.ts';
import type { Scenario } from './scenarios.ts';
import { TraceRecorder, type Trace } from './trace.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- bpmn-engine hands out untyped activity APIs */

const isFeel = (value: unknown): value is string => typeof value === 'string' && value.startsWith('=');

/**
 * Runs a scenario on bpmn-engine 25 — an oracle for control flow only, never a production engine
 * (DESIGN.md, "Why not bpmn-engine"). What it lacks is bridged here, as little as it takes:
 * - FEEL: conditions starting with `=` are evaluated with feelin over the harness's variables;
 * - variables: bpmn-engine has no scopes and injects its own (`fields`, `content`, `properties`),
 *   and a sub-process works on a copy; so the harness keeps one process-level variable map, which is
 *   what Zeebe does when no input/output mappings are used (results propagate to the process);
 * - zeebe:taskDefinition: each service task gets a service that calls the scenario's job handler;
 * - user tasks: a waiting user task is completed with the scenario's variables and signalled.
 */
export async function runOnBpmnEngine(scenario: Scenario): Promise<Trace> {
  const variables: Variables = structuredClone(scenario.variables);
  const trace = new TraceRecorder();
  const expressions = {
    resolveExpression: (expression: string) => (isFeel(expression) ? evaluate(expression.slice(1), variables).value : expression),
    isExpression: isFeel,
    hasExpression: isFeel,
  };
  const extensions = {
    zeebe(activity: any) {
      const definition = activity.behaviour?.extensionElements?.values?.find((v: any) => v.$type === 'zeebe:TaskDefinition');
      const inert = { activate() {}, deactivate() {} };
      if (!definition) return inert;
      activity.behaviour.Service = function Service() {
        return {
          execute(_message: unknown, callback: (error: Error | null, output?: unknown) => void) {
            const handler = scenario.jobs[definition.type];
            if (!handler) return callback(new Error(`no handler for job type ${definition.type}`));
            trace.step(activity.id, definition.type, variables);
            Object.assign(variables, handler(structuredClone(variables)));
            callback(null, {});
          },
        };
      };
      return inert;
    },
  };
  const listener = new EventEmitter();
  listener.on('activity.wait', (api: any) => {
    if (api.type !== 'bpmn:UserTask') return;
    trace.step(api.id, undefined, variables);
    Object.assign(variables, scenario.userTasks?.[api.id]?.(structuredClone(variables)) ?? {});
    api.signal({});
  });
  listener.on('activity.end', (api: any) => {
    if (api.content?.type === 'bpmn:EndEvent') trace.end(api.id);
  });

  const engine = new Engine({ name: scenario.name, source: scenario.xml, moddleOptions: { zeebe: zeebeSchema }, expressions, extensions });
  const ended = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', (error: Error) => reject(error));
  });
  await engine.execute({ listener });
  if (engine.state !== 'idle') await ended;
  return trace.result();
}
