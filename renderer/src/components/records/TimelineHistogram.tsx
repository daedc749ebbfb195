import { useRef, useState, type PointerEvent } from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { HistogramResult } from '../../../../shared/model/evidence.ts';
import { formatUtc } from './formatTime.ts';

const WIDTH = 1000;
const HEIGHT = 64;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  chart: {
    width: '100%',
    height: `${HEIGHT}px`,
    display: 'block',
    cursor: 'crosshair',
    touchAction: 'none',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  bar: { fill: tokens.colorBrandBackground },
  brush: { fill: tokens.colorBrandBackground2, stroke: tokens.colorBrandStroke1, strokeWidth: '1px', opacity: 0.6 },
  axis: { display: 'flex', justifyContent: 'space-between', color: tokens.colorNeutralForeground3 },
});

export interface Span {
  fromMs: number;
  toMs: number;
}

/** The time the histogram spans: from its first bucket to the end of its last. */
export function histogramSpan(data: HistogramResult | undefined): Span | null {
  if (!data || data.fromMs === null || data.buckets.length === 0) return null;
  const last = data.buckets[data.buckets.length - 1]!;
  return { fromMs: data.fromMs, toMs: last.startMs + data.bucketMs };
}

/**
 * Records over time. Drag across it (or click a bar) to filter the table to that time; the range
 * snaps to bucket edges. The From/To fields above do the same from the keyboard.
 */
export function TimelineHistogram({ data, onBrush }: { data: HistogramResult | undefined; onBrush: (span: Span) => void }) {
  const styles = useStyles();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const span = histogramSpan(data);
  if (!data || !span) {
    return <Caption1>{data && data.withoutTime > 0 ? `${data.withoutTime} matching records have no time.` : 'No timed records match.'}</Caption1>;
  }
  const buckets = Math.round((span.toMs - span.fromMs) / data.bucketMs);
  const barWidth = WIDTH / buckets;
  const max = Math.max(1, ...data.buckets.map((b) => b.count));
  const total = data.buckets.reduce((sum, b) => sum + b.count, 0);

  /** Where the pointer is, as a fraction of the width. */
  const fractionAt = (event: PointerEvent) => {
    const box = svgRef.current!.getBoundingClientRect();
    return Math.max(0, Math.min(1, (event.clientX - box.left) / box.width));
  };
  const finish = (event: PointerEvent) => {
    if (!drag) return;
    const end = fractionAt(event);
    setDrag(null);
    let from = Math.min(drag.start, end);
    let to = Math.max(drag.start, end);
    // A click (no real drag) picks the bucket under the pointer.
    if (to - from < 0.004) to = from;
    const bucketOf = (fraction: number) => Math.min(buckets - 1, Math.floor(fraction * buckets));
    from = bucketOf(from);
    to = bucketOf(to) + 1;
    onBrush({ fromMs: span.fromMs + from * data.bucketMs, toMs: span.fromMs + to * data.bucketMs });
  };

  const bucketLabel =
    data.bucketMs >= 86_400_000
      ? `${data.bucketMs / 86_400_000} day`
      : data.bucketMs >= 3_600_000
        ? `${data.bucketMs / 3_600_000} hour`
        : `${data.bucketMs / 60_000} minute`;
  return (
    <div className={styles.root}>
      <svg
        ref={svgRef}
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Timeline: ${total} records from ${formatUtc(span.fromMs)} to ${formatUtc(span.toMs)} UTC in ${bucketLabel} buckets. Drag across it to filter by time.`}
        data-testid="timeline"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = fractionAt(event);
          setDrag({ start: at, end: at });
        }}
        onPointerMove={(event) => drag && setDrag({ ...drag, end: fractionAt(event) })}
        onPointerUp={finish}
        onPointerCancel={() => setDrag(null)}
      >
        {data.buckets.map((b) => {
          const h = Math.max(1, (b.count / max) * (HEIGHT - 4));
          return (
            <rect
              key={b.startMs}
              className={styles.bar}
              x={((b.startMs - span.fromMs) / data.bucketMs) * barWidth}
              width={Math.max(0.5, barWidth * 0.9)}
              y={HEIGHT - h}
              height={h}
            >
              <title>{`${formatUtc(b.startMs)} UTC: ${b.count} records`}</title>
            </rect>
          );
        })}
        {drag && (
          <rect className={styles.brush} x={Math.min(drag.start, drag.end) * WIDTH} width={Math.abs(drag.end - drag.start) * WIDTH} y={0} height={HEIGHT} />
        )}
      </svg>
      <div className={styles.axis}>
        <Caption1>{formatUtc(span.fromMs)} UTC</Caption1>
        <Caption1>
          peak {max} per {bucketLabel}
          {data.withoutTime > 0 ? ` · ${data.withoutTime} without a time` : ''}
        </Caption1>
        <Caption1>{formatUtc(span.toMs)} UTC</Caption1>
      </div>
    </div>
  );
}
