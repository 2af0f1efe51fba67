// The Content Security Policy (issue 17, part 4) as shipped: the built index.html carries it
// as a <meta> and _headers as a header, both strict, and the page enforces it: a script that a
// bug let into the page would not run. Every other spec runs under the same policy, and
// tests/fixtures.ts fails any of them on a `securitypolicyviolation`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures';

const dist = process.env.E2E_DIST || 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const headers = readFileSync(join(dist, '_headers'), 'utf8');
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&quot;/g, '"') ?? '';
const header = /^\s*Content-Security-Policy:\s*(.+)$/m.exec(headers)?.[1] ?? '';

/** The policy's directives by name. */
const directives = (policy: string) =>
  Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

test('the built page and _headers carry the same strict policy, with a hash for each inline script', () => {
  expect(meta).not.toBe('');
  expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  for (const policy of [meta, header]) {
    const d = directives(policy);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*']);
    expect(d['script-src'].slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\s\*/);
    // Each inline script of the page, and nothing else, allowed by its hash.
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc\s*=/.test(m[1])).map((m) => m[2]);
    expect(inline.length).toBeGreaterThan(0);
    const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
    expect(d['script-src'].slice(2).sort()).toEqual([...new Set(hashes)].sort());
  }
  // The header alone can forbid framing (a <meta> cannot).
  expect(directives(header)['frame-ancestors']).toEqual(["'none'"]);
  expect(directives(meta)['frame-ancestors']).toBeUndefined();
});

test('a script put into the page does not run, and the refusal is reported', async ({ dyad, page }) => {
  // The refusals themselves are reported (and the data: image is refused too, by img-src).
  dyad.allowConsoleError(/Content Security Policy|csp: (script-src|img-src)/);
  await dyad.openLoaded('/');
  const ran = await page.evaluate(async () => {
    const refused = new Promise<string>((ok) => document.addEventListener('securitypolicyviolation', (e) => ok(e.effectiveDirective), { once: true }));
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 1';
    document.body.append(s);
    return { directive: await refused, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null };
  });
  expect(ran).toEqual({ directive: 'script-src-elem', pwned: null });
  // Nor does a handler attribute.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__pwned = 2');
    img.src = 'data:,x';
    document.body.append(img);
  });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
});
