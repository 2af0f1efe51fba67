// Converts a Dyad dataset (schema v1, docs/dataset-format.md) into TimelineJS's JSON format, for
// the benchmark's mobile first visit, which loads the same events into TimelineJS
// (tests/bench/timelinejs/index.html). One slide per event, in the file's order: headline = the
// event's title; text = its summary, actors and sources (as links), the content Dyad's detail
// shows; group = its category's label (TimelineJS's rows, as Dyad's lanes); start and end dates
// at their own precision (year, month, day). No title slide, so the first slide is the first
// event, as Dyad's first row is. Text is HTML-escaped: TimelineJS renders `text` as HTML.
//
//   node tests/bench/timelinejs/convert.mjs public/data/sahel.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';

const [input = 'public/data/sahel.json', output = 'timelinejs-sahel.json'] = process.argv.slice(2);
const ds = JSON.parse(readFileSync(input, 'utf8'));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const actorName = Object.fromEntries(ds.actors.map((a) => [a.id, a.name]));
const category = Object.fromEntries(ds.categories.map((c) => [c.id, c]));

/** A Dyad partial date (YYYY, YYYY-MM, YYYY-MM-DD) as a TimelineJS date object. */
function tlDate(date) {
  const [year, month, day] = date.split('-');
  return Object.fromEntries(Object.entries({ year, month, day }).filter(([, v]) => v).map(([k, v]) => [k, String(Number(v))]));
}

const events = ds.events.map((e) => {
  const sources = (e.sources || [])
    .filter((s) => /^https?:\/\//.test(s.url || ''))
    .map((s) => `<li><a href="${esc(s.url)}">${esc(s.publisher)}</a></li>`).join('');
  const text = [
    `<p>${esc(e.summary || '')}</p>`,
    `<p>${esc((e.actors || []).map((a) => actorName[a] || a).join(' · '))}</p>`,
    sources ? `<ul>${sources}</ul>` : '',
  ].join('');
  const ev = {
    unique_id: e.id,
    start_date: tlDate(e.date),
    text: { headline: esc(e.title), text },
    group: category[e.category] ? category[e.category].label : e.category,
  };
  if (e.end) ev.end_date = tlDate(e.end);
  return ev;
});
writeFileSync(output, JSON.stringify({ events }));
console.log(`${output}: ${events.length} events`);
