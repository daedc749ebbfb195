import { spawn } from 'node:child_process';
import path from 'node:path';

const WARDEN = path.resolve(import.meta.dirname, '../../../main/cli/warden.ts');

export interface WardenRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (the --json result). */
  json<T = Record<string, unknown>>(): T;
}

/** Runs the real `warden` CLI in a child process, without a TTY, as a script would. */
export function runWarden(args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<WardenRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WARDEN, ...args], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        json<T>() {
          const last = stdout.trimEnd().split('\n').at(-1) ?? '';
          return JSON.parse(last) as T;
        },
      });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
