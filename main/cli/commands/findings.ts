import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { TriageState, type FindingDetail } from '../../../shared/model/findings.ts';
import { evidenceIds, findingDetail, listFindings, triageFinding } from '../../core/detect/findings/findingQueries.ts';
import type { CliContext } from '../context.ts';
import { findingLine } from './detect.ts';
import { withEvidenceStore } from './evidenceStore.ts';

function findingId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new WardenError('invalid-input', `${text}: expected a finding number, e.g. 12 (see \`warden findings list\`).`);
  return id;
}

function detailText(d: FindingDetail): string {
  const lines = [findingLine(d.finding), `    rule: ${d.finding.ruleTitle} (${d.finding.technique}); fingerprint ${d.finding.fingerprint}`];
  if (d.finding.suppressedBy !== null) lines.push(`    hidden by suppression ${d.finding.suppressedBy}`);
  for (const e of d.evidence) {
    lines.push(
      `    record ${e.id}: ${e.timeMs === null ? '(no time)' : new Date(e.timeMs).toISOString()} ${e.operation ?? ''} ${e.user ?? ''} ${e.ip ?? ''} ${e.result ?? ''} ${e.detail ?? ''}`.trimEnd(),
    );
  }
  if (d.moreEvidence > 0) lines.push(`    ... and ${d.moreEvidence} more records`);
  for (const n of d.notes) lines.push(`    note ${new Date(n.createdAt).toISOString()}${n.triageTo ? ` [${n.triageFrom} -> ${n.triageTo}]` : ''}: ${n.text}`);
  return lines.join('\n');
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `warden findings list|show|triage`. */
export function register(program: Command, cli: CliContext): void {
  const findings = program.command('findings').description('findings of the detection rules: list, show with evidence, triage with notes');
  findings
    .command('list')
    .description('list findings (as of the last `warden detect`)')
    .option('--rule <id>', 'by rule (repeatable)', collect)
    .option('--user <upn>', 'by account (repeatable)', collect)
    .option('--triage <state>', 'by triage state: new, investigating, benign, confirmed (repeatable)', collect)
    .option('--all', 'include withdrawn and suppressed findings')
    .action(async (options: { rule?: string[]; user?: string[]; triage?: string[]; all?: boolean }) => {
      const triage = options.triage?.map((t) => {
        const parsed = TriageState.safeParse(t);
        if (!parsed.success) throw new WardenError('invalid-input', `--triage ${t}: expected new, investigating, benign or confirmed.`);
        return parsed.data;
      });
      await withEvidenceStore(cli, async (store) => {
        const list = listFindings(store, { ruleIds: options.rule, users: options.user, triage, includeWithdrawn: options.all, includeSuppressed: options.all });
        cli.out.result({ findings: list.map((f) => ({ ...f, evidence: evidenceIds(store, f.id) })) }, () =>
          [...list.map(findingLine), `${list.length} findings.`].join('\n'),
        );
      });
    });
  findings
    .command('show <id>')
    .description('a finding with its explanation, evidence records and triage history')
    .action(async (id: string) => {
      await withEvidenceStore(cli, async (store) => {
        const d = findingDetail(store, findingId(id));
        cli.out.result(d, () => detailText(d));
      });
    });
  findings
    .command('triage <id>')
    .description("set a finding's triage state and/or add a note (kept across re-runs)")
    .option('--state <state>', 'new, investigating, benign or confirmed')
    .option('--note <text>', 'why: what you checked, what you concluded')
    .action(async (id: string, options: { state?: string; note?: string }) => {
      let state: TriageState | null = null;
      if (options.state !== undefined) {
        const parsed = TriageState.safeParse(options.state);
        if (!parsed.success) throw new WardenError('invalid-input', `--state ${options.state}: expected new, investigating, benign or confirmed.`);
        state = parsed.data;
      }
      await withEvidenceStore(cli, async (store) => {
        const d = triageFinding(store, findingId(id), state, options.note ?? null);
        cli.out.result(d, () => detailText(d));
      });
    });
}
