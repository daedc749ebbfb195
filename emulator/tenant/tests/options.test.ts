// Bad options are refused with an error that names the option and the problem.

import { describe, expect, it } from 'vitest';
import { generateTenant, parseScenarioList } from '../index.ts';
import { SCENARIO_NAMES, type TenantOptions } from '../model.ts';
import { END } from './support.ts';

const ok: TenantOptions = { seed: 's', users: 5, days: 1, end: END, scenarios: [] };

describe('options', () => {
  it.each([
    [{ users: 0 }, /users must be an integer from 1 to 100000/],
    [{ users: 100_001 }, /users/],
    [{ users: 2.5 }, /users/],
    [{ days: 0 }, /days must be an integer from 1 to 180/],
    [{ days: 181 }, /days/],
    [{ end: new Date(Date.UTC(2025, 0, 1, 10, 30)) }, /end must be a valid Date on a whole UTC hour/],
    [{ end: new Date(Number.NaN) }, /end/],
    [{ scenarios: ['password-spray', 'no-such-thing'] as never }, /unknown names: no-such-thing/],
  ])('refuses %o', (bad, message) => {
    expect(() => generateTenant({ ...ok, ...bad })).toThrow(message);
  });

  it('parses the --scenarios flag', () => {
    expect(parseScenarioList('all')).toEqual([...SCENARIO_NAMES]);
    expect(parseScenarioList('none')).toEqual([]);
    expect(parseScenarioList(' brute-force , consent-grant,brute-force ')).toEqual(['brute-force', 'consent-grant']);
    expect(() => parseScenarioList('brute-force,bogus')).toThrow(/unknown scenario 'bogus'; known: all, none, password-spray/);
  });

  it('works for the smallest tenant with every scenario', () => {
    const t = generateTenant({ ...ok, users: 1, days: 1, scenarios: parseScenarioList('all') });
    expect(t.labels.length).toBeGreaterThanOrEqual(SCENARIO_NAMES.length);
    expect(t.users[2]!.kind).toBe('member');
    expect(t.activity.hourCount).toBe(24);
  });
});
