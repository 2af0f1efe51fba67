// A dataset from another site (issue 16): `?data=` with the address of a file on a second
// origin (another loopback port) loads after a one-click confirmation naming the host, is
// validated as any dataset, and a link to it reproduces the view; a site that refuses other
// sites (no CORS header) is explained in plain words.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures';

let server: Server;
let origin = '';
const mini = readFileSync(join(__dirname, '..', 'data', 'mini.json'));

test.beforeAll(async () => {
  // The second origin: /cors/* with Access-Control-Allow-Origin, /plain/* without.
  server = createServer((req, res) => {
    const cors = req.url!.startsWith('/cors/');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cors) headers['access-control-allow-origin'] = '*';
    if (req.url!.endsWith('/mini.json')) res.writeHead(200, headers).end(mini);
    else res.writeHead(404, headers).end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

test('a dataset on another origin loads after a confirmation naming its host, and the link reproduces the view', async ({ dyad, page }) => {
  const url = `${origin}/cors/mini.json`;
  const host = new URL(origin).host;
  await dyad.open(`/?data=${encodeURIComponent(url)}&q=talks`);
  const ask = page.getByTestId('confirm-host');
  await expect(ask).toContainText(`Load a dataset from ${host}?`);
  await ask.getByRole('button', { name: `Load data from ${host}` }).click();
  await expect(page.getByTestId('dataset-banner')).toContainText('Mini test dataset');
  await expect(dyad.eventCount()).toHaveText(/ of 3 events$/);
  const shown = await dyad.eventCount().innerText();
  // The address bar holds the link to share; opened again, it asks again and shows the same.
  const link = dyad.url();
  expect(link).toContain('data=');
  expect(link).toContain('q=talks');
  await page.reload();
  await page.getByTestId('confirm-host').getByRole('button', { name: `Load data from ${host}` }).click();
  await expect(dyad.eventCount()).toHaveText(shown);
  expect(dyad.url()).toBe(link);
});

test('declining the confirmation leads back to the curated dataset', async ({ dyad, page }) => {
  await dyad.open(`/?data=${encodeURIComponent(`${origin}/cors/mini.json`)}`);
  await page.getByRole('link', { name: 'Show the curated dataset instead' }).click();
  await expect(dyad.eventCount()).toBeVisible({ timeout: 15_000 });
  expect(dyad.url()).not.toContain('data=');
});

test('a site without CORS is explained in plain words', async ({ dyad, page }) => {
  dyad.allowConsoleError(/CORS|Failed to load resource|Failed to fetch/);
  const host = new URL(origin).host;
  await dyad.open(`/?data=${encodeURIComponent(`${origin}/plain/mini.json`)}`);
  await page.getByRole('button', { name: `Load data from ${host}` }).click();
  const failure = page.locator('.load-failure');
  await expect(failure).toContainText('The dataset could not be downloaded');
  await expect(failure).toContainText(`${host} did not hand over`);
  await expect(failure).toContainText('Access-Control-Allow-Origin');
  await expect(failure).toContainText('Open file');
});

test('plain http from a host that is not loopback is refused by the link codec', async ({ dyad, page }) => {
  await dyad.open('/?data=http%3A%2F%2Fexample.org%2Fx.json');
  await expect(page.getByRole('alert').filter({ hasText: 'Parts of this link could not be used' })).toContainText('https://');
});
