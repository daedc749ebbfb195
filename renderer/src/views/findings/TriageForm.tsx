import { useState } from 'react';
import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { FindingDetail, TriageState } from '../../../../shared/model/findings.ts';

// Listed here rather than read from the zod schema: parsing in the renderer would make zod probe for eval, which the CSP forbids.
const STATES: readonly TriageState[] = ['new', 'investigating', 'benign', 'confirmed'];
import { useTriage } from './useFindings.ts';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '520px' } });

/** Sets the triage state with a note; both are kept in the finding's history and survive re-runs. */
export function TriageForm({ detail }: { detail: FindingDetail }) {
  const styles = useStyles();
  const triage = useTriage();
  const [state, setState] = useState<TriageState>(detail.finding.triage);
  const [note, setNote] = useState('');
  const changed = state !== detail.finding.triage || note.trim() !== '';
  return (
    <form
      className={styles.form}
      aria-label="Triage"
      onSubmit={(e) => {
        e.preventDefault();
        triage.mutate(
          { id: detail.finding.id, state: state === detail.finding.triage ? null : state, note: note.trim() === '' ? null : note.trim() },
          { onSuccess: () => setNote('') },
        );
      }}
    >
      <Field label="Triage state">
        <Dropdown
          aria-label="Triage state"
          value={state}
          selectedOptions={[state]}
          onOptionSelect={(_e, data) => setState(STATES.find((s) => s === data.optionValue) ?? state)}
        >
          {STATES.map((s) => (
            <Option key={s} value={s}>
              {s}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Note">
        <Textarea aria-label="Triage note" value={note} onChange={(_e, data) => setNote(data.value)} placeholder="What you checked and what you concluded" />
      </Field>
      {triage.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{triage.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={!changed || triage.isPending}>
          Save triage
        </Button>
      </div>
    </form>
  );
}
