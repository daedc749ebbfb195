import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { SuppressionInput } from '../../../shared/model/findings.ts';
import { addSuppression, listSuppressions, removeSuppression } from '../../core/detect/findings/suppressions.ts';
import type { CliContext } from '../context.ts';
import { withEvidenceStore } from './evidenceStore.ts';

function describe(s: { id: number; kind: string; value: string; ruleId: string | null; reason: string }): string {
  const what =
    s.kind === 'ip-range' ? `findings from ${s.value}` : s.kind === 'account' ? `findings about ${s.value}` : `${s.ruleId} findings about ${s.value}`;
  return `${s.id}: hides ${what} (${s.reason})`;
}

/** `warden suppress add|list|remove`: explicit, listed, reversible. */
export function register(program: Command, cli: CliContext): void {
  const suppress = program
    .command('suppress')
    .description('hide findings you have judged: an IP range, a service account, or one rule for one account; listed and reversible');
  suppress
    .command('add')
    .description('add a suppression (exactly one of --ip-range, --account, or --rule with --user)')
    .option('--ip-range <cidr>', 'findings whose source address is in this range')
    .option('--account <upn>', 'findings about this account, from every rule')
    .option('--rule <id>', "with --user: this rule's findings about that account")
    .option('--user <upn>', 'the account for --rule')
    .requiredOption('--reason <text>', 'why (kept with the suppression)')
    .action(async (options: { ipRange?: string; account?: string; rule?: string; user?: string; reason: string }) => {
      const chosen = [options.ipRange, options.account, options.rule].filter((v) => v !== undefined).length;
      if (chosen !== 1 || (options.rule !== undefined) !== (options.user !== undefined)) {
        throw new WardenError('invalid-input', 'Give exactly one of --ip-range CIDR, --account UPN, or --rule ID --user UPN.');
      }
      const input: SuppressionInput = options.ipRange
        ? { kind: 'ip-range', cidr: options.ipRange, reason: options.reason }
        : options.account
          ? { kind: 'account', user: options.account, reason: options.reason }
          : { kind: 'rule-user', ruleId: options.rule!, user: options.user!, reason: options.reason };
      await withEvidenceStore(cli, async (store) => {
        const added = addSuppression(store, input);
        const listed = listSuppressions(store).find((s) => s.id === added.id)!;
        cli.out.result(listed, () => `${describe(listed)}; it hides ${listed.hides} active findings now. Undo with \`warden suppress remove ${listed.id}\`.`);
      });
    });
  suppress
    .command('list')
    .description('the suppressions in force, with how many findings each hides')
    .action(async () => {
      await withEvidenceStore(cli, async (store) => {
        const list = listSuppressions(store);
        cli.out.result({ suppressions: list }, () =>
          list.length === 0 ? 'No suppressions.' : list.map((s) => `${describe(s)}; hides ${s.hides} findings`).join('\n'),
        );
      });
    });
  suppress
    .command('remove <id>')
    .description('remove a suppression: what it hid is shown again, triage and notes intact')
    .action(async (id: string) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1) throw new WardenError('invalid-input', `${id}: expected a suppression number (see \`warden suppress list\`).`);
      await withEvidenceStore(cli, async (store) => {
        const removed = removeSuppression(store, n);
        cli.out.result({ removed }, () => `Removed ${describe(removed)}.`);
      });
    });
}
