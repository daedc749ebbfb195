// Acceptance 4 of issue 7 end to end: `warden posture` against the emulator, signed in as the automation app.
// The inventories and the audit collection run through the CLI; SMTP AUTH is off and external forwarding is
// blocked, so their checks pass; the settings are then changed through the Exchange admin API, the changes' audit
// records are ingested and collected, and the checks fail showing those records (id, operation and actor).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.ts';
import type { PostureReport } from '../../../shared/model/posture.ts';
import { appSession } from '../changes/appSession.ts';
import { runWarden } from '../support/runWarden.ts';

const vaultService = `Warden posture test ${randomUUID()}`;
const env = { WARDEN_VAULT_SERVICE: vaultService };
let emulator: RunningEmulator;
let dataDir: string;

const warden = (args: string[]) => runWarden(['--data-dir', dataDir, ...args], { env, timeoutMs: 180_000 });

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 'posture-cli',
    users: 30,
    days: 1,
    scenarios: 'none',
    ingestionDelaySeconds: 1,
    dataDir: mkdtempSync(path.join(tmpdir(), 'warden-emu-')),
    logLevel: 'warn',
  } as Parameters<typeof startEmulator>[0]);
  dataDir = mkdtempSync(path.join(tmpdir(), 'warden-posture-'));
  expect((await runWarden(['--data-dir', dataDir, 'tenant', 'add', 'emu', '--emulator', JSON.stringify(emulator.info)], { env })).code).toBe(0);
  const pem = path.join(dataDir, 'automation.pem');
  writeFileSync(pem, readFileSync(emulator.info.app.certPem, 'utf8') + readFileSync(emulator.info.app.keyPem, 'utf8'));
  const login = await runWarden(['--data-dir', dataDir, 'login', '--app', '--cert', pem, '--client-id', emulator.info.app.clientId], { env });
  expect(login.code, login.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  for (const c of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, c.account);
});

/** Everything the posture checks read, collected again through the CLI. */
async function collectEverything(): Promise<void> {
  for (const args of [['inventory', 'mailboxes'], ['inventory', 'roles'], ['inventory', 'audit-config']]) {
    const run = await warden(['--json', ...args, '--app']);
    expect([0, 4], `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
  }
  const posture = await warden(['--json', 'posture', 'collect', '--app']);
  expect(posture.code, posture.stderr).toBe(0);
  const result = posture.json<{ status: string; missing: Array<{ what: string }>; summary: { registrations: number } }>();
  expect(result.missing).toEqual([]);
  expect(result.summary.registrations).toBe(emulator.tenant.state.userRegistrationDetails.length);
  const audit = await warden(['--json', 'collect', 'audit', '--from', '2h', '--app']);
  expect([0, 4], audit.stderr).toContain(audit.code);
}

async function posture(): Promise<{ code: number | null; report: PostureReport }> {
  const run = await warden(['--json', 'posture']);
  const report = run.json<PostureReport>();
  // Exit code 5 exactly when a check failed; unknowns never change it.
  expect(run.code, run.stderr).toBe(report.failed > 0 ? 5 : 0);
  return { code: run.code, report };
}

describe('warden posture against the emulator', () => {
  it('passes SMTP AUTH and external forwarding while blocked, and fails each with its audit record once allowed', async () => {
    await collectEverything();
    const before = (await posture()).report;
    const smtp = before.checks.find((c) => c.id === 'smtp-auth-organization')!;
    expect(smtp).toMatchObject({ status: 'pass', scubaGear: 'MS.EXO.5.1v1' });
    expect(smtp.evidence).toEqual([]);
    // The default outbound spam policy's system-controlled mode blocks automatic external forwarding.
    expect(before.checks.find((c) => c.id === 'external-forwarding-blocked')).toMatchObject({
      status: 'pass',
      why: expect.stringMatching(/^Every outbound spam filter policy \(1\) blocks automatic external forwarding/),
    });
    expect(before.checks.find((c) => c.id === 'unified-audit-log')!.status).toBe('pass');

    const session = await appSession(emulator);
    const changedAt = Date.now();
    try {
      await session.exchange.run({ name: 'Set-TransportConfig', parameters: { SmtpClientAuthenticationDisabled: false } });
      await session.exchange.run({ name: 'Set-HostedOutboundSpamFilterPolicy', parameters: { Identity: 'Default', AutoForwardingMode: 'On' } });
    } finally {
      await session.close();
    }
    // The record is ingested after 1 s and published in the activity feed's blob of that minute, which
    // is listed once the minute is over: wait for it, as a collector would.
    const published = (Math.floor((changedAt + 1000) / 60_000) + 1) * 60_000 + 2000;
    await new Promise((r) => setTimeout(r, Math.max(0, published - Date.now())));
    await collectEverything();

    const after = (await posture()).report;
    const failed = after.checks.find((c) => c.id === 'smtp-auth-organization')!;
    expect(failed).toMatchObject({ status: 'fail', fix: 'Set-TransportConfig -SmtpClientAuthenticationDisabled $true' });
    expect(failed.evidenceTotal).toBe(1);
    const [record] = failed.evidence;
    expect(record).toMatchObject({ operation: 'Set-TransportConfig', detail: expect.stringMatching(/SmtpClientAuthenticationDisabled=False/), sourceId: expect.stringMatching(/^[0-9a-f-]{36}$/i) });
    expect(record!.actor).toBeTruthy();
    expect(Date.parse(record!.time!)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(after.score!).toBeLessThan(before.score!);

    // Forwarding allowed by the policy and by the Default remote domain: a failure, shown with the change.
    const forwarding = after.checks.find((c) => c.id === 'external-forwarding-blocked')!;
    expect(forwarding).toMatchObject({ status: 'fail', why: expect.stringMatching(/Default \(AutoForwardingMode On\).*Default \(\*\)/) });
    expect(forwarding.evidence).toHaveLength(1);
    expect(forwarding.evidence[0]).toMatchObject({ operation: 'Set-HostedOutboundSpamFilterPolicy', detail: expect.stringMatching(/AutoForwardingMode=On/) });

    // The human table names the failing check, its fix and the record.
    const table = await warden(['posture']);
    expect(table.code).toBe(5);
    expect(table.stdout).toMatch(/FAIL {2}smtp-auth-organization/);
    expect(table.stdout).toContain(`record ${record!.recordId} (${record!.sourceId})`);
  }, 600_000);
});
