// The dashboard (issue 4): loading, filter panel, event list, event detail, deep links, layout
// and access. Each test drives the release build as a person would, by labels and roles.
import { readFileSync } from 'node:fs';
import { test, expect } from '../fixtures';

const mini = readFileSync('tests/data/mini.json', 'utf8');

test.describe('loading', () => {
  test('shows a loading state, then the dataset banner and the live count', async ({ dyad, page }) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/data/sahel.json', async (route) => {
      await held;
      await route.continue();
    });
    // Not on `/`, where the prerendered first screen stands in for the loading line until the
    // list has rendered (tests/e2e/prerender.spec.ts).
    await dyad.open('/?sort=newest');
    await expect(page.getByRole('status').filter({ hasText: 'Loading dataset' })).toBeVisible();
    release();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
    await expect(page.getByTestId('dataset-banner')).toContainText('Russia–Mali and the Sahel');
  });

  test('?data= loads another same-site dataset and the banner names it', async ({ dyad, page }) => {
    await page.route('**/data/mini.json', (r) => r.fulfill({ body: mini, contentType: 'application/json' }));
    await dyad.openLoaded('/?data=data/mini.json');
    await expect(dyad.eventCount()).toHaveText('3 of 3 events');
    const banner = page.getByTestId('dataset-banner');
    await expect(banner).toContainText('Another dataset is loaded');
    await expect(banner).toContainText('Mini test dataset');
    // Filters keep the data= key, so a shared link reopens the same dataset.
    await page.getByRole('checkbox', { name: /Clash/ }).check();
    await expect(page).toHaveURL(/cat=clash/);
    await expect(page).toHaveURL(/data=data%2Fmini\.json|data=data\/mini\.json/);
    await expect(dyad.eventCount()).toHaveText('1 of 3 events');
  });

  test('?data= with another host is fetched only after a confirmation naming the host', async ({ dyad, page }) => {
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await dyad.open('/?data=https://other.example/x.json');
    await expect(page.getByTestId('confirm-host')).toContainText('Load a dataset from other.example?');
    expect(asked.filter((u) => new URL(u).host === 'other.example')).toEqual([]);
    await page.getByRole('link', { name: 'Show the curated dataset instead' }).click();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  });

  test('?data= with a scheme other than https is refused with a message, and the default loads', async ({ dyad, page }) => {
    await dyad.openLoaded('/?data=ftp://other.example/x.json');
    await expect(page.getByRole('alert')).toContainText('use a path on this site');
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  });

  test('the dataset is downloaded once, by a request index.html starts before the app has loaded', async ({ dyad, page }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.json')) asked.push(new URL(r.url()).pathname);
    });
    await dyad.openLoaded('/');
    const loads = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.json'))
        .map((e) => ({
          path: new URL(e.name).pathname,
          by: (e as PerformanceResourceTiming).initiatorType,
          start: e.startTime,
          end: (e as PerformanceResourceTiming).responseEnd,
        })),
    );
    const json = loads.filter((l) => l.path.endsWith('.json'));
    // One request, made by index.html's script; the app takes its response instead of asking.
    expect(json.map(({ path, by }) => ({ path, by }))).toEqual([{ path: '/data/sahel.json', by: 'fetch' }]);
    expect(asked).toEqual(['/data/sahel.json']);
    // Started before the app ran (its wasm downloading meanwhile).
    const appStart = await page.evaluate(() => performance.getEntriesByName('dyad:app-start')[0].startTime);
    expect(json[0].start).toBeLessThan(appStart);
    // Taken once: nothing is left for a later load to pick up by mistake.
    expect(await page.evaluate(() => 'dyadPrefetch' in window)).toBe(false);
  });

  test('a prefetched dataset that failed is reported, and Retry fetches it anew', async ({ dyad, page }) => {
    dyad.allowConsoleError(/Failed to load resource/);
    let calls = 0;
    await page.route('**/data/sahel.json', (r) => {
      calls += 1;
      return calls === 1 ? r.abort('connectionreset') : r.continue();
    });
    await dyad.open('/');
    await expect(page.getByRole('alert')).toContainText('failed');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
    expect(calls).toBe(2);
  });

  test('a failed download explains itself, keeps navigation working, and Retry recovers', async ({ dyad, page }) => {
    dyad.allowConsoleError(/Failed to load resource/);
    await page.route('**/data/sahel.json', (r) => r.fulfill({ status: 503, body: 'down' }));
    await dyad.open('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The dataset could not be downloaded');
    await expect(alert).toContainText('503');
    await dyad.nav('About').click();
    await expect(page.getByRole('heading', { name: 'About Dyad' })).toBeVisible();
    await page.goBack();
    await page.unroute('**/data/sahel.json');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  });

  test('an invalid dataset lists its validation errors precisely', async ({ dyad, page }) => {
    const broken = JSON.parse(mini);
    broken.events[1].actors = ['BBB', 'GAMMA'];
    broken.events[2].sources[0].url = 'javascript:alert(1)';
    await page.route('**/data/mini.json', (r) => r.fulfill({ body: JSON.stringify(broken), contentType: 'application/json' }));
    await dyad.open('/?data=data/mini.json');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The dataset is not valid');
    await expect(alert).toContainText('2 problems');
    await expect(alert).toContainText('unknown actor "GAMMA"');
    await expect(alert).toContainText('javascript:alert(1)');
  });

  test('malformed JSON reports line and column', async ({ dyad, page }) => {
    await page.route('**/data/mini.json', (r) => r.fulfill({ body: '{\n  "schema": 1,\n  oops\n}', contentType: 'application/json' }));
    await dyad.open('/?data=data/mini.json');
    await expect(page.getByRole('alert')).toContainText(/line 3, column \d+/);
  });
});

