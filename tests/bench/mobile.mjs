// The benchmark's "mobile first visit" (issue 14): a cold first visit on a throttled phone, Dyad
// and TimelineJS showing the same 99 events, measured the same way in the same run. Used by
// tests/bench/run.mjs (all of `make bench`, or `--only mobile` for this part alone).
//
// Conditions, per run: a fresh Playwright context (empty cache, new connections), viewport
// 375×800 at deviceScaleFactor 2, touch, a phone's user agent; before navigating, through the
// Chrome DevTools Protocol, the Lighthouse mobile throttling: `Network.emulateNetworkConditions`
// (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency per request) and
// `Emulation.setCPUThrottlingRate` 4. Files come from tests/bench/gzip-serve.mjs (gzip
// `Content-Encoding`, as static hosts send them). The browser resolves no host but loopback
// (`--host-resolver-rules`), so a request to another host fails at once; every such request is
// counted from the protocol's network events and reported. Runs alternate (Dyad, TimelineJS,
// Dyad, ...) after one unrecorded load of each (it starts the browser's renderer and fills the
// server's gzip cache).
//
// Figures, each from navigation start (the page's time origin):
// - first events painted on the first screen (the budgeted figure): the earlier of
//   (a) the first paint of an event title that is on the first screen (the 375×800 viewport,
//       no scrolling: the title's box meets it across and at least half its height is inside
//       it), by Element Timing. Before any of the page's own scripts, a MutationObserver puts
//       `elementtiming="event-title"` on every title element as soon as it enters the document,
//       whether parsed from static HTML or built by script, so the browser reports the frame in
//       which its text is first painted (`renderTime`). Title elements: Dyad `.event-row h3`
//       (the list's rows); TimelineJS `.tl-slide .tl-headline` (a slide's headline) or
//       `.tl-timemarker .tl-headline` (a marker's title in its time navigation).
//   (b) for an app that draws its events on a canvas (Dyad's timeline, whose marks and milestone
//       labels Element Timing cannot see): its own mark after the paint of the first drawing
//       with events (`dyad:timeline-painted`, set as `perf::after_paint` does), when the canvas
//       is on the first screen by the same rule.
// - cross-check of (a): a detector that checks at each animation frame whether a title element
//   is on the first screen and visible (`checkVisibility` with opacity and visibility), and
//   takes the time in a task queued from that frame (after its paint).
// - First Contentful Paint and Largest Contentful Paint (the last candidate before the run
//   ends, with the element it names).
// - Dyad: app started (Trunk's `TrunkApplicationStarted`: the wasm instantiated and `main`
//   returned, the shell mounted with its listeners) and interactive (the app's own mark
//   `dyad:events-painted`: its list rendered, with its handlers); TimelineJS: its `ready` event.
// - requests and bytes on the wire (the protocol's `encodedDataLength`, headers included), and
//   per file its Resource Timing (start, end, transfer size), which give Dyad's breakdown.
// A run ends when the app's marks are in, the network has been quiet for 1 s and an event is on
// the first screen (or 2 s more have passed).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MOBILE_BUDGET_MS = 2500;

