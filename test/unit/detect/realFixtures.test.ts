import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/program.ts';
import { fixtureFiles, FIXTURES } from '../store/testStore.ts';

// The real CLI, in-process, on the real keyring (CI starts one), over every real public log export.
async function warden(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk: Buffer, _e, done) => (append(chunk.toString()), done()) });
  const input = new PassThrough();
  input.end('');
  const code = await runCli(args, {
    streams: { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin: input },
    env: { ...process.env, WARDEN_VAULT_SERVICE: `warden-test-detect-${process.pid}` },
    version: '0.0.0-test',
  });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return { code, stdout, stderr, json: () => JSON.parse(last) as Record<string, any> };
}

interface CliFinding {
  id: number;
  ruleId: string;
  severity: string;
  user: string | null;
  ip: string | null;
  triage: string;
  explanation: string;
  evidence: number[];
}

describe('detections over the real public log exports', () => {
  it('finds the attack activity in them, with evidence that exists and explanations that read true; triage and suppressions hold', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-detect-real-'));
    const base = ['--data-dir', dir, '--json'];
    const imported = await warden([...base, 'import', ...fixtureFiles().map((f) => path.join(FIXTURES, f))]);
    expect(imported.code, imported.stderr).toBe(0);
    const total = imported.json().totals.inserted as number;

    const run = await warden([...base, 'detect']);
    expect(run.code, run.stderr).toBe(0);
    const findings = run.json().findings as CliFinding[];
    // Every evidence id is a record of the store.
    const ids = new Set<number>();
    const all = await warden([...base, 'query', 'audit', '--limit', '100000']);
    const signins = await warden([...base, 'query', 'signins', '--limit', '100000']);
    const records = new Map<number, any>([...all.json().records, ...signins.json().records].map((r: any) => [r.id, r]));
    expect(records.size).toBe(total);
    for (const f of findings) for (const id of f.evidence) (ids.add(id), expect(records.has(id), `finding #${f.id} evidence ${id}`).toBe(true));

    const byRule = (rule: string) => findings.filter((f) => f.ruleId === rule);
    // o365spray with reporting: ten accounts failed from one Cloudflare WARP address, then Henrietta's password worked.
    const sprays = byRule('password-spray');
    expect(sprays.map((f) => [f.ip, f.severity]).sort()).toEqual([
      ['2a09:bac1:820:8::1a:9c', 'critical'],
      ['2a09:bac5:114:105::1a:9b', 'high'],
    ]);
    const spray = sprays.find((f) => f.severity === 'critical')!;
    const sprayRecords = spray.evidence.map((id) => records.get(id));
    expect(sprayRecords.every((r) => r.ip === '2a09:bac1:820:8::1a:9c')).toBe(true);
    expect(sprayRecords.filter((r) => r.operation === 'UserLoginFailed')).toHaveLength(10);
    expect(sprayRecords.filter((r) => r.operation === 'UserLoggedIn').map((r) => r.user)).toEqual(['henrietta@contoso.onmicrosoft.com']);
    expect(spray.explanation).toMatch(/^10 accounts failed .*henrietta@contoso\.onmicrosoft\.com signed in successfully from the same source/);

    // stinger's clean-up: audit off, bypass, 1-day age limit (the file says "zero"; the record says 1.00:00:00), MFA off.
    const one = (rule: string) => {
      const list = byRule(rule);
      expect(list, rule).toHaveLength(1);
      return { finding: list[0]!, records: list[0]!.evidence.map((id) => records.get(id)) };
    };
    expect(one('audit-log-disabled').records.map((r) => [r.operation, r.user, r.ip])).toEqual([
      ['Set-AdminAuditLogConfig', 'stinger@contoso.onmicrosoft.com', '104.28.196.199'],
    ]);
    expect(one('audit-log-age-limit-shortened').finding.explanation).toMatch(/alex@contoso\.onmicrosoft\.com to 1\.00:00:00 \(1 day\)/);
    expect(one('mailbox-audit-bypass').finding.user).toBe('alex@contoso.onmicrosoft.com');
    expect(
      one('mfa-weakened')
        .records.map((r) => r.operation)
        .sort(),
    ).toEqual(['Disable Strong Authentication.', 'Update user.']);
    expect(one('directory-role-added').finding.explanation).toMatch(
      /added alex@contoso\.onmicrosoft\.com to the directory role Global Administrator \(logged under its old name, Company Administrator\)/,
    );
    expect(one('pop-imap-enabled').finding.explanation).toMatch(/enabled POP and IMAP for lidia@contoso\.onmicrosoft\.com/);
    expect(one('mailbox-permission-granted').finding.explanation).toMatch(
      /granted Lidia@contoso\.onmicrosoft\.com FullAccess on henrietta@contoso\.onmicrosoft\.com's mailbox/,
    );
    expect(one('disabled-account-signin').records.every((r) => r.errorCode === 50057 && r.user === 'johns@m365x816222.onmicrosoft.com')).toBe(true);
    expect(one('risky-consent-granted').finding.explanation).toMatch(/Mail\.ReadWrite, for every user in the organization/);
    expect(
      byRule('suspicious-inbox-rule')
        .map((f) => f.explanation.match(/'(\w+)'/)?.[1])
        .sort(),
    ).toEqual(['my_rule1', 'rule2']);
    expect(byRule('app-credential-added').length).toBe(6);
    // The group-mailbox provisioning by NT AUTHORITY\SYSTEM is not a folder permission finding.
    expect(byRule('folder-permission-granted')).toEqual([]);

    // Acceptance 5: benign survives a re-run; a suppression removes exactly what it names, and can be undone.
    const target = byRule('mailbox-permission-granted')[0]!;
    expect(
      (await warden([...base, 'findings', 'triage', String(target.id), '--state', 'benign', '--note', 'Approved delegation, change ticket 4711'])).code,
    ).toBe(0);
    const rerun = await warden([...base, 'detect', '--full']);
    const again = (rerun.json().findings as CliFinding[]).find((f) => f.id === target.id)!;
    expect(again.triage).toBe('benign');
    expect((rerun.json().findings as CliFinding[]).length).toBe(findings.length);

    const before = (await warden([...base, 'findings', 'list'])).json().findings as CliFinding[];
    const added = await warden([...base, 'suppress', 'add', '--ip-range', '2a09:bac5::/32', '--reason', 'our WARP egress']);
    expect(added.code, added.stderr).toBe(0);
    const hidden = before
      .filter((f) => f.ip?.startsWith('2a09:bac5:'))
      .map((f) => f.id)
      .sort();
    expect(hidden.length).toBe(3);
    expect(added.json().hides).toBe(3);
    const during = (await warden([...base, 'findings', 'list'])).json().findings as CliFinding[];
    expect(during.map((f) => f.id).sort()).toEqual(
      before
        .filter((f) => !hidden.includes(f.id))
        .map((f) => f.id)
        .sort(),
    );
    expect((await warden([...base, 'suppress', 'remove', String(added.json().id)])).code).toBe(0);
    expect(((await warden([...base, 'findings', 'list'])).json().findings as CliFinding[]).length).toBe(before.length);

    // The report: self-contained HTML and JSON.
    const html = path.join(dir, 'report.html');
    expect((await warden([...base, 'report', '--format', 'html', '--out', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\/(?!creativecommons)/i);
    expect(page).toContain('Approved delegation, change ticket 4711');
    const json = path.join(dir, 'report.json');
    expect((await warden([...base, 'report', '--format', 'json', '--out', json])).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ format: 'warden-findings-report', counts: { total: findings.length } });
  }, 120_000);
});