test.describe('filter panel', () => {
  test('controls are named by their visible labels', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Actors' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Categories' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'From' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'To' })).toBeVisible();
  });

  test('Include predecessor states lets Russia stand for the Soviet Union, in the list and its count, and survives a reload', async ({ dyad, page }) => {
    await dyad.openLoaded('/?actor=RUS');
    const actors = page.getByRole('group', { name: 'Actors' });
    const russia = actors.getByRole('checkbox', { name: /^Russia/ });
    // The row says whom Russia succeeds.
    await expect(page.locator('label[for="actor-RUS"]')).toContainText('successor of the Soviet Union');
    const count = () => page.locator('label[for="actor-RUS"] .count').textContent().then(Number);
    const before = await count();
    const matches = Number(/^(\d+) of/.exec((await dyad.eventCount().textContent())!)![1]);
    expect(before).toBe(matches);
    const soviet = page.locator('[data-event-id="ussr-mali-diplomatic-relations-1960"]');
    await expect(soviet).toHaveCount(0);

    const pred = page.getByRole('checkbox', { name: 'Include predecessor states' });
    await expect(pred).not.toBeChecked();
    await pred.check();
    await expect(page).toHaveURL(/[?&]pred=1/);
    // The Soviet-era events join, first in date order, and Russia's count grows with them.
    await expect(soviet).toBeVisible();
    await expect.poll(count).toBeGreaterThan(before);
    const after = await count();
    await expect(dyad.eventCount()).toHaveText(`${after} of 99 events`);
    await expect(russia).toBeChecked();
    await expect(page.getByRole('button', { name: 'Remove filter With predecessor states' })).toBeVisible();

    await page.reload();
    await expect(dyad.eventCount()).toHaveText(`${after} of 99 events`);
    await expect(page.getByRole('checkbox', { name: 'Include predecessor states' })).toBeChecked();
    await expect(soviet).toBeVisible();
    // A Russian event's detail names the succession too.
    await page.getByRole('link', { name: /^Bamako treats the Russian Federation/ }).click();
    await expect(page.getByTestId('event-detail').locator('.actor-links')).toContainText('Russia (successor of the Soviet Union)');

    // Unticked, the Soviet events leave again.
    await page.getByRole('checkbox', { name: 'Include predecessor states' }).uncheck();
    await expect(page).not.toHaveURL(/pred=/);
    await expect.poll(count).toBe(before);
  });

  test('an actor filter narrows the list, shows a chip, and facet counts stay live', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const actors = page.getByRole('group', { name: 'Actors' });
    await actors.getByPlaceholder('Find an actor').fill('wagner');
    // A found affiliate is listed under its own kind, not its parent's.
    await expect(actors.getByRole('group', { name: 'Armed groups and PMCs' }).getByRole('checkbox', { name: /Wagner Group/ })).toBeVisible();
    await expect(actors.getByRole('group', { name: 'States' })).toHaveCount(0);
    const wagner = actors.getByRole('checkbox', { name: /Wagner Group/ });
    const count = Number((await actors.locator('label', { hasText: 'Wagner Group' }).locator('.count').textContent())!.trim());
    await wagner.check();
    await expect(page).toHaveURL(/\?actor=wagner-group$/);
    await expect(dyad.eventCount()).toHaveText(`${count} of 99 events`);
    await expect(page.getByRole('button', { name: 'Remove filter Wagner Group' })).toBeVisible();
    // A category's count shows what toggling it would give under the actor filter.
    const hr = page.getByRole('group', { name: 'Categories' }).locator('label', { hasText: 'Human-rights report' });
    const hrCount = Number((await hr.locator('.count').textContent())!.trim());
    await hr.click();
    await expect(dyad.eventCount()).toHaveText(`${hrCount} of 99 events`);
    await expect(wagner).toBeChecked();
    await page.getByRole('button', { name: 'Remove filter Wagner Group' }).click();
    await expect(page).toHaveURL(/\?cat=human_rights_report$/);
    // The panel follows the URL: the tick goes with the chip, and the counts come back.
    await expect(wagner).not.toBeChecked();
    await expect(actors.locator('label', { hasText: 'Wagner Group' }).locator('.count')).toHaveText(String(hrCount));
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
    await expect(page).toHaveURL(/\/$/);
  });

  test('any/all toggles how actors combine', async ({ dyad, page }) => {
    await dyad.openLoaded('/?actor=FRA,RUS');
    const any = Number((await dyad.eventCount().textContent())!.split(' ')[0]);
    await page.getByRole('radio', { name: 'All together' }).check();
    await expect(page).toHaveURL(/mode=all/);
    const all = Number((await dyad.eventCount().textContent())!.split(' ')[0]);
    expect(all).toBeLessThan(any);
    expect(all).toBeGreaterThan(0);
  });

  test('From/To accept a year, a month or a day; bad input is explained; presets work', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const from = page.getByRole('textbox', { name: 'From' });
    await from.fill('2021-13');
    await from.press('Enter');
    await expect(page.getByText('"2021-13" is not a real calendar date')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await from.fill('2021-06');
    await from.press('Enter');
    await expect(page).toHaveURL(/from=2021-06/);
    const to = page.getByRole('textbox', { name: 'To' });
    await to.fill('2022');
    await to.press('Enter');
    await expect(page).toHaveURL(/from=2021-06&to=2022$/);
    await expect(page.getByRole('button', { name: 'Remove filter From Jun 2021' })).toBeVisible();
    await page.getByRole('button', { name: 'Since 2020' }).click();
    await expect(page).toHaveURL(/\?from=2020$/);
    await expect(from).toHaveValue('2020');
  });

  test('search is accent-insensitive and debounced into the URL', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await page.getByRole('searchbox', { name: 'Search' }).pressSequentially('goita', { delay: 30 });
    await expect(page).toHaveURL(/\?q=goita$/);
    const n = Number((await dyad.eventCount().textContent())!.split(' ')[0]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(99);
    await expect(page.locator('.event-row h3').first()).toBeVisible();
  });
});

