import type { InboxRuleView } from '../../../shared/model/adminInventory.ts';

/**
 * Folders attackers move mail into so the owner does not see replies (business e-mail compromise
 * playbooks: RSS Feeds, Conversation History, Archive) or into the bin.
 */
const HIDING_FOLDERS = /^(rss feeds|rss subscriptions|conversation history|archive|deleted items|junk e-?mail)$/i;

/** The addresses in a Get-InboxRule recipient string (`"Name" [SMTP:addr]`, or a bare address). */
export function recipientAddresses(text: string): string[] {
  const tagged = [...text.matchAll(/\[(?:SMTP|smtp):([^\]\s]+)\]/g)].map((m) => m[1]!);
  if (tagged.length > 0) return tagged.map((a) => a.toLowerCase());
  const bare = /([^\s"<>[\]]+@[^\s"<>[\]]+)/.exec(text);
  return bare ? [bare[1]!.toLowerCase()] : [];
}

/** The domain of an address, lower case ('' when it has none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/**
 * Whether an address leaves the organization. The organization's domains are those its own mailboxes
 * use (Warden does not read accepted domains), so an address on a domain no mailbox has is external.
 */
export function isExternal(address: string, orgDomains: ReadonlySet<string>): boolean {
  const domain = domainOf(address);
  return domain !== '' && !orgDomains.has(domain);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** An inbox rule as the detail pane shows it, with the reasons it deserves a look. */
export function classifyInboxRule(rule: Record<string, unknown>, orgDomains: ReadonlySet<string>): InboxRuleView {
  const forwardTo = [...strings(rule['ForwardTo']), ...strings(rule['ForwardAsAttachmentTo']), ...strings(rule['RedirectTo'])];
  const externalTargets = [...new Set(forwardTo.flatMap(recipientAddresses).filter((a) => isExternal(a, orgDomains)))];
  const deletes = rule['DeleteMessage'] === true;
  const moveToFolder = typeof rule['MoveToFolder'] === 'string' && rule['MoveToFolder'] ? (rule['MoveToFolder'] as string) : null;
  const folderName = moveToFolder?.split(/[\\/:]/).pop()?.trim() ?? '';
  const risks: string[] = [];
  if (externalTargets.length > 0) risks.push(`forwards mail outside the organization (${externalTargets.join(', ')})`);
  if (deletes) risks.push('deletes mail');
  if (moveToFolder && HIDING_FOLDERS.test(folderName)) risks.push(`moves mail to ${folderName}, out of sight`);
  return {
    name: typeof rule['Name'] === 'string' ? rule['Name'] : '(unnamed)',
    enabled: rule['Enabled'] !== false,
    description: typeof rule['Description'] === 'string' ? rule['Description'] : '',
    forwardTo,
    externalTargets,
    deletes,
    moveToFolder,
    markAsRead: rule['MarkAsRead'] === true,
    risks,
  };
}

/** True when a rule forwards outside the organization or deletes (or hides) mail. */
export function isSuspiciousRule(rule: Record<string, unknown>, orgDomains: ReadonlySet<string>): boolean {
  return classifyInboxRule(rule, orgDomains).risks.length > 0;
}
