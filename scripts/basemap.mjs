// The map's basemap: Natural Earth's country shapes (public domain), as the npm package
// `world-atlas` ships them (TopoJSON, 1:110m), turned into the compact file the map page loads
// the first time it is opened: DIR/basemap.json.
//
// Format (read by src/map/basemap.rs): {"credit": "...", "countries": [{"id": "466", "rings":
// [[lon0, lat0, dlon1, dlat1, ...], ...]}, ...]}: every ring of every polygon, as whole
// hundredths of a degree, the first point absolute and the others as differences from the
// previous one (small numbers, so the file stays small). Points closer than the rounding are
// merged. `id` is the ISO 3166-1 numeric code world-atlas gives (absent for a few territories).
//
// Usage: node scripts/basemap.mjs DIR (run by scripts/post-build.mjs after the release build).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/basemap.mjs DIR');

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));

// TopoJSON arcs are quantized and delta-encoded; decode them to absolute degrees.
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

// A ring is a list of arc indices; a negative index ~i is arc i reversed. Consecutive arcs share
// their end point, which is kept once.
const ring = (indices) => {
  const out = [];
  for (const i of indices) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    out.push(...(out.length ? arc.slice(1) : arc));
  }
  return out;
};

const encode = (points) => {
  const flat = [];
  let px = null;
  let py = null;
  for (const [lon, lat] of points) {
    const x = Math.round(lon * 100);
    const y = Math.round(lat * 100);
    if (px === null) {
      flat.push(x, y);
    } else if (x !== px || y !== py) {
      flat.push(x - px, y - py);
    } else {
      continue;
    }
    px = x;
    py = y;
  }
  return flat;
};

const countries = [];
for (const g of topo.objects.countries.geometries) {
  const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
  const rings = polys.flatMap((p) => p.map(ring)).map(encode).filter((r) => r.length >= 6);
  if (rings.length) countries.push(g.id ? { id: String(g.id), rings } : { rings });
}

const out = {
  credit: 'Country shapes: Natural Earth (public domain), via world-atlas 1:110m',
  countries,
};
const file = join(dir, 'basemap.json');
writeFileSync(file, JSON.stringify(out));
console.log(`basemap: ${countries.length} countries, ${readFileSync(file).length} bytes in ${file}`);