test.describe('event list and detail', () => {
  test('rows show dates at their precision, category and actors; order can be reversed', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const first = page.locator('.events > li').first();
    await expect(first.getByRole('heading', { level: 3 })).toContainText('Soviet');
    await expect(first.locator('time')).toHaveText('14 Oct 1960');
    await page.getByLabel('Order').selectOption('newest');
    await expect(page).toHaveURL(/sort=newest/);
    const rows = page.locator('.events > li');
    await expect(rows.first().locator('time')).toHaveText('24 Oct 2025');
    await expect(rows.first().locator('time')).not.toHaveClass(/imprecise/);
    // A date known only to the month reads as one, and is marked as imprecise.
    await expect(rows.nth(3).locator('time')).toHaveText('Sep 2025');
    await expect(rows.nth(3).locator('time')).toHaveClass(/imprecise/);
  });

  test('the list is virtualised: only rows near the viewport exist', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const rows = await page.locator('.events > li').count();
    expect(rows).toBeLessThan(99);
    await page.locator('.list-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.locator('.events > li').last().getByRole('heading')).toContainText('Russia');
  });

  test('selecting an event shows its detail with sources, actor links and a permalink', async ({ dyad, page }) => {
    await dyad.openLoaded('/?q=moura');
    await page.getByRole('link', { name: /Moura/ }).first().click();
    await expect(page).toHaveURL(/event=moura-massacre-2022/);
    const detail = page.getByTestId('event-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toContainText('Moura');
    await expect(detail).toContainText('27 Mar 2022 – 31 Mar 2022');
    const sources = detail.locator('.sources a');
    expect(await sources.count()).toBeGreaterThan(0);
    for (const href of await sources.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^https?:\/\//);
    }
    await expect(detail.getByRole('link', { name: 'Permalink to this event' })).toHaveAttribute('href', '/?event=moura-massacre-2022');
    await detail.getByRole('link', { name: 'Wagner Group' }).click();
    await expect(page).toHaveURL(/actor=wagner-group/);
    await detail.getByRole('link', { name: 'Permalink to this event' }).click();
    await expect(page).toHaveURL(/\/\?event=moura-massacre-2022$/);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
  });
});

