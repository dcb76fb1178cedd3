export { TaskBoard, taskSubject, type TaskBoardDeps, type TaskChangeFeed } from './board.ts';
export type { BoardChange } from './board-index.ts';
export { dueStateAt, dueTimes } from './due.ts';
export { groupsOf, taskSummary } from './lists.ts';
export { taskModel, taskStates, type PendingRecord, type SignatureSpec, type TaskDoc, type TaskEntry, type TaskState } from './model.ts';
export { departmentOf } from './projection.ts';
export { taskRoutes } from './routes.ts';
export { bulkClaimBody, bulkClaimResult, listQuery, taskKeyParams, type BulkClaimResult, type TaskCounts } from './schemas.ts';
export { TaskStream } from './stream.ts';
