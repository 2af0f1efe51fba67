// Trunk post_build hook (Trunk.toml `[[hooks]]`): minifies wasm-bindgen's JS glue and the
// stylesheet with esbuild in a release build, and rewrites their Subresource Integrity hashes in
// index.html to match.
//
// Why here: Trunk's own `minify` fails on the glue (its JS minifier does not parse `export
// default`) and says so with a "WARN Failed to minify JS" on every release build, which reads
// like an error to a newcomer; so Trunk's minify is off and esbuild does both files (the glue
// about 2 KB gzip smaller, the CSS about 0.8 KB). Trunk has no hook between writing a file and
// hashing it, so this runs after the build, in the staging directory, before Trunk moves it to
// dist/: it minifies each .js and .css file index.html names and swaps that file's old
// `sha384-...` for the new one, so the page still accepts it (with a stale hash the browser
// refuses the file and the app never starts).
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

const named = (ext) => readdirSync(dir).filter((n) => n.endsWith(ext) && html.includes(n));
for (const name of [...named('.js'), ...named('.css')]) {
  const path = join(dir, name);
  const before = readFileSync(path);
  // The glue is an ES module: keep it one (its exports are the loader's interface).
  const options = name.endsWith('.css')
    ? { loader: 'css', minify: true }
    : { loader: 'js', format: 'esm', minify: true };
  const { code } = transformSync(before.toString(), options);
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
