// The relationship views (issue 6): the actors x actors matrix, one pair's ledger, and the
// comparison of pairs. Each test drives the build as a person would, by roles and labels, and
// checks that the whole state lives in the URL and survives a reload. The charts are canvases
// (drawn by plotters): tests read what they paint from their pixels, and what pointing at them
// shows from the readout beside the pointer.
import { test, expect } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

/** The matrix region (a scrollable table). */
const matrix = (page: Page) => page.getByRole('region', { name: 'Relations matrix' });

/** The matrix cell linking the row actor to the column actor, found by its accessible name. */
const cell = (page: Page, pair: string, events?: number) =>
  matrix(page).getByRole('link', {
    name: new RegExp(`^${pair}: ${events === undefined ? '\\d+' : events} events?,`),
  });

/** `rgb(r, g, b)` (a computed CSS colour) as [r, g, b]. */
const channels = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number);

/**
 * How many pixels of the canvas `chart` are within `tolerance` (per channel) of each colour of
 * `colours` (`rgb(…)` strings); fully opaque pixels only, so anti-aliased edges count for less.
 */
async function painted(chart: Locator, colours: string[], tolerance = 0): Promise<number[]> {
  return chart.evaluate(
    (canvas, [wanted, tol]) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const counts = wanted.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] !== 255) continue;
        wanted.forEach(([r, g, b], k) => {
          if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) counts[k]++;
        });
      }
      return counts;
    },
    [colours.map(channels), tolerance] as [number[][], number],
  );
}

/**
 * Points at the chart at successive fractions of its width until its readout `tip` shows and
 * `wanted` accepts its text (a period with events, say); returns that text.
 */
async function pointAt(page: Page, chart: Locator, tip: Locator, wanted: (text: string) => boolean): Promise<string> {
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  for (const f of [0.9, 0.8, 0.85, 0.7, 0.75, 0.6, 0.65, 0.5, 0.4, 0.3]) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height / 2);
    await expect(tip).toBeVisible();
    const text = (await tip.innerText()).trim();
    if (wanted(text)) return text;
  }
  throw new Error('no period under the pointer reads as wanted');
}

