// `node bench/reviewTable.ts` (and part of `npm run bench`): is the Audit table smooth over a big store?
// 1. Seeds WARDEN_BENCH_TABLE_RECORDS audit records (default 1,000,000) into a real encrypted store and
//    opens the built renderer in Debian's Chromium against the real review handlers.
// 2. Then the renderer alone at 10,000,000 rows, with rows computed in main instead of read from a store.
// Measures frame times (requestAnimationFrame deltas, p50/p95/max) while scrolling continuously, dragging
// the scrollbar end to end, turning the wheel and holding Page Down (through Playwright's input), with
// the same scrolling of a static page as the floor of the machine, and how long rows take to fill after
// a jump. The target is 60 frames per second at p95 (under 25 ms); compare with the floor rows when the
// machine is busy.
// Needs `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createHandlers } from '../main/core/api/handlers.ts';
import { reviewHandlers } from '../main/core/api/review.ts';
import { importFile } from '../main/core/importers/importFile.ts';
import type { Handlers } from '../main/core/ipc/dispatch.ts';
import { silentLogger } from '../main/core/log.ts';
import { openStore } from '../main/core/store/openStore.ts';
import type { WardenContract } from '../shared/ipc/contract.ts';
import { createTestServices, memoryVault } from '../test/support/services.ts';
import {
  continuousScroll,
  dragScrollbar,
  frameTimes,
  jumpAndWait,
  lastRowInView,
  launchChromium,
  openAuditView,
  percentiles,
  STATIC_PAGE,
} from './reviewTablePage.ts';
import { formatTable, type BenchRow } from './store.ts';
import { makeWorld, mulberry32, syntheticAuditRecord, writeJsonl } from './storeSynthetic.ts';
import { syntheticReviewHandlers } from './syntheticRecordRows.ts';

const FRAME_TARGET_MS = 25;
const ROWS_TARGET_MS = 250;
const TEN_MILLION = 10_000_000;

const frameRow = (name: string, frames: number[], target: number | null): BenchRow => {
  const p = percentiles(frames);
  return {
    name: `frame time, ${name}`,
    value: `p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms (${frames.length} frames)`,
    ...(target === null ? {} : { target: `p95 < ${target} ms`, ok: p.p95 < target }),
  };
};

async function wheelInput(page: Page): Promise<void> {
  for (let i = 0; i < 150; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
}

/** The scroll scenarios over the Audit view served by `handlers`; rows for the table. */
async function scrollScenarios(browser: Browser, handlers: Handlers<WardenContract>, rows: number, label: string, withInput: boolean): Promise<BenchRow[]> {
  const app = await openAuditView(browser, handlers);
  const { page } = app;
  const out: BenchRow[] = [];
  try {
    out.push({ name: `${label}: table shows`, value: (await page.getByTestId('record-count').textContent()) ?? '' });
    out.push(frameRow(`${label}, continuous scrolling at 2,400 px/s`, await frameTimes(page, () => continuousScroll(page, 40, 4000)), FRAME_TARGET_MS));
    out.push(frameRow(`${label}, scrollbar dragged end to end in 4 s`, await frameTimes(page, () => dragScrollbar(page, 4000)), FRAME_TARGET_MS));
    const last = await lastRowInView(page);
    out.push({
      name: `${label}: last row in view after the drag`,
      value: `${(last + 1).toLocaleString('en-US')} of ${rows.toLocaleString('en-US')}`,
      target: 'the last row',
      ok: last + 1 === rows,
    });
    if (withInput) {
      const plain = await app.context.newPage();
      await plain.setContent(STATIC_PAGE);
      await plain.mouse.move(400, 400);
      const floorContinuous = await frameTimes(plain, () => continuousScroll(plain, 40, 4000));
      const floorWheel = await frameTimes(plain, () => wheelInput(plain));
      await plain.close();
      const box = (await page.getByTestId('record-table-scroller').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      out.push(frameRow(`${label}, wheel (Playwright input)`, await frameTimes(page, () => wheelInput(page)), FRAME_TARGET_MS));
      await page.getByRole('grid', { name: 'Audit records' }).focus();
      const keys = await frameTimes(page, async () => {
        // About the keyboard's repeat rate.
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press('PageDown');
          await page.waitForTimeout(40);
        }
      });
      out.push(frameRow(`${label}, Page Down held (Playwright input)`, keys, FRAME_TARGET_MS));
      out.push(frameRow('floor: continuous scrolling of a static page', floorContinuous, null));
      out.push(frameRow('floor: wheel input on a static page', floorWheel, null));
    }
    const jumps: number[] = [];
    const random = mulberry32(11);
    for (let i = 0; i < 20; i++) jumps.push(await jumpAndWait(page, random()));
    const j = percentiles(jumps);
    out.push({
      name: `${label}: rows filled after a jump`,
      value: `p50 ${j.p50.toFixed(0)} ms, p95 ${j.p95.toFixed(0)} ms, max ${j.max.toFixed(0)} ms (${jumps.length} jumps, test transport)`,
      target: `p95 < ${ROWS_TARGET_MS} ms`,
      ok: j.p95 < ROWS_TARGET_MS,
    });
    const q = percentiles(app.rowQueries);
    out.push({
      name: `${label}: main answering a row request`,
      value: `p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, max ${q.max.toFixed(1)} ms (${app.rowQueries.length} requests)`,
    });
    if (app.problems.length > 0) out.push({ name: `${label}: page errors`, value: app.problems.join('; '), target: 'none', ok: false });
  } finally {
    await app.close();
  }
  return out;
}

export async function runReviewTableBench(log: (line: string) => void = console.error): Promise<BenchRow[]> {
  const records = Number(process.env['WARDEN_BENCH_TABLE_RECORDS'] ?? process.env['WARDEN_BENCH_RECORDS'] ?? 1_000_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-bench-table-'));
  const rows: BenchRow[] = [];
  const services = await createTestServices({ dataDir: path.join(dir, 'data'), openVault: async () => memoryVault() });
  const browser = await launchChromium();
  try {
    log(`review table: generating ${records.toLocaleString('en-US')} audit records (seed 7)`);
    const world = makeWorld(7);
    const r = mulberry32(7);
    const file = path.join(dir, 'audit.jsonl');
    await writeJsonl(file, records, (i) => syntheticAuditRecord(r, world, (i * 1_000_000) / records));
    const store = openStore({ file: path.join(dir, 'stores', 'bench.sqlite'), key: Buffer.alloc(32, 0x33), log: silentLogger });
    try {
      log('review table: importing');
      const imported = await importFile(store, file);
      rmSync(file);
      rows.push({ name: 'records in the store', value: imported.inserted.toLocaleString('en-US') });
      log('review table: scrolling over the store');
      // The app's handlers, with the review channels over the bench store (no keyring needed).
      const real = { ...createHandlers(services), ...reviewHandlers({ store: async () => store, chooseExportFile: null, log: silentLogger }) };
      rows.push(...(await scrollScenarios(browser, real, imported.inserted, 'store', true)));
    } finally {
      store.close();
    }
    log('review table: the renderer at 10,000,000 rows');
    const computed = { ...createHandlers(services), ...syntheticReviewHandlers(TEN_MILLION) };
    rows.push(...(await scrollScenarios(browser, computed, TEN_MILLION, '10M computed rows', false)));
  } finally {
    await browser.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
