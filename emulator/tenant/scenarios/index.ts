// The scenario registry and where each injected scenario lands in time: spread over the whole history in a
// seed-dependent order, never all at the end.

import type { Label, ScenarioName } from '../model.ts';
import { type Rng, rngFor } from '../prng.ts';
import { HOUR_MS } from '../time.ts';
import { adminSignInUntrustedNetwork } from './adminSignInUntrustedNetwork.ts';
import { applicationSecretAdded } from './applicationSecretAdded.ts';
import { auditLogAgeLimitShortened } from './auditLogAgeLimitShortened.ts';
import { automationAccountInteractive } from './automationAccountInteractive.ts';
import { bruteForce } from './bruteForce.ts';
import { consentGrant } from './consentGrant.ts';
import { deviceCodePhishing } from './deviceCodePhishing.ts';
import { disabledAccountSignIn } from './disabledAccountSignIn.ts';
import { fullAccessGrant } from './fullAccessGrant.ts';
import { globalAdminAdded } from './globalAdminAdded.ts';
import { impossibleTravel } from './impossibleTravel.ts';
import type { Env, LabelDraft } from './kit.ts';
import { legacyProtocolSignIn } from './legacyProtocolSignIn.ts';
import { mailboxAuditBypass } from './mailboxAuditBypass.ts';
import { mailboxForwarding } from './mailboxForwarding.ts';
import { maliciousInboxRule } from './maliciousInboxRule.ts';
import { massMailItemsAccessed } from './massMailItemsAccessed.ts';
import { mfaFatigue } from './mfaFatigue.ts';
import { newCountry } from './newCountry.ts';
import { passwordSpray } from './passwordSpray.ts';
import { perUserMfaDisabled } from './perUserMfaDisabled.ts';
import { popImapEnabled } from './popImapEnabled.ts';
import { roleGroupEscalation } from './roleGroupEscalation.ts';
import { sendAsGrant } from './sendAsGrant.ts';
import { tokenReplay } from './tokenReplay.ts';
import { unifiedAuditLogDisabled } from './unifiedAuditLogDisabled.ts';

export interface Injector {
  name: ScenarioName;
  /** How many hours after its start the scenario's last record can be. */
  hours: number;
  inject(env: Env, rng: Rng, startMs: number): LabelDraft[];
}

export const INJECTORS: Record<ScenarioName, Injector> = {
  'password-spray': passwordSpray,
  'brute-force': bruteForce,
  'impossible-travel': impossibleTravel,
  'new-country': newCountry,
  'mfa-fatigue': mfaFatigue,
  'legacy-protocol-signin': legacyProtocolSignIn,
  'disabled-account-signin': disabledAccountSignIn,
  'device-code-phishing': deviceCodePhishing,
  'token-replay': tokenReplay,
  'malicious-inbox-rule': maliciousInboxRule,
  'mailbox-forwarding': mailboxForwarding,
  'fullaccess-grant': fullAccessGrant,
  'sendas-grant': sendAsGrant,
  'role-group-escalation': roleGroupEscalation,
  'global-admin-added': globalAdminAdded,
  'per-user-mfa-disabled': perUserMfaDisabled,
  'unified-audit-log-disabled': unifiedAuditLogDisabled,
  'mailbox-audit-bypass': mailboxAuditBypass,
  'audit-log-age-limit-shortened': auditLogAgeLimitShortened,
  'pop-imap-enabled': popImapEnabled,
  'application-secret-added': applicationSecretAdded,
  'consent-grant': consentGrant,
  'mass-mail-items-accessed': massMailItemsAccessed,
  'admin-signin-untrusted-network': adminSignInUntrustedNetwork,
  'automation-account-interactive': automationAccountInteractive,
};

/**
 * Injects the enabled scenarios. Each gets its own slot of the history (enabled scenarios are shuffled by the
 * seed and spread evenly, with jitter), so they are distinct in time as well as in the people involved.
 */
export function injectScenarios(env: Env, names: readonly ScenarioName[]): Label[] {
  const { world } = env.ctx;
  const order = rngFor(world.options.seed, 'scenario-order').shuffle([...names]);
  const startMs = world.startMs;
  const endMs = world.endMs;
  const labels: Label[] = [];
  order.forEach((name, i) => {
    const injector = INJECTORS[name];
    const rng = rngFor(world.options.seed, 'scenario', name);
    const first = startMs + HOUR_MS;
    const last = Math.max(first, endMs - (injector.hours + 1) * HOUR_MS);
    const span = last - first;
    const slot = first + Math.floor(((i + 0.15 + rng.next() * 0.7) / order.length) * span);
    const at = Math.min(last, Math.max(first, Math.floor(slot / 60_000) * 60_000));
    const drafts = injector.inject(env, rng, at);
    drafts.forEach((d, k) => labels.push(d.build(`${name}#${k + 1}`, world.info.trustedNetworks)));
  });
  labels.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return labels;
}
