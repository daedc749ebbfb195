// `npm run emulator` (emulator/cli.ts): one JSON ready line on stdout within 5 s for 10,000 users and 30 days,
// logs on stderr, a clean stop on SIGTERM; bad flags fail with a message that names them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatorInfo } from '../../emulator/index.ts';
import { request, TEST_DATA_DIR, trustingDispatcher } from './support/clients.ts';

const CLI = path.resolve(import.meta.dirname, '../../emulator/cli.ts');

interface Run {
  readyAfterMs: number;
  info: EmulatorInfo;
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startCli(args: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const before = stdout;
      stdout += chunk.toString('utf8');
      if (!before.includes('\n') && stdout.includes('\n')) {
        const readyAfterMs = performance.now() - started;
        resolve({
          readyAfterMs,
          info: JSON.parse(stdout.split('\n')[0] ?? '') as EmulatorInfo,
          stop: async () => {
            child.kill('SIGTERM');
            return { code: await exited, stdout, stderr };
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`emulator exited with ${code} before its ready line: ${stderr}`)));
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('emulator CLI', () => {
  it('prints exactly one JSON ready line within 5 s for 10,000 users and 30 days, and stops on SIGTERM', async () => {
    const run = await startCli(['--port', '0', '--users', '10000', '--days', '30', '--data-dir', TEST_DATA_DIR, '--log-level', 'info']);
    const { info } = run;
    try {
      expect(run.readyAfterMs).toBeLessThan(5000);
      expect(info.ready).toBe(true);
      const origin = new URL(info.authority).origin;
      expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(info.authority).toBe(`${origin}/${info.tenantId}`);
      expect([info.graph, info.exo, info.manage]).toEqual([`${origin}/graph`, `${origin}/exo`, `${origin}/manage`]);
      for (const file of [info.caCert, info.app.certPem, info.app.keyPem, info.labels]) {
        expect(path.isAbsolute(file)).toBe(true);
        expect(existsSync(file)).toBe(true);
      }
      expect(info.users).toHaveLength(5);
      for (const user of info.users)
        expect(user).toEqual({ upn: expect.stringContaining('@'), password: expect.any(String), totpSecret: expect.any(String), roles: expect.any(Array) });
      expect(info.users[0]!.roles).toContain('Global Administrator');
      expect(info.users[0]!.totpSecret).toMatch(/^[A-Z2-7]{16,}$/);

      const dispatcher = trustingDispatcher(info.caCert);
      const discovery = await request(dispatcher, `${info.authority}/v2.0/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect((discovery.body as { issuer: string }).issuer).toBe(`${info.authority}/v2.0`);
      await dispatcher.close();
    } finally {
      const stopped = await run.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.stdout.trim().split('\n')).toHaveLength(1);
      const logLines = stopped.stderr
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { message: string });
      expect(logLines.map((l) => l.message)).toContain('emulator listening');
      expect(stopped.stderr).not.toContain(info.users[0]!.password);
    }
  }, 30_000);

  it('refuses bad flags with a message that names the problem', async () => {
    const faults = await runToExit(['--faults', '429=2', '--data-dir', TEST_DATA_DIR]);
    expect(faults.code).not.toBe(0);
    expect(faults.stderr).toContain('--faults item 1 ("429=2"): rate must be a number from 0 to 1');
    const scenarios = await runToExit(['--scenarios', 'password-spray,tea-party', '--data-dir', TEST_DATA_DIR]);
    expect(scenarios.code).not.toBe(0);
    expect(scenarios.stderr).toContain("'tea-party'");
    const users = await runToExit(['--users', 'many']);
    expect(users.code).not.toBe(0);
    expect(users.stderr).toContain('--users must be a whole number');
  }, 30_000);
});
