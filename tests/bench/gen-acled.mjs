// Writes a synthetic ACLED CSV export of N rows (default 100,000) for the import benchmark:
// the columns of tests/data/import/acled-valid.csv, invented actors, places and notes (no row
// of ACLED's data, whose licence forbids redistribution). Usage:
//   node tests/bench/gen-acled.mjs OUT.csv [N]
// Deterministic (a fixed seed), about 300 bytes a row; never committed (see tests/bench/import.mjs).
import { createWriteStream } from 'node:fs';

const [out, n = '100000'] = process.argv.slice(2);
if (!out) throw new Error('usage: node tests/bench/gen-acled.mjs OUT.csv [N]');
const rows = Number(n);
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const header = 'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const types = [
  ['Battles', 'Armed clash'], ['Violence against civilians', 'Attack'], ['Protests', 'Peaceful protest'],
  ['Riots', 'Mob violence'], ['Strategic developments', 'Agreement'], ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
];
const countries = [['Mali', 466], ['Niger', 562], ['Burkina Faso', 854], ['Chad', 148]];
const groups = Array.from({ length: 300 }, (_, i) => `Example Group ${i + 1}`);
const forces = countries.map(([c]) => `Military Forces of ${c} (2021-)`);
const places = Array.from({ length: 500 }, (_, i) => `Example Place ${i + 1}`);

const w = createWriteStream(out);
w.write(header + '\n');
const start = Date.UTC(2010, 0, 1);
for (let i = 0; i < rows; i++) {
  const [etype, sub] = pick(types);
  const [country, iso] = pick(countries);
  const day = new Date(start + Math.floor(rand() * 15 * 365) * 86400000).toISOString().slice(0, 10);
  const a1 = rand() < 0.4 ? pick(forces) : pick(groups);
  const a2 = rand() < 0.8 ? pick(groups) : '';
  const place = pick(places);
  const lat = (10 + rand() * 10).toFixed(4);
  const lon = (-5 + rand() * 20).toFixed(4);
  const notes = `"Synthetic row ${i + 1}: ${a1} and ${a2 || 'unknown'} near ${place}, ${country}."`;
  w.write([`XMP${i + 1}`, day, day.slice(0, 4), 1 + Math.floor(rand() * 3), 'Political violence', etype, sub,
    `"${a1}"`, '', 'State forces', a2, '', 'Rebel group', '', '', iso, 'Western Africa', country, 'Exampleland', '', '',
    place, lat, lon, 1, 'Example Wire', 'National', notes, Math.floor(rand() * 5), '', 1700000000 + i].join(',') + '\n');
}
w.end();
