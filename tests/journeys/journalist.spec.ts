// Journey: a journalist narrows the events to the Wagner Group's human-rights reports through
// the filter panel, copies the link with "Copy link", and opens it in a new window, where the
// same view comes back: the same boxes checked, the same URL, the same "N of 99 events".
// Three ways: with a mouse on a desktop, on a 375 px phone (filters in a drawer), and with
// the keyboard alone (Tab, Shift+Tab, Space, Enter, and typing in "Find an actor").
import { test, expect, Dyad } from '../fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import {
  PHONE,
  checkedFilters,
  countOf,
  focusVisible,
  focused,
  shot,
  sidewaysOverflow,
  tabTo,
} from '../helpers/journeys';

/** The canonical query of the journalist's view. */
const QUERY = '?actor=wagner-group&cat=human_rights_report';

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** Checks the two filters' effect on the first window, and returns what must come back. */
async function filtered(dyad: Dyad, page: Page) {
  await expect(page).toHaveURL(new RegExp(`/\\${QUERY}$`));
  await expectBoxes(page);
  // The chips name the filters (in the closed drawer on a phone, hence includeHidden).
  const chip = (name: string) => page.getByRole('button', { name, includeHidden: true });
  await expect(chip('Remove filter Wagner Group')).toBeAttached();
  await expect(chip('Remove filter Human-rights report')).toBeAttached();
  const count = (await dyad.eventCount().textContent())!;
  const n = countOf(count);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(99);
  return { count, checked: await checkedFilters(page) };
}

/** The two boxes are checked (in the closed drawer on a phone, hence includeHidden). */
async function expectBoxes(page: Page) {
  const box = (name: RegExp) => page.getByRole('checkbox', { name, includeHidden: true });
  await expect(box(/^Wagner Group/)).toBeChecked();
  await expect(box(/^Human-rights report/)).toBeChecked();
}

/** After "Copy link": the confirmation, and the copied URL, which is the page's own. */
async function copied(page: Page) {
  await expect(page.getByText('Link copied')).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(page.url());
  expect(new URL(url).pathname + new URL(url).search).toBe(`/${QUERY}`);
  return url;
}

/** Opens `url` in a new window of the same context and checks the same view comes back. */
async function reopen(context: BrowserContext, url: string, want: { count: string; checked: string[] }, name: string) {
  const page = await context.newPage();
  const dyad = new Dyad(page);
  await page.goto(url);
  await expect(dyad.eventCount()).toHaveText(want.count, { timeout: 15_000 });
  expect(page.url()).toBe(url);
  await expectBoxes(page);
  expect(await checkedFilters(page)).toEqual(want.checked);
  await shot(page, name);
  expect(dyad.unexpectedErrors(), 'errors in the new window').toEqual([]);
  return page;
}

test('desktop: filter through the panel, copy the link, reopen it in a new window', async ({ dyad, page, context }) => {
  await dyad.openLoaded('/');
  await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  const actors = page.getByRole('group', { name: 'Actors' });
  await actors.getByRole('searchbox', { name: 'Find an actor' }).fill('wagner');
  await actors.getByRole('checkbox', { name: /^Wagner Group/ }).check();
  await page.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: /^Human-rights report/ }).check();
  const want = await filtered(dyad, page);
  expect(want.checked).toEqual(expect.arrayContaining(['actor-wagner-group', 'cat-human_rights_report']));
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await copied(page);
  await shot(page, 'journalist-desktop-1-filtered');
  await reopen(context, url, want, 'journalist-desktop-2-reopened');
});

test.describe('phone, 375 px', () => {
  test.use({ viewport: PHONE });

  test('filters in the drawer, copy the link, reopen it in a new window', async ({ dyad, page, context }) => {
    await dyad.openLoaded('/');
    const actors = page.getByRole('group', { name: 'Actors' });
    await expect(actors).toBeHidden();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Filters', exact: true })).toHaveAttribute('aria-expanded', 'true');
    await actors.getByRole('searchbox', { name: 'Find an actor' }).fill('wagner');
    await actors.getByRole('checkbox', { name: /^Wagner Group/ }).check();
    await page.getByRole('group', { name: 'Categories' }).getByRole('checkbox', { name: /^Human-rights report/ }).check();
    await shot(page, 'journalist-phone-1-drawer');
    await page.getByRole('button', { name: 'Close filters' }).click();
    await expect(actors).toBeHidden();
    // The focus goes back to the button that opened the drawer, not to the page's top (once the
    // page under the drawer is no longer inert, on the next frame).
    await expect.poll(() => focused(page)).toMatch(/^button "Filters( \(\d+\))?"/);
    const want = await filtered(dyad, page);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await copied(page);
    await shot(page, 'journalist-phone-2-filtered');
    const other = await reopen(context, url, want, 'journalist-phone-3-reopened');
    expect(await sidewaysOverflow(other)).toBeLessThanOrEqual(0);
  });
});

test('keyboard alone: Tab to the filters, Space to check, Enter to copy, the same view reopens', async ({ dyad, page, context }) => {
  await dyad.openLoaded('/');
  // Typing in "Find an actor" narrows the list to the Wagner Group.
  await tabTo(page, /^searchbox "Find an actor"/);
  await page.keyboard.type('wagner');
  await tabTo(page, /^checkbox "Wagner Group \d+"/);
  expect(await focusVisible(page), 'the focused checkbox shows its focus').toBe(true);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\?actor=wagner-group$/);
  // The focus stays where the user is, so the next Tab goes on from the checkbox they checked.
  expect(await focused(page)).toMatch(/^checkbox "Wagner Group \d+"/);
  await tabTo(page, /^checkbox "Human-rights report \d+"/);
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Space');
  expect(await focused(page)).toMatch(/^checkbox "Human-rights report \d+"/);
  const want = await filtered(dyad, page);
  await tabTo(page, /^button "Copy link"/);
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  const url = await copied(page);
  await shot(page, 'journalist-keyboard-1-filtered');
  await reopen(context, url, want, 'journalist-keyboard-2-reopened');
});
