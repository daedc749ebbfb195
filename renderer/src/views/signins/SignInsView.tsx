import { PersonLockRegular } from '@fluentui/react-icons';
import { SIGNIN_COLUMNS } from '../../components/records/recordColumns.ts';
import { RecordReview } from '../../components/records/RecordReview.tsx';
import { AnomaliesFirst } from './AnomaliesFirst.tsx';

/** Entra ID sign-ins, reviewed offline. */
export function SignInsView() {
  return (
    <RecordReview
      kind="signin"
      label="Sign-ins"
      noun="sign-ins"
      columns={SIGNIN_COLUMNS}
      empty={{ icon: <PersonLockRegular />, title: 'No sign-ins collected' }}
      // The place reserved for "anomalies first" (detections): see AnomaliesFirst.tsx.
      top={(span) => <AnomaliesFirst span={span} />}
    />
  );
}
