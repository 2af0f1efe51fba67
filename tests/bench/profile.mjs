// Where the time of a filter change goes: the browser benchmark's six filter actions (toggle an
// actor on / off, a category on / off, type a query, clear it), each recorded with Chromium's
// sampling profiler (CDP `Profiler`) and a trace (CDP `Tracing`), clipped to the app's own
// measure (`dyad:nav` → `dyad:filter-to-paint`, src/perf.rs). Printed per action, then over all
// actions:
//
// - main thread, by trace event (self time): script (`FunctionCall`, `TimerFire`, ...), style
//   (`UpdateLayoutTree`), `Layout`, `PrePaint`, `Paint`, the History API
//   (`FrameLoader::updateForSameDocumentNavigation`), ..., and the style / layout that ran
//   *inside* script (forced by a read after a write), which should be ~0;
// - script, by crate (the first known crate in the function's name: dyad, dyad_core, tachys,
//   reactive_graph, leptos_router, wasm_bindgen, ...; JS glue and the browser's own entries as
//   they are) and by function (self time, and inclusive time counting each function once per
//   sample), wasm functions named by the build's name section, hash suffixes dropped;
// - a table of medians by kind of work (script, history, style, layout, paint, other, idle) in
//   wall time, and the same in thread (CPU) time, which other processes on a shared machine
//   move less than wall time (still not enough to compare two builds measured one after the
//   other: use compare.mjs for that);
// - the sums of the app's own measures other than `dyad:*`, if the build has any: wrap a memo's
//   or an effect's body in `crate::perf::timed("prof:name", || ...)` for an exact figure where
//   the sampling profile only sees the generic Leptos code the closure was inlined into.
//
//   tests/bench/profile.sh [ARGS]                # builds the profiling build, then runs this
//   node tests/bench/profile.mjs [--dist /tmp/dist-prof] [--port 4190] [--runs 3] [--top 25]
//        [--data data/synth-100000.json] [--interval 100] [--only actorOn,queryTyped]
//        [--json out.json] [--tasks 1]
//
// `--interval` is the sampling interval in µs; `--interval 0` records the trace only (less
// overhead: the main-thread breakdown is then closer to the benchmark's figures). `--only`
// records some actions (all six are still done, in order). `--tasks 1` also prints each
// action's main-thread tasks: [start, duration, [its largest parts]] in ms from dyad:nav.
//
// The build must keep function names: `profile.sh` makes it (a copy of index.html with
// `data-keep-debug` and `data-wasm-opt="0"` on the rust link, `trunk build --release`), and the
// dataset (`dyad synth --events 100000 --seed 7`) in DIST/data/. By-event and by-function
// figures are averages per action over the runs (each run a fresh page), the tables medians.
// Tracing and sampling slow script down, DOM calls most (the trace instruments them), so compare
// profiles with profiles, and use run.mjs or compare.mjs for the real figures.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs } from './args.mjs';

const args = cliArgs();
const DIST = args.dist || process.env.PROF_DIST || '/tmp/dist-prof';
const PORT = Number(args.port || process.env.PROF_PORT || 4190);
const RUNS = Number(args.runs || 3);
const TOP = Number(args.top || 25);
const DATA = args.data || 'data/synth-100000.json';
const INTERVAL_US = Number(args.interval || 100);
const ONLY = args.only ? args.only.split(',') : null;
const ORIGIN = `http://127.0.0.1:${PORT}`;
// As tests/bench/run.mjs (and playwright.config.ts).
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const VIEWPORT = { width: 1280, height: 800 };
const QUERY = 'wagner';

