// Shared Playwright fixture: a `dyad` page object, and a guard that fails any test on a page
// error (a WASM panic shows up here first), a console error, or a breach of the page's Content
// Security Policy (a `securitypolicyviolation` event: an inline script, style or a request the
// policy refuses), so that the whole suite proves the policy holds. Import `test` and `expect`
// from this file, never from @playwright/test directly.
import { test as base, expect, type Page, type Locator } from '@playwright/test';

/** A page object over the Dyad UI, addressed by the labels and roles a person sees. */
export class Dyad {
  readonly errors: string[] = [];
  private allowed: RegExp[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console.error: ${m.text()}`);
    });
  }

  /** Tolerates console errors matching `re` (e.g. the 404 a failed-load test provokes). */
  allowConsoleError(re: RegExp) {
    this.allowed.push(re);
  }

  /** Errors seen so far that no `allowConsoleError` covers. */
  unexpectedErrors(): string[] {
    return this.errors.filter((e) => !this.allowed.some((re) => re.test(e)));
  }

  /** Opens a path (relative to the base URL) and waits for the app to mount. */
  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.locator('header.site-header')).toBeVisible();
  }

  /** Opens a path and waits until the dataset's events are listed. */
  async openLoaded(path = '/') {
    await this.open(path);
    await expect(this.eventCount()).toBeVisible({ timeout: 15_000 });
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  /** The live "N of M events" line. */
  eventCount(): Locator {
    return this.page.getByTestId('event-count');
  }

  /** The current path + query, without the origin. */
  url(): string {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }
}

export const test = base.extend<{ dyad: Dyad }>({
  dyad: async ({ page }, use, testInfo) => {
    const dyad = new Dyad(page);
    // Every violation, from every document the page loads, as it happens.
    await page.exposeFunction('dyadCspViolation', (v: string) => dyad.errors.push(`csp: ${v}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { dyadCspViolation: (v: string) => void }).dyadCspViolation;
        report(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sample}) at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    await use(dyad);
    const errors = dyad.unexpectedErrors();
    if (errors.length) {
      await page.screenshot({ path: testInfo.outputPath('errors.png') }).catch(() => {});
    }
    expect(errors, 'page errors and console errors').toEqual([]);
  },
});

export { expect };
