import type { RecordFilter, RecordKind } from '../../../../shared/model/evidence.ts';
import { fromUtcInputValue, toUtcInputValue } from './formatTime.ts';

/** The list filters, each typed as comma-separated values; the hint is the input's placeholder. */
export const LIST_FIELDS = [
  { key: 'users', label: 'User', hint: 'UPN (any casing)' },
  { key: 'operations', label: 'Operation', hint: 'e.g. New-InboxRule' },
  { key: 'workloads', label: 'Workload', hint: 'e.g. Exchange' },
  { key: 'recordTypes', label: 'Record type', hint: 'e.g. ExchangeAdmin' },
  { key: 'ips', label: 'IP address', hint: 'IPv4 or IPv6, commas between' },
  { key: 'countries', label: 'Country', hint: 'two letters, e.g. NL' },
  { key: 'apps', label: 'App', hint: 'name or app id' },
] as const;
export type ListField = (typeof LIST_FIELDS)[number]['key'];

export const RESULTS = ['success', 'failure', 'partial'] as const;
export type ResultValue = (typeof RESULTS)[number];

/** What the filter form holds while the user types: text, parsed only on Apply. */
export interface FilterDraft {
  text: string;
  from: string;
  to: string;
  lists: Record<ListField, string>;
  results: ResultValue[];
  tag: string;
}

export function draftOf(filter: RecordFilter): FilterDraft {
  const lists = Object.fromEntries(LIST_FIELDS.map(({ key }) => [key, (filter[key] ?? []).join(', ')])) as Record<ListField, string>;
  return {
    text: filter.text ?? '',
    from: toUtcInputValue(filter.fromMs),
    to: toUtcInputValue(filter.toMs),
    lists,
    results: [...(filter.results ?? [])],
    tag: filter.tag ?? '',
  };
}

const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 400;

/** The filter a draft stands for, or the problems that keep it from being one (per field). */
export function filterOf(kind: RecordKind, draft: FilterDraft): { filter: RecordFilter } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const filter: RecordFilter = { kind };
  const text = draft.text.trim();
  if (text.length > 500) problems['text'] = 'At most 500 characters.';
  else if (text) filter.text = text;
  const from = fromUtcInputValue(draft.from);
  const to = fromUtcInputValue(draft.to);
  if (Number.isNaN(from)) problems['from'] = 'Not a date and time.';
  else if (from !== undefined) filter.fromMs = from;
  if (Number.isNaN(to)) problems['to'] = 'Not a date and time.';
  else if (to !== undefined) filter.toMs = to;
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs >= filter.toMs) problems['to'] = 'Must be after From.';
  for (const { key, label } of LIST_FIELDS) {
    const values = [
      ...new Set(
        draft.lists[key]
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length > MAX_VALUES) problems[key] = `At most ${MAX_VALUES} values.`;
    else if (values.some((v) => v.length > MAX_VALUE_LENGTH)) problems[key] = `A ${label.toLowerCase()} is at most ${MAX_VALUE_LENGTH} characters.`;
    else if (values.length > 0) filter[key] = values;
  }
  if (draft.results.length > 0) filter.results = [...draft.results];
  const tag = draft.tag.trim();
  if (tag.length > 100) problems['tag'] = 'At most 100 characters.';
  else if (tag) filter.tag = tag;
  return Object.keys(problems).length > 0 ? { problems } : { filter };
}

/** True when the filter narrows anything beyond its kind. */
export function isFiltered(filter: RecordFilter): boolean {
  return Object.keys(filter).some((key) => key !== 'kind');
}
