// The two places Exchange Online decides whether mail may be forwarded automatically to outside recipients:
// remote domains (Get-/Set-RemoteDomain, AutoForwardEnabled) and outbound spam filter policies
// (Get-/Set-HostedOutboundSpamFilterPolicy, AutoForwardingMode). ScubaGear MS.EXO.1.1 reads both.
import { AUTO_FORWARDING_MODES, type HostedOutboundSpamFilterPolicy, type RemoteDomain } from '../../tenant/model.ts';
import { notFound, parameterError } from '../errors.ts';
import { exchangeStamp } from './stamp.ts';
import { limited, type CmdletDefinition } from './types.ts';

/** Exchange finds these objects by name or identity, case-insensitively. */
function byIdentity<T extends { Identity: string; Name: string }>(items: readonly T[], identity: string): T {
  const id = identity.trim().toLowerCase();
  const found = items.find((i) => i.Identity.toLowerCase() === id || i.Name.toLowerCase() === id);
  if (!found) throw notFound(identity);
  return found;
}

export const getRemoteDomain: CmdletDefinition = {
  name: 'Get-RemoteDomain',
  params: { Identity: 'string', ResultSize: 'resultSize' },
  run(inv) {
    const domains = inv.ctx.tenant.state.remoteDomains;
    const identity = inv.params.string('Identity');
    return identity ? { value: [byIdentity(domains, identity)] } : limited(domains, inv.params);
  },
};

export const setRemoteDomain: CmdletDefinition = {
  name: 'Set-RemoteDomain',
  params: { Identity: 'string', AutoForwardEnabled: 'bool', AutoReplyEnabled: 'bool', DeliveryReportEnabled: 'bool', NDREnabled: 'bool', IsInternal: 'bool' },
  run(inv) {
    const domain: RemoteDomain = byIdentity(inv.ctx.tenant.state.remoteDomains, inv.params.required('Identity'));
    for (const name of ['AutoForwardEnabled', 'AutoReplyEnabled', 'DeliveryReportEnabled', 'NDREnabled', 'IsInternal'] as const) {
      const v = inv.params.bool(name);
      if (v !== undefined) domain[name] = v;
    }
    domain.WhenChangedUTC = exchangeStamp();
    return { value: [], audit: { objectId: domain.Identity } };
  },
};

export const getHostedOutboundSpamFilterPolicy: CmdletDefinition = {
  name: 'Get-HostedOutboundSpamFilterPolicy',
  params: { Identity: 'string' },
  run(inv) {
    const policies = inv.ctx.tenant.state.outboundSpamPolicies;
    const identity = inv.params.string('Identity');
    return { value: identity ? [byIdentity(policies, identity)] : policies };
  },
};

export const setHostedOutboundSpamFilterPolicy: CmdletDefinition = {
  name: 'Set-HostedOutboundSpamFilterPolicy',
  params: {
    Identity: 'string',
    AutoForwardingMode: 'string',
    RecipientLimitExternalPerHour: 'int',
    RecipientLimitInternalPerHour: 'int',
    RecipientLimitPerDay: 'int',
    ActionWhenThresholdReached: 'string',
    NotifyOutboundSpam: 'bool',
  },
  run(inv) {
    const policy: HostedOutboundSpamFilterPolicy = byIdentity(inv.ctx.tenant.state.outboundSpamPolicies, inv.params.required('Identity'));
    const mode = inv.params.string('AutoForwardingMode');
    if (mode !== undefined) {
      const known = AUTO_FORWARDING_MODES.find((m) => m.toLowerCase() === mode.toLowerCase());
      if (!known) {
        throw parameterError(
          `Cannot bind parameter 'AutoForwardingMode'. Cannot convert value "${mode}" to type "Microsoft.Exchange.Management.Hygiene.AutoForwardingMode". Specify one of the following enumeration values and try again. The possible enumeration values are "${AUTO_FORWARDING_MODES.join(', ')}".`,
        );
      }
      policy.AutoForwardingMode = known;
    }
    for (const name of ['RecipientLimitExternalPerHour', 'RecipientLimitInternalPerHour', 'RecipientLimitPerDay'] as const) {
      const v = inv.params.number(name);
      if (v !== undefined) policy[name] = v;
    }
    const action = inv.params.string('ActionWhenThresholdReached');
    if (action !== undefined) policy.ActionWhenThresholdReached = action;
    const notify = inv.params.bool('NotifyOutboundSpam');
    if (notify !== undefined) policy.NotifyOutboundSpam = notify;
    policy.WhenChangedUTC = exchangeStamp();
    return { value: [], audit: { objectId: policy.Identity } };
  },
};
