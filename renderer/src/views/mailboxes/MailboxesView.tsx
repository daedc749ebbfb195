import { useCallback, useEffect, useMemo, useState } from 'react';
import { Checkbox, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { Mail20Regular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import type { ChangeRequestInput } from '../../../../shared/model/adminChanges.ts';
import type { MailboxFilter } from '../../../../shared/model/adminInventory.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { invoke } from '../../ipc/client.ts';
import { ChangeDialog } from '../journal/ChangeDialog.tsx';
import { adminKey, useAdminEvents } from '../journal/useAdmin.ts';
import { InventoryStatus } from './InventoryStatus.tsx';
import { MailboxDetailPane } from './MailboxDetailPane.tsx';
import { FLAGS, MailboxCount, MailboxFilters, type Flag } from './MailboxFilters.tsx';
import { MailboxList } from './MailboxList.tsx';
import { MailboxPages, PAGE_ROWS } from './mailboxPages.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, height: 'clamp(420px, calc(100vh - 120px), 8000px)' },
  body: { display: 'flex', flex: '1 1 auto', minHeight: 0, gap: tokens.spacingHorizontalM },
  listColumn: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minWidth: 0, gap: tokens.spacingVerticalXS },
});

/** Waits for typing to pause before searching, so each keystroke does not query 100,000 rows. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Every mailbox of the latest inventory: a virtualized list (smooth at 100,000 rows; rows come from main a
 * page at a time), search and filters, and a detail pane with permissions and inbox rules (risky rules
 * highlighted) from which forwarding, FullAccess and auditing can be changed, previewed and journaled.
 */
export function MailboxesView() {
  const styles = useStyles();
  useAdminEvents();
  const summary = useQuery({ queryKey: [...adminKey, 'mailboxes', 'summary'], queryFn: () => invoke('admin.mailboxes.summary', {}) });
  const [search, setSearch] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [flags, setFlags] = useState<Record<Flag, boolean>>({ forwarding: false, auditOff: false, hasDelegates: false, suspiciousRules: false });
  const [details, setDetails] = useState(true);
  const [selected, setSelected] = useState<{ index: number; identity: string } | null>(null);
  const [change, setChange] = useState<ChangeRequestInput | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const debouncedSearch = useDebounced(search, 200);
  const snapshotId = summary.data?.snapshot?.id ?? null;

  const filter = useMemo<MailboxFilter>(() => {
    const f: MailboxFilter = {};
    if (debouncedSearch.trim()) f.search = debouncedSearch.trim();
    if (type) f.type = type;
    for (const [flag] of FLAGS) if (flags[flag]) f[flag] = true;
    return f;
  }, [debouncedSearch, type, flags]);

  const pages = useMemo(
    () => new MailboxPages(filter, (f, offset, limit) => invoke('admin.mailboxes.page', { filter: f, offset, limit }), (error) => setPageError(error.message)),
    // A new snapshot is a new list, even with the same filter.
    [filter, snapshotId],
  );
  useEffect(() => {
    setSelected(null);
    setPageError(null);
    pages.want(0, PAGE_ROWS - 1);
    return () => pages.dispose();
  }, [pages]);

  const onSelect = useCallback(
    (index: number) => {
      const row = pages.row(index);
      if (row) setSelected({ index, identity: row.identity });
    },
    [pages],
  );
  const onToggle = useCallback((flag: Flag) => setFlags((f) => ({ ...f, [flag]: !f[flag] })), []);
  const params = useMemo(() => ({ details }), [details]);
  const options = useMemo(() => <Checkbox label="With permissions and inbox rules" checked={details} onChange={(_e, v) => setDetails(v.checked === true)} />, [details]);
  const s = summary.data;

  if (summary.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{summary.error.message}</MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.view}>
      <InventoryStatus kind="inventory.mailboxes" scope="mailboxes" label="Mailbox inventory" snapshot={s?.snapshot ?? null} params={params} options={options} />
      {s && !s.snapshot && (
        <EmptyState icon={<Mail20Regular />} title="No mailbox inventory yet">
          Run a mailbox inventory of the connected tenant: every mailbox with its forwarding, audit settings, protocols and, optionally, its permissions and inbox rules.
        </EmptyState>
      )}
      {s?.snapshot && (
        <>
          <MailboxFilters summary={s} search={search} onSearch={setSearch} type={type} onType={setType} flags={flags} onToggle={onToggle} />
          <MailboxCount pages={pages} summary={s} />
          {pageError && (
            <MessageBar intent="error">
              <MessageBarBody>{pageError}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.body}>
            <div className={styles.listColumn}>
              <MailboxList pages={pages} selected={selected?.index ?? null} onSelect={onSelect} />
            </div>
            {selected && <MailboxDetailPane key={selected.identity} identity={selected.identity} onChange={setChange} />}
          </div>
        </>
      )}
      <ChangeDialog change={change} onClose={() => setChange(null)} />
    </div>
  );
}
