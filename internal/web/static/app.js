// newsgraph web UI: a hash-routed single-page app over the JSON API.
// Plain DOM and SVG, no framework: every view is a function that fetches
// what it shows and renders it into <main>.
'use strict';

const $main = document.getElementById('main');
const $q = document.getElementById('q');
const SVGNS = 'http://www.w3.org/2000/svg';

// ---------- small helpers ----------

// h builds an element: h('a', {href: '#', class: 'x', onclick: f}, 'text', child...).
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, kids);
  return el;
}
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  append(el, kids);
  return el;
}
function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style') Object.assign(el.style, v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
}
function append(el, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
}
function render(...nodes) {
  $main.replaceChildren(...nodes.flat());
}
function toast(msg) {
  const t = document.getElementById('toast');
  t.textContent = msg;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 3000);
}
const fmtDate = (d) => (d && !d.startsWith('0001') ? d.slice(0, 10) : '');
const enc = encodeURIComponent;

// entityID mirrors store.EntityID: lower-case type, dash, name slug.
function entityID(type, name) {
  return type.toLowerCase() + '-' + name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

// Goldstein −10..+10 → red..grey..green.
function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t < 0) return `rgb(${200},${Math.round(200 + t * 150)},${Math.round(200 + t * 150)})`;
  return `rgb(${Math.round(200 - t * 170)},${Math.round(200 - t * 40)},${Math.round(200 - t * 150)})`;
}
// CAMEO root → QuadClass (GDELT 2.0).
function quadClass(root) {
  const r = parseInt(root, 10);
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}
const QUAD = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
const QUADCOLOR = { 1: '#4caf50', 2: '#1b7a3a', 3: '#f39c12', 4: '#c0392b' };
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

// ---------- API ----------

async function api(path, opts = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, opts.headers || {});
  const token = localStorage.getItem('newsgraph-token');
  if (token && opts.method && opts.method !== 'GET') headers.Authorization = 'Bearer ' + token;
  const res = await fetch(path, Object.assign({}, opts, { headers }));
  let body = null;
  try { body = await res.json(); } catch (_) { /* empty body */ }
  if (!res.ok) throw new Error((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

// ---------- routing ----------

// The route is #/VIEW/ID?q=...; the query box mirrors q across views.
function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'search';
  const [path, qs] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  const params = new URLSearchParams(qs || '');
  return { view: parts[0] || 'search', id: parts.slice(1).join('/'), params };
}
function go(view, params = {}, id = '') {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null) qs.set(k, v);
  const q = qs.toString();
  location.hash = '#/' + view + (id ? '/' + enc(id) : '') + (q ? '?' + q : '');
}
function currentQuery() { return route().params.get('q') || ''; }

const views = { search: viewSearch, article: viewArticle, entity: viewEntity, events: viewEvents, map: viewMap, timeline: viewTimeline, network: viewNetwork, alerts: viewAlerts };

async function dispatch() {
  const r = route();
  $q.value = r.params.get('q') || '';
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.view === r.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    a.href = '#/' + a.dataset.view + ($q.value ? '?q=' + enc($q.value) : '');
  }
  const view = views[r.view] || viewSearch;
  const gen = ++dispatch.gen;
  delete document.body.dataset.shown;
  render(h('p', { class: 'muted' }, 'Loading…'));
  try {
    await view(r, () => shown(gen));
  } catch (e) {
    render(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, e.message));
  }
  if (gen !== dispatch.gen) return; // a newer view took over
  shown(gen);
  document.body.dataset.view = r.view;
  document.body.dataset.ready = String(Date.now());
}
dispatch.gen = 0;

// shown stamps body[data-shown] when a view's main content is on screen.
// Views that render in steps (search results before their facets, the map
// before its shading) call it early, so a slow aggregate does not hold the
// page blank; body[data-ready] still marks the view complete.
function shown(gen) {
  if (gen === dispatch.gen && !document.body.dataset.shown) document.body.dataset.shown = String(Date.now());
}

document.getElementById('qform').addEventListener('submit', (e) => {
  e.preventDefault();
  const r = route();
  const view = ['events', 'map', 'timeline', 'network'].includes(r.view) ? r.view : 'search';
  go(view, { q: $q.value.trim() });
});
window.addEventListener('hashchange', dispatch);
window.addEventListener('DOMContentLoaded', () => { dispatch(); startAlertStream(); });

