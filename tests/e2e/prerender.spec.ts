// The first screen prerendered into index.html (`dyad prerender`, issue 14's mobile budget): on
// the default view its event titles are in the HTML the server sends, before any script runs,
// and are the app's own first rows once it has started; on any other URL it is never shown;
// and the app takes over without moving the list.
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

/** The text of each prerendered row's title in an HTML page, entities decoded. */
function prerenderedTitles(html: string): string[] {
  const block = /<div id="prerendered"[\s\S]*$/.exec(html)?.[0] ?? '';
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
  return [...block.matchAll(/<li class="event-row[^"]*"[^>]*><article><h3><a href="[^"]*">([^<]*)<\/a><\/h3>/g)].map((m) => decode(m[1]));
}

/** The app's list titles, top to bottom, once it has taken over. */
async function appTitles(page: Page, n: number) {
  return page.locator('.event-row h3').evaluateAll(
    (hs, n) =>
      hs
        .map((h) => ({ top: h.getBoundingClientRect().top, text: h.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .slice(0, n)
        .map((t) => t.text),
    n,
  );
}

/** The first row's title box, rounded to the pixel. */
async function firstTitleBox(page: Page) {
  return page.locator('.event-row h3').evaluateAll((hs) => {
    const shown = hs.filter((h) => h.checkVisibility({ visibilityProperty: true }));
    const r = shown.map((h) => h.getBoundingClientRect()).sort((a, b) => a.top - b.top)[0];
    return r && [r.left, r.top, r.width, r.height].map(Math.round);
  });
}

test('on /, the first rows are in the HTML the server sends, and they are the app\'s first rows', async ({ dyad, page }) => {
  const html = await (await page.request.get('/')).text();
  const titles = prerenderedTitles(html);
  expect(titles.length).toBe(12);
  expect(titles[0]).toBe('Start of Soviet–Malian diplomatic relations');
  // Not in a script or a template: markup the browser paints as it parses.
  expect(html).toMatch(/<h3><a href="\?event=ussr-mali-diplomatic-relations-1960">Start of Soviet–Malian diplomatic relations<\/a><\/h3>/);
  await dyad.openLoaded('/');
  await expect(page.locator('#prerendered')).toHaveCount(0);
  expect(await appTitles(page, 12)).toEqual(titles);
});

test('on another URL no prerendered row is ever shown, and ?data= never sees the curated rows', async ({ dyad, page }) => {
  // Each frame from the first, whether a prerendered row is visible.
  await page.addInitScript(() => {
    const w = window as unknown as { sawPrerendered: boolean };
    w.sawPrerendered = false;
    const look = () => {
      const row = document.querySelector('#prerendered .event-row');
      if (row && row.checkVisibility({ visibilityProperty: true })) w.sawPrerendered = true;
      requestAnimationFrame(look);
    };
    look();
  });
  await page.route('**/data/mini.json', (r) => r.fulfill({ path: 'tests/data/mini.json', contentType: 'application/json' }));
  for (const url of ['/?cat=coup', '/about', '/relationships', '/?data=data/mini.json']) {
    // The same page is served there, block included.
    expect(prerenderedTitles(await (await page.request.get(url)).text()).length, url).toBe(12);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#prerendered'), url).toHaveCount(0);
    await expect(page.locator('header.site-header')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sawPrerendered: boolean }).sawPrerendered), url).toBe(false);
  }
  await expect(dyad.eventCount()).toHaveText('3 of 3 events');
});

for (const size of [{ width: 375, height: 800 }, { width: 1280, height: 800 }]) {
  test(`at ${size.width}×${size.height}, the list does not move when the app takes over`, async ({ dyad, page }) => {
    await page.setViewportSize(size);
    // The wasm is held back: the page shows the prerendered screen alone.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#prerendered .event-row').first()).toBeVisible();
    await expect(page.locator('header.site-header')).toHaveCount(0);
    const before = await firstTitleBox(page);
    expect(before).toBeTruthy();
    // On a phone, the first three titles are on screen before the app runs.
    if (size.width < 600) {
      const tops = await page.locator('#prerendered .event-row h3').evaluateAll((hs) => hs.slice(0, 3).map((h) => h.getBoundingClientRect().bottom));
      for (const b of tops) expect(b).toBeLessThanOrEqual(size.height);
    }
    release();
    await expect(page.locator('header.site-header')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#prerendered')).toHaveCount(0);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
    expect(await firstTitleBox(page)).toEqual(before);
  });
}

test.describe('under a sub-path', () => {
  let server: ChildProcess;
  let root = '';

  test.beforeAll(async () => {
    server = spawn(process.execPath, ['tests/serve.mjs', process.env.E2E_DIST || 'dist', '0', '/dyad/'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    root = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => {
        const m = /at (http:\S+)/.exec(b.toString());
        if (m) resolve(m[1]);
      });
      server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
    });
  });

  test.afterAll(() => {
    server.kill();
  });

  test('/dyad/ shows the prerendered rows, their links stay under the base, /dyad/about does not', async ({ dyad, page }) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(root, { waitUntil: 'domcontentloaded' });
    const first = page.locator('#prerendered .event-row a').first();
    await expect(first).toBeVisible();
    expect(await first.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${root}?event=ussr-mali-diplomatic-relations-1960`);
    const nav = page.locator('#prerendered nav a');
    expect(await nav.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).toEqual(['/dyad/', '/dyad/relationships', '/dyad/about']);
    release();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
    await expect(page.locator('#prerendered')).toHaveCount(0);

    await page.goto(`${root}about`, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#prerendered')).toHaveCount(0);
  });
});
