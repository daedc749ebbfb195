import { isIP } from 'node:net';

/**
 * One spelling per address, so filters and joins match across sources:
 * "[2a01:110::1]:36185" → "2a01:110::1", "104.28.196.199:17145" → "104.28.196.199",
 * "::ffff:1.2.3.4" → "1.2.3.4", IPv6 compressed and lower-case. Not an address → null.
 */
export function normalizeIp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Logs repeat the same few thousand addresses; the IPv6 path (URL parser) costs microseconds.
  let normalized = recent.get(value);
  if (normalized === undefined) {
    normalized = normalizeUncached(value);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(value, normalized);
  }
  return normalized;
}

const RECENT_LIMIT = 20_000;
const recent = new Map<string, string | null>();

function normalizeUncached(value: string): string | null {
  let text = value.trim();
  if (text === '') return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const zone = text.indexOf('%');
  if (zone > 0) text = text.slice(0, zone);
  const version = isIP(text);
  if (version === 4) return text.split('.').map((part) => String(Number(part))).join('.');
  if (version !== 6) return null;
  // The WHATWG URL parser gives the canonical (RFC 5952) IPv6 text.
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return canonical;
}
