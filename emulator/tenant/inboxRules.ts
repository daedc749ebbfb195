// Inbox rules in Get-InboxRule shape, and the benign ones people set up (newsletters to a folder, notifications
// to a folder, receipts...). Also the helper that turns a rule into the New-InboxRule parameters the unified audit
// log records.

import type { InboxRule, NameValue, User } from './model.ts';
import type { Rng } from './prng.ts';

export interface RuleSpec {
  name: string;
  from?: string[];
  subjectContainsWords?: string[];
  subjectOrBodyContainsWords?: string[];
  bodyContainsWords?: string[];
  forwardTo?: string[];
  forwardAsAttachmentTo?: string[];
  redirectTo?: string[];
  deleteMessage?: boolean;
  moveToFolder?: string;
  markAsRead?: boolean;
  stopProcessingRules?: boolean;
}

/** '"Display Name" [SMTP:addr]', the way Get-InboxRule prints recipients. */
export function recipientText(address: string, displayName?: string): string {
  return `"${displayName ?? address}" [SMTP:${address}]`;
}

/** A 64-bit rule id as Exchange prints it (decimal). */
export function ruleIdentity(rng: Rng): string {
  const hi = BigInt(rng.u32() & 0x7fffffff);
  const lo = BigInt(rng.u32());
  return ((hi << 32n) | lo).toString();
}

function describe(spec: RuleSpec): string {
  const cond: string[] = [];
  if (spec.from) cond.push(`is from '${spec.from.join("' or '")}'`);
  if (spec.subjectContainsWords) cond.push(`includes '${spec.subjectContainsWords.join("' or '")}' in the subject`);
  if (spec.subjectOrBodyContainsWords) cond.push(`includes '${spec.subjectOrBodyContainsWords.join("' or '")}' in the subject or body`);
  if (spec.bodyContainsWords) cond.push(`includes '${spec.bodyContainsWords.join("' or '")}' in the body`);
  const act: string[] = [];
  if (spec.moveToFolder) act.push(`move the message to folder '${spec.moveToFolder}'`);
  if (spec.forwardTo) act.push(`forward the message to '${spec.forwardTo.join("' or '")}'`);
  if (spec.forwardAsAttachmentTo) act.push(`forward the message as an attachment to '${spec.forwardAsAttachmentTo.join("' or '")}'`);
  if (spec.redirectTo) act.push(`redirect the message to '${spec.redirectTo.join("' or '")}'`);
  if (spec.deleteMessage) act.push('delete the message');
  if (spec.markAsRead) act.push('mark the message as read');
  if (spec.stopProcessingRules) act.push('stop processing more rules on this message');
  const ifPart = cond.length ? `If the message:\r\n\t${cond.join('\r\n\tand ')}\r\n` : 'If the message:\r\n\tApplies to all messages\r\n';
  return `${ifPart}Take the following actions:\r\n\t${act.join('\r\n\tand ')}\r\n`;
}

export function inboxRule(owner: User, spec: RuleSpec, priority: number, rng: Rng): InboxRule {
  const id = ruleIdentity(rng);
  return {
    Name: spec.name,
    Identity: `${owner.userPrincipalName}\\${id}`,
    RuleIdentity: id,
    MailboxOwnerId: owner.displayName,
    Enabled: true,
    Priority: priority,
    Description: describe(spec),
    From: spec.from ?? null,
    SubjectContainsWords: spec.subjectContainsWords ?? null,
    SubjectOrBodyContainsWords: spec.subjectOrBodyContainsWords ?? null,
    BodyContainsWords: spec.bodyContainsWords ?? null,
    ForwardTo: spec.forwardTo?.map((a) => recipientText(a)) ?? null,
    ForwardAsAttachmentTo: spec.forwardAsAttachmentTo?.map((a) => recipientText(a)) ?? null,
    RedirectTo: spec.redirectTo?.map((a) => recipientText(a)) ?? null,
    DeleteMessage: spec.deleteMessage ?? false,
    MoveToFolder: spec.moveToFolder ? `${owner.userPrincipalName.split('@')[0]}:\\${spec.moveToFolder}` : null,
    MarkAsRead: spec.markAsRead ?? false,
    StopProcessingRules: spec.stopProcessingRules ?? false,
    InError: false,
    ErrorType: 'None',
  };
}

