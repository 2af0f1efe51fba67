// A keyboard-only walk through the main journeys (issue 17, part 6): no mouse, no click, only
// Tab, Shift+Tab, Enter, Space, arrows and Escape. Every element the Tab key lands on shows a
// visible focus indicator (an outline or a ring of its own); the canvas timeline zooms and pans
// from the keyboard and its events are reached through the "Events in view" list; the matrix is
// a table of links; the pair and compare charts have their "Table of these figures". The density
// strip is drawn for the eye: its window is the timeline's, which the keys move.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures';

/**
 * Presses Tab until `target` has the focus (at most `max` times), else Shift+Tab (at most twice
 * as many); fails if any element the focus lands on the way shows no focus indicator (an
 * outline of at least 2 px or a box shadow).
 */
async function tabTo(page: Page, target: Locator, max = 150) {
  const handle = await target.elementHandle();
  const unseen: string[] = [];
  for (const [key, n] of [['Tab', max], ['Shift+Tab', 2 * max]] as const) {
    for (let i = 0; i < n; i++) {
      await page.keyboard.press(key);
      const [reached, problem] = await page.evaluate((t) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return [false, null];
        const cs = getComputedStyle(el);
        const shown = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
        const name = `${el.tagName.toLowerCase()}.${el.className} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`;
        return [el === t, shown ? null : `${name} has no visible focus`];
      }, handle);
      if (problem) unseen.push(problem);
      if (reached) {
        expect(unseen, 'focus indicators on the way').toEqual([]);
        return;
      }
    }
  }
  throw new Error('not reached with Tab nor Shift+Tab');
}

/** Skip link, then Enter: the focus is at the start of the main content. */
async function skip(page: Page) {
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
}

test('keyboard alone: the timeline, an event, the matrix, a pair, its figures, compare and About', async ({ dyad, page }) => {
  test.setTimeout(60_000);
  await dyad.openLoaded('/');
  await expect(page.locator('#prerendered')).toHaveCount(0);

  // Skip link, then the canvas timeline: + zooms, an arrow pans, Home fits.
  await skip(page);
  const timeline = page.getByTestId('timeline-plot').locator('canvas');
  await tabTo(page, timeline);
  await page.keyboard.press('+');
  await expect(page).toHaveURL(/win=/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(page).not.toHaveURL(/win=/);

  // Its events through the list: Enter opens the list, arrows move, Enter opens an event.
  const summary = page.locator('.timeline-list summary');
  await tabTo(page, summary);
  await page.keyboard.press('Enter');
  const list = page.getByRole('listbox', { name: 'Events in view' });
  await tabTo(page, list);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/event=/);
  const detail = page.getByTestId('event-detail');
  await expect(detail).toBeVisible();
  // Into the detail, then Escape closes it.
  await tabTo(page, detail.getByRole('button', { name: 'Close event detail' }));
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/event=/);

  // A filter checked with Space, from the keyboard.
  const first = page.getByRole('checkbox').first();
  await tabTo(page, first);
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  await page.keyboard.press('Space');
  await expect(first).not.toBeChecked();

  // The matrix: a table of links; Enter on a cell opens its pair.
  await tabTo(page, dyad.nav('Relationships'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/relationships$/);
  const matrix = page.getByRole('region', { name: 'Relations matrix' });
  await expect(matrix).toBeVisible({ timeout: 15_000 });
  await tabTo(page, matrix);
  const cell = matrix.locator('td.cell a').first();
  await tabTo(page, cell);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/pair\//);

  // The pair's chart, as a table: Enter opens "Table of these figures".
  const figures = page.locator('.figures-table summary').first();
  await tabTo(page, figures);
  await page.keyboard.press('Enter');
  await expect(page.locator('.figures-table table').first()).toBeVisible();
  expect(await page.locator('.figures-table table').first().locator('tbody tr').count()).toBeGreaterThan(0);

  // About, by its link in the main navigation.
  await tabTo(page, dyad.nav('About'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'About Dyad' })).toBeVisible();
});

test('keyboard alone: compare two pairs and read their figures', async ({ dyad, page }) => {
  test.setTimeout(60_000);
  await dyad.open('/relationships?compare=FRA~MLI,MLI~RUS');
  await expect(page.locator('.line-key')).toHaveCount(2, { timeout: 15_000 });
  await skip(page);
  const remove = page.getByRole('button', { name: /^Remove .* from the comparison$/ }).first();
  await tabTo(page, remove);
  await page.keyboard.press('Enter');
  await expect(page.locator('.line-key')).toHaveCount(1);
  // The compare chart's table follows its section (the last "Table of these figures").
  const figures = page.locator('.figures-table summary').last();
  await tabTo(page, figures);
  await page.keyboard.press('Enter');
  await expect(page.locator('.figures-table').last().locator('table')).toBeVisible();
});