// addFilter appends a filter to the current query (facet clicks, map clicks).
function addFilter(f) {
  const q = currentQuery();
  return q ? q + ' ' + f : f;
}
const quoteVal = (v) => (/[\s:"()]/.test(v) ? '"' + v.replace(/"/g, '') + '"' : v);

// ---------- search ----------

const FACETS = [['source', 'Sources'], ['country', 'Countries'], ['actor', 'Actors'], ['theme', 'Themes'], ['event', 'Event roots']];

async function viewSearch(r, shown = () => {}) {
  const q = r.params.get('q') || '';
  const offset = parseInt(r.params.get('offset') || '0', 10) || 0;
  // A page of results is cheap; facets count thousands of matches (~0.5 s
  // at 100k stories), so they are asked for beside it and filled in when
  // they arrive rather than holding the results back.
  const facetsP = api(`/api/search?q=${enc(q)}&facets=1&limit=1`);
  facetsP.catch(() => {}); // awaited below; no unhandled rejection meanwhile
  const res = await api(`/api/search?q=${enc(q)}&limit=20&offset=${offset}`);
  const terms = queryTerms(q);
  const wait = h('p', { class: 'muted', role: 'status' }, 'Counting facets…');
  const facets = h('aside', { class: 'facets card', 'aria-label': 'Facets' }, dateFacet(q), wait);
  const list = h('ol', { class: 'results', 'aria-label': 'Results' }, res.hits.map((hit) => h('li', { class: 'card result' },
    h('h3', {}, h('a', { href: `#/article/${enc(hit.id)}` }, hit.title || '(untitled)')),
    h('div', { class: 'meta' }, hit.source && h('span', {}, hit.source), fmtDate(hit.published) && h('time', {}, fmtDate(hit.published)),
      hit.mentions > 1 && h('span', { class: 'badge', title: 'copies of this story stored from other outlets' }, `${hit.mentions} mentions`),
      hit.tone != null && h('span', { class: 'badge' }, `tone ${hit.tone.toFixed(1)}`)),
    h('p', { class: 'snippet' }, highlight(hit.snippet || '', terms)))));
  const pager = h('div', { class: 'pager' },
    offset > 0 && h('button', { type: 'button', onclick: () => go('search', { q, offset: Math.max(0, offset - 20) }) }, '← Newer'),
    h('span', { class: 'muted' }, `${res.total} stories` + (res.total ? `, ${offset + 1}–${offset + res.hits.length}` : '')),
    offset + res.hits.length < res.total && h('button', { type: 'button', onclick: () => go('search', { q, offset: offset + 20 }) }, 'Older →'));
  render(h('div', { class: 'grid' }, facets, h('section', { 'aria-label': 'Search results' },
    h('h1', {}, q ? `Results for “${q}”` : 'Latest stories'), list, pager)));
  shown();
  let fres;
  try { fres = await facetsP; } catch (e) { wait.textContent = 'Facets unavailable: ' + e.message; wait.className = 'error'; return; }
  wait.replaceWith(...FACETS.flatMap(([key, label]) => {
    const list = (fres.facets && fres.facets[key]) || [];
    if (!list.length) return [];
    return [h('h2', {}, label), h('ul', {}, list.map((f) => h('li', {},
      h('button', { type: 'button', onclick: () => go('search', { q: addFilter(`${key}:${quoteVal(f.value)}`) }) },
        h('span', {}, key === 'event' ? `${f.value} ${ROOTS[f.value] || ''}` : f.value), h('span', { class: 'count' }, f.count)))))];
  }));
}

function dateFacet(q) {
  const from = (q.match(/\bfrom:(\S+)/) || [])[1] || '';
  const to = (q.match(/\bto:(\S+)/) || [])[1] || '';
  const set = () => {
    let nq = q.replace(/\s*\b(from|to):\S+/g, '').trim();
    if (f.value) nq += ' from:' + f.value;
    if (t.value) nq += ' to:' + t.value;
    go('search', { q: nq.trim() });
  };
  const f = h('input', { type: 'date', id: 'from', value: from, onchange: set });
  const t = h('input', { type: 'date', id: 'to', value: to, onchange: set });
  return [h('h2', {}, 'Dates'), h('div', { class: 'dates' }, h('label', { for: 'from' }, 'From'), f, h('label', { for: 'to' }, 'To'), t)];
}

// queryTerms are the free words and phrases of a query, for highlighting.
function queryTerms(q) {
  const out = [];
  q.replace(/"([^"]+)"|(\S+)/g, (_, phrase, word) => {
    const t = phrase || word;
    if (!phrase && (/:/.test(t) || /^(AND|OR|NOT)$/.test(t))) return '';
    const clean = t.replace(/[()]/g, '');
    if (clean.length > 1) out.push(clean);
    return '';
  });
  return out;
}
function highlight(text, terms) {
  if (!terms.length) return text;
  // Whole words only (the store matches words, so "oil" is not in "soyoil"); a trailing * is a prefix.
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alt = terms.map((t) => (t.endsWith('*') ? esc(t.slice(0, -1)) + '[\\p{L}\\p{N}]*' : esc(t))).join('|');
  const re = new RegExp('(?<![\\p{L}\\p{N}])(' + alt + ')(?![\\p{L}\\p{N}])', 'giu');
  const out = [];
  let last = 0;
  text.replace(re, (m, _g, i) => { out.push(text.slice(last, i), h('mark', { class: 'q' }, m)); last = i + m.length; return m; });
  out.push(text.slice(last));
  return out;
}

// ---------- article ----------

const ROOTS = { '01': 'make statement', '02': 'appeal', '03': 'intend to cooperate', '04': 'consult', '05': 'diplomatic cooperation',
  '06': 'material cooperation', '07': 'provide aid', '08': 'yield', '09': 'investigate', '10': 'demand', '11': 'disapprove',
  '12': 'reject', '13': 'threaten', '14': 'protest', '15': 'exhibit force', '16': 'reduce relations', '17': 'coerce',
  '18': 'assault', '19': 'fight', '20': 'mass violence' };

async function viewArticle(r) {
  const rec = await api(`/api/articles/${enc(r.id)}`);
  const a = rec.article;
  const legend = h('div', { class: 'legend', 'aria-label': 'Highlight legend' },
    [['ent-PER', 'person'], ['ent-ORG', 'organisation'], ['ent-LOC', 'location'], ['ent-MISC', 'misc'], ['place', 'resolved place'],
      ['date', 'date'], ['quote', 'quote'], ['trigger', 'event trigger']].map(([c, l]) => h('span', { class: 'hl ' + c }, l)));
  const body = h('article', { class: 'card' },
    h('h1', {}, a.title || '(untitled)'),
    h('div', { class: 'meta' }, a.source && h('span', {}, a.source), fmtDate(a.published) && h('time', {}, fmtDate(a.published)),
      a.lang && h('span', { class: 'badge' }, a.lang), a.url && h('a', { href: a.url, rel: 'noopener noreferrer' }, 'original'),
      rec.mentions && rec.mentions.length > 1 && h('span', { class: 'badge' }, `${rec.mentions.length} mentions`)),
    legend, h('div', { class: 'text', id: 'text' }, highlightArticle(a)));
  const side = h('aside', { 'aria-label': 'Annotations' }, articleSide(a, rec));
  render(h('div', { class: 'grid article' }, body, side));
  const pts = (a.places || []).filter((p) => p.lat || p.lon);
  if (pts.length) {
    const box = document.getElementById('minimap');
    if (box) drawMap(box, { points: pts.map((p) => ({ lat: p.lat, lon: p.lon, label: p.name, n: 1 })), small: true });
  }
}

