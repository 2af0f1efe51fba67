// Journey: an analyst opens Relationships from the navigation, compares France–Mali with
// Russia–Mali through the "Add a pair" picker, rolls the Wagner Group up into Russia, and
// reloads: nothing is lost (the URL, the roll-up box, the legend's entries and their counts,
// the matrix). The legend and the matrix must also agree on Mali–Russia's count. On a desktop
// and on a 375 px phone.
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';
import { PHONE, shot, sidewaysOverflow } from '../helpers/journeys';

const matrix = (page: Page) => page.getByRole('region', { name: 'Relations matrix' });
const legend = (page: Page) => page.getByRole('list', { name: 'Legend' });
const rollup = (page: Page) => page.getByRole('checkbox', { name: 'Roll up affiliates into their parent' });

/** Chooses two actors by name in the picker and presses Add. */
async function addPair(page: Page, first: string, second: string) {
  const picker = page.getByRole('form', { name: 'Add a pair' });
  await picker.getByLabel('First actor').selectOption({ label: first });
  await picker.getByLabel('Second actor').selectOption({ label: second });
  await picker.getByRole('button', { name: 'Add' }).click();
}

/** The events a legend entry counts: "France – Mali (19 events, net tone +42)" gives 19. */
async function legendCount(page: Page, pair: string): Promise<number> {
  const item = legend(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: pair, exact: true }) });
  const text = (await item.textContent())!;
  const m = /\((\d+) events?, net tone [+−-]?[\d.]+\)/.exec(text);
  expect(m, `legend entry "${text}" gives a count and a net tone`).not.toBeNull();
  return Number(m![1]);
}

/**
 * The events the matrix cell of `pair` (row – column) counts, from its accessible name
 * "Mali – Russia: 37 events, …"; its visible text says the same.
 */
async function cellCount(page: Page, pair: string): Promise<number> {
  const cell = matrix(page).getByRole('link', { name: new RegExp(`^${pair}: \\d+ events?,`) });
  const n = Number(/: (\d+) event/.exec((await cell.getAttribute('aria-label'))!)![1]);
  await expect(cell).toHaveText(String(n));
  return n;
}

/** Everything the analyst sees that a reload must keep. */
async function seen(page: Page) {
  await expect(legend(page).getByRole('listitem')).toHaveCount(2);
  return {
    url: new URL(page.url()).pathname + new URL(page.url()).search,
    rollup: await rollup(page).isChecked(),
    legend: (await legend(page).getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
    chart: await page.getByRole('img', { name: /^Cumulative net tone over time of/ }).getAttribute('aria-label'),
    rows: await matrix(page).getByRole('rowheader').allTextContents(),
    maliRussia: await cellCount(page, 'Mali – Russia'),
  };
}

async function journey(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships' }).click();
  await expect(page).toHaveURL(/\/relationships$/);
  await expect(matrix(page).getByRole('table')).toBeVisible({ timeout: 15_000 });

  await addPair(page, 'France', 'Mali');
  await expect(page).toHaveURL(/\/relationships\?compare=FRA~MLI$/);
  await addPair(page, 'Russia', 'Mali');
  await expect(page).toHaveURL(/\/relationships\?compare=FRA~MLI,MLI~RUS$/);
  await expect(legend(page).getByRole('link', { name: 'France – Mali', exact: true })).toBeVisible();
  await expect(legend(page).getByRole('link', { name: 'Mali – Russia', exact: true })).toBeVisible();
  const france = await legendCount(page, 'France – Mali');
  const russia = await legendCount(page, 'Mali – Russia');
  expect(russia).toBe(await cellCount(page, 'Mali – Russia'));
  await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toBeVisible();
  await shot(page, `${name}-1-compared`);

  await rollup(page).check();
  await expect(page).toHaveURL(/\/relationships\?rollup=1&compare=FRA~MLI,MLI~RUS$/);
  await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toHaveCount(0);
  // Wagner's events with Mali now count for Russia, in the legend and in the matrix alike;
  // France–Mali does not change.
  await expect.poll(() => legendCount(page, 'Mali – Russia')).toBeGreaterThan(russia);
  expect(await legendCount(page, 'France – Mali')).toBe(france);
  const before = await seen(page);
  expect(before.rollup).toBe(true);
  expect(await legendCount(page, 'Mali – Russia')).toBe(before.maliRussia);
  await shot(page, `${name}-2-rolled-up`);

  await page.reload();
  await expect(legend(page).getByRole('link', { name: 'Mali – Russia', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(rollup(page)).toBeChecked();
  expect(await seen(page)).toEqual(before);
  await shot(page, `${name}-3-reloaded`);
}

test('desktop: compare France–Mali with Russia–Mali, roll up Wagner, reload', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  await journey(page, 'analyst-desktop');
});

test.describe('phone, 375 px', () => {
  test.use({ viewport: PHONE });

  test('the same on a phone', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await journey(page, 'analyst-phone');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The matrix scrolls sideways inside its box; its caption stays readable within it.
    const box = (await matrix(page).boundingBox())!;
    const caption = (await matrix(page).locator('caption').boundingBox())!;
    expect(caption.x + caption.width).toBeLessThanOrEqual(box.x + box.width);
    // At least five columns of cells show beside the row headers.
    const cells = matrix(page).getByRole('row').nth(1).getByRole('cell');
    const visible = await cells.evaluateAll(
      (tds, right) => tds.filter((td) => td.getBoundingClientRect().right <= right).length,
      box.x + box.width,
    );
    expect(visible).toBeGreaterThanOrEqual(5);
  });
});
