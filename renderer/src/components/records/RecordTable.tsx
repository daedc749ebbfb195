import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RecordRow } from '../../../../shared/model/evidence.ts';
import { columnWidths, type RecordColumn } from './recordColumns.ts';
import type { RecordRowCache } from './recordRowCache.ts';
import { MAX_SCROLL_HEIGHT, ScaledScroll } from './scaledScroll.ts';

export const ROW_HEIGHT = 32;
/**
 * The virtualizer's items are blocks of rows, not rows: it keeps a measurement per item, and ten
 * million items would cost it ~240 MB and a pass over all of them at every filter change. Blocks of
 * 8 rows cut that eightfold while only the rows in view (and a block either side) are in the DOM.
 */
const BLOCK_ROWS = 8;
const SCROLLBAR_GUTTER = 16;

/*
 * Rendering cost is what decides smoothness here (a fast scrollbar drag brings all-new rows every
 * frame), so rows are kept cheap: one class per cell, fixed column widths shared through a CSS
 * variable (no per-row grid sizing), and the row layer is a layout/paint containment boundary so
 * new rows never re-lay out the rest of the page.
 */
const useStyles = makeStyles({
  grid: {
    display: 'flex',
    flexDirection: 'column',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    height: 'clamp(320px, calc(100vh - 330px), 4000px)',
    outlineStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  header: {
    display: 'grid',
    gridTemplateColumns: 'var(--record-columns)',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    // The same gutter as the scroller's scrollbar, so header and rows line up.
    overflow: 'hidden',
    scrollbarGutter: 'stable',
  },
  scroller: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowX: 'hidden', position: 'relative', scrollbarGutter: 'stable' },
  // Its own compositing layer: rows coming and going repaint the table, not the whole page.
  viewport: { position: 'sticky', top: 0, height: '100%', overflow: 'hidden', contain: 'strict', willChange: 'transform' },
  block: { position: 'absolute', top: 0, left: 0, right: 0, contain: 'layout paint' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'var(--record-columns)',
    height: `${ROW_HEIGHT}px`,
    // The border inside the height: blocks are placed every BLOCK_ROWS × ROW_HEIGHT px.
    boxSizing: 'border-box',
    alignItems: 'center',
    cursor: 'pointer',
    fontSize: tokens.fontSizeBase200,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  pending: { cursor: 'progress' },
  placeholder: {
    gridColumn: '1 / -1',
    height: '8px',
    margin: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  cell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

interface RowClasses {
  row: string;
  activeRow: string;
  pendingRow: string;
  cell: string;
  placeholder: string;
}

interface RowProps {
  index: number;
  row: RecordRow | undefined;
  columns: readonly RecordColumn[];
  active: boolean;
  rowId: string;
  classes: RowClasses;
  onOpen: (index: number) => void;
}

/**
 * One table row; memoized, so scrolling re-renders only the rows that come into view. A row whose
 * data has not arrived is one empty cell: during a fast scrollbar drag most rows in view are such
 * placeholders, and they cost almost nothing to lay out.
 */
const Row = memo(function Row({ index, row, columns, active, rowId, classes, onOpen }: RowProps) {
  return (
    <div
      role="row"
      id={rowId}
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-busy={row ? undefined : true}
      data-record-id={row?.id}
      className={active ? classes.activeRow : row ? classes.row : classes.pendingRow}
      onClick={() => onOpen(index)}
    >
      {row ? (
        columns.map((column) => {
          const value = column.value(row);
          return (
            <div role="gridcell" key={column.id} className={classes.cell} title={value || undefined}>
              {value}
            </div>
          );
        })
      ) : (
        <div role="gridcell" aria-label="Loading" className={classes.placeholder} />
      )}
    </div>
  );
});

export interface RecordTableProps {
  label: string;
  columns: readonly RecordColumn[];
  /** Rows in the result (or known so far, when the count is capped). */
  total: number;
  cache: RecordRowCache;
  /** Bumps when the cache receives rows. */
  version: number;
  /** Opens the record drawer for a row. */
  onOpen: (row: RecordRow) => void;
}

/**
 * The review table: an ARIA grid over a result of any size. Only the rows in view (and a block
 * either side) are rendered and fetched. Keyboard: arrows, Page Up/Down, Home/End move the active
 * row; Enter opens it. The active row is announced through aria-activedescendant, so focus stays
 * on the grid while rows come and go.
 */
export function RecordTable({ label, columns, total, cache, version, onOpen }: RecordTableProps) {
  const styles = useStyles();
  const idPrefix = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scaled] = useState(() => new ScaledScroll(ROW_HEIGHT));
  const [active, setActive] = useState<number | null>(null);
  const rowClasses = useMemo<RowClasses>(
    () => ({
      row: styles.row,
      activeRow: mergeClasses(styles.row, styles.active),
      pendingRow: mergeClasses(styles.row, styles.pending),
      cell: styles.cell,
      placeholder: styles.placeholder,
    }),
    [styles],
  );

  useLayoutEffect(() => scaled.attach(scrollerRef.current!), [scaled]);
  useLayoutEffect(() => scaled.setContentHeight(total * ROW_HEIGHT), [scaled, total]);
  // A new result starts at the top.
  useEffect(() => {
    scaled.scrollTo(0);
    setActive(null);
  }, [scaled, cache]);

  const virtualizer = useVirtualizer({
    count: Math.ceil(total / BLOCK_ROWS),
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => BLOCK_ROWS * ROW_HEIGHT,
    overscan: 1,
    observeElementOffset: (_instance, notify) => {
      notify(scaled.offset, false);
      return scaled.subscribe((offset) => notify(offset, false));
    },
    scrollToFn: (offset) => scaled.scrollTo(offset),
  });
  const blocks = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const viewportHeight = virtualizer.scrollRect?.height ?? 0;
  const width = virtualizer.scrollRect?.width ?? 0;
  // Column widths for the width inside the scrollbar gutter (scrollbars are at most 16 px wide).
  const template = useMemo(
    () =>
      columnWidths(columns, Math.max(0, width - SCROLLBAR_GUTTER))
        .map((w) => `${w}px`)
        .join(' '),
    [columns, width],
  );

  const firstBlock = blocks[0]?.index ?? 0;
  const lastBlock = blocks[blocks.length - 1]?.index ?? -1;
  useEffect(() => {
    cache.want(firstBlock * BLOCK_ROWS, Math.min(total, (lastBlock + 1) * BLOCK_ROWS) - 1);
  }, [cache, firstBlock, lastBlock, total, version]);

  const open = useCallback(
    (index: number) => {
      setActive(index);
      gridRef.current?.focus({ preventScroll: true });
      const row = cache.row(index);
      if (row) onOpen(row);
    },
    [cache, onOpen],
  );

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    const top = next * ROW_HEIGHT;
    if (top < scaled.offset) scaled.scrollTo(top);
    else if (top + ROW_HEIGHT > scaled.offset + scaled.viewportHeight) scaled.scrollTo(top + ROW_HEIGHT - scaled.viewportHeight);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(scaled.viewportHeight / ROW_HEIGHT) - 1);
    const current = active ?? Math.floor(scaled.offset / ROW_HEIGHT) - 1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => moveTo(current - 1),
      PageDown: () => moveTo(current + page),
      PageUp: () => moveTo(current - page),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => active !== null && open(active),
      ' ': () => active !== null && open(active),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const activeRendered = active !== null && active >= firstBlock * BLOCK_ROWS && active < (lastBlock + 1) * BLOCK_ROWS;

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeRendered ? rowId(active) : undefined}
      tabIndex={0}
      className={styles.grid}
      style={{ '--record-columns': template } as CSSProperties}
      onKeyDown={onKeyDown}
      data-testid="record-table"
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={styles.header}>
          {columns.map((column) => (
            <div role="columnheader" key={column.id} className={styles.cell}>
              {column.label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollerRef} className={styles.scroller} role="rowgroup" data-testid="record-table-scroller">
        <div className={styles.viewport}>
          {blocks.map((block) => {
            const first = block.index * BLOCK_ROWS;
            const count = Math.min(BLOCK_ROWS, total - first);
            return (
              <div key={block.key} className={styles.block} style={{ transform: `translateY(${block.start - offset}px)` }}>
                {Array.from({ length: count }, (_, i) => (
                  <Row
                    key={first + i}
                    index={first + i}
                    row={cache.row(first + i)}
                    columns={columns}
                    active={active === first + i}
                    rowId={rowId(first + i)}
                    classes={rowClasses}
                    onOpen={open}
                  />
                ))}
              </div>
            );
          })}
        </div>
        <div style={{ height: `${Math.max(0, Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT) - viewportHeight)}px` }} aria-hidden />
      </div>
    </div>
  );
}
