import type { Connection } from 'mongoose';
import type { UserTask } from '../port.ts';

/**
 * The user tasks whose jobs this adapter holds open (job-based user tasks). Kept in this process
 * (topology single) or in the database (topology cluster): then a task completed from another server
 * process, or after a restart, is still known and still announces `completed` to the board.
 */
export interface OpenTaskStore {
  has(key: string): Promise<boolean>;
  put(task: UserTask): Promise<void>;
  /** Removes the task and returns it; undefined when it was not (or no longer) open. */
  take(key: string): Promise<UserTask | undefined>;
  all(): Promise<UserTask[]>;
}

export class MemoryOpenTasks implements OpenTaskStore {
  private readonly tasks = new Map<string, UserTask>();
  async has(key: string) { return this.tasks.has(key); }
  async put(task: UserTask) { this.tasks.set(task.key, task); }
  async take(key: string) {
    const task = this.tasks.get(key);
    this.tasks.delete(key);
    return task;
  }
  async all() { return [...this.tasks.values()]; }
}

/** Collection `zeebe_open_tasks`: one document per task key; the task as JSON (its variables may hold any key). */
export class StoredOpenTasks implements OpenTaskStore {
  constructor(private readonly db: Connection) {}

  private get tasks() {
    return this.db.collection<{ _id: string; task: string }>('zeebe_open_tasks');
  }

  async has(key: string) { return (await this.tasks.countDocuments({ _id: key }, { limit: 1 })) > 0; }

  async put(task: UserTask) {
    await this.tasks.updateOne({ _id: task.key }, { $set: { task: JSON.stringify(task) } }, { upsert: true });
  }

  /** Read, then delete by `_id`: the one delete that removed it decides (FerretDB's findOneAndDelete is not atomic). */
  async take(key: string) {
    const doc = await this.tasks.findOne({ _id: key });
    if (!doc || (await this.tasks.deleteOne({ _id: key })).deletedCount !== 1) return undefined;
    return JSON.parse(doc.task) as UserTask;
  }

  async all() { return (await this.tasks.find({}).toArray()).map((d) => JSON.parse(d.task) as UserTask); }
}
