import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { JournalEntry } from '../../../shared/model/adminChanges.ts';
import { undoChange } from '../../core/changes/applyChange.ts';
import { openChangeSession } from '../../core/changes/changeSession.ts';
import { checkAuditProof } from '../../core/journal/auditProof.ts';
import { JournalRepository } from '../../core/journal/journalRepository.ts';
import type { CliContext } from '../context.ts';
import { confirmOnTerminal, describeEntry, reasonOf, reportOutcome } from './roles.ts';

const AUDIT_MARK: Record<JournalEntry['audit']['status'], string> = { pending: 'audit: waiting', verified: 'audit: verified', missing: 'audit: MISSING', 'not-applicable': '' };

function line(e: JournalEntry): string {
  const flags = [AUDIT_MARK[e.audit.status], e.undoneBy ? `undone by ${e.undoneBy}` : '', e.undoOf ? `undoes ${e.undoOf}` : ''].filter(Boolean).join(', ');
  return `${String(e.id).padStart(5)}  ${e.at.slice(0, 19).replace('T', ' ')}  ${e.result.padEnd(9)}  ${e.actor}  ${e.title}  "${e.reason}"${flags ? `  [${flags}]` : ''}`;
}

function entryId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new WardenError('invalid-input', `Not a journal entry number: ${JSON.stringify(text)}.`);
  return id;
}

/** `warden journal [--verify]` and `warden journal undo ID --reason TEXT [--yes]`: the admin changes made from Warden. */
export function register(program: Command, cli: CliContext): void {
  const journal = program
    .command('journal')
    .description('the admin changes made from Warden: who, when, why, before, after, result, and the audit record that proves each')
    .option('--verify', 'first search the unified audit log for the records of changes still waiting for one')
    .option('--limit <n>', 'at most this many entries, newest first', '200')
    .action(async (options: { verify?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new WardenError('invalid-input', `--limit: not a positive number: ${JSON.stringify(options.limit)}.`);
      const profile = await cli.activeProfile();
      const repo = new JournalRepository((await (await cli.stores()).forProfile(profile.id)).db);
      if (options.verify) {
        const connected = await cli.connectedProfile();
        const session = await openChangeSession(await cli.auth(), connected, cli.log);
        const report = await checkAuditProof(session.exchange, repo);
        if (report.error) throw new WardenError('unavailable', report.error);
        cli.out.note(`Checked ${report.checked} change(s): ${report.verified} verified, ${report.missing} still missing.`);
      }
      const entries = repo.list({ limit });
      cli.out.result({ entries, total: repo.count() }, () => (entries.length === 0 ? 'No changes have been made from Warden yet.' : entries.map(line).join('\n')));
    });
  journal
    .command('undo <id>')
    .description('put back what change ID changed (itself previewed against Exchange and journaled)')
    .requiredOption('--reason <text>', 'why (kept in the journal)')
    .option('--yes', 'undo without asking (needed when there is no terminal)')
    .option('--app', 'act as the app (certificate) rather than the signed-in admin')
    .action(async (id: string, options: { reason?: string; yes?: boolean; app?: boolean }) => {
      const reason = reasonOf(options.reason);
      const profile = await cli.connectedProfile();
      const repo = new JournalRepository((await (await cli.stores()).forProfile(profile.id)).db);
      const entry = repo.get(entryId(id));
      if (!entry) throw new WardenError('not-found', `There is no journal entry ${id}.`);
      cli.out.note(`Undo:\n${describeEntry(entry.entry)}`);
      await confirmOnTerminal(cli, `Undo change ${entry.entry.id}?`, options.yes);
      const session = await openChangeSession(await cli.auth(), profile, cli.log, options.app ? 'app' : undefined);
      reportOutcome(cli, await undoChange(session, repo, entry.entry.id, reason));
    });
}
