import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { verifyChain } from '../../core/store/verifyChain.ts';
import { withEvidenceStore } from './evidenceStore.ts';

/** `warden verify`: recomputes the ingest hash chain of the active profile's evidence store. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('verify')
    .description('check that no stored record or batch was changed, added or removed (the ingest hash chain)')
    .action(async () => {
      await withEvidenceStore(cli, async (store, profile) => {
        const progress = cli.out.progress('verify');
        const report = verifyChain(store, (n) => progress.update(n));
        progress.stop();
        cli.out.result({ profile, ...report }, () =>
          report.ok
            ? `The hash chain holds: ${report.batches} batches, ${report.records} records. Head hash ${report.headHash ?? '(empty store)'}.`
            : ['The hash chain is BROKEN:', ...report.problems.map((p) => `  batch ${p.batchId}: ${p.problem}`)].join('\n'),
        );
        if (!report.ok) throw new WardenError('invalid-input', `The evidence store failed verification: ${report.problems.length} problems (see above).`);
      });
    });
}
