import type { PostureCheck } from '../postureCheck.ts';
import { adminMfaRegistered } from './adminMfaRegistered.ts';
import { adminSeparateAccount } from './adminSeparateAccount.ts';
import { adminTrustedNetworks } from './adminTrustedNetworks.ts';
import { automationNarrowGroup } from './automationNarrowGroup.ts';
import { externalForwarding } from './externalForwarding.ts';
import { legacyAuthUnused } from './legacyAuthUnused.ts';
import { mailboxAuditing } from './mailboxAuditing.ts';
import { orgManagementSize } from './orgManagementSize.ts';
import { smtpAuthMailboxes } from './smtpAuthMailboxes.ts';
import { smtpAuthOrganization } from './smtpAuthOrganization.ts';
import { unifiedAuditLog } from './unifiedAuditLog.ts';

/** Every posture check, in the order people read them: identity, logging, privilege, mail flow, sign-ins. */
export const POSTURE_CHECKS: readonly PostureCheck[] = [
  adminMfaRegistered,
  adminSeparateAccount,
  unifiedAuditLog,
  mailboxAuditing,
  orgManagementSize,
  automationNarrowGroup,
  smtpAuthOrganization,
  smtpAuthMailboxes,
  externalForwarding,
  legacyAuthUnused,
  adminTrustedNetworks,
];
