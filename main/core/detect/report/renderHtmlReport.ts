import type { FindingsReport } from './buildReport.ts';

/**
 * Escapes text for HTML element content and quoted attribute values. Every value in the report
 * comes from logs (user names, rule names, addresses an attacker chose), so every value goes
 * through here; nothing is ever inserted as markup.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const when = (ms: number | null) => (ms === null ? '(no time)' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;color:#1b1b1b;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555}.sev{display:inline-block;min-width:5.5em;text-align:center;border-radius:3px;padding:0 .4em;font-weight:600;color:#fff}
.critical{background:#8b0000}.high{background:#c43e00}.medium{background:#a36b00}.low{background:#4a6b8a}
.finding{border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}
.finding h3{margin:.2rem 0 .4rem;font-size:1.05rem}table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border-bottom:1px solid #eee;text-align:left;padding:2px 6px;vertical-align:top;word-break:break-all}
.triage{font-weight:600}.note{color:#333;margin:.2rem 0}code{font-size:12px}`;

/** A self-contained HTML report: inline style, no script, no external resource (the CSP says so too). */
export function renderHtmlReport(report: FindingsReport): string {
  const e = escapeHtml;
  const counts = (['critical', 'high', 'medium', 'low'] as const).map((s) => `<span class="sev ${s}">${report.counts.bySeverity[s]} ${s}</span>`).join(' ');
  const findings = report.findings
    .map((d) => {
      const f = d.finding;
      const evidence = d.evidence
        .map(
          (r) =>
            `<tr><td>${e(r.id)}</td><td>${e(when(r.timeMs))}</td><td>${e(r.kind)}</td><td>${e(r.operation)}</td><td>${e(r.user)}</td><td>${e(r.ip)}</td><td>${e(r.result)}</td><td>${e(r.detail)}</td></tr>`,
        )
        .join('');
      const notes = d.notes
        .map((n) => `<p class="note">${e(when(n.createdAt))}${n.triageTo ? ` (${e(n.triageFrom)} → ${e(n.triageTo)})` : ''}: ${e(n.text)}</p>`)
        .join('');
      return `<section class="finding" id="finding-${e(f.id)}">
<h3><span class="sev ${e(f.severity)}">${e(f.severity)}</span> #${e(f.id)} ${e(f.title)}</h3>
<p>${e(f.explanation)}</p>
<p class="meta">Rule <code>${e(f.ruleId)}</code> (${e(f.ruleTitle)}, ATT&amp;CK ${e(f.technique)}) · ${e(when(f.firstMs))} to ${e(when(f.lastMs))} · triage: <span class="triage">${e(f.triage)}</span> · fingerprint <code>${e(f.fingerprint)}</code></p>
${notes}
<table><thead><tr><th>record</th><th>time</th><th>kind</th><th>operation</th><th>account</th><th>address</th><th>result</th><th>detail</th></tr></thead><tbody>${evidence}</tbody></table>
${d.moreEvidence > 0 ? `<p class="meta">and ${e(d.moreEvidence)} more evidence records in the store.</p>` : ''}
</section>`;
    })
    .join('\n');
  const suppressions = report.suppressions.length
    ? `<ul>${report.suppressions.map((s) => `<li>${e(s.kind)} <code>${e(s.value)}</code>${s.ruleId ? ` for rule <code>${e(s.ruleId)}</code>` : ''}: ${e(s.reason)} (hides ${e(s.hides)})</li>`).join('')}</ul>`
    : '<p>None.</p>';
  const rules = report.rules
    .map((r) => `<tr><td><code>${e(r.id)}</code></td><td>${e(r.title)}</td><td>${e(r.technique)}</td><td>${e(r.looksAt)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>Warden findings: ${e(report.profile)}</title><style>${STYLE}</style></head>
<body>
<h1>Warden findings: ${e(report.profile)}</h1>
<p class="meta">Generated ${e(report.generatedAt)} from ${e(report.store.records)} records (${e(report.store.signin)} sign-ins, ${e(report.store.audit)} audit records) between ${e(when(report.store.firstMs))} and ${e(when(report.store.lastMs))}.</p>
<p>${e(report.counts.total)} active findings: ${counts}${report.hiddenBySuppressions ? ` · ${e(report.hiddenBySuppressions)} hidden by suppressions` : ''}</p>
<h2>Findings</h2>
${findings || '<p>No active findings.</p>'}
<h2>Suppressions</h2>
${suppressions}
<h2>Rules</h2>
<table><thead><tr><th>id</th><th>title</th><th>ATT&amp;CK</th><th>looks at</th></tr></thead><tbody>${rules}</tbody></table>
<p class="meta">IP locations not recorded by Entra come from the offline ip-location-db databases (CC0; AS data CC BY 4.0 RouteViews, NRO, DB-IP).</p>
</body></html>
`;
}
