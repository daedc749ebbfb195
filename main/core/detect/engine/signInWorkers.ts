import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WardenError } from '../../../../shared/errors.ts';
import type { DetectContext } from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { loadedAsnTableData } from '../geo/ipGeo.ts';
import type { SignInPassResult, SignInRulePlan } from './signInPass.ts';
import type { AccountShare, StreamOptions } from './signInStream.ts';
import type { SignInWorkerInput, SignInWorkerMessage } from './signInWorker.ts';

/**
 * The worker's module. From source (the CLI, tests, benchmarks) it is the .ts beside this file; in the
 * app, electron-vite builds it beside the main bundle (out/main/signInWorker.js, see electron.vite.config.ts).
 */
function workerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const name of ['signInWorker.js', 'signInWorker.ts']) {
    const file = path.join(here, name);
    if (existsSync(file)) return file;
  }
  throw new WardenError('internal', `The sign-in detection worker is missing beside ${here}.`);
}

/** One worker's part of a pass: which of the plans it runs, over which accounts' events. */
export interface WorkerPart {
  planIndexes: number[];
  share: AccountShare;
}

/**
 * How a pass is shared out between `threads` workers. Every worker runs the account-scoped rules (most of
 * the work) over its share of the accounts, so each event is judged by one worker, not all. The rules that
 * need every account's events (password spray: one address failing against many accounts) run on the first
 * worker, which therefore reads every event and takes a smaller share of the accounts: 5 parts where each
 * other worker takes 9. Measured on the bench's data (two workers, eight-second runs): with 1 part in 3 the
 * first finished 0.4-0.9 s before the second, with 3 in 8 0.4-1.3 s after it; 5 in 14 lies between.
 */
export function workerParts(plans: readonly SignInRulePlan[], threads: number): WorkerPart[] {
  const byAccount = plans.flatMap((p, i) => (p.rule.scope === 'account' ? [i] : []));
  const everyEvent = plans.flatMap((p, i) => (p.rule.scope === 'account' ? [] : [i]));
  if (everyEvent.length === 0) {
    return Array.from({ length: threads }, (_, w) => ({ planIndexes: byAccount, share: { modulus: threads, residues: [w], only: true } }));
  }
  const [first, other] = [5, 9];
  const modulus = first + other * (threads - 1);
  const slots = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);
  return Array.from({ length: threads }, (_, w) =>
    w === 0
      ? { planIndexes: plans.map((_p, i) => i), share: { modulus, residues: slots(0, first), only: false } }
      : { planIndexes: byAccount, share: { modulus, residues: slots(first + other * (w - 1), other), only: true } },
  );
}

/**
 * Runs the sign-in rules on worker threads, each with its own read-only connection and its part of the pass
 * (see workerParts), while this thread goes on with the audit rules. An account-scoped rule finds for each
 * account what it would find over every event, so the parts' findings together are what one thread derives.
 */
export function runSignInPassInWorkers(
  store: EvidenceStore,
  context: DetectContext,
  plans: readonly SignInRulePlan[],
  fromMs: number,
  threads: number,
  options: StreamOptions = {},
): Promise<SignInPassResult> {
  const parts = workerParts(plans, threads);
  const file = workerFile();
  const key = store.key();
  const asnTable = loadedAsnTableData();
  // Progress in events of the whole pass: a worker reading a third of the accounts has done all when it read a third.
  const read = parts.map(() => 0);
  const fraction = parts.map(({ share }) => (share.only ? share.residues.length / share.modulus : 1));
  const started = performance.now();
  const threadMs = parts.map(() => 0);
  const workers: Worker[] = [];
  const results = parts.map(
    (part, w) =>
      new Promise<{ derived: SignInPassResult['derived']; events: number }>((resolve, reject) => {
        const input: SignInWorkerInput = {
          file: store.file,
          key,
          context,
          rules: part.planIndexes.map((i) => ({ ruleId: plans[i]!.rule.id, judgeFromMs: plans[i]!.judgeFromMs })),
          share: part.share,
          fromMs,
          chunkRows: options.chunkRows,
          asnTable,
        };
        const worker = new Worker(file, { workerData: input });
        workers.push(worker);
        let done = false;
        worker.on('message', (message: SignInWorkerMessage) => {
          if (message.type === 'rows') {
            read[w] = message.read;
            options.onRows?.(Math.round(Math.min(...read.map((n, v) => n / fraction[v]!))));
          } else {
            done = true;
            threadMs[w] = Math.round(performance.now() - started);
            resolve(message);
          }
        });
        worker.on('error', (error) => reject(new WardenError('internal', `The sign-in detections failed on worker thread ${w + 1}: ${error.message}`)));
        worker.on('exit', (code) => {
          if (!done) reject(new WardenError('internal', `The sign-in detection worker thread ${w + 1} stopped (exit code ${code}) before it finished.`));
        });
      }),
  );
  return Promise.all(results).then(
    (done) => {
      const derived: SignInPassResult['derived'] = plans.map(() => []);
      done.forEach((result, w) => parts[w]!.planIndexes.forEach((i, k) => derived[i]!.push(...result.derived[k]!)));
      // A worker that read every event counted them all; else each counted its share's.
      const events = parts.some((p) => !p.share.only) ? done[parts.findIndex((p) => !p.share.only)]!.events : done.reduce((n, r) => n + r.events, 0);
      options.onRows?.(events);
      return { derived, events, threadMs };
    },
    async (error: unknown) => {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    },
  );
}
