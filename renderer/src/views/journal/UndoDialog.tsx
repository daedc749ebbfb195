import { useEffect, useState } from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { JournalEntry } from '../../../../shared/model/adminChanges.ts';
import { FieldTable, MIN_REASON } from './ChangeDialog.tsx';
import { useJournalActions } from './useAdmin.ts';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/**
 * Undo of a journaled change: what it will put back (the change's after -> before), a reason, and a
 * confirmation. Main checks the target still is as the change left it, makes the inverse change and
 * journals it as the Undo.
 */
export function UndoDialog({ entry, onClose }: { entry: JournalEntry | null; onClose: () => void }) {
  const styles = useStyles();
  const { undo } = useJournalActions();
  const [reason, setReason] = useState('');
  const { reset } = undo;
  useEffect(() => {
    setReason('');
    reset();
  }, [entry, reset]);
  const done = undo.data ?? null;
  const reasonOk = reason.trim().length >= MIN_REASON;
  return (
    <Dialog open={entry !== null} onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Undo a change">
        <DialogBody>
          <DialogTitle>Undo: {entry?.title}</DialogTitle>
          <DialogContent className={styles.content}>
            {entry && (
              <>
                <Caption1>
                  Change {entry.id} on {entry.target}, by {entry.actor} at {entry.at.slice(0, 19).replace('T', ' ')} UTC. Undo puts back:
                </Caption1>
                <FieldTable fields={entry.fields.map((f) => ({ field: f.field, before: f.after, after: f.before }))} label="What Undo puts back" />
                {!done && (
                  <Field label="Reason for the Undo" required validationMessage={reason && !reasonOk ? `At least ${MIN_REASON} characters.` : undefined}>
                    <Textarea value={reason} onChange={(_e, v) => setReason(v.value)} maxLength={1000} />
                  </Field>
                )}
              </>
            )}
            {undo.isPending && <Spinner size="small" label="Reading the current state, then undoing…" />}
            {undo.isError && (
              <MessageBar intent="error" data-testid="undo-error">
                <MessageBarBody>{undo.error.message}</MessageBarBody>
              </MessageBar>
            )}
            {done && (
              <MessageBar intent={done.result === 'succeeded' ? 'success' : 'error'} data-testid="undo-result">
                <MessageBarBody>
                  {done.result === 'succeeded' ? `Undone. Journal entry ${done.id}.` : `Undo ${done.result} (journal entry ${done.id}): ${done.error ?? ''}`}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {entry && !done && (
              <Button appearance="primary" disabled={!reasonOk || undo.isPending} onClick={() => undo.mutate({ id: entry.id, reason: reason.trim() })}>
                Undo this change
              </Button>
            )}
            <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
