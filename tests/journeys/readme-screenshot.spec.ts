// The README's picture: the timeline page at 1440x900 with the Sahel dataset, 2021–2023 in
// view and the Moura massacre selected. Saved under tests/artifacts/journeys/ to look at;
// with UPDATE_README_SCREENSHOT=1 also written to docs/screenshot.png (committed).
import { test, expect } from '../fixtures';
import { drawn } from '../helpers/timeline';

test.use({ viewport: { width: 1440, height: 900 } });

test('the timeline with an event selected, as the README shows it', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2021-01-01~2023-12-31&event=moura-massacre-2022');
  await drawn(page);
  await expect(page.getByTestId('event-detail').getByRole('heading', { level: 2 })).toContainText('Moura');
  await page.evaluate(() => window.scrollTo(0, 0));
  const paths = ['tests/artifacts/journeys/readme.png'];
  if (process.env.UPDATE_README_SCREENSHOT === '1') paths.push('docs/screenshot.png');
  for (const path of paths) await page.screenshot({ path });
});