// highlightArticle renders Text with every annotation as nested classes.
// Spans are UTF-8 byte offsets, so the text is cut as bytes.
function highlightArticle(a) {
  const bytes = new TextEncoder().encode(a.text);
  const dec = new TextDecoder();
  const spans = [];
  const ents = a.entities || [];
  for (const m of a.mentions || []) {
    const e = m.entity >= 0 ? ents[m.entity] : null;
    spans.push({ start: m.start, end: m.end, cls: 'ent-' + m.type, tag: m.type, title: e ? `${e.name}${e.role ? ' — ' + e.role : ''}` : m.type,
      href: e && ['PER', 'ORG', 'LOC', 'MISC'].includes(e.type) ? '#/entity/' + enc(entityID(e.type, e.name)) : null });
  }
  for (const p of a.places || []) spans.push({ start: p.start, end: p.end, cls: 'place', title: `${p.name} (${p.kind}${p.country ? ', ' + p.country : ''}${p.geonameid ? ', GeoNames ' + p.geonameid : ''})` });
  for (const d of a.dates || []) spans.push({ start: d.start, end: d.end, cls: 'date', title: `${d.value} (${d.granularity})` });
  for (const qt of a.quotes || []) spans.push({ start: qt.start, end: qt.end, cls: 'quote', title: `quote of ${qt.speaker_name || '?'}` });
  for (const ev of a.events || []) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: 'trigger', title: `${ev.source.code} ${ev.code} ${ev.target.code}` });
  const valid = spans.filter((x) => x.start >= 0 && x.end <= bytes.length && x.start < x.end);
  const cuts = new Set([0, bytes.length]);
  for (const x of valid) { cuts.add(x.start); cuts.add(x.end); }
  const bounds = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [b0, b1] = [bounds[i], bounds[i + 1]];
    const text = dec.decode(bytes.subarray(b0, b1));
    const active = valid.filter((x) => x.start <= b0 && b1 <= x.end);
    if (!active.length) { out.push(text); continue; }
    const titles = active.map((x) => x.title).join('; ');
    const link = active.find((x) => x.href);
    const el = link ? h('a', { href: link.href, class: 'hl ' + active.map((x) => x.cls).join(' '), title: titles }, text)
      : h('span', { class: 'hl ' + active.map((x) => x.cls).join(' '), title: titles }, text);
    out.push(el);
    for (const x of active) if (x.tag && x.end === b1) out.push(h('span', { class: 'tag', 'aria-hidden': 'true' }, x.tag));
  }
  return out;
}

function articleSide(a, rec) {
  const ents = a.entities || [];
  const places = a.places || [];
  const out = [];
  const events = (a.events || []);
  out.push(h('section', { class: 'card' }, h('h2', {}, `Events (${events.length})`),
    events.length ? h('table', { 'aria-label': 'Coded events' }, h('thead', {}, h('tr', {}, h('th', {}, 'Source'), h('th', {}, 'Event'), h('th', {}, 'Target'), h('th', {}, 'GS'))),
      h('tbody', {}, events.map((ev) => h('tr', {},
        h('td', {}, ev.source.code || '—'),
        h('td', {}, h('span', { title: ev.rule || '' }, `${ev.code} ${ROOTS[ev.root_code] || ''}`), ' ',
          ev.status && ev.status !== 'asserted' && h('span', { class: 'badge' }, ev.status), ev.reference && h('span', { class: 'badge' }, 'reference'),
          ev.location ? h('div', { class: 'muted' }, '@ ' + ((places[ev.location - 1] || {}).name || '')) : null),
        h('td', {}, ev.target.code || '—'),
        h('td', {}, h('span', { class: 'gs', style: { background: goldsteinColor(ev.goldstein) } }, ev.goldstein.toFixed(1)))))))
      : h('p', { class: 'muted' }, 'No coded events.')));
  const people = ents.filter((e) => e.type === 'PER' || e.type === 'ORG');
  if (ents.length) {
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Entities'), h('ul', {}, ents.map((e) => h('li', {},
      h('a', { href: '#/entity/' + enc(entityID(e.type, e.name)) }, e.name), ' ', h('span', { class: 'badge' }, e.type),
      e.role && h('span', { class: 'muted' }, ` ${e.role}${e.country ? ' (' + e.country + ')' : ''}`),
      e.actor && h('span', { class: 'badge' }, e.actor), h('span', { class: 'muted' }, ` ×${(e.mentions || []).length}`))))));
  }
  void people;
  const scores = (a.theme_scores || []).slice(0, 12);
  if (scores.length) {
    const maxS = Math.max(...scores.map((x) => x.score));
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Themes'), h('div', { class: 'bars' }, scores.map((t) => h('div', {},
      h('i', { style: { width: Math.max(4, 120 * t.score / maxS) + 'px' } }), h('a', { href: '#/search?q=' + enc('theme:' + t.theme) }, t.theme))))));
  }
  if (a.tone) {
    const t = a.tone;
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Tone'), h('div', { class: 'kv' },
      ['tone', 'positive', 'negative', 'polarity', 'activity_density', 'self_group_density', 'word_count'].map((k) =>
        [h('span', { class: 'muted' }, k.replace(/_/g, ' ')), h('span', {}, typeof t[k] === 'number' ? +t[k].toFixed(2) : '')]))));
  }
  for (const trip of a.itineraries || []) {
    out.push(h('section', { class: 'card' }, h('h2', {}, `Itinerary: ${trip.person}`), h('ol', { class: 'legs' }, trip.legs.map((l) =>
      h('li', {}, h('strong', {}, l.place), ` — ${l.role}, ${l.status}${l.date ? ', ' + l.date : ''}`)))));
  }
  if ((a.quotes || []).length) {
    const bytes = new TextEncoder().encode(a.text);
    const dec = new TextDecoder();
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Quotes'), h('ul', {}, a.quotes.map((q) => h('li', {},
      h('strong', {}, q.speaker_name || '?'), q.verb ? ` ${q.verb}: ` : ': ', h('q', {}, dec.decode(bytes.subarray(q.start, q.end))))))));
  }
  if (places.length) {
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Places'), h('div', { class: 'mapbox', id: 'minimap' }),
      h('ul', {}, [...new Map(places.map((p) => [p.name + p.kind + (p.role || ''), p])).values()].map((p) => h('li', {}, p.name, ' ',
        h('span', { class: 'muted' }, `${p.kind}${p.country ? ', ' + p.country : ''}${p.role ? ', as ' + p.role : ''}${p.lat || p.lon ? ` (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})` : ''}`))))));
  }
  if (rec.mentions && rec.mentions.length > 1) {
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Also reported by'), h('ul', {}, rec.mentions.map((m) => h('li', {},
      m.source || m.id, ' ', h('span', { class: 'muted' }, fmtDate(m.published)))))));
  }
  return out;
}

