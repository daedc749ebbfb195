import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { WardenError } from '../../../shared/errors.ts';
import { FINAL_STATES, type JobSnapshot, type MissingPart, type PauseReason } from '../../../shared/model/jobs.ts';
import type { AuthMode, AuthService } from '../auth/authService.ts';
import type { Logger } from '../log.ts';
import { M365HttpError } from '../m365/http/httpErrors.ts';
import { describeZodError } from '../zodMessages.ts';
import type { ProfileRegistry } from '../profiles/profileRegistry.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import type { JobContext, JobKind } from './jobKind.ts';
import { JobRepository, type JobRow } from './jobRepository.ts';
import { createTenantClients, type TenantClients } from './tenantClients.ts';

/** Tells this process's leases apart from an earlier process that had the same pid. */
const ownNonce = randomBytes(4).toString('hex');

export interface JobEngineOptions {
  auth: AuthService;
  profiles: ProfileRegistry;
  store: (profileId: string) => Promise<EvidenceStore>;
  kinds: readonly JobKind<any, any>[];
  log: Logger;
  /** How long a lease lasts without renewal: after that, another process may take over a job. */
  leaseMs?: number;
  now?: () => number;
  /** Builds the clients a job uses (tests may wrap them). */
  clients?: (profile: ConnectedProfile, mode: AuthMode, onWait: Parameters<typeof createTenantClients>[4]) => Promise<TenantClients>;
}

export interface JobEngineEvents {
  update: [profileId: string, snapshot: JobSnapshot];
}

interface LiveRun {
  controller: AbortController;
  cancelRequested: boolean;
  /** The app is closing: the job goes back to the queue and resumes at the next start. */
  shuttingDown: boolean;
  done: Promise<JobSnapshot>;
  startedAt: number;
  doneAtStart: number;
  lastEmit: number;
}

/**
 * Runs named, parameterized, resumable jobs for tenant profiles. Each job's checkpoint sits in the
 * tenant's store beside its results and commits with them, so a crash (even SIGKILL) costs at most the
 * page in flight, and the next start resumes from the checkpoint. A job ends succeeded, failed,
 * cancelled, or incomplete naming exactly what is missing; it pauses (throttled, or needs-sign-in)
 * rather than failing when time or a person can fix it.
 */
export class JobEngine extends EventEmitter<JobEngineEvents> {
  private readonly options: Required<Omit<JobEngineOptions, 'clients'>> & Pick<JobEngineOptions, 'clients'>;
  private readonly kinds = new Map<string, JobKind<any, any>>();
  private readonly repositories = new Map<string, JobRepository>();
  private readonly live = new Map<string, LiveRun>();
  private readonly owner = `${hostname()}:${process.pid}:${ownNonce}`;

  constructor(options: JobEngineOptions) {
    super();
    this.options = { leaseMs: 30_000, now: Date.now, ...options };
    for (const kind of options.kinds) this.kinds.set(kind.kind, kind);
    options.auth.on('signed-in', (profileId) => void this.resumePaused(profileId, 'needs-sign-in'));
  }

  /**
   * Starts a job, or, when an unfinished job with the same kind and parameters exists (interrupted by a
   * crash, or paused), resumes that one instead of starting again from zero.
   */
  async startOrResume(profileId: string, kindName: string, rawParams: unknown, authMode?: AuthMode): Promise<JobSnapshot> {
    const kind = this.kind(kindName);
    const parsed = kind.params.safeParse(rawParams);
    if (!parsed.success) throw new WardenError('invalid-input', `${kindName}: ${describeZodError(parsed.error)}`);
    const params = parsed.data;
    const repo = await this.repository(profileId);
    const paramsKey = `${kindName} ${canonicalJson(params)}`;
    const existing = repo.unfinished(paramsKey);
    if (existing && !this.live.has(liveKey(profileId, existing.id))) {
      this.options.log.info('resuming an unfinished job', { job: existing.id, kind: kindName });
      return this.run(profileId, existing.id);
    }
    if (existing) return this.snapshot(profileId, repo.get(existing.id)!);
    const profile = this.connected(profileId);
    const id = repo.insert({ kind: kindName, params: JSON.stringify(params), paramsKey, title: kind.title(params), authMode: authMode ?? this.options.auth.defaultMode(profile), now: this.options.now() });
    return this.run(profileId, id);
  }

  /** Continues a paused, failed, incomplete, cancelled or interrupted job from its checkpoint. */
  async resume(profileId: string, jobId: number): Promise<JobSnapshot> {
    const row = (await this.repository(profileId)).get(jobId);
    if (!row) throw new WardenError('not-found', `There is no job ${jobId} for this tenant.`);
    if (row.state === 'succeeded') throw new WardenError('invalid-input', `Job ${jobId} already succeeded; start a new one to run it again.`);
    if (this.live.has(liveKey(profileId, jobId))) return this.snapshot(profileId, row);
    return this.run(profileId, jobId);
  }

