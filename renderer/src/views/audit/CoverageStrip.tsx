import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { CoverageStatus, SourceCoverage } from '../../../../shared/ipc/review.ts';
import { formatUtc } from '../../components/records/formatTime.ts';
import type { Span } from '../../components/records/TimelineHistogram.tsx';
import { invoke } from '../../ipc/client.ts';

/** What each status means to a reviewer, worst first (a cell shows the worst status within it). */
export const STATUS_LEGEND: readonly [CoverageStatus, string][] = [
  ['gap', 'Gap: records known to be missing'],
  ['unknown', 'No record: nothing collected or imported'],
  ['partial', 'Incomplete: a service cap was hit'],
  ['pending', 'Pending: still being collected'],
  ['past-retention', 'Past retention: the service no longer holds it'],
  ['complete', 'Complete'],
];
const SHORT: Record<CoverageStatus, string> = {
  gap: 'gap',
  unknown: 'no record',
  partial: 'incomplete',
  pending: 'pending',
  'past-retention': 'past retention',
  complete: 'complete',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(120px, 220px) 1fr', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  strip: { display: 'flex', height: '14px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  cell: { flex: '1 1 0', minWidth: 0, borderRight: `1px solid ${tokens.colorNeutralBackground1}` },
  complete: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  partial: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  gap: { backgroundColor: tokens.colorPaletteRedBackground3 },
  pending: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  'past-retention': {
    backgroundColor: tokens.colorNeutralBackground5,
    backgroundImage: `repeating-linear-gradient(45deg, transparent 0 3px, ${tokens.colorNeutralStroke1} 3px 4px)`,
  },
  unknown: { backgroundColor: tokens.colorNeutralBackground4 },
  axis: { display: 'grid', gridTemplateColumns: 'minmax(120px, 220px) 1fr', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  axisEnds: { display: 'flex', justifyContent: 'space-between' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalL}`, margin: 0, padding: 0, listStyleType: 'none' },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '14px', height: '14px', borderRadius: tokens.borderRadiusSmall, flexShrink: 0 },
});

function hoursText(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/** "complete 120 h, gap 3 h, no record 21 h": the strip in words, for screen readers and tooltips. */
function summary(source: SourceCoverage): string {
  return STATUS_LEGEND.filter(([status]) => source.hours[status] > 0)
    .map(([status]) => `${SHORT[status]} ${hoursText(source.hours[status])}`)
    .join(', ');
}

/** "import:audit.json" → "Imported: audit.json"; collection sources keep their names. */
function sourceLabel(source: string): string {
  return source.startsWith('import:') ? `Imported: ${source.slice('import:'.length)}` : source;
}

/**
 * The completeness ledger as a strip per source over the time in view: which hours are complete,
 * incomplete, missing or past retention. Re-collecting the gaps comes with the collection jobs.
 */
export function CoverageStrip({ span }: { span: Span | null }) {
  const styles = useStyles();
  const coverage = useQuery({
    queryKey: ['review', 'coverage', span?.fromMs ?? null, span?.toMs ?? null],
    queryFn: () => invoke('review.coverage', span ? { fromMs: span.fromMs, toMs: span.toMs, buckets: 96 } : { buckets: 96 }),
  });
  const data = coverage.data;
  return (
    <section className={styles.root} aria-labelledby="coverage-title" data-testid="coverage-strip">
      <Subtitle2 as="h2" id="coverage-title">
        Collection coverage
      </Subtitle2>
      {coverage.isError && <Caption1 role="alert">{coverage.error.message}</Caption1>}
      {data && data.sources.length === 0 && <Caption1>No collection or import has recorded which hours it covers in this time range yet.</Caption1>}
      {data?.sources.map((source) => (
        <div key={source.source} className={styles.row}>
          <span className={styles.label} title={source.source}>
            {sourceLabel(source.source)}
          </span>
          <div className={styles.strip} role="img" aria-label={`${sourceLabel(source.source)}: ${summary(source)}`} title={summary(source)}>
            {source.cells.map((cell) => (
              <span
                key={cell.startMs}
                className={mergeClasses(styles.cell, styles[cell.status])}
                data-status={cell.status}
                title={`${formatUtc(cell.startMs)} to ${formatUtc(cell.endMs)} UTC: ${SHORT[cell.status]}${cell.received ? `, ${cell.received} received` : ''}${
                  cell.expected !== null ? ` of ${cell.expected} expected` : ''
                }`}
              />
            ))}
          </div>
        </div>
      ))}
      {data && data.sources.length > 0 && data.fromMs !== null && data.toMs !== null && (
        <div className={styles.axis}>
          <span />
          <span className={styles.axisEnds}>
            <Caption1>{formatUtc(data.fromMs)} UTC</Caption1>
            <Caption1>{`each cell ${hoursText(data.bucketMs / 3_600_000)}`}</Caption1>
            <Caption1>{formatUtc(data.toMs)} UTC</Caption1>
          </span>
        </div>
      )}
      {data && data.hiddenSources.length > 0 && (
        <Caption1>
          {data.hiddenSources.length} more sources in this range are not drawn: {data.hiddenSources.slice(0, 5).map(sourceLabel).join(', ')}
          {data.hiddenSources.length > 5 ? '…' : ''}
        </Caption1>
      )}
      <ul className={styles.legend} aria-label="Legend">
        {STATUS_LEGEND.map(([status, text]) => (
          <li key={status} className={styles.legendItem}>
            <span className={mergeClasses(styles.swatch, styles[status])} aria-hidden />
            <Caption1>{text}</Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