// ---------- entity ----------

async function viewEntity(r, shown = () => {}) {
  const e = await api(`/api/entities/${enc(r.id)}`);
  const parts = [h('h1', {}, e.name, ' ', h('span', { class: 'badge' }, e.type)),
    h('div', { class: 'meta' }, e.role && h('span', {}, `Role: ${e.role}${e.country ? ' (' + e.country + ')' : ''}`),
      e.actor && h('span', {}, `Actor: ${e.actor}`), h('span', {}, `${e.articles} stories`),
      e.first_seen && h('span', {}, `${fmtDate(e.first_seen)} → ${fmtDate(e.last_seen)}`))];
  const tl = h('section', { class: 'card' }, h('h2', {}, 'Mentions over time'));
  parts.push(tl);
  drawBars(tl, (e.timeline || []).map((b) => ({ day: b.day, key: '', count: b.count })), { height: 120 });
  const side = h('section', { class: 'card' }, h('h2', {}, 'Seen with'), h('ul', {}, (e.co_occurring || []).map((c) => h('li', {},
    h('a', { href: '#/entity/' + enc(c.id) }, c.name), ' ', h('span', { class: 'badge' }, c.type), h('span', { class: 'muted' }, ` ×${c.together}`)))));
  const recent = h('section', { class: 'card' }, h('h2', {}, 'Recent stories'), h('ul', {}, (e.recent || []).map((hit) => h('li', {},
    h('a', { href: `#/article/${enc(hit.id)}` }, hit.title || hit.id), ' ', h('span', { class: 'muted' }, fmtDate(hit.published))))));
  const evSec = h('section', { class: 'card' }, h('h2', {}, 'Events'));
  const trips = h('section', { class: 'card' }, h('h2', {}, 'Travels'));
  render(h('div', {}, parts, h('div', { class: 'grid article' }, h('div', {}, evSec, trips, recent), side)));
  shown();
  // Events as source and as target, for entities coded as actors.
  if (e.actor) {
    const evs = await api(`/api/events?actor=${enc(e.actor)}&limit=200`);
    const list = evs.events || evs || [];
    const asSrc = list.filter((x) => (x.source.code || '').startsWith(e.actor));
    const asTgt = list.filter((x) => (x.target.code || '').startsWith(e.actor));
    const tbl = (rows) => rows.length ? h('ul', {}, rows.slice(0, 30).map((x) => h('li', {},
      `${x.source.code} → ${x.code} ${ROOTS[x.root_code] || ''} → ${x.target.code} `, h('a', { href: `#/article/${enc(x.article_id)}` }, fmtDate(x.published) || 'article'))))
      : h('p', { class: 'muted' }, 'none');
    evSec.append(h('h3', {}, `As source (${asSrc.length})`), tbl(asSrc), h('h3', {}, `As target (${asTgt.length})`), tbl(asTgt));
  } else {
    evSec.append(h('p', { class: 'muted' }, 'Not coded as an event actor.'));
  }
  // Travels: the itineraries of this person across recent stories, chained by date.
  if (e.type !== 'PER') { trips.remove(); return; }
  // The stories are fetched together, not one after another.
  const legs = [];
  const recs = await Promise.all((e.recent || []).slice(0, 20).map((hit) =>
    api(`/api/articles/${enc(hit.id)}`).then((rec) => ({ hit, rec }), () => null))); // null: a story that vanished
  for (const { hit, rec } of recs.filter(Boolean)) {
    const a = rec.article;
    for (const t of a.itineraries || []) {
      if (!samePerson(t.person, e.name)) continue;
      for (const l of t.legs) {
        const p = l.place_ref ? (a.places || [])[l.place_ref - 1] : null;
        legs.push({ date: l.date || fmtDate(a.published), place: l.place, role: l.role, status: l.status, p, article: hit.id });
      }
    }
  }
  legs.sort((x, y) => (x.date || '').localeCompare(y.date || ''));
  if (!legs.length) { trips.append(h('p', { class: 'muted' }, 'No travels recorded.')); return; }
  trips.append(h('ol', { class: 'legs' }, legs.map((l) => h('li', {}, `${l.date || '?'} `, h('strong', {}, l.place), ` ${l.role}, ${l.status} `,
    h('a', { href: `#/article/${enc(l.article)}` }, 'source')))));
  const pts = legs.filter((l) => l.p && (l.p.lat || l.p.lon)).map((l) => ({ lat: l.p.lat, lon: l.p.lon, label: l.place, n: 1 }));
  if (pts.length) {
    const box = h('div', { class: 'mapbox' });
    trips.append(box);
    drawMap(box, { points: pts, path: pts, small: true });
  }
}
function samePerson(a, b) {
  const last = (x) => x.trim().split(/\s+/).pop().toLowerCase();
  return a && b && last(a) === last(b);
}

// ---------- events ----------

