import type { InboxRule } from '../../tenant/model.ts';
import { CmdletError } from '../errors.ts';
import { mailboxOrThrow } from './lookup.ts';
import { limited, type CmdletDefinition } from './types.ts';

/** Outlook's hidden system rules, which Get-InboxRule lists only with -IncludeHidden. */
function isHidden(rule: InboxRule): boolean {
  return rule.Name === 'Junk E-Mail Rule' || rule.Name.startsWith('Microsoft.Exchange.OOF.');
}

export const getInboxRule: CmdletDefinition = {
  name: 'Get-InboxRule',
  params: {
    Mailbox: 'string',
    Identity: 'string',
    IncludeHidden: 'bool',
    BypassScopeCheck: 'bool',
    DescriptionTimeFormat: 'string',
    DescriptionTimeZone: 'string',
    ResultSize: 'resultSize',
    SkipCount: 'int',
  },
  run(inv) {
    const state = inv.ctx.tenant.state;
    let owner = inv.params.string('Mailbox');
    const identity = inv.params.string('Identity');
    if (!owner && identity?.includes('\\')) owner = identity.split('\\')[0];
    if (!owner) {
      if (!inv.caller.upn)
        throw new CmdletError(
          400,
          'BadRequest',
          'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException',
          'An app-only caller has no mailbox of its own: pass -Mailbox.',
        );
      owner = inv.caller.upn;
    }
    const mailbox = mailboxOrThrow(state, owner);
    let rules = state.inboxRules[mailbox.UserPrincipalName] ?? [];
    if (!inv.params.bool('IncludeHidden')) rules = rules.filter((r) => !isHidden(r));
    if (identity) {
      const id = identity.includes('\\') ? identity.split('\\').slice(1).join('\\') : identity;
      rules = rules.filter((r) => r.Name === id || r.RuleIdentity === id || r.Identity === identity);
    }
    const skip = inv.params.number('SkipCount') ?? 0;
    return limited(rules.slice(skip), inv.params);
  },
};
