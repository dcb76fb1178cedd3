import type { Variables } from '../../../src/engine/port.ts';

/**
 * Differential scenarios: the same Camunda 8 BPMN and the same events (job results and user-task
 * completions computed from the variables each step sees) run on the embedded executor and on
 * bpmn-engine. Only elements both cover are used — service and user tasks, exclusive and parallel
 * gateways, embedded sub-processes, loops — without input/output mappings (bpmn-engine has no
 * variable scopes) and without timers, messages, errors or multi-instance (see README.md here).
 * Every path ends in a job of type `finish`, whose variables are compared.
 */
export interface Scenario {
  name: string;
  processId: string;
  xml: string;
  variables: Variables;
  /** Job results by job type. */
  jobs: Record<string, (variables: Variables) => Variables>;
  /** User task completion variables by element id. */
  userTasks?: Record<string, (variables: Variables) => Variables>;
}

const ns = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const definitions = (processId: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${ns} id="d_${processId}" targetNamespace="https://onewindow.example/diff"><bpmn:process id="${processId}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const job = (id: string, type: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;
const user = (id: string) => `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj" /></bpmn:extensionElements></bpmn:userTask>`;
const flow = (id: string, from: string, to: string, condition?: string) => condition
  ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`
  : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const chain = (prefix: string, ...ids: string[]) => ids.slice(1).map((id, i) => flow(`${prefix}${i}`, ids[i], id)).join('');

const finish = () => ({});

const sequence = definitions('diff-sequence', `<bpmn:startEvent id="start" />${job('receive', 'receive')}${job('transfer', 'transfer')}${job('finish', 'finish')}<bpmn:endEvent id="end" />${chain('f', 'start', 'receive', 'transfer', 'finish', 'end')}`);

const exclusive = definitions('diff-exclusive', `<bpmn:startEvent id="start" />${job('assess', 'assess')}<bpmn:exclusiveGateway id="grade" default="toLow" />
${job('finishHigh', 'finish')}${job('finishMid', 'finish')}${job('finishLow', 'finish')}<bpmn:endEvent id="endHigh" /><bpmn:endEvent id="endMid" /><bpmn:endEvent id="endLow" />
${chain('f', 'start', 'assess', 'grade')}${flow('toHigh', 'grade', 'finishHigh', '=score >= 100')}${flow('toMid', 'grade', 'finishMid', '=score >= 50 and score < 100')}${flow('toLow', 'grade', 'finishLow')}
${chain('h', 'finishHigh', 'endHigh')}${chain('m', 'finishMid', 'endMid')}${chain('l', 'finishLow', 'endLow')}`);

const parallel = definitions('diff-parallel', `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />${job('branchA', 'branchA')}${job('branchB', 'branchB')}${job('branchC', 'branchC')}<bpmn:parallelGateway id="join" />${job('finish', 'finish')}<bpmn:endEvent id="end" />
${chain('f', 'start', 'fork')}${chain('a', 'fork', 'branchA', 'join')}${chain('b', 'fork', 'branchB', 'join')}${chain('c', 'fork', 'branchC', 'join')}${chain('j', 'join', 'finish', 'end')}`);

const approval = definitions('diff-approval', `<bpmn:startEvent id="start" />${user('review')}<bpmn:exclusiveGateway id="reviewed" default="toReject" />${user('decide')}<bpmn:exclusiveGateway id="decided" default="toRefuse" />
${job('finishGrant', 'finish')}${job('finishRefuse', 'finish')}${job('finishReject', 'finish')}<bpmn:endEvent id="granted" /><bpmn:endEvent id="refused" /><bpmn:endEvent id="rejected" />
${chain('f', 'start', 'review', 'reviewed')}${flow('toDecide', 'reviewed', 'decide', '=reviewOutcome = "approve"')}${flow('toReject', 'reviewed', 'finishReject')}${chain('d', 'decide', 'decided')}
${flow('toGrant', 'decided', 'finishGrant', '=decision = "grant"')}${flow('toRefuse', 'decided', 'finishRefuse')}${chain('g', 'finishGrant', 'granted')}${chain('r', 'finishRefuse', 'refused')}${chain('x', 'finishReject', 'rejected')}`);

const subProcess = definitions('diff-subprocess', `<bpmn:startEvent id="start" /><bpmn:subProcess id="handling"><bpmn:startEvent id="handlingStart" />${job('inner', 'inner')}${user('check')}<bpmn:endEvent id="handlingEnd" />${chain('s', 'handlingStart', 'inner', 'check', 'handlingEnd')}</bpmn:subProcess>
${job('finish', 'finish')}<bpmn:endEvent id="end" />${chain('f', 'start', 'handling', 'finish', 'end')}`);

const loop = definitions('diff-loop', `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="again" />${job('attempt', 'attempt')}<bpmn:exclusiveGateway id="enough" default="toFinish" />${job('finish', 'finish')}<bpmn:endEvent id="end" />
${chain('f', 'start', 'again', 'attempt', 'enough')}${flow('toAgain', 'enough', 'again', '=attempts < 3')}${flow('toFinish', 'enough', 'finish')}${chain('e', 'finish', 'end')}`);

const nested = definitions('diff-nested', `<bpmn:startEvent id="start" /><bpmn:subProcess id="joint"><bpmn:startEvent id="jointStart" /><bpmn:parallelGateway id="fork" />${job('fire', 'unitReview')}${user('airDefence')}<bpmn:parallelGateway id="join" /><bpmn:endEvent id="jointEnd" />
${chain('s', 'jointStart', 'fork')}${chain('p', 'fork', 'fire', 'join')}${chain('q', 'fork', 'airDefence', 'join')}${chain('t', 'join', 'jointEnd')}</bpmn:subProcess>
<bpmn:exclusiveGateway id="verdict" default="toOdd" />${job('finishOk', 'finish')}${job('finishOdd', 'finish')}<bpmn:endEvent id="endOk" /><bpmn:endEvent id="endOdd" />
${chain('f', 'start', 'joint', 'verdict')}${flow('toOk', 'verdict', 'finishOk', '=fireOpinion = "pass" and airDefenceOpinion = "pass"')}${flow('toOdd', 'verdict', 'finishOdd')}${chain('o', 'finishOk', 'endOk')}${chain('d', 'finishOdd', 'endOdd')}`);

export const scenarios: Scenario[] = [
  {
    name: 'a sequence of jobs passes each job\'s variables to the next', processId: 'diff-sequence', xml: sequence,
    variables: { caseId: 'D-1', matter: 'permit' },
    jobs: {
      receive: () => ({ received: true, count: 1 }),
      transfer: (v) => ({ departmentCode: v.matter === 'permit' ? 'zjj' : 'gaj', count: Number(v.count) + 1 }),
      finish,
    },
  },
  ...[60, 30, 10].map((amount) => ({
    name: `an exclusive gateway picks the first true FEEL condition, else the default (amount ${amount})`, processId: 'diff-exclusive', xml: exclusive,
    variables: { caseId: `D-2-${amount}`, amount },
    jobs: { assess: (v: Variables) => ({ score: Number(v.amount) * 2 }), finish },
  })),
  {
    name: 'a parallel split runs every branch and the join waits for all of them', processId: 'diff-parallel', xml: parallel,
    variables: { caseId: 'D-3' },
    jobs: { branchA: () => ({ a: 1 }), branchB: () => ({ b: 'two' }), branchC: () => ({ c: [3] }), finish },
  },
  ...[['good', 10, 'granted'], ['good', 1, 'refused'], ['poor', 10, 'rejected']].map(([applicant, amount]) => ({
    name: `user tasks complete with variables that later gateways read (${applicant}, ${amount})`, processId: 'diff-approval', xml: approval,
    variables: { caseId: `D-4-${applicant}-${amount}`, applicant, amount },
    jobs: { finish },
    userTasks: {
      review: (v: Variables) => ({ reviewOutcome: v.applicant === 'good' ? 'approve' : 'reject', opinion: '材料齐全' }),
      decide: (v: Variables) => ({ decision: Number(v.amount) > 5 ? 'grant' : 'refuse' }),
    },
  })),
  {
    name: 'an embedded sub-process runs its inner steps and hands their variables out', processId: 'diff-subprocess', xml: subProcess,
    variables: { caseId: 'D-5', x: 41 },
    jobs: { inner: (v) => ({ inner: Number(v.x) + 1 }), finish },
    userTasks: { check: (v) => ({ checked: v.inner === 42 }) },
  },
  {
    name: 'a gateway loops back until its condition is false', processId: 'diff-loop', xml: loop,
    variables: { caseId: 'D-6' },
    jobs: { attempt: (v) => ({ attempts: Number(v.attempts ?? 0) + 1 }), finish },
  },
  {
    name: 'parallel reviews inside a sub-process, then a verdict on both opinions', processId: 'diff-nested', xml: nested,
    variables: { caseId: 'D-7' },
    jobs: { unitReview: () => ({ fireOpinion: 'pass' }), finish },
    userTasks: { airDefence: () => ({ airDefenceOpinion: 'pass' }) },
  },
];

/** Every job type the scenarios use. */
export const scenarioJobTypes = [...new Set(scenarios.flatMap((s) => Object.keys(s.jobs)))];
