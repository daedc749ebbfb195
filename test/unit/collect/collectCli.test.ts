import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../../main/cli/commands/collect.ts';

const NOW = Date.UTC(2026, 5, 20, 10, 37, 12);

describe('warden collect --from/--to', () => {
  it('reads ISO times (UTC unless they carry an offset) and spans back from now, counted from the current hour', () => {
    expect(parseWhen('2026-06-01', '--from', NOW)).toBe(Date.UTC(2026, 5, 1));
    expect(parseWhen('2026-06-01T12:00:00+02:00', '--from', NOW)).toBe(Date.UTC(2026, 5, 1, 10));
    expect(parseWhen('7d', '--from', NOW)).toBe(Date.UTC(2026, 5, 13, 10));
    expect(parseWhen('12h', '--from', NOW)).toBe(Date.UTC(2026, 5, 19, 22));
    expect(parseWhen('30m', '--from', NOW)).toBe(Date.UTC(2026, 5, 20, 10, 7));
    // The same command a little later names the same range (and so resumes the same job).
    expect(parseWhen('7d', '--from', NOW + 15 * 60_000)).toBe(parseWhen('7d', '--from', NOW));
    expect(parseWhen(undefined, '--from', NOW)).toBeNull();
  });

  it('names a time it cannot read', () => {
    expect(() => parseWhen('last tuesday', '--to', NOW)).toThrow(/--to last tuesday: expected a time such as 2026-06-01/);
  });
});