// The benchmark's six actions (tests/bench/run.mjs, measureFilters), in its order. `prepare`
// runs before recording starts: the typed query is filled in one input event there, and the
// recording covers the search box's 250 ms debounce and what follows (the keystrokes' own cost
// is not part of the benchmark's measure either).
const ACTIONS = [
  { name: 'actorOn', act: (p) => actors(p).click() },
  { name: 'actorOff', act: (p) => actors(p).click() },
  { name: 'categoryOn', act: (p) => cats(p).click() },
  { name: 'categoryOff', act: (p) => cats(p).click() },
  { name: 'queryTyped', prepare: (p) => search(p).fill(QUERY), act: async () => {} },
  { name: 'queryCleared', act: (p) => search(p).fill('') },
];
const actors = (p) => p.getByRole('group', { name: 'Actors' }).getByRole('checkbox').first();
const cats = (p) => p.getByRole('group', { name: 'Categories' }).getByRole('checkbox').first();
const search = (p) => p.getByRole('searchbox', { name: 'Search' });

// Trace events that are containers, not work: their self time is scheduling overhead.
const TRACE_CATS = ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'blink'];
const SCRIPT = new Set(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch',
  'RunMicrotasks', 'v8.callFunction', 'v8.run', 'EvaluateScript', 'V8.Execute']);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'RecalculateStyles', 'ScheduleStyleRecalculation']);

const CRATES = ['dyad_core', 'dyad', 'tachys', 'reactive_graph', 'leptos_router', 'leptos_dom',
  'leptos', 'wasm_bindgen', 'web_sys', 'js_sys', 'serde_json', 'serde', 'dlmalloc', 'hashbrown',
  'alloc', 'core', 'std', 'or_poisoned', 'any_spawner', 'send_wrapper', 'futures'];
const crateOf = (name, url) => {
  if (name.startsWith('(')) return name;
  if (!/^wasm:|\.wasm/.test(url || '')) return 'js glue (and the browser)';
  let best = null;
  let at = Infinity;
  for (const c of CRATES) {
    const m = new RegExp(`(^|[^A-Za-z0-9_])${c}::`).exec(name);
    if (m && m.index < at) { at = m.index; best = c; }
  }
  return best || 'wasm (other)';
};
const clean = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/^\$/, '');

const add = (map, k, v) => map.set(k, (map.get(k) || 0) + v);
const log = (...a) => console.log('[profile]', ...a);

function startServer() {
  const server = spawn(process.execPath, ['tests/serve.mjs', DIST, String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.stdout.once('data', () => resolve(server));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function record(cdp, page, action) {
  const events = [];
  const onData = (d) => events.push(...d.value);
  cdp.on('Tracing.dataCollected', onData);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATS }, transferMode: 'ReportEvents' });
  if (INTERVAL_US > 0) await cdp.send('Profiler.start');
  const before = await page.evaluate(() => performance.getEntriesByName('dyad:filter-to-paint').length);
  await action.act(page);
  await page.waitForFunction((k) => performance.getEntriesByName('dyad:filter-to-paint').length > k, before, { timeout: 30000 });
  const measure = await page.evaluate(() => {
    const m = performance.getEntriesByName('dyad:filter-to-paint').at(-1);
    return m.duration;
  });
  const { profile } = INTERVAL_US > 0 ? await cdp.send('Profiler.stop') : { profile: null };
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return { events, profile, measure };
}

// The window [dyad:nav, dyad:nav + measure] on the trace clock (µs), and the main thread.
function windowOf(events, measureMs) {
  const navs = events.filter((e) => e.name === 'dyad:nav' && e.cat.includes('user_timing'));
  const nav = navs.at(-1);
  if (!nav) throw new Error('no dyad:nav mark in the trace');
  return { start: nav.ts, end: nav.ts + measureMs * 1000, pid: nav.pid, tid: nav.tid };
}

