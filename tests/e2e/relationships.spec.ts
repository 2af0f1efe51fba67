// The relationship views (issue 6): the actors x actors matrix, one pair's ledger, and the
// comparison of pairs. Each test drives the build as a person would, by roles and labels, and
// checks that the whole state lives in the URL and survives a reload.
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

/** The matrix region (a scrollable table). */
const matrix = (page: Page) => page.getByRole('region', { name: 'Relations matrix' });

/** The matrix cell linking the row actor to the column actor, found by its accessible name. */
const cell = (page: Page, pair: string, events?: number) =>
  matrix(page).getByRole('link', {
    name: new RegExp(`^${pair}: ${events === undefined ? '\\d+' : events} events?,`),
  });

test.describe('matrix', () => {
  test('a cell opens its pair with the filters kept, and the deep link survives a reload', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=1990');
    await expect(matrix(page).getByRole('table')).toBeVisible({ timeout: 15_000 });
    const c = cell(page, 'Mali – Russia', 37);
    await expect(c).toHaveAccessibleName(/net tone \+\d+, mean \+[\d.]+, 16 Jan 1992 – Nov 2025$/);
    await c.click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?from=1990$/);
    const heading = page.getByRole('heading', { level: 2, name: 'Mali – Russia' });
    await expect(heading).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Events (37)' })).toBeVisible();
    await page.reload();
    await expect(heading).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Events (37)' })).toBeVisible();
    expect(dyad.url()).toBe('/pair/MLI/RUS?from=1990');
    await page.goBack();
    await expect(page).toHaveURL(/\/relationships\?from=1990$/);
  });

  test('roll-up merges Wagner Group into Russia: its row and column go, Mali–Russia grows', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    await expect(cell(page, 'Mali – Russia', 37)).toBeVisible({ timeout: 15_000 });
    await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toBeVisible();
    await expect(matrix(page).getByRole('columnheader', { name: 'Wagner Group' })).toBeVisible();

    await page.getByRole('checkbox', { name: 'Roll up affiliates into their parent' }).check();
    await expect(page).toHaveURL(/\/relationships\?rollup=1$/);
    await expect(cell(page, 'Mali – Russia', 50)).toBeVisible();
    await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toHaveCount(0);
    await expect(matrix(page).getByRole('columnheader', { name: 'Wagner Group' })).toHaveCount(0);

    await page.reload();
    await expect(cell(page, 'Mali – Russia', 50)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('checkbox', { name: 'Roll up affiliates into their parent' })).toBeChecked();
    // The rolled-up cell opens the rolled-up ledger.
    await cell(page, 'Russia – Mali', 50).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?rollup=1$/);
    await expect(page.getByRole('heading', { name: 'Events (50)' })).toBeVisible();
  });

  test('grouped by affiliation, affiliates follow their parent', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    await page.getByLabel('Order').selectOption({ label: 'Grouped by affiliation' });
    await expect(page).toHaveURL(/order=group/);
    const rows = matrix(page).getByRole('rowheader');
    await expect(rows.nth(1)).toHaveText('Russia');
    await expect(rows.nth(2)).toContainText('Wagner Group');
    await expect(rows.nth(3)).toContainText('Rosatom');
    await page.reload();
    await expect(page.getByLabel('Order')).toHaveValue('group', { timeout: 15_000 });
  });

  test('the top 20 actors show, with a control for all; the legend and the table of figures are there', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    await expect(matrix(page).getByRole('rowheader')).toHaveCount(20, { timeout: 15_000 });
    await expect(page.getByText('Showing the 20 most active of 52 actors.')).toBeVisible();
    await page.getByRole('button', { name: 'Show all 52' }).click();
    await expect(matrix(page).getByRole('rowheader')).toHaveCount(52);

    const legend = page.getByRole('group', { name: 'Colour scale of net tone' });
    await expect(legend).toContainText('Conflictual');
    await expect(legend).toContainText('Cooperative');
    await expect(legend.getByRole('listitem')).toHaveCount(7);

    await page.locator('summary', { hasText: 'Table of these figures' }).first().click();
    const table = page.getByRole('table', { name: /pairs, most events first/ });
    await expect(table.getByRole('row', { name: /Mali – Russia 37/ })).toBeVisible();
  });

  test('filters that exclude everything explain themselves', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=2025-12&to=2025-12');
    await expect(page.getByText('No pair of actors has events under these filters.')).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Reset filters' }).first().click();
    await expect(page).toHaveURL(/\/relationships$/);
    await expect(cell(page, 'Mali – Russia', 37)).toBeVisible();
  });
});

