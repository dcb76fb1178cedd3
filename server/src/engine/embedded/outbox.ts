/**
 * Deliveries recorded in the instance document by a step and carried out after its save, so none is
 * lost in a crash (at least once): user-task notifications, starting and cancelling child instances,
 * telling a parent that its child ended, correlating buffered messages to a new subscription.
 */
import type { Logger } from 'pino';
import type { TaskMigratedListener, UserTaskListener } from '../port.ts';
import { applyEvent, createInstance, loadInstance, saveInstance, type InstanceDeps } from './instance.ts';
import { decode } from './codec.ts';
import type { InstanceDoc, OutboxItem } from './state.ts';
import type { DefinitionCache } from './store.ts';

type Deps = InstanceDeps & { cacheFind: DefinitionCache['find'] };

export class Outbox {
  readonly taskListeners: UserTaskListener[] = [];
  readonly migratedListeners: TaskMigratedListener[] = [];

  constructor(private readonly deps: () => Deps, private readonly logger: Logger, private readonly delivered: Set<string>) {}

  async deliver(doc: InstanceDoc): Promise<void> {
    for (const item of doc.outbox) {
      if (this.delivered.has(item.id)) continue;
      try {
        await this.one(doc, item);
        this.delivered.add(item.id);
      } catch (error) {
        this.logger.warn({ err: error, item: item.kind, instance: doc._id }, 'engine: outbox delivery failed; retried on the next event or start');
      }
    }
  }

  private async one(doc: InstanceDoc, item: OutboxItem): Promise<void> {
    const deps = this.deps();
    switch (item.kind) {
      case 'task': {
        const task = { ...item.task, processInstanceKey: doc._id, processId: doc.processId, processVersion: doc.version, variables: item.variables };
        for (const l of this.taskListeners) await l({ type: item.type, task });
        return;
      }
      case 'taskMigrated': {
        const task = { ...item.task, processInstanceKey: doc._id, processId: doc.processId, processVersion: doc.version, variables: item.variables };
        for (const l of this.migratedListeners) await l({ task, from: item.from });
        return;
      }
      case 'startChild': {
        // bindingType latest (default) or versionTag. https://docs.camunda.io/docs/components/best-practices/modeling/choosing-the-resource-binding-type/
        const def = await deps.cacheFind(item.processId, item.bindingType === 'versionTag' ? { versionTag: item.versionTag } : {});
        if (!def) {
          await applyEvent(deps, doc._id, (s) => s.childNotStarted(item.elementInstanceKey, item.childKey, `Expected process with BPMN process id '${item.processId}' to be deployed, but not found.`));
          return;
        }
        await createInstance(deps, def, { key: item.childKey, variables: item.variables, parent: { instanceKey: doc._id, elementInstanceKey: item.elementInstanceKey } });
        return;
      }
      case 'childDone':
        await applyEvent(deps, item.parentKey, (s) => s.childDone(item.elementInstanceKey, doc._id, item.variables));
        return;
      case 'childError':
        await applyEvent(deps, item.parentKey, (s) => s.childError(item.elementInstanceKey, doc._id, item.errorCode, item.errorMessage, item.variables));
        return;
      case 'cancelChild':
        await applyEvent(deps, item.childKey, (s) => { if (s.doc.state !== 'active') return false; s.cancel(); });
        return;
      case 'correlate': {
        // A buffered message meets a subscription opened after it was published.
        // https://docs.camunda.io/docs/components/concepts/messages/#message-buffering
        const messages = await deps.c.messages.find({ name: item.name, correlationKey: item.correlationKey, expiresAt: { $gt: deps.now() } }).sort({ _id: 1 }).toArray();
        for (const m of messages) {
          if (doc.correlated.includes(m._id)) continue;
          if (await applyEvent(deps, doc._id, (s) => s.correlate(item.subKey, m._id, m.variables))) return;
        }
      }
    }
  }

  /** On start: every pending delivery of every instance, then pulled from the documents. */
  async redeliverAll(): Promise<void> {
    const docs = await this.deps().c.instances.find({ 'outboxIds.0': { $exists: true } }).toArray();
    for (const doc of docs) await this.deliver(decode(doc));
    await this.flush();
  }

  /** Removes delivered items from their documents (each a guarded write; a lost race only means a duplicate delivery later). */
  async flush(): Promise<void> {
    if (!this.delivered.size) return;
    const deps = this.deps();
    const ids = (await deps.c.instances.find({ outboxIds: { $in: [...this.delivered] } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
    for (const id of ids) {
      await deps.locks.run(id, async () => {
        const stored = await loadInstance(deps, id);
        if (!stored) return;
        const d = decode(stored);
        d.outbox = d.outbox.filter((o) => !this.delivered.has(o.id));
        d.rev++;
        await saveInstance(deps, d, d.rev - 1);
      });
    }
    this.delivered.clear();
  }
}
