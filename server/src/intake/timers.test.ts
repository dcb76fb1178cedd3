import { expect } from 'chai';
import { createLogger } from '../shared/logger.ts';
import type { ClaimStore } from '../topology/claims.ts';
import type { IntakeService } from './service.ts';
import { IntakeTimers } from './timers.ts';

/** Issue 15: the intake sweep's timer swallowed every error, so a sweep that always failed was never seen. */
describe('intake sweep timer', () => {
  it('logs a sweep that fails and sweeps again at the next tick (claim store test double that fails)', async () => {
    let attempts = 0;
    const failingClaims = {
      async runClaimed() {
        attempts++;
        throw new Error('database unreachable');
      },
    } as unknown as ClaimStore;
    const lines: Array<{ level: number; msg: string; sweep?: string; err?: { message: string } }> = [];
    const logger = createLogger('info', { write: (line: string) => { lines.push(JSON.parse(line)); } });
    // The sweep never reaches the intake service: the claim is asked first.
    const timers = new IntakeTimers(undefined as unknown as IntakeService, { claims: failingClaims, logger });
    timers.start(5);
    const until = Date.now() + 5_000;
    while (attempts < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    timers.stop();
    expect(attempts, 'sweeps attempted').to.be.at.least(2);
    const logged = lines.filter((l) => l.sweep === 'intake');
    expect(logged.length, 'failed sweeps logged').to.be.at.least(1);
    expect(logged[0]).to.include({ level: 50, msg: 'intake sweep failed; the next tick retries' });
    expect(logged[0].err?.message).to.equal('database unreachable');
  });
});