test.describe('pair ledger', () => {
  test('shows summary, trend, chart with its table, the note on tone, and the events with their detail', async ({ dyad, page }) => {
    // Either order is read: the pair is the same.
    await dyad.open('/pair/RUS/MLI');
    await expect(page.getByRole('heading', { level: 2, name: 'Mali – Russia' })).toBeVisible({ timeout: 15_000 });
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary).toContainText('16 Jan 1992');
    await expect(summary).toContainText(/Net tone over the last 24 months \(.+\): [+−]?\d+ from \d+ events?/);
    await expect(page.getByRole('img', { name: /Events per year by category/ })).toBeVisible();
    await expect(page.getByText(/not a measure of casualties or importance/)).toBeVisible();

    await page.getByLabel('Bin').selectOption({ label: 'Month' });
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?bin=month$/);
    await expect(page.getByRole('img', { name: /Events per month by category/ })).toBeVisible();
    await page.locator('.pair-page').getByText('Table of these figures').click();
    const table = page.getByRole('table', { name: /per period with events/ });
    await expect(table.getByRole('rowheader', { name: 'Jan 1992' })).toBeVisible();

    const list = page.getByRole('region', { name: 'Events (37)' });
    await list.getByRole('link', { name: 'Bamako treats the Russian Federation as the USSR\'s continuator' }).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?event=.+&bin=month$/);
    await expect(page.getByTestId('event-detail')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('event-detail')).toBeVisible({ timeout: 15_000 });
  });

  test('an empty result explains itself, and Reset filters brings the events back', async ({ dyad, page }) => {
    await dyad.open('/pair/FRA/MLI?cat=coup');
    await expect(page.getByText('No events between France and Mali match these filters.')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Without filters they share 19 events.')).toBeVisible();
    await expect(page.locator('.pair-page').getByRole('img')).toHaveCount(0);
    await page.getByRole('button', { name: 'Reset filters' }).first().click();
    await expect(page).toHaveURL(/\/pair\/FRA\/MLI$/);
    await expect(page.getByRole('heading', { name: 'Events (19)' })).toBeVisible();
  });

  test('with roll-up on, an affiliate keeps its own events and points to its parent', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/wagner-group?rollup=1');
    await expect(page.getByRole('note')).toContainText('Wagner Group is an affiliate of Russia', { timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Events (17)' })).toBeVisible();
    await page.getByRole('link', { name: 'Open Mali – Russia' }).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?rollup=1$/);
    await expect(page.getByRole('heading', { name: 'Events (50)' })).toBeVisible();
  });
});

test.describe('compare', () => {
  test('two pairs chosen by the user are overlaid, kept in the URL, and survive a reload', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    const picker = page.getByRole('form', { name: 'Add a pair' });
    await picker.getByLabel('First actor').selectOption({ label: 'France' });
    await picker.getByLabel('Second actor').selectOption({ label: 'Mali' });
    await picker.getByRole('button', { name: 'Add' }).click();
    await expect(page).toHaveURL(/\/relationships\?compare=FRA~MLI$/);

    // The second from its ledger's "Add to comparison".
    await cell(page, 'Mali – Russia').click();
    await page.getByRole('button', { name: 'Add to comparison' }).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?compare=FRA~MLI,MLI~RUS$/);
    await expect(page.getByRole('button', { name: 'In comparison (remove)' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('link', { name: '← All relationships' }).click();
    await expect(page).toHaveURL(/\/relationships\?compare=FRA~MLI,MLI~RUS$/);

    const legend = page.getByRole('list', { name: 'Legend' });
    await expect(legend.getByRole('link', { name: 'France – Mali' })).toBeVisible();
    await expect(legend.getByRole('link', { name: 'Mali – Russia' })).toBeVisible();
    const chart = page.getByRole('img', { name: /Cumulative net tone over time of France – Mali, Mali – Russia/ });
    await expect(chart).toBeVisible();

    await page.reload();
    await expect(legend.getByRole('link', { name: 'France – Mali' })).toBeVisible({ timeout: 15_000 });
    await expect(legend.getByRole('link', { name: 'Mali – Russia' })).toBeVisible();
    await expect(chart).toBeVisible();

    await page.locator('summary', { hasText: 'Table of these figures' }).last().click();
    const table = page.getByRole('table', { name: /cumulative net tone at the end of each period/ });
    await expect(table.getByRole('columnheader', { name: 'France – Mali: cumulative net tone' })).toBeVisible();

    await page.getByRole('button', { name: 'Remove France – Mali from the comparison' }).click();
    await expect(page).toHaveURL(/\/relationships\?compare=MLI~RUS$/);
    await expect(legend.getByRole('link', { name: 'France – Mali' })).toHaveCount(0);
  });

  test('a compared pair without events under the filters says so', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=2025-12&compare=FRA~MLI');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('France – Mali (no events under these filters)', { timeout: 15_000 });
    await expect(page.getByText('None of these pairs has events under these filters.')).toBeVisible();
  });
});
