// Sub-path hosting (`make dist BASE=/dyad/`, e.g. a GitHub Pages project site): the app finds
// its base in <base href>, loads its dataset from under it, keeps it in every link and URL it
// writes, and navigates and goes back without leaving it. The build under test is served under
// /dyad/ by its own tests/serve.mjs, which gives index.html the prefixes `--public-url /dyad/`
// writes (the only difference such a build has; see tests/serve.mjs).
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from '../fixtures';

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

test('under /dyad/: a deep link loads, a nav link navigates in the app, Back returns', async ({ dyad, page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.json')) asked.push(new URL(r.url()).pathname);
  });
  // Not canonical (the pair's order): rewritten in place, under the base.
  await page.goto(`${root}pair/RUS/MLI`);
  await expect(page).toHaveURL(/\/dyad\/pair\/MLI\/RUS$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Mali – Russia' })).toBeVisible({ timeout: 15_000 });
  expect(asked).toEqual(['/dyad/data/sahel.json']);

  // Every link the app writes keeps the base.
  await expect(dyad.nav('Timeline')).toHaveAttribute('href', '/dyad/');
  await expect(dyad.nav('About')).toHaveAttribute('href', '/dyad/about');

  // Gone if the page reloads: every step below must stay in the app.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await dyad.nav('Timeline').click();
  await expect(page).toHaveURL(`${root}`);
  await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  await page.getByRole('checkbox', { name: /Arms transfer/ }).check();
  await expect(page).toHaveURL(/\/dyad\/\?cat=arms_transfer$/);
  await dyad.nav('About').click();
  await expect(page).toHaveURL(/\/dyad\/about\?cat=arms_transfer$/);
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/dyad\/\?cat=arms_transfer$/);
  await expect(page.getByRole('checkbox', { name: /Arms transfer/ })).toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(`${root}`);
  await page.goBack();
  await expect(page).toHaveURL(/\/dyad\/pair\/MLI\/RUS$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // A reload of a URL the app wrote finds the app again.
  await page.goForward();
  await page.goForward();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /Arms transfer/ })).toBeChecked();
  expect(asked.every((p) => p === '/dyad/data/sahel.json')).toBe(true);
});
