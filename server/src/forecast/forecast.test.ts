import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { judge } from './condition.ts';
import { stepsAhead } from './walk.ts';

const workflow = (name: string) => readFileSync(new URL(`../../../workflows/${name}.bpmn`, import.meta.url), 'utf8');

describe('流程预测: the steps ahead on a process version', () => {
  it('judges the gateway conditions the shipped processes use, and calls the rest unknown', () => {
    const v = { reviewOutcome: 'approve', decision: 'grant', returnTo: null };
    expect(judge('=reviewOutcome = "approve"', v)).to.equal(true);
    expect(judge('=reviewOutcome = "approve" and decision = "grant"', v)).to.equal(true);
    expect(judge('=reviewOutcome = "returnTo" and returnTo = "review"', v)).to.equal(false);
    expect(judge('=reviewOutcome = "reject" or decision = "grant"', v)).to.equal(true);
    expect(judge('=not(decision = "grant")', v)).to.equal(false);
    expect(judge('=some o in unitOpinions satisfies o.outcome = "return"', v)).to.equal(undefined);
  });

  it('from 审查 of a single-department case: the decision by 住建, then the seal, 缮证 and the issuing window — not the refusal path', async () => {
    const ahead = await stepsAhead(workflow('single-department-approval'), 'single-department-approval', ['review'], { departmentCode: 'zjj' });
    const users = ahead.filter((s) => s.kind === 'userTask');
    expect(users.map((s) => s.step)).to.deep.equal(['decide', 'handOver']);
    expect(users[0].holders).to.deep.equal(['dept:zjj']);
    expect(users[0].dueVariable).to.equal('caseDueAt');
    expect(users[1].holders).to.deep.equal(['issuingClerk']);
    expect(ahead.map((s) => s.name)).to.include('加盖行政审批专用章').and.include('缮证');
    expect(ahead.findIndex((s) => s.name === '加盖行政审批专用章')).to.be.lessThan(ahead.findIndex((s) => s.step === 'handOver'));
  });

  it('from the units\' joint review: the lead consolidates (the 住建 group), then decides', async () => {
    const ahead = await stepsAhead(workflow('joint-drawing-review'), 'joint-drawing-review', ['unitReview'], { departmentCode: 'zjj', units: ['zjj', 'rfb'] });
    const users = ahead.filter((s) => s.kind === 'userTask');
    expect(users.map((s) => s.step).slice(0, 2)).to.deep.equal(['consolidate', 'decide']);
    expect(users[0].holders).to.deep.equal(['dept:zjj']);
  });

  it('lists every unit of a multi-instance review as a holder', async () => {
    const ahead = await stepsAhead(workflow('joint-drawing-review'), 'joint-drawing-review', ['transfer'], { departmentCode: 'zjj', units: ['zjj', 'rfb', 'fgw'] });
    const review = ahead.find((s) => s.step === 'unitReview');
    expect(review?.holders).to.deep.equal(['dept:zjj', 'dept:rfb', 'dept:fgw']);
  });
});
