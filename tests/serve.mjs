// A tiny static server with an SPA fallback, for tests and benchmarks of the release build.
// Unknown paths without a file extension get 404.html (a copy of index.html), as on GitHub
// Pages, so path deep links load the app. Usage: node tests/serve.mjs DIR PORT [BASE]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const [dir = 'dist', port = '4173', base = '/'] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

async function file(path) {
  try { if ((await stat(path)).isFile()) return await readFile(path); } catch {}
  return null;
}

createServer(async (req, res) => {
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
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${port}${base}`));
