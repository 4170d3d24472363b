#!/usr/bin/env node
// tests/e2e/dashboard.mjs: the dashboard (ui/) in a real browser against a real server.
// Starts twoplus on 127.0.0.1:0, opens the page it serves at "/" in headless Chromium (the
// Debian package, driven by playwright-core; nothing is downloaded), and checks that every
// view shows the data the API gives, that a click leads from a meeting to one of its
// statements and from there to the statement highlighted in its source text, the loading,
// empty and error states, keyboard use, a narrow screen, and the page served from another
// origin with ?api= (CORS). Ids, words and dates come from the API, never from this file.
//
//   node tests/e2e/dashboard.mjs --binary build/twoplus [--corpus corpus] [--out DIR]
//
// Writes a screenshot of each view to DIR (default: e2e/ beside the binary, so build/e2e/).
// Prints "ok - ..." or "not ok - ..." per check, then "N passed, M failed"; exits 1 if a
// check failed, 2 if it could not run (no Chromium at $CHROMIUM or /usr/bin/chromium).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const START_TIMEOUT_MS = 120000; /* a sanitizer build is slow to ingest */
const VIEW_TIMEOUT_MS = 20000;

function usage(msg) {
  if (msg) process.stderr.write(`e2e: ${msg}\n`);
  process.stderr.write('usage: node tests/e2e/dashboard.mjs --binary PATH [--corpus DIR] [--data DIR] [--out DIR]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { binary: null, corpus: join(ROOT, 'corpus'), data: join(ROOT, 'data'), out: null };
  for (let i = 0; i < argv.length; i++) {
    const key = { '--binary': 'binary', '--corpus': 'corpus', '--data': 'data', '--out': 'out' }[argv[i]];
    if (!key) usage(`unknown argument '${argv[i]}'`);
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    opts[key] = resolve(argv[++i]);
  }
  if (!opts.binary) usage('give --binary');
  opts.out ??= join(dirname(opts.binary), 'e2e');
  return opts;
}

/* ---------------------------------------------------------------- reporting */

let passed = 0;
let failed = 0;

async function check(name, fn) {
  let problems;
  try {
    problems = (await fn()) || [];
  } catch (err) {
    problems = [String(err?.message || err).split('\n').slice(0, 4).join(' ')];
  }
  if (problems.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}`);
    for (const p of problems) console.log(`#   ${p}`);
  }
}

/* ---------------------------------------------------------------- the server and the API */