// viewEvents shows the coded events of the matching stories in two views:
// "events" merges the mentions of one real-world event across stories and
// outlets (GET /api/events/merged), "mentions" lists every coded mention,
// as GDELT counts them (GET /api/events).
async function viewEvents(r) {
  const q = r.params.get('q') || '';
  const mode = r.params.get('view') === 'mentions' ? 'mentions' : 'events';
  const toggle = h('div', { class: 'toggle', role: 'group', 'aria-label': 'Count' }, [['events', 'events'], ['mentions', 'mentions']].map(([v, l]) =>
    h('button', { type: 'button', 'aria-pressed': String(v === mode), onclick: () => go('events', { q, view: v === 'events' ? '' : v }) }, l)));
  const box = h('section', { 'aria-label': mode === 'events' ? 'Merged events' : 'Event mentions' });
  const info = h('p', { class: 'muted' });
  render(h('h1', {}, q ? `Events for “${q}”` : 'Events'), h('div', { class: 'meta' }, toggle, info), box);
  const actor = (code, name) => [h('strong', {}, code || '—'), name ? h('span', { class: 'muted' }, ` ${name}`) : null];
  if (mode === 'mentions') {
    const res = await api(`/api/events?q=${enc(q)}&limit=200`);
    const list = res.events || [];
    info.textContent = `${list.length} most recent coded mentions; one real-world event reported by many stories is counted once per report.`;
    box.append(list.length ? h('table', { class: 'card', 'aria-label': 'Event mentions' },
      h('thead', {}, h('tr', {}, ['Source', 'Event', 'Target', 'GS', 'Date', 'Article'].map((c) => h('th', {}, c)))),
      h('tbody', {}, list.map((x) => h('tr', {}, h('td', {}, actor(x.source.code, x.source.text)),
        h('td', {}, `${x.code} ${ROOTS[x.root_code] || ''} `, x.status && x.status !== 'asserted' && h('span', { class: 'badge' }, x.status),
          x.reference && h('span', { class: 'badge' }, 'reference')),
        h('td', {}, actor(x.target.code, x.target.text)),
        h('td', {}, h('span', { class: 'gs', style: { background: goldsteinColor(x.goldstein) } }, x.goldstein.toFixed(1))),
        h('td', {}, x.date || fmtDate(x.published)),
        h('td', {}, h('a', { href: `#/article/${enc(x.article_id)}` }, fmtDate(x.published) || 'article'))))))
      : h('p', { class: 'muted' }, 'No coded events among the matching stories.'));
    return;
  }
  const res = await api(`/api/events/merged?q=${enc(q)}&order=articles&limit=2000`);
  const evs = res.events || [];
  info.textContent = `${evs.length} real-world events from ${res.mentions} mentions (most reported first); future, intended, negated and hypothetical events are left out.`;
  if (!evs.length) { box.append(h('p', { class: 'muted' }, 'No events among the matching stories.')); return; }
  box.append(h('ol', { class: 'results mevents' }, evs.slice(0, 300).map((e) => h('li', { class: 'card mevent' },
    h('details', {},
      h('summary', {}, actor(e.source, e.source_name), ' → ', h('span', { title: QUAD[e.quad_class] || '' }, `${e.code} ${ROOTS[e.root_code] || ''}`), ' → ',
        actor(e.target, e.target_name), ' ',
        h('span', { class: 'gs', title: 'Goldstein scale', style: { background: goldsteinColor(e.goldstein) } }, e.goldstein.toFixed(1)),
        h('div', { class: 'meta' }, e.date && h('time', {}, e.date), h('span', { class: 'articles' }, `${e.articles} article${e.articles === 1 ? '' : 's'}`),
          h('span', {}, `${e.sources} source${e.sources === 1 ? '' : 's'}`), h('span', {}, `${e.mentions.length} mentions`),
          fmtDate(e.first_seen) && h('span', {}, `first seen ${fmtDate(e.first_seen)}`),
          e.reference && h('span', { class: 'badge', title: 'background mention of a past event, not a new event' }, 'reference'),
          e.place && h('span', {}, '@ ' + e.place.name))),
      h('ol', { class: 'legs' }, e.mentions.map((m) => h('li', {},
        h('a', { href: `#/article/${enc(m.article)}` }, m.outlet || m.article), ' ', h('span', { class: 'muted' },
          `${fmtDate(m.published)} · sentence ${m.sentence + 1} · ${m.source || '—'} ${m.code} ${m.target || '—'} · bytes ${m.trigger.start}–${m.trigger.end}`), m.reference && h('span', { class: 'badge' }, 'reference')))))))));
}

// ---------- map ----------

let mapData = null;
async function loadMap() {
  if (!mapData) {
    const [topo, codes] = await Promise.all([api('/map/countries.json'), api('/map/codes.json')]);
    mapData = { shapes: topoFeatures(topo, 'countries'), codes };
  }
  return mapData;
}

// topoFeatures decodes a TopoJSON object into [{id, name, rings:[[[lon,lat]...]]}].
function topoFeatures(topo, name) {
  const tf = topo.transform;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return tf ? [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]] : [dx, dy];
    });
  });
  // Rings that cross the antimeridian (Russia, Fiji, Antarctica) are
  // unwrapped so no edge jumps across the whole map.
  const ring = (idx) => {
    const pts = [];
    for (const i of idx) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    for (let k = 1; k < pts.length; k++) {
      const d = pts[k][0] - pts[k - 1][0];
      if (d > 180) pts[k] = [pts[k][0] - 360, pts[k][1]];
      else if (d < -180) pts[k] = [pts[k][0] + 360, pts[k][1]];
    }
    return pts;
  };
  return topo.objects[name].geometries.map((g) => {
    let rings = [];
    if (g.type === 'Polygon') rings = g.arcs.map(ring);
    else if (g.type === 'MultiPolygon') rings = g.arcs.flatMap((poly) => poly.map(ring));
    return { id: g.id, name: (g.properties || {}).name, rings };
  });
}

// Equirectangular projection onto a 960×480 canvas, cut at ±85° latitude.
const W = 960, H = 480;
const proj = ([lon, lat]) => [(lon + 180) * W / 360, (90 - lat) * H / 180];

async function viewMap(r, shown = () => {}) {
  const q = r.params.get('q') || '';
  const box = h('div', { class: 'mapbox' });
  const info = h('p', { class: 'muted' }, 'Countries shaded by the number of matching stories that mention them; red dots are cities. Drag to pan, wheel or buttons to zoom, click a country to search it.');
  render(h('h1', {}, q ? `Map for “${q}”` : 'Map of all stories'), info, box);
  // Counting places over every matching story is slow on a large store
  // (seconds at 100k), the shapes are not: draw the world while the
  // counts come, then redraw it shaded.
  const placesP = api(`/api/places?q=${enc(q)}&limit=1000`);
  placesP.catch(() => {}); // awaited below
  const plain = h('div', { class: 'mapbox', 'aria-busy': 'true' });
  box.replaceWith(plain);
  await drawMap(plain, {});
  shown();
  const res = await placesP;
  plain.replaceWith(box);
  const places = res.places || res || [];
  const byCountry = {};
  for (const p of places) if (p.country) byCountry[p.country] = (byCountry[p.country] || 0) + p.articles;
  const cities = places.filter((p) => p.kind === 'city' && (p.lat || p.lon)).map((p) => ({ lat: p.lat, lon: p.lon, label: `${p.name} (${p.articles})`, n: p.articles }));
  await drawMap(box, { counts: byCountry, points: cities, onCountry: (iso2) => go('search', { q: addFilter('country:' + iso2) }) });
}

