// Journey: someone opens a damaged link, `/pair/XXX/MLI?cat=nope&from=1800-99` (an unknown
// actor in the path, an unknown category, an impossible date). The page says what it could
// not use, naming each problem, and stays usable: the Relationships matrix shows, the filters
// work, and the notice can be dismissed.
import { test, expect } from '../fixtures';
import { shot } from '../helpers/journeys';

const DAMAGED = '/pair/XXX/MLI?cat=nope&from=1800-99';

test('a damaged link names each problem and leaves a usable page', async ({ dyad, page }) => {
  await dyad.open(DAMAGED);
  const notice = page.getByRole('alert');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice.getByRole('heading')).toHaveText('Parts of this link could not be used');
  const items = notice.getByRole('listitem');
  await expect(items).toHaveCount(3);
  // Each problem is named with the value the link gave and what the page did instead.
  await expect(items.filter({ hasText: '"XXX"' })).toContainText(/unknown actor "XXX"/);
  await expect(items.filter({ hasText: '"XXX"' })).toContainText('showing all relationships');
  await expect(items.filter({ hasText: '"nope"' })).toContainText(/unknown category "nope"/);
  await expect(items.filter({ hasText: '"1800-99"' })).toHaveCount(1);
  await expect(notice).toContainText('The rest of the link applies.');
  await shot(page, 'damaged-link-1-notice');

  // The page falls back to the Relationships matrix, unfiltered (nothing usable was left).
  await expect(page.getByRole('heading', { level: 2, name: 'Relationships' })).toBeVisible();
  const matrix = page.getByRole('region', { name: 'Relations matrix' });
  await expect(matrix.getByRole('table')).toBeVisible();
  await expect(matrix.getByRole('link', { name: /^Mali – Russia: 29 events,/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships' })).toHaveAttribute('aria-current', 'page');
  // The filter boxes show that the bad category and date were not applied.
  await expect(page.getByRole('textbox', { name: 'From' })).toHaveValue('');
  await expect(page.locator('#filter-panel input[type=checkbox]:checked')).toHaveCount(0);

  // The filters work: a category narrows the matrix, and the link becomes a clean one.
  await page.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: /^Arms transfer/ }).check();
  await expect(page).toHaveURL(/\/relationships\?cat=arms_transfer$/);
  const cell = matrix.getByRole('link', { name: /^Mali – Russia: \d+ events?,/ });
  const n = Number(/: (\d+) event/.exec((await cell.getAttribute('aria-label'))!)![1]);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(29);
  // The link's problems are gone with it, so the notice goes too.
  await expect(page.getByRole('alert')).toHaveCount(0);
  // And a cell still opens its pair.
  await cell.click();
  await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?cat=arms_transfer$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Mali – Russia' })).toBeVisible();
  await shot(page, 'damaged-link-2-usable');
});

test('the notice can be dismissed, and the page keeps working under it', async ({ dyad, page }) => {
  await dyad.open(DAMAGED);
  const notice = page.getByRole('alert');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Relations matrix' }).getByRole('table')).toBeVisible();
  await page.getByRole('textbox', { name: 'From' }).fill('2020');
  await page.getByRole('textbox', { name: 'From' }).press('Enter');
  await expect(page).toHaveURL(/\/relationships\?from=2020$/);
});
