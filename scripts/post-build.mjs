// Trunk post_build hook (Trunk.toml `[[hooks]]`): the release build's last steps, in order on the
// staging directory (Trunk runs the hooks of one stage side by side, and these steps rewrite
// index.html one after the other, so they are one hook):
// 1. scripts/minify-glue.mjs: esbuild over the JS glue and the CSS, their integrity hashes in
//    index.html rewritten to match;
// 2. `dyad prerender` (crates/dyad-cli/src/prerender.rs): the default view's first screen of the
//    curated dataset, as static HTML, written into index.html at its `<!-- dyad:prerendered -->`
//    marker, so that events are on screen before the wasm has arrived. It is built from
//    public/data/sahel.json as it is at build time, the file the page loads by default;
// 3. scripts/basemap.mjs: the map's country shapes (Natural Earth via world-atlas) into
//    basemap.json, loaded only when the map is first opened;
// 4. the Content Security Policy (scripts/csp.mjs): the policy of `_headers` completed with the
//    sha256 of each inline script and style of the page as it now is, written back into
//    `_headers` and into index.html as a <meta>. Last of the steps that change index.html, so
//    the hashes are those of the page that ships;
// 5. the service worker (public/sw.js): its VERSION (a hash of the app shell's files, so each
//    build that changes one has a worker of its own) and SHELL (their names).
//
// Debug builds (`trunk serve`) are left alone: the page then starts without a first screen,
// without a content policy, and registers no worker.
// Usage outside Trunk: node scripts/post-build.mjs DIR (a release build's output, e.g. dist).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete, policyOf, withMeta } from './csp.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
if (!dir) throw new Error('no directory: run from a Trunk hook or pass one');

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`post-build: ${cmd} ${args.join(' ')} failed (${r.error ?? `exit ${r.status}`})`);
    process.exit(1);
  }
};
const htmlPath = join(dir, 'index.html');

run(process.execPath, ['scripts/minify-glue.mjs', dir]);
run('cargo', ['run', '-q', '--release', '-p', 'dyad-cli', '--', 'prerender',
  '--data', 'public/data/sahel.json', '--html', htmlPath]);
console.log('post-build: first screen prerendered into index.html');
// 3. scripts/basemap.mjs: the map's country shapes (Natural Earth via world-atlas) into
//    basemap.json, loaded only when the map is first opened.
run(process.execPath, ['scripts/basemap.mjs', dir]);

// 4. The content policy.
const headersPath = join(dir, '_headers');
const headers = readFileSync(headersPath, 'utf8');
let html = readFileSync(htmlPath, 'utf8');
const policy = complete(policyOf(headers), html);
html = withMeta(html, policy);
writeFileSync(htmlPath, html);
writeFileSync(headersPath, headers.replace(policyOf(headers), policy));
console.log(`post-build: content policy in index.html and _headers (${policy.match(/'sha256-/g).length} hashes)`);

// 5. The service worker's version and shell.
const named = readdirSync(dir).filter((n) => /\.(js|wasm|css)$/.test(n) && n !== 'sw.js' && html.includes(n));
const shell = ['index.html', ...named.sort(), 'favicon.svg', 'methodology.md'];
for (const f of shell) {
  if (!existsSync(join(dir, f))) throw new Error(`post-build: the app shell names ${f}, which the build lacks`);
}
const hash = createHash('sha256');
for (const f of shell) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const filled = sw
  .replace(/^const VERSION = .*;$/m, `const VERSION = '${version}';`)
  .replace(/^const SHELL = .*;$/m, `const SHELL = ${JSON.stringify(shell)};`);
if (!filled.includes(version) || !filled.includes(JSON.stringify(shell))) {
  throw new Error('post-build: sw.js lacks its `const VERSION = ...;` or `const SHELL = ...;` line');
}
writeFileSync(swPath, filled);
console.log(`post-build: service worker ${version} caching ${shell.length} files`);
