// Journey: a researcher narrows the timeline to 2021–2022 by dragging across the density strip
// (a brush), opens the Moura massacre from its mark on the canvas, and follows one of its
// sources, which opens in a new tab without a handle back to Dyad (target=_blank, noopener).
// On a desktop and on a 375 px phone.
//
// Nothing leaves the machine: every request to another host is answered by a local stub, and
// the browser resolves no host name but the local one.
import { test, expect } from '../fixtures';
import config from '../../playwright.config';
import type { BrowserContext, Page } from '@playwright/test';
import { canvas, dayOf, drawn, drawnWindow, markPosition, plot, windowOf } from '../helpers/timeline';
import { PHONE, shot, sidewaysOverflow } from '../helpers/journeys';

const MOURA = { id: 'moura-massacre-2022', start: '2022-03-27', end: '2022-03-31', lane: 'security_incident' };

// The configured browser, told to resolve no host name but the local one.
const launch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...launch,
    args: [...(launch.args ?? []), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  },
});

/** Answers every request to a host other than this machine with a stub page; returns them. */
async function stubOutside(context: BrowserContext) {
  const outside: string[] = [];
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      outside.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<title>Stub</title><p>A source (stubbed).</p>' });
    },
  );
  return outside;
}

/** The density strip's canvas: the whole data across its width. */
const strip = (page: Page) => page.getByRole('img', { name: /^Events over the whole data/ });

/**
 * Drags across the strip from 2021-01-01 to 2023-01-01. The strip spans the data's bounds,
 * which is the window the timeline shows before any zoom (no `win=`), so its scale is read
 * from the plot's data attributes at that moment. Pointer positions are whole pixels, so the
 * start is rounded down and the end up: the window covers at least 2021–2022.
 */
async function brush2021to2022(page: Page) {
  expect(new URL(page.url()).search).not.toContain('win=');
  const a = await plot(page).evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const [s, e] = [Number(a.scaleStart), Number(a.scaleEnd)];
  const box = (await strip(page).boundingBox())!;
  const x = (iso: string) => box.x + ((dayOf(iso) - s) / (e - s)) * box.width;
  const y = box.y + box.height / 2;
  const [x0, x1] = [Math.floor(x('2021-01-01')), Math.ceil(x('2023-01-01'))];
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x1, y, { steps: 8 });
  await page.mouse.up();
  // One pixel of the strip, in days: how far past 2021–2022 the window may reach.
  return (e - s) / box.width;
}

/** Clicks Moura's mark until it opens; a click on a cluster zooms into it first. */
async function openMoura(page: Page) {
  for (let i = 0; i < 5 && !page.url().includes(`event=${MOURA.id}`); i++) {
    await drawn(page);
    const before = String(await windowOf(page));
    const pos = await markPosition(page, MOURA.start, MOURA.end, MOURA.lane);
    await canvas(page).click({ position: pos });
    await expect
      .poll(async () => page.url().includes('event=') || String(await drawnWindow(page)) !== before)
      .toBe(true);
  }
  await expect(page).toHaveURL(new RegExp(`event=${MOURA.id}`));
  test.info().annotations.push({ type: 'opened Moura', description: page.url() });
}

async function journey(page: Page, context: BrowserContext, name: string) {
  const outside = await stubOutside(context);
  await drawn(page);
  const dayPerPx = await brush2021to2022(page);
  await expect(page).toHaveURL(/[?&]win=\d{4}-\d\d-\d\d~\d{4}-\d\d-\d\d/);
  const win = /[?&]win=([\d-]+)~([\d-]+)/.exec(page.url())!;
  const [from, to] = [win[1], win[2]];
  expect(from <= '2021-01-01', `win= starts ${from}, by 2021-01-01`).toBe(true);
  expect(to >= '2022-12-31', `win= ends ${to}, from 2022-12-31`).toBe(true);
  // And not much more than that: two pixels of the strip on either side.
  expect(dayOf('2021-01-01') - dayOf(from)).toBeLessThanOrEqual(2 * dayPerPx + 1);
  expect(dayOf(to) - dayOf('2022-12-31')).toBeLessThanOrEqual(2 * dayPerPx + 1);
  expect(await windowOf(page)).toEqual([from, to]);
  test.info().annotations.push({ type: 'win', description: `${from}~${to}` });
  await shot(page, `${name}-1-zoomed`);

  await openMoura(page);
  const detail = page.getByTestId('event-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('Moura');
  const sources = detail.locator('.sources').getByRole('link');
  const source = sources.first();
  await source.scrollIntoViewIfNeeded();
  await shot(page, `${name}-2-detail`);
  expect(await sources.count()).toBeGreaterThan(0);
  const href = (await source.getAttribute('href'))!;
  expect(href).toMatch(/^https?:\/\//);
  await expect(source).toHaveAttribute('target', '_blank');
  await expect(source).toHaveAttribute('rel', /(^|\s)noopener(\s|$)/);

  const here = page.url();
  const [tab] = await Promise.all([context.waitForEvent('page'), source.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toBe(href);
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await expect(tab.getByText('A source (stubbed).')).toBeVisible();
  await tab.close();
  // Dyad stays where it was, and nothing but the source was asked of another host.
  expect(page.url()).toBe(here);
  expect(outside).toEqual([href]);
}

test('desktop: brush 2021–2022 on the strip, open Moura from its mark, follow a source', async ({ dyad, page, context }) => {
  await dyad.openLoaded('/');
  await journey(page, context, 'researcher-desktop');
});

test.describe('phone, 375 px', () => {
  test.use({ viewport: PHONE });

  test('the same on a phone', async ({ dyad, page, context }) => {
    await dyad.openLoaded('/');
    await journey(page, context, 'researcher-phone');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