test.describe('matrix', () => {
  test('a cell opens its pair with the filters kept, and the deep link survives a reload', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=1990');
    await expect(matrix(page).getByRole('table')).toBeVisible({ timeout: 15_000 });
    const c = cell(page, 'Mali – Russia', 29);
    await expect(c).toHaveAccessibleName(/net tone \+\d+, mean \+[\d.]+, 16 Jan 1992 – 24 Oct 2025$/);
    await c.click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?from=1990$/);
    const heading = page.getByRole('heading', { level: 2, name: 'Mali – Russia' });
    await expect(heading).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Events (29)' })).toBeVisible();
    await page.reload();
    await expect(heading).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Events (29)' })).toBeVisible();
    expect(dyad.url()).toBe('/pair/MLI/RUS?from=1990');
    await page.goBack();
    await expect(page).toHaveURL(/\/relationships\?from=1990$/);
  });

  test('roll-up merges Wagner Group into Russia: its row and column go, Mali–Russia grows', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    await expect(cell(page, 'Mali – Russia', 29)).toBeVisible({ timeout: 15_000 });
    await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toBeVisible();
    await expect(matrix(page).getByRole('columnheader', { name: 'Wagner Group' })).toBeVisible();

    await page.getByRole('checkbox', { name: 'Roll up affiliates into their parent' }).check();
    await expect(page).toHaveURL(/\/relationships\?rollup=1$/);
    await expect(cell(page, 'Mali – Russia', 46)).toBeVisible();
    await expect(matrix(page).getByRole('rowheader', { name: /Wagner Group/ })).toHaveCount(0);
    await expect(matrix(page).getByRole('columnheader', { name: 'Wagner Group' })).toHaveCount(0);

    await page.reload();
    await expect(cell(page, 'Mali – Russia', 46)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('checkbox', { name: 'Roll up affiliates into their parent' })).toBeChecked();
    // The rolled-up cell opens the rolled-up ledger.
    await cell(page, 'Russia – Mali', 46).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?rollup=1$/);
    await expect(page.getByRole('heading', { name: 'Events (46)' })).toBeVisible();
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
    await expect(page.getByText('Showing the 20 most active of 44 actors.')).toBeVisible();
    await page.getByRole('button', { name: 'Show all 44' }).click();
    await expect(matrix(page).getByRole('rowheader')).toHaveCount(44);

    const legend = page.getByRole('group', { name: 'Colour scale of net tone' });
    await expect(legend).toContainText('Conflictual');
    await expect(legend).toContainText('Cooperative');
    await expect(legend.getByRole('listitem')).toHaveCount(7);

    await page.locator('summary', { hasText: 'Table of these figures' }).first().click();
    const table = page.getByRole('table', { name: /pairs, most events first/ });
    await expect(table.getByRole('row', { name: /Mali – Russia 29/ })).toBeVisible();
  });

  test('filters that exclude everything explain themselves', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=2025-12&to=2025-12');
    await expect(page.getByText('No pair of actors has events under these filters.')).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Reset filters' }).first().click();
    await expect(page).toHaveURL(/\/relationships$/);
    await expect(cell(page, 'Mali – Russia', 29)).toBeVisible();
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

    const list = page.getByRole('region', { name: 'Events (29)' });
    await list.getByRole('link', { name: 'Bamako treats the Russian Federation as the USSR\'s continuator' }).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?event=.+&bin=month$/);
    await expect(page.getByTestId('event-detail')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('event-detail')).toBeVisible({ timeout: 15_000 });
  });

  test('an empty result explains itself, and Reset filters brings the events back', async ({ dyad, page }) => {
    await dyad.open('/pair/FRA/MLI?cat=coup');
    await expect(page.getByText('No events between France and Mali match these filters.')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Without filters they share 17 events.')).toBeVisible();
    await expect(page.locator('.pair-page').getByRole('img')).toHaveCount(0);
    await page.getByRole('button', { name: 'Reset filters' }).first().click();
    await expect(page).toHaveURL(/\/pair\/FRA\/MLI$/);
    await expect(page.getByRole('heading', { name: 'Events (17)' })).toBeVisible();
  });

  test('with roll-up on, an affiliate keeps its own events and points to its parent', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/wagner-group?rollup=1');
    await expect(page.getByRole('note')).toContainText('Wagner Group is an affiliate of Russia', { timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Events (14)' })).toBeVisible();
    await page.getByRole('link', { name: 'Open Mali – Russia' }).click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?rollup=1$/);
    await expect(page.getByRole('heading', { name: 'Events (46)' })).toBeVisible();
  });
});

