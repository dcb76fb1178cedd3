import type { Item } from './order.ts';

/** States in which a task counts as done by the user who completed it. */
const isDone = (state: string) => state === 'completing' || state === 'completed';

/**
 * 已办: the tasks each user completed, kept in this process beside the open board (FerretDB on SQLite
 * would scan the whole collection for `completedBy`). Filled by the same first load and updates as
 * the open tasks; a task counts as done from `completing` on (the engine is being told).
 */
export class DoneIndex {
  private readonly byUser = new Map<string, Map<string, Item>>();
  private readonly owner = new Map<string, string>();

  apply(task: Item): void {
    const before = this.owner.get(task._id);
    if (before) {
      this.byUser.get(before)?.delete(task._id);
      this.owner.delete(task._id);
    }
    if (!isDone(task.state) || !task.completedBy) return;
    let mine = this.byUser.get(task.completedBy);
    if (!mine) this.byUser.set(task.completedBy, (mine = new Map()));
    mine.set(task._id, task);
    this.owner.set(task._id, task.completedBy);
  }

  /** The user's done tasks (a fresh array the caller may sort). */
  of(username: string): Item[] {
    return [...(this.byUser.get(username)?.values() ?? [])];
  }
}
