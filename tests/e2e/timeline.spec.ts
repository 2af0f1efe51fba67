// The timeline (issue 5): zoom and pan live in the URL and survive a reload, a mark found
// through the chart's own coordinate mapping opens its event, lanes switch, the canvas is
// drawn, and the keyboard list and the text alternative follow the window.
//
// Marks are located through the data attributes of `[data-testid=timeline-plot]` (the test
// contract in src/timeline.rs), never through guessed pixels.
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';
import { canvas, dayOf, drawn, drawnWindow, markPosition, plot, windowOf } from '../helpers/timeline';

const MOURA = { id: 'moura-massacre-2022', start: '2022-03-27', end: '2022-03-31', lane: 'security_incident' };

test('zooming with the button writes the window to the URL, and a reload restores it', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  await drawn(page);
  expect(dyad.url()).not.toContain('win=');
  const before = await windowOf(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page).toHaveURL(/[?&]win=\d{4}-\d\d-\d\d~\d{4}-\d\d-\d\d/);
  const zoomed = await windowOf(page);
  expect(zoomed).not.toEqual(before);
  const url = dyad.url();
  await page.reload();
  await drawn(page);
  expect(dyad.url()).toBe(url);
  expect(await windowOf(page)).toEqual(zoomed);
  // The URL holds exactly the window drawn.
  expect(url).toContain(`win=${zoomed[0]}~${zoomed[1]}`);
  await page.getByRole('button', { name: 'Fit to matches' }).click();
  await expect(page).not.toHaveURL(/win=/);
  await expect.poll(() => drawnWindow(page)).toEqual(before);
});

test('arrow keys on the canvas pan the window, +/- zoom it, and the URL follows', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  await drawn(page);
  expect(await windowOf(page)).toEqual(['2022-01-01', '2022-12-31']);
  await canvas(page).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).not.toHaveURL(/win=2022-01-01~2022-12-31/);
  const [start, end] = await windowOf(page);
  expect(start > '2022-01-01').toBe(true);
  expect(dayOf(end!) - dayOf(start!)).toBe(364);
  await expect(page).toHaveURL(new RegExp(`win=${start}~${end}`));
  await page.keyboard.press('+');
  await expect(page).not.toHaveURL(new RegExp(`win=${start}~${end}`));
  const [s2, e2] = await windowOf(page);
  expect(dayOf(e2!) - dayOf(s2!)).toBeLessThan(364);
  await page.keyboard.press('Home');
  await expect(page).not.toHaveURL(/win=/);
});

test('the wheel zooms around the pointer and the window reaches the URL when it settles', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  await drawn(page);
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
  await page.mouse.wheel(0, -200);
  await expect(page).not.toHaveURL(/win=2022-01-01~2022-12-31/);
  const [start, end] = await windowOf(page);
  expect(start >= '2022-01-01' && end! <= '2022-12-31').toBe(true);
  expect(dayOf(end!) - dayOf(start!)).toBeLessThan(364);
});

test('clicking a mark, located through the chart mapping, opens that event', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  await drawn(page);
  const pos = await markPosition(page, MOURA.start, MOURA.end, MOURA.lane);
  // Hovering first shows the tooltip with the title and the band's dates.
  await canvas(page).hover({ position: pos });
  const tip = plot(page).locator('.timeline-tooltip');
  await expect(tip).toContainText('Moura');
  await expect(tip).toContainText('27 Mar 2022 – 31 Mar 2022');
  await canvas(page).click({ position: pos });
  await expect(page).toHaveURL(new RegExp(`event=${MOURA.id}`));
  await expect(page.getByRole('heading', { level: 2, name: /Moura/ })).toBeVisible();
  // The window did not move, and the selection survives a reload.
  expect(dyad.url()).toContain('win=2022-01-01~2022-12-31');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: /Moura/ })).toBeVisible();
});