// Self time per trace event name on the main thread, clipped to the window, and the style and
// layout that ran nested in script (forced).
function traceBreakdown(events, w) {
  const xs = events
    .filter((e) => e.ph === 'X' && e.pid === w.pid && e.tid === w.tid && e.dur != null)
    .filter((e) => e.ts < w.end && e.ts + e.dur > w.start)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const cpu = new Map();
  const forced = new Map();
  const tasks = [];
  const stack = [];
  const clip = (a, b) => Math.max(0, Math.min(b, w.end) - Math.max(a, w.start));
  // Thread (CPU) time, in the same proportion as the wall time inside the window: unlike wall
  // time, it does not count the time the thread waited for a core another process had.
  const cpuOf = (e, d) => (e.tdur == null ? d : (e.dur > 0 ? e.tdur * (d / e.dur) : 0));
  // Children are subtracted from their parent's self time (clipped like the parent).
  for (const e of xs) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const d = clip(e.ts, e.ts + e.dur);
    if (!stack.length) tasks.push([Math.round((e.ts - w.start) / 100) / 10, Math.round(d / 100) / 10, []]);
    else if (stack.length === 1 && d >= 500) tasks.at(-1)[2].push(`${e.name} ${Math.round(d / 100) / 10}`);
    add(self, e.name, d);
    add(cpu, e.name, cpuOf(e, d));
    if (stack.length) {
      add(self, stack.at(-1).name, -d);
      add(cpu, stack.at(-1).name, -cpuOf(e, d));
    }
    if (RENDER.has(e.name) && stack.some((p) => SCRIPT.has(p.name))) add(forced, e.name, d);
    stack.push(e);
  }
  // Idle: the window less its top-level tasks (waiting for the next frame, mostly).
  add(self, '(idle: no task)', w.end - w.start - tasks.reduce((a, t) => a + t[1] * 1000, 0));
  return { self, cpu, forced, tasks };
}

// The app's own measures inside the window (any `performance.measure` but the benchmark's
// `dyad:*` ones), summed by name: a temporary `perf::measure` around a memo or an effect times
// it exactly, where the sampling profile only sees the generic Leptos code it was inlined into.
function userMeasures(events, w) {
  const open = new Map();
  const sums = new Map();
  const key = (e) => `${e.name}|${e.id ?? ''}|${e.id2 ? JSON.stringify(e.id2) : ''}`;
  for (const e of events.filter((x) => x.cat && x.cat.includes('user_timing')).sort((a, b) => a.ts - b.ts)) {
    if (e.name.startsWith('dyad:')) continue;
    if (e.ph === 'b') open.set(key(e), e.ts);
    else if (e.ph === 'e' && open.has(key(e))) {
      const t0 = open.get(key(e));
      open.delete(key(e));
      if (t0 >= w.start && t0 < w.end) add(sums, e.name, e.ts - t0);
    } else if (e.ph === 'X' && e.ts >= w.start && e.ts < w.end) add(sums, e.name, e.dur);
  }
  return sums;
}

// Self and inclusive time per function from the sampling profile, clipped to the window.
function profileBreakdown(profile, w) {
  if (!profile) return { self: new Map(), incl: new Map(), crates: new Map() };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  const crates = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (t < w.start || t >= w.end) continue;
    const dt = next;
    let node = byId.get(profile.samples[i]);
    const { functionName, url } = node.callFrame;
    const name = clean(functionName || '(anonymous)');
    add(self, name, dt);
    add(crates, crateOf(name, url), dt);
    const seen = new Set();
    for (let id = node.id; id != null; id = parent.get(id)) {
      const n = byId.get(id);
      const f = clean(n.callFrame.functionName || '(anonymous)');
      if (f === '(root)' || seen.has(f)) continue;
      seen.add(f);
      add(incl, f, dt);
    }
    node = null;
  }
  return { self, incl, crates };
}

