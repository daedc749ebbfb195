// Malicious inbox rules, the business-email-compromise classic, each on a different compromised mailbox and
// created through Outlook on the web from the attacker's server: forward outside, redirect outside, delete
// security warnings, and hide mail in RSS Feeds or Junk Email. Several use one- or two-character names.

import { inboxRule, newInboxRuleParameters, type RuleSpec } from '../inboxRules.ts';
import { HOUR_MS } from '../time.ts';
import { compromisedMember, EXTERNAL_ADDRESSES } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const maliciousInboxRule: Injector = {
  name: 'malicious-inbox-rule',
  hours: 4,
  inject(env, rng, startMs) {
    const hideIn = rng.chance(0.5) ? 'RSS Feeds' : 'Junk Email';
    const variants: [string, RuleSpec][] = [
      ['forward-external', { name: rng.pick(['Sync', '.', 'Backup']), forwardTo: [rng.pick(EXTERNAL_ADDRESSES)], stopProcessingRules: false }],
      ['redirect-external', { name: rng.pick(['a', ',', 'x']), subjectOrBodyContainsWords: ['invoice', 'payment', 'wire', 'bank details'], redirectTo: [rng.pick(EXTERNAL_ADDRESSES)], markAsRead: true, stopProcessingRules: true }],
      ['delete', { name: rng.pick(['..', '-', 'z']), subjectOrBodyContainsWords: ['hacked', 'phishing', 'suspicious', 'compromised', 'security alert', 'password'], deleteMessage: true, markAsRead: true, stopProcessingRules: true }],
      [hideIn === 'RSS Feeds' ? 'move-to-rss' : 'move-to-junk', { name: rng.pick(['.', ';', '_']), subjectContainsWords: ['invoice', 'payment', 'remittance'], moveToFolder: hideIn, markAsRead: true, stopProcessingRules: true }],
    ];
    return variants.map(([variant, spec], k) => {
      const label = new LabelDraft('malicious-inbox-rule');
      label.variant = variant;
      const op = compromisedMember(env, rng, (i) => env.ctx.world.users[i]!.mailboxGuid !== null);
      const user = op.user;
      const ms = startMs + k * HOUR_MS + rng.int(40 * 60_000);
      plannedCmdlet(env, label, rng, user, 'New-InboxRule', `${env.ctx.exchangeServers[0]!.split(' ')[0]!.toLowerCase()}.prod.outlook.com/Microsoft Exchange Hosted Organizations/${env.ctx.initialDomain}/${user.userPrincipalName.split('@')[0]}\\${spec.name}`, newInboxRuleParameters(spec), op.where.ip, ms, 'owa');
      const rules = (env.state.inboxRules[user.userPrincipalName] ??= []);
      const rule = inboxRule(user, spec, rules.length + 1, rng);
      rules.push(rule);
      label.change(`inboxRules['${user.userPrincipalName}'][Name='${spec.name}']`, null, rule);
      label.actorUpns.add(user.userPrincipalName);
      label.actorIps.add(op.where.ip);
      label.targetUpns.add(user.userPrincipalName);
      const external = spec.forwardTo ?? spec.redirectTo;
      if (external) label.targetObjects.add(external[0]!);
      label.techniques.push('T1564.008', ...(external ? ['T1114.003'] : []));
      const what = spec.forwardTo ? `forwards all mail to ${spec.forwardTo[0]}` : spec.redirectTo ? `redirects payment mail to ${spec.redirectTo[0]}` : spec.deleteMessage ? 'deletes mail about phishing or compromise' : `moves payment mail to ${spec.moveToFolder} and marks it read`;
      label.summary = `Inbox rule '${spec.name}' created in ${user.userPrincipalName}'s mailbox from ${op.where.ip} through Outlook on the web: it ${what}.`;
      return label;
    });
  },
};