test('the canvas is drawn: a screenshot has many distinct colours', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  await drawn(page);
  const png = await canvas(page).screenshot({ path: test.info().outputPath('timeline.png') });
  expect(png.length).toBeGreaterThan(5_000);
  // Count the colours actually painted on the canvas (HiDPI pixels included).
  const stats = await canvas(page).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const bg = data.slice(0, 4).join();
    const colours = new Set<string>();
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      const px = `${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`;
      colours.add(px);
      if (px !== bg) painted++;
    }
    return { colours: colours.size, painted, total: data.length / 4, width: c.width, css: c.clientWidth };
  });
  expect(stats.colours).toBeGreaterThan(20);
  expect(stats.painted / stats.total).toBeGreaterThan(0.05);
  // The backing store matches the CSS size times the device pixel ratio.
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  expect(Math.abs(stats.width - stats.css * dpr)).toBeLessThanOrEqual(1);
});

test('lanes switch between categories and actors through the Lanes select', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  await drawn(page);
  await expect(plot(page)).toHaveAttribute('data-lanes', /security_incident/);
  await page.getByLabel('Lanes').selectOption({ label: 'By actor' });
  await expect(page).toHaveURL(/lanes=actor/);
  await expect(plot(page)).toHaveAttribute('data-lanes', /(^|,)MLI(,|$)/);
  const lanes = (await plot(page).getAttribute('data-lanes'))!.split(',');
  expect(lanes.length).toBeLessThanOrEqual(13);
  // Moura's actors are Mali and Wagner: its mark is in Mali's lane too. That lane is busy, so
  // the mark may first be part of a cluster, which a click zooms into; clicking again at the
  // mark's new place opens it.
  for (let i = 0; i < 4 && !dyad.url().includes(`event=${MOURA.id}`); i++) {
    const pos = await markPosition(page, MOURA.start, MOURA.end, 'MLI');
    const before = await windowOf(page);
    await canvas(page).click({ position: pos });
    await expect
      .poll(async () => dyad.url().includes('event=') || String(await drawnWindow(page)) !== String(before))
      .toBe(true);
  }
  await expect(page).toHaveURL(new RegExp(`event=${MOURA.id}`));
  await page.reload();
  await expect(page.getByLabel('Lanes')).toHaveValue('actor');
});

test('the canvas text alternative and the events-in-view list follow the window', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-03-01~2022-03-31');
  await drawn(page);
  await expect(canvas(page)).toHaveAttribute(
    'aria-label',
    /^Timeline from 1 Mar 2022 to 31 Mar 2022: \d+ events?, \d+ milestones?\.$/,
  );
  await page.getByText(/^Events in view \(\d+\)$/).click();
  const list = page.getByRole('listbox', { name: 'Events in view' });
  await expect(list.getByRole('option', { name: /Moura/ })).toBeVisible();
  // Keyboard: the first arrow press puts the cursor on the first event, Enter opens it.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  const first = list.getByRole('option').first();
  await expect(first).toHaveClass(/active/);
  const title = (await first.locator('.what').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/event=/);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  // The list holds exactly the events the text alternative counts.
  const count = await list.getByRole('option').count();
  const described = Number(/: (\d+) event/.exec((await canvas(page).getAttribute('aria-label'))!)![1]);
  expect(count).toBe(described);
});

test('the density strip draws its bars in the categories\' colours, and only the filtered ones', async ({ dyad, page }) => {
  // The colours the dataset gives its categories, as "r,g,b".
  const colours = async () =>
    page.evaluate(async () => {
      const data = await (await fetch('data/sahel.json')).json();
      const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join();
      return Object.fromEntries(data.categories.map((c: { id: string; color: string }) => [c.id, rgb(c.color)]));
    });
  // The opaque colours painted on the strip's canvas, with how many pixels each.
  const painted = () =>
    page.locator('.density-strip canvas').evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen: Record<string, number> = {};
      for (let i = 0; i < data.length; i += 4) {
        const px = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        seen[px] = (seen[px] ?? 0) + 1;
      }
      return seen;
    });
  await dyad.openLoaded('/');
  await drawn(page);
  const byCategory = await colours();
  const all = await painted();
  const shown = Object.values(byCategory).filter((rgb) => (all[rgb] ?? 0) > 0);
  expect(shown.length).toBeGreaterThanOrEqual(8);

  await dyad.openLoaded('/?cat=coup');
  await drawn(page);
  await expect.poll(async () => (await painted())[byCategory.coup] ?? 0).toBeGreaterThan(0);
  const coupOnly = await painted();
  for (const [id, rgb] of Object.entries(byCategory)) {
    if (id !== 'coup' && rgb !== byCategory.coup) expect(coupOnly[rgb] ?? 0, id).toBe(0);
  }
});

