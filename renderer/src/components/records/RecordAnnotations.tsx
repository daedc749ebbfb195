import { useRef, useState, type FormEvent } from 'react';
import { Body1, Button, Caption1, Field, Input, Tag, TagGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordNote } from '../../../../shared/model/evidence.ts';
import { invoke } from '../../ipc/client.ts';
import { formatUtc } from './formatTime.ts';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flex: 1 },
  note: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  noteText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  noteFoot: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Tags and notes a reviewer keeps on a record (annotations, not evidence: they are not hashed). */
export function RecordAnnotations({ recordId, tags, notes }: { recordId: number; tags: string[]; notes: RecordNote[] }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  // After adding, focus goes back to the field (its button turns disabled and would drop focus out of the drawer).
  const tagInput = useRef<HTMLInputElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['review', 'record', recordId] });
  /** Clears a field after its value was added, and puts focus back in it. */
  const added = (clear: () => void, field: { current: HTMLElement | null }) => () => {
    clear();
    field.current?.focus();
    return refresh();
  };
  const addTag = useMutation({
    mutationFn: (value: string) => invoke('review.tags.add', { id: recordId, tag: value }),
    onSuccess: added(() => setTag(''), tagInput),
  });
  const removeTag = useMutation({ mutationFn: (value: string) => invoke('review.tags.remove', { id: recordId, tag: value }), onSuccess: refresh });
  const addNote = useMutation({
    mutationFn: (text: string) => invoke('review.notes.add', { id: recordId, text }),
    onSuccess: added(() => setNote(''), noteInput),
  });
  const deleteNote = useMutation({ mutationFn: (noteId: number) => invoke('review.notes.delete', { noteId }), onSuccess: refresh });
  const failure = [addTag, removeTag, addNote, deleteNote].find((m) => m.isError)?.error;

  const submitTag = (event: FormEvent) => {
    event.preventDefault();
    if (tag.trim()) addTag.mutate(tag.trim());
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) addNote.mutate(note);
  };

  return (
    <div className={styles.stack}>
      {tags.length > 0 ? (
        <TagGroup aria-label="Tags" onDismiss={(_e, data) => removeTag.mutate(String(data.value))} data-testid="record-tags">
          {tags.map((t) => (
            <Tag key={t} value={t} dismissible dismissIcon={{ 'aria-label': `Remove tag ${t}` }}>
              {t}
            </Tag>
          ))}
        </TagGroup>
      ) : (
        <Caption1>No tags.</Caption1>
      )}
      <form className={styles.row} onSubmit={submitTag}>
        <Field label="New tag" className={styles.grow}>
          <Input ref={tagInput} value={tag} maxLength={100} onChange={(_e, data) => setTag(data.value)} />
        </Field>
        <Button type="submit" disabled={!tag.trim() || addTag.isPending}>
          Add tag
        </Button>
      </form>

      {notes.map((n) => (
        <div key={n.id} className={styles.note}>
          <Body1 className={styles.noteText}>{n.text}</Body1>
          <div className={styles.noteFoot}>
            <Caption1>{formatUtc(n.updatedAt)} UTC</Caption1>
            <Button size="small" appearance="subtle" onClick={() => deleteNote.mutate(n.id)} aria-label={`Delete note from ${formatUtc(n.updatedAt)}`}>
              Delete
            </Button>
          </div>
        </div>
      ))}
      <form className={styles.stack} onSubmit={submitNote}>
        <Field label="New note">
          <Textarea ref={noteInput} value={note} maxLength={10_000} resize="vertical" onChange={(_e, data) => setNote(data.value)} />
        </Field>
        <div>
          <Button type="submit" disabled={!note.trim() || addNote.isPending}>
            Add note
          </Button>
        </div>
      </form>
      {failure && (
        <Body1 role="alert" className={styles.error}>
          {failure.message}
        </Body1>
      )}
    </div>
  );
}