/** The New-InboxRule parameters the unified audit log records for a rule made in Outlook on the web. */
export function newInboxRuleParameters(spec: RuleSpec, mailbox?: string): NameValue[] {
  const p: NameValue[] = [
    { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
    { Name: 'Force', Value: 'False' },
  ];
  if (mailbox) p.push({ Name: 'Mailbox', Value: mailbox });
  if (spec.forwardTo) p.push({ Name: 'ForwardTo', Value: spec.forwardTo.join(';') });
  if (spec.forwardAsAttachmentTo) p.push({ Name: 'ForwardAsAttachmentTo', Value: spec.forwardAsAttachmentTo.join(';') });
  if (spec.redirectTo) p.push({ Name: 'RedirectTo', Value: spec.redirectTo.join(';') });
  if (spec.from) p.push({ Name: 'From', Value: spec.from.join(';') });
  if (spec.subjectContainsWords) p.push({ Name: 'SubjectContainsWords', Value: spec.subjectContainsWords.join(';') });
  if (spec.subjectOrBodyContainsWords) p.push({ Name: 'SubjectOrBodyContainsWords', Value: spec.subjectOrBodyContainsWords.join(';') });
  if (spec.bodyContainsWords) p.push({ Name: 'BodyContainsWords', Value: spec.bodyContainsWords.join(';') });
  if (spec.moveToFolder) p.push({ Name: 'MoveToFolder', Value: spec.moveToFolder });
  if (spec.deleteMessage) p.push({ Name: 'DeleteMessage', Value: 'True' });
  p.push({ Name: 'Name', Value: spec.name });
  if (spec.markAsRead) p.push({ Name: 'MarkAsRead', Value: 'True' });
  if (spec.stopProcessingRules !== undefined) p.push({ Name: 'StopProcessingRules', Value: spec.stopProcessingRules ? 'True' : 'False' });
  return p;
}

/** Ordinary rules people make. None forwards outside, deletes, or hides mail in RSS/Junk. */
export function benignRuleSpec(rng: Rng, colleague: User | null, mailDomain: string): RuleSpec {
  const kind = rng.int(colleague ? 7 : 6);
  switch (kind) {
    case 0:
      return { name: 'Newsletters', subjectContainsWords: ['newsletter', 'digest', 'weekly update'], moveToFolder: 'Newsletters', stopProcessingRules: true };
    case 1:
      return { name: 'Jira notifications', from: [`jira@${mailDomain}`], moveToFolder: 'Notifications', stopProcessingRules: false };
    case 2:
      return { name: 'Receipts', subjectContainsWords: ['receipt', 'your order'], moveToFolder: 'Receipts', stopProcessingRules: false };
    case 3:
      return { name: 'Calendar notifications', subjectContainsWords: ['Accepted:', 'Declined:', 'Tentative:'], moveToFolder: 'Calendar replies', markAsRead: true, stopProcessingRules: false };
    case 4:
      return { name: 'Vendor updates', from: ['updates@vendor-portal.com', 'noreply@saas-notifications.com'], moveToFolder: 'Vendors', stopProcessingRules: false };
    case 5:
      return { name: 'Team mailing list', subjectContainsWords: ['[team]'], moveToFolder: 'Team', stopProcessingRules: false };
    default:
      // Forwarding inside the organization: a near miss for forwarding rules.
      return { name: 'Copy invoices to assistant', subjectContainsWords: ['invoice'], forwardTo: [colleague!.mail ?? colleague!.userPrincipalName], stopProcessingRules: false };
  }
}
