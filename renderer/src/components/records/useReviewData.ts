import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordFilter } from '../../../../shared/model/evidence.ts';
import { invoke, on } from '../../ipc/client.ts';
import { RecordRowCache } from './recordRowCache.ts';

/**
 * Bumps when main says the evidence store changed (an import landed, a collection ran): every
 * review query is refetched and row caches start over.
 */
export function useEvidenceGeneration(): number {
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  useEffect(
    () =>
      on('evidence.changed', () => {
        setGeneration((g) => g + 1);
        void queryClient.invalidateQueries({ queryKey: ['review'] });
      }),
    [queryClient],
  );
  return generation;
}

/** A stable key for a filter (its JSON): equal filters share cached answers. */
export function filterKey(filter: RecordFilter): string {
  return JSON.stringify(filter);
}

export function useRecordCount(filter: RecordFilter) {
  return useQuery({ queryKey: ['review', 'count', filterKey(filter)], queryFn: () => invoke('review.count', { filter }) });
}

export function useHistogram(filter: RecordFilter) {
  return useQuery({ queryKey: ['review', 'histogram', filterKey(filter)], queryFn: () => invoke('review.histogram', { filter }) });
}

/** The row cache of one result; a new one for each filter and each change of the store. */
export function useRecordRows(filter: RecordFilter, generation: number): { cache: RecordRowCache; version: number } {
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const latest = useRef<RecordRowCache | null>(null);
  const key = filterKey(filter);
  const cache = useMemo(() => {
    const created: RecordRowCache = new RecordRowCache(
      {
        window: async (offset, limit) => (await invoke('review.window', { filter, offset, limit })).rows,
        after: async (after, limit) => (await invoke('review.page', { filter, after, limit })).rows,
      },
      // A replaced cache may still answer late; only the current one re-renders the table.
      () => {
        if (latest.current === created) bump();
      },
    );
    return created;
    // The key stands for the filter's value; generation starts over after the store changed.
  }, [key, generation]);
  useEffect(() => {
    latest.current = cache;
  }, [cache]);
  return { cache, version };
}
