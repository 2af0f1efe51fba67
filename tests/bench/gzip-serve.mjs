// A static server that compresses as static hosts do, for the benchmark's mobile first visit
// (tests/bench/run.mjs): text, JSON, SVG and wasm go out with `Content-Encoding: gzip` (Node's
// zlib, level 6 as nginx-style hosts use; each file compressed once and kept in memory, so the
// server's CPU is not part of the measure) when the request accepts gzip; images and fonts go
// out as they are. Unknown paths without a file extension get 404.html (a copy of index.html),
// as on GitHub Pages, and a directory gets its index.html. Plain HTTP/1.1 on loopback.
//
//   node tests/bench/gzip-serve.mjs DIR PORT   (PORT 0 picks a free port; the first line
//                                                printed once listening gives the URL)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dir = 'dist', port = '4181'] = process.argv.slice(2);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
};
const COMPRESS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.md', '.txt', '.map', '.ttf', '.eot', '.ico']);
const gz = new Map(); // path -> gzip bytes

async function file(path) {
  try { if ((await stat(path)).isFile()) return await readFile(path); } catch {}
  return null;
}

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
  let real = join(dir, safe);
  let body = await file(real);
  if (!body && safe.endsWith('/')) { real = join(dir, safe, 'index.html'); body = await file(real); }
  if (!body && !extname(safe)) { real = join(dir, '404.html'); body = await file(real); }
  if (!body) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
  const ext = extname(real);
  const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
  if (COMPRESS.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    if (!gz.has(real)) gz.set(real, gzipSync(body, { level: 6 }));
    body = gz.get(real);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
});
server.listen(Number(port), '127.0.0.1', () =>
  console.log(`serving ${dir} gzip-compressed at http://127.0.0.1:${server.address().port}/`));
