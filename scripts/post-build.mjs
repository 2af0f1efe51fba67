// Trunk post_build hook (Trunk.toml `[[hooks]]`): the release build's last two steps, in order on
// the staging directory (Trunk runs the hooks of one stage side by side, and both steps rewrite
// index.html, so they are one hook):
// 1. scripts/minify-glue.mjs: esbuild over the JS glue and the CSS, their integrity hashes in
//    index.html rewritten to match;
// 2. `dyad prerender` (crates/dyad-cli/src/prerender.rs): the default view's first screen of the
//    curated dataset, as static HTML, written into index.html at its `<!-- dyad:prerendered -->`
//    marker, so that events are on screen before the wasm has arrived. It is built from
//    public/data/sahel.json as it is at build time, the file the page loads by default.
//
// Debug builds (`trunk serve`) are left alone: the page then starts without a first screen.
// Usage outside Trunk: node scripts/post-build.mjs DIR (a release build's output, e.g. dist).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
run(process.execPath, ['scripts/minify-glue.mjs', dir]);
run('cargo', ['run', '-q', '--release', '-p', 'dyad-cli', '--', 'prerender',
  '--data', 'public/data/sahel.json', '--html', join(dir, 'index.html')]);
console.log('post-build: first screen prerendered into index.html');
// 3. scripts/basemap.mjs: the map's country shapes (Natural Earth via world-atlas) into
//    basemap.json, loaded only when the map is first opened.
run(process.execPath, ['scripts/basemap.mjs', dir]);