test.describe('pair ledger chart', () => {
  // A HiDPI screen: the canvas is drawn at twice its CSS size, so it stays sharp.
  test.use({ deviceScaleFactor: 2 });

  test('the chart paints each category present in its colour, at the screen\'s pixel density', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/RUS');
    const chart = page.getByRole('img', { name: /Events per year by category/ });
    await expect(chart).toBeVisible({ timeout: 15_000 });
    const size = await chart.evaluate((c: HTMLCanvasElement) => [c.width, c.height, c.clientWidth, c.clientHeight]);
    expect(size[0]).toBe(Math.round(size[2] * 2));
    expect(size[1]).toBe(Math.round(size[3] * 2));
    // The key names the categories present, each with its colour; the bars are in those colours.
    const swatches = page.locator('figure.pair-figure figcaption li .swatch');
    const colours = await swatches.evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(colours.length).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => (await painted(chart, colours)).every((n) => n >= 4)).toBe(true);
    // The dataset's other categories are not painted.
    const all = await page.getByRole('group', { name: 'Categories' }).locator('.swatch')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    const absent = all.filter((c) => !colours.includes(c));
    expect(absent.length).toBeGreaterThan(0);
    expect(await painted(chart, absent)).toEqual(absent.map(() => 0));
  });

  test('pointing at a year shows its figures, the same as the table of figures', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/RUS');
    const chart = page.getByRole('img', { name: /Events per year by category/ });
    await expect(chart).toBeVisible({ timeout: 15_000 });
    const tip = page.locator('figure.pair-figure').getByText(/^\d{4}: \d+ events?/);
    const text = await pointAt(page, chart, tip, (t) => !/^\d{4}: 0 events/.test(t));
    const [, year, n] = /^(\d{4}): (\d+) events?/.exec(text)!;
    expect(text).toMatch(/\nNet tone [+−]?\d+/);
    await page.locator('.pair-page').getByText('Table of these figures').click();
    const table = page.getByRole('table', { name: /per period with events/ });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: year, exact: true }) });
    await expect(row.getByRole('cell').first()).toHaveText(n);
    await page.mouse.move(1, 1);
    await expect(tip).toHaveCount(0);
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

  test('each pair is a line in its legend colour and dash, and pointing reads every pair', async ({ dyad, page }) => {
    await dyad.open('/relationships?compare=FRA~MLI,MLI~RUS');
    const chart = page.getByRole('img', { name: 'Cumulative net tone over time of France – Mali, Mali – Russia. The table below gives the figures.' });
    await expect(chart).toBeVisible({ timeout: 15_000 });
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect(legend.getByRole('listitem')).toHaveCount(2);
    // Each entry's sample shows its line: solid blue for the first, dashed vermillion after it.
    const samples = await legend.locator('.line-key').evaluateAll((els) =>
      els.map((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).backgroundImage]));
    expect(samples[0][0]).toBe('rgb(0, 114, 178)');
    expect(samples[1][1]).toMatch(/repeating-linear-gradient.*rgb\(213, 94, 0\)/);
    // Both lines are on the canvas, in those colours.
    await expect.poll(async () => (await painted(chart, ['rgb(0, 114, 178)', 'rgb(213, 94, 0)'], 8)).every((n) => n >= 20)).toBe(true);
    // Pointing at a period reads both pairs' cumulative net tone.
    const tip = page.locator('.compare-section').getByText(/France – Mali: /);
    const text = await pointAt(page, chart, tip, (t) => /\([1-9]\d* events? in the period\)/.test(t));
    expect(text).toMatch(/France – Mali: [+−]?\d+(\.\d)? \(\d+ events? in the period\)/);
    expect(text).toMatch(/Mali – Russia: [+−]?\d+(\.\d)? \(\d+ events? in the period\)/);
    // Removing a pair takes its line away.
    await page.getByRole('button', { name: 'Remove Mali – Russia from the comparison' }).click();
    await expect(page.getByRole('img', { name: /^Cumulative net tone over time of France – Mali\./ })).toBeVisible();
    await expect.poll(async () => (await painted(page.getByRole('img', { name: /^Cumulative net tone/ }), ['rgb(213, 94, 0)'], 8))[0]).toBe(0);
  });

  test('a compared pair without events under the filters says so', async ({ dyad, page }) => {
    await dyad.open('/relationships?from=2025-12&compare=FRA~MLI');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('France – Mali (no events under these filters)', { timeout: 15_000 });
    await expect(page.getByText('None of these pairs has events under these filters.')).toBeVisible();
  });
});

/**
 * Where `chart` paints `colour` (within `tolerance` per channel) across its plot: the leftmost
 * and rightmost painted columns as fractions of the plot's width (0 at its left edge, 1 at its
 * right). The plot lies 44 CSS px from the box's left edge and `right` CSS px from its right
 * (the charts' `Frame`).
 */
async function extent(chart: Locator, colour: string, right: number, tolerance = 0): Promise<[number, number]> {
  return chart.evaluate(
    (canvas, [[r, g, b], right, tol]) => {
      const c = canvas as HTMLCanvasElement;
      const dpr = c.width / c.clientWidth;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] !== 255) continue;
        if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) {
          const x = (i / 4) % c.width;
          lo = Math.min(lo, x);
          hi = Math.max(hi, x + 1);
        }
      }
      const left = 44 * dpr;
      const width = (c.clientWidth - right) * dpr - left;
      return [(lo - left) / width, (hi - left) / width] as [number, number];
    },
    [channels(colour), right, tolerance] as [number[], number, number],
  );
}

