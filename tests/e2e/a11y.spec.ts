// Accessibility (issue 17, part 6): an axe-core audit (WCAG 2.0 and 2.1, levels A and AA) of
// every page and state a reader meets, in light and in dark mode, with zero violations; the
// reduced-motion preference honoured. The keyboard-only walk is tests/journeys/keyboard.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type Dyad } from '../fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every violation axe finds on the page as it is now, one line each (rule, impact, nodes). */
async function audit(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // The audit did look: the contrast rule, among others, ran and found elements that pass.
  const passed = result.passes.map((r) => r.id);
  expect(passed).toEqual(expect.arrayContaining(['color-contrast', 'document-title', 'html-has-lang']));
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join(' | ')}`,
  );
}

/** Each state: how to reach it. */
const states: [string, (dyad: Dyad, page: Page) => Promise<void>][] = [
  [
    'the timeline with an event open',
    async (dyad, page) => {
      await dyad.openLoaded('/?event=ussr-mali-diplomatic-relations-1960');
      await expect(page.getByTestId('event-detail')).toBeVisible();
    },
  ],
  [
    'the filters open in the phone drawer',
    async (dyad, page) => {
      await page.setViewportSize({ width: 375, height: 740 });
      await dyad.openLoaded('/');
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
    },
  ],
  [
    'the matrix',
    async (dyad, page) => {
      await dyad.open('/relationships');
      await expect(page.getByRole('region', { name: 'Relations matrix' })).toBeVisible({ timeout: 15_000 });
    },
  ],
  [
    'a pair ledger',
    async (dyad, page) => {
      await dyad.open('/pair/MLI/RUS');
      await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Mali');
      await expect(page.locator('canvas').first()).toBeVisible();
    },
  ],
  [
    'compare',
    async (dyad, page) => {
      await dyad.open('/relationships?compare=FRA~MLI,MLI~RUS');
      await expect(page.locator('.line-key')).toHaveCount(2, { timeout: 15_000 });
    },
  ],
  [
    'About',
    async (dyad, page) => {
      await dyad.open('/about');
      await expect(page.getByRole('heading', { level: 2, name: 'About Dyad' })).toBeVisible();
      await expect(page.locator('.methodology h3').first()).toBeVisible();
    },
  ],
  [
    'the load failure',
    async (dyad, page) => {
      dyad.allowConsoleError(/404|Failed to load resource/);
      await dyad.open('/?data=data/missing.json');
      await expect(page.getByRole('alert')).toContainText('Retry');
    },
  ],
  [
    'the URL notice',
    async (dyad, page) => {
      await dyad.openLoaded('/?actor=XXX&from=2021-13&q=wagner');
      await expect(page.getByRole('alert')).toContainText('unknown actor "XXX"');
    },
  ],
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, reach] of states) {
      test(`${name}: no violation`, async ({ dyad, page }) => {
        await reach(dyad, page);
        // The prerendered first screen has gone and transitions have settled.
        await expect(page.locator('#prerendered')).toHaveCount(0);
        await page.waitForTimeout(300);
        expect(await audit(page)).toEqual([]);
      });
    }
  });
}

/** Opens a dataset whose download waits until the returned function is called, and returns
 * the loading spinner's running animation (its name, or "none"). */
async function spinnerWhileLoading(dyad: Dyad, page: Page): Promise<[string, () => Promise<void>]> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/slow.json', async (r) => {
    await held;
    await r.fulfill({ path: 'tests/data/mini.json', contentType: 'application/json' });
  });
  await dyad.open('/?data=data/slow.json');
  const spinner = page.locator('.loading .spinner');
  await expect(spinner).toBeVisible();
  const name = await spinner.evaluate((s) => getComputedStyle(s).animationName);
  return [name, async () => {
    release();
    await expect(dyad.eventCount()).toBeVisible();
  }];
}

test('without a preference, the loading spinner turns', async ({ dyad, page }) => {
  const [animation, done] = await spinnerWhileLoading(dyad, page);
  expect(animation).toBe('spin');
  await done();
});

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the loading spinner stands still', async ({ dyad, page }) => {
    const [animation, done] = await spinnerWhileLoading(dyad, page);
    expect(animation).toBe('none');
    await done();
  });
});

test.describe('reduced motion, every element', () => {
  test.use({ reducedMotion: 'reduce' });
  test('no element transitions or animates when the reader asks for less motion', async ({ dyad, page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await dyad.openLoaded('/?event=ussr-mali-diplomatic-relations-1960');
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
    // Every element's computed transition and animation: none lasts any time.
    const moving = await page.evaluate(() => {
      const out: string[] = [];
      const seconds = (s: string) => Math.max(...s.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const pseudo of [null, '::before', '::after']) {
          const cs = getComputedStyle(el, pseudo);
          const t = seconds(cs.transitionDuration) + seconds(cs.transitionDelay);
          const a = cs.animationName !== 'none' ? seconds(cs.animationDuration) : 0;
          if (t > 0.01 || a > 0.01) out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}: transition ${cs.transitionDuration}, animation ${cs.animationName} ${cs.animationDuration}`);
        }
      }
      return out;
    });
    expect(moving).toEqual([]);
    // The page still scrolls without smooth scrolling.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe('smooth');
  });
});