async function drawMap(box, { counts = {}, points = [], path = null, small = false, onCountry = null }) {
  let m;
  try { m = await loadMap(); } catch (e) { box.append(h('p', { class: 'error' }, 'Map unavailable: ' + e.message)); return; }
  const maxC = Math.max(1, ...Object.values(counts));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'World map' });
  const g = s('g', {});
  svg.append(g);
  for (const f of m.shapes) {
    const c = m.codes[f.id] || {};
    const n = counts[c.iso2] || 0;
    const d = f.rings.map((rg) => 'M' + rg.map((p) => proj(p).map((v) => v.toFixed(1)).join(',')).join('L') + 'Z').join('');
    const fill = n ? `rgba(31,95,191,${(0.15 + 0.85 * Math.log1p(n) / Math.log1p(maxC)).toFixed(3)})` : '#f4f1ea';
    const path = s('path', { d, class: 'country', fill, 'data-iso2': c.iso2 || '', tabindex: onCountry && c.iso2 ? 0 : null },
      s('title', {}, `${c.name || f.name || ''}${n ? ': ' + n : ''}`));
    if (onCountry && c.iso2) {
      path.addEventListener('click', () => onCountry(c.iso2));
      path.addEventListener('keydown', (e) => { if (e.key === 'Enter') onCountry(c.iso2); });
    }
    g.append(path);
  }
  if (path && path.length > 1) {
    g.append(s('path', { class: 'trip', d: 'M' + path.map((p) => proj([p.lon, p.lat]).join(',')).join('L') }));
  }
  const maxN = Math.max(1, ...points.map((p) => p.n || 1));
  for (const p of points) {
    const [x, y] = proj([p.lon, p.lat]);
    g.append(s('circle', { class: 'city', cx: x.toFixed(1), cy: y.toFixed(1), r: (small ? 4 : 2 + 6 * Math.sqrt((p.n || 1) / maxN)).toFixed(1) }, s('title', {}, p.label)));
  }
  box.append(svg);
  // Zoom and pan by rewriting the viewBox; small maps fit their points.
  let vb = [0, 0, W, H];
  if (small && points.length) {
    const xs = points.map((p) => proj([p.lon, p.lat])[0]), ys = points.map((p) => proj([p.lon, p.lat])[1]);
    const pad = 40, x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
    const w = Math.max(Math.max(...xs) - x0 + pad, 160), hh = w / 2;
    vb = [x0, Math.max(0, y0 - (hh - (Math.max(...ys) - y0 + pad)) / 2), w, hh];
  }
  const apply = () => svg.setAttribute('viewBox', vb.map((v) => v.toFixed(1)).join(' '));
  apply();
  const zoom = (k, cx = vb[0] + vb[2] / 2, cy = vb[1] + vb[3] / 2) => {
    const w = Math.min(W, Math.max(30, vb[2] / k)), hh = w / 2;
    vb = [cx - (cx - vb[0]) * w / vb[2], cy - (cy - vb[1]) * hh / vb[3], w, hh];
    apply();
  };
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.25 : 0.8, vb[0] + (e.clientX - rect.left) / rect.width * vb[2], vb[1] + (e.clientY - rect.top) / rect.height * vb[3]);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, vb: vb.slice(), moved: false }; });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = (e.clientX - drag.x) / rect.width * vb[2], dy = (e.clientY - drag.y) / rect.height * vb[3];
    if (Math.abs(dx) + Math.abs(dy) > 1) drag.moved = true;
    vb = [drag.vb[0] - dx, drag.vb[1] - dy, vb[2], vb[3]];
    apply();
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('pointerleave', () => { drag = null; });
  svg.addEventListener('click', (e) => { if (drag && drag.moved) e.stopPropagation(); }, true);
  box.append(h('div', { class: 'zoom' },
    h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => zoom(1.5) }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => zoom(1 / 1.5) }, '−'),
    h('button', { type: 'button', 'aria-label': 'Reset view', onclick: () => { vb = [0, 0, W, H]; apply(); } }, '⟲')));
  if (!small && Object.keys(counts).length) {
    box.after(h('div', { class: 'scale' }, 'fewer', [0.15, 0.4, 0.65, 1].map((a) => h('i', { style: { background: `rgba(31,95,191,${a})` } })), `more (max ${maxC})`));
  }
}

// ---------- timeline ----------

async function viewTimeline(r) {
  const q = r.params.get('q') || '';
  const by = r.params.get('by') || 'event';
  const sel = h('select', { id: 'by', onchange: (e) => go('timeline', { q, by: e.target.value }) },
    [['', 'total'], ['theme', 'theme'], ['country', 'country'], ['event', 'event root (QuadClass colours)'], ['source', 'source']].map(([v, l]) =>
      h('option', { value: v, selected: v === by }, l)));
  const chart = h('section', { class: 'card' });
  render(h('h1', {}, q ? `Timeline for “${q}”` : 'Timeline of all stories'),
    h('p', {}, h('label', { for: 'by' }, 'Split by '), sel, h('span', { class: 'muted' }, ' — drag across the chart to narrow the dates.')), chart);
  const tl = await api(`/api/timeline?q=${enc(q)}&by=${enc(by)}&top=8`);
  drawBars(chart, tl.buckets || [], {
    height: 300, by,
    onBrush: (from, to) => {
      const nq = (q.replace(/\s*\b(from|to):\S+/g, '') + ` from:${from} to:${to}`).trim();
      go('timeline', { q: nq, by });
    },
  });
}

