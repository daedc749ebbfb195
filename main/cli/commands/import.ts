import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { WardenError } from '../../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { importFile, type FileImportResult } from '../../core/importers/importFile.ts';
import { withEvidenceStore } from './evidenceStore.ts';

/** Where rejects go: beside the input when that folder is writable, else in <dataDir>/rejects. */
function rejectsFileFor(cli: CliContext, file: string): string {
  try {
    accessSync(path.dirname(path.resolve(file)), constants.W_OK);
    return `${file}.rejects.jsonl`;
  } catch {
    return path.join(cli.dataDir(), 'rejects', `${path.basename(file)}.${Date.now()}.rejects.jsonl`);
  }
}

/** `warden import FILE...`: audit and sign-in exports into the active profile's evidence store. */
export function register(program: Command, cli: CliContext): void {
  program
    .command('import')
    .description('import audit and sign-in log exports (Purview/UAL CSV, Management Activity JSON/NDJSON, Log Analytics CSV/JSON, Graph JSON, Extractor-Suite output)')
    .argument('<files...>', 'files to import; each lands entirely or not at all')
    .option('--skip-bad', 'import the good records and write the bad ones, with reasons, to FILE.rejects.jsonl')
    .action(async (files: string[], options: { skipBad?: boolean }) => {
      await withEvidenceStore(cli, async (store, profile) => {
        const results: FileImportResult[] = [];
        const failed: { file: string; error: string }[] = [];
        for (const file of files) {
          const progress = cli.out.progress(`import ${path.basename(file)}`);
          const rejectsFile = rejectsFileFor(cli, file);
          if (options.skipBad) mkdirSync(path.dirname(rejectsFile), { recursive: true });
          try {
            results.push(
              await importFile(store, file, {
                skipBad: options.skipBad === true,
                rejectsFile,
                onProgress: (p) => progress.update(p.bytesRead, p.totalBytes),
              }),
            );
          } catch (error) {
            if (!(error instanceof WardenError)) throw error;
            failed.push({ file, error: error.message });
            cli.out.note(`warden: ${error.message}`);
          } finally {
            progress.stop();
          }
        }
        const totals = { read: 0, inserted: 0, duplicates: 0, rejected: 0 };
        for (const r of results) {
          totals.read += r.read;
          totals.inserted += r.inserted;
          totals.duplicates += r.duplicates;
          totals.rejected += r.rejected;
        }
        const value = { profile, store: store.file, files: results, failed, totals };
        cli.out.result(value, () =>
          [
            ...results.map(
              (r) =>
                `${r.file}: ${r.read} records read (${Object.entries(r.formats).map(([f, n]) => `${n} ${f}`).join(', ') || 'none'}): ` +
                `${r.inserted} new, ${r.duplicates} already stored${r.rejected ? `, ${r.rejected} rejected → ${r.rejectsFile}` : ''}` +
                r.notes.map((n) => `\n  note: ${n.note} (${n.records} records)`).join(''),
            ),
            ...failed.map((f) => `${f.file}: NOT imported: ${f.error}`),
            `Total: ${totals.inserted} new records, ${totals.duplicates} already stored, ${totals.rejected} rejected, ${failed.length} files not imported.`,
          ].join('\n'),
        );
        if (failed.length > 0 || totals.rejected > 0) {
          cli.incomplete(`${failed.length} of ${files.length} files not imported, ${totals.rejected} records rejected. ${failed.map((f) => f.error).join(' ')}`.trim());
        }
      });
    });
}
