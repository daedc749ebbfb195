#!/usr/bin/env node
// The `warden` command. Runs on Node 24 directly from the TypeScript sources (type stripping).
import { readFileSync } from 'node:fs';
import { runCli } from './program.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
process.exitCode = await runCli(process.argv.slice(2), {
  streams: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  env: process.env,
  version,
});
