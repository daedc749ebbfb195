import { arr, obj, pick, str } from '../../importers/fieldAccess.ts';
import type { AuditRow } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { isTrue, parametersOf, recordBody, smtpAddresses } from './support/auditFields.ts';

const parameters = {
  /** Folders where mail goes to be unseen. */
  hidingFolders: ['RSS Feeds', 'RSS Subscriptions', 'Junk Email', 'Archive', 'Conversation History', 'Deleted Items', 'Notes'],
  /** Words in a rule's conditions that make hiding or deleting mail worse: payment fraud and covering tracks. */
  alarmWords: ['invoice', 'payment', 'wire', 'bank', 'remittance', 'hacked', 'phishing', 'compromised', 'suspicious', 'security', 'password', 'fraud', 'spam'],
  /** A name this short (or only punctuation) is a classic attacker rule. */
  maxShortName: 2,
};

interface RuleSpec {
  owner: string | null;
  name: string;
  forwards: string[];
  deletes: boolean;
  markRead: boolean;
  folder: string | null;
  conditions: string;
}

/** New-InboxRule / Set-InboxRule parameters, or an UpdateInboxRules mailbox audit record's OperationProperties. */
function readRule(row: AuditRow): RuleSpec {
  const p = parametersOf(row);
  if (p.size > 0) {
    const identity = p.get('mailbox') ?? p.get('identity') ?? null;
    const nameFromObject = row.object?.split('\\').pop() ?? '';
    return {
      owner: identity?.includes('@') ? identity.split('\\')[0]!.toLowerCase() : row.user,
      name: p.get('name') ?? nameFromObject,
      forwards: ['forwardto', 'redirectto', 'forwardasattachmentto'].flatMap((k) => smtpAddresses(p.get(k) ?? '')),
      deletes: isTrue(p.get('deletemessage')) || isTrue(p.get('softdeletemessage')),
      markRead: isTrue(p.get('markasread')),
      folder: p.get('movetofolder') ?? null,
      conditions: ['from', 'subjectcontainswords', 'subjectorbodycontainswords', 'bodycontainswords'].map((k) => p.get(k) ?? '').join(' '),
    };
  }
  const props = new Map<string, string>();
  for (const item of arr(pick(recordBody(row), 'OperationProperties')) ?? []) {
    const o = obj(item);
    const name = str(pick(o, 'Name'));
    if (name) props.set(name.toLowerCase(), str(pick(o, 'Value')) ?? '');
  }
  const actions = props.get('ruleactions') ?? '';
  return {
    owner: row.user,
    name: props.get('rulename') ?? '',
    forwards: /forward|redirect/i.test(actions) ? smtpAddresses(actions) : [],
    deletes: /"ActionType":\s*"?(Delete|PermanentDelete)/i.test(actions),
    markRead: /MarkAsRead/i.test(actions),
    folder: /MoveToFolder/i.test(actions) ? (/"FolderName":\s*"([^"]+)"/.exec(actions)?.[1] ?? 'another folder') : null,
    conditions: props.get('ruleconditions') ?? '',
  };
}

/**
 * Inbox rules that forward or redirect mail outside the organization, delete it, hide it in RSS,
 * Junk or Archive, or have near-empty names: the business-email-compromise classics. Near misses
 * left alone: a rule forwarding to a colleague, one moving newsletters to a folder, one marking
 * calendar replies read.
 */
export const suspiciousInboxRule: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'suspicious-inbox-rule',
  title: 'Suspicious inbox rule',
  severity: 'high',
  technique: 'T1564.008',
  looksAt: 'New-InboxRule, Set-InboxRule and UpdateInboxRules records: the rule name, conditions and actions.',
  parameters,
  explanation: "{actor} created or changed the inbox rule '{name}' in {owner}'s mailbox, which {actions}{conditions}.",
  operations: ['New-InboxRule', 'Set-InboxRule', 'UpdateInboxRules'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    const hiding = new Set(parameters.hidingFolders.map((f) => f.toLowerCase()));
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const rule = readRule(row);
      const external = rule.forwards.filter((a) => !ctx.isInternalAddress(a));
      const folderName = rule.folder?.split(/[\\:]/).pop()?.trim() ?? null;
      const hides = folderName !== null && hiding.has(folderName.toLowerCase());
      const shortName = rule.name.trim().length <= parameters.maxShortName || /^[^\p{L}\p{N}]+$/u.test(rule.name.trim());
      const words = parameters.alarmWords.filter((w) => rule.conditions.toLowerCase().includes(w));
      const strong = (external.length > 0 ? 1 : 0) + (rule.deletes ? 1 : 0) + (hides ? 1 : 0);
      if (strong === 0 && !shortName) continue;
      const actions: string[] = [];
      if (external.length > 0) actions.push(`forwards or redirects mail to ${external.join(', ')} (outside the organization)`);
      if (rule.deletes) actions.push('deletes the matching mail');
      if (hides) actions.push(`moves it to '${folderName}'`);
      if (rule.markRead) actions.push('marks it read');
      if (actions.length === 0) actions.push(`moves it to '${folderName ?? 'a folder'}'`);
      if (shortName) actions.push(`has a near-empty name ('${rule.name}')`);
      const critical = external.length > 0 && (rule.deletes || hides || rule.markRead);
      out.push(
        auditFinding(row, {
          subjectKey: `mailbox:${rule.owner ?? ''}|rule:${rule.name}`,
          severity: critical ? 'critical' : strong > 0 ? 'high' : 'medium',
          title: `Inbox rule '${rule.name}' in ${rule.owner ?? 'a mailbox'} ${external.length > 0 ? `forwards to ${external[0]}` : rule.deletes ? 'deletes mail' : hides ? `hides mail in ${folderName}` : 'has a near-empty name'}`,
          facts: {
            actor: actorPhrase(row, ctx),
            name: rule.name,
            owner: rule.owner ?? 'an unknown',
            actions: actions.join(', '),
            conditions:
              words.length > 0
                ? `, for mail mentioning ${words.join(', ')}`
                : rule.conditions.trim()
                  ? `, for mail matching '${rule.conditions.trim().slice(0, 120)}'`
                  : ', for all mail',
            externalRecipients: external,
          },
          user: rule.owner,
        }),
      );
    }
    return out;
  },
};
