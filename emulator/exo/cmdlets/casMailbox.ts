import type { CasMailbox } from '../../tenant/model.ts';
import { mailboxOrThrow } from './lookup.ts';
import { limited, type CmdletDefinition, type CmdletInvocation } from './types.ts';
import { notFound } from '../errors.ts';

function casOf(inv: CmdletInvocation, identity: string): CasMailbox {
  const state = inv.ctx.tenant.state;
  const mailbox = mailboxOrThrow(state, identity);
  const cas = state.casMailboxes.find((c) => c.Identity === mailbox.Identity || c.ExternalDirectoryObjectId === mailbox.ExternalDirectoryObjectId);
  if (!cas) throw notFound(identity);
  return cas;
}

function getCas(name: string): CmdletDefinition {
  return {
    name,
    params: { Identity: 'string', ResultSize: 'resultSize', Properties: 'string[]', PropertySets: 'string[]' },
    run(inv) {
      const identity = inv.params.string('Identity');
      return limited(identity ? [casOf(inv, identity)] : inv.ctx.tenant.state.casMailboxes, inv.params);
    },
  };
}

export const getCasMailbox = getCas('Get-CASMailbox');
export const getExoCasMailbox = getCas('Get-EXOCASMailbox');

export const setCasMailbox: CmdletDefinition = {
  name: 'Set-CASMailbox',
  params: {
    Identity: 'string',
    PopEnabled: 'bool',
    ImapEnabled: 'bool',
    ActiveSyncEnabled: 'bool',
    OWAEnabled: 'bool',
    MAPIEnabled: 'bool',
    EwsEnabled: 'bool',
    UniversalOutlookEnabled: 'bool',
    OutlookMobileEnabled: 'bool',
    SmtpClientAuthenticationDisabled: 'nullableBool',
  },
  run(inv) {
    const cas = casOf(inv, inv.params.required('Identity'));
    for (const name of [
      'PopEnabled',
      'ImapEnabled',
      'ActiveSyncEnabled',
      'OWAEnabled',
      'MAPIEnabled',
      'EwsEnabled',
      'UniversalOutlookEnabled',
      'OutlookMobileEnabled',
    ] as const) {
      const v = inv.params.bool(name);
      if (v !== undefined) cas[name] = v;
    }
    if (inv.params.has('SmtpClientAuthenticationDisabled')) {
      const v = inv.params.value('SmtpClientAuthenticationDisabled');
      cas.SmtpClientAuthenticationDisabled = typeof v === 'boolean' ? v : null;
    }
    return { value: [], audit: { objectId: cas.Identity } };
  },
};
