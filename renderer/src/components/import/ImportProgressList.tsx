import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { ImportSummary } from '../../../../shared/ipc/imports.ts';
import { formatUtc } from '../records/formatTime.ts';
import { importQueue, useImports, type ImportItem } from './importQueue.ts';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

function describe(summary: ImportSummary): string {
  const formats = Object.entries(summary.formats)
    .map(([format, n]) => `${n} ${format}`)
    .join(', ');
  const span = summary.minTimeMs !== null ? `, from ${formatUtc(summary.minTimeMs)} to ${formatUtc(summary.maxTimeMs)} UTC` : '';
  const notes = summary.notes.map((n) => ` Note: ${n.note} (${n.records} records).`).join('');
  return `${summary.read} records read (${formats || 'none'}): ${summary.inserted} new, ${summary.duplicates} already stored${span}.${notes}`;
}

function progressOf(item: ImportItem): { value: number | undefined; text: string } {
  const fraction = item.total > 0 ? Math.min(1, item.done / item.total) : 0;
  if (item.phase === 'waiting') return { value: 0, text: 'Waiting' };
  if (item.phase === 'uploading') return { value: fraction / 2, text: `Reading the file: ${Math.round(fraction * 100)}%` };
  return { value: 0.5 + fraction / 2, text: `Importing: ${item.records.toLocaleString()} records so far` };
}

/** Files being imported, with a progress bar each, then each file's result or error. */
export function ImportProgressList() {
  const styles = useStyles();
  const items = useImports();
  if (items.length === 0) return null;
  const finished = items.some((i) => i.phase === 'done' || i.phase === 'failed');
  return (
    <section className={styles.list} aria-label="Imports" data-testid="imports">
      {items.map((item) => {
        if (item.phase === 'done' && item.summary) {
          return (
            <MessageBar key={item.key} intent="success" data-testid="import-result">
              <MessageBarBody>
                <MessageBarTitle>{item.fileName} imported.</MessageBarTitle>
                {describe(item.summary)}
              </MessageBarBody>
            </MessageBar>
          );
        }
        if (item.phase === 'failed') {
          return (
            <MessageBar key={item.key} intent="error" data-testid="import-error">
              <MessageBarBody>
                <MessageBarTitle>{item.fileName} was not imported.</MessageBarTitle>
                {item.error}
              </MessageBarBody>
            </MessageBar>
          );
        }
        const progress = progressOf(item);
        return (
          <Field key={item.key} label={item.fileName} validationMessage={progress.text} validationState="none">
            <ProgressBar value={progress.value} thickness="large" aria-label={`Importing ${item.fileName}`} />
          </Field>
        );
      })}
      {finished && (
        <div>
          <Button size="small" onClick={() => importQueue.clearFinished()}>
            Clear finished imports
          </Button>
        </div>
      )}
    </section>
  );
}
