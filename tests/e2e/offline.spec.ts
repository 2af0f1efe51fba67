// Offline and flaky networks (issue 17, part 5): the release build's service worker
// (public/sw.js, registered by src/offline.rs) serves a second visit with no network at all, a
// new release replaces it cleanly and the page says so, and a dataset whose download breaks off
// leaves the last good view on screen with a Retry.
//
// The worker runs on a site of the spec's own (tests/helpers/site.ts), whose sw.js the test can
// change as a new release would; elsewhere the suite blocks workers (playwright.config.ts).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { Site } from '../helpers/site';

const EVENT = 'ussr-mali-diplomatic-relations-1960';

/** Waits until a service worker controls the page. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

/** The names of the page's caches, sorted. */
async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).sort());
}

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  let site: Site;

  test.beforeAll(async () => {
    site = await Site.start(['sw.js']);
  });
  test.afterAll(() => site?.stop());

  test('a deep link opened once opens again with no network at all', async ({ dyad, page, context }) => {
    const deep = `${site.root}?sort=newest&event=${EVENT}`;
    await page.goto(deep);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
    await controlled(page);
    // The shell of this build and the dataset, kept.
    await expect.poll(() => cacheNames(page)).toEqual(['dyad-data', expect.stringMatching(/^dyad-shell-[0-9a-f]{16}$/)]);
    await expect
      .poll(() => page.evaluate(async () => Boolean(await caches.match(new URL('data/sahel.json', document.baseURI).href))))
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
    await expect(page.getByTestId('event-detail').getByRole('heading', { level: 2 })).toHaveText(
      'Start of Soviet–Malian diplomatic relations',
    );
    // Another page of the app, by its path, offline too.
    await page.goto(`${site.root}about`);
    await expect(page.getByRole('heading', { level: 2, name: 'About Dyad' })).toBeVisible();
    await expect(page.locator('.methodology h3').first()).toBeVisible();
    await context.setOffline(false);
  });

  test('a new release installs beside the running one, says so, and replaces it on Reload', async ({ dyad, page }) => {
    const original = readFileSync(`${site.dir}/sw.js`, 'utf8');
    const version = /const VERSION = '([0-9a-f]{16})';/.exec(original)![1];
    await page.goto(site.root);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
    await controlled(page);
    const notice = page.getByRole('status', { name: 'New version' });
    await expect(notice).toHaveCount(0);

    // A new build: its worker differs (a new version, hence a cache of its own).
    try {
      site.write('sw.js', original.replace(`const VERSION = '${version}';`, "const VERSION = 'next-release';"));
      await page.reload();
      await expect(notice).toHaveText(/A new version of Dyad is ready: reload to use it\./, { timeout: 15_000 });
      // Installed beside the old one, which still serves this page.
      await expect.poll(() => cacheNames(page)).toEqual(['dyad-data', `dyad-shell-${version}`, 'dyad-shell-next-release'].sort());
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice).toHaveCount(0);

      // Still waiting on the next visit; Reload switches to it.
      await page.reload();
      await expect(notice).toBeVisible({ timeout: 15_000 });
      // The page loads anew, from the new worker.
      await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
      await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
      await expect(notice).toHaveCount(0);
      // The old build's cache is gone; the datasets stay.
      await expect.poll(() => cacheNames(page)).toEqual(['dyad-data', 'dyad-shell-next-release']);
    } finally {
      site.write('sw.js', original);
    }
  });
});

test.describe('with the service worker, under a sub-path', () => {
  test.use({ serviceWorkers: 'allow' });
  let site: Site;

  test.beforeAll(async () => {
    site = await Site.start([], '/dyad/');
  });
  test.afterAll(() => site?.stop());

  test('the scope of the worker is the base: a deep link under /dyad/ opens again offline', async ({ dyad, page, context }) => {
    expect(site.root).toMatch(/\/dyad\/$/);
    await page.goto(`${site.root}relationships?compare=FRA~MLI`);
    await expect(page.getByRole('region', { name: 'Relations matrix' })).toBeVisible({ timeout: 15_000 });
    await controlled(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(site.root);
    await expect
      .poll(() => page.evaluate(async () => Boolean(await caches.match(new URL('data/sahel.json', document.baseURI).href))))
      .toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Relations matrix' })).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('.line-key')).toHaveCount(1);
    expect(new URL(page.url()).pathname).toBe('/dyad/relationships');
    await context.setOffline(false);
  });
});

test('a dataset whose download breaks off leaves the last good view, and Retry loads it', async ({ dyad, page }) => {
  const mini = readFileSync('tests/data/mini.json', 'utf8');
  await page.route('**/data/mini.json', (r) => r.fulfill({ body: mini, contentType: 'application/json' }));
  await page.route('**/data/other.json', (r) =>
    r.fulfill({ body: mini.replace('Mini test dataset', 'Other test dataset'), contentType: 'application/json' }),
  );
  // The connection drops after the first bytes of other.json, as a flaky network does, until
  // the test lets it through: the response's body fails mid-way.
  await page.addInitScript(() => {
    const w = window as unknown as { flaky: boolean };
    w.flaky = true;
    const fetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!w.flaky || !String(input instanceof Request ? input.url : input).endsWith('/data/other.json')) return response;
      const first = new Uint8Array(await response.arrayBuffer()).slice(0, 500);
      const body = new ReadableStream({
        start(c) {
          c.enqueue(first);
          setTimeout(() => c.error(new TypeError('network error')), 50);
        },
      });
      return new Response(body, { headers: response.headers });
    };
  });
  await dyad.openLoaded('/?data=data/mini.json');
  await expect(dyad.eventCount()).toHaveText('3 of 3 events');

  // In the app, to the other dataset (as Back or Forward would).
  await page.evaluate(() => {
    history.pushState(null, '', '?data=data/other.json');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The dataset could not be read');
  await expect(alert).toContainText('the download broke off');
  await expect(alert).toContainText('The dataset that loaded before stays below');
  // The last good view, still there and still working.
  await expect(dyad.eventCount()).toHaveText('3 of 3 events');
  await expect(page.getByTestId('dataset-banner')).toContainText('Still shown, from before: Mini test dataset');
  await page.getByRole('checkbox', { name: /Clash/ }).check();
  await expect(dyad.eventCount()).toHaveText('1 of 3 events');

  await page.evaluate(() => ((window as unknown as { flaky: boolean }).flaky = false));
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId('dataset-banner')).toContainText('Other test dataset');
  await expect(dyad.eventCount()).toHaveText('1 of 3 events');
});
