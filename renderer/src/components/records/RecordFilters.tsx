import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Field, Input, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { Filter20Regular } from '@fluentui/react-icons';
import type { RecordFilter } from '../../../../shared/model/evidence.ts';
import { draftOf, filterOf, LIST_FIELDS, RESULTS, type FilterDraft, type ListField, type ResultValue } from './filterDraft.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  searchRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  search: { flex: 1, maxWidth: '640px' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  results: { display: 'flex', flexWrap: 'wrap' },
  resultSet: { gridColumn: 'span 2', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
});

/** How many field filters (beyond the search text) are set. */
function fieldFilters(filter: RecordFilter): number {
  return Object.keys(filter).filter((key) => key !== 'kind' && key !== 'text').length;
}

const RESULT_LABELS: Record<ResultValue, string> = { success: 'Success', failure: 'Failure', partial: 'Partial' };

export interface RecordFiltersProps {
  filter: RecordFilter;
  onApply: (filter: RecordFilter) => void;
  /** Shown beside the search box (import, export, saved searches). */
  actions?: ReactNode;
}

/**
 * Full-text search and the field filters. Typing changes only the form; Enter or "Apply" runs the
 * search, so millions of records are not queried at every keystroke.
 */
export function RecordFilters({ filter, onApply, actions }: RecordFiltersProps) {
  const styles = useStyles();
  const fieldsId = useId();
  const [draft, setDraft] = useState<FilterDraft>(() => draftOf(filter));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const active = fieldFilters(filter);
  const [showFields, setShowFields] = useState(active > 0);
  // A filter set elsewhere (a saved search, the timeline brush) shows up in the form.
  const applied = JSON.stringify(filter);
  useEffect(() => {
    const next = JSON.parse(applied) as RecordFilter;
    setDraft(draftOf(next));
    setProblems({});
    if (fieldFilters(next) > 0) setShowFields(true);
  }, [applied]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = filterOf(filter.kind, draft);
    if ('problems' in parsed) {
      setProblems(parsed.problems);
      if (Object.keys(parsed.problems).some((key) => key !== 'text')) setShowFields(true);
      return;
    }
    setProblems({});
    onApply(parsed.filter);
  };
  const setList = (key: ListField, value: string) => setDraft((d) => ({ ...d, lists: { ...d.lists, [key]: value } }));
  const toggleResult = (value: ResultValue, checked: boolean) =>
    setDraft((d) => ({ ...d, results: checked ? [...d.results, value] : d.results.filter((r) => r !== value) }));
  const error = (key: string) => (problems[key] ? { validationState: 'error' as const, validationMessage: problems[key] } : {});

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Search and filters">
      <div className={styles.searchRow}>
        <Field label="Search text" className={styles.search} {...error('text')}>
          <SearchBox
            value={draft.text}
            placeholder="Words, names, IDs (all must match)"
            onChange={(_e, data) => setDraft((d) => ({ ...d, text: data.value }))}
          />
        </Field>
        <Button type="submit" appearance="primary">
          Apply filters
        </Button>
        <Button
          type="button"
          appearance="subtle"
          icon={<Filter20Regular />}
          aria-expanded={showFields}
          aria-controls={fieldsId}
          onClick={() => setShowFields((shown) => !shown)}
        >
          {active > 0 ? `Filters (${active})` : 'Filters'}
        </Button>
        <Button type="button" onClick={() => onApply({ kind: filter.kind })}>
          Clear all
        </Button>
        {actions}
      </div>
      {showFields && (
        <div className={styles.fields} id={fieldsId}>
          <Field label="From (UTC)" {...error('from')}>
            <Input type="datetime-local" value={draft.from} onChange={(_e, data) => setDraft((d) => ({ ...d, from: data.value }))} />
          </Field>
          <Field label="To (UTC)" {...error('to')}>
            <Input type="datetime-local" value={draft.to} onChange={(_e, data) => setDraft((d) => ({ ...d, to: data.value }))} />
          </Field>
          {LIST_FIELDS.map(({ key, label, hint }) => (
            <Field key={key} label={label} {...error(key)}>
              <Input value={draft.lists[key]} placeholder={hint} onChange={(_e, data) => setList(key, data.value)} />
            </Field>
          ))}
          <Field label="Tag" {...error('tag')}>
            <Input value={draft.tag} onChange={(_e, data) => setDraft((d) => ({ ...d, tag: data.value }))} />
          </Field>
          {/* A fieldset, not a Field: a Field gives its one control its id, and three checkboxes would share it. */}
          <fieldset className={styles.resultSet}>
            <legend className={styles.legend}>Result</legend>
            <div className={styles.results}>
              {RESULTS.map((value) => (
                <Checkbox
                  key={value}
                  label={RESULT_LABELS[value]}
                  checked={draft.results.includes(value)}
                  onChange={(_e, data) => toggleResult(value, data.checked === true)}
                />
              ))}
            </div>
          </fieldset>
        </div>
      )}
    </form>
  );
}
