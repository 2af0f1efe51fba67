// The map (issue 18): opened from the navigation, markers painted in the categories' colours
// (read from the canvas's pixels), the window in the URL (`bbox=`) reproduced after a reload,
// "Filter to this area" narrowing the list and writing `area=`, a click on a marker opening its
// event, and the page at 375 px. The dataset is tests/data/map.json (invented events at invented
// places), served as data/map.json; the plot's data attributes are the test contract of
// src/map.rs.
import { readFileSync } from 'node:fs';
import { test, expect } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

const mapData = readFileSync('tests/data/map.json', 'utf8');
const DATA = 'data=data%2Fmap.json';

/** Serves the test dataset and opens `path` (which must carry `data=data/map.json`). */
async function openMap(page: Page, dyad: { openLoaded: (p: string) => Promise<void> }, path: string) {
  await page.route('**/data/map.json', (r) => r.fulfill({ body: mapData, contentType: 'application/json' }));
  await dyad.openLoaded(path);
}

const plot = (page: Page) => page.getByTestId('map-plot');

/** Single markers as the plot lists them: id, CSS px from the canvas's corner, precision. */
async function singles(p: Locator): Promise<{ id: string; x: number; y: number; precision: string }[]> {
  const raw = (await p.getAttribute('data-singles')) ?? '';
  return raw
    .split(';')
    .filter(Boolean)
    .map((s) => {
      const [id, rest] = s.split('@');
      const [x, y, precision] = rest.split(',');
      return { id, x: Number(x), y: Number(y), precision };
    });
}

/** The colour of the canvas's device pixel under CSS px (x, y). */
async function pixel(canvas: Locator, x: number, y: number): Promise<number[]> {
  return canvas.evaluate(
    (c, [x, y]) => {
      const el = c as HTMLCanvasElement;
      const r = el.width / el.getBoundingClientRect().width;
      return Array.from(el.getContext('2d')!.getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data);
    },
    [x, y],
  );
}

/**
 * Whether two `W,S,E,N` boxes are the same window: fitting a box to the canvas and reading back
 * what it shows may move an edge by the last written decimal.
 */
const sameBox = (a: string | null, b: string | null) => {
  if (!a || !b) return false;
  const x = a.split(',').map(Number);
  const y = b.split(',').map(Number);
  return x.length === 4 && y.length === 4 && x.every((v, i) => Math.abs(v - y[i]) <= 0.002);
};

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const COLOURS: Record<string, number[]> = {
  talks: hex('#0072b2'),
  clash: hex('#d55e00'),
  aid: hex('#009e73'),
};
const categoryOf = (id: string) => id.split('-')[0];

