// The import and export benchmark (issues 16 and 19): a 100k-row ACLED CSV opened through the
// file input, and Download CSV of those 100k events, in headless Chromium on the release build.
//
//   node tests/bench/import.mjs [--dist DIR] [--runs N] [--rows 100000] [--port P]
//
// Also run by tests/bench/run.mjs with `--only import` (BENCH_ONLY=import make bench). The CSV is
// written at run time by tests/bench/gen-acled.mjs into the OS's temporary directory (never
// committed). For each run, in a fresh page: the time from handing the file to the input to the
// list showing "100000 of 100000 events" painted (open), when the progress line first shows,
// the core's import alone (the app's marks dyad:import-start → dyad:import-done), the longest
// main-thread task meanwhile (PerformanceObserver "longtask": what the page cannot answer input
// during), then the same for Download CSV of every event (click → the download starts).
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { cliArgs } from './args.mjs';

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const round = (x) => (x == null ? null : Math.round(x));

/** Runs the benchmark; returns the figures (medians and every run). */
export async function measureImport({ dist, runs = 3, rows = 100000, port = 4190 }) {
  const csv = join(os.tmpdir(), `dyad-bench-acled-${rows}.csv`);
  if (!existsSync(csv)) execFileSync('node', ['tests/bench/gen-acled.mjs', csv, String(rows)], { stdio: 'inherit' });
  const server = spawn('node', ['tests/serve.mjs', dist, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((done) => server.stdout.once('data', done));
  const browser = await chromium.launch(LAUNCH);
  const all = [];
  try {
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__long = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration])))
          .observe({ type: 'longtask', buffered: true });
        // When the progress line first shows and when the list first reads the whole file.
        new MutationObserver(() => {
          const now = performance.now();
          if (!window.__progress && document.querySelector('[data-testid=progress]')) window.__progress = now;
          const c = document.querySelector('[data-testid=event-count]');
          if (!window.__listed && c && /^\d+ of \d+ events$/.test(c.textContent) && c.textContent.startsWith(`${window.__rows} of`)) window.__listed = now;
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByTestId('event-count').waitFor({ timeout: 30000 });
      await page.evaluate((n) => { window.__rows = n; window.__long = []; }, rows);
      const t0 = await page.evaluate(() => performance.now());
      await page.getByTestId('open-file-input').setInputFiles(csv);
      await page.waitForFunction(() => window.__listed, null, { timeout: 60000, polling: 50 });
      const open = await page.evaluate((t0) => {
        const mark = (n) => performance.getEntriesByName(n).at(-1)?.startTime;
        const long = window.__long.filter(([s]) => s >= t0).map(([, d]) => d);
        return {
          openMs: window.__listed - t0,
          progressShownMs: window.__progress ? window.__progress - t0 : null,
          coreImportMs: mark('dyad:import-done') - mark('dyad:import-start'),
          longestTaskMs: long.length ? Math.max(...long) : 0,
        };
      }, t0);
      // Download CSV of every event.
      await page.evaluate(() => { window.__long = []; window.__progress = 0; });
      const t1 = await page.evaluate(() => performance.now());
      const download = page.waitForEvent('download', { timeout: 60000 });
      await page.getByRole('button', { name: 'Download CSV' }).click();
      await download;
      const csvOut = await page.evaluate((t1) => {
        const long = window.__long.filter(([s]) => s >= t1).map(([, d]) => d);
        return {
          csvMs: performance.now() - t1,
          csvProgressShownMs: window.__progress ? window.__progress - t1 : null,
          csvLongestTaskMs: long.length ? Math.max(...long) : 0,
        };
      }, t1);
      const run = { ...open, ...csvOut };
      console.log('[bench:import]', `run ${r + 1}/${runs}`, JSON.stringify(Object.fromEntries(Object.entries(run).map(([k, v]) => [k, round(v)]))));
      all.push(run);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const summary = {};
  for (const k of Object.keys(all[0] || {})) summary[k] = round(median(all.map((r) => r[k])));
  return { rows, runs: all, summary, loadAverage: os.loadavg() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = cliArgs();
  const result = await measureImport({
    dist: args.dist || process.env.BENCH_DIST || 'dist',
    runs: Number(args.runs || 3),
    rows: Number(args.rows || 100000),
    port: Number(args.port || 4190),
  });
  console.log(JSON.stringify(result.summary, null, 1));
}
