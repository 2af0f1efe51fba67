// Trunk post_build hook (Trunk.toml `[[hooks]]`): minifies wasm-bindgen's JS glue with esbuild
// in a release build, and rewrites the glue's Subresource Integrity hash in index.html to match.
//
// Why here: Trunk's own `minify` shrinks the CSS and index.html but fails on the glue (its JS
// minifier does not parse `export default`), so the glue ships as written (about 2 KB gzip
// more). Trunk has no hook between writing the glue and hashing it, so this runs after the
// build, in the staging directory, before Trunk moves it to dist/: it minifies each .js file
// index.html names and swaps that file's old `sha384-...` for the new one, so the page still
// accepts it (with a stale hash the browser refuses the script and the app never starts).
//
// Debug builds (`trunk serve`) are left alone. Usage outside Trunk: node scripts/minify-glue.mjs DIR
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
if (!dir) throw new Error('no directory: run from a Trunk hook or pass one');
// Loaded only now, so a debug build never needs it.
const { transformSync } = await import('esbuild');

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

for (const name of readdirSync(dir).filter((n) => n.endsWith('.js') && html.includes(n))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  // The glue is an ES module: keep it one (its exports are the loader's interface).
  const { code } = transformSync(before.toString(), { loader: 'js', format: 'esm', minify: true });
  const after = Buffer.from(code);
  const [oldHash, newHash] = [sri(before), sri(after)];
  if (html.includes('integrity=') && !html.includes(oldHash)) {
    throw new Error(`${name}: index.html does not carry its hash ${oldHash}; not touching it`);
  }
  writeFileSync(path, after);
  html = html.split(oldHash).join(newHash);
  console.log(`minify-glue: ${name} ${before.length} -> ${after.length} bytes, integrity updated`);
}
writeFileSync(htmlPath, html);
