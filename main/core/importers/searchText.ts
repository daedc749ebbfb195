/**
 * The text indexed for full-text search: the record's values, not its field names (which every
 * record shares and which would only bloat the index). Left out, because they cost most of the
 * index and are found another way: bare GUIDs (the review layer looks those up in the id columns),
 * ISO timestamps (time filters) and bare numbers.
 */
const MAX_TEXT = 32_768;
const GUID = /^[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[)}]?$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether a value starts like a number or a timestamp (the cheap test before the regexes). */
function startsNumeric(v: string): boolean {
  const c = v.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/**
 * Each distinct value once: the index keeps no positions (detail=none), so a value that occurs
 * twice in a record (a UPN as UserId and ObjectId, "none" in five risk fields) finds nothing more
 * the second time; leaving repeats out saves tokenizing them (sign-ins repeat about a third).
 */
export function searchText(value: unknown): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  let length = 0;
  const visit = (v: unknown, depth: number): void => {
    if (length > MAX_TEXT || depth > 12) return;
    if (typeof v === 'string') {
      if (v.length === 0 || seen.has(v)) return;
      if (v.length === 36 && GUID.test(v)) return;
      if (startsNumeric(v) && (TIMESTAMP.test(v) || NUMBER.test(v))) return;
      seen.add(v);
      parts.push(v);
      length += v.length + 1;
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const key in v) visit((v as Record<string, unknown>)[key], depth + 1);
    }
  };
  visit(value, 0);
  const text = parts.join(' ');
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

/** Whether a search term is a bare GUID, which the index leaves out. */
export function isGuid(text: string): boolean {
  return GUID.test(text.trim());
}
