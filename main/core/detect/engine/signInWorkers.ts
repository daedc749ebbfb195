import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WardenError } from '../../../../shared/errors.ts';
import type { DetectContext } from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { loadedAsnTableData } from '../geo/ipGeo.ts';
import type { SignInPassResult, SignInRulePlan } from './signInPass.ts';
import type { StreamOptions } from './signInStream.ts';
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

/**
 * Runs the sign-in rules on worker threads, each with its own read-only connection and its share of
 * the rules, all reading every event: the rules' work, most of a full run, then uses more than one
 * core, while this thread goes on with the audit rules. Rule i goes to worker i mod n: the costly
 * rules (password spray, impossible travel, new country, session replay) alternate in ALL_RULES.
 * Each rule still sees every event in order, so it derives exactly what it derives on one thread.
 */
export function runSignInPassInWorkers(
  store: EvidenceStore,
  context: DetectContext,
  plans: readonly SignInRulePlan[],
  fromMs: number,
  threads: number,
  options: StreamOptions = {},
): Promise<SignInPassResult> {
  const shares = Array.from({ length: Math.min(threads, plans.length) }, (_, w) => plans.map((p, i) => ({ p, i })).filter(({ i }) => i % threads === w));
  const file = workerFile();
  const key = store.key();
  const asnTable = loadedAsnTableData();
  const read = shares.map(() => 0);
  const started = performance.now();
  const threadMs = shares.map(() => 0);
  const workers: Worker[] = [];
  const results = shares.map(
    (share, w) =>
      new Promise<{ derived: SignInPassResult['derived']; events: number }>((resolve, reject) => {
        const input: SignInWorkerInput = {
          file: store.file,
          key,
          context,
          rules: share.map(({ p }) => ({ ruleId: p.rule.id, judgeFromMs: p.judgeFromMs })),
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
            options.onRows?.(Math.min(...read));
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
    (parts) => {
      const derived: SignInPassResult['derived'] = new Array(plans.length);
      parts.forEach((part, w) => shares[w]!.forEach(({ i }, k) => (derived[i] = part.derived[k]!)));
      return { derived, events: parts[0]?.events ?? 0, threadMs };
    },
    async (error: unknown) => {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    },
  );
}
