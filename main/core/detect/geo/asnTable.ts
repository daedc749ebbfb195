import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ipv4ToNumber, ipv6ToBigInt, mappedIpv4 } from './ipNumbers.ts';

export interface AsnInfo {
  asn: number;
  org: string;
}

/** A loaded table as plain data (typed arrays and a map): what a worker thread is given instead of parsing the CSV again. */
export interface AsnTableData {
  v4Start: Uint32Array;
  v4End: Uint32Array;
  v4Asn: Uint32Array;
  v6Start: BigUint64Array;
  v6StartLo: BigUint64Array;
  v6End: BigUint64Array;
  v6EndLo: BigUint64Array;
  v6Asn: Uint32Array;
  orgs: Map<number, string>;
}

/**
 * IP → autonomous system, from @ip-location-db/asn (RouteViews + RIR + DB-IP data, CC BY 4.0),
 * shipped inside the npm package: nothing is downloaded at run time. The package ships only CSV
 * (no MMDB), so the ranges are loaded into sorted typed arrays and searched by bisection; no npm
 * reader loads this CSV into a lookup structure, and the format is three numbers and a name
 * (`start,end,asn,org`, the name possibly quoted), so a line split is exact.
 */
export class AsnTable {
  private readonly v4Start: Uint32Array;
  private readonly v4End: Uint32Array;
  private readonly v4Asn: Uint32Array;
  private readonly v6Start: BigUint64Array;
  private readonly v6StartLo: BigUint64Array;
  private readonly v6End: BigUint64Array;
  private readonly v6EndLo: BigUint64Array;
  private readonly v6Asn: Uint32Array;
  private readonly orgs: Map<number, string>;

  private constructor(data: AsnTableData) {
    this.v4Start = data.v4Start;
    this.v4End = data.v4End;
    this.v4Asn = data.v4Asn;
    this.v6Start = data.v6Start;
    this.v6StartLo = data.v6StartLo;
    this.v6End = data.v6End;
    this.v6EndLo = data.v6EndLo;
    this.v6Asn = data.v6Asn;
    this.orgs = data.orgs;
  }

  static load(): AsnTable {
    const require = createRequire(import.meta.url);
    const v4 = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'), 'utf8');
    const v6 = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'), 'utf8');
    return new AsnTable(parseTables(v4, v6));
  }

  /** A table from the data of one loaded elsewhere (see data()). */
  static fromData(data: AsnTableData): AsnTable {
    return new AsnTable(data);
  }

  data(): AsnTableData {
    const { v4Start, v4End, v4Asn, v6Start, v6StartLo, v6End, v6EndLo, v6Asn, orgs } = this;
    return { v4Start, v4End, v4Asn, v6Start, v6StartLo, v6End, v6EndLo, v6Asn, orgs };
  }

  lookup(ip: string): AsnInfo | null {
    const v4 = ipv4ToNumber(ip) ?? mappedIpv4(ip);
    if (v4 !== null) return this.find4(v4);
    const v6 = ipv6ToBigInt(ip);
    return v6 === null ? null : this.find6(v6);
  }

  private info(asn: number): AsnInfo {
    return { asn, org: this.orgs.get(asn) ?? '' };
  }

  private find4(n: number): AsnInfo | null {
    let lo = 0;
    let hi = this.v4Start.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.v4Start[mid]! <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && n <= this.v4End[hi]! ? this.info(this.v4Asn[hi]!) : null;
  }

  private find6(n: bigint): AsnInfo | null {
    const high = n >> 64n;
    const low = n & ((1n << 64n) - 1n);
    const le = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) => aHi < bHi || (aHi === bHi && aLo <= bLo);
    let lo = 0;
    let hi = this.v6Start.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (le(this.v6Start[mid]!, this.v6StartLo[mid]!, high, low)) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && le(high, low, this.v6End[hi]!, this.v6EndLo[hi]!) ? this.info(this.v6Asn[hi]!) : null;
  }
}

function parseTables(v4: string, v6: string): AsnTableData {
  const orgs = new Map<number, string>();
  const v4Lines = v4.split('\n').filter((l) => l !== '');
  const v4Start = new Uint32Array(v4Lines.length);
  const v4End = new Uint32Array(v4Lines.length);
  const v4Asn = new Uint32Array(v4Lines.length);
  v4Lines.forEach((line, i) => {
    const [start, end, asn, org] = splitLine(line);
    v4Start[i] = Number(start);
    v4End[i] = Number(end);
    v4Asn[i] = Number(asn);
    if (!orgs.has(Number(asn))) orgs.set(Number(asn), org);
  });
  const v6Lines = v6.split('\n').filter((l) => l !== '');
  const n = v6Lines.length;
  const v6Start = new BigUint64Array(n);
  const v6StartLo = new BigUint64Array(n);
  const v6End = new BigUint64Array(n);
  const v6EndLo = new BigUint64Array(n);
  const v6Asn = new Uint32Array(n);
  const mask = (1n << 64n) - 1n;
  v6Lines.forEach((line, i) => {
    const [start, end, asn, org] = splitLine(line);
    const s = BigInt(start);
    const e = BigInt(end);
    v6Start[i] = s >> 64n;
    v6StartLo[i] = s & mask;
    v6End[i] = e >> 64n;
    v6EndLo[i] = e & mask;
    v6Asn[i] = Number(asn);
    if (!orgs.has(Number(asn))) orgs.set(Number(asn), org);
  });
  return { v4Start, v4End, v4Asn, v6Start, v6StartLo, v6End, v6EndLo, v6Asn, orgs };
}

function splitLine(line: string): [string, string, string, string] {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  let org = line.slice(c + 1).trim();
  if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}
