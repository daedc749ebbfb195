// `npm run bench:emulator`: how fast the emulator serves what benchmarks of the app will pull from it.
//  1. the ready line for 10,000 users and 30 days (target < 5 s);
//  2. the Management Activity API: a real HTTPS client (msal-node token, undici) lists the content of the last
//     7 days in 24-hour windows, follows NextPageUri, and fetches every blob until 1,000,000 audit records have
//     arrived (target >= 50,000 records/s). It counts each blob's records by the bytes each begins with and JSON.parses one
//     blob in 16 (see countRecords for why); a shorter run that parses every blob is printed for comparison.
// The emulator runs as its own process (the CLI, which generates history hours on a worker thread), as it does next
// to the app, so client and server each get a core.
// Options: --users N (default 12500: a little over 1,000,000 records in the last 7 days) --days N (default 8) --records N (default 1000000) --concurrency N (default 6)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { fetch, request, type Dispatcher } from 'undici';
import type { EmulatorInfo } from '../emulator/index.ts';
import type { ProcessStats } from '../emulator/server/processStats.ts';
import { msalNetworkClient, trustingDispatcher } from '../test/contract/support/clients.ts';
import { formatTable, type BenchRow } from './store.ts';

const CLI = path.resolve(import.meta.dirname, '../emulator/cli.ts');
const DAY_MS = 86_400_000;
/** One blob in this many is also JSON.parse-d, its record count checked against the counter's. */
const PARSE_EVERY = 16;
/** Records pulled by the comparison run that parses every blob. */
const PARSING_RECORDS = 250_000;


interface Started {
  child: ChildProcess;
  info: EmulatorInfo;
  readyMs: number;
}

