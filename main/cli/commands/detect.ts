import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { Finding } from '../../../shared/model/findings.ts';
import { runDetections, type RunProgress } from '../../core/detect/engine/runDetections.ts';
import { evidenceIds, listFindings } from '../../core/detect/findings/findingQueries.ts';
import { describeRules } from '../../core/detect/rules/describeRules.ts';
import { parseTimestamp } from '../../core/importers/parseTime.ts';
import type { CliContext } from '../context.ts';
import type { Progress } from '../output.ts';
import { withEvidenceStore } from './evidenceStore.ts';

function when(ms: number | null): string {
  return ms === null ? '(no time)' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function findingLine(f: Finding): string {
  const triage = f.triage === 'new' ? '' : ` [${f.triage}]`;
  return `#${f.id} ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}${triage}  ${when(f.firstMs)} .. ${when(f.lastMs)}\n    ${f.explanation}\n    evidence: ${f.evidenceCount} records`;
}

/** `warden detect`: runs the rules over the active profile's store (incrementally) and lists the findings. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('detect')
    .description('run the detection rules over the evidence store (only what is new since the last run) and list the findings')
    .option('--since <time>', 'list only findings with evidence at or after this time (UTC)')
    .option('--full', 're-derive every finding from all records (triage and notes are kept)')
    .option('--rules', 'list the rules, their parameters and what they look at, and run nothing')
    .action(async (options: { since?: string; full?: boolean; rules?: boolean }) => {
      if (options.rules) {
        const rules = describeRules();
        cli.out.result({ rules }, () =>
          rules
            .map((r) => `${r.id} (${r.severity}, ${r.technique}): ${r.title}\n    looks at: ${r.looksAt}\n    parameters: ${JSON.stringify(r.parameters)}`)
            .join('\n'),
        );
        return;
      }
      let sinceMs: number | undefined;
      if (options.since !== undefined) {
        const t = parseTimestamp(options.since);
        if (t === null)
          throw new WardenError(
            'invalid-input',
            `--since ${options.since}: expected a time such as 2026-06-01 or 2026-06-01T12:00:00Z (UTC unless it has an offset).`,
          );
        sinceMs = t;
      }
      await withEvidenceStore(cli, async (store, profile) => {
        // One bar per phase: the sign-in events read, then the audit rules.
        let phase: RunProgress['phase'] | null = null;
        let progress: Progress | null = null;
        const onProgress = (p: RunProgress) => {
          if (p.phase !== phase) {
            progress?.stop();
            progress = cli.out.progress(p.phase === 'sign-ins' ? 'detect: sign-in events' : 'detect: audit rules');
            phase = p.phase;
          }
          progress!.update(p.done, p.total);
        };
        const run = await runDetections(store, { full: options.full === true, log: cli.log, onProgress }).finally(() => progress?.stop());
        const findings = listFindings(store, sinceMs === undefined ? {} : { sinceMs });
        const skipped = run.rules.filter((r) => r.skipped && r.skipped.startsWith('needs'));
        const value = {
          profile,
          run,
          findings: findings.map((f) => ({ ...f, evidence: evidenceIds(store, f.id) })),
        };
        cli.out.result(value, () =>
          [
            ...findings.map(findingLine),
            `${findings.length} active findings${sinceMs !== undefined ? ` since ${new Date(sinceMs).toISOString()}` : ''} (${run.mode} run, ${Math.round(run.ms)} ms; suppressed findings are hidden: \`warden suppress list\`).`,
            ...skipped.map((r) => `Not run: ${r.ruleId}: ${r.skipped}.`),
          ].join('\n'),
        );
      });
    });
}
