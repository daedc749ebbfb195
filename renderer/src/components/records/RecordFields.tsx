import { makeStyles, tokens } from '@fluentui/react-components';
import type { RecordRow } from '../../../../shared/model/evidence.ts';
import { formatUtc } from './formatTime.ts';

/** The normalized fields, in reading order, with the words a reviewer uses. */
const FIELDS: readonly [keyof RecordRow, string][] = [
  ['timeMs', 'Time (UTC)'],
  ['kind', 'Kind'],
  ['operation', 'Operation'],
  ['workload', 'Workload'],
  ['recordType', 'Record type'],
  ['user', 'User'],
  ['userName', 'User name'],
  ['ip', 'IP address'],
  ['country', 'Country'],
  ['city', 'City'],
  ['object', 'Object'],
  ['result', 'Result'],
  ['resultDetail', 'Result detail'],
  ['app', 'App'],
  ['appId', 'App ID'],
  ['resource', 'Resource'],
  ['clientApp', 'Client app'],
  ['errorCode', 'Error code'],
  ['failureReason', 'Failure reason'],
  ['authRequirement', 'Authentication requirement'],
  ['authMethods', 'Authentication methods'],
  ['caStatus', 'Conditional Access'],
  ['riskLevel', 'Risk level'],
  ['userAgent', 'User agent'],
  ['deviceOs', 'Device OS'],
  ['deviceBrowser', 'Browser'],
  ['isInteractive', 'Interactive'],
  ['authProtocol', 'Authentication protocol'],
  ['sessionId', 'Session ID'],
  ['correlationId', 'Correlation ID'],
  ['uniqueTokenId', 'Unique token ID'],
  ['sourceId', 'Record ID (source)'],
  ['format', 'Read as'],
];

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyBase },
});

function shown(key: keyof RecordRow, value: RecordRow[keyof RecordRow]): string {
  if (key === 'timeMs') return formatUtc(value as number | null);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The record's normalized fields that have a value. */
export function RecordFields({ row }: { row: RecordRow }) {
  const styles = useStyles();
  return (
    <dl className={styles.list} data-testid="record-fields">
      {FIELDS.filter(([key]) => row[key] !== null && row[key] !== '').map(([key, label]) => (
        <div key={key} className={styles.pair}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.value}>{shown(key, row[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
