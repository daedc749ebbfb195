import { memo, useSyncExternalStore } from 'react';
import { Caption1, Dropdown, Option, SearchBox, ToggleButton, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import type { MailboxFilter, MailboxSummary } from '../../../../shared/model/adminInventory.ts';
import type { MailboxPages } from './mailboxPages.ts';

const useStyles = makeStyles({ bar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' } });

export type Flag = 'forwarding' | 'auditOff' | 'hasDelegates' | 'suspiciousRules';
export const FLAGS: ReadonlyArray<[Flag, string, boolean]> = [
  ['forwarding', 'Forwarding set', false],
  ['auditOff', 'Audit off', false],
  ['hasDelegates', 'Has delegates', true],
  ['suspiciousRules', 'Suspicious rules', true],
];

/** Search, type and flag filters. Memoized: scrolling and selecting do not re-render it. */
export const MailboxFilters = memo(function MailboxFilters(props: {
  summary: MailboxSummary;
  search: string;
  onSearch: (text: string) => void;
  type: string | null;
  onType: (type: string | null) => void;
  flags: Record<Flag, boolean>;
  onToggle: (flag: Flag) => void;
}) {
  const styles = useStyles();
  const { summary } = props;
  return (
    <div className={styles.bar}>
      <SearchBox placeholder="Search names and addresses" value={props.search} onChange={(_e, v) => props.onSearch(v.value)} aria-label="Search mailboxes" />
      <Dropdown
        aria-label="Mailbox type"
        placeholder="All types"
        value={props.type ?? 'All types'}
        selectedOptions={[props.type ?? '']}
        onOptionSelect={(_e, data) => props.onType(data.optionValue ? data.optionValue : null)}
      >
        <Option value="">All types</Option>
        {summary.types.map((t) => (
          <Option key={t.type} value={t.type} text={t.type}>
            {`${t.type} (${t.count.toLocaleString()})`}
          </Option>
        ))}
      </Dropdown>
      {FLAGS.map(([flag, label, needsDetails]) => {
        const unavailable = needsDetails && !summary.details;
        const button = (
          <ToggleButton key={flag} size="small" checked={props.flags[flag]} disabled={unavailable} onClick={() => props.onToggle(flag)}>
            {label}
          </ToggleButton>
        );
        return unavailable ? (
          <Tooltip key={flag} content="Permissions and inbox rules were not collected: run the inventory with them." relationship="description">
            <span>{button}</span>
          </Tooltip>
        ) : (
          button
        );
      })}
    </div>
  );
});

/** How many mailboxes match, of how many, and the snapshot's totals; re-renders when pages arrive. */
export function MailboxCount({ pages, summary }: { pages: MailboxPages; summary: MailboxSummary }) {
  useSyncExternalStore(pages.subscribe, pages.getVersion);
  const total = pages.total ?? 0;
  return (
    <Caption1 data-testid="mailbox-count" data-filter={JSON.stringify(pages.filter)} data-ready={pages.total !== null}>
      {`${total.toLocaleString()} of ${summary.total.toLocaleString()} mailboxes`} · forwarding: {summary.forwarding.toLocaleString()} · audit off:{' '}
      {summary.auditOff.toLocaleString()}
      {summary.details ? ` · with delegates: ${summary.delegated.toLocaleString()} · with suspicious rules: ${summary.suspicious.toLocaleString()}` : ''}
    </Caption1>
  );
}
