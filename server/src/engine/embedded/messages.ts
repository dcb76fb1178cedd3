/**
 * Message publication: correlate to open subscriptions by name and correlation key, start
 * instances at message start events, buffer for the time to live, deduplicate by message id.
 * https://docs.camunda.io/docs/components/concepts/messages/
 */
import { EngineConflict } from '../errors.ts';
import type { PublishMessageRequest } from '../port.ts';
import { applyEvent, createInstance, type InstanceDeps } from './instance.ts';
import type { DefinitionCache, MessageDoc } from './store.ts';
import { subKey } from './state.ts';
import { retryBusy } from './busy.ts';
import { decode } from './codec.ts';

type Deps = InstanceDeps & { cacheFind: DefinitionCache['find'] };

export async function publish(deps: Deps, request: PublishMessageRequest): Promise<void> {
  const now = deps.now();
  const { name, correlationKey } = request;
  const variables = request.variables ?? {};
  if (request.messageId) {
    const same = await deps.c.messages.findOne({ name, correlationKey, messageId: request.messageId, expiresAt: { $gt: now } });
    if (same) throw new EngineConflict({ code: 'MESSAGE_ALREADY_PUBLISHED', en: `A message with id ${request.messageId} was already published`, zh: '相同编号的消息已发布' });
  }
  await deps.keys.reserve();
  const key = deps.keys.take();
  const ttl = request.timeToLiveMs ?? 0;
  if (ttl > 0) {
    const doc: MessageDoc = { _id: key, name, correlationKey, variables, expiresAt: now + ttl };
    if (request.messageId) doc.messageId = request.messageId;
    await retryBusy(() => deps.c.messages.insertOne(doc));
  }
  const docs = (await deps.c.instances.find({ subKeys: subKey(name, correlationKey) }).toArray()).map(decode);
  for (const d of docs) {
    for (const sub of d.subs.filter((s) => s.name === name && s.correlationKey === correlationKey)) {
      if (await applyEvent(deps, d._id, (s) => s.correlate(sub.key, key, variables))) break;
    }
  }
  // Message start events of the latest versions; one active instance per correlation key and process.
  // https://docs.camunda.io/docs/components/modeler/bpmn/message-events/#message-start-events
  const defs = await deps.c.definitions.find({ latest: true, messageStarts: name }, { projection: { xml: 0 } }).toArray();
  for (const def of defs) {
    if (correlationKey && await deps.c.instances.countDocuments({ processId: def.processId, state: 'active', startCorrelationKey: correlationKey })) continue;
    const process = await deps.cache.get(def._id);
    const start = process.messageStarts.find((m) => m.name === name)!;
    await createInstance(deps, def, { startNodeId: start.nodeId, variables, startCorrelationKey: correlationKey || undefined });
  }
}