function startEmulatorProcess(args: string[]): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve({ child, info: JSON.parse(stdout.slice(0, newline)) as EmulatorInfo, readyMs: performance.now() - started });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}) before its ready line`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function manageToken(info: EmulatorInfo, dispatcher: Dispatcher): Promise<string> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: info.app.clientId,
      authority: info.authority,
      knownAuthorities: [new URL(info.authority).host],
      clientCertificate: { thumbprintSha256: info.app.thumbprintSha256, privateKey: readFileSync(info.app.keyPem, 'utf8') },
    },
    system: { networkClient: msalNetworkClient(dispatcher) },
  });
  const result = await app.acquireTokenByClientCredential({ scopes: ['https://manage.office.com/.default'] });
  if (!result) throw new Error('no Management API token');
  return result.accessToken;
}

/**
 * The emulator process's CPU time and GC pauses so far (`/_emulator/process`). Other engineers' work loads this
 * machine, so wall-clock rates alone say little; CPU time per record hardly depends on the load.
 */
async function emulatorProcess(info: EmulatorInfo, dispatcher: Dispatcher): Promise<{ cpuSeconds: number; systemSeconds: number; gcSeconds: number; majorGcs: number }> {
  const stats = (await fetch(`${info.admin}/process`, { dispatcher }).then((r) => r.json())) as ProcessStats;
  const gcMs = Object.values(stats.gc).reduce((sum, g) => sum + g.ms, 0);
  return {
    cpuSeconds: (stats.cpuUserMicros + stats.cpuSystemMicros) / 1e6,
    systemSeconds: stats.cpuSystemMicros / 1e6,
    gcSeconds: gcMs / 1000,
    majorGcs: stats.gc.major.count,
  };
}

function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface FeedRun {
  records: number;
  blobs: number;
  bytes: number;
  listCalls: number;
  /** Blobs also JSON.parse-d (their count checked). */
  parsedBlobs: number;
  seconds: number;
}

/**
 * Every Management Activity record begins with these bytes: CreationTime is the first property of the common
 * schema, and the emulator writes it first, as the API does.
 */
const RECORD_START = Buffer.from('{"CreationTime":"');

/**
 * The records in a blob's body, found by the bytes each one begins with.
 *
 * Why not JSON.parse: this bench measures how fast the emulator serves, and its client shares the machine's two
 * cores with it. Decoding and parsing every blob, and collecting what the parse leaves, cost the client ~12 µs per
 * record: a third of all the CPU a served record took, so the throughput measured the parser as much as the emulator.
 * This search costs well under 1 µs. One blob in PARSE_EVERY is parsed as well, and a count that disagrees fails
 * the bench; a run that parses every blob is printed for comparison.
 */
function countRecords(body: Buffer, uri: string): number {
  if (body[0] !== 0x5b || body[body.length - 1] !== 0x5d) throw new Error(`blob ${uri} is not a JSON array (${body.length} bytes)`);
  let records = 0;
  for (let at = body.indexOf(RECORD_START); at !== -1; at = body.indexOf(RECORD_START, at + RECORD_START.length)) records += 1;
  return records;
}

/** Lists and fetches content, newest windows last, with `concurrency` blob downloads in flight; parses 1 blob in `parseEvery`. */
async function pullFeed(info: EmulatorInfo, dispatcher: Dispatcher, token: string, target: number, concurrency: number, parseEvery: number): Promise<FeedRun> {
  const root = `${info.manage}/api/v1.0/${info.tenantId}/activity/feed`;
  const headers = { Authorization: `Bearer ${token}` };
  const types = ['Audit.Exchange', 'Audit.AzureActiveDirectory'];
  for (const type of types)
    await fetch(`${root}/subscriptions/start?contentType=${type}`, { method: 'POST', headers, dispatcher }).then((r) => r.arrayBuffer());
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const now = Date.now();
  const queue: string[] = [];
  let listing = true;
  let records = 0;
  let blobs = 0;
  let bytes = 0;
  let listCalls = 0;
  let parsedBlobs = 0;
  const started = performance.now();
  const lister = (async () => {
    outer: for (let day = 7; day >= 1; day--) {
      for (const type of types) {
        let next: string | null =
          `${root}/subscriptions/content?contentType=${type}&startTime=${stamp(now - day * DAY_MS + 60_000)}&endTime=${stamp(now - (day - 1) * DAY_MS)}`;
        while (next) {
          const response = await fetch(next, { headers, dispatcher });
          listCalls += 1;
          if (response.status !== 200) throw new Error(`content list answered ${response.status}: ${await response.text()}`);
          for (const entry of (await response.json()) as Array<{ contentUri: string }>) queue.push(entry.contentUri);
          next = response.headers.get('nextpageuri');
          if (records >= target) break outer;
          while (queue.length > concurrency * 4 && records < target) await new Promise((r) => setTimeout(r, 2));
        }
      }
    }
    listing = false;
  })();
  const worker = async () => {
    while (records < target) {
      const uri = queue.shift();
      if (!uri) {
        if (!listing) return;
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      // undici's request(), not fetch(): the same HTTPS client without WHATWG streams, which cost the client ~5 µs
      // per record here (the client shares this machine with the emulator, so its cost counts too).
      const response = await request(uri, { headers, dispatcher });
      if (response.statusCode !== 200) throw new Error(`blob answered ${response.statusCode}: ${(await response.body.text()).slice(0, 200)}`);
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const count = countRecords(body, uri);
      // One blob in `parseEvery` is also parsed, and must hold exactly the records counted.
      if (blobs % parseEvery === 0) {
        const parsed = JSON.parse(body.toString('utf8')) as unknown;
        if (!Array.isArray(parsed) || parsed.length !== count) {
          throw new Error(`blob ${uri}: JSON.parse found ${Array.isArray(parsed) ? parsed.length : 'no array'}, the count ${count}`);
        }
        parsedBlobs += 1;
      }
      // The size the server declared (undici checks the body against it): no second pass over the bytes to count.
      bytes += Number(response.headers['content-length']);
      records += count;
      blobs += 1;
    }
  };
  await Promise.all([lister, ...Array.from({ length: concurrency }, worker)]);
  return { records, blobs, bytes, listCalls, parsedBlobs, seconds: (performance.now() - started) / 1000 };
}

export async function runEmulatorBench(options: { users?: number; days?: number; records?: number; concurrency?: number } = {}): Promise<BenchRow[]> {
  const users = options.users ?? 12_500;
  const days = options.days ?? 8;
  const target = options.records ?? 1_000_000;
  const concurrency = options.concurrency ?? 6;
  const dataDir = path.join(tmpdir(), 'warden-emulator-bench');
  const rows: BenchRow[] = [];

  const ready = await startEmulatorProcess(['--port', '0', '--users', '10000', '--days', '30', '--data-dir', dataDir, '--log-level', 'warn']);
  await stop(ready.child);
  rows.push({ name: 'ready line, 10,000 users x 30 days', value: `${(ready.readyMs / 1000).toFixed(2)} s`, target: '< 5 s', ok: ready.readyMs < 5000 });

  const feed = await startEmulatorProcess([
    '--port',
    '0',
    '--users',
    String(users),
    '--days',
    String(days),
    '--scenarios',
    'none',
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
  ]);
  const dispatcher = trustingDispatcher(feed.info.caCert);
  try {
    // The emulator's own throughput is measured here, not Microsoft's 2,000 requests/minute tenant budget.
    await fetch(`${feed.info.admin}/throttling`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ manage: null }),
      dispatcher,
    }).then((r) => r.arrayBuffer());
    const token = await manageToken(feed.info, dispatcher);
    const server0 = await emulatorProcess(feed.info, dispatcher);
    const clientCpu0 = ownCpuSeconds();
    const run = await pullFeed(feed.info, dispatcher, token, target, concurrency, PARSE_EVERY);
    const clientCpu = ownCpuSeconds() - clientCpu0;
    const server1 = await emulatorProcess(feed.info, dispatcher);
    const serverCpu = server1.cpuSeconds - server0.cpuSeconds;
    const serverGc = server1.gcSeconds - server0.gcSeconds;
    const serverSystem = server1.systemSeconds - server0.systemSeconds;
    const serverMajorGcs = server1.majorGcs - server0.majorGcs;
    const rate = run.records / run.seconds;
    const serverUs = (serverCpu * 1e6) / run.records;
    const clientUs = (clientCpu * 1e6) / run.records;
    // With a core each (an idle 2-core machine), the slower of the two sides sets the pace.
    const idleRate = 1e6 / Math.max(serverUs, clientUs);
    rows.push({ name: `tenant for the feed`, value: `${users} users, ${days} days` });
    rows.push({
      name: 'audit records pulled',
      value: `${run.records.toLocaleString('en-US')} in ${run.blobs} blobs (${(run.bytes / 1e6).toFixed(0)} MB), ${run.listCalls} list calls; ${run.parsedBlobs} blobs also parsed, counts agree`,
    });
    rows.push({ name: 'elapsed', value: `${run.seconds.toFixed(1)} s` });
    rows.push({
      name: 'feed throughput',
      value: `${Math.round(rate).toLocaleString('en-US')} records/s (${(run.bytes / 1e6 / run.seconds).toFixed(0)} MB/s)`,
      target: '>= 50,000 records/s',
      ok: rate >= 50_000 && run.records >= target,
    });
    rows.push({
      name: 'emulator CPU per record',
      value: `${serverUs.toFixed(2)} µs (${serverCpu.toFixed(1)} s CPU, ${serverSystem.toFixed(1)} s of it in the kernel): ${Math.round(1e6 / serverUs).toLocaleString('en-US')} records/s per core`,
    });
    rows.push({
      name: 'emulator GC pauses',
      value: `${serverGc.toFixed(1)} s (wall-clock pauses, ${((100 * serverGc) / run.seconds).toFixed(0)}% of the elapsed time; ${serverMajorGcs} mark-compacts)`,
    });
    rows.push({ name: 'client CPU per record', value: `${clientUs.toFixed(2)} µs (${clientCpu.toFixed(1)} s CPU; HTTPS, counting records, JSON.parse of 1 blob in ${PARSE_EVERY})` });
    rows.push({
      name: 'idle-machine estimate',
      value: `${Math.round(idleRate).toLocaleString('en-US')} records/s (a core each; the slower side sets the pace)`,
    });
    // For comparison (no target): a client that also decodes and parses every blob, as a collector does, over the
    // first records of the same week. Its parsing then competes with the emulator for the two cores.
    const parsing = await pullFeed(feed.info, dispatcher, token, PARSING_RECORDS, concurrency, 1);
    rows.push({
      name: 'with JSON.parse of every blob',
      value: `${Math.round(parsing.records / parsing.seconds).toLocaleString('en-US')} records/s over ${parsing.records.toLocaleString('en-US')} records (for comparison: the client's parsing shares the cores)`,
    });
  } finally {
    await dispatcher.close();
    await stop(feed.child);
  }
  return rows;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { users: { type: 'string' }, days: { type: 'string' }, records: { type: 'string' }, concurrency: { type: 'string' } },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const rows = await runEmulatorBench({ users: num(values.users), days: num(values.days), records: num(values.records), concurrency: num(values.concurrency) });
  process.stdout.write(`${formatTable('emulator', rows)}\n`);
}
