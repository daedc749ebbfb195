import { operationVariants } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { modifiedPropertiesOf, targetsOf } from './support/auditFields.ts';

const parameters = {
  /** Delegated or application permissions that read or act on mail, files or the directory. */
  riskyPermissions: [
    'Mail.Read',
    'Mail.ReadWrite',
    'Mail.Send',
    'Mail.ReadBasic',
    'MailboxSettings.ReadWrite',
    'Files.Read.All',
    'Files.ReadWrite.All',
    'Sites.Read.All',
    'Sites.ReadWrite.All',
    'Notes.Read.All',
    'Contacts.Read',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
    'User.ReadWrite.All',
    'Application.ReadWrite.All',
    'AppRoleAssignment.ReadWrite.All',
    'RoleManagement.ReadWrite.Directory',
    'full_access_as_app',
    'full_access_as_user',
    'EWS.AccessAsUser.All',
    'Exchange.ManageAsApp',
  ],
};

/**
 * Consent to an application for permissions over mail, files or the directory (illicit consent
 * grant). Consent to sign-in-only permissions (openid, profile, User.Read) is the everyday near miss.
 */
export const riskyConsentGranted: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'risky-consent-granted',
  title: 'Consent granted to an application for mail, files or directory access',
  severity: 'high',
  technique: 'T1528',
  looksAt: "'Consent to application' and 'Add delegated permission grant' directory audits: the permissions granted and whether for everyone.",
  parameters,
  explanation: '{actor} granted {app} the permissions {permissions}{scope}.',
  operations: operationVariants(['Consent to application', 'Add delegated permission grant', 'Add app role assignment to service principal']),
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    const risky = parameters.riskyPermissions.map((p) => p.toLowerCase());
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const props = modifiedPropertiesOf(row);
      const split = (v: string | null) => (v ?? '').split(/[\s,;:"[\]=]+/).filter(Boolean);
      const permissionProps = props.filter((p) => /Permissions|Scope|AppRole\.Value/i.test(p.name));
      const before = new Set(permissionProps.flatMap((p) => split(p.oldValue)).map((w) => w.toLowerCase()));
      const words = [...new Set(permissionProps.flatMap((p) => split(p.newValue)))];
      // Only what this change added: extending User.Read with Mail.ReadWrite grants Mail.ReadWrite.
      const granted = words.filter((w) => risky.includes(w.toLowerCase()) && !before.has(w.toLowerCase()));
      if (granted.length === 0) continue;
      const forEveryone =
        props.some((p) => /OnBehalfOfAll|IsAdminConsent/i.test(p.name) && /true/i.test(p.newValue ?? '')) ||
        props.some((p) => /ConsentType/i.test(p.name) && /AllPrincipals/i.test(p.newValue ?? ''));
      const target = targetsOf(row)[0];
      const clientId = props.find((p) => p.name === 'ServicePrincipal.ObjectID')?.newValue ?? null;
      const app = row.operation.startsWith('Add delegated permission grant')
        ? `the application${clientId ? ` (service principal ${clientId})` : ''} access to ${target?.name ?? 'an API'} with`
        : `the application '${target?.name ?? row.object ?? 'unknown'}'`;
      out.push(
        auditFinding(row, {
          subjectKey: `actor:${row.user ?? ''}`,
          severity: forEveryone ? 'critical' : 'high',
          title: `Consent to ${target?.name ?? 'an application'} for ${granted.slice(0, 3).join(', ')}`,
          facts: {
            actor: actorPhrase(row, ctx),
            scope: forEveryone ? ', for every user in the organization (admin consent)' : ', for their own account (user consent)',
            app,
            permissions: granted.join(', '),
            allPermissions: words.filter((w) => /^[A-Za-z_]+(\.[A-Za-z]+)+$|^[a-z_]+$/.test(w)).slice(0, 30),
          },
          user: row.user,
        }),
      );
    }
    return out;
  },
};