// Coarse kinds of main-thread work, for the summary table.
const KINDS = ['script', 'history', 'style', 'layout', 'paint', 'other', 'idle'];
function kindOf(name) {
  if (name === '(idle: no task)') return 'idle';
  if (name === 'FrameLoader::updateForSameDocumentNavigation') return 'history';
  if (SCRIPT.has(name) || /^(V8|v8)\.|Microtask|^HandlePostMessage|^ParseHTML|^EvaluateScript/.test(name)) return 'script';
  if (/[Ss]tyle|UpdateLayoutTree/.test(name)) return 'style';
  if (/[Ll]ayout|^InlineNode|^LayoutObject|ShapeText/.test(name)) return 'layout';
  if (/Paint|^Blink\.|Layeriz|Composit|Canvas|CullRect|^Commit|Raster|Animate/.test(name)) return 'paint';
  return 'other';
}
const kinds = (self) => {
  const k = Object.fromEntries(KINDS.map((x) => [x, 0]));
  for (const [name, us] of self) k[kindOf(name)] += us / 1000;
  return k;
};
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const merge = (into, from) => { for (const [k, v] of from) add(into, k, v); };
const top = (map, n, runs) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n)
  .map(([k, v]) => [k, Math.round(v / runs / 10) / 100]); // µs total → ms per run

