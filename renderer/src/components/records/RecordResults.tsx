import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { CountResult, RecordFilter, RecordRow } from '../../../../shared/model/evidence.ts';
import type { RecordColumn } from './recordColumns.ts';
import { RecordTable } from './RecordTable.tsx';
import { useRecordRows } from './useReviewData.ts';

export interface RecordResultsProps {
  filter: RecordFilter;
  /** Bumps when the store changed: rows are fetched again. */
  generation: number;
  count: CountResult;
  label: string;
  columns: readonly RecordColumn[];
  onOpen: (row: RecordRow) => void;
}

/**
 * The table with its rows. Its own component so that rows arriving re-render only the table, not
 * the filters, timeline and coverage above it.
 */
export function RecordResults({ filter, generation, count, label, columns, onOpen }: RecordResultsProps) {
  const { cache, version } = useRecordRows(filter, generation);
  // A capped count ("more than 100,000") grows as the user scrolls to rows the cache has seen.
  const total = count.exact ? count.count : Math.max(count.count, cache.knownRows());
  return (
    <>
      {cache.error && (
        <MessageBar intent="error">
          <MessageBarBody>{cache.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <RecordTable label={label} columns={columns} total={total} cache={cache} version={version} onOpen={onOpen} />
    </>
  );
}
