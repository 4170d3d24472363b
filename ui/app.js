/* The twoplus dashboard: a hash-routed single page over the twoplus JSON API. Plain JS, no
 * dependencies. State lives in the URL (`#/view/id?param=...`; the API base in `?api=`), so
 * every view can be shared. Evidence offsets from the API are UTF-8 byte offsets into a
 * document's clean text; the text is fetched as bytes and cut there. */
'use strict';

/* index.html inserts this script from <head>, so it may run before <body> is parsed. */
function twoplusDashboard() {
  const TYPES = ['person', 'organization', 'country', 'place', 'agreement'];
  const main = document.getElementById('main');
  const utf8 = new TextDecoder('utf-8');
  let renderSeq = 0; /* a newer navigation makes an older render's results stale */

  /* ---- the API base: ?api=, else this page's origin, else (a file:// page) what the person
   * last typed. A shared URL thus names its server, and a page twoplus serves reads its own. */

  function apiBase() {
    const fromQuery = new URLSearchParams(location.search).get('api');
    if (fromQuery) return fromQuery.replace(/\/+$/, '');
    if (location.protocol === 'http:' || location.protocol === 'https:') return location.origin;
    let saved = null;
    try { saved = localStorage.getItem('twoplus-api'); } catch (e) { /* storage off */ }
    return saved || '';
  }

  function setApiBase(url) {
    url = url.trim().replace(/\/+$/, '');
    try { localStorage.setItem('twoplus-api', url); } catch (e) { /* storage off */ }
    textCache.clear(); /* texts and names of the other server */
    peopleList = null;
    const search = new URLSearchParams(location.search);
    if (url) search.set('api', url); else search.delete('api');
    const qs = search.toString();
    if (location.protocol === 'file:') {
      location.search = qs; /* a file URL keeps its query: reload with it */
      return;
    }
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
    route();
  }

  /* ---- fetching ---- */

  class ApiError extends Error {
    constructor(status, detail, problem) {
      super(detail);
      this.status = status;
      this.problem = problem;
    }
  }

  async function request(path) {
    const base = apiBase();
    if (!base) throw new ApiError(0, 'No API base URL: type the address of a twoplus server above.');
    let resp;
    try {
      resp = await fetch(base + path, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, 'Cannot reach the API at ' + base + ' (' + e.message + '). ' +
        'Is twoplus running, and does its --cors-origin allow this page?');
    }
    if (!resp.ok) {
      let problem = null;
      try { problem = await resp.json(); } catch (e) { /* not JSON */ }
      const detail = problem && (problem.detail || problem.title);
      throw new ApiError(resp.status, (detail || resp.statusText) + ' (HTTP ' + resp.status + ')', problem);
    }
    return resp;
  }

  const getJSON = async (path) => (await request(path)).json();
  const textCache = new Map();
  /* The clean text of a document as bytes: offsets index these. */
  function getText(id) {
    if (!textCache.has(id)) {
      const p = request('/v1/documents/' + enc(id) + '/text')
        .then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
      p.catch(() => textCache.delete(id));
      textCache.set(id, p);
    }
    return textCache.get(id);
  }

  /* Every page of a list (up to max items), following next_cursor. */
  async function getAll(path, max) {
    const out = [];
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await getJSON(path + sep + 'limit=200' + (cursor ? '&cursor=' + enc(cursor) : ''));
      out.push(...page.data);
      cursor = page.page.next_cursor;
    } while (cursor && out.length < max);
    return out;
  }

  /* ---- DOM helpers: text only goes in through textContent ---- */

  const enc = encodeURIComponent;

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  const svgNS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  const link = (hash, text, attrs) => h('a', Object.assign({ href: hash }, attrs || {}), text);
  const loading = (what) => h('p', { class: 'state loading', role: 'status' }, 'Loading ' + what + '…');
  const empty = (what) => h('p', { class: 'state empty' }, what);
  function errorBox(err) {
    const box = h('div', { class: 'state error', role: 'alert' }, h('strong', {}, 'Could not load: '), err.message);
    if (err.problem && Array.isArray(err.problem.errors)) {
      box.append(h('ul', {}, err.problem.errors.map((e) => h('li', {}, h('code', {}, e.param), ': ', e.message))));
    }
    return box;
  }

  /* Fills slot with what fill() returns; shows loading meanwhile and an error box on failure. */
  async function section(slot, what, fill) {
    slot.replaceChildren(loading(what));
    try {
      const node = await fill();
      slot.replaceChildren(node);
    } catch (err) {
      slot.replaceChildren(errorBox(err));
    }
  }

  function fmtDate(d) {
    if (!d || !d.date) return 'undated';
    const p = d.precision && d.precision !== 'day' ? ' (' + d.precision + ')' : '';
    return d.date + p;
  }

  function docLink(id, title, start, end) {
    const q = start !== undefined && start !== null ? '?hl=' + start + '-' + end : '';
    return link('#/document/' + enc(id) + q, title || id);
  }

  /* ---- source text with highlighted byte ranges ---- */

  /* bytes: the document's text; ranges: [{start, end, cls, title, id}]. Builds a <div> in
   * which every byte range carries its classes; overlapping ranges combine their classes. */
  function highlighted(bytes, ranges, focus) {
    const cuts = new Set([0, bytes.length]);
    const valid = ranges.filter((r) => r.start >= 0 && r.end <= bytes.length && r.start < r.end);
    for (const r of valid) { cuts.add(r.start); cuts.add(r.end); }
    if (focus) { cuts.add(focus.start); cuts.add(focus.end); }
    const points = [...cuts].filter((x) => x >= 0 && x <= bytes.length).sort((a, b) => a - b);
    const box = h('div', { class: 'source', tabindex: '0', 'aria-label': 'Source text' });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const text = utf8.decode(bytes.subarray(a, b));
      const covering = valid.filter((r) => r.start <= a && r.end >= b);
      const inFocus = focus && focus.start <= a && focus.end >= b;
      if (!covering.length && !inFocus) { box.append(text); continue; }
      const classes = new Set(['hl']);
      const titles = [], ids = [];
      for (const r of covering) {
        r.cls.split(' ').forEach((c) => classes.add(c));
        if (r.title) titles.push(r.title);
        if (r.id) ids.push(r.id);
      }
      if (inFocus) classes.add('focus');
      /* data-in: the ranges this piece belongs to (a range may be cut in several pieces) */
      const span = h('span', { class: [...classes].join(' '), title: titles.join(' · ') || null,
        'data-in': ids.join(' ') || null }, text);
      if (inFocus && focus.start === a) { span.id = 'focus'; span.setAttribute('data-focus', ''); }
      box.append(span);
    }
    return box;
  }

  function excerpt(bytes, start, end, pad) {
    const a = Math.max(0, start - pad), b = Math.min(bytes.length, end + pad);
    /* step off UTF-8 continuation bytes so the excerpt starts and ends on characters */
    let x = a; while (x > 0 && (bytes[x] & 0xc0) === 0x80) x--;
    let y = b; while (y < bytes.length && (bytes[y] & 0xc0) === 0x80) y++;
    return h('span', {}, x > 0 ? '…' : '', utf8.decode(bytes.subarray(x, start)),
      h('mark', {}, utf8.decode(bytes.subarray(start, end))),
      utf8.decode(bytes.subarray(end, y)), y < bytes.length ? '…' : '');
  }

  /* Marks every occurrence of the words of q (case-insensitive) in text. */
  function markWords(text, q) {
    const words = (q || '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    if (!words.length) return [text];
    const re = new RegExp('(' + words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')', 'giu');
    return text.split(re).map((part, i) => (i % 2 ? h('mark', {}, part) : part));
  }

  /* ---- views ---- */

  async function viewOverview(root) {
    root.append(h('h1', {}, 'U.S.–Japan two-plus-two: overview'));
    const counts = h('div', {}), chart = h('div', {}), lists = h('div', { class: 'grid2' });
    const meetings = h('div', {}), docs = h('div', {});
    lists.append(h('section', {}, h('h2', {}, 'Meetings by year'), meetings),
      h('section', {}, h('h2', {}, 'Dated documents'), docs));
    root.append(counts, h('h2', {}, 'Timeline'), chart, lists);
    const timeline = getJSON('/v1/timeline?bucket=year&items=100');
    await Promise.all([
      section(counts, 'counts', async () => {
        const st = await getJSON('/v1/stats');
        const c = st.counts;
        const card = (n, label, hash) => h('a', { class: 'card', href: hash }, h('b', {}, n), label);
        return h('div', { class: 'cards', id: 'counts' },
          card(c.meetings, 'meetings', '#/meetings'), card(c.documents, 'documents', '#/documents'),
          card(c.statements, 'statements', '#/statements'), card(c.entities, 'entities', '#/entities'),
          card(c.mentions, 'mentions', '#/entities'));
      }),
      section(chart, 'timeline', async () => timelineChart((await timeline).buckets)),
      section(meetings, 'meetings', async () => {
        const t = await timeline;
        const withMeetings = t.buckets.filter((b) => b.meetings.length);
        if (!withMeetings.length) return empty('No meetings.');
        return h('ul', { class: 'list' }, withMeetings.map((b) => h('li', { id: 'year-' + b.period },
          h('strong', {}, b.period), ' ',
          b.meetings.map((m, i) => [i ? ', ' : '', link('#/meeting/' + enc(m.id), m.date + ' ' + (m.title || m.id)),
            m.status !== 'held' ? h('span', { class: 'chip' }, m.status) : null]),
          b.counts.meetings > b.meetings.length
            ? [' ', link('#/meetings?from=' + b.period + '&to=' + b.period, '+' + (b.counts.meetings - b.meetings.length) + ' more')] : null)));
      }),
      section(docs, 'documents', async () => {
        const t = await timeline;
        const all = t.buckets.flatMap((b) => b.documents);
        if (!all.length) return empty('No documents.');
        return h('ul', { class: 'list' }, all.map((d) => h('li', {}, docLink(d.id, d.title || d.id), ' ',
          h('span', { class: 'meta' }, d.date || 'undated'))));
      }),
    ]);
  }

  function timelineChart(buckets) {
    if (!buckets.length) return empty('Nothing dated.');
    const years = buckets.map((b) => +b.period).filter((y) => !Number.isNaN(y));
    const lo = Math.min(...years), hi = Math.max(...years);
    const byYear = new Map(buckets.map((b) => [+b.period, b]));
    const n = hi - lo + 1, W = 720, H = 180, pad = 24, bw = (W - 2 * pad) / n;
    const max = Math.max(1, ...buckets.map((b) => Math.max(b.counts.meetings, b.counts.documents)));
    const y = (v) => (H - pad) - (v / max) * (H - 2 * pad);
    const svg = s('svg', { class: 'chart', id: 'timeline', viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': `Meetings and documents per year, ${lo} to ${hi}` });
    svg.append(s('line', { x1: pad, x2: W - pad, y1: H - pad, y2: H - pad, stroke: '#999' }));
    for (let yr = lo; yr <= hi; yr++) {
      const b = byYear.get(yr), x = pad + (yr - lo) * bw;
      if ((yr - lo) % Math.max(1, Math.ceil(n / 12)) === 0 || yr === hi)
        svg.append(s('text', { x: x + bw / 2, y: H - 8, 'text-anchor': 'middle' }, String(yr)));
      if (!b) continue;
      const label = `${yr}: ${b.counts.meetings} meetings, ${b.counts.documents} documents`;
      const g = s('a', { href: '#/meetings?from=' + yr + '&to=' + yr, 'aria-label': label });
      g.append(s('title', {}, label));
      const half = Math.max(1, bw / 2 - 1);
      if (b.counts.meetings) g.append(s('rect', { class: 'bar-meetings', x: x + 1, width: half,
        y: y(b.counts.meetings), height: (H - pad) - y(b.counts.meetings) }));
      if (b.counts.documents) g.append(s('rect', { class: 'bar-documents', x: x + 1 + half, width: half,
        y: y(b.counts.documents), height: (H - pad) - y(b.counts.documents) }));
      svg.append(g);
    }
    return h('figure', { class: 'panel' }, svg, h('figcaption', { class: 'legend' },
      h('span', {}, h('span', { class: 'chip', style: 'background:#1d5fa7;color:#fff' }, '■'), 'meetings'),
      h('span', {}, h('span', { class: 'chip', style: 'background:#e08a2e;color:#fff' }, '■'), 'documents'),
      h('span', { class: 'muted' }, 'Select a bar for that year\'s meetings.')));
  }

  async function viewMeetings(root, params) {
    root.append(h('h1', {}, 'Meetings'));
    const form = filterForm(params, [
      { name: 'from', label: 'From (YYYY[-MM[-DD]])', size: 10 },
      { name: 'to', label: 'To', size: 10 },
      { name: 'kind', label: 'Kind', size: 8 },
    ], '#/meetings');
    const slot = h('div', {});
    root.append(form, slot);
    await section(slot, 'meetings', async () => {
      const rows = await getAll('/v1/meetings' + query(params, ['from', 'to', 'kind']), 1000);
      if (!rows.length) return empty('No meeting matches these filters.');
      return h('table', { id: 'meetings' }, h('thead', {}, h('tr', {}, ['Date', 'Meeting', 'Place', 'Participants'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((m) => h('tr', {},
          h('td', {}, fmtDate(m.date)),
          h('td', {}, link('#/meeting/' + enc(m.id), m.label || m.id), ' ', h('span', { class: 'chip' }, m.kind),
            m.status !== 'held' ? h('span', { class: 'chip' }, m.status) : null),
          h('td', {}, [m.place.name, m.place.venue].filter(Boolean).join(' — ') || '—'),
          h('td', {}, m.participants.map((p) => p.name).join(', ') || '—')))));
    });
  }

  async function viewMeeting(root, id) {
    const m = await getJSON('/v1/meetings/' + enc(id));
    root.append(h('h1', {}, m.label || m.id),
      h('p', { class: 'meta' }, h('span', { class: 'chip' }, m.kind), h('span', { class: 'chip' }, m.status),
        'Date: ', h('strong', { id: 'meeting-date' }, m.date.date || 'unknown'),
        m.date.precision ? ' (precision: ' + m.date.precision + ')' : '',
        ' · Place: ', h('strong', {}, [m.place.name, m.place.venue].filter(Boolean).join(' — ') || 'unknown'),
        ' · Origin: ', m.origin));
    if (m.registry && m.registry.note) root.append(h('p', {}, m.registry.note));
    const evidence = [];
    const addEv = (doc, start, end, cls, title) => {
      const n = evidence.length;
      evidence.push({ doc, start, end, cls, title, id: 'ev-' + n });
      return 'ev-' + n;
    };
    const evLink = (doc, start, end, cls, title, text) => {
      const anchor = addEv(doc, start, end, cls, title);
      return h('a', { href: '#/document/' + enc(doc) + '?hl=' + start + '-' + end, class: 'evlink', 'data-anchor': anchor,
        title: 'Show in the source text below' }, text || 'source');
    };

    /* A participant may be named in several texts (one row each) and in the registry (a row
     * with no document): every row with a place in a text gets a link. */
    const pev = new Map();
    for (const p of m.participant_evidence || []) {
      if (!p.evidence || !p.evidence.document) continue;
      if (!pev.has(p.id)) pev.set(p.id, []);
      pev.get(p.id).push(p);
    }
    const fromRegistry = new Set((m.participant_evidence || []).filter((p) => p.origin === 'registry').map((p) => p.id));
    root.append(h('h2', {}, 'Participants'));
    root.append(m.participants.length ? h('ul', { class: 'list', id: 'participants' }, m.participants.map((p) => {
      const rows = pev.get(p.id) || [];
      return h('li', {}, p.id ? link('#/entity/' + enc(p.id), p.name) : p.name, ' — ', h('span', { class: 'meta' }, p.role || 'role unknown'),
        fromRegistry.has(p.id) ? h('span', { class: 'chip' }, 'registry') : null,
        rows.map((e) => [' · ', evLink(e.evidence.document, e.evidence.start, e.evidence.end, 'evidence',
          'participant: ' + (e.name || p.name) + (e.role ? ', ' + e.role : ''), 'named as “' + (e.name || p.name) + '”')]));
    })) : empty('No participants recorded.'));

    root.append(h('h2', {}, 'Evidence for the meeting'));
    const inText = m.evidence.filter((e) => e.document);
    root.append(inText.length ? h('ul', { class: 'list', id: 'evidence' }, inText.map((e) => h('li', {},
      h('span', { class: 'chip' }, e.field), h('q', {}, e.text), ' ', evLink(e.document, e.start, e.end, 'evidence', e.field))))
      : empty('No evidence in the texts (registry only).'));

    root.append(h('h2', {}, 'Outcomes'));
    const outcomes = (m.outcomes || []).filter((o) => o.document);
    root.append(outcomes.length ? h('ul', { class: 'list', id: 'outcomes' }, outcomes.map((o) => h('li', {},
      o.text, ' ', evLink(o.document, o.start, o.end, 'evidence', 'outcome')))) : empty('No outcomes found in the texts.'));

    root.append(h('h2', {}, 'Statements'));
    root.append((m.statements || []).length ? h('ul', { class: 'list', id: 'statements' }, m.statements.map((st) => {
      addEv(st.document, st.start, st.end, 'quote', 'statement' + (st.speaker ? ' by ' + st.speaker.name : ''));
      return h('li', {}, h('blockquote', {}, link('#/statement/' + enc(st.id), st.text, { class: 'statement-link' })),
        h('span', { class: 'meta' }, '— ', st.speaker ? link('#/entity/' + enc(st.speaker.id), st.speaker.name) : (st.speaker_description || 'unattributed'),
          st.speaker && st.speaker.role ? ', ' + st.speaker.role : '', ' (', st.kind, ')'));
    })) : empty('No statements attributed to this meeting.'));

    if (m.registry) {
      const r = m.registry;
      root.append(h('h2', {}, 'Registry record'), h('p', { class: 'meta' },
        [r.city, r.venue].filter(Boolean).join(', '), r.uncertain ? ' · Uncertain: ' + r.uncertain : '', ' · ',
        r.source ? h('a', { href: r.source, rel: 'noopener' }, 'source') : ''));
    }

    root.append(h('h2', {}, 'Source texts'));
    const docs = m.document_list || [];
    if (!docs.length) { root.append(empty('No document mentions this meeting.')); return; }
    const texts = docs.map((d) => {
      const slot = h('div', {});
      root.append(h('h3', {}, docLink(d.id, d.title || d.id), ' ', h('span', { class: 'meta' }, d.published || '')), slot);
      return section(slot, 'source text', async () => {
        const bytes = await getText(d.id);
        return highlighted(bytes, evidence.filter((e) => e.doc === d.id));
      });
    });
    /* "source" links jump to the highlight on this page when its text is shown here */
    root.addEventListener('click', (ev) => {
      const a = ev.target.closest('a.evlink');
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      const pieces = root.querySelectorAll('.source [data-in~="' + a.dataset.anchor + '"]');
      if (!pieces.length) return;
      ev.preventDefault();
      root.querySelectorAll('.source .focus').forEach((el) => el.classList.remove('focus'));
      pieces.forEach((el) => el.classList.add('focus'));
      const target = pieces[0];
      target.scrollIntoView({ block: 'center' });
      target.setAttribute('tabindex', '-1');
      target.focus();
    });
    await Promise.all(texts);
  }

  async function viewStatement(root, id) {
    const st = await getJSON('/v1/statements/' + enc(id));
    root.append(h('h1', {}, 'Statement'),
      h('blockquote', { id: 'statement-text' }, st.text),
      h('p', { class: 'meta' }, st.speaker ? link('#/entity/' + enc(st.speaker.id), st.speaker.name) : (st.speaker_description || 'unattributed'),
        st.speaker && st.speaker.role ? ', ' + st.speaker.role : '', ' · ', st.kind, ' · cue “', st.cue || '—', '” · ',
        fmtDate(st.date), ' · confidence ', st.confidence,
        st.meeting ? [' · meeting ', link('#/meeting/' + enc(st.meeting), st.meeting)] : ''),
      h('p', {}, link('#/document/' + enc(st.document.id) + '?hl=' + st.start + '-' + st.end,
        'Show in the source text: ' + (st.document.title || st.document.id), { id: 'to-source' })));
    if (st.context) {
      root.append(h('h2', {}, 'In context'), h('p', { class: 'panel' }, '…', st.context.before,
        h('mark', {}, st.text), st.context.after, '…'));
    }
    if (st.mentioned && st.mentioned.length) {
      root.append(h('h2', {}, 'Mentioned'), h('p', {}, st.mentioned.map((e, i) => [i ? ', ' : '', link('#/entity/' + enc(e), e)])));
    }
  }

  const PAGE = 100;

  /* A list's page of the API (filters from the URL, its cursor too) and the line under it:
   * how many in all, and links to the next page and back to the first (URLs, so shareable). */
  async function listPage(path, params, names) {
    const qs = query(params, names.concat('cursor'));
    return getJSON(path + qs + (qs ? '&' : '?') + 'limit=' + PAGE);
  }

  function pager(hashBase, params, page, what) {
    const at = h('span', {}, page.page.total + ' ' + what + (page.page.total > page.data.length
      ? ', ' + page.data.length + ' on this page' : ''));
    const links = [];
    const to = (cursor) => {
      const q = new URLSearchParams(params);
      if (cursor) q.set('cursor', cursor); else q.delete('cursor');
      return hashBase + (q.toString() ? '?' + q : '');
    };
    if (params.get('cursor')) links.push(link(to(null), '« First page', { class: 'first-page' }));
    if (page.page.next_cursor) links.push(link(to(page.page.next_cursor), 'Next page »', { class: 'next-page', rel: 'next' }));
    return h('p', { class: 'pager meta' }, at, links);
  }

  function query(params, names) {
    const q = new URLSearchParams();
    for (const n of names) if (params.get(n)) q.set(n, params.get(n));
    const str = q.toString();
    return str ? '?' + str : '';
  }

  /* A filter form whose submit writes its fields into the URL hash (shareable). */
  function filterForm(params, fields, hashBase) {
    const form = h('form', { class: 'filters', role: 'search' });
    for (const f of fields) {
      const id = 'f-' + f.name;
      let input;
      if (f.options) {
        input = h('select', { id, name: f.name }, h('option', { value: '' }, 'any'),
          f.options.map((o) => h('option', { value: o, selected: params.get(f.name) === o }, o)));
      } else {
        input = h('input', { id, name: f.name, value: params.get(f.name) || '', size: f.size || 20,
          placeholder: f.placeholder || null, list: f.list || null, type: f.type || 'text' });
      }
      form.append(h('label', { for: id }, f.label, input));
    }
    form.append(h('button', { type: 'submit' }, 'Apply'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (String(v).trim()) q.set(k, String(v).trim());
      const str = q.toString();
      location.hash = hashBase + (str ? '?' + str : '');
    });
    return form;
  }

  async function viewEntities(root, params) {
    root.append(h('h1', {}, 'Entities'));
    root.append(filterForm(params, [
      { name: 'q', label: 'Name or alias starts with', placeholder: 'e.g. Rice' },
      { name: 'type', label: 'Type', options: TYPES },
    ], '#/entities'));
    const slot = h('div', {});
    root.append(slot);
    await section(slot, 'entities', async () => {
      const page = await listPage('/v1/entities', params, ['q', 'type']);
      if (!page.data.length) return empty('No entity matches.');
      return h('div', {}, pager('#/entities', params, page, 'entities, most mentioned first'),
        h('table', { id: 'entities' }, h('thead', {}, h('tr', {}, ['Entity', 'Type', 'Mentions', 'Documents', 'Statements', 'Seen'].map((t) => h('th', {}, t)))),
          h('tbody', {}, page.data.map((e) => h('tr', {},
            h('td', {}, link('#/entity/' + enc(e.id), e.name)), h('td', {}, h('span', { class: 'chip ' + e.type }, e.type)),
            h('td', {}, e.mentions), h('td', {}, e.documents), h('td', {}, e.statements),
            h('td', {}, [e.first_seen, e.last_seen].filter(Boolean).join(' – ')))))));
    });
  }

  async function viewEntity(root, id) {
    const e = await getJSON('/v1/entities/' + enc(id));
    root.append(h('h1', {}, e.name, ' ', h('span', { class: 'chip ' + e.type }, e.type)),
      h('p', { class: 'meta' }, e.mentions + ' mentions in ' + e.documents + ' documents · ' + e.statements + ' statements',
        e.aliases && e.aliases.length ? ' · also: ' + e.aliases.join(', ') : ''));
    if (e.roles && e.roles.length) {
      root.append(h('ul', {}, e.roles.map((r) => h('li', {}, r.title, r.from ? ' (' + r.from + ' – ' + (r.to || '') + ')' : ''))));
    }
    const graph = h('div', {}), mentions = h('div', {}), statements = h('div', {});
    root.append(h('div', { class: 'grid2' },
      h('section', {}, h('h2', {}, 'Related entities'), graph),
      h('section', {}, h('h2', {}, 'Statements'), statements)),
    h('h2', {}, 'Mentions'), mentions);
    await Promise.all([
      section(graph, 'related entities', async () => {
        const rel = await getJSON('/v1/entities/' + enc(id) + '/related?limit=12');
        if (!rel.data.length) return empty('No entity shares a sentence with this one.');
        return relatedGraph(e, rel.data);
      }),
      section(statements, 'statements', async () => {
        const page = await getJSON('/v1/entities/' + enc(id) + '/statements?limit=50');
        if (!page.data.length) return empty('No statements by or about this entity.');
        return h('ul', { class: 'list' }, page.data.map((st) => h('li', {},
          link('#/statement/' + enc(st.id), '“' + st.text + '”'), ' ',
          h('span', { class: 'meta' }, '— ', st.speaker ? st.speaker.name : 'unattributed'))));
      }),
      section(mentions, 'mentions', async () => {
        const page = await getJSON('/v1/entities/' + enc(id) + '/mentions?limit=100');
        if (!page.data.length) return empty('No mentions in the texts.');
        const titles = new Map((e.document_list || []).map((d) => [d.id, d.title]));
        return h('ul', { class: 'list', id: 'mentions' }, page.data.map((mn) => h('li', {},
          '…', mn.context.before, h('mark', {}, mn.surface), mn.context.after, '… ',
          docLink(mn.document, 'in ' + (titles.get(mn.document) || mn.document), mn.start, mn.end),
          mn.role ? h('span', { class: 'meta' }, ' · as ' + mn.role) : null)));
      }),
    ]);
  }

  /* A star graph: the entity in the middle, related entities around it, edges as wide as
   * the number of sentences they share. Every node is a link (keyboard: Tab, Enter). */
  function relatedGraph(center, related) {
    const W = 600, H = 340, cx = W / 2, cy = H / 2, RX = 170, RY = 125;
    const short = (name) => (name.length > 24 ? name.slice(0, 23) + '…' : name);
    const max = Math.max(...related.map((r) => r.sentences));
    const svg = s('svg', { class: 'graph', id: 'related-graph', viewBox: `0 0 ${W} ${H}`, role: 'group',
      'aria-label': 'Entities that share sentences with ' + center.name });
    const nodes = related.map((r, i) => {
      const a = (2 * Math.PI * i) / related.length - Math.PI / 2;
      return { r, a, x: cx + RX * Math.cos(a), y: cy + RY * Math.sin(a) };
    });
    for (const n of nodes) {
      svg.append(s('line', { x1: cx, y1: cy, x2: n.x, y2: n.y, 'stroke-width': 1 + 4 * (n.r.sentences / max) }));
    }
    svg.append(s('g', { class: 'center' }, s('circle', { cx, cy, r: 10 }),
      s('text', { x: cx, y: cy - 14, 'text-anchor': 'middle', 'font-weight': 'bold' }, center.name)));
    for (const n of nodes) {
      const label = `${n.r.entity.name} (${n.r.entity.type}): ${n.r.sentences} shared sentences in ${n.r.documents} documents`;
      const a = s('a', { href: '#/entity/' + enc(n.r.entity.id), 'aria-label': label });
      /* labels point away from the centre: left of the nodes on the left, and so on */
      const cos = Math.cos(n.a), sin = Math.sin(n.a);
      const anchor = Math.abs(cos) < 0.35 ? 'middle' : cos < 0 ? 'end' : 'start';
      a.append(s('title', {}, label), s('circle', { cx: n.x, cy: n.y, r: 6 + 3 * (n.r.sentences / max) }),
        s('text', { x: n.x + 14 * cos, y: n.y + 4 + (anchor === 'middle' ? 16 * Math.sign(sin) : 0),
          'text-anchor': anchor }, short(n.r.entity.name)));
      svg.append(a);
    }
    return h('div', { class: 'panel' }, svg);
  }

  let peopleList = null;
  async function speakerOptions() {
    if (!peopleList) peopleList = getJSON('/v1/entities?type=person&limit=200').then((p) => p.data).catch(() => []);
    return peopleList;
  }

  async function viewStatements(root, params) {
    root.append(h('h1', {}, 'Statements'));
    const datalist = h('datalist', { id: 'speakers' });
    speakerOptions().then((people) => datalist.append(...people.map((p) => h('option', { value: p.id }, p.name))));
    root.append(datalist, filterForm(params, [
      { name: 'q', label: 'Text', placeholder: 'e.g. treaty' },
      { name: 'speaker', label: 'Speaker (entity id)', list: 'speakers', placeholder: 'e.g. john-kerry' },
      { name: 'from', label: 'From (YYYY[-MM[-DD]])', size: 10 },
      { name: 'to', label: 'To', size: 10 },
    ], '#/statements'));
    const slot = h('div', {});
    root.append(slot);
    await section(slot, 'statements', async () => {
      const page = await listPage('/v1/statements', params, ['q', 'speaker', 'from', 'to']);
      if (!page.data.length) return empty('No statement matches these filters.');
      /* context: the bytes around each statement in its document */
      const texts = new Map();
      await Promise.all([...new Set(page.data.map((st) => st.document.id))].map(async (d) => {
        try { texts.set(d, await getText(d)); } catch (e) { /* the list still shows */ }
      }));
      return h('div', {}, pager('#/statements', params, page, 'statements'),
        h('ul', { class: 'list', id: 'statement-results' }, page.data.map((st) => {
          const bytes = texts.get(st.document.id);
          return h('li', {},
            h('p', {}, link('#/statement/' + enc(st.id), markWords(st.text, params.get('q')), { class: 'statement-link' })),
            bytes ? h('p', { class: 'meta context' }, excerpt(bytes, st.start, st.end, 120)) : null,
            h('p', { class: 'meta' }, '— ', st.speaker ? link('#/entity/' + enc(st.speaker.id), st.speaker.name) : (st.speaker_description || 'unattributed'),
              ' · ', fmtDate(st.date), ' · ', docLink(st.document.id, st.document.title || st.document.id, st.start, st.end)));
        })));
    });
  }

  async function viewDocuments(root) {
    root.append(h('h1', {}, 'Documents'));
    const slot = h('div', {});
    root.append(slot);
    await section(slot, 'documents', async () => {
      const rows = await getAll('/v1/documents', 2000);
      if (!rows.length) return empty('No documents were ingested.');
      return h('table', { id: 'documents' }, h('thead', {}, h('tr', {}, ['Title', 'Source', 'Published', 'Words'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((d) => h('tr', {}, h('td', {}, docLink(d.id, d.title || d.file_name)),
          h('td', {}, d.source || '—'), h('td', {}, fmtDate(d.published)), h('td', {}, d.word_count)))));
    });
  }

  async function viewDocument(root, id, params) {
    const showRemoved = params.get('removed') === '1';
    const doc = await getJSON('/v1/documents/' + enc(id) + (showRemoved ? '?include=removed' : ''));
    const hl = /^(\d+)-(\d+)$/.exec(params.get('hl') || '');
    const focus = hl ? { start: +hl[1], end: +hl[2] } : null;
    const toggle = new URLSearchParams(params);
    if (showRemoved) toggle.delete('removed'); else toggle.set('removed', '1');
    root.append(h('h1', {}, doc.title || doc.file_name),
      h('p', { class: 'meta' }, [doc.source, fmtDate(doc.published), doc.byline, doc.word_count + ' words'].filter(Boolean).join(' · '),
        doc.url ? [' · ', h('a', { href: doc.url, rel: 'noopener' }, 'original')] : ''),
      h('p', {}, link('#/document/' + enc(id) + (toggle.toString() ? '?' + toggle : ''),
        showRemoved ? 'Hide removed boilerplate' : 'Show removed boilerplate', { id: 'toggle-removed' })),
      h('div', { class: 'legend' }, h('span', { class: 'hl quote' }, 'statement'),
        TYPES.map((t) => h('span', { class: 'hl ent ' + t }, t)), focus ? h('span', { class: 'hl focus' }, 'selected evidence') : null));
    const slot = h('div', {});
    root.append(slot);
    if (showRemoved) {
      const removed = doc.removed || [];
      root.append(h('h2', {}, 'Removed from the raw file'), removed.length ? h('ul', { class: 'list', id: 'removed' },
        removed.map((r) => h('li', {}, h('span', { class: 'chip' }, r.reason), h('span', { class: 'hl removed' }, r.text),
          h('span', { class: 'meta' }, ` (raw bytes ${r.raw_start}–${r.raw_end})`)))) : empty('Nothing was removed.'));
    }
    await section(slot, 'text', async () => {
      const [bytes, statements, entities] = await Promise.all([
        getText(id),
        getAll('/v1/statements?document=' + enc(id), 1000),
        getAll('/v1/documents/' + enc(id) + '/entities', 400),
      ]);
      const mentionLists = await Promise.all(entities.slice(0, 60).map((e) =>
        getAll('/v1/entities/' + enc(e.id) + '/mentions?document=' + enc(id), 400)
          .then((ms) => ms.map((mn) => ({ start: mn.start, end: mn.end, cls: 'ent ' + e.type, title: e.name + ' (' + e.type + ')' })))
          .catch(() => [])));
      const ranges = statements.map((st) => ({ start: st.start, end: st.end, cls: 'quote',
        title: 'statement' + (st.speaker ? ' by ' + st.speaker.name : '') }))
        .concat(mentionLists.flat());
      const box = highlighted(bytes, ranges, focus);
      return h('div', {}, box, h('h2', {}, 'Entities in this document'),
        entities.length ? h('p', {}, entities.map((e, i) => [i ? ' ' : '', h('a', { href: '#/entity/' + enc(e.id), class: 'chip ' + e.type }, e.name + ' ×' + e.mentions)]))
          : empty('No entities recognised.'));
    });
    const target = document.getElementById('focus');
    if (target) { target.scrollIntoView({ block: 'center' }); }
  }

  /* ---- routing ---- */

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, '');
    const qAt = raw.indexOf('?');
    const path = (qAt >= 0 ? raw.slice(0, qAt) : raw).split('/').map((p) => { try { return decodeURIComponent(p); } catch (e) { return p; } });
    const params = new URLSearchParams(qAt >= 0 ? raw.slice(qAt + 1) : '');
    return { view: path[0] || 'overview', id: path[1] || '', params };
  }

  const views = {
    overview: { nav: 'overview', run: (root) => viewOverview(root) },
    meetings: { nav: 'meetings', run: (root, r) => viewMeetings(root, r.params) },
    meeting: { nav: 'meetings', run: (root, r) => viewMeeting(root, r.id) },
    entities: { nav: 'entities', run: (root, r) => viewEntities(root, r.params) },
    entity: { nav: 'entities', run: (root, r) => viewEntity(root, r.id) },
    statements: { nav: 'statements', run: (root, r) => viewStatements(root, r.params) },
    statement: { nav: 'statements', run: (root, r) => viewStatement(root, r.id) },
    documents: { nav: 'documents', run: (root) => viewDocuments(root) },
    document: { nav: 'documents', run: (root, r) => viewDocument(root, r.id, r.params) },
  };

  async function route() {
    const seq = ++renderSeq;
    const r = parseHash();
    const view = views[r.view];
    document.querySelectorAll('.top nav a').forEach((a) => {
      if (view && a.dataset.view === view.nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    document.getElementById('api-base').value = apiBase();
    const root = h('div', { 'data-view': r.view, 'aria-busy': 'true' });
    main.replaceChildren(root);
    document.title = 'twoplus · ' + r.view + (r.id ? ' ' + r.id : '');
    if (!view) {
      root.append(h('div', { class: 'state error', role: 'alert' }, 'No such view: “' + r.view + '”. ', link('#/', 'Back to the overview')));
    } else {
      try {
        await view.run(root, r);
      } catch (err) {
        if (seq === renderSeq) root.append(errorBox(err));
      }
    }
    if (seq === renderSeq) {
      root.setAttribute('aria-busy', 'false');
      document.body.dataset.ready = r.view; /* tests wait on this */
    }
  }

  document.getElementById('api-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    setApiBase(document.getElementById('api-base').value);
  });
  window.addEventListener('hashchange', () => {
    delete document.body.dataset.ready;
    route().then(() => { if (!document.getElementById('focus')) main.focus({ preventScroll: true }); });
  });
  route();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', twoplusDashboard);
else twoplusDashboard();