test.describe('export', () => {
  /** RFC 4180 records: fields split on commas outside quotes, rows on CRLF, quotes undone. */
  function records(csv: string): string[][] {
    const out: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < csv.length; i++) {
      const c = csv[i];
      if (quoted) {
        if (c === '"' && csv[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { row.push(field); field = ''; }
      else if (c === '\r' && csv[i + 1] === '\n') { row.push(field); out.push(row); row = []; field = ''; i++; }
      else field += c;
    }
    return out;
  }

  test('Download CSV saves the filtered events, a row each with its sources', async ({ dyad, page }) => {
    await dyad.openLoaded('/?cat=military_agreement');
    const count = await dyad.eventCount().textContent();
    const n = Number(/^(\d+) of/.exec(count!)![1]);
    expect(n).toBeGreaterThan(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sahel-russia-mali-events.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const rows = records(csv);
    const head = rows[0];
    expect(head.slice(0, 6)).toEqual(['id', 'date', 'end', 'title', 'category', 'actors']);
    expect(rows.length).toBe(1 + n);
    for (const r of rows.slice(1)) {
      expect(r.length).toBe(head.length);
      expect(r[head.indexOf('category')]).toBe('military_agreement');
      expect(r[head.indexOf('source_urls')]).toMatch(/^https?:\/\//);
    }
    // The same events in the same order as the list (oldest first; all of them are rows here).
    const listed = await page.locator('li.event-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.eventId));
    expect(listed.length).toBe(n);
    expect(rows.slice(1).map((r) => r[head.indexOf('id')])).toEqual(listed);
    // The page is where it was: a download is not a navigation.
    await expect(page).toHaveURL(/\/\?cat=military_agreement$/);
    await expect(dyad.eventCount()).toHaveText(count!);
  });
});

test.describe('deep links', () => {
  test('a filtered view reloads identically, and back/forward step through views', async ({ dyad, page }) => {
    await dyad.openLoaded('/?actor=MLI,RUS&cat=military_agreement');
    const count = await dyad.eventCount().textContent();
    await page.reload();
    await expect(dyad.eventCount()).toHaveText(count!);
    await expect(page.getByRole('checkbox', { name: /Military agreement/ })).toBeChecked();
    await page.getByRole('checkbox', { name: /Arms transfer/ }).check();
    await expect(page).toHaveURL(/cat=arms_transfer,military_agreement/);
    await page.goBack();
    await expect(page).toHaveURL(/cat=military_agreement$/);
    await expect(dyad.eventCount()).toHaveText(count!);
    await page.goForward();
    await expect(page).toHaveURL(/cat=arms_transfer,military_agreement/);
  });

  test('a checkbox adds one history entry and typing adds none, so Back undoes the choice', async ({ dyad, page }) => {
    // The app writes the address bar after the change is painted, merging what comes in
    // between (src/location.rs): a push must stay a push, a replace must not add an entry.
    await dyad.openLoaded('/');
    const length = () => page.evaluate(() => history.length);
    const before = await length();
    await page.getByRole('checkbox', { name: /Military agreement/ }).check();
    await expect(page).toHaveURL(/\/\?cat=military_agreement$/);
    expect(await length()).toBe(before + 1);
    await page.getByRole('searchbox', { name: 'Search' }).pressSequentially('wagner', { delay: 80 });
    await expect(page).toHaveURL(/\/\?cat=military_agreement&q=wagner$/);
    expect(await length()).toBe(before + 1);
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(dyad.eventCount()).toHaveText('99 of 99 events');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
    await page.goForward();
    await expect(page).toHaveURL(/q=wagner$/);
    await expect(page.getByRole('checkbox', { name: /Military agreement/ })).toBeChecked();
  });

  test('a non-canonical link is rewritten to its canonical form without a new history entry', async ({ dyad, page }) => {
    await dyad.openLoaded('/?cat=coup,arms_transfer&mode=any&sort=oldest');
    await expect(page).toHaveURL(/\/\?cat=arms_transfer,coup$/);
    await page.goto('/pair/RUS/MLI');
    await expect(page).toHaveURL(/\/pair\/MLI\/RUS$/);
  });

  test('invalid parameters are named in a dismissible notice while the rest applies', async ({ dyad, page }) => {
    await dyad.openLoaded('/?actor=XXX&from=2021-13&q=wagner');
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('Actors (actor): unknown actor "XXX"');
    await expect(notice).toContainText('(left out)');
    await expect(notice).toContainText('"2021-13" is not a real calendar date');
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('wagner');
    expect(Number((await dyad.eventCount().textContent())!.split(' ')[0])).toBeLessThan(99);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('Copy link copies the canonical URL and confirms', async ({ dyad, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await dyad.openLoaded('/?cat=coup&actor=MLI');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText('Link copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).pathname + new URL(copied).search).toBe('/?actor=MLI&cat=coup');
  });
});

test.describe('the first screen of a phone, 375×800', () => {
  test.use({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });

  test('on load, the chart and the first three events are on screen, nothing overflows sideways', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await expect(page.getByTestId('timeline-plot')).toHaveAttribute('data-draw-ms', /\d/);
    const inside = (r: { top: number; bottom: number; left: number; right: number }) =>
      r.top >= 0 && r.left >= 0 && r.bottom <= 800 && r.right <= 375;
    const boxes = await page.locator('.event-row h3').evaluateAll((hs) =>
      hs
        .map((h) => h.getBoundingClientRect())
        .map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right }))
        .sort((a, b) => a.top - b.top)
        .slice(0, 3),
    );
    expect(boxes).toHaveLength(3);
    for (const b of boxes) expect(inside(b), JSON.stringify(b)).toBe(true);
    // The chart, whole, above them, with its strip.
    const chart = await page.getByTestId('timeline-plot').locator('canvas').evaluate((c) => {
      const r = c.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
    });
    expect(inside(chart), JSON.stringify(chart)).toBe(true);
    expect(chart.height).toBeGreaterThan(150);
    await expect(page.locator('.density-strip canvas')).toBeInViewport();
    // The controls keep their names; the help is behind "?".
    for (const name of ['Zoom in', 'Zoom out', 'Fit to matches', 'Filters']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
    }
    const help = page.getByRole('button', { name: 'Timeline help' });
    const keys = page.locator('#timeline-keys');
    await expect(keys).toBeHidden();
    await help.click();
    await expect(help).toHaveAttribute('aria-expanded', 'true');
    await expect(keys).toBeVisible();
    await help.click();
    await expect(keys).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('layout and access', () => {
  test('at 375 px the filters live in a drawer and nothing overflows sideways', async ({ dyad, page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await dyad.openLoaded('/');
    await expect(page.getByRole('group', { name: 'Actors' })).toBeHidden();
    await page.getByRole('button', { name: 'Filters' }).click();
    await expect(page.getByRole('group', { name: 'Actors' })).toBeVisible();
    await page.getByRole('checkbox', { name: /^Coup/ }).check();
    await expect(page).toHaveURL(/cat=coup/);
    await page.getByRole('button', { name: 'Close filters' }).click();
    await expect(dyad.eventCount()).toHaveText(/of 99 events/);
    // The closed drawer still says that a filter is on.
    await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath('phone.png') });
  });

  test('at 375 px long titles wrap to two lines in taller rows that never overlap', async ({ dyad, page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await dyad.openLoaded('/');
    const long = 'Moscow and Bamako conclude a military-technical cooperation agreement';
    const title = page.locator('.events > li').filter({ hasText: long }).getByRole('heading', { level: 3 });
    await title.scrollIntoViewIfNeeded();
    await expect(title).toBeVisible();
    const lines = (h: HTMLElement) => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight);
    expect(await title.evaluate(lines)).toBeCloseTo(2, 0);
    // Each row holds its content and the next row starts where it ends: the list is laid out
    // with the same row height as the CSS gives the rows.
    const rows = () =>
      page.locator('.events > li').evaluateAll((lis) =>
        lis
          .map((li) => {
            const r = li.getBoundingClientRect();
            return { top: r.top, height: r.height, content: li.querySelector('article')!.getBoundingClientRect().bottom - r.top };
          })
          .sort((a, b) => a.top - b.top),
      );
    const phone = await rows();
    expect(phone.length).toBeGreaterThan(3);
    for (let i = 0; i + 1 < phone.length; i++) {
      expect(phone[i + 1].top - phone[i].top).toBeCloseTo(phone[i].height, 0);
      expect(phone[i].content).toBeLessThanOrEqual(phone[i].height);
    }
    await page.screenshot({ path: test.info().outputPath('phone-list.png') });
    // Widened to a desktop, the list goes back to one-line titles in 76 px rows.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(async () => (await rows())[0].height).toBe(76);
    const desktop = await rows();
    for (let i = 0; i + 1 < desktop.length; i++) {
      expect(desktop[i + 1].top - desktop[i].top).toBeCloseTo(76, 0);
    }
    expect(await title.evaluate(lines)).toBeCloseTo(1, 0);
  });

  test('at 375 px the drawer is a modal dialog: the page under it is inert, Escape closes it', async ({ dyad, page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await dyad.openLoaded('/');
    const toggle = page.getByRole('button', { name: 'Filters', exact: true });
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: 'Filters' });
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close filters' })).toBeFocused();
    await expect(page.locator('main')).toHaveAttribute('inert', '');
    // Tab in both directions never lands on the page under the dialog.
    const outside = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a && a !== document.body && !a.closest('#filter-panel') ? a.outerHTML.slice(0, 80) : null;
      });
    for (const key of ['Shift+Tab', 'Shift+Tab', 'Tab', 'Tab', 'Tab', 'Tab']) {
      await page.keyboard.press(key);
      expect(await outside(), `after ${key}`).toBeNull();
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.locator('main')).not.toHaveAttribute('inert', /.*/);
    await expect(toggle).toBeFocused();
    // On a wide screen the panel is part of the page, not a dialog.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Actors' })).toBeVisible();
  });

  test('keyboard alone: search, open an event, focus is visible', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    await page.keyboard.type('kidal');
    await expect(page).toHaveURL(/q=kidal/);
    const link = page.locator('.events a').first();
    await link.focus();
    const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/event=/);
    await expect(page.getByTestId('event-detail')).toBeVisible();
  });

  test('each listed event is a list item holding an article whose title is a heading', async ({ dyad, page }) => {
    await dyad.openLoaded('/');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('article') }).first();
    await expect(item.getByRole('article').getByRole('heading', { level: 3 })).toBeVisible();
  });
});
