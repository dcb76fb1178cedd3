import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { errorCatalogue, errorGroups } from './error-catalogue/index.ts';
import { AppError, notFound, problem, validationFailed } from './errors.ts';

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const sourceFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return sourceFiles(path);
  return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
});

/** Stands in for any parameter: a string (`${p.x}`), a list (`p.x.join`) and a number-ish alike. */
const anyParams = new Proxy({}, { get: () => ['x'] });

describe('the error catalogue', () => {
  const entries = Object.entries(errorCatalogue) as Array<[string, { status: number; zh: (p: unknown) => string; en: (p: unknown) => string; examples?: unknown[] }]>;

  it('gives every code a status of 4xx or 5xx and non-empty Chinese and English messages in every wording', () => {
    for (const [code, entry] of entries) {
      expect(code, code).to.match(/^[A-Z][A-Z0-9_]*[A-Z0-9]$/);
      expect(entry.status, code).to.be.within(400, 599);
      for (const params of entry.examples ?? [anyParams]) {
        const zh = entry.zh(params);
        const en = entry.en(params);
        expect(zh.trim(), `${code} zh`).to.not.equal('');
        expect(en.trim(), `${code} en`).to.not.equal('');
        expect(zh, `${code} zh is Chinese`).to.match(/[\u4e00-\u9fff]/);
        expect(`${zh} ${en}`, `${code}: a parameter left unfilled`).to.not.match(/undefined|\[object Object\]/);
      }
    }
  });

  it('writes each code once across the feature groups', () => {
    const all = Object.values(errorGroups).flatMap((group) => Object.keys(group));
    const twice = all.filter((code, i) => all.indexOf(code) !== i);
    expect(twice, 'codes written in two groups').to.deep.equal([]);
    expect(all.length).to.equal(entries.length);
  });

  it('builds an error with the catalogue\'s status and texts, its parameters and the field named', () => {
    const refused = problem('QUEUE_CLOSED', { params: { name: '综合受理' }, field: 'body.queue' });
    expect(refused).to.be.instanceOf(AppError);
    expect([refused.status, refused.code, refused.zh]).to.deep.equal([409, 'QUEUE_CLOSED', '综合受理当前不在取号时间（工作日 08:30–17:30）或已停止取号']);
    expect(refused.fields).to.deep.equal([{ field: 'body.queue', message: refused.message }]);
    expect(notFound('task', 'k1').message).to.equal('Task k1 not found');
    expect(problem('FORBIDDEN', { params: { reason: 'changeCalendar' } }).zh).to.equal('只有系统管理员可以调整工作日历');
    expect(validationFailed([{ field: 'body.a', message: 'required' }]).message).to.equal('Invalid request: body.a');
  });

  it('refuses a misspelt code or a missing parameter at type-check time', () => {
    // Never called: these lines are here for tsc, which fails the build if either stops being an error.
    const typeChecks = [
      // @ts-expect-error a code that is not in the catalogue
      () => problem('NO_SUCH_CODE'),
      // @ts-expect-error NOT_FOUND needs its subject
      () => problem('NOT_FOUND'),
      // @ts-expect-error a code without parameters takes none
      () => problem('INTERNAL', { params: { x: 1 } }),
    ];
    expect(typeChecks).to.have.length(3);
  });

  it('is the only place that writes an error\'s messages: no route or service constructs an AppError itself', () => {
    const allowed = new Set(['shared/errors.ts', 'shared/problem.ts']);
    const offenders = sourceFiles(srcDir)
      .map((path) => relative(srcDir, path))
      .filter((path) => !allowed.has(path) && /new AppError\(/.test(readFileSync(join(srcDir, path), 'utf8')));
    expect(offenders).to.deep.equal([]);
  });
});