test.describe('map', () => {
  test('opens from the navigation, draws the basemap and paints markers in their categories\' colours', async ({ dyad, page }) => {
    await openMap(page, dyad, `/?${DATA}`);
    await dyad.nav('Map').click();
    await expect(page).toHaveURL(/\/map\?/);
    await expect(page.getByRole('heading', { name: 'Map', level: 2 })).toBeVisible();
    const p = plot(page);
    await expect(p).toHaveAttribute('data-basemap', '1');
    await expect(page.getByText('Country shapes: Natural Earth')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'on the map' })).toHaveText(
      '7 events on the map; 1 without coordinates not shown',
    );
    const canvas = p.locator('canvas');
    const marks = (await singles(p)).filter((s) => s.precision === 'place');
    expect(marks.length).toBeGreaterThanOrEqual(3);
    const seen = new Set<string>();
    for (const m of marks) {
      const got = await pixel(canvas, m.x, m.y);
      const want = COLOURS[categoryOf(m.id)];
      expect(got.slice(0, 3), m.id).toEqual(want);
      seen.add(categoryOf(m.id));
    }
    expect(seen.size).toBe(3);
    // The country-level event is a ring: its centre is not its colour.
    const ring = (await singles(p)).find((s) => s.precision === 'country');
    expect(ring?.id).toBe('talks-country');
    expect((await pixel(canvas, ring!.x, ring!.y)).slice(0, 3)).not.toEqual(COLOURS.talks);
  });

  test('the window is in the URL, and a deep link reproduces it after a reload', async ({ dyad, page }) => {
    await openMap(page, dyad, `/map?${DATA}`);
    const p = plot(page);
    await expect(p).toHaveAttribute('data-markers', /\d+/);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(page).toHaveURL(/bbox=/);
    const bbox = new URL(page.url()).searchParams.get('bbox')!;
    expect(bbox.split(',')).toHaveLength(4);
    await expect.poll(async () => sameBox(await p.getAttribute('data-bbox'), bbox)).toBe(true);
    // Keys pan the window (the canvas takes focus).
    await p.locator('canvas').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => sameBox(new URL(page.url()).searchParams.get('bbox'), bbox)).toBe(false);
    const panned = new URL(page.url()).searchParams.get('bbox')!;
    await page.reload();
    await expect(dyad.eventCount()).toBeVisible({ timeout: 15_000 });
    await expect.poll(async () => sameBox(await plot(page).getAttribute('data-bbox'), panned)).toBe(true);
    expect(new URL(page.url()).searchParams.get('bbox')).toBe(panned);
  });

  test('"Filter to this area" narrows the list and writes area= into the URL', async ({ dyad, page }) => {
    // A window around two events only.
    await openMap(page, dyad, `/map?${DATA}&bbox=-6,14,4,19.5`);
    await expect(dyad.eventCount()).toHaveText('8 of 8 events');
    await page.getByRole('button', { name: 'Filter to this area' }).click();
    await expect(page).toHaveURL(/area=/);
    const area = new URL(page.url()).searchParams.get('area')!.split(',').map(Number);
    expect(area[0]).toBeLessThanOrEqual(-6);
    expect(area[2]).toBeGreaterThanOrEqual(4);
    // clash-north and talks-country lie inside; the rest, and the event without coordinates,
    // do not.
    await expect(dyad.eventCount()).toHaveText('2 of 8 events');
    // The timeline follows the same filter.
    await dyad.nav('Timeline').click();
    await expect(page).toHaveURL(/area=/);
    await expect(dyad.eventCount()).toHaveText('2 of 8 events');
  });

  test('clicking a marker opens its event, and hovering names it', async ({ dyad, page }) => {
    await openMap(page, dyad, `/map?${DATA}`);
    const p = plot(page);
    await expect(p).toHaveAttribute('data-basemap', '1');
    const m = (await singles(p)).find((s) => s.id === 'aid-west')!;
    const box = (await p.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + m.x, box.y + m.y);
    await expect(page.locator('.map-tip')).toHaveText('Test event aid-west');
    await page.mouse.click(box.x + m.x, box.y + m.y);
    await expect(page).toHaveURL(/event=aid-west/);
    await expect(page.getByTestId('event-detail').getByRole('heading', { name: 'Test event aid-west' })).toBeVisible();
  });

  test('the pair page links to the map of its events', async ({ dyad, page }) => {
    await page.route('**/data/map.json', (r) => r.fulfill({ body: mapData, contentType: 'application/json' }));
    await dyad.open(`/pair/AAA/CCC?${DATA}`);
    await page.getByTestId('pair-on-map').click();
    await expect(page).toHaveURL(/\/map\?.*pair=AAA~CCC/);
    await expect(page.getByRole('status').filter({ hasText: 'on the map' })).toHaveText('2 events on the map');
    await expect(page.getByText('Where the events of')).toContainText('Alphaland – Gammaland');
  });

  test.describe('at 375 px', () => {
    test.use({ viewport: { width: 375, height: 740 } });
    test('the map, its controls and the list of events in view fit a phone', async ({ dyad, page }) => {
      await openMap(page, dyad, `/map?${DATA}`);
      const p = plot(page);
      await expect(p).toHaveAttribute('data-basemap', '1');
      const box = (await p.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(375);
      expect(box.width).toBeGreaterThan(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expect(page.getByTestId('map-in-view')).toHaveText('7 events in view');
      const list = page.getByRole('list', { name: 'Events in view' });
      await list.getByRole('button', { name: /Test event clash-east/ }).click();
      await expect(page).toHaveURL(/event=clash-east/);
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await expect(page).toHaveURL(/bbox=/);
    });
  });
});