test.describe('the pair charts fit their time axis to the matches', () => {
  // Mali–Russia arms transfers since 2021: four events, 30 Sep 2021 to 19 Jan 2023, by week.
  const filtered = 'actor=RUS&cat=arms_transfer&from=2021';

  test('a filtered pair ledger spreads its few events across the chart, with a margin either side', async ({ dyad, page }) => {
    await dyad.open(`/pair/MLI/RUS?${filtered}`);
    await expect(page.getByRole('heading', { name: 'Events (4)' })).toBeVisible({ timeout: 15_000 });
    const chart = page.getByRole('img', { name: /Events per week by category/ });
    const swatch = page.locator('figure.pair-figure figcaption li .swatch');
    await expect(swatch).toHaveCount(1);
    const colour = await swatch.evaluate((e) => getComputedStyle(e).backgroundColor);
    await expect.poll(async () => (await painted(chart, [colour]))[0]).toBeGreaterThan(0);
    const [lo, hi] = await extent(chart, colour, 48);
    // The first bar starts and the last ends about 5% in from the plot's edges.
    expect(lo).toBeGreaterThan(0.02);
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(0.9);
    expect(hi).toBeLessThan(0.98);
  });

  test('a single event sits among months near the middle, not across the width', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/RUS?cat=resource_concession');
    await expect(page.getByRole('heading', { name: 'Events (1)' })).toBeVisible({ timeout: 15_000 });
    const chart = page.getByRole('img', { name: /Events per day by category/ });
    const colour = await page.locator('figure.pair-figure figcaption li .swatch').evaluate((e) => getComputedStyle(e).backgroundColor);
    await expect.poll(async () => (await painted(chart, [colour]))[0]).toBeGreaterThan(0);
    const [lo, hi] = await extent(chart, colour, 48);
    expect(hi - lo).toBeLessThan(0.05);
    expect(lo).toBeGreaterThan(0.3);
    expect(hi).toBeLessThan(0.7);
    // The axis is labelled in months around it (the table of figures has its one day).
    await page.locator('.pair-page').getByText('Table of these figures').click();
    await expect(page.getByRole('table', { name: /per period with events/ }).getByRole('rowheader')).toHaveText(['1 Nov 2023']);
  });

  test('the compare chart fits its lines to the compared pairs\' matches', async ({ dyad, page }) => {
    await dyad.open(`/relationships?${filtered}&compare=MLI~RUS`);
    const chart = page.getByRole('img', { name: /^Cumulative net tone over time of Mali – Russia\./ });
    await expect(chart).toBeVisible({ timeout: 15_000 });
    const blue = 'rgb(0, 114, 178)';
    await expect.poll(async () => (await painted(chart, [blue], 8))[0]).toBeGreaterThan(20);
    const [lo, hi] = await extent(chart, blue, 14, 8);
    expect(lo).toBeGreaterThan(0.02);
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(0.9);
    expect(hi).toBeLessThan(0.99);
  });
});

test.describe('predecessor states in the pair views', () => {
  const choice = 'Include predecessors (Soviet Union as Russia)';

  test('Mali–Russia with predecessors reads from 1960, the choice survives a reload, and the toggle writes and removes pred=1', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/RUS?pred=1');
    const list = page.getByRole('region', { name: 'Events (31)' });
    await expect(list).toBeVisible({ timeout: 15_000 });
    await expect(list.getByRole('listitem').first()).toContainText('Start of Soviet–Malian diplomatic relations');
    await expect(list).toContainText('First Soviet–Malian cooperation agreements');
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText('14 Oct 1960');
    const box = page.getByRole('checkbox', { name: choice });
    await expect(box).toBeChecked();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Events (31)' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('checkbox', { name: choice })).toBeChecked();
    expect(dyad.url()).toBe('/pair/MLI/RUS?pred=1');

    await page.getByRole('checkbox', { name: choice }).uncheck();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS$/);
    await expect(page.getByRole('region', { name: 'Events (29)' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText('16 Jan 1992');
    await page.getByRole('checkbox', { name: choice }).check();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?pred=1$/);
    await expect(page.getByRole('region', { name: 'Events (31)' })).toBeVisible();
  });

  test('the matrix with predecessors counts the Soviet era in Mali–Russia, and its cell keeps the choice', async ({ dyad, page }) => {
    await dyad.open('/relationships');
    await expect(cell(page, 'Mali – Russia', 29)).toBeVisible({ timeout: 15_000 });
    await page.getByRole('checkbox', { name: choice }).check();
    await expect(page).toHaveURL(/\/relationships\?pred=1$/);
    const c = cell(page, 'Mali – Russia', 31);
    await expect(c).toHaveAccessibleName(/14 Oct 1960 – 24 Oct 2025$/);
    await c.click();
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS\?pred=1$/);
    await expect(page.getByRole('heading', { name: 'Events (31)' })).toBeVisible();
  });

  test('a pair naming the predecessor keeps its own events', async ({ dyad, page }) => {
    await dyad.open('/pair/MLI/SUN?pred=1');
    await expect(page.getByRole('heading', { level: 2, name: 'Mali – Soviet Union' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Events (2)' })).toBeVisible();
  });
});