async function startServer(opts) {
  if (!existsSync(opts.binary)) throw new Error(`no server binary at ${opts.binary}`);
  const child = spawn(opts.binary, ['--listen', '127.0.0.1:0', '--access-log', 'off', '--corpus', opts.corpus,
    '--data', opts.data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const base = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`no listening line in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^twoplus listening on (http:\/\/\S+)$/m);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`the server exited (${code}):\n${stderr}`)); });
  });
  return { child, base, exited, stderr: () => stderr };
}

/* A plain static server for ui/ on another port: the dashboard from another origin. */
function startStatic() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    const ext = name.slice(name.lastIndexOf('.'));
    if (!/^[a-z]+\.[a-z]+$/.test(name) || !types[ext] || !existsSync(join(ROOT, 'ui', name))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[ext] }).end(readFileSync(join(ROOT, 'ui', name)));
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

let apiBase = '';
let serverChild = null; /* killed if the run dies on the way */
async function api(path) {
  const res = await fetch(apiBase + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}
async function apiAll(path) {
  const out = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    out.push(...page.data);
    cursor = page.page.next_cursor;
  } while (cursor);
  return out;
}
const textCache = new Map();
async function sourceSlice(doc, start, end) {
  if (!textCache.has(doc)) {
    const res = await fetch(`${apiBase}/v1/documents/${encodeURIComponent(doc)}/text`);
    textCache.set(doc, Buffer.from(await res.arrayBuffer()));
  }
  return textCache.get(doc).subarray(start, end).toString('utf8');
}
const squash = (s) => String(s).replace(/\s+/g, ' ').trim();

/* What the checks need, found through the API: the meeting with the most statements that a
 * text reports, one of its statements, a person with related entities, a word to search. */
async function discover() {
  const meetings = await apiAll('/v1/meetings');
  const reported = meetings.filter((m) => m.documents > 0);
  const details = await Promise.all(reported.map((m) => api('/v1/meetings/' + encodeURIComponent(m.id))));
  const meeting = details.filter((m) => m.statements.length && m.document_list.length)
    .sort((a, b) => b.statements.length - a.statements.length)[0];
  if (!meeting) throw new Error('no meeting with statements and a document: the corpus gives the meeting view nothing to show');
  /* its longest statement: a word to search for, words to see highlighted */
  const longest = [...meeting.statements].sort((a, b) => b.text.length - a.text.length)[0];
  const statement = await api('/v1/statements/' + encodeURIComponent(longest.id));
  const entities = await apiAll('/v1/entities?min_mentions=1');
  const entity = entities.find((e) => e.type === 'person' && e.statements > 0) || entities[0];
  const related = await api('/v1/entities/' + encodeURIComponent(entity.id) + '/related?limit=12');
  const mentions = await api('/v1/entities/' + encodeURIComponent(entity.id) + '/mentions?limit=100');
  const words = (statement.text.match(/\p{L}{6,}/gu) || []).sort((a, b) => b.length - a.length);
  if (!words.length) throw new Error(`statement ${statement.id} has no word of 6 letters to search for`);
  const documents = await apiAll('/v1/documents');
  return { meeting, statement, entity, related, mentions, word: words[0], documents, meetings };
}

/* ---------------------------------------------------------------- the browser */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    console.log(`not ok - e2e: no Chromium at ${CHROMIUM}; install the Debian package (tools/install-deps or ` +
      'apt-get install chromium) or set CHROMIUM. SKIPPED, COUNTED AS A FAILURE.');
    process.exit(2);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    console.log(`not ok - e2e: playwright-core is not installed (npm ci): ${err.message}`);
    process.exit(2);
  }
  mkdirSync(opts.out, { recursive: true });

  const server = await startServer(opts);
  serverChild = server.child;
  apiBase = server.base;
  const statik = await startStatic();
  const staticBase = `http://127.0.0.1:${statik.address().port}`;
  console.log(`# server ${apiBase}, static ui/ on ${staticBase}, screenshots in ${opts.out}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(VIEW_TIMEOUT_MS);
  const page = await context.newPage();

  /* Offline: every request goes to the two local servers. Script errors fail the run. */
  const foreign = [], scriptErrors = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['data:', 'about:', 'file:'].includes(u.protocol) && u.hostname !== '127.0.0.1') foreign.push(req.url());
  });
  page.on('pageerror', (err) => scriptErrors.push(err.message));
  page.on('console', (msg) => {
    /* the error-state checks below make the API answer 4xx on purpose */
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()))
      scriptErrors.push(msg.text());
  });

  const shot = (name) => page.screenshot({ path: join(opts.out, name + '.png'), fullPage: true });
  /* Loads the page served at "/" afresh at a hash (a shared URL) and waits for the view. */
  async function open(hash, view, base = apiBase + '/') {
    await page.goto('about:blank');
    await page.goto(base + hash);
    await page.waitForSelector(`body[data-ready="${view}"]`);
  }
  async function follow(action, view) {
    await page.evaluate(() => { delete document.body.dataset.ready; });
    await action();
    await page.waitForSelector(`body[data-ready="${view}"]`);
  }
  const texts = (sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent));

  let data;
  await check('the API gives what the checks need (meeting, statement, entity, word)', async () => {
    data = await discover();
    console.log(`# meeting ${data.meeting.id}, statement ${data.statement.id}, entity ${data.entity.id}, word "${data.word}"`);
  });
  if (!data) return finish();

  /* ---- overview */
  await check('overview: "/" in a browser is the dashboard; counts and timeline are the API\'s', async () => {
    const problems = [];
    await open('', 'overview');
    const stats = await api('/v1/stats');
    const cards = await page.$$eval('#counts .card', (els) => els.map((e) => [e.querySelector('b').textContent, e.textContent]));
    for (const key of ['meetings', 'documents', 'statements', 'entities']) {
      const card = cards.find(([, t]) => t.endsWith(key));
      if (!card || +card[0] !== stats.counts[key]) problems.push(`card ${key}: ${card?.[0]}, API ${stats.counts[key]}`);
    }
    const timeline = await api('/v1/timeline?bucket=year');
    const bars = await page.$$eval('#timeline a', (els) => els.map((e) => e.getAttribute('aria-label')));
    const want = timeline.buckets.map((b) => `${b.period}: ${b.counts.meetings} meetings, ${b.counts.documents} documents`);
    if (JSON.stringify(bars) !== JSON.stringify(want)) problems.push(`timeline bars ${JSON.stringify(bars.slice(0, 3))}..., API ${JSON.stringify(want.slice(0, 3))}...`);
    if (!(await page.$$('#timeline rect')).length) problems.push('no bar drawn');
    await shot('overview');
    return problems;
  });

  /* ---- meetings list */
  await check('meetings: one row per meeting of the API, with a year filter in the URL', async () => {
    const problems = [];
    await open('#/meetings', 'meetings');
    const rows = await page.$$('#meetings tbody tr');
    if (rows.length !== data.meetings.length) problems.push(`${rows.length} rows, API ${data.meetings.length}`);
    await shot('meetings');
    const year = data.meeting.date.date.slice(0, 4);
    await open(`#/meetings?from=${year}&to=${year}`, 'meetings');
    const inYear = await api(`/v1/meetings?from=${year}&to=${year}`);
    const filtered = await page.$$('#meetings tbody tr');
    if (filtered.length !== inYear.page.total) problems.push(`year ${year}: ${filtered.length} rows, API ${inYear.page.total}`);
    if ((await page.inputValue('#f-from')) !== year) problems.push('the from field does not show the URL\'s value');
    return problems;
  });

  /* ---- meeting page, then the click path meeting -> statement -> source */
  const m = data.meeting;
  await check(`meeting: ${m.id} shows date and precision, place, participants with roles, outcomes, statements, evidence`, async () => {
    const problems = [];
    await open('#/meeting/' + encodeURIComponent(m.id), 'meeting');
    const head = squash(await page.textContent('main h1 + p'));
    if (!head.includes(m.date.date)) problems.push(`date ${m.date.date} not in "${head}"`);
    if (m.date.precision && !head.includes(m.date.precision)) problems.push(`precision ${m.date.precision} not shown`);
    if (m.place.name && !head.includes(m.place.name)) problems.push(`place ${m.place.name} not shown`);
    const people = await texts('#participants > li');
    if (people.length !== m.participants.length) problems.push(`${people.length} participants, API ${m.participants.length}`);
    m.participants.forEach((p, i) => {
      if (!people[i]?.includes(p.name) || (p.role && !people[i].includes(p.role))) problems.push(`participant ${p.name} (${p.role}): "${people[i]}"`);
    });
    const outcomes = m.outcomes.filter((o) => o.document);
    if ((await page.$$('#outcomes > li')).length !== outcomes.length) problems.push(`outcomes: API ${outcomes.length}`);
    if ((await page.$$('#statements > li')).length !== m.statements.length) problems.push(`statements: API ${m.statements.length}`);
    const sources = await page.$$('.source');
    if (sources.length !== m.document_list.length) problems.push(`${sources.length} source texts, API ${m.document_list.length}`);
    const ev = m.evidence.find((e) => e.document);
    if (ev) {
      /* the evidence "source" link marks its words in the source text on this page */
      const link = page.locator('#evidence a.evlink').first();
      await link.click();
      const anchor = await link.getAttribute('data-anchor');
      const marked = (await texts(`.source [data-in~="${anchor}"].focus`)).join('');
      const want = await sourceSlice(ev.document, ev.start, ev.end);
      if (marked !== want) problems.push(`evidence highlighted "${marked.slice(0, 80)}", source bytes "${want.slice(0, 80)}"`);
    }
    if (!(await page.$$('.source .hl.quote')).length) problems.push('no statement highlighted in the source texts');
    await shot('meeting');
    return problems;
  });

  const st = data.statement;
  await check(`click: meeting -> statement ${st.id} -> its words highlighted in the source`, async () => {
    const problems = [];
    await open('#/meeting/' + encodeURIComponent(m.id), 'meeting');
    await follow(() => page.click(`#statements a.statement-link[href="#/statement/${encodeURIComponent(st.id)}"]`), 'statement');
    const shown = await page.textContent('#statement-text');
    if (shown !== st.text) problems.push(`statement text "${shown.slice(0, 80)}", API "${st.text.slice(0, 80)}"`);
    if (st.speaker && !(await page.textContent('main')).includes(st.speaker.name)) problems.push(`speaker ${st.speaker.name} not shown`);
    await shot('statement');
    await follow(() => page.click('#to-source'), 'document');
    const want = await sourceSlice(st.document.id, st.start, st.end);
    const focused = (await texts('.source .focus')).join('');
    if (focused !== want) problems.push(`highlighted "${focused.slice(0, 80)}", source bytes ${st.start}-${st.end} "${want.slice(0, 80)}"`);
    if (squash(focused) !== squash(st.text)) problems.push('the highlighted words are not the statement');
    const visible = await page.locator('#focus').evaluate((el) => {
      const r = el.getBoundingClientRect(), box = el.closest('.source').getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom && r.top < innerHeight && r.bottom > 0;
    });
    if (!visible) problems.push('the highlight is not scrolled into view');
    if (!page.url().includes(`hl=${st.start}-${st.end}`)) problems.push(`the URL ${page.url()} does not hold the highlight`);
    await page.screenshot({ path: join(opts.out, 'statement-source.png') }); /* the window, scrolled to it */
    return problems;
  });

  /* ---- document reader */
  const doc = st.document.id;
  await check(`document: ${doc} with statements and entities highlighted, removed boilerplate viewable`, async () => {
    const problems = [];
    await open('#/document/' + encodeURIComponent(doc), 'document');
    const quotes = await apiAll('/v1/statements?document=' + encodeURIComponent(doc));
    const quoteIds = new Set(await page.$$eval('.source .hl.quote', (els) => els.map((e) => e.title)));
    if (quotes.length && !quoteIds.size) problems.push(`no statement highlighted, API ${quotes.length}`);
    const ents = await apiAll('/v1/documents/' + encodeURIComponent(doc) + '/entities');
    if (ents.length && !(await page.$$('.source .hl.ent')).length) problems.push(`no entity highlighted, API ${ents.length}`);
    const chips = await page.$$('main a.chip');
    if (chips.length !== ents.length) problems.push(`${chips.length} entity links, API ${ents.length}`);
    await shot('document');
    await follow(() => page.click('#toggle-removed'), 'document');
    if (!page.url().includes('removed=1')) problems.push('the URL does not say removed=1');
    const full = await api('/v1/documents/' + encodeURIComponent(doc) + '?include=removed');
    const removed = await texts('#removed > li');
    if (removed.length !== full.removed.length) problems.push(`${removed.length} removed parts, API ${full.removed.length}`);
    else if (full.removed.length && !removed[0].includes(full.removed[0].text)) problems.push(`removed[0] "${removed[0]}"`);
    await shot('document-removed');
    return problems;
  });

  await check('documents: one row per document of the API', async () => {
    await open('#/documents', 'documents');
    const rows = await page.$$('#documents tbody tr');
    await shot('documents');
    return rows.length === data.documents.length ? [] : [`${rows.length} rows, API ${data.documents.length}`];
  });

  /* ---- entity explorer */
  const ent = data.entity;
  await check(`entities: type filter, then a search typed with the keyboard finds ${ent.name}`, async () => {
    const problems = [];
    await open(`#/entities?type=${ent.type}`, 'entities');
    const types = await texts('#entities tbody td:nth-child(2)');
    const total = (await api(`/v1/entities?type=${ent.type}&limit=1`)).page.total;
    if (types.length !== Math.min(100, total)) problems.push(`${types.length} rows, API ${total}`);
    if (types.some((t) => t !== ent.type)) problems.push(`a row of another type than ${ent.type}`);
    const prefix = ent.name.split(/\s+/)[0];
    await page.fill('#f-q', prefix);
    await follow(() => page.press('#f-q', 'Enter'), 'entities');
    if (!page.url().includes('q=' + encodeURIComponent(prefix))) problems.push(`the URL ${page.url()} does not hold q`);
    const names = await texts('#entities tbody td:first-child');
    if (!names.includes(ent.name)) problems.push(`"${prefix}" (type ${ent.type}): ${JSON.stringify(names.slice(0, 5))}`);
    await shot('entities');
    return problems;
  });

  await check('entities: the pages of the list follow the API\'s cursors, in the URL', async () => {
    const problems = [];
    const first = await api('/v1/entities?limit=100');
    await open('#/entities', 'entities');
    const rows = await texts('#entities tbody td:first-child a');
    if (JSON.stringify(rows) !== JSON.stringify(first.data.map((e) => e.name))) problems.push(`page 1: ${rows.length} rows, API ${first.data.length}`);
    const next = await page.$('a.next-page');
    if (Boolean(next) !== Boolean(first.page.next_cursor)) problems.push(`next-page link ${Boolean(next)}, API next_cursor ${first.page.next_cursor}`);
    if (next) {
      await follow(() => next.click(), 'entities');
      const second = await api('/v1/entities?limit=100&cursor=' + encodeURIComponent(first.page.next_cursor));
      const rows2 = await texts('#entities tbody td:first-child a');
      if (JSON.stringify(rows2) !== JSON.stringify(second.data.map((e) => e.name))) problems.push(`page 2: ${rows2.length} rows, API ${second.data.length}`);
      if (!page.url().includes('cursor=')) problems.push('the URL does not hold the cursor');
      if (!(await page.$('a.first-page'))) problems.push('no link back to the first page');
    }
    return problems;
  });

  await check(`entity: ${ent.id} with mentions, statements and related entities as a graph`, async () => {
    const problems = [];
    await open('#/entity/' + encodeURIComponent(ent.id), 'entity');
    const nodes = await page.$$eval('#related-graph a', (els) => els.map((e) => e.getAttribute('href')));
    const want = data.related.data.map((r) => '#/entity/' + encodeURIComponent(r.entity.id));
    if (JSON.stringify(nodes) !== JSON.stringify(want)) problems.push(`graph nodes ${nodes.length}, API ${want.length}`);
    const mentions = await texts('#mentions > li mark');
    const wantM = data.mentions.data.map((x) => x.surface);
    if (JSON.stringify(mentions) !== JSON.stringify(wantM)) problems.push(`mentions ${JSON.stringify(mentions.slice(0, 3))}, API ${JSON.stringify(wantM.slice(0, 3))}`);
    if (ent.statements && !(await page.$$('main a[href^="#/statement/"]')).length) problems.push(`no statement, API ${ent.statements}`);
    await shot('entity');
    if (nodes.length) {
      /* the graph is keyboard-usable: focus a node, Enter follows it */
      await page.focus('#related-graph a');
      await follow(() => page.keyboard.press('Enter'), 'entity');
      if (!page.url().endsWith(want[0])) problems.push(`Enter on the first node went to ${page.url()}`);
    }
    return problems;
  });

  /* ---- statement search */
  await check(`statements: text "${data.word}", speaker and date range, the words marked in context`, async () => {
    const problems = [];
    const params = new URLSearchParams({ q: data.word });
    if (st.speaker) params.set('speaker', st.speaker.id);
    if (st.date.date) { params.set('from', st.date.date.slice(0, 4)); params.set('to', st.date.date.slice(0, 4)); }
    await open('#/statements', 'statements');
    /* the form, filled from the keyboard, puts the search in the URL */
    await page.fill('#f-q', data.word);
    if (params.get('speaker')) await page.fill('#f-speaker', params.get('speaker'));
    if (params.get('from')) { await page.fill('#f-from', params.get('from')); await page.fill('#f-to', params.get('to')); }
    await follow(() => page.press('#f-q', 'Enter'), 'statements');
    const hash = new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '');
    for (const [k, v] of params) if (hash.get(k) !== v) problems.push(`URL ${k}=${hash.get(k)}, typed ${v}`);
    const want = await api('/v1/statements?' + params + '&limit=100');
    const items = await page.$$('#statement-results > li');
    if (items.length !== want.data.length || !items.length) problems.push(`${items.length} results, API ${want.data.length}`);
    const links = await page.$$eval('#statement-results a.statement-link', (els) => els.map((e) => e.getAttribute('href')));
    if (!links.includes('#/statement/' + encodeURIComponent(st.id))) problems.push(`${st.id} is not among the results`);
    const marks = await texts('#statement-results a.statement-link mark');
    if (!marks.some((x) => x.toLowerCase() === data.word.toLowerCase())) problems.push(`"${data.word}" is not marked`);
    const ctx = await texts('#statement-results .context mark');
    if (ctx.length !== items.length) problems.push(`${ctx.length} contexts with the statement marked, ${items.length} results`);
    await shot('statements');
    return problems;
  });

  /* ---- states */
  await check('states: empty result, unknown meeting (404) and a bad parameter (400) are shown as such', async () => {
    const problems = [];
    await open('#/statements?q=' + 'zq'.repeat(12), 'statements');
    if (!(await page.$('main .state.empty'))) problems.push('no empty state for a search that matches nothing');
    await open('#/meeting/e2e-no-such-meeting', 'meeting');
    const err = await page.textContent('main .state.error').catch(() => '');
    if (!/404/.test(err)) problems.push(`unknown meeting: "${err}"`);
    await open('#/statements?from=not-a-date', 'statements');
    const bad = await page.textContent('main .state.error').catch(() => '');
    if (!/from/.test(bad) || !/400/.test(bad)) problems.push(`bad date: "${bad}"`);
    await shot('error');
    return problems;
  });

  await check('loading state: shown while the API has not answered', async () => {
    /* hold the API's answers back, look, then let them go */
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/v1/stats', async (route) => { await held; await route.continue(); });
    await page.goto(apiBase + '/#/');
    const loading = await page.waitForSelector('main .state.loading', { timeout: 5000 }).then(() => true, () => false);
    release();
    await page.waitForSelector('body[data-ready="overview"]');
    await page.unroute('**/v1/stats');
    return loading ? [] : ['no loading state'];
  });

  /* ---- keyboard and narrow screen */
  await check('keyboard: Tab reaches the skip link then the views; Enter opens one', async () => {
    await open('', 'overview');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.className);
    const problems = first === 'skip' ? [] : [`first Tab stop is .${first}, not the skip link`];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement.textContent)) === 'Statements') break;
    }
    await follow(() => page.keyboard.press('Enter'), 'statements');
    if (!page.url().endsWith('#/statements')) problems.push(`Enter on the nav link went to ${page.url()}`);
    return problems;
  });

  await check('narrow screen (390 px): no sideways scrolling on the overview and the meeting', async () => {
    const problems = [];
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [hash, view, name] of [['', 'overview', 'overview-narrow'], ['#/meeting/' + encodeURIComponent(m.id), 'meeting', 'meeting-narrow']]) {
      await open(hash, view);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      if (sw > iw + 1) problems.push(`${view}: ${sw} px wide in a ${iw} px window`);
      await shot(name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return problems;
  });

  /* ---- standalone: the page from another origin reads the API through CORS */
  await check('standalone: ui/ from another origin, and as a file, with ?api= reads the API (CORS)', async () => {
    await open('#/', 'overview', `${staticBase}/index.html?api=${encodeURIComponent(apiBase)}`);
    const stats = await api('/v1/stats');
    const cards = await texts('#counts .card b');
    const problems = cards[0] === String(stats.counts.meetings) ? [] : [`meetings card ${cards[0]}, API ${stats.counts.meetings}`];
    if (await page.$('main .state.error')) problems.push(`error: ${await page.textContent('main .state.error')}`);
    await follow(() => page.click('nav a[data-view="meetings"]'), 'meetings');
    if (!page.url().includes('api=')) problems.push('navigation lost ?api=');
    /* and opened as a file */
    await open('#/meetings', 'meetings', `file://${join(ROOT, 'ui', 'index.html')}?api=${encodeURIComponent(apiBase)}`);
    const rows = await page.$$('#meetings tbody tr');
    if (rows.length !== data.meetings.length) problems.push(`file://: ${rows.length} meetings, API ${data.meetings.length}`);
    return problems;
  });

  await check('offline: every request went to the local servers (no CDN)', () => foreign.map((u) => `request to ${u}`));
  await check('no script error in any view', () => scriptErrors);

  return finish();

  async function finish() {
    await browser.close();
    statik.close();
    /* a sanitizer build reports what it found on the way out */
    await check('the server exits with status 0 on SIGTERM', async () => {
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 20000);
      const exit = await server.exited;
      clearTimeout(timer);
      return exit.code === 0 ? [] : [`exit ${JSON.stringify(exit)}`, ...server.stderr().split('\n').filter(Boolean).slice(-20)];
    });
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
}

main().catch((err) => {
  serverChild?.kill('SIGKILL');
  console.log(`not ok - e2e: ${err?.stack || err}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
