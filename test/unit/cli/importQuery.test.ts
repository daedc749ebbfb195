import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program.ts';
import { FIXTURES } from '../store/testStore.ts';

// The commands run in-process through the real CLI frame and the real OS keyring (CI starts one),
// under a vault service name of their own.
async function warden(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk: Buffer, _e, done) => (append(chunk.toString()), done()) });
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCli(args, {
    streams: { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin: input },
    env: { ...process.env, WARDEN_VAULT_SERVICE: `warden-test-${process.pid}` },
    version: '0.0.0-test',
  });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return { code, stdout, stderr, json: () => JSON.parse(last) as Record<string, any> };
}

describe('warden import, query, verify and case', () => {
  it('imports fixtures, finds their records, verifies, and round-trips a case file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-cli-store-'));
    const files = ['otrf-m365-atomic/o365spray_default.json', 'sentinel-training-lab/office_activity_inbox_rule.csv', 'sentinel-training-lab/sign-in_adelete.csv'].map((f) => path.join(FIXTURES, f));
    const imported = await warden(['--data-dir', dir, '--json', 'import', ...files]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json().totals).toEqual({ read: 67, inserted: 67, duplicates: 0, rejected: 0 });
    const again = await warden(['--data-dir', dir, '--json', 'import', ...files]);
    expect(again.json().totals).toMatchObject({ inserted: 0, duplicates: 67 });

    const rules = await warden(['--data-dir', dir, '--json', 'query', 'audit', '--operation', 'New-InboxRule']);
    expect(rules.code).toBe(0);
    expect(rules.json().records.map((r: any) => [r.user, r.time, r.ip])).toEqual([
      ['adelev@contoso.onmicrosoft.com', '2021-04-26T07:17:10.000Z', '2a01:110:8068:7:9bf8:aa87:e00a:5f1f'],
      ['adelev@contoso.onmicrosoft.com', '2021-04-26T06:37:32.000Z', '2a01:110:8068:7:9bf8:aa87:e00a:5f1f'],
    ]);
    const signins = await warden(['--data-dir', dir, '--json', 'query', 'signins', '--user', 'AdeleV@M365x816222.onmicrosoft.com', '--from', '2021-04-28T14:00:00Z', '--to', '2021-04-28T14:09:00Z', '--limit', '5']);
    expect(signins.json().records.every((r: any) => r.user === 'adelev@m365x816222.onmicrosoft.com' && r.time >= '2021-04-28T14:00:00' && r.time < '2021-04-28T14:09:00')).toBe(true);
    expect(signins.json().records.length).toBeGreaterThan(0);
    const text = await warden(['--data-dir', dir, '--json', 'query', 'audit', '--text', 'covid']);
    expect(text.json().records.map((r: any) => r.sourceId)).toEqual(['d2d1b1e1-4327-4c24-b9eb-08d9087c624c']);

    const verified = await warden(['--data-dir', dir, '--json', 'verify']);
    expect(verified.json()).toMatchObject({ ok: true, batches: 6, records: 67 });

    const caseFile = path.join(dir, 'evidence.wcase');
    const exported = await warden(['--data-dir', dir, '--json', 'case', 'export', caseFile, '--passphrase-stdin'], 'correct horse battery staple\n');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json().manifest.records).toMatchObject({ total: 67, audit: 11, signin: 56 });
    const bytes = readFileSync(caseFile);
    expect(bytes.includes(Buffer.from('adelev@'))).toBe(false);
    const opened = await warden(['--json', 'case', 'open', caseFile], 'correct horse battery staple\n');
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.json()).toMatchObject({ countsMatch: true, chain: { ok: true, records: 67 } });
    const wrong = await warden(['--json', 'case', 'open', caseFile], 'not the passphrase\n');
    expect(wrong.code).toBe(1);
    expect(wrong.json().error.message).toMatch(/wrong passphrase/);
  }, 60_000);

  it('reports a garbled file with its line and exit code 4, importing the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-cli-store-'));
    const bad = path.join(dir, 'bad.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, '{"CreationTime":"2023-07-23T06:46:28","Operation":"X","Id":"1"}\n{"CreationTime": \n');
    const run = await warden(['--data-dir', dir, '--json', 'import', bad, path.join(FIXTURES, 'otrf-m365-atomic/enable_pop_imap_owa.json')]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/bad\.json:2: not valid JSON/);
    // The result still ends stdout: what was imported, and what was not.
    expect(run.json()).toMatchObject({ totals: { inserted: 1 }, failed: [{ file: bad }] });
    const skipped = await warden(['--data-dir', dir, '--json', 'import', '--skip-bad', bad]);
    expect(skipped.code).toBe(4);
    expect(skipped.json().totals).toMatchObject({ inserted: 1, rejected: 1 });
    expect(readFileSync(`${bad}.rejects.jsonl`, 'utf8')).toMatch(/"line":2/);
  }, 60_000);
});