  async cancel(profileId: string, jobId: number): Promise<JobSnapshot> {
    const repo = await this.repository(profileId);
    const row = repo.get(jobId);
    if (!row) throw new WardenError('not-found', `There is no job ${jobId} for this tenant.`);
    const live = this.live.get(liveKey(profileId, jobId));
    if (live) {
      live.cancelRequested = true;
      live.controller.abort();
      return live.done;
    }
    if (FINAL_STATES.includes(row.state)) return this.snapshot(profileId, row);
    if (row.state === 'running' && row.lease_until !== null && row.lease_until > this.options.now()) {
      throw new WardenError('not-allowed', `Job ${jobId} is running in another Warden process; cancel it there.`);
    }
    repo.finish(jobId, { state: 'cancelled', missing: JSON.parse(row.missing) as MissingPart[], now: this.options.now() });
    return this.emitUpdate(profileId, jobId, true);
  }

  /** Stops every running job so that it resumes, from its checkpoint, the next time Warden starts. */
  async shutdown(): Promise<void> {
    const runs = [...this.live.values()];
    for (const run of runs) {
      run.shuttingDown = true;
      run.controller.abort();
    }
    await Promise.allSettled(runs.map((r) => r.done));
  }

  /** Resolves when the job's current run ends (or at once when it is not running here). */
  async wait(profileId: string, jobId: number): Promise<JobSnapshot> {
    const live = this.live.get(liveKey(profileId, jobId));
    if (live) return live.done;
    return this.get(profileId, jobId);
  }

  async get(profileId: string, jobId: number): Promise<JobSnapshot> {
    const row = (await this.repository(profileId)).get(jobId);
    if (!row) throw new WardenError('not-found', `There is no job ${jobId} for this tenant.`);
    return this.snapshot(profileId, row);
  }

  async list(profileId: string): Promise<JobSnapshot[]> {
    return (await this.repository(profileId)).list().map((row) => this.snapshot(profileId, row));
  }

  /** At start-up: picks up jobs a crashed or closed Warden left running or queued. */
  async resumeInterrupted(profileId: string): Promise<JobSnapshot[]> {
    const repo = await this.repository(profileId);
    const rows = repo.interrupted(this.options.now());
    return Promise.all(rows.map((row) => this.run(profileId, row.id)));
  }

  private async resumePaused(profileId: string, reason: PauseReason): Promise<void> {
    if (!this.repositories.has(profileId)) return;
    const repo = this.repositories.get(profileId)!;
    for (const row of repo.pausedFor(reason)) {
      if (!this.live.has(liveKey(profileId, row.id))) void this.run(profileId, row.id).catch((error: unknown) => this.options.log.warn('could not resume job', { job: row.id, error }));
    }
  }

  private kind(name: string): JobKind<any, any> {
    const kind = this.kinds.get(name);
    if (!kind) throw new WardenError('invalid-input', `There is no job kind ${JSON.stringify(name)}.`);
    return kind;
  }

  private connected(profileId: string): ConnectedProfile {
    const profile = this.options.profiles.get(profileId);
    if (profile.kind === 'offline') throw new WardenError('invalid-input', `${profile.name} is an offline profile: jobs need a tenant to talk to.`);
    return profile;
  }

  private async repository(profileId: string): Promise<JobRepository> {
    let repo = this.repositories.get(profileId);
    if (!repo) {
      repo = new JobRepository((await this.options.store(profileId)).db);
      this.repositories.set(profileId, repo);
    }
    return repo;
  }

  /** Starts a run of job `id` in the background; returns its first snapshot. */
  private async run(profileId: string, id: number): Promise<JobSnapshot> {
    const repo = await this.repository(profileId);
    const store = await this.options.store(profileId);
    const now = this.options.now();
    const before = repo.get(id);
    // A lease held by a process of this machine that no longer exists (killed, crashed) is void at once.
    const takeOver = before?.lease_owner && ownerIsDead(before.lease_owner) ? before.lease_owner : null;
    if (!repo.acquire(id, this.owner, now, this.options.leaseMs, takeOver)) {
      throw new WardenError('not-allowed', `Job ${id} is running in another Warden process.`);
    }
    const row = repo.get(id)!;
    const live: LiveRun = { controller: new AbortController(), cancelRequested: false, shuttingDown: false, done: Promise.resolve(null as never), startedAt: now, doneAtStart: row.done, lastEmit: 0 };
    this.live.set(liveKey(profileId, id), live);
    live.done = this.execute(profileId, store, repo, row, live).finally(() => this.live.delete(liveKey(profileId, id)));
    live.done.catch(() => {});
    return this.emitUpdate(profileId, id, true);
  }

