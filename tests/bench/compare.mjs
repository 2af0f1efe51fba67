// A/B comparison of builds on the benchmark's six filter actions at 100k events: the builds'
// page loads are interleaved (A, B, A, B, ...), so that both meet the same load from whatever
// else the machine runs, and the medians of `dyad:filter-to-paint` are compared per action.
// On a shared machine single runs vary by ±50%; two builds benchmarked one after the other
// (tests/bench/run.mjs) differ by more than most changes do, interleaving does not.
//
//   node tests/bench/compare.mjs --a /tmp/dist-a --b /tmp/dist-b [--runs 10] [--port 4390]
//        [--data data/synth-100000.json] [--names base,new] [--init-b script.js]
//
// `--init-b` runs a script in B's pages before the app (Playwright's addInitScript): a way to
// try a change of the browser side without a build, e.g. history.pushState deferred to after
// the next paint (tests/bench/defer-history.js).
// Each DIST needs the dataset in DIST/data/ (`dyad synth --events 100000 --seed 7`; a symlink
// is enough) and a 404.html (a copy of index.html). Prints, per action, both medians, the
// difference, and the fraction of A/B pairs in which B was faster.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs } from './args.mjs';

const args = cliArgs();
const DISTS = [args.a, args.b];
const NAMES = (args.names || 'A,B').split(',');
const RUNS = Number(args.runs || 10);
const PORT = Number(args.port || 4390);
const DATA = args.data || 'data/synth-100000.json';
const QUERY = 'wagner';
// As tests/bench/run.mjs.
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const ACTIONS = ['actorOn', 'actorOff', 'categoryOn', 'categoryOff', 'queryTyped', 'queryCleared'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function serve(dir, port) {
  const server = spawn(process.execPath, ['tests/serve.mjs', dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.stdout.once('data', () => resolve(server));
    server.once('exit', (code) => reject(new Error(`server for ${dir} exited with ${code}`)));
  });
}

// The actions as tests/bench/run.mjs (measureFilters) does them, timed by the app's measure.
async function oneRun(browser, origin, init) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (init) await page.addInitScript({ path: init });
  await page.goto(`${origin}/?data=${DATA}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('dyad:events-painted').length > 0, null, { timeout: 90000 });
  const count = () => page.evaluate(() => performance.getEntriesByName('dyad:filter-to-paint').length);
  const change = async (act) => {
    const before = await count();
    await act();
    await page.waitForFunction((k) => performance.getEntriesByName('dyad:filter-to-paint').length > k, before, { timeout: 30000 });
    return page.evaluate(() => performance.getEntriesByName('dyad:filter-to-paint').at(-1).duration);
  };
  const actors = page.getByRole('group', { name: 'Actors' }).getByRole('checkbox').first();
  const cats = page.getByRole('group', { name: 'Categories' }).getByRole('checkbox').first();
  const search = page.getByRole('searchbox', { name: 'Search' });
  const out = {};
  out.actorOn = await change(() => actors.click());
  out.actorOff = await change(() => actors.click());
  out.categoryOn = await change(() => cats.click());
  out.categoryOff = await change(() => cats.click());
  out.queryTyped = await change(async () => {
    await search.click();
    await search.pressSequentially(QUERY, { delay: 40 });
  });
  out.queryCleared = await change(() => search.fill(''));
  await context.close();
  return out;
}

async function main() {
  for (const d of DISTS) {
    if (!d || !existsSync(join(d, 'index.html')) || !existsSync(join(d, DATA))) {
      throw new Error(`${d}: needs index.html and ${DATA} (see the header)`);
    }
  }
  const servers = await Promise.all(DISTS.map((d, i) => serve(d, PORT + i)));
  const browser = await chromium.launch(LAUNCH);
  const runs = [[], []];
  try {
    for (let r = 0; r < RUNS; r++) {
      // Alternate which goes first, so neither always follows the other.
      const order = r % 2 ? [1, 0] : [0, 1];
      for (const i of order) {
        const res = await oneRun(browser, `http://127.0.0.1:${PORT + i}`, i === 1 ? args['init-b'] : null);
        runs[i].push(res);
        console.log(`[compare] run ${r + 1}/${RUNS} ${NAMES[i].padEnd(6)}`, ACTIONS.map((a) => res[a].toFixed(0).padStart(4)).join(''));
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.kill();
  }
  const report = (title, get) => {
    console.log(`\nmedians of ${RUNS} interleaved runs, ${title} (ms)`);
    console.log(['action'.padEnd(13), NAMES[0], NAMES[1], 'diff', `${NAMES[1]} faster`].map((x, i) => (i ? x.padStart(10) : x)).join(''));
    const worst = [0, 0];
    for (const a of ACTIONS) {
      const m = runs.map((rs) => median(rs.map((x) => get(x, a))));
      worst[0] = Math.max(worst[0], m[0]);
      worst[1] = Math.max(worst[1], m[1]);
      const wins = runs[0].filter((x, k) => get(runs[1][k], a) < get(x, a)).length;
      console.log(a.padEnd(13) + [m[0], m[1], m[1] - m[0]].map((x) => x.toFixed(1).padStart(10)).join('') + `${wins}/${RUNS}`.padStart(10));
    }
    console.log('slowest median'.padEnd(13) + worst.map((x) => x.toFixed(1).padStart(10)).join(''));
  };
  report('dyad:filter-to-paint', (x, a) => x[a]);
}

main().catch((e) => { console.error(e); process.exit(1); });
