import { describe, expect, it } from 'vitest';
import { tempStore } from '../testing/detectHarness.ts';
import { loadContext, saveContextValue } from './contextStore.ts';
import { parseWorkingHours } from './workingHoursText.ts';
import { withinWorkingHours } from './workingHoursClock.ts';

describe('detection context', () => {
  it('is stored per store, normalized, and refuses bad values naming them', () => {
    const store = tempStore();
    expect(loadContext(store).trustedNetworks).toEqual([]);
    saveContextValue(store, 'admins', ['Admin@Contoso.com', 'admin@contoso.com']);
    saveContextValue(store, 'trustedNetworks', ['203.0.113.0/28', '2001:db8::/32']);
    expect(loadContext(store)).toMatchObject({ admins: ['admin@contoso.com'], trustedNetworks: ['203.0.113.0/28', '2001:db8::/32'] });
    expect(() => saveContextValue(store, 'trustedNetworks', ['203.0.113.0/33'])).toThrow(/203\.0\.113\.0\/33: the prefix length must be a number from 0 to 32/);
    expect(() => saveContextValue(store, 'trustedNetworks', ['office'])).toThrow(/office: not an IP address or CIDR range/);
    expect(() => saveContextValue(store, 'workingHours', [{ timeZone: 'Mars/Olympus', start: 8, end: 18, days: [1] }])).toThrow(
      /Mars\/Olympus is not an IANA time zone/,
    );
    expect(loadContext(store).trustedNetworks).toEqual(['203.0.113.0/28', '2001:db8::/32']);
    store.close();
  });

  it('reads working hours per time zone, across daylight saving time', () => {
    const hours = parseWorkingHours('Europe/London 8-18 mon-fri');
    expect(hours).toEqual({ timeZone: 'Europe/London', start: 8, end: 18, days: [1, 2, 3, 4, 5] });
    expect(withinWorkingHours(Date.UTC(2026, 6, 1, 7, 30), [hours])).toBe(true); // 08:30 BST on a Wednesday
    expect(withinWorkingHours(Date.UTC(2026, 0, 7, 7, 30), [hours])).toBe(false); // 07:30 GMT
    expect(withinWorkingHours(Date.UTC(2026, 6, 4, 10, 0), [hours])).toBe(false); // Saturday
    expect(() => parseWorkingHours('London nine to five')).toThrow(/expected "TIME\/ZONE START-END \[DAYS\]"/);
  });
});
