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

test('navigation links change the route without a reload', async ({ dyad, page }) => {
  await dyad.open('/');
  await dyad.nav('About').click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole('heading', { level: 2, name: /About/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
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
