import { expect } from 'chai';
import { feelNames } from './feel-names.ts';
import { hallJobTypes } from '../jobs/index.ts';
import { bpmnDocument, loopWithoutEnd, receiveAndReview, withIsland } from '../../test/support/processes/fixtures.ts';
import { validateBpmn } from './validate.ts';

const jobTypes = new Set<string>(hallJobTypes);
const dryRunProblems = async (xml: string) => {
  try {
    await validateBpmn(xml, { jobTypes });
    return [];
  } catch (error) {
    return ((error as { fields?: Array<{ field: string; message: string }> }).fields ?? []).filter((f) => f.message.startsWith('dry-run/')).map((f) => `${f.field} ${f.message.split(':')[0]}`);
  }
};

describe('the dry run before publishing', () => {
  it('passes a process whose every element is reached and can end', async () => {
    expect(await dryRunProblems(bpmnDocument('zjj-ok', receiveAndReview))).to.deep.equal([]);
  });

  it('names each element of a loop a case can enter but never leave (a path that cannot end)', async () => {
    expect(await dryRunProblems(bpmnDocument('zjj-loop', loopWithoutEnd()))).to.deep.equal([
      'merge dry-run/cannot-end', 'recheck dry-run/cannot-end', 'supplement dry-run/cannot-end',
    ]);
  });

  it('names the elements no path from a start event reaches', async () => {
    expect(await dryRunProblems(bpmnDocument('zjj-island', withIsland))).to.deep.equal(['island dry-run/unreachable', 'island2 dry-run/unreachable']);
  });

  it('names the flow whose condition reads a variable nothing writes', async () => {
    const xml = bpmnDocument('zjj-age', loopWithoutEnd('=applicantAge >= 18 and reviewOutcome = "approve"'));
    expect(await dryRunProblems(xml)).to.include('toReview dry-run/unwritten-variable');
  });
});

describe('the variables a FEEL expression reads', () => {
  it('leaves out literals, bound names, path members and function names', () => {
    expect(feelNames('some o in unitOpinions satisfies o.outcome = "return and x"')).to.deep.equal(['unitOpinions']);
    expect(feelNames('date and time(caseDueAt) < now() and count(items) > 1e3')).to.deep.equal(['caseDueAt', 'items']);
    expect(feelNames('{a: b}.a = c')).to.deep.equal(['b', 'c']);
  });
});
