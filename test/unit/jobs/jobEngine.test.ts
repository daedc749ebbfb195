// The job engine's state machine with a job kind of its own (no network): pages commit with their
// checkpoint, cancel and shutdown stop at a page boundary, resume continues from the checkpoint,
// needs-sign-in pauses and resumes on sign-in, bad parameters are named.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { WardenError } from '../../../shared/errors.ts';
import type { AuthService } from '../../../main/core/auth/authService.ts';
import { JobEngine } from '../../../main/core/jobs/jobEngine.ts';
import type { JobKind } from '../../../main/core/jobs/jobKind.ts';
import { silentLogger } from '../../../main/core/log.ts';
import { ProfileRegistry } from '../../../main/core/profiles/profileRegistry.ts';
import { openStore, type EvidenceStore } from '../../../main/core/store/openStore.ts';

/** Counts to `to`, one page of 10 at a time, writing each page into a table of its own. */
const counting: JobKind<{ to: number }, { next: number }> = {
  kind: 'test.count',
  params: z.strictObject({ to: z.number().int().min(1) }),
  title: (p) => `Count to ${p.to}`,
  remaining: (cp, p) => `numbers from ${cp?.next ?? 0} to ${p.to}`,
  async run(ctx) {
    ctx.store.db.exec('CREATE TABLE IF NOT EXISTS counted (n INTEGER PRIMARY KEY)');
    let next = ctx.checkpoint?.next ?? 0;
    while (next < ctx.params.to) {
      await new Promise((r) => setTimeout(r, 5));
      if (gate.failAt === next) throw new WardenError('needs-sign-in', 'the session was revoked');
      const page = Array.from({ length: Math.min(10, ctx.params.to - next) }, (_, i) => next + i);
      const after = next + page.length;
      ctx.commit((db) => page.forEach((n) => db.prepare('INSERT INTO counted (n) VALUES (?)').run(n)), { checkpoint: { next: after }, done: after, total: ctx.params.to });
      next = after;
    }
    return { summary: { counted: next } };
  },
};
const gate: { failAt: number | null } = { failAt: null };

let store: EvidenceStore;
let engine: JobEngine;
let auth: EventEmitter;
afterEach(async () => {
  await engine?.shutdown();
  store?.close();
});

async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-engine-'));
  store = openStore({ file: path.join(dir, 'store.sqlite'), key: randomBytes(32), log: silentLogger });
  const profiles = await ProfileRegistry.open(dir);
  const profile = await profiles.add({ kind: 'emulator', name: 'e', tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', authority: 'https://127.0.0.1:1/t', graph: 'https://127.0.0.1:1/g', exchange: 'https://127.0.0.1:1/x', manage: 'https://127.0.0.1:1/m', caCertPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----', app: null });
  auth = new EventEmitter();
  (auth as unknown as { defaultMode: () => string }).defaultMode = () => 'user';
  engine = new JobEngine({
    auth: auth as unknown as AuthService,
    profiles,
    store: async () => store,
    kinds: [counting],
    log: silentLogger,
    clients: async () => ({}) as never,
  });
  return profile.id;
}

const counted = () => (store.db.prepare('SELECT COUNT(*) AS n FROM counted').get() as { n: number }).n;

describe('the job engine', () => {
  it('runs a job to the end, committing each page with its checkpoint', async () => {
    const profileId = await setup();
    const first = await engine.startOrResume(profileId, 'test.count', { to: 95 });
    const job = await engine.wait(profileId, first.id);
    expect(job).toMatchObject({ state: 'succeeded', done: 95, total: 95, pages: 10, summary: { counted: 95 }, missing: [] });
    expect(counted()).toBe(95);
  });

  it('names bad parameters and unknown kinds', async () => {
    const profileId = await setup();
    await expect(engine.startOrResume(profileId, 'test.count', { to: 'many' })).rejects.toThrow(/test\.count: to: /);
    await expect(engine.startOrResume(profileId, 'test.nope', {})).rejects.toThrow(/There is no job kind "test\.nope"/);
  });

  it('cancels at a page boundary, and resume continues from the checkpoint without repeating', async () => {
    const profileId = await setup();
    const first = await engine.startOrResume(profileId, 'test.count', { to: 400 });
    await new Promise((r) => setTimeout(r, 60));
    const cancelled = await engine.cancel(profileId, first.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBe(counted());
    expect(cancelled.done).toBeLessThan(400);
    await engine.resume(profileId, first.id);
    const job = await engine.wait(profileId, first.id);
    expect(job).toMatchObject({ state: 'succeeded', done: 400 });
    expect(counted()).toBe(400);
  });

  it('puts running jobs back in the queue on shutdown, and the next start resumes them', async () => {
    const profileId = await setup();
    const first = await engine.startOrResume(profileId, 'test.count', { to: 400 });
    await new Promise((r) => setTimeout(r, 60));
    await engine.shutdown();
    expect((await engine.get(profileId, first.id)).state).toBe('queued');
    const [resumed] = await engine.resumeInterrupted(profileId);
    expect(resumed!.id).toBe(first.id);
    expect((await engine.wait(profileId, first.id)).state).toBe('succeeded');
    expect(counted()).toBe(400);
  });

  it('pauses as needs-sign-in and resumes by itself when the user signs in', async () => {
    const profileId = await setup();
    gate.failAt = 50;
    const first = await engine.startOrResume(profileId, 'test.count', { to: 100 });
    const paused = await engine.wait(profileId, first.id);
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'needs-sign-in', done: 50, error: 'the session was revoked' });
    gate.failAt = null;
    auth.emit('signed-in', profileId);
    await expect.poll(async () => (await engine.get(profileId, first.id)).state).toBe('succeeded');
    expect(counted()).toBe(100);
  });

  it('running the same job again resumes the unfinished one instead of starting over', async () => {
    const profileId = await setup();
    const first = await engine.startOrResume(profileId, 'test.count', { to: 400 });
    await new Promise((r) => setTimeout(r, 60));
    await engine.shutdown();
    const again = await engine.startOrResume(profileId, 'test.count', { to: 400 });
    expect(again.id).toBe(first.id);
    expect((await engine.wait(profileId, again.id)).state).toBe('succeeded');
    expect((await engine.list(profileId)).length).toBe(1);
  });
});