// drawBars draws stacked day bars from [{day, key, count}].
function drawBars(box, buckets, { height = 200, by = '', onBrush = null } = {}) {
  if (!buckets.length) { box.append(h('p', { class: 'muted' }, 'Nothing to chart.')); return; }
  const days = [...new Set(buckets.map((b) => b.day))].sort();
  const first = new Date(days[0] + 'T00:00:00Z'), last = new Date(days[days.length - 1] + 'T00:00:00Z');
  const nDays = Math.round((last - first) / 864e5) + 1;
  const keys = [...new Set(buckets.map((b) => b.key))];
  const color = (k) => (by === 'event' && k ? QUADCOLOR[quadClass(k)] : PALETTE[keys.indexOf(k) % PALETTE.length]);
  const totals = {};
  for (const b of buckets) totals[b.day] = (totals[b.day] || 0) + b.count;
  const maxT = Math.max(...Object.values(totals));
  const Wc = 960, pad = 28, bw = (Wc - pad) / nDays;
  const svg = s('svg', { viewBox: `0 0 ${Wc} ${height + 20}`, class: 'chart', role: 'img', 'aria-label': `Stories per day, ${days[0]} to ${days[days.length - 1]}` });
  // One group per day with one tooltip listing the day's parts: a year
  // split eight ways is ~3,000 bars, and a tooltip per bar doubled that.
  const byDay = new Map();
  for (const b of buckets) {
    if (!byDay.has(b.day)) byDay.set(b.day, []);
    byDay.get(b.day).push(b);
  }
  const part = (b) => `${b.key || 'other'}${by === 'event' && b.key ? ' ' + (ROOTS[b.key] || '') : ''}: ${b.count}`;
  for (const [day, parts] of byDay) {
    const i = Math.round((new Date(day + 'T00:00:00Z') - first) / 864e5);
    const g = s('g', {});
    let y0 = 0;
    for (const b of parts) {
      const hgt = b.count / maxT * height;
      g.append(s('rect', { class: 'bar', x: (pad + i * bw).toFixed(2), y: (height - y0 - hgt).toFixed(2), width: Math.max(1, bw - 0.5).toFixed(2), height: hgt.toFixed(2), fill: color(b.key) }));
      y0 += hgt;
    }
    const split = parts.some((b) => b.key);
    g.append(s('title', {}, `${day}: ${totals[day]}` + (split ? '\n' + parts.map(part).join('\n') : '')));
    svg.append(g);
  }
  const axis = s('g', { class: 'axis' });
  axis.append(s('text', { x: 0, y: 10 }, String(maxT)), s('text', { x: 0, y: height }, '0'));
  const step = Math.max(1, Math.ceil(nDays / 8));
  for (let i = 0; i < nDays; i += step) {
    const d = new Date(first.getTime() + i * 864e5).toISOString().slice(0, 10);
    axis.append(s('text', { x: (pad + i * bw).toFixed(1), y: height + 14 }, d));
  }
  svg.append(axis);
  box.append(svg);
  if (keys.length > 1 || keys[0]) {
    box.append(h('div', { class: 'keys' }, (by === 'event' ? [1, 2, 3, 4].map((c) => h('span', {}, h('i', { style: { background: QUADCOLOR[c] } }), QUAD[c]))
      : keys.map((k) => h('span', {}, h('i', { style: { background: color(k) } }), k || 'other')))));
  }
  if (!onBrush) return;
  // Brushing: drag across days to select a range.
  const dayAt = (e) => {
    const rect = svg.getBoundingClientRect();
    const x = (e.clientX - rect.left) / rect.width * Wc;
    const i = Math.max(0, Math.min(nDays - 1, Math.floor((x - pad) / bw)));
    return i;
  };
  let start = null;
  const brush = s('rect', { class: 'brush', y: 0, height, width: 0, x: 0 });
  svg.append(brush);
  svg.addEventListener('pointerdown', (e) => { start = dayAt(e); brush.setAttribute('x', pad + start * bw); brush.setAttribute('width', bw); });
  svg.addEventListener('pointermove', (e) => {
    if (start == null) return;
    const i = dayAt(e), a = Math.min(start, i), b = Math.max(start, i);
    brush.setAttribute('x', pad + a * bw); brush.setAttribute('width', (b - a + 1) * bw);
  });
  svg.addEventListener('pointerup', (e) => {
    if (start == null) return;
    const i = dayAt(e), a = Math.min(start, i), b = Math.max(start, i);
    start = null;
    const iso = (k) => new Date(first.getTime() + k * 864e5).toISOString().slice(0, 10);
    onBrush(iso(a), iso(b));
  });
}

// ---------- network ----------

