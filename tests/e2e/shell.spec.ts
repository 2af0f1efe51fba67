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
