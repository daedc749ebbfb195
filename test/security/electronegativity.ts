// Runs Electronegativity (Doyensec's Electron security linter) over the sources and over the built
// output, offline, and fails on any HIGH finding and on any MEDIUM finding that is not allow-listed
// with a reason in electronegativity-allowlist.json beside this file.
//
// Electronegativity fetches translations over the network on start, and its HTTP client crashes the
// process on a time-out, sometimes before its CSV report is written (and the CLI exits 0 on findings
// anyway). So it is driven through its programmatic API, which returns the findings as data, with that
// one fetch answered "offline" at once; the English texts ship with the package.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const egRoot = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));

interface AllowEntry {
  check: string;
  scope: 'sources' | 'built';
  file: string;
  reason: string;
}
interface RawIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
}
interface Finding {
  scope: 'sources' | 'built';
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

function goOffline(): void {
  const i18nPath = path.join(egRoot, 'dist/locales/i18n.js');
  const gotPath = createRequire(i18nPath).resolve('got');
  const offline = new Module(gotPath);
  offline.exports = { __esModule: true, default: () => Promise.reject(new Error('offline: translations are not fetched')) };
  offline.loaded = true;
  require.cache[gotPath] = offline;
  // The CLI logs "Could not retrieve updated translations"; the shipped English texts are used.
}

async function scan(scope: Finding['scope'], paths: string[], skip: (file: string) => boolean = () => false): Promise<Finding[]> {
  // Electronegativity scans a whole folder; stage exactly what belongs to this scope.
  const stage = mkdtempSync(path.join(tmpdir(), `warden-eg-${scope}-`));
  try {
    for (const p of paths) cpSync(path.join(repo, p), path.join(stage, p), { recursive: true, filter: (source) => !skip(path.relative(repo, source)) });
    const run = require(path.join(egRoot, 'dist/runner.js')) as (options: object, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: unknown[] }>;
    const result = await run(
      {
        input: stage,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: readElectronVersion(),
        parserPlugins: [],
      },
      false,
    );
    if (result.errors.length > 0) throw new Error(`Electronegativity could not parse ${result.errors.length} file(s) in the ${scope} scan: ${JSON.stringify(result.errors).slice(0, 500)}`);
    return result.issues.map((issue) => ({
      scope,
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      location: `${issue.location.line}:${issue.location.column}`,
      sample: issue.sample ?? '',
      description: issue.description,
    }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function readElectronVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function loadAllowList(): AllowEntry[] {
  const entries = JSON.parse(readFileSync(path.join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as AllowEntry[];
  for (const entry of entries) {
    if (!entry.reason || entry.reason.trim().length < 20) throw new Error(`Allow-list entry ${entry.check} (${entry.file}) needs a real reason.`);
  }
  return entries;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(repo, 'out/main/index.js'))) {
    console.error('electronegativity: out/ is missing; run `npm run build` first.');
    return 1;
  }
  goOffline();
  const findings = [
    ...(await scan('sources', ['main', 'renderer', 'shared', 'package.json'])),
    // The bundled renderer script is checked from its sources above: Electronegativity's AST walker
    // predates class private fields (React and Fluent's bundles use them) and stops on that file.
    // The built index.html (its CSP), main and preload bundles are all scanned.
    ...(await scan('built', ['out', 'package.json'], (file) => /^out\/renderer\/assets\/.*\.js$/.test(file))),
  ];
  const allow = loadAllowList();
  const used = new Set<AllowEntry>();
  let allowed = 0;
  const failures: string[] = [];
  for (const f of findings) {
    const where = `${f.scope}: ${f.check} ${f.severity} at ${f.file}:${f.location}`;
    if (f.severity === 'HIGH') {
      failures.push(`${where}: ${f.description} [${f.sample}]`);
    } else if (f.severity === 'MEDIUM') {
      const entry = allow.find((a) => a.check === f.check && a.scope === f.scope && a.file === f.file);
      if (entry) {
        used.add(entry);
        allowed += 1;
      }
      else failures.push(`${where}: ${f.description} [${f.sample}] (fix it, or allow-list it with a true reason)`);
    }
  }
  const counts = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  console.log(`electronegativity: ${findings.length} findings (${counts}); ${allowed} MEDIUM allow-listed (${allow.length} entries).`);
  for (const entry of allow.filter((a) => !used.has(a))) {
    failures.push(`allow-list entry no longer matches anything, remove it: ${entry.scope} ${entry.check} ${entry.file}`);
  }
  for (const line of failures) console.error(`  FAIL ${line}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
