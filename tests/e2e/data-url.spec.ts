// Same-site links to data (issue 19, item 6): `?data=` takes a path relative to the app or from
// the site's root (`/data/other.json`), at the root and under a sub-path; another origin is
// refused with a message that says what is allowed, and the default dataset loads instead.
// The small test dataset (tests/data/mini.json) is answered at the path the app asks for, and
// the test checks that path exactly, so a wrongly joined URL fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

const mini = readFileSync('tests/data/mini.json', 'utf8');

/**
 * Answers any request whose path ends in `/mini.json` with the test dataset (the page's own URL,
 * whose query names the file, is left alone); returns the paths asked for.
 */
async function serveMini(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route((url) => url.pathname.endsWith('/mini.json'), (r) => {
    asked.push(new URL(r.request().url()).pathname);
    return r.fulfill({ body: mini, contentType: 'application/json' });
  });
  return asked;
}

test('?data=/data/mini.json (from the site\'s root) loads that dataset and keeps the key', async ({ dyad, page }) => {
  const asked = await serveMini(page);
  await dyad.openLoaded('/?data=/data/mini.json');
  await expect(dyad.eventCount()).toHaveText('3 of 3 events');
  await expect(page.getByTestId('dataset-banner')).toContainText('Mini test dataset');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(asked).toEqual(['/data/mini.json']);
  await page.getByRole('checkbox', { name: /Clash/ }).check();
  await expect(page).toHaveURL(/cat=clash/);
  expect(new URL(page.url()).searchParams.get('data')).toBe('/data/mini.json');
  await page.reload();
  await expect(dyad.eventCount()).toHaveText('1 of 3 events', { timeout: 15_000 });
});

test('another origin waits for a confirmation, a scheme-relative one is refused, and nothing leaves the site', async ({ dyad, page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.json')) asked.push(r.url());
  });
  // An https address on another host: nothing is fetched before the reader agrees.
  await dyad.open(`/?data=${encodeURIComponent('https://example.org/x.json')}`);
  await expect(page.getByRole('button', { name: 'Load data from example.org' })).toBeVisible({ timeout: 15_000 });
  // A scheme-relative address names no scheme: refused, and the default dataset loads.
  await dyad.openLoaded(`/?data=${encodeURIComponent('//example.org/x.json')}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Parts of this link could not be used');
  await expect(alert).toContainText('"//example.org/x.json" cannot be loaded; use a path on this site');
  await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  expect(asked.every((u) => new URL(u).host === new URL(page.url()).host)).toBe(true);
});

test.describe('under a sub-path (/dyad/)', () => {
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

  // (what, the data= value, the path fetched)
  const cases = [
    ['a path relative to the app', 'data/mini.json', '/dyad/data/mini.json'],
    ['a path from the site\'s root', '/dyad/data/mini.json', '/dyad/data/mini.json'],
  ];
  for (const [what, value, path] of cases) {
    test(`${what} loads the dataset: ${value}`, async ({ dyad, page }) => {
      const asked = await serveMini(page);
      await page.goto(`${root}?data=${value}`);
      await expect(dyad.eventCount()).toHaveText('3 of 3 events', { timeout: 15_000 });
      await expect(page.getByTestId('dataset-banner')).toContainText('Mini test dataset');
      expect(asked).toEqual([path]);
      // Links the app writes keep the base and the key.
      await dyad.nav('Relationships').click();
      await expect(page).toHaveURL(new RegExp(`/dyad/relationships\\?data=${value.replace(/\//g, '(/|%2F)').replace('.', '\\.')}$`));
    });
  }

  test('a real file from the site\'s root loads as it is served', async ({ dyad, page }) => {
    await page.goto(`${root}?data=/dyad/data/sahel.json`);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events', { timeout: 15_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