// Lighthouse's mobile settings (its `throttling.mobileSlow4G` and `screenEmulation.mobile`).
export const THROTTLE = {
  latencyMs: 150,
  downloadKbps: 1.6 * 1024,
  uploadKbps: 750,
  cpuSlowdown: 4,
};
export const PHONE = {
  viewport: { width: 375, height: 800 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

// The apps, served side by side from one directory (see bench.sh): Dyad at the root,
// TimelineJS's page in bench-timelinejs/.
export const APPS = {
  dyad: {
    name: 'Dyad',
    path: '/',
    titles: '.event-row h3',
    canvas: { mark: 'dyad:timeline-painted', selector: '[data-testid="timeline-plot"] canvas' },
    done: ['dyad:events-painted', 'dyad:timeline-painted'],
  },
  timelinejs: {
    name: 'TimelineJS',
    path: '/bench-timelinejs/',
    titles: '.tl-slide .tl-headline, .tl-timemarker .tl-headline',
    canvas: null,
    done: ['tljs:ready'],
  },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
};

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 0) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

// ---------------------------------------------------------------------------------------------
// In the page, before its own scripts (Playwright's addInitScript): the probes described above.
function probe({ titles, canvas }) {
  const m = { titles, paint: {}, lcp: [], element: [], detector: null, canvas: null, appStarted: null };
  window.__mobile = m;
  const describe = (el) => {
    if (!el) return null;
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${cls} "${(el.textContent || '').trim().slice(0, 40)}"`;
  };
  // On the first screen: the box meets the viewport across, and at least half its height is
  // inside it (a title cut to a sliver at the bottom edge is not seen).
  const onScreen = (r, box = r) => r.width > 0 && box.height > 0 && r.right > 0 && r.left < innerWidth
    && Math.min(r.bottom, innerHeight) - Math.max(r.top, 0) >= box.height / 2;
  addEventListener('TrunkApplicationStarted', () => { m.appStarted = performance.now(); });
  // When the wasm is compiled and instantiated (before wasm-bindgen runs `main`): the
  // promise's settling time, the call passed through unchanged.
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const f = WebAssembly[name];
    if (!f) continue;
    WebAssembly[name] = function (...a) {
      return f.apply(this, a).then((r) => { if (m.wasmInstantiated == null) m.wasmInstantiated = performance.now(); return r; });
    };
  }
  const observe = (type, f) => {
    try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({ type, buffered: true }); } catch {}
  };
  observe('paint', (e) => { m.paint[e.name] = e.startTime; });
  observe('largest-contentful-paint', (e) => m.lcp.push({ t: e.startTime, size: e.size, element: describe(e.element) }));
  observe('element', (e) => {
    if (e.identifier !== 'event-title') return;
    const r = e.intersectionRect;
    const box = e.element ? e.element.getBoundingClientRect() : r;
    m.element.push({
      t: e.renderTime || e.loadTime,
      onScreen: onScreen(r, box),
      element: `${describe(e.element)} at y ${Math.round(r.top)}–${Math.round(r.bottom)}`,
    });
  });
  // An app that draws its events on a canvas: its own mark after that drawing's paint counts
  // when the canvas is on the first screen then.
  if (canvas) {
    observe('mark', (e) => {
      if (e.name !== canvas.mark || m.canvas) return;
      const el = document.querySelector(canvas.selector);
      const r = el && el.getBoundingClientRect();
      m.canvas = { t: e.startTime, onScreen: !!r && onScreen(r), at: r ? `y ${Math.round(r.top)}–${Math.round(r.bottom)}` : null };
    });
  }
  const tag = () => {
    for (const el of document.querySelectorAll(titles)) {
      if (!el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', 'event-title');
    }
  };
  let pending = false;
  let found = false;
  const check = () => {
    pending = false;
    if (found) return;
    const seen = [...document.querySelectorAll(titles)].find((el) => onScreen(el.getBoundingClientRect())
      && (el.textContent || '').trim() !== ''
      && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }));
    if (seen) {
      found = true;
      const r = seen.getBoundingClientRect();
      m.detectorElement = `${describe(seen)} at y ${Math.round(r.top)}–${Math.round(r.bottom)}`;
      // From inside the frame's callback, a zero-delay task runs once that frame is painted.
      setTimeout(() => { m.detector = performance.now(); }, 0);
    } else {
      watch();
    }
  };
  // While a title is in the document but not on screen (styles not applied yet, a fade, below
  // the fold), look again at every frame; otherwise wait for the next mutation.
  const watch = () => {
    if (pending || found) return;
    if (!document.querySelector(titles)) return;
    pending = true;
    requestAnimationFrame(check);
  };
  const mo = new MutationObserver(() => {
    tag();
    watch();
  });
  mo.observe(document, { childList: true, subtree: true });
}

// ---------------------------------------------------------------------------------------------

/** One cold visit of `app` on the throttled phone. */
async function visit(browser, origin, app) {
  const context = await browser.newContext({ ...PHONE, userAgent: phoneUserAgent(browser) });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.addInitScript(probe, { titles: app.titles, canvas: app.canvas });
  const cdp = await context.newCDPSession(page);
  const net = { requests: 0, bytes: 0, foreign: [], inflight: new Set(), last: Date.now() };
  cdp.on('Network.requestWillBeSent', (e) => {
    const u = new URL(e.request.url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    net.requests += 1;
    net.inflight.add(e.requestId);
    net.last = Date.now();
    if (!LOOPBACK.has(u.hostname)) net.foreign.push(e.request.url);
  });
  const done = (e) => { net.inflight.delete(e.requestId); net.last = Date.now(); };
  cdp.on('Network.loadingFinished', (e) => { net.bytes += e.encodedDataLength; done(e); });
  cdp.on('Network.loadingFailed', done);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLE.latencyMs,
    downloadThroughput: (THROTTLE.downloadKbps * 1024) / 8,
    uploadThroughput: (THROTTLE.uploadKbps * 1024) / 8,
    connectionType: 'cellular4g',
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuSlowdown });

  await page.goto(origin + app.path, { waitUntil: 'commit' });
  // Done when the app has finished loading (its marks), the network has been quiet for 1 s,
  // and an event is on the first screen (or 2 s more have passed without one).
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0),
    app.done, { timeout: 60000, polling: 100 });
  for (const t0 = Date.now(); Date.now() - t0 < 20000;) {
    if (net.inflight.size === 0 && Date.now() - net.last > 1000) break;
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(() => {
    const m = window.__mobile;
    return (m.detector != null && m.element.some((e) => e.onScreen)) || (m.canvas && m.canvas.onScreen);
  }, null, { timeout: 2000, polling: 100 }).catch(() => {});
  const got = await page.evaluate(() => {
    const mark = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : null; };
    const nav = performance.getEntriesByType('navigation')[0];
    const files = [nav, ...performance.getEntriesByType('resource')].map((e) => ({
      name: e.name.replace(location.origin, ''), type: e.initiatorType, start: e.startTime,
      responseStart: e.responseStart, end: e.responseEnd, transfer: e.transferSize, body: e.encodedBodySize,
    }));
    const first = document.querySelector(window.__mobile.titles);
    const r = first && first.getBoundingClientRect();
    return {
      titleAtEnd: r ? { top: Math.round(r.top), bottom: Math.round(r.bottom), viewportHeight: innerHeight } : null,
      probe: window.__mobile,
      files,
      marks: {
        dataFetched: mark('dyad:data-fetched'), dataParsed: mark('dyad:data-parsed'),
        eventsPainted: mark('dyad:events-painted'), timelinePainted: mark('dyad:timeline-painted'),
        tljsLoaded: mark('tljs:loaded'), tljsReady: mark('tljs:ready'),
      },
    };
  });
  await context.close();
  const p = got.probe;
  const titles = p.element.filter((e) => e.onScreen).sort((a, b) => a.t - b.t);
  const title = titles.length ? titles[0].t : null;
  const canvas = p.canvas && p.canvas.onScreen ? p.canvas.t : null;
  const lcp = p.lcp.at(-1) || null;
  const firsts = [title, canvas].filter((x) => x != null);
  return {
    firstEventsPainted: firsts.length ? Math.min(...firsts) : null,
    titleOnScreen: title,
    titleElement: titles.length ? titles[0].element : null,
    // Title paints that were not on the first screen (below the fold, a sliver at its edge).
    titlesOffScreen: p.element.filter((e) => !e.onScreen).slice(0, 3),
    detector: p.detector,
    detectorElement: p.detectorElement || null,
    canvasOnScreen: canvas,
    canvas: p.canvas,
    // Where the first title is once the page has loaded (it may have moved since its paint).
    titleAtEnd: got.titleAtEnd,
    fcp: p.paint['first-contentful-paint'] ?? null,
    lcp: lcp && lcp.t,
    lcpElement: lcp && lcp.element,
    appStarted: p.appStarted,
    wasmInstantiated: p.wasmInstantiated ?? null,
    ...got.marks,
    requests: net.requests,
    bytes: net.bytes,
    foreignRequests: net.foreign,
    files: got.files,
    errors,
  };
}

// Lighthouse's phone (a Moto G Power) with this Chromium's version.
function phoneUserAgent(browser) {
  return `Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Mobile Safari/537.36`;
}

function startGzipServer(dist, port) {
  const server = spawn(process.execPath, ['tests/bench/gzip-serve.mjs', dist, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.stdout.once('data', () => resolve(server));
    server.once('exit', (code) => reject(new Error(`gzip server exited with ${code}`)));
  });
}

// The file a Resource Timing entry is, by its path.
const fileOf = (files, re) => files.find((f) => re.test(f.name.split('?')[0]));

/** Where Dyad's time went in one run (each a time from navigation start). */
function dyadBreakdown(r) {
  const f = r.files;
  const html = f[0];
  const css = fileOf(f, /\.css$/);
  const js = fileOf(f, /\.js$/);
  const wasm = fileOf(f, /\.wasm$/);
  const data = fileOf(f, /\/data\/[^/]+\.json$/);
  const span = (x) => (x ? { start: x.start, end: x.end, bytes: x.transfer } : null);
  return {
    html: span(html), css: span(css), js: span(js), wasm: span(wasm), dataset: span(data),
    // After the wasm's last byte: the rest of its compilation (streaming compilation overlaps
    // the download) and instantiation; then `main` mounting the shell.
    wasmCompileAfterDownload: wasm && r.wasmInstantiated != null ? r.wasmInstantiated - wasm.end : null,
    mountShell: r.wasmInstantiated != null && r.appStarted != null ? r.appStarted - r.wasmInstantiated : null,
    dataFetched: r.dataFetched,
    dataParsed: r.dataParsed,
    // From the dataset parsed to the app's list painted.
    firstRender: r.dataParsed != null && r.eventsPainted != null ? r.eventsPainted - r.dataParsed : null,
    timelinePainted: r.timelinePainted,
  };
}

/** Medians, fastest and slowest of each figure over an app's runs. */
function summarise(runs, keys) {
  const out = { runs: runs.length };
  for (const k of keys) {
    const xs = runs.map((r) => r[k]).filter((x) => Number.isFinite(x));
    out[k] = { median: median(xs), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null, n: xs.length };
  }
  return out;
}

function breakdownMedians(runs) {
  const bs = runs.map(dyadBreakdown);
  const pick = (f) => median(bs.map((b) => { try { return f(b); } catch { return null; } }));
  const parts = ['html', 'css', 'js', 'wasm', 'dataset'];
  const out = {};
  for (const p of parts) out[p] = { start: pick((b) => b[p].start), end: pick((b) => b[p].end), bytes: pick((b) => b[p].bytes) };
  out.wasmCompileAfterDownload = pick((b) => b.wasmCompileAfterDownload);
  out.mountShell = pick((b) => b.mountShell);
  out.dataFetched = pick((b) => b.dataFetched);
  out.dataParsed = pick((b) => b.dataParsed);
  out.firstRender = pick((b) => b.firstRender);
  out.timelinePainted = pick((b) => b.timelinePainted);
  return out;
}

/**
 * The whole part: serves DIST gzip-compressed on PORT, runs RUNS cold visits of each app,
 * interleaved, and returns every run with the medians.
 */
export async function measureMobile({ dist, runs, port, log }) {
  for (const f of ['index.html', 'bench-timelinejs/index.html', 'bench-timelinejs/sahel.json', 'bench-timelinejs/js/timeline.js']) {
    if (!existsSync(join(dist, f))) throw new Error(`${dist}/${f} missing: run tests/bench/bench.sh (make bench) first`);
  }
  const server = await startGzipServer(dist, port);
  const browser = await chromium.launch(LAUNCH);
  const origin = `http://127.0.0.1:${port}`;
  const all = { dyad: [], timelinejs: [] };
  try {
    for (const key of Object.keys(APPS)) {
      const w = await visit(browser, origin, APPS[key]);
      log('mobile warm-up (not recorded)', APPS[key].name, `first events painted ${round(w.firstEventsPainted)} ms`);
    }
    for (let i = 0; i < runs; i++) {
      for (const key of Object.keys(APPS)) {
        const r = await visit(browser, origin, APPS[key]);
        all[key].push(r);
        log('mobile', APPS[key].name, `run ${i + 1}/${runs}`,
          `first events painted ${round(r.firstEventsPainted)} ms (title ${round(r.titleOnScreen)}, detector ${round(r.detector)}, canvas ${round(r.canvasOnScreen)}), LCP ${round(r.lcp)} ms,`,
          key === 'dyad' ? `app started ${round(r.appStarted)} ms, app events painted ${round(r.eventsPainted)} ms,` : `ready ${round(r.tljsReady)} ms,`,
          `${r.requests} requests, ${r.bytes} B`,
          r.foreignRequests.length ? `FOREIGN: ${r.foreignRequests.join(' ')}` : '',
          r.errors.length ? `errors: ${r.errors.join(' | ')}` : '');
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const common = ['firstEventsPainted', 'titleOnScreen', 'detector', 'canvasOnScreen', 'fcp', 'lcp', 'requests', 'bytes'];
  const uniq = (runs, f) => [...new Set(runs.map(f).filter(Boolean))];
  const tlPkg = JSON.parse(readFileSync('node_modules/@knight-lab/timelinejs/package.json', 'utf8'));
  const dyad = summarise(all.dyad, [...common, 'appStarted', 'eventsPainted', 'timelinePainted', 'dataFetched', 'dataParsed']);
  const tl = summarise(all.timelinejs, [...common, 'tljsReady']);
  return {
    throttle: THROTTLE,
    phone: PHONE,
    timelinejsVersion: tlPkg.version,
    budgetMs: MOBILE_BUDGET_MS,
    dyad: {
      summary: dyad, breakdown: breakdownMedians(all.dyad),
      lcpElements: uniq(all.dyad, (r) => r.lcpElement), titleElements: uniq(all.dyad, (r) => r.titleElement),
      firstTitleAtEnd: all.dyad.length ? all.dyad[0].titleAtEnd : null,
      canvasAt: uniq(all.dyad, (r) => r.canvas && r.canvas.at),
      runs: all.dyad,
    },
    timelinejs: {
      summary: tl,
      lcpElements: uniq(all.timelinejs, (r) => r.lcpElement), titleElements: uniq(all.timelinejs, (r) => r.titleElement),
      runs: all.timelinejs,
    },
    foreignRequests: [...all.dyad, ...all.timelinejs].reduce((n, r) => n + r.foreignRequests.length, 0),
    ok: dyad.firstEventsPainted.median != null && dyad.firstEventsPainted.median <= MOBILE_BUDGET_MS,
  };
}

// ---------------------------------------------------------------------------------------------
// The part's table (printed, and written into docs/performance.md between its markers).

const ms = (x) => (x == null ? '–' : `${Math.round(x).toLocaleString('en-US')} ms`);
const kb = (x) => (x == null ? '–' : `${(x / 1024).toFixed(1)} KB`);
// "median (fastest–slowest)", and in how many runs the figure happened when not in all.
const spread = (s, runs) => {
  if (!s || s.n === 0) return `never (0 of ${runs} runs)`;
  const part = s.n < runs ? `, in ${s.n} of ${runs} runs` : '';
  return s.min === s.max ? `${ms(s.median)}${part}` : `${ms(s.median)} (${ms(s.min)}–${ms(s.max)}${part})`;
};

export function mobileTable(m) {
  const d = m.dyad.summary;
  const t = m.timelinejs.summary;
  const n = d.runs;
  const row = (label, k, tk = k) => `| ${label} | ${k ? spread(d[k], n) : '–'} | ${tk ? spread(t[tk], t.runs) : '–'} |`;
  const b = m.dyad.breakdown;
  const seg = (p) => (b[p] && b[p].start != null ? `${ms(b[p].start)} → ${ms(b[p].end)} (${kb(b[p].bytes)})` : '–');
  const lines = [
    `| median (fastest–slowest) of ${n} cold runs each | Dyad | TimelineJS ${m.timelinejsVersion} |`,
    '|---|---:|---:|',
    `| **first events painted on the first screen** (budget ${ms(m.budgetMs)}) | **${spread(d.firstEventsPainted, n)}** | **${spread(t.firstEventsPainted, t.runs)}** |`,
    row('    an event title (Element Timing)', 'titleOnScreen'),
    row('    an event title (frame detector, cross-check)', 'detector'),
    row('    Dyad: the timeline canvas with its events (`dyad:timeline-painted`)', 'canvasOnScreen', null),
    row('First Contentful Paint', 'fcp'),
    row('Largest Contentful Paint', 'lcp'),
    row('Dyad: app started (wasm instantiated, shell mounted)', 'appStarted', null),
    row('interactive (Dyad: its list painted, `dyad:events-painted`; TimelineJS: `ready`)', 'eventsPainted', 'tljsReady'),
    `| requests | ${d.requests.median} | ${t.requests.median} |`,
    `| bytes on the wire (gzip, headers included) | ${kb(d.bytes.median)} | ${kb(t.bytes.median)} |`,
    '',
    `Budget: Dyad's first events painted on the first screen within ${ms(m.budgetMs)}: **${m.ok ? 'met' : 'missed'}** (median ${ms(d.firstEventsPainted.median)}). Requests to other hosts: ${m.foreignRequests}.`,
    '',
    '| Dyad, where the time goes (medians, from navigation start) | |',
    '|---|---|',
    `| HTML | ${seg('html')} |`,
    `| CSS | ${seg('css')} |`,
    `| JS glue | ${seg('js')} |`,
    `| wasm download | ${seg('wasm')} |`,
    `| wasm compile (the part after its last byte) and instantiate | ${ms(b.wasmCompileAfterDownload)} |`,
    `| \`main\`: mount the shell (to \`TrunkApplicationStarted\`) | ${ms(b.mountShell)} |`,
    `| dataset download | ${seg('dataset')} |`,
    `| dataset taken by the app at / parsed and validated at | ${ms(b.dataFetched)} / ${ms(b.dataParsed)} |`,
    `| first render (parsed → list painted) | ${ms(b.firstRender)} |`,
    `| timeline canvas painted at | ${ms(b.timelinePainted)} |`,
    '',
    `Where: Dyad's first title on screen ${m.dyad.titleElements.join('; ') || 'none'}; its first list title after load at y ${m.dyad.firstTitleAtEnd ? `${m.dyad.firstTitleAtEnd.top}–${m.dyad.firstTitleAtEnd.bottom} of ${m.dyad.firstTitleAtEnd.viewportHeight}` : '–'}; its timeline canvas at ${m.dyad.canvasAt.join(', ') || '–'}; LCP ${m.dyad.lcpElements.join('; ')}.`,
    `TimelineJS's first title on screen ${m.timelinejs.titleElements.join('; ')}; LCP ${m.timelinejs.lcpElements.join('; ')}.`,
  ];
  return lines.join('\n');
}
