/** Fills a rule's explanation template: {name} becomes the fact's value (lists joined with ", "). */
export function renderExplanation(template: string, facts: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in facts)) throw new Error(`explanation template needs the fact '${name}'`);
    return formatFact(facts[name]);
  });
}

export function formatFact(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (Array.isArray(value)) return value.map(formatFact).join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(0);
  return String(value);
}

/** 2023-07-23 12:13:33 UTC */
export function utc(ms: number | null): string {
  if (ms === null) return '(no time recorded)';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "3 accounts" / "1 account". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** At most `max` items, then "and N more". */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function minutesBetween(a: number, b: number): string {
  const m = Math.round(Math.abs(b - a) / 60_000);
  return m < 120 ? plural(m, 'minute') : plural(Math.round(m / 60), 'hour');
}

/** "once", "twice", "5 times". */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