  private async execute(profileId: string, store: EvidenceStore, repo: JobRepository, row: JobRow, live: LiveRun): Promise<JobSnapshot> {
    const { log } = this.options;
    const kind = this.kind(row.kind);
    const params = kind.params.parse(JSON.parse(row.params));
    let checkpoint = row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as unknown);
    const missing: MissingPart[] = [];
    const heartbeat = setInterval(() => repo.renewLease(row.id, this.owner, this.options.now() + this.options.leaseMs), Math.max(1000, this.options.leaseMs / 3));
    heartbeat.unref();
    let throttledUntil = 0;
    try {
      const profile = this.connected(profileId);
      const onWait = (notice: { waitMs: number; reason: string }) => {
        if (notice.reason !== 'retry-after' || notice.waitMs < 1000) return;
        throttledUntil = this.options.now() + notice.waitMs;
        repo.setRunningState(row.id, 'paused', 'throttled', this.options.now());
        this.emitUpdate(profileId, row.id, true);
      };
      const clients = await (this.options.clients ?? ((p, m, w) => createTenantClients(this.options.auth, p, m, log, w)))(profile, row.auth_mode, onWait);
      const ctx: JobContext<unknown, unknown> = {
        jobId: row.id,
        params,
        profile,
        authMode: row.auth_mode,
        checkpoint,
        doneBefore: row.done,
        signal: live.controller.signal,
        store,
        clients,
        commit: (write, progress) => {
          if (live.controller.signal.aborted) throw new WardenError('incomplete', 'Cancelled.');
          const written = store.db.transaction(() => {
            const result = write(store.db);
            const p = typeof progress === 'function' ? progress(result) : progress;
            repo.saveProgress(row.id, JSON.stringify(p.checkpoint), p.done, p.total ?? null, this.options.now());
            checkpoint = p.checkpoint;
            return result;
          })();
          if (throttledUntil && this.options.now() >= throttledUntil) {
            throttledUntil = 0;
            repo.setRunningState(row.id, 'running', null, this.options.now());
            this.emitUpdate(profileId, row.id, true);
          } else this.emitUpdate(profileId, row.id, false);
          return written;
        },
        missing: (part) => {
          missing.push(part);
        },
      };
      const outcome = await kind.run(ctx);
      repo.finish(row.id, { state: missing.length > 0 ? 'incomplete' : 'succeeded', missing, summary: outcome.summary, now: this.options.now() });
    } catch (error) {
      const now = this.options.now();
      if (live.shuttingDown) {
        repo.finish(row.id, { state: 'queued', missing, now });
      } else if (live.cancelRequested) {
        repo.finish(row.id, { state: 'cancelled', missing, now });
      } else if (error instanceof WardenError && error.code === 'needs-sign-in') {
        log.warn('job paused until sign-in', { job: row.id, reason: error.message });
        repo.finish(row.id, { state: 'paused', pauseReason: 'needs-sign-in', missing, error: error.message, now });
      } else if (error instanceof M365HttpError && (error.transient || error.status === null)) {
        // The service kept failing past every retry: say exactly what was not fetched.
        missing.push({ what: kind.remaining(checkpoint, params), reason: error.message });
        repo.finish(row.id, { state: 'incomplete', missing, error: error.message, now });
      } else if (error instanceof WardenError) {
        repo.finish(row.id, { state: 'failed', missing, error: error.message, now });
      } else {
        log.error('job failed unexpectedly', { job: row.id, kind: row.kind, error });
        repo.finish(row.id, { state: 'failed', missing, error: `Unexpected failure: ${(error as Error).message}`, now });
      }
    } finally {
      clearInterval(heartbeat);
    }
    return this.emitUpdate(profileId, row.id, true);
  }

  private emitUpdate(profileId: string, id: number, force: boolean): JobSnapshot {
    const repo = this.repositories.get(profileId)!;
    const snapshot = this.snapshot(profileId, repo.get(id)!);
    const live = this.live.get(liveKey(profileId, id));
    const now = this.options.now();
    if (force || !live || now - live.lastEmit >= 250) {
      if (live) live.lastEmit = now;
      this.emit('update', profileId, snapshot);
    }
    return snapshot;
  }

  private snapshot(profileId: string, row: JobRow): JobSnapshot {
    const live = this.live.get(liveKey(profileId, row.id));
    let rate: number | null = null;
    let eta: number | null = null;
    if (live && row.state !== 'succeeded') {
      const seconds = (this.options.now() - live.startedAt) / 1000;
      const progressed = row.done - live.doneAtStart;
      if (seconds > 0 && progressed > 0) {
        rate = progressed / seconds;
        if (row.total !== null) eta = Math.max(0, (row.total - row.done) / rate);
      }
    }
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      profileId,
      state: row.state,
      pauseReason: row.pause_reason,
      done: row.done,
      total: row.total,
      rate: rate === null ? null : Math.round(rate * 10) / 10,
      etaSeconds: eta === null ? null : Math.round(eta),
      createdAt: new Date(row.created_at).toISOString(),
      startedAt: row.started_at === null ? null : new Date(row.started_at).toISOString(),
      finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
      missing: JSON.parse(row.missing) as MissingPart[],
      error: row.error,
      pages: row.pages,
      summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
    };
  }
}

/** True when `owner` (host:pid:nonce) names a process on this machine that has exited. */
function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !owner.endsWith(ownNonce);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function liveKey(profileId: string, id: number): string {
  return `${profileId}#${id}`;
}

/** JSON with sorted keys, so the same parameters always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
