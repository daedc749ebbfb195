import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { RecordFilter, type RecordRow } from '../../../shared/model/evidence.ts';
import { describeZodError } from '../../core/zodMessages.ts';
import { parseTimestamp } from '../../core/importers/parseTime.ts';
import type { CliContext } from '../context.ts';
import { countRecords, queryPage } from '../../core/review/queryRecords.ts';
import { withEvidenceStore } from './evidenceStore.ts';

interface QueryOptions {
  from?: string;
  to?: string;
  user?: string[];
  operation?: string[];
  ip?: string[];
  text?: string;
  limit: string;
}

function time(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const t = parseTimestamp(value);
  if (t === null) throw new WardenError('invalid-input', `${option} ${value}: expected a time such as 2026-06-01 or 2026-06-01T12:00:00Z (UTC unless it has an offset).`);
  return t;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function line(r: RecordRow): string {
  const t = r.timeMs === null ? '(no time)               ' : new Date(r.timeMs).toISOString();
  const what = r.kind === 'signin' ? `${r.result ?? ''} ${r.errorCode ?? ''} ${r.app ?? ''} ${r.clientApp ?? ''}` : `${r.operation ?? ''} ${r.result ?? ''}`;
  return `${t}  ${(r.user ?? '-').padEnd(36)} ${(r.ip ?? '-').padEnd(20)} ${what.trim()}${r.country ? ` ${r.country}` : ''}`;
}

/** `warden query audit|signins`: the review layer from the command line. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('query')
    .description('list audit records or sign-ins from the evidence store, newest first')
    .argument('<kind>', 'audit or signins')
    .option('--from <time>', 'records at or after this time (UTC)')
    .option('--to <time>', 'records before this time (UTC)')
    .option('--user <upn>', 'by user (repeatable)', collect)
    .option('--operation <name>', 'by operation (repeatable)', collect)
    .option('--ip <address>', 'by client IP (repeatable)', collect)
    .option('--text <words>', 'full-text search: every word must occur')
    .option('--limit <n>', 'at most this many records', '100')
    .action(async (kindArg: string, options: QueryOptions) => {
      const kind = kindArg === 'audit' ? 'audit' : kindArg === 'signins' || kindArg === 'signin' ? 'signin' : null;
      if (!kind) throw new WardenError('invalid-input', `query ${kindArg}: expected "audit" or "signins".`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new WardenError('invalid-input', `--limit ${options.limit}: expected a whole number from 1 to 100000.`);
      const parsed = RecordFilter.safeParse({
        kind,
        fromMs: time(options.from, '--from'),
        toMs: time(options.to, '--to'),
        users: options.user,
        operations: options.operation,
        ips: options.ip,
        text: options.text,
      });
      if (!parsed.success) throw new WardenError('invalid-input', describeZodError(parsed.error));
      await withEvidenceStore(cli, async (store) => {
        const rows: RecordRow[] = [];
        let after = null;
        while (rows.length < limit) {
          const page = queryPage(store, { filter: parsed.data, order: 'newest', after, limit: Math.min(1000, limit - rows.length) });
          rows.push(...page.rows);
          if (!page.next) break;
          after = page.next;
        }
        const total = countRecords(store, parsed.data);
        const value = { kind, filter: parsed.data, total, records: rows.map((r) => ({ ...r, time: r.timeMs === null ? null : new Date(r.timeMs).toISOString() })) };
        cli.out.result(value, () => [...rows.map(line), `${rows.length} shown of ${total.exact ? '' : 'more than '}${total.count} matching.`].join('\n'));
      });
    });
}
