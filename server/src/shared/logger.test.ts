import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('never writes ID numbers, phone numbers, passwords or tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', sink);
    logger.info({ applicant: { idNumber: '11010519491231002X', phone: '13912345678' }, password: 'p', accessToken: 'eyJ', req: { headers: { authorization: 'Bearer eyJ' } } }, 'intake');
    const text = lines.join('');
    for (const secret of ['11010519491231002X', '13912345678', 'eyJ', '"p"']) expect(text).to.not.contain(secret);
    expect(text).to.contain('[redacted]');
  });
});
