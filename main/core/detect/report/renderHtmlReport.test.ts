import { describe, expect, it } from 'vitest';
import { runDetections } from '../engine/runDetections.ts';
import { triageFinding, listFindings } from '../findings/findingQueries.ts';
import { addRecords, tempStore } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { buildReport } from './buildReport.ts';
import { escapeHtml, renderHtmlReport } from './renderHtmlReport.ts';

describe('HTML report', () => {
  it('escapes hostile record content everywhere: rule names, accounts, notes', async () => {
    const store = tempStore();
    const hostile = '<img src=x onerror=alert(1)>';
    addRecords(store, [
      ualCmdlet({
        at: T0,
        user: 'x"><script>alert(2)</script>@contoso.com',
        ip: '45.32.1.2',
        operation: 'New-InboxRule',
        parameters: { Name: hostile, ForwardTo: 'evil@proton.me', DeleteMessage: 'True' },
      }),
    ]);
    await runDetections(store);
    const [finding] = listFindings(store);
    triageFinding(store, finding!.id, 'investigating', '</p><iframe src="https://example.net">');
    const html = renderHtmlReport(buildReport(store, 'tenant <b>one</b>'));
    expect(html).not.toMatch(/<script|<img|<iframe|<b>|onerror=alert\(1\)>/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&#60;/p&#62;&#60;iframe');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">');
    store.close();
  });

  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;');
  });
});
