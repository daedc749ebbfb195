// `npm run bench [-- --only store,detect,...]`: every benchmark section, each printing its table and whether its
// targets were met. Each figure that has a baseline is measured against it in the same run (jq, a plain scan).
// The Chromium sections need the built renderer (`npm run build`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runDetectBench } from './detect.ts';
import { runEmulatorBench } from './emulator.ts';
import { runMailboxesViewBench } from './mailboxesView.ts';
import { runReviewTableBench } from './reviewTable.ts';
import { formatTable, runStoreBench, type BenchRow } from './store.ts';

interface Section {
  name: string;
  title: string;
  needsRenderer?: boolean;
  run: () => Promise<BenchRow[]>;
}

const SECTIONS: Section[] = [
  { name: 'emulator', title: 'emulator: ready line and Management Activity feed throughput', run: () => runEmulatorBench() },
  { name: 'store', title: 'evidence store: ingest and review', run: () => runStoreBench() },
  { name: 'review', title: 'review table: scrolling the Audit view in Chromium', needsRenderer: true, run: () => runReviewTableBench() },
  { name: 'mailboxes', title: 'mailboxes view: 100,000 mailboxes in Chromium', needsRenderer: true, run: () => runMailboxesViewBench() },
  { name: 'detect', title: 'detections: all rules over the store', run: () => runDetectBench() },
];

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !SECTIONS.some((s) => s.name === n)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`unknown bench section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}

let missed = 0;
for (const section of SECTIONS.filter((s) => !only || only.includes(s.name))) {
  if (section.needsRenderer && !existsSync(path.resolve('out/renderer/index.html'))) {
    process.stdout.write(`== ${section.title}\nnot run: out/renderer is missing (run \`npm run build\` first)\n\n`);
    missed++;
    continue;
  }
  const rows = await section.run();
  missed += rows.filter((r) => r.target && !r.ok).length;
  process.stdout.write(`${formatTable(section.title, rows)}\n\n`);
}
process.stdout.write(missed === 0 ? 'All targets met.\n' : `${missed} targets missed.\n`);
process.exitCode = missed === 0 ? 0 : 1;
