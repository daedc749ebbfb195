import { memo, useEffect, useMemo, useRef, useSyncExternalStore, type CSSProperties, type KeyboardEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MailboxRow } from '../../../../shared/model/adminInventory.ts';
import { useRowsWanted } from '../../components/useRowsWanted.ts';
import type { MailboxPages } from './mailboxPages.ts';

export const ROW_HEIGHT = 34;
/**
 * The virtualizer's items are blocks of rows (as in the Audit table): fewer items to track and to move,
 * and the rows inside a block are laid out by the browser instead of each carrying its own transform.
 */
const BLOCK_ROWS = 8;
/** Each column's minimum width and its share of the room left over (as grid `minmax(min, Nfr)`). */
const COLUMNS = [
  { min: 110, grow: 2 },
  { min: 120, grow: 2 },
  { min: 104, grow: 0 },
  { min: 90, grow: 1.5 },
  { min: 48, grow: 0 },
  { min: 72, grow: 0 },
  { min: 84, grow: 0 },
] as const;
const SCROLLBAR_GUTTER = 16;

/**
 * Column widths in pixels for a list this wide. Fixed widths, shared through a CSS variable, spare the
 * browser sizing every new row's grid from its content: a scrollbar drag brings all-new rows each frame.
 */
function columnTemplate(width: number): string {
  const fixed = COLUMNS.reduce((sum, c) => sum + c.min, 0);
  const grow = COLUMNS.reduce((sum, c) => sum + c.grow, 0);
  const spare = Math.max(0, width - SCROLLBAR_GUTTER - fixed);
  return COLUMNS.map((c) => `${Math.floor(c.min + (spare * c.grow) / grow)}px`).join(' ');
}

const useStyles = makeStyles({
  grid: {
    display: 'flex',
    flexDirection: 'column',
    flex: '1 1 auto',
    minHeight: '300px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  header: {
    display: 'grid',
    gridTemplateColumns: 'var(--mailbox-columns)',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    scrollbarGutter: 'stable',
    overflow: 'hidden',
  },
  scroller: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowX: 'hidden', position: 'relative', scrollbarGutter: 'stable' },
  // A layout/paint containment boundary: a fast scrollbar drag brings all-new rows every frame, and they
  // must not re-lay out anything outside their block.
  block: { position: 'absolute', top: 0, left: 0, right: 0, willChange: 'transform', contain: 'layout paint' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'var(--mailbox-columns)',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    alignItems: 'center',
    cursor: 'pointer',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected, boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}` },
  cell: { padding: `0 ${tokens.spacingHorizontalS}`, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  danger: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground4 },
});

type Classes = ReturnType<typeof useStyles>;

const count = (n: number | null) => (n === null ? '–' : n === 0 ? '' : String(n));

/** One row; memoized so scrolling renders only rows that come into view, and a row's page arriving only that row. */
const Row = memo(function Row(props: { index: number; row: MailboxRow | undefined; selected: boolean; classes: Classes; onSelect: (index: number) => void }) {
  const { row, classes } = props;
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      data-identity={row?.identity}
      className={mergeClasses(classes.row, props.selected && classes.selected)}
      onClick={() => props.onSelect(props.index)}
    >
      {row ? (
        <>
          <div role="gridcell" className={classes.cell} title={row.displayName}>
            {row.displayName}
          </div>
          <div role="gridcell" className={classes.cell}>
            {row.upn}
          </div>
          <div role="gridcell" className={classes.cell}>
            {row.type}
          </div>
          <div role="gridcell" className={mergeClasses(classes.cell, row.forwardingExternal && classes.danger)}>
            {row.forwarding ?? ''}
          </div>
          <div role="gridcell" className={mergeClasses(classes.cell, !row.auditEnabled && classes.danger)}>
            {row.auditEnabled ? 'On' : 'Off'}
          </div>
          <div role="gridcell" className={mergeClasses(classes.cell, row.delegates === null && classes.muted)}>
            {count(row.delegates)}
          </div>
          <div role="gridcell" className={mergeClasses(classes.cell, (row.suspiciousRules ?? 0) > 0 ? classes.danger : row.suspiciousRules === null ? classes.muted : undefined)}>
            {count(row.suspiciousRules)}
          </div>
        </>
      ) : (
        <div role="gridcell" className={mergeClasses(classes.cell, classes.muted)}>
          …
        </div>
      )}
    </div>
  );
});

/**
 * The mailbox list: a virtualized grid over a list of any length (100,000 rows and more). Only the rows
 * in view, and a block either side, are in the DOM, and only their pages are fetched from main.
 * Arrow keys, Page Up/Down, Home and End move the selection.
 */
export const MailboxList = memo(function MailboxList(props: { pages: MailboxPages; selected: number | null; onSelect: (index: number) => void }) {
  const classes = useStyles();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const { pages, selected, onSelect } = props;
  const version = useSyncExternalStore(pages.subscribe, pages.getVersion);
  const total = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count: Math.ceil(total / BLOCK_ROWS),
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => BLOCK_ROWS * ROW_HEIGHT,
    overscan: 1,
  });
  const blocks = virtualizer.getVirtualItems();
  const width = virtualizer.scrollRect?.width ?? 0;
  const template = useMemo(() => columnTemplate(width), [width]);
  const first = (blocks[0]?.index ?? 0) * BLOCK_ROWS;
  const last = blocks.length > 0 ? Math.min(total, (blocks[blocks.length - 1]!.index + 1) * BLOCK_ROWS) - 1 : -1;

  useRowsWanted(pages.want, first, last, version);
  // A new filter starts at the top.
  useEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
  }, [pages]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const scroller = scrollerRef.current;
    if (total === 0 || !scroller) return;
    const page = Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 1);
    const current = selected ?? Math.floor(scroller.scrollTop / ROW_HEIGHT) - 1;
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: total - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(total - 1, target));
    onSelect(next);
    const top = next * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
  };

  return (
    <div role="grid" aria-label="Mailboxes" aria-rowcount={total + 1} tabIndex={0} className={classes.grid} style={{ '--mailbox-columns': template } as CSSProperties} onKeyDown={onKeyDown} data-testid="mailbox-list">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={classes.header}>
          {['Name', 'User principal name', 'Type', 'Forwards to', 'Audit', 'Delegates', 'Risky rules'].map((label) => (
            <div role="columnheader" key={label} className={classes.cell}>
              {label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollerRef} role="rowgroup" className={classes.scroller} data-testid="mailbox-list-scroller">
        <div style={{ height: `${total * ROW_HEIGHT}px`, position: 'relative' }}>
          {blocks.map((block) => {
            const start = block.index * BLOCK_ROWS;
            return (
              <div key={block.key} className={classes.block} style={{ transform: `translateY(${block.start}px)` }}>
                {Array.from({ length: Math.min(BLOCK_ROWS, total - start) }, (_, i) => (
                  <Row key={start + i} index={start + i} row={pages.row(start + i)} selected={selected === start + i} classes={classes} onSelect={onSelect} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
