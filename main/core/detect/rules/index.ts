import type { Rule } from '../engine/ruleTypes.ts';
import { adminOutsideTrustedNetwork } from './adminOutsideTrustedNetwork.ts';
import { appCredentialAdded } from './appCredentialAdded.ts';
import { auditLogAgeLimitShortened } from './auditLogAgeLimitShortened.ts';
import { auditLogDisabled } from './auditLogDisabled.ts';
import { automationAccountAnomaly } from './automationAccountAnomaly.ts';
import { bruteForce } from './bruteForce.ts';
import { deviceCodeSignIn } from './deviceCodeSignIn.ts';
import { directoryRoleAdded } from './directoryRoleAdded.ts';
import { disabledAccountSignIn } from './disabledAccountSignIn.ts';
import { folderPermissionGranted } from './folderPermissionGranted.ts';
import { impossibleTravel } from './impossibleTravel.ts';
import { legacyProtocolEnabled } from './legacyProtocolEnabled.ts';
import { legacyProtocolSignIn } from './legacyProtocolSignIn.ts';
import { mailboxAuditBypass } from './mailboxAuditBypass.ts';
import { mailboxPermissionGranted } from './mailboxPermissionGranted.ts';
import { mailForwardingSet } from './mailForwardingSet.ts';
import { mailItemsAccessedBurst } from './mailItemsAccessedBurst.ts';
import { mfaFatigue } from './mfaFatigue.ts';
import { mfaWeakened } from './mfaWeakened.ts';
import { newCountryOrNetwork } from './newCountryOrNetwork.ts';
import { passwordSpray } from './passwordSpray.ts';
import { riskyConsentGranted } from './riskyConsentGranted.ts';
import { riskySignIn } from './riskySignIn.ts';
import { roleGroupMemberAdded } from './roleGroupMemberAdded.ts';
import { sessionFromTwoPlaces } from './sessionFromTwoPlaces.ts';
import { suspiciousInboxRule } from './suspiciousInboxRule.ts';

/**
 * Every detection rule, sign-in rules first. The order of the sign-in rules shares them out between the worker
 * threads of a large run (rule i to thread i mod 2, see signInWorkers.ts): the costly ones alternate.
 */
export const ALL_RULES: readonly Rule[] = [
  bruteForce,
  passwordSpray,
  impossibleTravel,
  newCountryOrNetwork,
  legacyProtocolSignIn,
  mfaFatigue,
  disabledAccountSignIn,
  deviceCodeSignIn,
  sessionFromTwoPlaces,
  adminOutsideTrustedNetwork,
  automationAccountAnomaly,
  riskySignIn,
  suspiciousInboxRule,
  mailForwardingSet,
  mailboxPermissionGranted,
  folderPermissionGranted,
  roleGroupMemberAdded,
  directoryRoleAdded,
  mfaWeakened,
  auditLogDisabled,
  mailboxAuditBypass,
  auditLogAgeLimitShortened,
  legacyProtocolEnabled,
  appCredentialAdded,
  riskyConsentGranted,
  mailItemsAccessedBurst,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
