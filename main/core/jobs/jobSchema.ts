import type { ModuleMigration } from '../sqlite/moduleMigrations.ts';

/** The jobs table lives in the tenant's store, so a page of results and the job's checkpoint commit together. */
export const JOB_MIGRATIONS: readonly ModuleMigration[] = [
  {
    version: 1,
    name: 'jobs with checkpoints, progress, missing parts and a lease',
    sql: `
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  params TEXT NOT NULL,             -- JSON, as validated by the job kind
  params_key TEXT NOT NULL,         -- kind + canonical params: finds "the same job" to resume
  title TEXT NOT NULL,
  auth_mode TEXT NOT NULL CHECK (auth_mode IN ('user', 'app')),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'incomplete')),
  pause_reason TEXT CHECK (pause_reason IN ('throttled', 'needs-sign-in')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  pages INTEGER NOT NULL DEFAULT 0,
  checkpoint TEXT,                  -- JSON, written in the same transaction as each page
  missing TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  summary TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  updated_at INTEGER NOT NULL,
  lease_owner TEXT,                 -- which process runs it now
  lease_until INTEGER               -- a crashed owner's lease runs out, and another process may resume
);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE INDEX jobs_by_params ON jobs (params_key, id);
`,
  },
];
