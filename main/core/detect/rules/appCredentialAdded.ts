import { operationVariants } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { modifiedPropertiesOf, targetsOf } from './support/auditFields.ts';

const parameters = {};

interface Key {
  id: string;
  type: string;
  name: string;
}

/** '[KeyIdentifier=…,KeyType=Password,KeyUsage=Verify,DisplayName=…]' entries of a KeyDescription value. */
export function parseKeyDescription(value: string | null): Key[] {
  if (!value) return [];
  const out: Key[] = [];
  for (const m of value.matchAll(/KeyIdentifier=([^,\]]+),KeyType=([^,\]]+)(?:,KeyUsage=[^,\]]*)?(?:,DisplayName=([^\]]*))?\]/g)) {
    out.push({ id: m[1]!.trim(), type: m[2]!.trim(), name: (m[3] ?? '').trim() });
  }
  return out;
}

/**
 * A credential (client secret or certificate) added to an application or service principal:
 * whoever holds it can sign in as the app. Rated higher when a secret joins an app that so far
 * used only certificates (the automation app's pattern), or when the app had no credential before.
 */
export const appCredentialAdded: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'app-credential-added',
  title: 'Application credential added',
  severity: 'medium',
  technique: 'T1098.001',
  looksAt: "'Update application – Certificates and secrets management' and 'Add service principal credentials' directory audits (KeyDescription).",
  parameters,
  explanation: "{actor} added a {keyType} '{keyName}' ({keyId}) to the application {app}. {before}",
  operations: operationVariants(['Update application – Certificates and secrets management', 'Add service principal credentials', 'Update service principal']),
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const prop = modifiedPropertiesOf(row).find((p) => p.name === 'KeyDescription');
      if (!prop) continue;
      const before = parseKeyDescription(prop.oldValue);
      const added = parseKeyDescription(prop.newValue).filter((k) => !before.some((b) => b.id === k.id));
      const target = targetsOf(row)[0];
      const app = target?.name ?? row.object ?? target?.id ?? 'an unknown application';
      for (const key of added) {
        const secret = /password|symmetric/i.test(key.type);
        const certificatesOnly = before.length > 0 && before.every((b) => /asymmetric|x509/i.test(b.type));
        out.push(
          auditFinding(row, {
            subjectKey: `app:${(target?.id ?? app).toLowerCase()}|key:${key.id.toLowerCase()}`,
            severity: secret && certificatesOnly ? 'high' : 'medium',
            title: `${secret ? 'Client secret' : 'Certificate'} added to ${app}`,
            facts: {
              actor: actorPhrase(row, ctx),
              keyType: secret ? 'client secret' : 'certificate',
              keyName: key.name || '(no name)',
              keyId: key.id,
              app,
              before:
                before.length === 0
                  ? 'The application had no credential before: whoever holds this one can sign in as it.'
                  : secret && certificatesOnly
                    ? `Until then it had only certificates (${before.length}): a secret next to them is the classic way to take over an app.`
                    : `It already had ${before.length} credential${before.length === 1 ? '' : 's'}.`,
            },
            user: row.user,
          }),
        );
      }
    }
    return out;
  },
};
