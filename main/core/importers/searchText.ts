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

export function searchText(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (v: unknown, depth: number): void => {
    if (length > MAX_TEXT || depth > 12) return;
    if (typeof v === 'string') {
      if (v.length === 0 || (v.length === 36 && GUID.test(v)) || TIMESTAMP.test(v) || NUMBER.test(v)) return;
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
