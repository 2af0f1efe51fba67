// The site's Content Security Policy, completed for one built page.
//
// The policy is written once, in public/_headers (the file Netlify and Cloudflare Pages read),
// with two placeholders: `{inline-script-hashes}` and `{inline-style-hashes}`. For a built
// index.html, `complete` puts in the sha256 of each inline `<script>` (index.html's own, Trunk's
// module loader) and of each inline `<style>` and `style="..."` attribute (the prerendered first
// screen's, see below) exactly as the page carries them, so any other inline script or style is
// refused. `withMeta` writes that policy into the page as a `<meta http-equiv>` first thing in
// `<head>` (before any script, which it then governs), without `frame-ancestors`, which a meta
// cannot carry (only the header does).
//
// Used by scripts/post-build.mjs as the last step that rewrites index.html, and by tests/serve.mjs
// when it rewrites a page for a sub-path (`rehash`).
//
// Inline styles: a `style:` from Rust goes through the CSSOM, which the policy allows; markup
// attributes do not. The prerendered first screen (crates/dyad-cli/src/prerender.rs) has one
// `<style>` element and a `style="--cat:#rrggbb"` per row: they are allowed by hash, with
// 'unsafe-hashes' for the attributes, which admits exactly those few values and nothing else.
import { createHash } from 'node:crypto';

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const unique = (xs) => [...new Set(xs)];

/** The text of every inline `<script>` (no `src`) in `html`, as the browser hashes it. */
export function inlineScripts(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]))
    .map((m) => m[2]);
}

/** The text of every inline `<style>` element and every `style="..."` attribute in `html`. */
export function inlineStyles(html) {
  const elements = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  // Attribute values as the parser decodes them (the prerender escapes only these entities).
  const decode = (s) =>
    s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const attributes = [...html.matchAll(/<[a-z][^>]*?\sstyle="([^"]*)"/gi)].map((m) => decode(m[1]));
  return { elements, attributes };
}

/** The policy line of a `_headers` file: `Content-Security-Policy: ...` (value only). */
export function policyOf(headers) {
  const m = /^\s*Content-Security-Policy:\s*(.+)$/m.exec(headers);
  if (!m) throw new Error('_headers has no Content-Security-Policy line');
  return m[1].trim();
}

/** `template` (a policy with the placeholders) completed with the hashes of `html`'s inline
 * scripts and styles. */
export function complete(template, html) {
  for (const p of ['{inline-script-hashes}', '{inline-style-hashes}']) {
    if (!template.includes(p)) throw new Error(`the policy template lacks ${p}`);
  }
  const scripts = unique(inlineScripts(html).map(sha256));
  const { elements, attributes } = inlineStyles(html);
  const styles = unique(elements.map(sha256));
  const attrs = unique(attributes.map(sha256));
  const styleSources = [...styles, ...(attrs.length ? ["'unsafe-hashes'", ...attrs] : [])];
  return template
    .replace('{inline-script-hashes}', scripts.join(' '))
    .replace('{inline-style-hashes}', styleSources.join(' '))
    .replace(/ {2,}/g, ' ')
    .replace(/ ;/g, ';');
}

/** The policy without the directives a `<meta>` cannot carry. */
export function forMeta(policy) {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !/^(frame-ancestors|report-uri|report-to|sandbox)\b/.test(d))
    .join('; ');
}

/** `html` carrying `policy` (completed) as its first `<meta>` after the charset, replacing one
 * already there. */
export function withMeta(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${forMeta(policy).replace(/"/g, '&quot;')}" />`;
  const stripped = html.replace(/\n?\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(stripped);
  if (!charset) throw new Error('index.html has no <meta charset>: nowhere to put the policy first');
  const at = charset.index + charset[0].length;
  return `${stripped.slice(0, at)}\n    ${meta}${stripped.slice(at)}`;
}

/** A completed policy turned back into its template: its hashes replaced by the placeholders. */
export function template(policy) {
  const strip = (d) => d.replace(/ '(sha256-[^']*|unsafe-hashes)'/g, '');
  return policy
    .split(';')
    .map((d) => d.trim())
    .map((d) => (d.startsWith('script-src') ? `${strip(d)} {inline-script-hashes}` : d))
    .map((d) => (d.startsWith('style-src') ? `${strip(d)} {inline-style-hashes}` : d))
    .join('; ');
}

/** `html` with the hashes of the policy in its `<meta>` computed anew from its own inline scripts
 * and styles (for a page rewritten after the build, as tests/serve.mjs does for a sub-path); a
 * page without a policy is returned as it is. */
export function rehash(html) {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html);
  if (!meta) return html;
  const policy = meta[1].replace(/&quot;/g, '"');
  return withMeta(html, complete(template(policy), html));
}