function print(title, rows) {
  console.log(`  ${title}`);
  for (const [k, v] of rows) console.log(`    ${String(v.toFixed(2)).padStart(7)} ms  ${k}`);
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html missing: run tests/bench/profile.sh`);
  if (!existsSync(join(DIST, DATA))) throw new Error(`${DIST}/${DATA} missing: run tests/bench/profile.sh`);
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const acc = Object.fromEntries(ACTIONS.map((a) => [a.name, {
    measures: [], kinds: [], cpuKinds: [], spans: [], trace: new Map(), forced: new Map(), self: new Map(), incl: new Map(), crates: new Map(),
  }]));
  try {
    for (let r = 0; r < RUNS; r++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.on('pageerror', (e) => log('page error:', e.message));
      await page.goto(`${ORIGIN}/?data=${DATA}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('dyad:events-painted').length > 0, null, { timeout: 90000 });
      // The text filter's index is built two frames after the first paint; let it finish.
      await page.waitForTimeout(1500);
      const cdp = await context.newCDPSession(page);
      if (INTERVAL_US > 0) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
      }
      for (const action of ACTIONS) {
        if (action.prepare) await action.prepare(page);
        if (ONLY && !ONLY.includes(action.name)) {
          // Still done, so the next action starts from the same state as in the benchmark.
          const before = await page.evaluate(() => performance.getEntriesByName('dyad:filter-to-paint').length);
          await action.act(page);
          await page.waitForFunction((k) => performance.getEntriesByName('dyad:filter-to-paint').length > k, before);
          continue;
        }
        const { events, profile, measure } = await record(cdp, page, action);
        const w = windowOf(events, measure);
        const tb = traceBreakdown(events, w);
        const pb = profileBreakdown(profile, w);
        const a = acc[action.name];
        a.measures.push(measure);
        a.kinds.push(kinds(tb.self));
        a.cpuKinds.push(kinds(tb.cpu));
        a.spans.push(userMeasures(events, w));
        merge(a.trace, tb.self);
        merge(a.forced, tb.forced);
        merge(a.self, pb.self);
        merge(a.incl, pb.incl);
        merge(a.crates, pb.crates);
        log(`run ${r + 1}/${RUNS}`, action.name, `${measure.toFixed(1)} ms`);
        // The main thread's tasks in the window, [start, duration] in ms from dyad:nav.
        if (args.tasks) log('  tasks', JSON.stringify(tb.tasks.filter((t) => t[1] >= 0.3)));
        await page.waitForTimeout(300);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const out = {};
  const all = { trace: new Map(), forced: new Map(), self: new Map(), incl: new Map(), crates: new Map(), n: 0 };
  for (const [name, a] of Object.entries(acc)) {
    if (!a.measures.length) continue;
    const n = a.measures.length;
    const ms = a.measures.map((x) => x.toFixed(1)).join(', ');
    console.log(`\n== ${name}: dyad:filter-to-paint ${ms} ms (under the profiler)`);
    print('main thread, self time by trace event', top(a.trace, 14, n));
    const forced = top(a.forced, 5, n);
    print('style / layout forced inside script', forced.length ? forced : [['none', 0]]);
    print('script by crate (self)', top(a.crates, 12, n));
    print('script by function (self)', top(a.self, TOP, n));
    print('script by function (inclusive, dyad and dyad_core only)', top(new Map([...a.incl].filter(([k]) => /(^|[^a-z_])dyad(_core)?::/.test(k))), TOP, n));
    out[name] = { measures: a.measures, trace: top(a.trace, 30, n), forced, crates: top(a.crates, 30, n), self: top(a.self, 60, n), inclusive: top(a.incl, 80, n) };
    for (const k of ['trace', 'forced', 'self', 'incl', 'crates']) merge(all[k], a[k]);
    all.n += n;
  }
  // Per action, averaged over all actions and runs.
  console.log('\n== all actions, per action');
  print('main thread, self time by trace event', top(all.trace, 14, all.n));
  print('script by crate (self)', top(all.crates, 12, all.n));
  print('script by function (self)', top(all.self, TOP, all.n));
  print('script by function (inclusive, dyad and dyad_core only)', top(new Map([...all.incl].filter(([k]) => /(^|[^a-z_])dyad(_core)?::/.test(k))), TOP, all.n));
  // The summary: medians over the runs, ms, by kind of main-thread work (trace self times).
  console.log(`\n== medians of ${RUNS} runs (ms; trace self time by kind${INTERVAL_US > 0 ? ', under the sampling profiler' : ''})`);
  console.log(['action'.padEnd(13), 'measure', ...KINDS].map((x) => x.padStart(8)).join(''));
  for (const [name, a] of Object.entries(acc)) {
    if (!a.measures.length) continue;
    const row = [med(a.measures), ...KINDS.map((k) => med(a.kinds.map((x) => x[k])))];
    console.log(name.padEnd(13).padStart(8) + row.map((x) => x.toFixed(1).padStart(8)).join(''));
    out[name].kinds = Object.fromEntries(KINDS.map((k) => [k, med(a.kinds.map((x) => x[k]))]));
  }
  // The same in thread time: steadier than wall time on a loaded machine, so better for
  // comparing two builds (idle is wall time).
  console.log(`\n== medians of ${RUNS} runs, thread (CPU) time (ms)`);
  console.log(['action'.padEnd(13), 'busy', ...KINDS.slice(0, -1)].map((x) => x.padStart(8)).join(''));
  const busy = [];
  for (const [name, a] of Object.entries(acc)) {
    if (!a.measures.length) continue;
    const total = a.cpuKinds.map((x) => KINDS.slice(0, -1).reduce((t, k) => t + x[k], 0));
    busy.push(med(total));
    const row = [med(total), ...KINDS.slice(0, -1).map((k) => med(a.cpuKinds.map((x) => x[k])))];
    console.log(name.padEnd(13).padStart(8) + row.map((x) => x.toFixed(1).padStart(8)).join(''));
    out[name].cpu = Object.fromEntries(KINDS.slice(0, -1).map((k) => [k, med(a.cpuKinds.map((x) => x[k]))]));
  }
  console.log(`sum of the busy medians: ${busy.reduce((t, x) => t + x, 0).toFixed(1)} ms`);
  // The app's own measures, if the build has any besides dyad:* (medians, ms, wall time).
  const names = [...new Set(Object.values(acc).flatMap((a) => a.spans.flatMap((m) => [...m.keys()])))].sort();
  if (names.length) {
    console.log(`\n== the app's own measures (medians of ${RUNS} runs, ms, summed per action)`);
    console.log(['action'.padEnd(13), ...names.map((n) => n.replace(/^prof:/, '').slice(0, 11))].map((x) => x.padStart(12)).join(''));
    for (const [name, a] of Object.entries(acc)) {
      if (!a.measures.length) continue;
      const row = names.map((n) => med(a.spans.map((m) => (m.get(n) || 0) / 1000)));
      console.log(name.padEnd(13).padStart(12) + row.map((x) => x.toFixed(2).padStart(12)).join(''));
      out[name].spans = Object.fromEntries(names.map((n, i) => [n, row[i]]));
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