// What a screen reader is given for the timeline and the matrix, read from the page (the
// accessibility tree Chromium builds): docs/accessibility.md quotes these, and this test keeps
// the quotes true. Run with DYAD_PRINT_A11Y=1 to print the snapshots.
test('the timeline and the matrix as a screen reader meets them', async ({ dyad, page }) => {
  await dyad.openLoaded('/?win=2022-01-01~2022-12-31');
  const canvas = page.getByTestId('timeline-plot').locator('canvas');
  // The canvas: an image whose name is the text alternative of the window shown, described by
  // the key help.
  await expect(canvas).toHaveAttribute('role', 'img');
  const name = (await canvas.getAttribute('aria-label'))!;
  expect(name).toMatch(/2022/);
  await expect(canvas).toHaveAccessibleName(name);
  const keys = (await page.locator('#timeline-keys').textContent())!.trim();
  await expect(canvas).toHaveAccessibleDescription(keys);
  await page.getByText(/^Events in view \(\d+\)$/).click();
  const list = page.getByRole('listbox', { name: 'Events in view' });
  const first = list.getByRole('option').first();
  await expect(first).toBeVisible();
  const option = (await first.textContent())!.trim();
  const timeline = await page.locator('.timeline').first().ariaSnapshot();

  await dyad.open('/relationships');
  const region = page.getByRole('region', { name: 'Relations matrix' });
  await expect(region).toBeVisible({ timeout: 15_000 });
  const table = region.getByRole('table');
  const caption = (await table.locator('caption').textContent())!.trim();
  await expect(table).toHaveAccessibleName(caption);
  const header = region.getByRole('columnheader').nth(1);
  const cell = region.locator('td.cell a').first();
  const cellName = await cell.evaluate((a) => a.getAttribute('aria-label') || a.textContent);
  const rowHeader = await cell.evaluate((a) => a.closest('tr')!.querySelector('th')!.textContent);
  const lines = [
    `timeline canvas: role img, name "${name}", description "${keys}"`,
    `events-in-view option: "${option}"`,
    `matrix: region "Relations matrix", table "${caption}"`,
    `matrix column header: "${(await header.textContent())!.trim()}"; row header: "${rowHeader!.trim()}"`,
    `matrix cell link: "${cellName!.trim()}"`,
  ];
  expect(cellName).toMatch(/: \d+ events?,/);
  if (process.env.DYAD_PRINT_A11Y) console.log(`${lines.join('\n')}\n--- timeline tree ---\n${timeline}`);
});