test('the density strip marks the window, and dragging across it sets a new one', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  await drawn(page);
  const strip = page.locator('.density-strip');
  const box = (await strip.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/win=/);
  const mark = (await strip.locator('.window-mark').boundingBox())!;
  expect(mark.x).toBeGreaterThan(box.x + box.width * 0.15);
  expect(mark.x + mark.width).toBeLessThan(box.x + box.width * 0.35);
});

/** Where the day `iso` (its middle) is drawn, as a share of the plot's width (0 to 1). */
async function shareOf(page: Page, iso: string) {
  const a = await plot(page).evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  return (dayOf(iso) + 0.5 - Number(a.scaleStart)) / (Number(a.scaleEnd) - Number(a.scaleStart));
}

// The two concessions of a Russian actor: the refinery deal (Nov 2023, Russia) and the lithium
// memorandum (Jul 2024, Rosatom), both month-precision, drawn at their month's middle.
const CONCESSIONS = '/?actor=RUS,rosatom&cat=resource_concession';
const REFINERY_MID = '2023-11-15';
const LITHIUM_MID = '2024-07-16';

test('a filtered link fits the window to its matches, win= keeps a window, Fit to matches restores the fit', async ({ dyad, page }) => {
  await dyad.openLoaded(CONCESSIONS);
  await expect(dyad.eventCount()).toHaveText('2 of 99 events');
  await drawn(page);
  // No win= in the URL: the window is the fit, not 1959–2027.
  expect(dyad.url()).not.toContain('win=');
  const [start, end] = await windowOf(page);
  expect(start! >= '2023-01-01' && end! <= '2024-12-31', `${start}~${end}`).toBe(true);
  // Both events apart, across most of the plot's width.
  const [a, b] = [await shareOf(page, REFINERY_MID), await shareOf(page, LITHIUM_MID)];
  expect(a).toBeGreaterThan(0);
  expect(b).toBeLessThan(1);
  expect(b - a).toBeGreaterThan(0.6);
  const fit = await windowOf(page);

  // Zooming writes win=; a reload keeps that window, not the fit.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page).toHaveURL(/[?&]win=/);
  const zoomed = await windowOf(page);
  expect(dayOf(zoomed[1]!) - dayOf(zoomed[0]!)).toBeLessThan(dayOf(fit[1]!) - dayOf(fit[0]!));
  await page.reload();
  await drawn(page);
  expect(await windowOf(page)).toEqual(zoomed);

  // Fit to matches removes win= and draws the fit again.
  await page.getByRole('button', { name: 'Fit to matches' }).click();
  await expect(page).not.toHaveURL(/win=/);
  await expect.poll(() => drawnWindow(page)).toEqual(fit);
});

test('one match is shown among half a year, centred, not stretched across the width', async ({ dyad, page }) => {
  await dyad.openLoaded('/?actor=RUS&cat=resource_concession');
  await expect(dyad.eventCount()).toHaveText('1 of 99 events');
  await drawn(page);
  const [start, end] = await windowOf(page);
  expect(dayOf(end!) - dayOf(start!) + 1).toBeGreaterThanOrEqual(183);
  expect(dayOf(end!) - dayOf(start!) + 1).toBeLessThan(366);
  const x = await shareOf(page, REFINERY_MID);
  expect(x).toBeGreaterThan(0.3);
  expect(x).toBeLessThan(0.7);
});

