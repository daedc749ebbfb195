import { useCallback, useState, type ReactNode } from 'react';
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMutation } from '@tanstack/react-query';
import type { ExportFormat, RecordFilter, RecordKind, RecordRow } from '../../../../shared/model/evidence.ts';
import { invoke } from '../../ipc/client.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ImportDropZone } from '../import/ImportDropZone.tsx';
import { ImportFilesButton } from '../import/ImportFilesButton.tsx';
import { ImportProgressList } from '../import/ImportProgressList.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { formatUtc } from './formatTime.ts';
import { RecordDrawer } from './RecordDrawer.tsx';
import { RecordFilters } from './RecordFilters.tsx';
import type { RecordColumn } from './recordColumns.ts';
import { RecordResults } from './RecordResults.tsx';
import { SavedSearches } from './SavedSearches.tsx';
import { histogramSpan, TimelineHistogram, type Span } from './TimelineHistogram.tsx';
import { useEvidenceGeneration, useHistogram, useRecordCount } from './useReviewData.ts';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end', flexWrap: 'wrap' },
  summary: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minHeight: '24px' },
  emptyActions: { display: 'flex', justifyContent: 'center' },
});

export interface RecordReviewProps {
  kind: RecordKind;
  /** The table's accessible name, e.g. "Audit records". */
  label: string;
  /** The plural noun for counts, e.g. "records", "sign-ins". */
  noun: string;
  columns: readonly RecordColumn[];
  /** Shown while the store holds no record of this kind. */
  empty: { icon: ReactNode; title: string };
  /** Drawn at the top with the time span in view (the Audit view's coverage strip; Sign-ins' reserved place). */
  top?: (span: Span | null) => ReactNode;
}

/**
 * Offline review of one kind of record: search and filters, saved searches, export, import, a
 * timeline to brush, the virtualized table and the record drawer. The Audit and Sign-ins views
 * are this, with their own columns.
 */
export function RecordReview({ kind, label, noun, columns, empty, top }: RecordReviewProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<RecordFilter>({ kind });
  const [openId, setOpenId] = useState<number | null>(null);
  const generation = useEvidenceGeneration();
  const everything = useRecordCount({ kind });
  const count = useRecordCount(filter);
  const histogram = useHistogram(filter);
  const exporter = useMutation({ mutationFn: (format: ExportFormat) => invoke('review.export', { filter, format }) });
  const openRow = useCallback((row: RecordRow) => setOpenId(row.id), []);

  if (everything.isPending) return <Spinner label="Opening the evidence store…" />;
  if (everything.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{everything.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  if (everything.data.count === 0) {
    return (
      <ImportDropZone>
        <div className={styles.stack}>
          <EmptyState icon={empty.icon} title={empty.title}>
            Import a log file or collect from a tenant. Drop exports from Purview, the Management Activity API, Log Analytics, Graph or
            Microsoft-Extractor-Suite here.
          </EmptyState>
          <div className={styles.emptyActions}>
            <ImportFilesButton appearance="primary" />
          </div>
          <ImportProgressList />
        </div>
      </ImportDropZone>
    );
  }

  const counted = count.data;
  const timed = filter.fromMs !== undefined || filter.toMs !== undefined;
  const span: Span | null =
    filter.fromMs !== undefined && filter.toMs !== undefined ? { fromMs: filter.fromMs, toMs: filter.toMs } : histogramSpan(histogram.data);
  const untimed: RecordFilter = { ...filter };
  delete untimed.fromMs;
  delete untimed.toMs;

  return (
    <ImportDropZone>
      <div className={styles.stack}>
        {top?.(span)}
        <div className={styles.toolbar}>
          <ImportFilesButton />
          <SavedSearches filter={filter} onApply={setFilter} />
          <ExportMenu disabled={!counted || counted.count === 0 || exporter.isPending} onExport={(format) => exporter.mutate(format)} />
        </div>
        <ImportProgressList />
        {exporter.isPending && <Spinner size="tiny" label="Exporting…" />}
        {exporter.data && (
          <MessageBar intent={exporter.data.file ? 'success' : 'info'} data-testid="export-result">
            <MessageBarBody>
              {exporter.data.file
                ? `Exported ${exporter.data.records.toLocaleString()} ${noun} to ${exporter.data.file}.`
                : 'Export cancelled: nothing was written.'}
            </MessageBarBody>
          </MessageBar>
        )}
        {exporter.isError && (
          <MessageBar intent="error">
            <MessageBarBody>{exporter.error.message}</MessageBarBody>
          </MessageBar>
        )}
        <RecordFilters filter={filter} onApply={setFilter} />
        <TimelineHistogram data={histogram.data} onBrush={(s) => setFilter({ ...filter, fromMs: s.fromMs, toMs: s.toMs })} />
        <div className={styles.summary}>
          <Body1 aria-live="polite" data-testid="record-count">
            {counted ? `${counted.exact ? '' : 'more than '}${counted.count.toLocaleString()} ${noun}` : 'Counting…'}
          </Body1>
          {timed && (
            <>
              <Caption1>
                {filter.fromMs !== undefined ? formatUtc(filter.fromMs) : 'the start'} to {filter.toMs !== undefined ? formatUtc(filter.toMs) : 'now'} UTC
              </Caption1>
              <Button size="small" onClick={() => setFilter(untimed)}>
                Clear time range
              </Button>
            </>
          )}
        </div>
        {count.isError && (
          <MessageBar intent="error">
            <MessageBarBody>{count.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {counted && counted.count === 0 && <Body1>No {noun} match these filters.</Body1>}
        {counted && counted.count > 0 && (
          <RecordResults filter={filter} generation={generation} count={counted} label={label} columns={columns} onOpen={openRow} />
        )}
      </div>
      <RecordDrawer recordId={openId} onOpen={setOpenId} onClose={() => setOpenId(null)} />
    </ImportDropZone>
  );
}
