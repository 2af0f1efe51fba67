// Your data in, your view out (issue 16): files opened from the computer (the file input and a
// drop on the page) in every format the core reads, broken files refused whole with every
// problem listed by row, the way back to the curated dataset, and the honest answer of Copy
// link while a local file is shown.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test, expect } from '../fixtures';
import type { Page } from '@playwright/test';

const dir = join(__dirname, '..', 'data', 'import');
const mini = join(__dirname, '..', 'data', 'mini.json');

/** Each valid sample: its file, its format's label, its events, a title the list shows, a year. */
const valid = [
  { file: join(dir, 'acled-valid.csv'), label: 'ACLED CSV export', events: 6, title: /Armed clash: Military Forces of Mali/, year: 2024, pairs: true },
  { file: join(dir, 'ucdp-valid.csv'), label: 'UCDP GED CSV', events: 5, title: /State-based conflict: Government of Niger/, year: 2023, pairs: true },
  { file: join(dir, 'gdelt-valid.CSV'), label: 'GDELT 2.0 events', events: 5, title: /Fight: MALI → REBEL/, year: 2024, pairs: true },
  { file: join(dir, 'timelinejs-valid.csv'), label: 'TimelineJS sheet saved as CSV', events: 5, title: /An invented era/, year: 0, pairs: false },
  { file: mini, label: 'Dyad JSON', events: 3, title: /./, year: 0, pairs: true },
];

/** Each broken sample and rows its problems name. */
const broken = [
  { file: join(dir, 'acled-broken.csv'), rows: ['row 1: missing column `time_precision`', 'row 2, column B (event_date)', 'row 5, column AB (fatalities)', 'row 7: 2 cells'] },
  { file: join(dir, 'ucdp-broken.csv'), rows: ['row 1: missing column `date_prec`', 'row 4, column L (date_start)', 'row 7, column E (side_a)'] },
  { file: join(dir, 'gdelt-broken.CSV'), rows: ['row 2, column B (Day)', 'row 5: 58 tab-separated fields', 'row 6, column BF (ActionGeo_Long)'] },
  { file: join(dir, 'timelinejs-broken.csv'), rows: ['row 1: missing column `Day`', 'row 3, column B (Month)', 'row 7, column A (Year)'] },
];

/** Drops `file` on the page as a person would: dragenter, dragover and drop with its bytes. */
async function drop(page: Page, file: string) {
  const bytes = [...readFileSync(file)];
  await page.evaluate(
    ([name, data]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    [basename(file), bytes] as [string, number[]],
  );
}

const input = (page: Page) => page.getByTestId('open-file-input');
const banner = (page: Page) => page.getByTestId('dataset-banner');

for (const sample of valid) {
  for (const how of ['input', 'drop'] as const) {
    test(`${basename(sample.file)} opens through the ${how === 'input' ? 'file input' : 'drop zone'}: banner, list, timeline${sample.pairs ? ' and pairs' : ''}`, async ({ dyad, page }) => {
      await dyad.openLoaded('/');
      await expect(page.getByText('never uploaded')).toBeVisible();
      const before = await dyad.eventCount().innerText();
      if (how === 'input') await input(page).setInputFiles(sample.file);
      else await drop(page, sample.file);
      await expect(banner(page)).toContainText(`Your file is open: ${basename(sample.file)} (${sample.label})`);
      await expect(banner(page)).toContainText('nothing was uploaded');
      await expect(dyad.eventCount()).toHaveText(`${sample.events} of ${sample.events} events`);
      expect(before).not.toBe(`${sample.events} of ${sample.events} events`);
      await expect(page.locator('ol.events li a').first()).toHaveText(sample.title);
      // The timeline spans the file's events.
      const plot = page.getByTestId('timeline-plot');
      if (sample.year) {
        await expect(plot).toHaveAttribute('data-window-start', new RegExp(`^(${sample.year - 1}|${sample.year})-`));
      }
      await expect(plot).toHaveAttribute('data-lanes', /.+/);
      if (sample.pairs) {
        await dyad.nav('Relationships').click();
        const cells = page.getByRole('region', { name: 'Relations matrix' }).getByRole('link', { name: /: \d+ events?,/ });
        await expect(cells.first()).toBeVisible();
        await cells.first().click();
        await expect(page).toHaveURL(/\/pair\//);
        await expect(banner(page)).toContainText(basename(sample.file));
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      }
      // Close file brings back the curated dataset.
      await page.getByRole('button', { name: 'Close file' }).click();
      await expect(banner(page)).not.toContainText('Your file is open');
      await expect(banner(page)).toContainText(/Dataset: /);
    });
  }
}

for (const sample of broken) {
  test(`${basename(sample.file)} is refused with every problem by row, and the dataset on screen stays`, async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const before = await dyad.eventCount().innerText();
    const bannerBefore = await banner(page).innerText();
    await input(page).setInputFiles(sample.file);
    const failure = page.getByTestId('import-failure');
    await expect(failure).toBeVisible();
    await expect(failure.getByRole('heading')).toContainText(`${basename(sample.file)} has`);
    await expect(failure).toContainText('unchanged');
    for (const row of sample.rows) await expect(failure).toContainText(row);
    await expect(dyad.eventCount()).toHaveText(before);
    await expect(banner(page)).toHaveText(bannerBefore);
    await failure.getByRole('button', { name: 'Dismiss' }).click();
    await expect(failure).toHaveCount(0);
  });
}

test('a broken Dyad JSON file lists the validator\'s problems with lines; a file in no format names what was expected', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  const before = await dyad.eventCount().innerText();
  await input(page).setInputFiles(join(__dirname, '..', 'data', 'mixed-problems.json'));
  const failure = page.getByTestId('import-failure');
  await expect(failure).toContainText(/line \d+/);
  await expect(dyad.eventCount()).toHaveText(before);
  await input(page).setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('name,when\nx,2024\n') });
  await expect(failure.getByRole('heading')).toHaveText('notes.csv is not in a format Dyad reads');
  await expect(failure).toContainText('ACLED');
  await expect(failure).toContainText('found: columns name, when');
  await expect(dyad.eventCount()).toHaveText(before);
});

test('Copy link with a local file open says a link cannot carry it and offers the Dyad JSON export', async ({ dyad, page }) => {
  await dyad.openLoaded('/');
  await input(page).setInputFiles(join(dir, 'acled-valid.csv'));
  await expect(dyad.eventCount()).toHaveText('6 of 6 events');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const note = page.getByTestId('local-link-note');
  await expect(note).toContainText('No link was copied: acled-valid.csv is on your computer');
  await expect(note).toContainText('?data=');
  const download = page.waitForEvent('download');
  await note.getByRole('button', { name: 'Export as Dyad JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const json = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(json.events).toHaveLength(6);
});