test('the unfiltered timeline still shows the whole data, and a filter change refits it', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  await drawn(page);
  const whole = await windowOf(page);
  expect(whole[0]! < '1960-06-20' && whole[1]! > '2025-10-24').toBe(true);
  await dyad.openLoaded('/?cat=coup');
  await drawn(page);
  const coups = await windowOf(page);
  // The coups run from 2012 to 2023: the fit starts in 2011, not in 1959.
  expect(coups[0]! > '2011-01-01' && coups[0]! < '2012-03-22', coups.join('~')).toBe(true);
  // Ticking another category (here through the panel) refits, since the URL has no win=.
  await page.getByRole('checkbox', { name: /Mining and resources/ }).check();
  await expect(page).toHaveURL(/cat=coup%2Cresource_concession|cat=coup,resource_concession/);
  await expect.poll(() => drawnWindow(page)).not.toEqual(coups);
  expect(dyad.url()).not.toContain('win=');
});

test.describe('brushing the strip by finger (375×800, touch)', () => {
  test.use({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });

  /** Drags a finger through `points` (page px) with CDP touch events, as a phone sends them. */
  async function touchDrag(page: Page, points: { x: number; y: number }[]) {
    const cdp = await page.context().newCDPSession(page);
    const [first, ...rest] = points;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first] });
    for (const p of rest) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  /** The strip's day → page x mapping: the whole data, which is the window drawn at load. */
  async function stripScale(page: Page) {
    expect(new URL(page.url()).search).not.toContain('win=');
    const a = await plot(page).evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    const [s, e] = [Number(a.scaleStart), Number(a.scaleEnd)];
    const box = (await page.locator('.density-strip canvas').boundingBox())!;
    return {
      x: (iso: string) => box.x + ((dayOf(iso) - s) / (e - s)) * box.width,
      y: box.y + box.height / 2,
      dayPerPx: (e - s) / box.width,
    };
  }

  test('a finger drawn across the strip, even starting with a wobble up and down, writes that period to win=', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await drawn(page);
    const { x, y, dayPerPx } = await stripScale(page);
    const [x0, x1] = [x('2000-01-01'), x('2012-01-01')];
    // The finger lands, slides down and up a little first (as fingers do), then across.
    const path = [{ x: x0, y }, { x: x0, y: y + 8 }, { x: x0 + 1, y: y + 20 }, { x: x0 + 2, y: y + 12 }];
    for (let i = 1; i <= 12; i++) path.push({ x: x0 + 2 + ((x1 - x0 - 2) * i) / 12, y: y + 12 });
    await touchDrag(page, path);
    await expect(page).toHaveURL(/[?&]win=\d{4}-\d\d-\d\d~\d{4}-\d\d-\d\d/);
    const [from, to] = await windowOf(page);
    // The period brushed, to within two pixels of the strip (a finger's position is rounded).
    expect(Math.abs(dayOf(from!) - dayOf('2000-01-01')), from!).toBeLessThanOrEqual(2 * dayPerPx + 1);
    expect(Math.abs(dayOf(to!) - dayOf('2012-01-01')), to!).toBeLessThanOrEqual(2 * dayPerPx + 1);
    // The page did not scroll under the finger.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('a finger on the mark\'s end handle moves that end only', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await drawn(page);
    const { x, y, dayPerPx } = await stripScale(page);
    await touchDrag(page, [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ x: x('2000-01-01') + ((x('2010-01-01') - x('2000-01-01')) * i) / 8, y })));
    await expect(page).toHaveURL(/[?&]win=/);
    const [from, to] = await windowOf(page);
    // Grab the end handle a little inside the mark (a finger is not precise) and pull it to 2020.
    const end = x('2010-01-01');
    await touchDrag(page, [0, 1, 2, 3, 4, 5, 6].map((i) => ({ x: end - 6 + ((x('2020-01-01') - end + 6) * i) / 6, y })));
    await expect(page).not.toHaveURL(new RegExp(`win=${from}~${to}`));
    const [from2, to2] = await windowOf(page);
    expect(from2).toBe(from);
    expect(Math.abs(dayOf(to2!) - dayOf('2020-01-01')), to2!).toBeLessThanOrEqual(2 * dayPerPx + 1);
  });
});
