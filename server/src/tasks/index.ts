export { TaskBoard, taskSubject, type TaskBoardDeps } from './board.ts';
export { dueStateAt, dueTimes } from './due.ts';
export { groupsOf, taskSummary } from './lists.ts';
export { taskModel, taskStates, type PendingRecord, type SignatureSpec, type TaskDoc, type TaskEntry, type TaskState } from './model.ts';
export { departmentOf } from './projection.ts';
export { taskRoutes } from './routes.ts';
export { taskKeyParams } from './schemas.ts';
