// The app shell: it loads, shows its title, and path deep links survive first load and reload.
import { test, expect } from '../fixtures';

test('the app loads and shows its title', async ({ dyad, page }) => {
  await dyad.open('/');
  await expect(page.locator('header .brand')).toHaveText(/Dyad/);
  await expect(page).toHaveTitle(/Dyad/);
});

test('a deep link to /about works on first load and on reload', async ({ dyad, page }) => {
  await dyad.open('/about');
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();
  expect(dyad.url()).toBe('/about');
});

test('About publishes the dataset version and its corrections log', async ({ dyad, page }) => {
  await dyad.open('/about');
  await expect(page.getByRole('heading', { name: 'Corrections' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^Version 1\.1\.0 \(7 December 2026\) corrects version 1\.0\.0/)).toBeVisible();
  // One line per changed event, each naming the event's id, e.g. the corrected 2022 phone call.
  await expect(page.getByRole('listitem').filter({ hasText: 'putin-goita-call-aug-2022' })).toContainText('10 August 2022');
});

test('navigation links change the route without a reload', async ({ dyad, page }) => {
  await dyad.open('/');
  await dyad.nav('About').click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test('the skip link moves the focus to the main content and leaves the view and URL alone', async ({ dyad, page }) => {
  await dyad.open('/relationships?from=1990');
  await expect(page.getByRole('region', { name: 'Relations matrix' })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  expect(dyad.url()).toBe('/relationships?from=1990');
  await expect(page.getByRole('region', { name: 'Relations matrix' })).toBeVisible();
});

test('a plain click on an in-app link without a handler of its own navigates without a reload; Ctrl-click is left to the browser', async ({ dyad, page, context }) => {
  await dyad.openLoaded('/');
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  // A link as the app writes them (an absolute path under the base), with no click handler.
  const add = (href: string) =>
    page.evaluate((h) => {
      document.getElementById('test-link')?.remove();
      const a = document.createElement('a');
      a.href = h;
      a.textContent = 'test link';
      a.id = 'test-link';
      document.querySelector('main')!.prepend(a);
    }, href);
  await add('/about?cat=coup');
  await page.locator('#test-link').click();
  await expect(page).toHaveURL(/\/about\?cat=coup$/);
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(dyad.eventCount()).toHaveText('99 of 99 events');

  await add('/relationships');
  const opened = context.waitForEvent('page');
  await page.locator('#test-link').click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe('/relationships');
  await tab.close();
  expect(dyad.url()).toBe('/');
});

test('About shows the dataset, its categories with their tones, and the methodology', async ({ dyad, page }) => {
  await dyad.open('/about');
  await expect(page.getByRole('heading', { level: 3, name: 'This dataset: Russia–Mali and the Sahel, 1960–2025' })).toBeVisible();
  const facts = page.locator('dl.facts');
  await expect(facts.locator('dt')).toHaveText(['Version', 'Last updated', 'Events', 'Actors', 'Licence']);
  await expect(facts.locator('dd').nth(2)).toHaveText('99');
  const table = page.getByRole('table', { name: 'Categories, their definitions and default tones' });
  await expect(table.getByRole('columnheader')).toHaveText(['Category', 'Definition', 'Tone']);
  // Each tone signed as `{:+}` writes it: "+6", "-7", "+0".
  await expect(table.getByRole('row', { name: /^Military agreement/ }).getByRole('cell').last()).toHaveText('+6');
  await expect(table.getByRole('row', { name: /^Security incident/ }).getByRole('cell').last()).toHaveText('-7');
  await expect(table.getByRole('row', { name: /^Multilateral/ }).getByRole('cell').last()).toHaveText('+0');
  // The methodology arrives after the page (fetched on demand), as headings, paragraphs and lists.
  const methodology = page.getByRole('region', { name: 'Methodology' });
  await expect(methodology.getByRole('heading', { level: 3, name: 'What it covers' })).toBeVisible();
  await expect(methodology.getByRole('listitem').first()).toContainText('the coups of 2012, 2020 and 2021 in Mali');
});
