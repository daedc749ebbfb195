import { useRef, useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Field, Input, Popover, PopoverSurface, PopoverTrigger, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { Bookmark20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordFilter } from '../../../../shared/model/evidence.ts';
import { invoke } from '../../ipc/client.ts';

const useStyles = makeStyles({
  surface: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '300px', maxWidth: '420px' },
  list: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none', maxHeight: '260px', overflowY: 'auto' },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  name: { justifyContent: 'flex-start', flex: 1, minWidth: 0 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Named filters kept in the store: apply one, save the current search, delete one. */
export function SavedSearches({ filter, onApply }: { filter: RecordFilter; onApply: (filter: RecordFilter) => void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const saved = useQuery({ queryKey: ['review', 'savedSearches'], queryFn: () => invoke('review.savedSearches.list', {}), enabled: open });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['review', 'savedSearches'] });
  const save = useMutation({
    mutationFn: () => invoke('review.savedSearches.save', { name: name.trim(), filter }),
    onSuccess: () => {
      setName('');
      // Back to the name field: the Save button turns disabled and would drop focus out of the popover.
      nameInput.current?.focus();
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => invoke('review.savedSearches.delete', { id }), onSuccess: refresh });
  const mine = (saved.data ?? []).filter((s) => s.filter.kind === filter.kind);
  const failure = save.error ?? remove.error ?? saved.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) save.mutate();
  };

  return (
    <Popover open={open} onOpenChange={(_e, data) => setOpen(data.open)} trapFocus positioning="below-end">
      <PopoverTrigger disableButtonEnhancement>
        <Button icon={<Bookmark20Regular />}>Saved searches</Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-label="Saved searches">
        <Subtitle2 as="h3">Saved searches</Subtitle2>
        {mine.length === 0 && !saved.isPending && <Caption1>None saved yet.</Caption1>}
        <ul className={styles.list}>
          {mine.map((s) => (
            <li key={s.id} className={styles.item}>
              <Button
                appearance="subtle"
                className={styles.name}
                onClick={() => {
                  onApply(s.filter);
                  setOpen(false);
                }}
              >
                {s.name}
              </Button>
              <Button appearance="subtle" icon={<Delete20Regular />} aria-label={`Delete saved search ${s.name}`} onClick={() => remove.mutate(s.id)} />
            </li>
          ))}
        </ul>
        <form className={styles.form} onSubmit={submit}>
          <Field label="Save the current search as">
            <Input ref={nameInput} value={name} maxLength={100} onChange={(_e, data) => setName(data.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={!name.trim() || save.isPending}>
            Save
          </Button>
        </form>
        {failure && (
          <Body1 role="alert" className={styles.error}>
            {failure.message}
          </Body1>
        )}
      </PopoverSurface>
    </Popover>
  );
}
