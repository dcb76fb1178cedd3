import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { definitions, end, headers, job, seq, start, userTask } from '../bpmn.ts';

export function userTaskScenarios(scenario: Scenario): void {
  scenario('surfaces a user task with FEEL and static assignments and its schedule, and resumes with the completion variables', [], async (w) => {
    // given a user task assigned by FEEL, with static candidate users and a due date
    const id = w.name('approve');
    await w.deploy(definitions(id, start() + userTask('approve', { name: '审批', assignee: '=applicant.officer', candidateGroups: '=[dept, "zjj-leaders"]', candidateUsers: 'wang, li', dueDate: '=deadline', followUpDate: '2030-01-01T00:00:00Z' }, headers({ form: 'approval' }))
      + job('done', DONE) + end() + seq('start', 'approve', 'done', 'end')));
    // when an instance reaches it
    const key = await w.start(id, { applicant: { officer: 'zhang' }, dept: 'zjj', deadline: '2030-02-01T08:00:00Z', caseId: 'C-1' });
    const task = await w.task(key, 'approve');
    // then the task board sees the assignment
    expect(task).to.include({ processId: id, name: '审批', assignee: 'zhang', dueDate: '2030-02-01T08:00:00Z', followUpDate: '2030-01-01T00:00:00Z' });
    expect(task.candidateGroups).to.deep.equal(['zjj', 'zjj-leaders']);
    expect(task.candidateUsers).to.deep.equal(['wang', 'li']);
    expect(task.variables).to.include({ caseId: 'C-1' });
    // when it is completed with a decision
    await w.engine.completeUserTask(task.key, { decision: 'approved' });
    // then the process continues with it and the board hears of the completion
    expect((await w.job(key, 'done')).variables).to.include({ decision: 'approved' });
    await w.task(key, 'approve', 'completed');
  });

  scenario('refuses to complete a task twice', [], async (w) => {
    const id = w.name('once');
    await w.deploy(definitions(id, start() + userTask('check') + end() + seq('start', 'check', 'end')));
    const key = await w.start(id);
    const task = await w.task(key, 'check');
    await w.engine.completeUserTask(task.key);
    const err = await w.engine.completeUserTask(task.key).catch((e) => e);
    expect(err.code).to.equal('TASK_NOT_FOUND');
  });
}
