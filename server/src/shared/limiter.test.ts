import { expect } from 'chai';
import { FailureLimiter } from './limiter.ts';

describe('failure limiter', () => {
  it('locks a key after max failures in the window and frees it when the oldest leaves the window', () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) { expect(limiter.retryAfterMs('a')).to.equal(0); limiter.fail('a'); now += 100; }
    expect(limiter.retryAfterMs('a')).to.equal(700);
    expect(limiter.retryAfterMs('b')).to.equal(0);
    now = 1001;
    expect(limiter.retryAfterMs('a')).to.equal(0);
  });
});
