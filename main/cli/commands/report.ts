import path from 'node:path';
import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import { buildReport } from '../../core/detect/report/buildReport.ts';
import { renderHtmlReport } from '../../core/detect/report/renderHtmlReport.ts';
import { atomicWriteFile } from '../../core/fs/atomicWriteFile.ts';
import type { CliContext } from '../context.ts';
import { withEvidenceStore } from './evidenceStore.ts';

/** `warden report --format html|json --out FILE`: the findings as a file a reviewer can send. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('report')
    .description('write the findings (as of the last `warden detect`) to a self-contained HTML or JSON file')
    .requiredOption('--out <file>', 'where to write the report')
    .option('--format <format>', 'html or json', 'html')
    .action(async (options: { out: string; format: string }) => {
      if (options.format !== 'html' && options.format !== 'json') throw new WardenError('invalid-input', `--format ${options.format}: expected html or json.`);
      await withEvidenceStore(cli, async (store, profile) => {
        const report = buildReport(store, profile);
        const file = path.resolve(options.out);
        await atomicWriteFile(file, options.format === 'html' ? renderHtmlReport(report) : `${JSON.stringify(report, null, 2)}\n`);
        cli.out.result({ file, format: options.format, findings: report.counts.total }, () => `Wrote ${report.counts.total} findings to ${file}.`);
      });
    });
}
