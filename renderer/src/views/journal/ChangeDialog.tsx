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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ChangeRequestInput, FieldValue, JournalEntry } from '../../../../shared/model/adminChanges.ts';
import { useChangeActions } from './useAdmin.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  changed: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** The reason rule of main (Reason in shared/model), repeated here: the page does not load zod. */
export const MIN_REASON = 3;

export function FieldTable({ fields, label }: { fields: readonly FieldValue[]; label: string }) {
  const styles = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Setting</TableHeaderCell>
          <TableHeaderCell>Before</TableHeaderCell>
          <TableHeaderCell>After</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((f) => (
          <TableRow key={f.field}>
            <TableCell>{f.field}</TableCell>
            <TableCell>{f.before}</TableCell>
            <TableCell className={f.before !== f.after ? styles.changed : undefined}>{f.after}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A change, safely: main reads the target live and shows before -> after; the admin gives a reason and
 * confirms; main checks nothing moved since the preview, makes the change, reads it back and journals it.
 */
export function ChangeDialog({ change, onClose }: { change: ChangeRequestInput | null; onClose: (entry: JournalEntry | null) => void }) {
  const styles = useStyles();
  const { preview, apply } = useChangeActions();
  const [reason, setReason] = useState('');
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetApply } = apply;

  useEffect(() => {
    setReason('');
    resetApply();
    if (change) runPreview(change);
    else resetPreview();
  }, [change, runPreview, resetPreview, resetApply]);

  const shown = preview.data;
  const entry = apply.data ?? null;
  const done = entry !== null;
  const reasonOk = reason.trim().length >= MIN_REASON;
  const close = () => onClose(entry);

  return (
    <Dialog open={change !== null} onOpenChange={(_e, data) => !data.open && close()} modalType="modal">
      <DialogSurface aria-label="Change preview">
        <DialogBody>
          <DialogTitle>{shown?.title ?? 'Reading the current state from Exchange…'}</DialogTitle>
          <DialogContent className={styles.content}>
            {preview.isPending && <Spinner size="small" label="Reading the current state from Exchange…" />}
            {preview.isError && (
              <MessageBar intent="error" data-testid="change-error">
                <MessageBarBody>{preview.error.message}</MessageBarBody>
              </MessageBar>
            )}
            {shown && (
              <>
                <Caption1>
                  {shown.target} · made by {shown.actor} · read live from Exchange just now
                </Caption1>
                <FieldTable fields={done ? entry.fields : shown.fields} label="Before and after" />
                {shown.warnings.map((w) => (
                  <MessageBar key={w} intent="warning">
                    <MessageBarBody>{w}</MessageBarBody>
                  </MessageBar>
                ))}
                {shown.noOp && (
                  <MessageBar intent="info">
                    <MessageBarBody>Nothing to change: this is already the case.</MessageBarBody>
                  </MessageBar>
                )}
                {!shown.noOp && !done && (
                  <>
                    <Caption1>{shown.reversible ? 'It can be undone from the Journal.' : `No Undo: ${shown.irreversibleWhy ?? ''}`}</Caption1>
                    <Field label="Reason (kept in the journal with who and when)" required validationMessage={reason && !reasonOk ? `At least ${MIN_REASON} characters.` : undefined}>
                      <Textarea value={reason} onChange={(_e, data) => setReason(data.value)} maxLength={1000} resize="vertical" />
                    </Field>
                  </>
                )}
              </>
            )}
            {apply.isPending && <Spinner size="small" label="Making the change and reading it back…" />}
            {apply.isError && (
              <MessageBar intent="error" data-testid="change-error">
                <MessageBarBody>{apply.error.message}</MessageBarBody>
              </MessageBar>
            )}
            {entry && (
              <MessageBar intent={entry.result === 'succeeded' ? 'success' : 'error'} data-testid="change-result">
                <MessageBarBody>
                  {entry.result === 'succeeded' ? `Done. Journal entry ${entry.id}.` : `Change ${entry.result} (journal entry ${entry.id}): ${entry.error ?? ''}`}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {shown && !shown.noOp && !done && (
              <Button
                appearance="primary"
                disabled={!reasonOk || apply.isPending}
                onClick={() => apply.mutate({ change: shown.change, reason: reason.trim(), token: shown.token })}
              >
                Make this change
              </Button>
            )}
            {apply.isError && change && (
              <Button
                onClick={() => {
                  apply.reset();
                  runPreview(change);
                }}
                disabled={preview.isPending}
              >
                Preview again
              </Button>
            )}
            <Button onClick={close}>{done ? 'Close' : 'Cancel'}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
