import { WardenError } from '../../../shared/errors.ts';
import type { journalChannels } from '../../../shared/ipc/journal.ts';
import type { AuthService } from '../auth/authService.ts';
import { undoChange } from '../changes/applyChange.ts';
import { openChangeSession } from '../changes/changeSession.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { checkAuditProof, type ProofReport } from '../journal/auditProof.ts';
import { exportJournal } from '../journal/journalExport.ts';
import { JournalRepository } from '../journal/journalRepository.ts';
import type { Logger } from '../log.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { busyAsUnavailable, type AdminTenant } from './adminTenant.ts';

export interface JournalApiDeps {
  tenant: AdminTenant;
  auth: AuthService;
  chooseExportFile: ((suggestedName: string) => Promise<string | null>) | null;
  /** A change was made or proven: tell the views, and look for its audit record soon. */
  changed(profileId: string, kicked: boolean): void;
  log: Logger;
}

/** Searches the audit log for the records of a profile's changes that still wait for one. */
export async function verifyJournal(auth: AuthService, profile: ConnectedProfile, store: EvidenceStore, log: Logger): Promise<ProofReport & { waiting: number }> {
  const journal = new JournalRepository(store.db);
  if (journal.awaitingProof().length === 0) return { checked: 0, verified: 0, missing: 0, error: null, waiting: 0 };
  const session = await openChangeSession(auth, profile, log);
  const report = await checkAuditProof(session.exchange, journal);
  if (report.error) log.warn('audit proof search failed', { profileId: profile.id, error: report.error });
  return { ...report, waiting: journal.awaitingProof().filter((e) => e.entry.audit.status === 'pending').length };
}

export function journalHandlers(deps: JournalApiDeps): Handlers<typeof journalChannels> {
  return {
    'journal.list': async ({ limit, offset }) => {
      const tenant = await deps.tenant.store();
      if (!tenant) return { entries: [], total: 0 };
      try {
        const journal = new JournalRepository(tenant.store.db);
        return { entries: journal.list({ limit, offset }), total: journal.count() };
      } catch (error) {
        return busyAsUnavailable(error);
      }
    },
    'journal.undo': async ({ id, reason }) => {
      const { profile, store } = await deps.tenant.connected();
      const session = await openChangeSession(deps.auth, profile, deps.log);
      const outcome = await undoChange(session, new JournalRepository(store.db), id, reason);
      deps.log.info('change undone', { profileId: profile.id, undoOf: id, entry: outcome.entry.id, result: outcome.entry.result });
      deps.changed(profile.id, true);
      return outcome.entry;
    },
    'journal.verify': async () => {
      const { profile, store } = await deps.tenant.connected();
      const { waiting: _waiting, ...report } = await verifyJournal(deps.auth, profile, store, deps.log);
      deps.changed(profile.id, false);
      return report;
    },
    'journal.export': async ({ format }) => {
      if (!deps.chooseExportFile) throw new WardenError('unavailable', 'This build of Warden cannot ask where to save an export.');
      const tenant = await deps.tenant.store();
      if (!tenant) throw new WardenError('not-found', 'The journal is empty: no tenant has been changed from Warden yet.');
      return exportJournal(new JournalRepository(tenant.store.db), format, deps.chooseExportFile);
    },
  };
}
