// Small helpers the user journeys share: screenshots to look at, what has the keyboard focus,
// moving the focus with Tab alone, and the filter panel's state as a person would see it.
import { expect } from '../fixtures';
import type { Page } from '@playwright/test';

/** A phone's viewport: the layout where the filters live in a drawer. */
export const PHONE = { width: 375, height: 740 };

/** Saves a full-page screenshot under tests/artifacts/journeys/ (git-ignored), to look at. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `tests/artifacts/journeys/${name}.png`, fullPage: true });
}

/**
 * The focused element as assistive technology reads it: its role and accessible name from
 * Playwright's ARIA snapshot, e.g. `checkbox "Wagner Group 17"`; `body` when nothing is focused.
 */
export async function focused(page: Page): Promise<string> {
  const el = page.locator(':focus');
  if ((await el.count()) === 0) return 'body';
  const first = (await el.first().ariaSnapshot()).split('\n')[0];
  return first.replace(/^- /, '').replace(/:$/, '').trim();
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's description matches `want`; fails
 * after `max` presses, with the path the focus took, so a trap or a missing stop shows.
 */
export async function tabTo(page: Page, want: RegExp, opts: { back?: boolean; max?: number } = {}) {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  const path: string[] = [];
  for (let i = 0; i < (opts.max ?? 120); i++) {
    const now = await focused(page);
    if (want.test(now)) return path.length;
    path.push(now);
    await page.keyboard.press(key);
  }
  expect(path.slice(-25), `focus never reached ${want} with ${key}`).toEqual(['(reached)']);
  return path.length;
}

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
export async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });
}

/** The ids of the checked checkboxes and radios of the filter panel, in document order. */
export async function checkedFilters(page: Page): Promise<string[]> {
  return page
    .locator('#filter-panel input:checked')
    .evaluateAll((els) => els.map((e) => e.id || `${(e as HTMLInputElement).name}:${(e.parentElement?.textContent ?? '').trim()}`));
}

/** How far the document overflows the viewport sideways, px (0 or less: none). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The number N of the "N of M events" line. */
export function countOf(text: string | null): number {
  const m = /^(\d+) of (\d+) events?$/.exec((text ?? '').trim());
  expect(m, `"${text}" reads "N of M events"`).not.toBeNull();
  return Number(m![1]);
}
