import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { Reason, type ChangePreview, type ChangeRequestInput, type JournalEntry, ChangeRequest } from '../../../shared/model/adminChanges.ts';
import { applyChange, previewChange, type ApplyOutcome } from '../../core/changes/applyChange.ts';
import { openChangeSession, type ChangeSession } from '../../core/changes/changeSession.ts';
import { JournalRepository } from '../../core/journal/journalRepository.ts';
import type { CliContext } from '../context.ts';

interface ChangeOptions {
  reason?: string;
  yes?: boolean;
  app?: boolean;
}

/** The preview as people read it: what, where, who, and each field before -> after. */
export function describePreview(preview: ChangePreview): string {
  const width = Math.max(...preview.fields.map((f) => f.field.length), 5);
  const lines = [`${preview.title}`, `  target: ${preview.target}`, `  by:     ${preview.actor}`];
  for (const f of preview.fields) lines.push(`  ${f.field.padEnd(width)}  ${f.before}  ->  ${f.after}`);
  for (const w of preview.warnings) lines.push(`  ! ${w}`);
  lines.push(preview.reversible ? '  Undo: `warden journal undo ID --reason TEXT` puts it back.' : `  No Undo: ${preview.irreversibleWhy ?? ''}`);
  return lines.join('\n');
}

export function describeEntry(entry: JournalEntry): string {
  const lines = [`Change ${entry.id}: ${entry.title}: ${entry.result}`];
  for (const f of entry.fields) lines.push(`  ${f.field}: ${f.before} -> ${f.after}`);
  if (entry.error) lines.push(`  ${entry.error}`);
  lines.push(`  audit record: ${entry.audit.status} (${entry.audit.note})`);
  return lines.join('\n');
}

/** Checks the reason the way the app does, so a script learns of a bad one before anything is read. */
export function reasonOf(text: string | undefined): string {
  const parsed = Reason.safeParse(text ?? '');
  if (!parsed.success) throw new WardenError('invalid-input', `--reason: ${parsed.error.issues[0]?.message ?? 'give a reason'}.`);
  return parsed.data;
}

/**
 * Asks on the terminal. Without a terminal and without --yes, nothing is changed: a script must say
 * --yes explicitly, so a change never happens because nobody was there to answer.
 */
export async function confirmOnTerminal(cli: CliContext, question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!cli.streams.stdin.isTTY) {
    throw new WardenError('invalid-input', 'Refusing to change anything without confirmation: there is no terminal to ask on. Review the preview, then run again with --yes.');
  }
  const rl = createInterface({ input: cli.streams.stdin, output: cli.streams.stderr, terminal: false });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new WardenError('invalid-input', 'Not confirmed: nothing was changed.');
  } finally {
    rl.close();
  }
}

/** Opens the session, previews, asks, applies and journals; prints the entry; fails the command when the change did not take. */
export async function previewConfirmApply(
  cli: CliContext,
  change: ChangeRequestInput,
  options: ChangeOptions,
  apply: (session: ChangeSession, journal: JournalRepository, preview: ChangePreview, reason: string) => Promise<ApplyOutcome> = (session, journal, preview, reason) =>
    applyChange(session, journal, preview.change, reason, preview.token),
): Promise<void> {
  const reason = reasonOf(options.reason);
  const request = ChangeRequest.parse(change);
  const profile = await cli.connectedProfile();
  const session = await openChangeSession(await cli.auth(), profile, cli.log, options.app ? 'app' : undefined);
  const { preview } = await previewChange(session, request);
  cli.out.note(describePreview(preview));
  if (preview.noOp) throw new WardenError('invalid-input', `Nothing to change: ${preview.title} is already the case.`);
  await confirmOnTerminal(cli, 'Make this change?', options.yes);
  const journal = new JournalRepository((await (await cli.stores()).forProfile(profile.id)).db);
  const outcome = await apply(session, journal, preview, reason);
  reportOutcome(cli, outcome);
}

export function reportOutcome(cli: CliContext, outcome: ApplyOutcome): void {
  cli.out.result({ entry: outcome.entry }, () => describeEntry(outcome.entry));
  if (outcome.error) {
    // The result line (with the journal entry) is printed; the failure follows on stderr with its exit code.
    const code = outcome.entry.result === 'unknown' ? 'unavailable' : outcome.error.code;
    throw new WardenError(code, `change ${outcome.entry.id} ${outcome.entry.result}: ${outcome.error.message}`);
  }
}

/** `warden roles add-member|remove-member GROUP MEMBER --reason TEXT [--yes]`. */
export function register(program: Command, cli: CliContext): void {
  const roles = program.command('roles').description('change role group membership: previewed, confirmed, journaled (see `warden journal`)');
  for (const [name, kind, verb] of [
    ['add-member', 'roleGroup.addMember', 'add MEMBER to the role group GROUP'],
    ['remove-member', 'roleGroup.removeMember', 'remove MEMBER from the role group GROUP'],
  ] as const) {
    roles
      .command(`${name} <group> <member>`)
      .description(`${verb}; shows the change (read live from Exchange) and asks before making it`)
      .requiredOption('--reason <text>', 'why (kept in the journal with who and when)')
      .option('--yes', 'make the change without asking (needed when there is no terminal)')
      .option('--app', 'act as the app (certificate) rather than the signed-in admin')
      .action(async (group: string, member: string, options: ChangeOptions) => {
        await previewConfirmApply(cli, { kind, group, member }, options);
      });
  }
}
