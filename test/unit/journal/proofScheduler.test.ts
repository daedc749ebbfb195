// The background audit-proof check: soon after a change, then less often while changes still wait for
// their record, and never again once stopped (the app is closing).
import { describe, expect, it } from 'vitest';
import { ProofScheduler } from '../../../main/core/journal/proofScheduler.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('proof scheduler', () => {
  it('checks after a change, keeps checking while changes wait, stops when none does', async () => {
    const calls: number[] = [];
    let waiting = 2;
    const scheduler = new ProofScheduler({
      delays: [10, 20],
      verify: async () => {
        calls.push(Date.now());
        waiting -= 1;
        return { waiting };
      },
      onError: () => {},
    });
    scheduler.kick('p1');
    await sleep(150);
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(15);
  });

  it('retries after a failed check, and does nothing once stopped', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new ProofScheduler({
      delays: [10],
      verify: async () => {
        calls += 1;
        throw new Error('audit log unreachable');
      },
      onError: (_profile, error) => errors.push(error),
    });
    scheduler.kick('p1');
    await sleep(45);
    scheduler.stop();
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(seen);
    scheduler.kick('p1');
    await sleep(40);
    expect(calls).toBe(seen);
  });
});
