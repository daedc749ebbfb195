import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { suspiciousInboxRule } from './suspiciousInboxRule.ts';

const rule = (user: string, parameters: Record<string, string>) =>
  ualCmdlet({ at: T0, user, ip: '45.32.1.2', operation: 'New-InboxRule', objectId: `contoso.com/${user}\\${parameters['Name']}`, parameters });

describe('suspicious-inbox-rule', () => {
  it('finds a rule forwarding outside the organization and marking mail read', async () => {
    const [f, ...rest] = await detect(suspiciousInboxRule, [
      rule('adele@contoso.com', {
        Name: '.',
        SubjectOrBodyContainsWords: 'invoice;payment',
        RedirectTo: 'accounts-payable-dept@proton.me',
        MarkAsRead: 'True',
        StopProcessingRules: 'True',
      }),
    ]);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ severity: 'critical', user: 'adele@contoso.com' });
    expect(f!.finding.explanation).toMatch(
      /inbox rule '\.' in adele@contoso\.com's mailbox, which forwards or redirects mail to accounts-payable-dept@proton\.me \(outside the organization\), marks it read, has a near-empty name \('\.'\), for mail mentioning invoice, payment\./,
    );
  });

  it('finds rules that delete mail or hide it in RSS Feeds', async () => {
    const found = await detect(suspiciousInboxRule, [
      rule('alex@contoso.com', { Name: 'Clean', BodyContainsWords: 'hacked;phishing', DeleteMessage: 'True' }),
      rule('megan@contoso.com', { Name: 'Archive payments', SubjectContainsWords: 'payment', MoveToFolder: 'RSS Feeds' }),
    ]);
    expect(found.map((f) => f.finding.user).sort()).toEqual(['alex@contoso.com', 'megan@contoso.com']);
  });

  it('leaves alone forwarding to a colleague, newsletters to a folder, and calendar replies marked read', async () => {
    const found = await detect(suspiciousInboxRule, [
      rule('lynne@contoso.com', { Name: 'Copy invoices to assistant', SubjectContainsWords: 'invoice', ForwardTo: 'matt@contoso.com' }),
      rule('lynne@contoso.com', { Name: 'Newsletters', SubjectContainsWords: 'newsletter', MoveToFolder: 'Newsletters' }),
      rule('lynne@contoso.com', { Name: 'Calendar notifications', SubjectContainsWords: 'Accepted:', MoveToFolder: 'Calendar replies', MarkAsRead: 'True' }),
    ]);
    expect(found).toEqual([]);
  });
});
