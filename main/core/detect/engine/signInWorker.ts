import { parentPort, workerData } from 'node:worker_threads';
import type { DetectContext } from '../../../../shared/model/findings.ts';
import { silentLogger } from '../../log.ts';
import { openStore } from '../../store/openStore.ts';
import type { AsnTableData } from '../geo/asnTable.ts';
import { adoptAsnTable, loadIpGeo } from '../geo/ipGeo.ts';
import { ruleById } from '../rules/index.ts';
import { createRuleContext } from './ruleContext.ts';
import type { SignInRule } from './ruleTypes.ts';
import { runSignInPass } from './signInPass.ts';
import type { AccountShare } from './signInStream.ts';

/**
 * A worker thread of a detection run: its part of the sign-in pass over its own read-only
 * connection to the store (see signInWorkers.ts). Everything it needs comes in workerData; it posts
 * progress, then what each rule derived.
 */
export interface SignInWorkerInput {
  file: string;
  /** The store key: it stays in this process (workerData is copied between threads, not sent anywhere). */
  key: Uint8Array;
  context: DetectContext;
  rules: { ruleId: string; judgeFromMs: number }[];
  /** The accounts whose events this worker's account-scoped rules judge. */
  share: AccountShare;
  /** The AS table, when the starting thread had it loaded. */
  asnTable: AsnTableData | null;
  fromMs: number;
  chunkRows?: number;
}

export type SignInWorkerMessage =
  | { type: 'rows'; read: number }
  | { type: 'done'; derived: import('./ruleTypes.ts').DerivedFinding[][]; events: number };

async function main(port: NonNullable<typeof parentPort>, input: SignInWorkerInput): Promise<void> {
  if (input.asnTable) adoptAsnTable(input.asnTable);
  const store = openStore({ file: input.file, key: Buffer.from(input.key), log: silentLogger, readonly: true });
  try {
    const ctx = createRuleContext(input.context, await loadIpGeo(), store.db);
    const plans = input.rules.map(({ ruleId, judgeFromMs }) => {
      const rule = ruleById(ruleId);
      if (rule?.kind !== 'signin') throw new Error(`No sign-in rule ${ruleId}.`);
      return { rule: rule as SignInRule, judgeFromMs };
    });
    const result = await runSignInPass(store.db, ctx, plans, input.fromMs, {
      chunkRows: input.chunkRows,
      share: input.share,
      onRows: (read) => port.postMessage({ type: 'rows', read } satisfies SignInWorkerMessage),
    });
    port.postMessage({ type: 'done', ...result } satisfies SignInWorkerMessage);
  } finally {
    store.close();
  }
}

if (parentPort) await main(parentPort, workerData as SignInWorkerInput);
