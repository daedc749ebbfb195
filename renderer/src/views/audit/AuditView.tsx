import { DocumentSearchRegular } from '@fluentui/react-icons';
import { AUDIT_COLUMNS } from '../../components/records/recordColumns.ts';
import { RecordReview } from '../../components/records/RecordReview.tsx';
import { CoverageStrip } from './CoverageStrip.tsx';

/** Unified audit log and directory audit records, reviewed offline, with the ledger's coverage on top. */
export function AuditView() {
  return (
    <RecordReview
      kind="audit"
      label="Audit records"
      noun="records"
      columns={AUDIT_COLUMNS}
      empty={{ icon: <DocumentSearchRegular />, title: 'No audit records stored' }}
      top={(span) => <CoverageStrip span={span} />}
    />
  );
}
