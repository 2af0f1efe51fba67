// Exports of a view (issue 16): Dyad JSON that opens again to the same count, a PNG of the
// chart with its caption, and "Cite this view" with the canonical link.
import { readFileSync } from 'node:fs';
import { test, expect } from '../fixtures';

const openExport = async (page: import('@playwright/test').Page) => {
  await page.locator('.export-menu summary').first().click();
};

test('a JSON export of a filtered view opens again with the same count', async ({ dyad, page }) => {
  await dyad.openLoaded('/?actor=RUS');
  const count = (await dyad.eventCount().innerText()).match(/^(\d+) of/)![1];
  expect(Number(count)).toBeGreaterThan(0);
  await openExport(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Dyad JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-events\.json$/);
  const path = (await file.path())!;
  await page.getByTestId('open-file-input').setInputFiles({
    name: 'export.json', mimeType: 'application/json', buffer: readFileSync(path),
  });
  await expect(page.getByTestId('dataset-banner')).toContainText('Your file is open: export.json (Dyad JSON)');
  await expect(dyad.eventCount()).toHaveText(`${count} of ${count} events`);
});

test('the PNG export is the chart at twice its size with a caption under it', async ({ dyad, page }) => {
  await dyad.openLoaded('/?actor=RUS');
  await expect(page.getByTestId('timeline-plot')).toHaveAttribute('data-lanes', /.+/);
  const css = await page.locator('main .timeline-plot canvas').boundingBox();
  await openExport(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PNG image of the chart' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  // The image is decoded in a blank page of its own: the app's content policy (rightly) refuses
  // data: images in the app's page.
  const blank = await page.context().newPage();
  const stats = await blank.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const colours = (y0: number, y1: number) => {
      const d = ctx.getImageData(0, y0, c.width, y1 - y0).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    };
    // The caption band is the last 44 px (2 lines of 16 px and margins, at twice the size).
    return { width: img.width, height: img.height, chart: colours(0, img.height - 44), caption: colours(img.height - 44, img.height) };
  }, bytes.toString('base64'));
  await blank.close();
  expect(stats.width).toBe(Math.round(css!.width * 2));
  expect(stats.height).toBeGreaterThan(css!.height * 2);
  expect(stats.chart, 'the chart has more than a background').toBeGreaterThan(10);
  expect(stats.caption, 'the caption band holds text').toBeGreaterThan(2);
});

test('Cite this view gives a reference and BibTeX with the canonical link', async ({ dyad, page }) => {
  await dyad.openLoaded('/?actor=RUS');
  await openExport(page);
  await page.getByRole('button', { name: 'Cite this view' }).click();
  const link = new URL(page.url()).href;
  const title = await page.locator('.dataset-title').innerText();
  await expect(page.getByTestId('cite-text')).toContainText(title);
  await expect(page.getByTestId('cite-text')).toContainText(`from ${link}`);
  await expect(page.getByTestId('cite-text')).toContainText(/\(Version [^)]+\) \[Data set, updated/);
  await expect(page.getByTestId('cite-bibtex')).toContainText(`url = {${link}}`);
  await expect(page.getByTestId('cite-bibtex')).toContainText(/^@misc\{/);
});

test('Download CSV still saves every matching event', async ({ dyad, page }) => {
  await dyad.openLoaded('/?actor=RUS');
  const count = Number((await dyad.eventCount().innerText()).match(/^(\d+) of/)![1]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const text = readFileSync((await (await download).path())!, 'utf8');
  expect(text.startsWith('id,date,end,title')).toBe(true);
  expect(text.trimEnd().split('\r\n').length).toBeGreaterThanOrEqual(count + 1);
});
