// `npm run bench`: every benchmark section, each printing its table. Sections are added here.
import { formatTable, runStoreBench } from './store.ts';

const sections: { title: string; run: () => Promise<{ name: string; value: string; target?: string; ok?: boolean }[]> }[] = [
  { title: 'evidence store: ingest and review', run: () => runStoreBench() },
];

let missed = 0;
for (const section of sections) {
  const rows = await section.run();
  missed += rows.filter((r) => r.target && !r.ok).length;
  process.stdout.write(`${formatTable(section.title, rows)}\n\n`);
}
process.stdout.write(missed === 0 ? 'All targets met.\n' : `${missed} targets missed.\n`);
