import { z } from 'zod';

/**
 * Admin changes Warden makes in Exchange Online, always previewed (before -> after, read live), confirmed
 * with a reason, and journaled with the audit record that later proves Exchange logged them.
 */

/** An Exchange identity as a person types it (UPN, alias, name, GUID): one line, no control characters. */
const Identity = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be one line of text');

/** An SMTP address: local@domain.tld, as Exchange accepts for ForwardingSmtpAddress. */
export const SmtpAddress = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@<>"(),;:\\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be an e-mail address such as name@example.com');

export const ChangeRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('roleGroup.addMember'), group: Identity, member: Identity }),
  z.strictObject({ kind: z.literal('roleGroup.removeMember'), group: Identity, member: Identity }),
  z.strictObject({ kind: z.literal('mailbox.setForwarding'), mailbox: Identity, address: SmtpAddress, keepCopy: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('mailbox.clearForwarding'), mailbox: Identity }),
  /** Puts forwarding back exactly as it was (the Undo of a forwarding change). */
  z.strictObject({
    kind: z.literal('mailbox.restoreForwarding'),
    mailbox: Identity,
    forwardingSmtpAddress: SmtpAddress.nullable(),
    forwardingAddress: Identity.nullable(),
    deliverToMailboxAndForward: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('mailbox.addFullAccess'), mailbox: Identity, user: Identity }),
  z.strictObject({ kind: z.literal('mailbox.removeFullAccess'), mailbox: Identity, user: Identity }),
  z.strictObject({ kind: z.literal('mailbox.enableAudit'), mailbox: Identity }),
  z.strictObject({ kind: z.literal('audit.enableIngestion') }),
]);
export type ChangeRequest = z.output<typeof ChangeRequest>;
export type ChangeRequestInput = z.input<typeof ChangeRequest>;
export type ChangeKindName = ChangeRequest['kind'];

export const FieldValue = z.object({ field: z.string(), before: z.string(), after: z.string() });
export type FieldValue = z.infer<typeof FieldValue>;

/** What a change would do, read live from Exchange just now. */
export const ChangePreview = z.object({
  /** The change with identities as Exchange resolved them (what apply will send). */
  change: ChangeRequest,
  title: z.string(),
  target: z.string(),
  fields: z.array(FieldValue),
  /** Nothing would change: the target is already in that state. */
  noOp: z.boolean(),
  reversible: z.boolean(),
  /** Why a change has no Undo, when it has none. */
  irreversibleWhy: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Fingerprint of the before-state: apply refuses when Exchange changed since this preview. */
  token: z.string(),
  /** Who will make the change (the signed-in admin, or the app). */
  actor: z.string(),
});
export type ChangePreview = z.infer<typeof ChangePreview>;

export const Reason = z.string().trim().min(3, 'say why, in a few words (at least 3 characters)').max(1000);

export const ApplyRequest = z.strictObject({ change: ChangeRequest, reason: Reason, token: z.string().min(1).max(200) });
export type ApplyRequest = z.input<typeof ApplyRequest>;

export const AuditProofStatus = z.enum(['pending', 'verified', 'missing', 'not-applicable']);
export type AuditProofStatus = z.infer<typeof AuditProofStatus>;

/** The cmdlet a change ran, with the parameters as sent: the audit record must show the same. */
export const SentCall = z.object({ cmdlet: z.string(), parameters: z.record(z.string(), z.unknown()) });
export type SentCall = z.infer<typeof SentCall>;

export const JournalResult = z.enum(['running', 'succeeded', 'failed', 'unknown']);
export type JournalResult = z.infer<typeof JournalResult>;

/** One admin change as the journal keeps it: who, when, why, before, after, result, and its audit proof. */
export const JournalEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  title: z.string(),
  target: z.string(),
  reason: z.string(),
  change: z.record(z.string(), z.unknown()),
  fields: z.array(FieldValue),
  result: JournalResult,
  error: z.string().nullable(),
  calls: z.array(SentCall),
  reversible: z.boolean(),
  undoOf: z.number().int().nullable(),
  undoneBy: z.number().int().nullable(),
  audit: z.object({
    status: AuditProofStatus,
    recordId: z.string().nullable(),
    recordTime: z.string().nullable(),
    checkedAt: z.string().nullable(),
    /** For people: "waiting (Exchange may take up to 24 hours)", "not found 26 hours after the change". */
    note: z.string(),
  }),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const JournalExportFormat = z.enum(['csv', 'json']);
export type JournalExportFormat = z.infer<typeof JournalExportFormat>;
