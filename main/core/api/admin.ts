import type { adminChannels } from '../../../shared/ipc/admin.ts';
import type { journalChannels } from '../../../shared/ipc/journal.ts';
import { FINAL_STATES } from '../../../shared/model/jobs.ts';
import { applyChange, previewChange } from '../changes/applyChange.ts';
import { openChangeSession } from '../changes/changeSession.ts';
import { auditConfigView } from '../inventory/auditSettings.ts';
import { mailboxDetail } from '../inventory/mailboxDetail.ts';
import { MailboxRows } from '../inventory/mailboxRows.ts';
import { rolesOverview } from '../inventory/roleOverview.ts';
import { diffSnapshots } from '../inventory/snapshotDiff.ts';
import { latestSnapshot, listSnapshots } from '../inventory/snapshotInfo.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { JournalRepository } from '../journal/journalRepository.ts';
import { ProofScheduler } from '../journal/proofScheduler.ts';
import type { Services } from '../services.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { WardenError } from '../../../shared/errors.ts';
import { adminTenant, busyAsUnavailable, type AdminTenant } from './adminTenant.ts';
import { journalHandlers, verifyJournal } from './journal.ts';

const NO_MAILBOXES = { snapshot: null, total: 0, types: [], forwarding: 0, auditOff: 0, details: false, delegated: 0, suspicious: 0 };

/**
 * The Mailboxes, Roles and Journal views: inventory reads from the active tenant's latest snapshots,
 * previewed and journaled changes, Undo, audit proof and export. Audit records are looked for on a
 * schedule after each change (ProofScheduler), and the views hear `admin.changed` when there is news.
 * `tenant` says which store and profile they work on (the active profile's; a benchmark passes its own).
 */
export function adminHandlers(services: Services, tenant: AdminTenant = adminTenant(services)): Handlers<typeof adminChannels & typeof journalChannels> {
  const { options } = services;
  const log = options.log;
  const scheduler = new ProofScheduler({
    verify: async (profileId) => {
      const profile = services.profiles.find(profileId);
      if (!profile || profile.kind === 'offline') return { waiting: 0 };
      const report = await verifyJournal(services.auth, profile, await services.stores.forProfile(profileId), log);
      if (report.checked > 0) options.emit('admin.changed', { profileId, what: 'journal' });
      return report;
    },
    onError: (profileId, error) => log.warn('audit proof check failed', { profileId, error }),
  });
  // The scheduler's timers must not outlive the services (their stores close). Services has no close hook
  // for an area yet (asked of the lead), so the area wraps close itself.
  const closeServices = services.close.bind(services);
  services.close = async () => {
    scheduler.stop();
    await closeServices();
  };
  const changed = (profileId: string, kick: boolean) => {
    options.emit('admin.changed', { profileId, what: 'journal' });
    if (kick) scheduler.kick(profileId);
  };
  services.jobs.on('update', (profileId, job) => {
    if (!job.kind.startsWith('inventory.') || !FINAL_STATES.includes(job.state)) return;
    options.emit('admin.changed', { profileId, what: 'inventory' });
    // Prepare the mailbox list now, so the view opens at once (a 100,000-mailbox list takes seconds).
    if (job.kind === 'inventory.mailboxes' && job.state === 'succeeded') {
      void services.stores
        .forProfile(profileId)
        .then((store) => new MailboxRows(store.db).current())
        .catch((error: unknown) => log.warn('could not prepare the mailbox list', { profileId, error }));
    }
  });

  /** Runs a read over the active store; with no profile yet, answers `empty`. */
  const read = async <T>(empty: T, work: (store: EvidenceStore) => T | Promise<T>): Promise<T> => {
    const active = await tenant.store();
    if (!active) return empty;
    try {
      return await work(active.store);
    } catch (error) {
      return busyAsUnavailable(error);
    }
  };

  return {
    'admin.mailboxes.summary': () =>
      read(NO_MAILBOXES, async (store) => {
        const rows = new MailboxRows(store.db);
        const current = await rows.current();
        return current ? rows.summary(current.snapshot, current.details) : NO_MAILBOXES;
      }),
    'admin.mailboxes.page': ({ filter, offset, limit }) =>
      read({ snapshot: null, total: 0, offset, rows: [] }, async (store) => {
        const rows = new MailboxRows(store.db);
        const current = await rows.current();
        if (!current) return { snapshot: null, total: 0, offset, rows: [] };
        return { snapshot: current.snapshot, ...rows.page(current.snapshot.id, filter, offset, limit) };
      }),
    'admin.mailboxes.detail': async ({ identity }) => {
      const active = await tenant.store();
      const snapshot = active ? latestSnapshot(active.store.db, 'mailboxes') : null;
      if (!active || !snapshot) throw new WardenError('not-found', 'There is no mailbox inventory yet: run one from the Mailboxes view.');
      try {
        return await mailboxDetail(active.store.db, snapshot, identity);
      } catch (error) {
        return busyAsUnavailable(error);
      }
    },
    'admin.roles.overview': () => read({ snapshot: null, groups: [], directAssignments: [], hints: [] }, (store) => rolesOverview(store.db)),
    'admin.auditConfig': () =>
      read({ snapshot: null, settings: [], bypassed: [], mailboxesAuditOff: [], mailboxesAuditOffTotal: null, ingestionEnabled: null }, (store) => auditConfigView(store.db)),
    'admin.snapshots.list': ({ scope }) => read([], (store) => listSnapshots(store.db, scope)),
    'admin.snapshots.diff': ({ scope, to, from, limit }) =>
      read({ scope, from: null, to: null, counts: [], entries: [], truncated: false }, (store) =>
        diffSnapshots(store.db, scope, { ...(to ? { to } : {}), ...(from ? { from } : {}), ...(limit ? { limit } : {}) }),
      ),
    'admin.changes.preview': async ({ change }) => {
      const { profile } = await tenant.connected();
      const session = await openChangeSession(services.auth, profile, log);
      return (await previewChange(session, change)).preview;
    },
    'admin.changes.apply': async ({ change, reason, token }) => {
      const { profile, store } = await tenant.connected();
      const session = await openChangeSession(services.auth, profile, log);
      const outcome = await applyChange(session, new JournalRepository(store.db), change, reason, token);
      log.info('admin change', { profileId: profile.id, entry: outcome.entry.id, kind: change.kind, result: outcome.entry.result });
      changed(profile.id, outcome.entry.result !== 'failed');
      return outcome.entry;
    },
    ...journalHandlers({ tenant, auth: services.auth, chooseExportFile: options.chooseExportFile ?? null, changed, log }),
  };
}
