export const FAULT_KINDS = ['429', '503', 'reset', 'truncate', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultRates = Partial<Record<FaultKind, number>>;

/**
 * Parses `--faults 429=0.05,503=0.02,reset=0.01`: a comma list of KIND=RATE, RATE a probability in [0, 1] per data
 * request. Throws an Error naming the offending item.
 */
export function parseFaultSpec(spec: string | undefined): FaultRates {
  const rates: FaultRates = {};
  if (!spec || !spec.trim()) return rates;
  for (const [index, raw] of spec.split(',').entries()) {
    const item = raw.trim();
    const where = `--faults item ${index + 1} ("${item}")`;
    const eq = item.indexOf('=');
    if (eq < 0) throw new Error(`${where}: expected KIND=RATE, e.g. 429=0.05`);
    const kind = item.slice(0, eq).trim();
    const rateText = item.slice(eq + 1).trim();
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`${where}: unknown kind "${kind}"; use one of ${FAULT_KINDS.join(', ')}`);
    const rate = Number(rateText);
    if (rateText === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`${where}: rate must be a number from 0 to 1, got "${rateText}"`);
    if (kind in rates) throw new Error(`${where}: kind "${kind}" given twice`);
    rates[kind as FaultKind] = rate;
  }
  return rates;
}