async function viewNetwork(r) {
  const q = r.params.get('q') || '';
  const box = h('section', { class: 'card net' });
  render(h('h1', {}, q ? `Actor network for “${q}”` : 'Actor network'),
    h('p', { class: 'muted' }, 'Actors (CAMEO codes) as nodes, events as directed edges: width = number of events, colour = mean Goldstein (red conflict, green cooperation). Click an actor to search it.'), box);
  const net = await api(`/api/network?q=${enc(q)}&limit=60`);
  if (!net.nodes || !net.nodes.length) { box.append(h('p', { class: 'muted' }, 'No events among the matching stories.')); return; }
  const Wn = 960, Hn = 600;
  const nodes = net.nodes.map((n, i) => ({ ...n, x: Wn / 2 + 200 * Math.cos(2 * Math.PI * i / net.nodes.length), y: Hn / 2 + 200 * Math.sin(2 * Math.PI * i / net.nodes.length), vx: 0, vy: 0 }));
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
  const edges = net.edges.filter((e) => byId[e.source] && byId[e.target]);
  // A few hundred steps of a simple force layout: repulsion, springs, gravity.
  for (let step = 0; step < 300; step++) {
    const alpha = 1 - step / 300;
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue;
      let dx = a.x - b.x, dy = a.y - b.y;
      const d2 = Math.max(dx * dx + dy * dy, 25);
      const f = 5000 / d2 * alpha;
      a.vx += dx * f / Math.sqrt(d2); a.vy += dy * f / Math.sqrt(d2);
    }
    for (const e of edges) {
      const a = byId[e.source], b = byId[e.target];
      if (a === b) continue;
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
      const f = (d - 150) * 0.02 * alpha;
      a.vx += dx / d * f; a.vy += dy / d * f; b.vx -= dx / d * f; b.vy -= dy / d * f;
    }
    for (const n of nodes) {
      n.vx += (Wn / 2 - n.x) * 0.003; n.vy += (Hn / 2 - n.y) * 0.003;
      n.x = Math.max(30, Math.min(Wn - 30, n.x + n.vx)); n.y = Math.max(20, Math.min(Hn - 20, n.y + n.vy));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const maxCount = Math.max(...edges.map((e) => e.count), 1);
  const svg = s('svg', { viewBox: `0 0 ${Wn} ${Hn}`, role: 'img', 'aria-label': `Actor network: ${nodes.length} actors, ${edges.length} relations` });
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 22, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0L10,5L0,10Z', fill: '#555' }))));
  for (const e of edges) {
    const a = byId[e.source], b = byId[e.target];
    const d = a === b ? `M${a.x},${a.y} c 30,-40 50,0 0,12` : `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${((a.x + b.x) / 2 + (b.y - a.y) * 0.15).toFixed(1)},${((a.y + b.y) / 2 - (b.x - a.x) * 0.15).toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
    svg.append(s('path', { class: 'edge', d, stroke: goldsteinColor(e.goldstein), 'stroke-width': (1 + 6 * e.count / maxCount).toFixed(1), 'marker-end': 'url(#arrow)' },
      s('title', {}, `${e.source} → ${e.target}: ${e.count} events, mean Goldstein ${e.goldstein.toFixed(1)}${e.top_root ? ', mostly ' + (ROOTS[e.top_root] || e.top_root) : ''}`)));
  }
  const maxEv = Math.max(...nodes.map((n) => n.events), 1);
  for (const n of nodes) {
    const r0 = 5 + 10 * Math.sqrt(n.events / maxEv);
    const g = s('g', { class: 'node', transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, tabindex: 0, role: 'link', 'aria-label': `${n.id}${n.label ? ' (' + n.label + ')' : ''}, ${n.events} events` },
      s('circle', { r: r0.toFixed(1) }), s('text', { x: (r0 + 3).toFixed(1), y: 4 }, n.id), s('title', {}, `${n.id}${n.label ? ' — ' + n.label : ''}: ${n.events} events`));
    const open = () => go('search', { q: addFilter('actor:' + n.id) });
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    svg.append(g);
  }
  box.append(svg);
}

// ---------- alerts ----------

const liveHits = [];
let hitsListEl = null;

function startAlertStream() {
  if (!window.EventSource) return;
  const es = new EventSource('/api/alerts/stream');
  es.addEventListener('alert', (e) => {
    let ev;
    try { ev = JSON.parse(e.data); } catch (_) { return; }
    liveHits.unshift(ev);
    liveHits.length = Math.min(liveHits.length, 50);
    const a = ev.article || {};
    toast(`Alert “${ev.alert_name || ev.alert_id}”: ${a.title || a.id}`);
    if (hitsListEl && document.body.contains(hitsListEl)) hitsListEl.prepend(hitItem(ev));
  });
}
function hitItem(ev) {
  const a = ev.article || {};
  return h('li', {}, h('strong', {}, ev.alert_name || ev.alert_id), ': ', h('a', { href: `#/article/${enc(a.id)}` }, a.title || a.id));
}

async function viewAlerts() {
  const list = await api('/api/alerts');
  const alerts = list.alerts || list || [];
  const token = h('input', { id: 'token', type: 'password', autocomplete: 'off', value: localStorage.getItem('newsgraph-token') || '' });
  const name = h('input', { id: 'aname', required: true, placeholder: 'Cartel violence in Mexico' });
  const query = h('input', { id: 'aquery', required: true, placeholder: 'cartel AND country:MX' });
  const webhook = h('input', { id: 'awebhook', type: 'url', placeholder: 'https://example.org/hook (optional)' });
  const msg = h('p', { role: 'status' });
  const form = h('form', { class: 'stack card', 'aria-label': 'New alert' },
    h('label', { for: 'token' }, 'API token (writes need it; kept in this browser)'), token,
    h('label', { for: 'aname' }, 'Name'), name, h('label', { for: 'aquery' }, 'Query'), query,
    h('label', { for: 'awebhook' }, 'Webhook'), webhook, h('button', { type: 'submit' }, 'Create alert'), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    localStorage.setItem('newsgraph-token', token.value);
    try {
      await api('/api/alerts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: name.value, query: query.value, webhook: webhook.value || undefined }) });
      toast('Alert created');
      dispatch();
    } catch (err) { msg.textContent = err.message; msg.className = 'error'; }
  });
  const table = alerts.length ? h('table', { 'aria-label': 'Alerts' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Query'), h('th', {}, 'Created'), h('th', {}, ''))),
    h('tbody', {}, alerts.map((a) => h('tr', {}, h('td', {}, a.name), h('td', {}, h('a', { href: '#/search?q=' + enc(a.query) }, a.query)), h('td', {}, fmtDate(a.created)),
      h('td', {}, h('button', { type: 'button', 'aria-label': `Delete alert ${a.name}`, onclick: async () => {
        localStorage.setItem('newsgraph-token', token.value);
        try { await api(`/api/alerts/${enc(a.id)}`, { method: 'DELETE' }); toast('Alert deleted'); dispatch(); } catch (err) { toast(err.message); }
      } }, 'Delete'))))))
    : h('p', { class: 'muted' }, 'No alerts yet.');
  hitsListEl = h('ul', { id: 'hits', 'aria-live': 'polite' }, liveHits.map(hitItem));
  render(h('h1', {}, 'Alerts'), h('div', { class: 'grid article' }, h('div', {}, h('section', { class: 'card' }, h('h2', {}, 'Watchlists'), table),
    h('section', { class: 'card' }, h('h2', {}, 'Live hits'), h('p', { class: 'muted' }, 'New articles that match a watchlist appear here as they are ingested.'), hitsListEl)), form));
}
