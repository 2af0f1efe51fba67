// A tiny static server with an SPA fallback, for tests and benchmarks of the release build.
// Unknown paths without a file extension get 404.html (a copy of index.html), as on GitHub
// Pages, so path deep links load the app. Usage: node tests/serve.mjs DIR PORT [BASE]
// (PORT 0 picks a free port; the line printed once listening gives the URL.)
//
// BASE serves DIR under a sub-path, e.g. /dyad/. A build made for the root (`<base href="/">`)
// is then served as `trunk build --public-url /dyad/` would have made it: that option only
// changes index.html (the <base href> and the asset URLs Trunk writes; the wasm, js and css
// are byte for byte the same), so the pages' HTML gets those same prefixes here, and the
// suite tests sub-path hosting without a second build. A build made for BASE is served as is.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { rehash } from '../scripts/csp.mjs';

const [dir = 'dist', port = '4173', base = '/'] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

async function file(path) {
  try { if ((await stat(path)).isFile()) return await readFile(path); } catch {}
  return null;
}

/** index.html of a root build as a build for `base` would have it (see the header). */
function rebase(html) {
  if (base === '/' || !/<base href=(?:"\/"|\/>)/.test(html)) return html;
  // `<base href>` and the asset URLs: every absolute path in an href (quoted or, minified,
  // not) or in the loader script; the loader script changed, so the content policy's hashes are
  // those the build would have computed for it.
  return rehash(html.replace(/(href="?|from '|module_or_path: ')\/(?!\/)/g, `$1${base}`));
}

const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!path.startsWith(base)) { res.writeHead(404).end('outside base'); return; }
  path = '/' + path.slice(base.length);
  const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
  let body = await file(join(dir, safe));
  let type = types[extname(safe)] || 'application/octet-stream';
  let status = 200;
  if (!body && safe.endsWith('/')) { body = await file(join(dir, safe, 'index.html')); type = types['.html']; }
  if (!body && !extname(safe)) { body = await file(join(dir, '404.html')); type = types['.html']; }
  if (!body) { status = 404; body = 'not found'; type = 'text/plain'; }
  if (type === types['.html'] && status === 200) body = rebase(body.toString());
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
});
server.listen(Number(port), '127.0.0.1', () =>
  console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}${base}`));
