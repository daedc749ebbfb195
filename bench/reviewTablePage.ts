// The browser side of bench/reviewTable.ts: the built renderer in Chromium over a handler table, and
// the scroll scenarios measured in the page. Page-side code is sent as text: this file is type-checked
// for Node, without the DOM.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Handlers } from '../main/core/ipc/dispatch.ts';
import { createDispatch, type Dispatch } from '../main/core/ipc/dispatch.ts';
import { silentLogger } from '../main/core/log.ts';
import { createBridge } from '../main/electron/bridge.ts';
import { readRendererAsset } from '../main/core/rendererAssets.ts';
import { contract, type WardenContract } from '../shared/ipc/contract.ts';
import { launchChromium } from '../test/support/chromium.ts';

export function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const START_FRAMES = `(() => {
  const frames = (window.__benchFrames = []);
  window.__benchRunning = true;
  let last = 0;
  const tick = (t) => { frames.push(t - last); last = t; if (window.__benchRunning) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;
const STOP_FRAMES = `(() => { window.__benchRunning = false; return window.__benchFrames; })()`;
const SCROLLER = `document.querySelector('[data-testid=record-table-scroller]')`;

/** requestAnimationFrame deltas (ms) while `run` scrolls. */
export async function frameTimes(page: Page, run: () => Promise<unknown>): Promise<number[]> {
  await page.evaluate(START_FRAMES);
  await run();
  return (await page.evaluate(STOP_FRAMES)) as number[];
}

/**
 * Scrolls down `px` per frame for `ms`, as a trackpad does: a wheel event to the table (which handles
 * it itself when its scrollbar is scaled), else native scrolling.
 */
export const continuousScroll = (page: Page, px: number, ms: number) =>
  page.evaluate(`new Promise((done) => {
    const el = ${SCROLLER};
    const start = performance.now();
    const step = (t) => {
      const wheel = new WheelEvent('wheel', { deltaY: ${px}, deltaMode: 0, bubbles: true, cancelable: true });
      if (el.dispatchEvent(wheel)) el.scrollTop += ${px};
      if (t - start < ${ms}) requestAnimationFrame(step); else done();
    };
    requestAnimationFrame(step);
  })`);

/** Drags the scrollbar from top to bottom over `ms`, one step per frame. */
export const dragScrollbar = (page: Page, ms: number) =>
  page.evaluate(`new Promise((done) => {
    const el = ${SCROLLER};
    const max = el.scrollHeight - el.clientHeight;
    const start = performance.now();
    const step = (t) => { const f = Math.min(1, (t - start) / ${ms}); el.scrollTop = f * max; if (f < 1) requestAnimationFrame(step); else done(); };
    requestAnimationFrame(step);
  })`);

/** Jumps to a fraction of the scrollbar; answers how long until every row in view has its data. */
export const jumpAndWait = async (page: Page, fraction: number) =>
  (await page.evaluate(`new Promise((done) => {
    const el = ${SCROLLER};
    const start = performance.now();
    el.scrollTop = ${fraction} * (el.scrollHeight - el.clientHeight);
    const check = () => {
      const box = el.getBoundingClientRect();
      const rows = [...el.querySelectorAll('[role=row]')].filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > box.top && b.top < box.bottom; });
      if (rows.length > 0 && rows.every((r) => r.hasAttribute('data-record-id'))) done(performance.now() - start);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`)) as number;

/** The row index (aria-rowindex − 2) of the last row in view. */
export const lastRowInView = async (page: Page) =>
  (await page.evaluate(`(() => {
    const el = ${SCROLLER};
    const box = el.getBoundingClientRect();
    const rows = [...el.querySelectorAll('[role=row]')].filter((r) => { const b = r.getBoundingClientRect(); return b.top < box.bottom - 1; });
    return Math.max(...rows.map((r) => Number(r.getAttribute('aria-rowindex')) - 2));
  })()`)) as number;

/** A plain tall page with a scroller like the table's: the floor of this machine and harness. */
export const STATIC_PAGE = `<div data-testid="record-table-scroller" style="height:900px;overflow:auto"><div style="height:3000000px">${'<p>static text</p>'.repeat(2000)}</div></div>`;

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Durations (ms) of main answering the table's row requests. */
  rowQueries: number[];
  problems: string[];
  close(): Promise<void>;
}

const IPC_PATH = '/__bench-ipc';

/**
 * Serves the built renderer (same bytes and headers as the app) and, on the same origin, the IPC
 * dispatch as POST + JSON. Not Playwright's binding, as in the e2e tests: that one delivers every
 * answer through the DevTools protocol, which costs the page ~150 ms of main thread per 200 rows and
 * would measure the harness, not the table. Loopback HTTP + JSON costs about what Electron's IPC
 * (structured clone) does.
 */
async function serveApp(handlers: Handlers<WardenContract>, rowQueries: number[]): Promise<{ origin: string; close(): Promise<void> }> {
  const rendererDir = path.resolve('out/renderer');
  let origin = '';
  // Created once the server listens: the dispatch accepts calls from that origin only.
  let dispatch: Dispatch | null = null;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (request.method === 'POST' && url.pathname === IPC_PATH) {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const { channel, input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { channel: unknown; input: unknown };
        const start = performance.now();
        const result = await dispatch!({ channel, input, senderUrl: `${origin}/` });
        if (channel === 'review.window' || channel === 'review.page') rowQueries.push(performance.now() - start);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      })();
      return;
    }
    void readRendererAsset(rendererDir, url.pathname).then((asset) => {
      response.writeHead(asset.status, asset.headers);
      response.end(asset.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dispatch = createDispatch(contract, handlers, { allowedOrigins: [origin], log: silentLogger });
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The built renderer on the Audit view, over `handlers`, through the same dispatch as the app. */
export async function openAuditView(browser: Browser, handlers: Handlers<WardenContract>): Promise<AppPage> {
  const rowQueries: number[] = [];
  const app = await serveApp(handlers, rowQueries);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript({
    content: `(() => {
      const createBridge = ${createBridge.toString()};
      const invoke = (channel, input) =>
        fetch('${IPC_PATH}', { method: 'POST', body: JSON.stringify({ channel, input }) }).then((r) => r.json());
      Object.defineProperty(window, 'warden', { value: createBridge({ invoke, subscribe: () => {} }) });
    })();`,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(app.origin);
  await page.getByRole('navigation').getByText('Audit', { exact: true }).click();
  await page.locator('[role=row][data-record-id]').first().waitFor({ timeout: 60_000 });
  return {
    page,
    context,
    rowQueries,
    problems,
    async close() {
      await context.close();
      await app.close();
    },
  };
}

export { launchChromium };
