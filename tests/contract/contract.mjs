#!/usr/bin/env node
// tests/contract/contract.mjs: the contract between openapi.yaml and the running server.
// For every path, method and status code that openapi.yaml documents, at least one real
// request must produce it, and every reply must match what the spec says for it (status
// documented, required headers present, header values and body valid against the schemas,
// Content-Type one of the documented media types). The paths must be exactly those of the
// route table in server/router.c, with the same query parameters. Beyond the schemas, it
// checks what they cannot say: list orders, filters, the search syntax, offsets into the
// texts, and that sub-resources agree with the resources they hang under.
//
//   node tests/contract/contract.mjs --binary build/twoplus --corpus corpus
//       spawns the server on 127.0.0.1:0, runs the checks, stops it with SIGTERM and
//       requires exit status 0 (and checks readiness and in-flight requests on the way out).
//       A second server, started on a larger corpus made from this one (plus synthetic
//       texts and gazetteer rows) with --query-timeout-ms 1, produces the 503 query timeouts.
//   CONTAINER_URL=http://127.0.0.1:8080 node tests/contract/contract.mjs
//       the same checks against a server that is already running (nothing is spawned)
//
// Prints one line per check ("ok - ..." or "not ok - ..."), "# skip - ..." for a check that
// cannot run in this mode (not counted), then "N passed, M failed"; exits 1 if any failed.
// A check that fails only because of a server bug listed in KNOWN_BUGS below is printed
// "not ok - ... # TODO known bug <id>" and counted apart (CONTRACT_STRICT=1 counts it as a
// failure). Ids, words to search for and dates are discovered from the lists, never
// hard-coded.

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

const addFormats = addFormatsModule.default ?? addFormatsModule;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SPEC_ID = 'https://twoplus.invalid/openapi.yaml';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const REQUEST_TIMEOUT_MS = 15000;
const START_TIMEOUT_MS = 120000; /* a sanitizer build ingesting a large corpus is slow */
const UNKNOWN_ID = 'contract-test-no-such-id';
const MALFORMED_ID = '.contract';
/* Resources whose body changes on every request (uptime, counters): HEAD and GET differ. */
const CHANGING = new Set(['/v1/stats', '/metrics']);

/* Server bugs found while writing these checks (see the final report of the change that added
 * them). A failing check whose every problem matches one of these is a TODO, not a failure,
 * so the rest of the contract stays usable; CONTRACT_STRICT=1 makes them failures. Remove an
 * entry once the bug is fixed: the summary says when an entry was not seen. */
const KNOWN_BUGS = [
];
const STRICT = process.env.CONTRACT_STRICT === '1';

function usage(msg) {
  if (msg) process.stderr.write(`contract: ${msg}\n`);
  process.stderr.write(
    'usage: node tests/contract/contract.mjs --binary PATH --corpus DIR\n' +
      '       CONTAINER_URL=http://HOST:PORT node tests/contract/contract.mjs\n' +
      'options: --spec FILE (default openapi.yaml), --router FILE (default server/router.c),\n' +
      '         --data DIR (the reference data the spawned server reads; default ./data, else\n' +
      '         the data/ folder of this repository)\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    spec: join(ROOT, 'openapi.yaml'),
    router: join(ROOT, 'server/router.c'),
    binary: null,
    corpus: null,
    data: existsSync('data/entities.jsonl') ? resolve('data') : join(ROOT, 'data'),
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const key = { '--binary': 'binary', '--corpus': 'corpus', '--spec': 'spec', '--router': 'router', '--data': 'data' }[name];
    if (name === '--help' || name === '-h') usage();
    if (!key) usage(`unknown argument '${name}'`);
    if (i + 1 >= argv.length) usage(`${name} needs a value`);
    opts[key] = resolve(argv[++i]);
  }
  opts.containerUrl = process.env.CONTAINER_URL || null;
  if (!opts.containerUrl && (!opts.binary || !opts.corpus))
    usage('give --binary and --corpus, or set CONTAINER_URL');
  return opts;
}

/* ---------------------------------------------------------------- reporting */

let passed = 0;
let failed = 0;
let known = 0;
const knownSeen = new Set();

/* The known bugs every problem of a list matches (in a check named name), or null if one
 * matches none. */
function knownBugs(list, name = '') {
  if (STRICT || list.length === 0) return null;
  const ids = new Set();
  for (const p of list) {
    const bug = KNOWN_BUGS.find((b) => b.match.test(String(p)) && (!b.name || b.name.test(name)));
    if (!bug) return null;
    ids.add(bug.id);
  }
  return [...ids];
}

function report(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
    return true;
  }
  const bugs = knownBugs(list, name);
  if (bugs) {
    known++;
    bugs.forEach((b) => knownSeen.add(b));
    console.log(`not ok - ${name} # TODO known bug ${bugs.join(', ')}`);
  } else {
    failed++;
    console.log(`not ok - ${name}`);
  }
  for (const p of list.slice(0, 8)) console.log(`#   ${String(p).replace(/\n/g, '\n#   ')}`);
  if (list.length > 8) console.log(`#   ... and ${list.length - 8} more`);
  return false;
}

function skip(name, why) {
  console.log(`# skip - ${name}: ${why}`);
}

function summary() {
  for (const bug of KNOWN_BUGS)
    console.log(knownSeen.has(bug.id) ? `# known bug ${bug.id}: ${bug.what}` : `# known bug ${bug.id} was not seen: remove it from KNOWN_BUGS if it is fixed`);
  console.log(`${passed} passed, ${failed} failed${known ? `, ${known} known-bug TODO` : ''}`);
}

/* Runs fn (async, returns a list of problems) as one named check; an exception fails it. */
async function check(name, fn) {
  let problems;
  try {
    problems = await fn();
  } catch (err) {
    problems = [`exception: ${String(err?.stack || err).split('\n').slice(0, 3).join('\n')}`];
  }
  return report(name, problems);
}

/* ---------------------------------------------------------------- small helpers */

/* path with query appended ('?' or '&'); query may be empty. */
function withQuery(path, query) {
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

const bytesOf = (s) => Buffer.from(s ?? '', 'utf8');
const cmpBytes = (a, b) => Buffer.compare(bytesOf(a), bytesOf(b));
const asciiLower = (s) => (s ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());

/* Compares sort keys as SQLite does here: numbers as numbers, text by its UTF-8 bytes,
 * arrays element by element. */
function cmpKey(a, b) {
  if (Array.isArray(a)) {
    for (let i = 0; i < a.length; i++) {
      const c = cmpKey(a[i], b[i]);
      if (c) return c;
    }
    return 0;
  }
  if (typeof a === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return cmpBytes(a, b);
}

/* The bytes [start, end) of text, as a string (offsets in the API are UTF-8 byte offsets). */
function sliceBytes(text, start, end) {
  return bytesOf(text).subarray(start, end).toString('utf8');
}

/* A window of bytes cut as the server cuts ":snippet" columns: partial characters dropped at
 * both ends. */
function utf8Window(buf) {
  let s = 0;
  while (s < buf.length && (buf[s] & 0xc0) === 0x80) s++;
  let e = buf.length;
  let back = 0;
  while (e - back > s && back < 4 && (buf[e - back - 1] & 0xc0) === 0x80) back++;
  if (e - back > s && buf[e - back - 1] >= 0xc0) {
    const lead = buf[e - back - 1];
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < need) e = e - back - 1;
  }
  return buf.subarray(s, e).toString('utf8');
}

/* The words of a text as FTS5's unicode61 tokenizer (remove_diacritics 2) sees them. */
function tokens(s) {
  return (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function hasPhrase(words, phrase) {
  for (let i = 0; i + phrase.length <= words.length; i++)
    if (phrase.every((w, k) => words[i + k] === w)) return true;
  return false;
}

const sameSet = (a, b) => isDeepStrictEqual([...new Set(a)].sort(), [...new Set(b)].sort());
function setDiff(got, want) {
  const g = new Set(got);
  const w = new Set(want);
  const extra = [...g].filter((x) => !w.has(x));
  const missing = [...w].filter((x) => !g.has(x));
  return [
    ...(extra.length ? [`unexpected: ${JSON.stringify(extra.slice(0, 10))}`] : []),
    ...(missing.length ? [`missing: ${JSON.stringify(missing.slice(0, 10))}`] : []),
  ];
}

class Spec {
  constructor(file) {
    this.file = file;
    this.text = readFileSync(file, 'utf8');
    this.doc = YAML.parse(this.text);
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(this.ajv);
    /* OpenAPI keywords that are not JSON Schema: annotations only. */
    this.ajv.addVocabulary(['components', 'example']);
    this.ajv.addSchema({ $id: SPEC_ID, components: this.doc.components });
    this.compiled = new WeakMap();
  }

  /* Follows a local $ref ('#/components/...') to the object it names. */
  deref(obj) {
    let seen = 0;
    while (obj && typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
      if (++seen > 16) throw new Error(`$ref loop at ${obj.$ref}`);
      obj = obj.$ref
        .slice(2)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((o, k) => (o == null ? undefined : o[k]), this.doc);
      if (obj === undefined) throw new Error('unresolved $ref');
    }
    return obj;
  }

  /* A validator for a schema found anywhere in the document; its local $refs resolve
   * against the whole document. */
  validator(schema) {
    let v = this.compiled.get(schema);
    if (!v) {
      const absolutize = (node) => {
        if (Array.isArray(node)) return node.map(absolutize);
        if (!node || typeof node !== 'object') return node;
        const out = {};
        for (const [k, val] of Object.entries(node))
          out[k] = k === '$ref' && typeof val === 'string' && val.startsWith('#') ? SPEC_ID + val : absolutize(val);
        return out;
      };
      v = this.ajv.compile(absolutize(schema));
      this.compiled.set(schema, v);
    }
    return v;
  }

  validate(schema, value, what) {
    const v = this.validator(schema);
    if (v(value)) return [];
    return v.errors.map((e) => `${what}${e.instancePath || ''} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  }

  schema(name) {
    return this.doc.components.schemas[name];
  }

  operation(template, method) {
    return this.doc.paths?.[template]?.[method];
  }

  /* Every [template, method, status] the document lists. */
  documented() {
    const out = [];
    for (const [template, item] of Object.entries(this.doc.paths || {}))
      for (const method of METHODS)
        for (const status of Object.keys(item[method]?.responses || {})) out.push([template, method, status]);
    return out;
  }

  /* The query parameters (names) of an operation, path-level ones included. */
  queryParams(template, method) {
    const item = this.doc.paths[template];
    const params = [...(item.parameters || []), ...(item[method]?.parameters || [])].map((p) => this.deref(p));
    return params.filter((p) => p.in === 'query').map((p) => p.name);
  }
}

/* ---------------------------------------------------------------- HTTP */

function mediaType(contentType) {
  return (contentType || '').split(';')[0].trim().toLowerCase();
}

/* One request on a fresh connection. The path is sent as given (no normalization). */
function request(base, method, path, headers = {}, body = null) {
  const url = new URL(base);
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers, agent: false, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          let decoded = raw;
          let gzipError = null;
          if (res.headers['content-encoding'] === 'gzip' && raw.length > 0) {
            try {
              decoded = gunzipSync(raw);
            } catch (err) {
              gzipError = err.message;
            }
          }
          resolvePromise({
            method,
            path,
            status: res.statusCode,
            headers: res.headers,
            raw,
            body: decoded,
            text: decoded.toString('utf8'),
            gzipError,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/* A connection that sends raw bytes and reads HTTP/1.1 replies one at a time, for the
 * requests that http.request cannot make: several on one kept-alive connection, and a
 * request whose body arrives later. */
class RawConnection {
  constructor(base) {
    const url = new URL(base);
    this.buf = Buffer.alloc(0);
    this.waiters = [];
    this.closed = false;
    this.sock = net.connect({ host: url.hostname, port: Number(url.port) });
    this.sock.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    this.sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.sock.on('error', () => {});
    this.ready = new Promise((res, rej) => {
      this.sock.once('connect', res);
      this.sock.once('error', rej);
    });
  }

  wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  write(text) {
    this.sock.write(text);
  }

  /* The next complete reply: {status, headers, body}, or null if the connection closed. */
  async read(timeoutMs = REQUEST_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end >= 0) {
        const lines = this.buf.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(lines[0].split(' ')[1]);
        const headers = {};
        for (const line of lines.slice(1)) {
          const i = line.indexOf(':');
          headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        const len = Number(headers['content-length'] || 0);
        if (this.buf.length >= end + 4 + len) {
          const body = this.buf.subarray(end + 4, end + 4 + len);
          this.buf = this.buf.subarray(end + 4 + len);
          return { status, headers, body, text: body.toString('utf8') };
        }
      }
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no complete reply in time');
      await new Promise((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }

  close() {
    this.sock.destroy();
  }
}

/* ---------------------------------------------------------------- the server */

async function startServer(binary, corpus, extra = []) {
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary}`);
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--access-log', 'off', '--corpus', corpus, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, stderr: '', exit: null };
  server.exited = new Promise((res) =>
    child.on('exit', (code, signal) => {
      server.exit = { code, signal };
      res(server.exit);
    }),
  );
  child.stderr.on('data', (d) => {
    server.stderr += d.toString();
  });
  server.base = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`no listening line in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = out.match(/^twoplus listening on (http:\/\/\S+)$/m);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
    server.exited.then((e) => {
      clearTimeout(timer);
      rej(new Error(`the server exited (${JSON.stringify(e)}) before listening:\n${server.stderr}`));
    });
  });
  return server;
}

/* ---------------------------------------------------------------- the checks */

class Contract {
  constructor(spec, base, { spawned }) {
    this.spec = spec;
    this.base = base;
    this.spawned = spawned; /* we know the configuration: default --cors-origin '*' */
    this.covered = new Set(); /* "template METHOD status" produced and validated */
    this.listCache = new Map();
    this.idCache = new Map();
  }

  /* Validates a reply against what the spec says for template + method. For a reply to
   * another method than the documented ones (405), as = the operation that documents it.
   * Returns a list of problems. */
  validateReply(template, method, res, { as = method } = {}) {
    const problems = [];
    const op = this.spec.operation(template, as);
    if (!op) return [`${as.toUpperCase()} ${template} is not in the spec`];
    const declared = op.responses?.[String(res.status)];
    if (!declared) {
      const detail = res.headers['content-type']?.includes('json') ? `: ${res.text.slice(0, 300)}` : '';
      return [`status ${res.status} is not documented for ${as.toUpperCase()} ${template}${detail}`];
    }
    const response = this.spec.deref(declared);
    for (const [name, h] of Object.entries(response.headers || {})) {
      const header = this.spec.deref(h);
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      problems.push(...this.spec.validate(header.schema, value, `header ${name}`));
    }
    if (this.spawned) {
      /* The default --cors-origin '*': every reply carries the CORS headers. */
      if (res.headers['access-control-allow-origin'] !== '*')
        problems.push(`Access-Control-Allow-Origin is ${res.headers['access-control-allow-origin']}, not *`);
      if (res.headers['access-control-expose-headers'] !== 'ETag, Link')
        problems.push(`Access-Control-Expose-Headers is ${res.headers['access-control-expose-headers']}`);
    }
    if (res.gzipError) problems.push(`Content-Encoding: gzip but the body does not gunzip: ${res.gzipError}`);
    const content = response.content;
    if (!content) {
      if (res.raw.length !== 0) problems.push(`a ${res.status} has no body in the spec, got ${res.raw.length} bytes`);
      return problems;
    }
    const type = mediaType(res.headers['content-type']);
    const media = content[type];
    if (!media) {
      problems.push(`Content-Type ${res.headers['content-type']} is not one of ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (method === 'head') {
      if (res.raw.length !== 0) problems.push(`HEAD reply has a body of ${res.raw.length} bytes`);
      return problems;
    }
    let value = res.text;
    if (type === 'application/json' || type.endsWith('+json')) {
      try {
        value = JSON.parse(res.text);
      } catch (err) {
        problems.push(`body is not JSON: ${err.message}`);
        return problems;
      }
    }
    if (media.schema) problems.push(...this.spec.validate(media.schema, value, 'body'));
    return problems;
  }

  /* Records that a reply of template produced its status, when its problems are none or only
   * known server bugs (so one known bug does not also fail the coverage of its status). */
  cover(template, method, status, problems) {
    if (problems.length === 0 || knownBugs(problems)) this.covered.add(`${template} ${method} ${status}`);
  }

  /* Sends one request, validates the reply against the spec, runs the extra assertions, and
   * records coverage. One check line. Returns the reply (or null if the request failed). */
  async probe(name, { method = 'GET', path, template, expect, headers = {}, body = null, as, extra }) {
    let res = null;
    await check(name, async () => {
      res = await request(this.base, method, path, headers, body);
      const problems = [];
      if (expect !== undefined && res.status !== expect) {
        problems.push(`expected status ${expect}, got ${res.status}: ${res.text.slice(0, 300)}`);
        return problems;
      }
      const m = method.toLowerCase();
      problems.push(...this.validateReply(template, m, res, { as: as ?? m }));
      if (extra) {
        try {
          problems.push(...((await extra(res)) || []));
        } catch (err) {
          problems.push(`exception in the content checks: ${String(err?.stack || err).split('\n').slice(0, 2).join(' ')}`);
        }
      }
      /* HEAD is checked against the GET operation but does not stand in for a GET. */
      if (m !== 'head') this.cover(template, as ?? m, res.status, problems);
      return problems;
    });
    return res;
  }

  /* A probe that expects a 400 naming exactly the parameters in params (any order). */
  async probe400(name, path, template, params) {
    return this.probe(`${name} -> 400 naming ${params.join(' and ')}`, {
      path,
      template,
      expect: 400,
      extra: (res) => {
        const named = (JSON.parse(res.text).errors || []).map((e) => e.param);
        return sameSet(named, params) ? [] : [`errors name ${JSON.stringify(named)}`];
      },
    });
  }

  /* A GET whose JSON body is needed; throws unless it is a 200. */
  async getJson(path) {
    const res = await request(this.base, 'GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 200)}`);
    return JSON.parse(res.text);
  }

  /* Every item of a list (path may carry a query), following next_cursor; cached per path. */
  async listAll(listPath) {
    if (this.listCache.has(listPath)) return this.listCache.get(listPath);
    const items = [];
    let cursor = null;
    for (let pages = 0; pages < 10000; pages++) {
      const q = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await this.getJson(withQuery(listPath, q));
      items.push(...page.data);
      cursor = page.page.next_cursor;
      if (!cursor) break;
    }
    this.listCache.set(listPath, items);
    return items;
  }

  /* ---- discovery: ids, document order and words, all from the lists */

  async setup() {
    this.documents = await this.listAll('/v1/documents');
    /* Ingest order (doc_seq): the corpus file names in byte order. */
    const byFile = [...this.documents].sort((a, b) => cmpBytes(a.file_name, b.file_name));
    this.docSeq = new Map(byFile.map((d, i) => [d.id, i]));
    /* The texts, for checks that compute what the server should answer (all of them up to
     * 2000 documents; beyond that, checks that need every text are skipped). */
    this.texts = new Map();
    for (const d of this.documents.slice(0, 2000)) this.texts.set(d.id, await this.getJson(`/v1/documents/${encodeURIComponent(d.id)}`));
    this.allTexts = this.texts.size === this.documents.length;
    this.words = this.pickWords();
  }

  /* Words to search for: ASCII words of the documents, the most widespread first; w2 and w3
   * have other document sets than w1, so AND, OR and exclusion give different answers. */
  pickWords() {
    const df = new Map();
    const total = new Map();
    for (const d of this.texts.values()) {
      const seen = new Set();
      for (const t of [...tokens(d.title), ...tokens(d.text)]) {
        if (!/^[a-z]{5,}$/.test(t)) continue;
        total.set(t, (total.get(t) || 0) + 1);
        seen.add(t);
      }
      for (const t of seen) df.set(t, (df.get(t) || 0) + 1);
    }
    const ranked = [...df.keys()].sort((a, b) => df.get(b) - df.get(a) || total.get(b) - total.get(a) || cmpBytes(a, b));
    if (ranked.length < 3) return null;
    const docsWith = (w) => [...this.texts.values()].filter((d) => this.docHas(d, w)).map((d) => d.id).sort().join(',');
    const w1 = ranked.find((w) => df.get(w) < this.texts.size) ?? ranked[0];
    const others = ranked.filter((w) => w !== w1 && docsWith(w) !== docsWith(w1));
    const w2 = others[0] ?? ranked.find((w) => w !== w1);
    const w3 = others.find((w) => w !== w2 && docsWith(w) !== docsWith(w2)) ?? ranked.find((w) => w !== w1 && w !== w2);
    /* A phrase: two ASCII words next to each other in the longest text. */
    const longest = [...this.texts.values()].reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const words = tokens(longest.text);
    let phrase = null;
    for (let i = 0; i + 1 < words.length && !phrase; i++)
      if (/^[a-z]{4,}$/.test(words[i]) && /^[a-z]{4,}$/.test(words[i + 1])) phrase = [words[i], words[i + 1]];
    return { w1, w2, w3, phrase, prefix: w1.slice(0, 4) };
  }

  /* The columns FTS5 indexes for a document: title and text, each its own token list. */
  docCols(d) {
    d.cols ??= [tokens(d.title), tokens(d.text)];
    return d.cols;
  }

  docHas(d, w) {
    return this.docCols(d).some((c) => c.includes(w));
  }

  /* The default query of a list path: /v1/search needs q. */
  baseQuery(template) {
    return template === '/v1/search' && this.words ? `q=${encodeURIComponent(this.words.w1)}` : '';
  }

  /* A real id for the {id} of template, from the list the path hangs under: one with data for
   * the sub-resource where that matters (most mentioned entity, most quoted speaker, longest
   * document, meeting reported by most documents). */
  async realId(template) {
    if (this.idCache.has(template)) return this.idCache.get(template);
    const list = template.slice(0, template.indexOf('/{id}'));
    const items = await this.listAll(list);
    if (items.length === 0) throw new Error(`${list} is empty: no id to test ${template} with`);
    const most = (field) => items.reduce((a, b) => (b[field] > a[field] ? b : a), items[0]);
    let pick = items[0];
    if (template === '/v1/entities/{id}/statements' && most('statements').statements > 0) pick = most('statements');
    if (template === '/v1/documents/{id}/entities') pick = most('word_count');
    if (template === '/v1/meetings/{id}') pick = most('documents');
    this.idCache.set(template, pick.id);
    return pick.id;
  }

  async concretePath(template) {
    if (template === '/ui/{file}') return '/ui/app.js';
    if (!template.includes('{id}')) return template;
    return template.replace('{id}', encodeURIComponent(await this.realId(template)));
  }

  /* ---- (b) the route table */

  routeTable(routerFile) {
    const src = readFileSync(routerFile, 'utf8');
    const macros = {};
    for (const m of src.matchAll(/^#define\s+(\w+)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)$/gm))
      macros[m[1]] = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1]).join('');
    const routes = new Map();
    for (const m of src.matchAll(/\{\s*\.pattern\s*=\s*"([^"]+)"([^}]*)\}/g)) {
      const params = m[2].match(/\.params\s*=\s*((?:"(?:[^"\\]|\\.)*"|\w+|\s)+)/);
      let value = '';
      if (params)
        for (const tok of params[1].matchAll(/"((?:[^"\\]|\\.)*)"|(\w+)/g))
          value += tok[1] !== undefined ? tok[1] : (macros[tok[2]] ?? `<${tok[2]}?>`);
      routes.set(m[1], value.split(',').filter(Boolean));
    }
    return routes;
  }

  async checkRouteTable(routerFile) {
    const routes = this.routeTable(routerFile);
    const specPaths = Object.keys(this.spec.doc.paths);
    await check(`route table: ${routes.size} routes in server/router.c`, () =>
      routes.size === 0 ? ['no .pattern rows found'] : [],
    );
    await check('route table: every route in server/router.c is a path in openapi.yaml', () =>
      [...routes.keys()].filter((p) => !specPaths.includes(p)).map((p) => `${p} is not in openapi.yaml`),
    );
    await check('route table: every path in openapi.yaml is a route in server/router.c', () =>
      specPaths.filter((p) => !routes.has(p)).map((p) => `${p} is not in the route table`),
    );
    for (const [pattern, params] of routes) {
      if (!this.spec.doc.paths[pattern]) continue;
      await check(`route table: GET ${pattern} accepts the query parameters openapi.yaml lists`, () => {
        const documented = this.spec.queryParams(pattern, 'get');
        return [
          ...params.filter((p) => !documented.includes(p)).map((p) => `'${p}' is accepted but not documented`),
          ...documented.filter((p) => !params.includes(p)).map((p) => `'${p}' is documented but not accepted`),
        ];
      });
    }
  }

  /* ---- (a) every path: the statuses any route gives */

  async checkPath(template) {
    const hasId = template.includes('{id}');
    const path = withQuery(await this.concretePath(template), this.baseQuery(template));
    const op = this.spec.operation(template, 'get');
    const statuses = Object.keys(op?.responses || {});

    const get = await this.probe(`GET ${path} -> 200`, { path, template, expect: 200 });

    if (get && get.status === 200) {
      await this.probe(`HEAD ${path} -> 200, the headers of GET and no body`, {
        method: 'HEAD',
        path,
        template,
        as: 'get',
        expect: 200,
        extra: (res) => {
          const problems = [];
          for (const h of ['content-type', 'cache-control', 'vary', 'content-length'])
            if (res.headers[h] !== get.headers[h] && !(h === 'content-length' && CHANGING.has(template)))
              problems.push(`${h}: HEAD ${res.headers[h]}, GET ${get.headers[h]}`);
          return problems;
        },
      });
    }

    if (statuses.includes('304') && get?.headers.etag) {
      /* A body that changes on every request (/v1/stats: uptime, cache counters) never
       * matches its last ETag; for such a resource only, "If-None-Match: *" (which matches
       * any current representation) stands in. An ETag that does not change and still gets
       * a 200 fails below. */
      let etag = get.headers.etag;
      let changing = true;
      for (let attempt = 0; attempt < 3 && changing; attempt++) {
        const res = await request(this.base, 'GET', path, { 'If-None-Match': etag });
        if (res.status === 304 || !res.headers.etag || res.headers.etag === etag) changing = false;
        else etag = res.headers.etag;
      }
      const inm = changing ? '*' : etag;
      await this.probe(`GET ${path} with If-None-Match: ${changing ? '* (its ETag changes on every request)' : 'its ETag'} -> 304`, {
        path,
        template,
        expect: 304,
        headers: { 'If-None-Match': inm },
        extra: (res) => (inm !== '*' && res.headers.etag !== inm ? [`304 ETag ${res.headers.etag}, sent ${inm}`] : []),
      });
    }

    await this.probe(`GET ${withQuery(path, 'contract_unknown=1')} -> 400 naming the parameter`, {
      path: withQuery(path, 'contract_unknown=1'),
      template,
      expect: 400,
      extra: (res) => {
        const p = JSON.parse(res.text);
        return p.errors?.[0]?.param === 'contract_unknown' ? [] : [`errors: ${JSON.stringify(p.errors)}`];
      },
    });

    await this.probe(`POST ${path} -> 405 with Allow`, {
      method: 'POST',
      path,
      template,
      as: 'get',
      expect: 405,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    await this.probe(`DELETE ${path} -> 405 with Allow`, { method: 'DELETE', path, template, as: 'get', expect: 405 });

    await check(`OPTIONS ${path} -> 204 with Allow and a CORS preflight answer`, async () => {
      const res = await request(this.base, 'OPTIONS', path, {
        Origin: 'http://contract.test',
        'Access-Control-Request-Method': 'GET',
      });
      const problems = [];
      if (res.status !== 204) problems.push(`status ${res.status}`);
      if (res.headers.allow !== 'GET, HEAD, OPTIONS') problems.push(`Allow: ${res.headers.allow}`);
      if (res.headers['access-control-allow-methods'] !== 'GET, HEAD, OPTIONS')
        problems.push(`Access-Control-Allow-Methods: ${res.headers['access-control-allow-methods']}`);
      if (!/If-None-Match/.test(res.headers['access-control-allow-headers'] || ''))
        problems.push(`Access-Control-Allow-Headers: ${res.headers['access-control-allow-headers']}`);
      if (this.spawned && res.headers['access-control-allow-origin'] !== '*')
        problems.push(`Access-Control-Allow-Origin: ${res.headers['access-control-allow-origin']}`);
      if (res.raw.length) problems.push(`a body of ${res.raw.length} bytes`);
      return problems;
    });

    if (hasId) {
      /* Every {id} route, sub-resources included: unknown -> 404, malformed -> 400. */
      const unknown = template.replace('{id}', UNKNOWN_ID);
      await this.probe(`GET ${unknown} -> 404`, {
        path: unknown,
        template,
        expect: 404,
        extra: (res) => {
          const p = JSON.parse(res.text);
          return p.instance === unknown ? [] : [`instance ${p.instance}`];
        },
      });
      const malformed = template.replace('{id}', MALFORMED_ID);
      await this.probe(`GET ${malformed} -> 400 (malformed id)`, {
        path: malformed,
        template,
        expect: 400,
        extra: (res) => {
          const p = JSON.parse(res.text);
          return p.errors?.some((e) => e.param === 'id') ? [] : [`errors: ${JSON.stringify(p.errors)}`];
        },
      });
      const tooLong = template.replace('{id}', 'a'.repeat(129));
      await this.probe(`GET ${template.replace('{id}', 'a×129')} -> 400 (id over 128 characters)`, {
        path: tooLong,
        template,
        expect: 400,
      });
      const longest = template.replace('{id}', 'a'.repeat(128));
      await this.probe(`GET ${template.replace('{id}', 'a×128')} -> 404 (longest well-formed id)`, {
        path: longest,
        template,
        expect: 404,
      });
    }
  }

  /* ---- (a) every list: pagination, order and the shared parameters */

  /* The paths whose GET takes the shared `limit` parameter: the lists, sub-resources too. */
  listTemplates() {
    return Object.keys(this.spec.doc.paths).filter((t) => this.spec.queryParams(t, 'get').includes('limit'));
  }

  sortParam(template) {
    const item = this.spec.doc.paths[template];
    return [...(item.parameters || []), ...(item.get.parameters || [])]
      .map((p) => this.spec.deref(p))
      .find((p) => p.in === 'query' && p.name === 'sort');
  }

  /* The sort values a list documents ([] when it takes no sort). */
  sortValues(template) {
    return this.sortParam(template)?.schema?.enum ?? [];
  }

  /* What identifies an item of a list (mentions and related entities have no id of their own). */
  itemId(template) {
    if (template === '/v1/entities/{id}/mentions') return (it) => `${it.document}:${it.start}`;
    if (template === '/v1/entities/{id}/related') return (it) => it.entity.id;
    if (template === '/v1/search') return (it) => `${it.type}:${it.id}`;
    return (it) => it.id;
  }

  /* How each list sorts, as the server computes it: a key per sortable field, and the
   * tie-breaker (null where keys are unique). */
  sortKeys(template) {
    const seq = (id) => this.docSeq.get(id) ?? -1;
    const statement = {
      id: (it) => it.id,
      fields: {
        date: (it) => it.date.date ?? '',
        confidence: (it) => it.confidence.toFixed(6),
        position: (it) => [seq(it.document.id), it.start],
      },
    };
    return {
      '/v1/documents': {
        id: (it) => it.id,
        fields: { id: (it) => it.id, title: (it) => asciiLower(it.title), published: (it) => it.published.date ?? '' },
      },
      '/v1/documents/{id}/entities': {
        id: (it) => it.id,
        fields: { mentions: (it) => it.mentions, name: (it) => asciiLower(it.name), first: (it) => it.first_offset },
      },
      '/v1/entities': {
        id: (it) => it.id,
        fields: { mentions: (it) => it.mentions, name: (it) => asciiLower(it.name), documents: (it) => it.documents },
      },
      '/v1/entities/{id}/mentions': { id: null, fields: { position: (it) => [seq(it.document), it.start] } },
      '/v1/entities/{id}/related': {
        id: (it) => it.entity.id,
        fields: {
          sentences: (it) => it.sentences * 1e6 + it.documents,
          documents: (it) => it.documents * 1e6 + it.sentences,
        },
      },
      '/v1/entities/{id}/statements': statement,
      '/v1/statements': statement,
      '/v1/meetings': { id: (it) => it.id, fields: { date: (it) => it.date.date ?? '' } },
    }[template];
  }

  /* The item ids in the order the list must give them for sort (null: the default), or null
   * when the order cannot be computed from the items (search: by score, checked apart). */
  expectedOrder(template, sort, items) {
    const keys = this.sortKeys(template);
    const value = sort ?? this.sortParam(template)?.schema?.default;
    if (!keys || !value) return null;
    const key = keys.fields[value.replace(/^-/, '')];
    if (!key) return null;
    const sorted = [...items].sort((a, b) => cmpKey(key(a), key(b)) || (keys.id ? cmpBytes(keys.id(a), keys.id(b)) : 0));
    if (value.startsWith('-')) sorted.reverse();
    return sorted.map(this.itemId(template));
  }

  /* Search hits come best first (rank) or worst first (-rank): scores never go the wrong way. */
  scoreOrder(template, sort, items) {
    if (template !== '/v1/search') return [];
    const desc = (sort ?? 'rank') === 'rank';
    for (let i = 1; i < items.length; i++)
      if (desc ? items[i].score > items[i - 1].score : items[i].score < items[i - 1].score)
        return [`score ${items[i].score} after ${items[i - 1].score} with sort=${sort ?? 'rank'}`];
    return [];
  }

  /* Walks a whole list page by page with next_cursor, checking every page against the spec,
   * the Link header against next_cursor, and that every item comes once. At most ~50 pages. */
  async walk(template, path, base, sort, expectedIds) {
    const all = await this.listAll(withQuery(path, base));
    const id = this.itemId(template);
    const limit = Math.min(200, Math.max(1, Math.ceil(all.length / 50)));
    const query = [base, `limit=${limit}`, sort ? `sort=${sort}` : ''].filter(Boolean).join('&');
    const problems = [];
    const seen = [];
    const items = [];
    let cursor = null;
    for (let pages = 0; pages <= all.length + 1; pages++) {
      const url = `${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await request(this.base, 'GET', url);
      const p = this.validateReply(template, 'get', res);
      if (res.status !== 200 || p.length) {
        if (res.status !== 200) return [`${url}: ${res.status}`, ...p];
        problems.push(...p.map((x) => `${url}: ${x}`));
        if (!knownBugs(p)) return problems;
      }
      this.cover(template, 'get', 200, p);
      const body = JSON.parse(res.text);
      if (body.page.total !== all.length) problems.push(`${url}: page.total ${body.page.total}, not ${all.length}`);
      if (body.page.limit !== limit) problems.push(`${url}: page.limit ${body.page.limit}`);
      seen.push(...body.data.map(id));
      items.push(...body.data);
      cursor = body.page.next_cursor;
      if (!cursor) {
        if (res.headers.link) problems.push(`last page has Link: ${res.headers.link}`);
        break;
      }
      if (body.data.length !== limit) problems.push(`${url}: a page before the last has ${body.data.length} items`);
      const link = res.headers.link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      const expected = `${path}?${query}&cursor=${cursor}`;
      if (link !== expected) problems.push(`Link ${res.headers.link}, expected <${expected}>`);
    }
    if (new Set(seen).size !== seen.length) problems.push(`an item came twice: ${JSON.stringify(seen.slice(0, 40))}`);
    if (seen.length !== all.length) problems.push(`${seen.length} items over all pages, page.total says ${all.length}`);
    if (expectedIds && !isDeepStrictEqual(seen, expectedIds)) {
      const at = seen.findIndex((x, i) => x !== expectedIds[i]);
      problems.push(`order differs at item ${at}: ${JSON.stringify(seen.slice(at, at + 4))}, expected ${JSON.stringify(expectedIds.slice(at, at + 4))}`);
    }
    problems.push(...this.scoreOrder(template, sort, items));
    return problems;
  }

  async checkList(template) {
    const path = await this.concretePath(template);
    const base = this.baseQuery(template);
    const listPath = withQuery(path, base);
    const all = await this.listAll(listPath);
    const sorts = this.sortValues(template);
    const id = this.itemId(template);
    for (const sort of sorts.length ? sorts : [null]) {
      const order = this.expectedOrder(template, sort, all);
      await check(`GET ${listPath}${sort ? `${base ? '&' : '?'}sort=${sort}` : ''}, following next_cursor: every item once${order ? ', in order' : ''}`, () =>
        this.walk(template, path, base, sort, order ?? undefined),
      );
    }

    const defaultOrder = this.expectedOrder(template, null, all);
    await this.probe(`GET ${listPath} -> 200 with the default limit 20${defaultOrder ? ` and the default order (${this.sortParam(template).schema.default})` : ''}`, {
      path: listPath,
      template,
      expect: 200,
      extra: (res) => {
        const body = JSON.parse(res.text);
        const problems = [];
        if (body.page.limit !== 20) problems.push(`page.limit ${body.page.limit}`);
        if (body.data.length !== Math.min(20, all.length)) problems.push(`${body.data.length} items`);
        if ((body.page.next_cursor === null) !== (all.length <= 20)) problems.push('next_cursor vs total');
        if ((res.headers.link === undefined) !== (body.page.next_cursor === null)) problems.push('Link vs next_cursor');
        if (defaultOrder && !isDeepStrictEqual(body.data.map(id), defaultOrder.slice(0, 20)))
          problems.push(`order ${JSON.stringify(body.data.map(id).slice(0, 5))}..., expected ${JSON.stringify(defaultOrder.slice(0, 5))}...`);
        return problems;
      },
    });
    await this.probe(`GET ${withQuery(listPath, 'limit=200')} -> 200`, { path: withQuery(listPath, 'limit=200'), template, expect: 200 });
    await this.probe(`GET ${withQuery(listPath, 'limit=007')} -> 200 with limit 7`, {
      path: withQuery(listPath, 'limit=007'),
      template,
      expect: 200,
      extra: (res) => (JSON.parse(res.text).page.limit === 7 ? [] : ['page.limit is not 7']),
    });

    if (all.length >= 2) {
      const first = await request(this.base, 'GET', withQuery(listPath, 'limit=1'));
      const link = first.headers.link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      const firstIds = JSON.parse(first.text).data.map(id);
      await this.probe(`GET the Link rel="next" of ${withQuery(listPath, 'limit=1')} -> 200, the second page`, {
        path: link ?? withQuery(listPath, 'limit=1'),
        template,
        expect: 200,
        extra: (res) => {
          const got = JSON.parse(res.text).data.map(id)[0];
          if (!link) return ['no Link header on the first page'];
          const want = defaultOrder?.[1];
          return got !== firstIds[0] && (!want || got === want) ? [] : [`second page starts with ${got}`];
        },
      });
      if (sorts.length >= 2) {
        const cursor = JSON.parse(first.text).page.next_cursor;
        const other = sorts.find((v) => v !== this.sortParam(template).schema.default);
        await this.probe(`GET ${withQuery(listPath, `sort=${other}&cursor=<a cursor issued for the default sort>`)} -> 400`, {
          path: withQuery(listPath, `sort=${other}&cursor=${encodeURIComponent(cursor)}`),
          template,
          expect: 400,
          extra: (res) => (JSON.parse(res.text).errors.some((e) => e.param === 'cursor') ? [] : ['errors do not name cursor']),
        });
      }
    } else {
      skip(`${listPath} across pages`, 'the list has fewer than 2 items');
    }

    const bad = [
      ['limit=0', ['limit']],
      ['limit=201', ['limit']],
      ['limit=abc', ['limit']],
      ['limit=-1', ['limit']],
      ['limit=1.5', ['limit']],
      ['limit=', ['limit']],
      ['limit', ['limit']],
      ['cursor=not-a-cursor', ['cursor']],
      ['cursor=', ['cursor']],
      ['limit=1&limit=2', ['limit']],
    ];
    if (sorts.length)
      bad.push(['sort=bogus', ['sort']], ['sort=-bogus', ['sort']], ['sort=', ['sort']], ['limit=0&sort=bogus', ['limit', 'sort']]);
    for (const [query, params] of bad) await this.probe400(`GET ${withQuery(listPath, query)}`, withQuery(listPath, query), template, params);
  }

  /* ---- (a) documents in depth */

  async checkDocuments() {
    const T = '/v1/documents';
    const D = '/v1/documents/{id}';
    const all = this.documents;

    /* One document, with and without include, and its text. */
    const big = all.reduce((a, b) => (b.byte_size > a.byte_size ? b : a), all[0]);
    const docPath = `/v1/documents/${encodeURIComponent(big.id)}`;
    let doc = null;
    await this.probe(`GET ${docPath} -> 200, the list's fields plus text and structure, no raw_text or removed`, {
      path: docPath,
      template: D,
      expect: 200,
      extra: (res) => {
        doc = JSON.parse(res.text);
        const problems = [];
        for (const [k, v] of Object.entries(big))
          if (!isDeepStrictEqual(doc[k], v)) problems.push(`${k}: ${JSON.stringify(doc[k])} in the document, ${JSON.stringify(v)} in the list`);
        if ('raw_text' in doc) problems.push('raw_text without include=raw');
        if ('removed' in doc) problems.push('removed without include=removed');
        /* Paragraphs: in order, inside the text, separated by a blank line. */
        const len = bytesOf(doc.text).length;
        let at = 0;
        for (const [i, p] of doc.paragraphs.entries()) {
          if (p.start < at || p.end < p.start || p.end > len) problems.push(`paragraph ${i} [${p.start}, ${p.end}) out of order or outside the text (${len} bytes)`);
          else if (i > 0 && sliceBytes(doc.text, at, p.start) !== '\n\n') problems.push(`paragraphs ${i - 1} and ${i} are not separated by a blank line`);
          at = p.end;
        }
        /* The summary fields come from the metadata. */
        for (const f of ['title', 'source', 'url', 'byline', 'dateline', 'language'])
          if (doc.metadata[f].value !== doc[f]) problems.push(`metadata.${f}.value ${JSON.stringify(doc.metadata[f].value)}, ${f} ${JSON.stringify(doc[f])}`);
        const pub = doc.metadata.published;
        if (pub.value !== doc.published.date || pub.provenance !== doc.published.provenance || pub.precision !== doc.published.precision)
          problems.push(`metadata.published ${JSON.stringify(pub)}, published ${JSON.stringify(doc.published)}`);
        const prec = { 4: 'year', 7: 'month', 10: 'day' };
        if (doc.published.date && doc.published.precision !== prec[doc.published.date.length])
          problems.push(`published ${doc.published.date} with precision ${doc.published.precision}`);
        return problems;
      },
    });
    await this.probe(`GET ${docPath}?include=raw -> 200 with raw_text, without removed`, {
      path: `${docPath}?include=raw`,
      template: D,
      expect: 200,
      extra: (res) => {
        const d = JSON.parse(res.text);
        const problems = [];
        if (typeof d.raw_text !== 'string') problems.push('no raw_text');
        else if (bytesOf(d.raw_text).length !== d.byte_size && d.invalid_utf8_replaced === 0) problems.push(`raw_text has ${bytesOf(d.raw_text).length} bytes, byte_size ${d.byte_size}`);
        if ('removed' in d) problems.push('removed without include=removed');
        for (const [f, m] of Object.entries(d.metadata))
          if (m.provenance === 'extracted' && (m.raw_start > m.raw_end || m.raw_end > bytesOf(d.raw_text).length))
            problems.push(`metadata.${f} raw range [${m.raw_start}, ${m.raw_end}) outside raw_text`);
        return problems;
      },
    });
    await this.probe(`GET ${docPath}?include=removed -> 200 with removed, without raw_text`, {
      path: `${docPath}?include=removed`,
      template: D,
      expect: 200,
      extra: (res) => {
        const d = JSON.parse(res.text);
        const problems = [];
        if (!Array.isArray(d.removed)) problems.push('no removed');
        if ('raw_text' in d) problems.push('raw_text without include=raw');
        return problems;
      },
    });
    await this.probe(`GET ${docPath}?include=raw,removed -> 200 with both, removed spans inside raw_text`, {
      path: `${docPath}?include=raw,removed`,
      template: D,
      expect: 200,
      extra: (res) => {
        const d = JSON.parse(res.text);
        if (typeof d.raw_text !== 'string' || !Array.isArray(d.removed)) return ['raw_text or removed missing'];
        const raw = bytesOf(d.raw_text).length;
        return d.removed.filter((r) => r.raw_start > r.raw_end || r.raw_end > raw).map((r) => `removed [${r.raw_start}, ${r.raw_end}) outside raw_text (${raw} bytes)`);
      },
    });
    for (const [q, params] of [
      ['include=bogus', ['include']],
      ['include=raw,bogus', ['include']],
      ['include=', ['include']],
      ['include=raw,', ['include']],
    ])
      await this.probe400(`GET ${docPath}?${q}`, `${docPath}?${q}`, D, params);
    await this.probe(`GET ${docPath}/text -> 200, text/plain; charset=utf-8, the document's text`, {
      path: `${docPath}/text`,
      template: '/v1/documents/{id}/text',
      expect: 200,
      extra: (res) => {
        const problems = [];
        if (res.headers['content-type'] !== 'text/plain; charset=utf-8')
          problems.push(`Content-Type ${res.headers['content-type']}`);
        if (doc && res.text !== doc.text) problems.push('the text differs from the document JSON text field');
        return problems;
      },
    });

    /* gzip: a body of 1 KiB or more, when asked for. */
    if (Buffer.byteLength(JSON.stringify(doc ?? '')) >= 1024) {
      const plain = await request(this.base, 'GET', docPath);
      const gz = await this.probe(`GET ${docPath} with Accept-Encoding: gzip -> 200 gzip, its own ETag`, {
        path: docPath,
        template: D,
        expect: 200,
        headers: { 'Accept-Encoding': 'gzip' },
        extra: (res) => {
          const problems = [];
          if (res.headers['content-encoding'] !== 'gzip') problems.push(`Content-Encoding ${res.headers['content-encoding']}`);
          if (!/-gz"$/.test(res.headers.etag || '')) problems.push(`ETag ${res.headers.etag}`);
          if (!/Accept-Encoding/.test(res.headers.vary || '')) problems.push(`Vary ${res.headers.vary}`);
          if (!res.body.equals(plain.body)) problems.push('the gunzipped body differs from the identity body');
          return problems;
        },
      });
      if (gz?.headers.etag)
        await this.probe(`GET ${docPath} with Accept-Encoding: gzip and its gzip ETag -> 304`, {
          path: docPath,
          template: D,
          expect: 304,
          headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag },
        });
      await this.probe(`GET ${docPath} with the identity ETag and a weak W/ prefix -> 304`, {
        path: docPath,
        template: D,
        expect: 304,
        headers: { 'If-None-Match': `W/${plain.headers.etag}` },
      });
    } else {
      skip('gzip', 'no document is 1 KiB or more');
    }
    await check(`GET ${T}?limit=1 with Accept-Encoding: gzip -> identity (under 1 KiB)`, async () => {
      const res = await request(this.base, 'GET', `${T}?limit=1`, { 'Accept-Encoding': 'gzip' });
      if (res.raw.length >= 1024) return [];
      return res.headers['content-encoding'] ? [`Content-Encoding ${res.headers['content-encoding']} on ${res.raw.length} bytes`] : [];
    });

    /* Filters: source, publication dates. */
    const withSource = all.find((d) => d.source);
    if (withSource) {
      const odd = withSource.source.replace(/[a-z]/, (c) => c.toUpperCase()).replace(/[A-Z]/, (c) => c.toLowerCase());
      await this.filterProbe(T, `source=${encodeURIComponent(odd)}`, all.filter((d) => asciiLower(d.source ?? '\0') === asciiLower(withSource.source)).map((d) => d.id), 'source (ASCII case ignored)');
    } else skip(`${T}?source=`, 'no document has a source');
    await this.checkDateFilter(T, 'published_from', 'published_to', all, (d) => d.published.date);
    await this.probe400(`GET ${T}?source=`, `${T}?source=`, T, ['source']);
    await this.probe400(`GET ${T}?source=<257 bytes>`, `${T}?source=${'s'.repeat(257)}`, T, ['source']);
  }

  /* A filtered list must hold exactly the items whose ids are want. */
  async filterProbe(template, query, want, what, path = template) {
    const id = this.itemId(template);
    const url = withQuery(path, query);
    await this.probe(`GET ${url} -> 200, exactly the items of ${what}`, {
      path: withQuery(url, 'limit=200'),
      template,
      expect: 200,
      extra: async () => setDiff((await this.listAll(url)).map(id), want),
    });
  }

  /* Date bounds: inclusive, a shorter bound covering its whole period, as text comparison;
   * undated items never match. And bad dates are 400s. */
  async checkDateFilter(template, fromName, toName, items, dateOf, path = template) {
    const dated = items.filter((it) => dateOf(it));
    const id = this.itemId(template);
    if (dated.length) {
      const d = dated[Math.floor(dated.length / 2)];
      const date = dateOf(d);
      const year = date.slice(0, 4);
      const inRange = (from, to) => dated.filter((it) => (!from || dateOf(it) >= from) && (!to || dateOf(it) <= `${to}-99`)).map(id);
      await this.filterProbe(template, `${fromName}=${year}&${toName}=${year}`, inRange(year, year), `${year} (a year covers all of it)`, path);
      await this.filterProbe(template, `${fromName}=${date}`, inRange(date, null), `${fromName}=${date} (on or after)`, path);
      await this.filterProbe(template, `${toName}=${date}`, inRange(null, date), `${toName}=${date} (on or before)`, path);
      if (date.length >= 7) await this.filterProbe(template, `${fromName}=${date.slice(0, 7)}&${toName}=${date.slice(0, 7)}`, inRange(date.slice(0, 7), date.slice(0, 7)), `the month ${date.slice(0, 7)}`, path);
      await this.filterProbe(template, `${fromName}=${Number(year) + 1}&${toName}=${year}`, [], 'from after to (nothing)', path);
    } else skip(`${path}?${fromName}=...`, 'no dated item');
    await this.filterProbe(template, `${fromName}=2004-02-29`, dated.filter((it) => dateOf(it) >= '2004-02-29').map(id), 'a leap day', path);
    for (const bad of ['2005-02-29', '2005-13', '2005-00', '2005-04-31', '0000', '05', '2005-1-01', '2005/01/01', '20050101', 'abcd', ''])
      await this.probe400(`GET ${path}?${fromName}=${bad}`, `${path}?${fromName}=${encodeURIComponent(bad)}`, template, [fromName]);
    await this.probe400(`GET ${path}?${fromName}=2005-13&${toName}=x`, `${path}?${fromName}=2005-13&${toName}=x`, template, [fromName, toName]);
  }

  /* ---- the search syntax, on /v1/documents (whose FTS5 index is title + text) */

  async checkSearchSyntax() {
    if (!this.words) return skip('search syntax', 'the documents have too few words');
    if (!this.allTexts) return skip('search syntax', `over 2000 documents: the expected answers need every text`);
    const T = '/v1/documents';
    const { w1, w2, w3, phrase, prefix } = this.words;
    const docs = [...this.texts.values()];
    const ids = (f) => docs.filter(f).map((d) => d.id);
    const has = (w) => (d) => this.docHas(d, w);
    const cases = [
      [w1, ids(has(w1)), 'a word'],
      [`${w1.toUpperCase()}`, ids(has(w1)), 'a word in capitals (case ignored)'],
      [`${w1} ${w2}`, ids((d) => has(w1)(d) && has(w2)(d)), 'two words (AND)'],
      [`${w1} OR ${w2}`, ids((d) => has(w1)(d) || has(w2)(d)), 'OR'],
      [`${w1} -${w2}`, ids((d) => has(w1)(d) && !has(w2)(d)), 'an exclusion'],
      [`${w2} ${w3} OR ${w1}`, ids((d) => (has(w2)(d) && has(w3)(d)) || has(w1)(d)), 'OR binds looser than AND: (a AND b) OR c'],
      [`${w1} -${w2} -${w3}`, ids((d) => has(w1)(d) && !has(w2)(d) && !has(w3)(d)), 'two exclusions'],
      [`${prefix}*`, ids((d) => this.docCols(d).some((c) => c.some((t) => t.startsWith(prefix)))), 'a prefix'],
      [`${w1} AND`, ids((d) => has(w1)(d) && has('and')(d)), 'AND is a word, not an operator'],
      [`NEAR(${w1}`, ids((d) => this.docCols(d).some((c) => hasPhrase(c, ['near', w1]))), 'FTS5 syntax is text: NEAR( is a word'],
      [`${w1} !!! ---`, ids(has(w1)), 'punctuation alone is dropped'],
    ];
    if (phrase) {
      cases.push([`"${phrase.join(' ')}"`, ids((d) => this.docCols(d).some((c) => hasPhrase(c, phrase))), 'a phrase']);
      cases.push([`"${phrase.join(' ')}`, ids((d) => this.docCols(d).some((c) => hasPhrase(c, phrase))), 'an unclosed phrase runs to the end']);
    }
    for (const [q, want, what] of cases) await this.filterProbe(T, `q=${encodeURIComponent(q)}`, want, `q=${q}: ${what}`);
    await this.filterProbe(T, `q=${encodeURIComponent(`${w1} NOT ${w2}`)}&mode=advanced`, ids((d) => has(w1)(d) && !has(w2)(d)), `mode=advanced q=${w1} NOT ${w2} (raw FTS5)`);
    await this.filterProbe(T, `q=${encodeURIComponent(w1)}&mode=simple`, ids(has(w1)), 'mode=simple (the default)');
    await this.filterProbe(T, `mode=advanced`, docs.map((d) => d.id), 'mode without q (no effect)');
    await this.checkBadQueries(T, T);
  }

  /* The 400s of q and mode, on a path whose q is full-text search. */
  async checkBadQueries(path, template) {
    const w = encodeURIComponent(this.words?.w1 ?? 'word');
    for (const [q, params] of [
      ['q=', ['q']],
      ['q=%20%20', ['q']],
      ['q=---%20!!', ['q']],
      [`q=-${w}`, ['q']],
      [`q=${encodeURIComponent(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))}`, ['q']],
      [`q=${'a'.repeat(4097)}`, ['q']],
      [`q=${w}&mode=bogus`, ['mode']],
      [`q=${w}&mode=`, ['mode']],
      ['mode=bogus', ['mode']],
    ])
      await this.probe400(`GET ${withQuery(path, q).slice(0, 120)}`, withQuery(path, q), template, params);
    for (const q of ['NEAR(', '"unbalanced', 'AND', 'a:b', '*']) {
      const url = withQuery(path, `q=${encodeURIComponent(q)}&mode=advanced`);
      await this.probe400(`GET ${url.slice(0, 120)} (FTS5 refuses it)`, url, template, ['q']);
    }
  }

  /* ---- entities and their sub-resources */

  async checkEntities() {
    const T = '/v1/entities';
    const all = await this.listAll(T);
    const everything = await this.listAll(`${T}?min_mentions=0`);
    if (!all.length) return skip(T, 'no entity is mentioned');
    const ids = (f) => everything.filter(f).map((e) => e.id);

    await this.filterProbe(T, '', ids((e) => e.mentions >= 1), 'the entities mentioned at least once (min_mentions=1 by default)');
    await this.filterProbe(T, 'min_mentions=3', ids((e) => e.mentions >= 3), 'min_mentions=3');
    for (const type of ['person', 'organization', 'country', 'place', 'agreement'])
      await this.filterProbe(T, `type=${type}&min_mentions=0`, ids((e) => e.type === type), `type=${type}`);
    for (const kb of [true, false])
      await this.probe(`GET ${T}?kb=${kb}&min_mentions=0 -> 200, only kb ${kb}`, {
        path: `${T}?kb=${kb}&min_mentions=0&limit=200`,
        template: T,
        expect: 200,
        extra: (res) => JSON.parse(res.text).data.filter((e) => e.kb !== kb).slice(0, 1).map((e) => `kb=${kb}: an item has kb ${e.kb}`),
      });
    const top = all[0];
    const prefix = top.name.slice(0, 3).toLowerCase();
    await this.probe(`GET ${T}?q=${prefix} -> 200, entities whose name or an alias starts with it, ${top.id} among them`, {
      path: `${T}?q=${encodeURIComponent(prefix)}&limit=200`,
      template: T,
      expect: 200,
      extra: async (res) => {
        const found = JSON.parse(res.text).data;
        const problems = found.some((e) => e.id === top.id) ? [] : [`${top.id} is not found by q=${prefix}`];
        for (const e of found.slice(0, 20)) {
          const full = await this.getJson(`${T}/${encodeURIComponent(e.id)}`);
          if (![full.name, ...full.aliases].some((n) => asciiLower(n).startsWith(asciiLower(prefix))))
            problems.push(`${e.id} (${full.name}) has no name or alias starting with ${prefix}`);
        }
        return problems;
      },
    });
    const D = this.documents.reduce((a, b) => (b.word_count > a.word_count ? b : a));
    const inDoc = await this.listAll(`/v1/documents/${encodeURIComponent(D.id)}/entities`);
    await this.filterProbe(T, `document=${encodeURIComponent(D.id)}&min_mentions=0`, inDoc.map((e) => e.id), `the entities of /v1/documents/${D.id}/entities`);
    await this.filterProbe(T, `document=${UNKNOWN_ID}`, [], 'an unknown document (nothing)');
    for (const [q, params] of [
      ['type=bogus', ['type']],
      ['type=person,place', ['type']],
      ['type=', ['type']],
      ['kb=yes', ['kb']],
      ['kb=true,false', ['kb']],
      ['min_mentions=-1', ['min_mentions']],
      ['min_mentions=abc', ['min_mentions']],
      ['min_mentions=', ['min_mentions']],
      ['min_mentions=10000000000', ['min_mentions']],
      ['q=', ['q']],
      [`q=${'a'.repeat(201)}`, ['q']],
    ])
      await this.probe400(`GET ${T}?${q.slice(0, 40)}`, `${T}?${q}`, T, params);

    /* One entity: the list's fields, and its document list agrees with the mentions. */
    const E = top.id;
    const ePath = `${T}/${encodeURIComponent(E)}`;
    const mentions = await this.listAll(`${ePath}/mentions`);
    await this.probe(`GET ${ePath} -> 200, the list's fields, documents and roles that agree with its mentions`, {
      path: ePath,
      template: `${T}/{id}`,
      expect: 200,
      extra: (res) => {
        const e = JSON.parse(res.text);
        const problems = [];
        for (const [k, v] of Object.entries(top)) if (!isDeepStrictEqual(e[k], v)) problems.push(`${k}: ${JSON.stringify(e[k])}, list ${JSON.stringify(v)}`);
        const docs = [...new Set(mentions.map((m) => m.document))];
        if (e.mentions !== mentions.length) problems.push(`mentions ${e.mentions}, /mentions has ${mentions.length}`);
        if (e.documents !== docs.length) problems.push(`documents ${e.documents}, /mentions names ${docs.length}`);
        if (!sameSet(e.document_list.map((d) => d.id), docs.slice(0, 200))) problems.push(`document_list ${JSON.stringify(e.document_list.map((d) => d.id))}`);
        for (const d of e.document_list) {
          const n = mentions.filter((m) => m.document === d.id).length;
          if (d.mentions !== n) problems.push(`document_list ${d.id}: mentions ${d.mentions}, /mentions has ${n}`);
        }
        const dates = e.document_list.map((d) => d.published).filter(Boolean).sort(cmpBytes);
        if ((dates[0] ?? null) !== e.first_seen || (dates.at(-1) ?? null) !== e.last_seen) problems.push(`first_seen/last_seen ${e.first_seen}/${e.last_seen}, documents ${dates[0]}..${dates.at(-1)}`);
        const textRoles = new Set(mentions.filter((m) => m.role_from === 'text' && m.role).map((m) => m.role));
        if (!sameSet(e.roles_in_text.map((r) => r.role), [...textRoles])) problems.push(`roles_in_text ${JSON.stringify(e.roles_in_text.map((r) => r.role))}, mentions say ${JSON.stringify([...textRoles])}`);
        return problems;
      },
    });

    /* Mentions: the surface is the text at the offsets; context around it; document filter. */
    await check(`GET ${ePath}/mentions: surface is text[start, end) and context the 80 bytes around it`, async () => {
      const problems = [];
      for (const m of mentions.slice(0, 300)) {
        const d = this.texts.get(m.document);
        if (!d) continue;
        const buf = bytesOf(d.text);
        if (buf.subarray(m.start, m.end).toString('utf8') !== m.surface) problems.push(`${m.document}:${m.start}: surface ${JSON.stringify(m.surface)}, text ${JSON.stringify(sliceBytes(d.text, m.start, m.end))}`);
        if (utf8Window(buf.subarray(Math.max(0, m.start - 80), m.start)) !== m.context.before) problems.push(`${m.document}:${m.start}: context.before ${JSON.stringify(m.context.before)}`);
        if (utf8Window(buf.subarray(m.end, m.end + 80)) !== m.context.after) problems.push(`${m.document}:${m.start}: context.after ${JSON.stringify(m.context.after)}`);
        if (m.role_from === null && m.role !== null) problems.push(`${m.document}:${m.start}: a role without role_from`);
      }
      return problems;
    });
    const mDoc = mentions[0]?.document;
    if (mDoc) await this.filterProbe(`${T}/{id}/mentions`, `document=${encodeURIComponent(mDoc)}`, mentions.filter((m) => m.document === mDoc).map((m) => `${m.document}:${m.start}`), `the mentions in ${mDoc}`, `${ePath}/mentions`);

    /* Related: co-occurring entities, never the entity itself; type filter. */
    const related = await this.listAll(`${ePath}/related`);
    await check(`GET ${ePath}/related: other entities only, each sharing at least one document`, () =>
      related.filter((r) => r.entity.id === E || r.documents < 1 || r.sentences < 0).map((r) => `${JSON.stringify(r)}`),
    );
    const rType = related[0]?.entity.type ?? 'person';
    await this.filterProbe(`${T}/{id}/related`, `type=${rType}`, related.filter((r) => r.entity.type === rType).map((r) => r.entity.id), `type=${rType}`, `${ePath}/related`);
    if (related[0]) {
      const other = related[0].entity.id;
      const back = await this.listAll(`${T}/${encodeURIComponent(other)}/related`);
      await check(`GET /v1/entities/${other}/related names ${E} with the same counts (symmetric)`, () => {
        const r = back.find((x) => x.entity.id === E);
        return r && r.sentences === related[0].sentences && r.documents === related[0].documents ? [] : [`${JSON.stringify(r)} vs ${JSON.stringify(related[0])}`];
      });
    }
    for (const R of ['mentions', 'related', 'statements'])
      for (const [q, params] of R === 'related' ? [['type=bogus', ['type']], ['type=person,place', ['type']]] : R === 'statements' ? [['as=bogus', ['as']], ['as=', ['as']]] : [['document', ['document']]])
        await this.probe400(`GET ${ePath}/${R}?${q}`, `${ePath}/${R}?${q}`, `${T}/{id}/${R}`, params);

    /* Statements by and about an entity agree with /v1/statements. */
    const S = await this.realId(`${T}/{id}/statements`);
    const sPath = `${T}/${encodeURIComponent(S)}/statements`;
    const bySpeaker = await this.listAll(`/v1/statements?speaker=${encodeURIComponent(S)}`);
    await this.filterProbe(`${T}/{id}/statements`, '', bySpeaker.map((s) => s.id), `/v1/statements?speaker=${S}`, sPath);
    await this.filterProbe(`${T}/{id}/statements`, 'as=speaker', bySpeaker.map((s) => s.id), `/v1/statements?speaker=${S}`, sPath);
    const speaking = everything.find((e) => e.id === S);
    if (speaking) await check(`GET ${sPath}: as many as the entity's statements count`, () => (speaking.statements === bySpeaker.length ? [] : [`statements ${speaking.statements}, list ${bySpeaker.length}`]));
    const aboutE = await this.listAll(`/v1/statements?entity=${encodeURIComponent(E)}`);
    await this.filterProbe(`${T}/{id}/statements`, 'as=mentioned', aboutE.map((s) => s.id), `/v1/statements?entity=${E}`, `${ePath}/statements`);
    await check(`GET ${ePath}/statements?as=mentioned: each one's mentioned names ${E}`, () =>
      aboutE.filter((s) => !s.mentioned.includes(E)).map((s) => `${s.id} mentioned ${JSON.stringify(s.mentioned)}`),
    );
    await check(`GET ${ePath}/statements?as=speaker,mentioned -> 400 (as takes one value)`, async () => {
      const res = await request(this.base, 'GET', `${ePath}/statements?as=speaker,mentioned`);
      return res.status === 400 ? [] : [`as=speaker,mentioned: expected status 400, got ${res.status}`];
    });

    /* The entities of a document agree with the mentions of each. */
    const dPath = `/v1/documents/${encodeURIComponent(D.id)}/entities`;
    await check(`GET ${dPath}: mentions and first offsets agree with /v1/entities/{id}/mentions?document=`, async () => {
      const problems = [];
      for (const e of inDoc.slice(0, 15)) {
        const ms = await this.listAll(`${T}/${encodeURIComponent(e.id)}/mentions?document=${encodeURIComponent(D.id)}`);
        if (ms.length !== e.mentions) problems.push(`${e.id}: mentions ${e.mentions}, /mentions ${ms.length}`);
        if (ms[0] && ms[0].start !== e.first_offset) problems.push(`${e.id}: first_offset ${e.first_offset}, first mention at ${ms[0].start}`);
        const roles = [...new Set(ms.map((m) => m.role).filter(Boolean))];
        if (!sameSet(e.roles, roles)) problems.push(`${e.id}: roles ${JSON.stringify(e.roles)}, mentions ${JSON.stringify(roles)}`);
      }
      return problems;
    });
    const dType = inDoc[0]?.type ?? 'person';
    await this.filterProbe('/v1/documents/{id}/entities', `type=${dType}`, inDoc.filter((e) => e.type === dType).map((e) => e.id), `type=${dType}`, dPath);
    for (const [q, params] of [['type=bogus', ['type']], ['type=country,place', ['type']]])
      await this.probe400(`GET ${dPath}?${q}`, `${dPath}?${q}`, '/v1/documents/{id}/entities', params);
  }

  /* ---- statements */

  async checkStatements() {
    const T = '/v1/statements';
    const every = await this.listAll(`${T}?kind=direct,partial,document,term`);
    const ids = (f) => every.filter(f).map((s) => s.id);
    if (!every.length) return skip(T, 'no statement');
    await this.filterProbe(T, '', ids((s) => s.kind !== 'term'), 'every kind but term (the default)');
    for (const kind of ['direct', 'partial', 'document', 'term']) await this.filterProbe(T, `kind=${kind}`, ids((s) => s.kind === kind), `kind=${kind}`);
    await this.filterProbe(T, 'kind=direct,partial', ids((s) => s.kind === 'direct' || s.kind === 'partial'), 'kind=direct,partial');
    const sp = every.find((s) => s.speaker)?.speaker.id;
    if (sp) await this.filterProbe(T, `speaker=${encodeURIComponent(sp)}`, ids((s) => s.kind !== 'term' && s.speaker?.id === sp), `speaker=${sp}`);
    const men = every.find((s) => s.mentioned.length)?.mentioned[0];
    if (men) await this.filterProbe(T, `entity=${encodeURIComponent(men)}`, ids((s) => s.kind !== 'term' && s.mentioned.includes(men)), `entity=${men}`);
    const doc = every[0].document.id;
    await this.filterProbe(T, `document=${encodeURIComponent(doc)}&kind=direct,partial,document,term`, ids((s) => s.document.id === doc), `document=${doc}`);
    const meeting = every.find((s) => s.meeting)?.meeting;
    if (meeting) await this.filterProbe(T, `meeting=${encodeURIComponent(meeting)}`, ids((s) => s.kind !== 'term' && s.meeting === meeting), `meeting=${meeting}`);
    await this.filterProbe(T, `meeting=${UNKNOWN_ID}`, [], 'an unknown meeting (nothing)');
    await this.checkDateFilter(T, 'from', 'to', every.filter((s) => s.kind !== 'term'), (s) => s.date.date);
    if (this.words) {
      const w = this.words.w1;
      const want = ids((s) => s.kind !== 'term' && (tokens(s.text).includes(w) || tokens(s.speaker?.name).includes(w)));
      await this.filterProbe(T, `q=${w}`, want, `q=${w} (quoted words and speaker names)`);
    }
    for (const [q, params] of [
      ['kind=bogus', ['kind']],
      ['kind=direct,', ['kind']],
      ['kind=', ['kind']],
      ['kind=direct,bogus', ['kind']],
      ['kind=bogus&from=2005-02-30', ['kind', 'from']],
    ])
      await this.probe400(`GET ${T}?${q}`, `${T}?${q}`, T, params);
    await this.checkBadQueries(T, T);

    /* Each statement: within its document, its date agrees with the document's, and the
     * detail page adds context and evidence that match the text. */
    await check(`${T}: offsets inside the document, dates as documented`, () => {
      const problems = [];
      for (const s of every) {
        const d = this.texts.get(s.document.id);
        if (!d) continue;
        if (s.end < s.start || s.end > bytesOf(d.text).length) problems.push(`${s.id}: [${s.start}, ${s.end}) outside the text`);
        if (s.document.title !== d.title) problems.push(`${s.id}: document.title ${s.document.title}, document ${d.title}`);
        if (s.date.from === 'document' && (s.date.date !== d.published.date || s.date.precision !== d.published.precision)) problems.push(`${s.id}: date from the document ${JSON.stringify(s.date)}, document ${JSON.stringify(d.published)}`);
        if (s.date.from === null && (s.date.date !== null || d.published.date !== null)) problems.push(`${s.id}: no date source but ${JSON.stringify(s.date)} (document ${d.published.date})`);
        if (!s.id.startsWith(`${s.document.id}-q`)) problems.push(`${s.id}: not an id of ${s.document.id}`);
      }
      return problems;
    });
    const sample = [...every].sort((a, b) => b.text.length - a.text.length).slice(0, 5);
    for (const s of sample) {
      const path = `${T}/${encodeURIComponent(s.id)}`;
      await this.probe(`GET ${path} -> 200, the list's fields plus context and evidence that match the text`, {
        path,
        template: `${T}/{id}`,
        expect: 200,
        extra: (res) => {
          const full = JSON.parse(res.text);
          const problems = [];
          for (const [k, v] of Object.entries(s)) if (!isDeepStrictEqual(full[k], v)) problems.push(`${k}: ${JSON.stringify(full[k])}, list ${JSON.stringify(v)}`);
          const d = this.texts.get(s.document.id);
          if (!d) return problems;
          const buf = bytesOf(d.text);
          if (utf8Window(buf.subarray(Math.max(0, s.start - 300), s.start)) !== full.context.before) problems.push(`context.before ${JSON.stringify(full.context.before.slice(-60))}`);
          if (utf8Window(buf.subarray(s.end, s.end + 300)) !== full.context.after) problems.push(`context.after ${JSON.stringify(full.context.after.slice(0, 60))}`);
          const para = d.paragraphs[full.paragraph];
          if (!para || s.start < para.start || s.start > para.end) problems.push(`paragraph ${full.paragraph} ${JSON.stringify(para)} does not hold start ${s.start}`);
          const ev = full.evidence;
          for (const k of ['speaker', 'cue'])
            if ((ev[`${k}_start`] === null) !== (ev[`${k}_end`] === null) || ev[`${k}_end`] > buf.length || ev[`${k}_start`] > ev[`${k}_end`]) problems.push(`evidence ${k} ${ev[`${k}_start`]}..${ev[`${k}_end`]}`);
          if (full.cue && ev.cue_start !== null && !asciiLower(sliceBytes(d.text, ev.cue_start, ev.cue_end)).includes(asciiLower(full.cue)) && full.cue !== ':')
            problems.push(`cue ${JSON.stringify(full.cue)}, text at the cue ${JSON.stringify(sliceBytes(d.text, ev.cue_start, ev.cue_end))}`);
          return problems;
        },
      });
    }
  }

  /* ---- meetings and the timeline */

  async checkMeetings() {
    const T = '/v1/meetings';
    const all = await this.listAll(T);
    if (!all.length) return skip(T, 'no meeting');
    const ids = (f) => all.filter(f).map((m) => m.id);
    const kind = all.find((m) => m.origin !== 'registry')?.kind ?? all[0].kind;
    await this.filterProbe(T, `kind=${kind}`, ids((m) => m.kind === kind), `kind=${kind}`);
    const status = all.find((m) => m.status !== 'held')?.status ?? all[0].status;
    await this.filterProbe(T, `status=${status}`, ids((m) => m.status === status), `status=${status}`);
    const part = all.find((m) => m.participants.length)?.participants[0].id;
    if (part) await this.filterProbe(T, `participant=${encodeURIComponent(part)}`, ids((m) => m.participants.some((p) => p.id === part)), `participant=${part}`);
    const placed = all.find((m) => m.place.name);
    if (placed) await this.filterProbe(T, `place=${encodeURIComponent(placed.place.name.toUpperCase())}`, ids((m) => asciiLower(m.place.name ?? '\0') === asciiLower(placed.place.name) || m.place.id === placed.place.name.toUpperCase()), `place=${placed.place.name.toUpperCase()} (a place name, ASCII case ignored)`);
    const placeId = all.find((m) => m.place.id)?.place.id;
    if (placeId) await this.filterProbe(T, `place=${encodeURIComponent(placeId)}`, ids((m) => m.place.id === placeId || asciiLower(m.place.name ?? '\0') === asciiLower(placeId)), `place=${placeId} (a place entity)`);
    await this.checkDateFilter(T, 'from', 'to', all, (m) => m.date.date);

    /* Details: the list's fields, and evidence that matches the texts. */
    const details = new Map();
    for (const m of all.filter((x) => x.documents > 0).slice(0, 10).concat(all.filter((x) => x.origin === 'registry').slice(0, 1))) {
      const path = `${T}/${encodeURIComponent(m.id)}`;
      await this.probe(`GET ${path} -> 200, the list's fields, evidence that matches the texts`, {
        path,
        template: `${T}/{id}`,
        expect: 200,
        extra: (res) => {
          const full = JSON.parse(res.text);
          details.set(m.id, full);
          const problems = [];
          for (const [k, v] of Object.entries(m)) if (!isDeepStrictEqual(full[k], v)) problems.push(`${k}: ${JSON.stringify(full[k])}, list ${JSON.stringify(v)}`);
          for (const part of ['evidence', 'outcomes', 'statements'])
            for (const e of full[part]) {
              const d = this.texts.get(e.document);
              if (d && sliceBytes(d.text, e.start, e.end) !== e.text && part !== 'statements') problems.push(`${part} ${e.document}:${e.start}: text is not text[start, end)`);
            }
          const docs = [...new Set(full.evidence.map((e) => e.document))];
          if (!sameSet(full.document_list.map((d) => d.id), docs)) problems.push(`document_list ${JSON.stringify(full.document_list.map((d) => d.id))}, evidence from ${JSON.stringify(docs)}`);
          if (full.documents !== docs.length) problems.push(`documents ${full.documents}, evidence from ${docs.length}`);
          if ((full.registry?.id ?? null) !== full.registry_id) problems.push(`registry.id ${full.registry?.id}, registry_id ${full.registry_id}`);
          if ((full.registry_id === null) === (full.origin !== 'text')) problems.push(`origin ${full.origin} with registry_id ${full.registry_id}`);
          if (full.registry && full.candidates.length) problems.push('candidates beside a linked registry row');
          if (!sameSet(full.participants.map((p) => p.id), full.participant_evidence.map((p) => p.id))) problems.push('participants and participant_evidence name different people');
          for (const p of full.participant_evidence)
            if ((p.origin === 'registry') !== (p.evidence.document === null)) problems.push(`participant ${p.id} (${p.origin}) evidence ${JSON.stringify(p.evidence)}`);
          return problems;
        },
      });
    }
    const withDoc = [...details.values()].find((m) => m.document_list.length);
    if (withDoc) {
      const D = withDoc.document_list[0].id;
      const want = [];
      for (const m of all) {
        const full = details.get(m.id) ?? (await this.getJson(`${T}/${encodeURIComponent(m.id)}`));
        if (full.evidence.some((e) => e.document === D)) want.push(m.id);
      }
      await this.filterProbe(T, `document=${encodeURIComponent(D)}`, want, `the meetings ${D} reports`);
      const stmts = await this.listAll(`/v1/statements?meeting=${encodeURIComponent(withDoc.id)}`);
      await check(`GET ${T}/${withDoc.id} statements are /v1/statements?meeting=${withDoc.id}`, () => setDiff(withDoc.statements.map((s) => s.id), stmts.map((s) => s.id)));
    }
    for (const [q, params] of [
      ['kind=bogus', ['kind']],
      ['kind=scc,summit', ['kind']],
      ['status=bogus', ['status']],
      ['status=held,scheduled', ['status']],
      ['place=', ['place']],
      [`place=${'p'.repeat(201)}`, ['place']],
      ['kind=bogus&status=bogus&from=1999-02-29', ['kind', 'status', 'from']],
    ])
      await this.probe400(`GET ${T}?${q.slice(0, 50)}`, `${T}?${q}`, T, params);
  }

  async checkTimeline() {
    const T = '/v1/timeline';
    const meetings = (await this.listAll('/v1/meetings')).filter((m) => m.date.date);
    const documents = this.documents.filter((d) => d.published.date);
    const statements = (await this.listAll('/v1/statements')).filter((s) => s.date.date);
    const dated = { meeting: meetings.map((m) => m.date.date), document: documents.map((d) => d.published.date), statement: statements.map((s) => s.date.date) };
    const width = { year: 4, month: 7, day: 10 };
    const expect = (bucket, types, from, to) => {
      const counts = new Map();
      for (const [type, dates] of Object.entries(dated)) {
        if (!types.includes(type)) continue;
        for (const d of dates) {
          if ((from && d < from) || (to && d > `${to}-99`)) continue;
          const p = d.slice(0, width[bucket]);
          counts.set(p, { meetings: 0, documents: 0, statements: 0, ...counts.get(p) });
          counts.get(p)[`${type}s`]++;
        }
      }
      return [...counts.entries()].sort((a, b) => cmpBytes(a[0], b[0]));
    };
    const allTypes = ['meeting', 'document', 'statement'];
    const cases = [
      ['', 'year', allTypes, null, null],
      ['bucket=month', 'month', allTypes, null, null],
      ['bucket=day&items=0', 'day', allTypes, null, null],
      ['types=meeting', 'year', ['meeting'], null, null],
      ['types=document,statement&bucket=month', 'month', ['document', 'statement'], null, null],
    ];
    const someDate = [...dated.meeting, ...dated.document].sort(cmpBytes)[0];
    if (someDate) cases.push([`from=${someDate.slice(0, 4)}&to=${Number(someDate.slice(0, 4)) + 5}`, 'year', allTypes, someDate.slice(0, 4), String(Number(someDate.slice(0, 4)) + 5)]);
    for (const [query, bucket, types, from, to] of cases) {
      const items = /items=(\d+)/.exec(query)?.[1] ?? '10';
      await this.probe(`GET ${withQuery(T, query)} -> 200, every dated item counted once in its period, ${items} listed at most`, {
        path: withQuery(T, query),
        template: T,
        expect: 200,
        extra: (res) => {
          const tl = JSON.parse(res.text);
          const problems = [];
          if (tl.bucket !== bucket || tl.from !== from || tl.to !== to) problems.push(`bucket/from/to ${tl.bucket}/${tl.from}/${tl.to}`);
          const want = expect(bucket, types, from, to);
          const got = tl.buckets.map((b) => [b.period, b.counts]);
          if (!isDeepStrictEqual(got, want)) {
            const at = got.findIndex((g, i) => !isDeepStrictEqual(g, want[i]));
            problems.push(`periods differ at ${at}: ${JSON.stringify(got[at])}, expected ${JSON.stringify(want[at])} (${got.length} vs ${want.length} periods)`);
          }
          for (const b of tl.buckets) {
            if (b.meetings.length !== Math.min(Number(items), b.counts.meetings) || b.documents.length !== Math.min(Number(items), b.counts.documents))
              problems.push(`${b.period}: ${b.meetings.length} meetings and ${b.documents.length} documents listed for counts ${JSON.stringify(b.counts)}`);
            for (const x of [...b.meetings, ...b.documents]) if (x.date.slice(0, b.period.length) !== b.period || (x.date.length < width[bucket] && x.date !== b.period)) problems.push(`${b.period}: ${x.id} dated ${x.date}`);
            const order = [...b.meetings].sort((x, y) => cmpBytes(x.date, y.date) || cmpBytes(x.id, y.id));
            if (!isDeepStrictEqual(order, b.meetings)) problems.push(`${b.period}: meetings not by date then id`);
          }
          return problems;
        },
      });
    }
    for (const [q, params] of [
      ['bucket=week', ['bucket']],
      ['bucket=year,month', ['bucket']],
      ['types=bogus', ['types']],
      ['types=', ['types']],
      ['items=101', ['items']],
      ['items=-1', ['items']],
      ['items=abc', ['items']],
      ['items=', ['items']],
      ['from=2005-02-30', ['from']],
      ['to=2005-13', ['to']],
    ])
      await this.probe400(`GET ${T}?${q}`, `${T}?${q}`, T, params);
  }

  /* ---- search */

  async checkSearch() {
    const T = '/v1/search';
    if (!this.words) return skip(T, 'the documents have too few words');
    const { w1, w2 } = this.words;
    const q = `q=${encodeURIComponent(w1)}`;
    const hits = await this.listAll(`${T}?${q}`);
    const docHits = (await this.listAll(`/v1/documents?${q}`)).map((d) => `document:${d.id}`);
    const stmtHits = (await this.listAll(`/v1/statements?${q}`)).map((s) => `statement:${s.id}`);
    await this.filterProbe(T, `${q}&type=document`, docHits, `/v1/documents?${q}`);
    await this.filterProbe(T, `${q}&type=statement`, stmtHits, `/v1/statements?${q}`);
    await this.filterProbe(T, `${q}&type=document,statement`, [...docHits, ...stmtHits], 'documents and statements');
    await this.filterProbe(T, `${q}&type=entity,document,statement`, hits.map((h) => `${h.type}:${h.id}`), 'all three types (the default)');
    await check(`GET ${T}?${q}: hits agree with their resources, offsets point at the word, entities are mentioned`, async () => {
      const problems = [];
      for (const h of hits.slice(0, 60)) {
        if (h.type === 'document') {
          const d = this.texts.get(h.id);
          if (!d) continue;
          if (h.title !== d.title || h.document !== d.id || h.date !== d.published.date || h.text !== null) problems.push(`document ${h.id}: title/document/date/text ${JSON.stringify([h.title, h.document, h.date, h.text])}`);
          if (h.matches.field !== 'text') problems.push(`document ${h.id}: matches.field ${h.matches.field}`);
          for (const [s, e] of h.matches.offsets) if (!isDeepStrictEqual(tokens(sliceBytes(d.text, s, e)), [w1])) problems.push(`document ${h.id}: [${s}, ${e}) is ${JSON.stringify(sliceBytes(d.text, s, e))}`);
          const n = tokens(d.text).filter((t) => t === w1).length;
          if (h.matches.offsets.length !== n) problems.push(`document ${h.id}: ${h.matches.offsets.length} offsets, ${n} occurrences of ${w1} in the text`);
        } else if (h.type === 'statement') {
          const s = await this.getJson(`/v1/statements/${encodeURIComponent(h.id)}`);
          if (h.text !== s.text || h.document !== s.document.id || h.date !== s.date.date || h.title !== null) problems.push(`statement ${h.id}: text/document/date/title differ`);
          if (h.matches.field !== 'statement') problems.push(`statement ${h.id}: matches.field ${h.matches.field}`);
          for (const [a, b] of h.matches.offsets) if (!isDeepStrictEqual(tokens(sliceBytes(h.text, a, b)), [w1])) problems.push(`statement ${h.id}: [${a}, ${b}) of its text is ${JSON.stringify(sliceBytes(h.text, a, b))}`);
        } else {
          const e = await this.getJson(`/v1/entities/${encodeURIComponent(h.id)}`);
          if (h.title !== e.name || h.document !== null || h.date !== null || h.matches.field !== null || h.matches.offsets.length) problems.push(`entity ${h.id}: ${JSON.stringify(h)}`);
          if (e.mentions < 1) problems.push(`entity ${h.id} has no mentions`);
          if (![e.name, ...e.aliases].some((n) => tokens(n).includes(w1))) problems.push(`entity ${h.id}: neither its name nor an alias has ${w1}`);
        }
      }
      return problems;
    });
    await this.probe(`GET ${T}?${q}&mark_open=[[&mark_close=]] -> 200, snippets marked with them`, {
      path: `${T}?${q}&mark_open=%5B%5B&mark_close=%5D%5D&limit=200`,
      template: T,
      expect: 200,
      extra: (res) => {
        const problems = [];
        for (const h of JSON.parse(res.text).data) {
          if (h.snippet.includes('<mark>')) problems.push(`${h.type}:${h.id}: <mark> in ${JSON.stringify(h.snippet)}`);
          const inText = h.type === 'document' ? this.docCols(this.texts.get(h.id) ?? { title: '', text: '' })[1].includes(w1) : h.type === 'statement' ? tokens(h.text).includes(w1) : true;
          if (inText && !/\[\[[^\]]*\]\]/.test(h.snippet)) problems.push(`${h.type}:${h.id}: no [[...]] in ${JSON.stringify(h.snippet)}`);
          else if (inText && !/\[\[(.*?)\]\]/.exec(h.snippet)[1].toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').includes(w1))
            problems.push(`${h.type}:${h.id}: the marked words are not ${w1}: ${JSON.stringify(h.snippet)}`);
        }
        return problems;
      },
    });
    await this.probe(`GET ${T}?${q} -> 200, default marks <mark> and </mark>`, {
      path: `${T}?${q}&limit=200`,
      template: T,
      expect: 200,
      extra: (res) => JSON.parse(res.text).data.filter((h) => h.type === 'statement' && !h.snippet.includes('<mark>')).slice(0, 3).map((h) => `statement ${h.id}: ${h.snippet}`),
    });
    const dated = hits.filter((h) => h.date);
    if (dated.length) {
      const year = dated[0].date.slice(0, 4);
      await this.filterProbe(T, `${q}&from=${year}&to=${year}`, dated.filter((h) => h.date.startsWith(year)).map((h) => `${h.type}:${h.id}`), `from=to=${year}: dated documents and statements of ${year} only, no entity`);
    }
    const speakers = [];
    for (const h of hits.filter((x) => x.type === 'statement')) speakers.push((await this.getJson(`/v1/statements/${encodeURIComponent(h.id)}`)).speaker?.id);
    const sp = speakers.find(Boolean);
    if (sp) {
      const want = hits.filter((h, i) => h.type === 'statement').filter((h, i) => speakers[i] === sp).map((h) => `statement:${h.id}`);
      await this.filterProbe(T, `${q}&speaker=${encodeURIComponent(sp)}`, want, `speaker=${sp}: their statements only`);
    }
    const ent = hits.find((h) => h.type === 'entity')?.id;
    if (ent) {
      const mentionedIn = new Set((await this.listAll(`/v1/entities/${encodeURIComponent(ent)}/mentions`)).map((m) => m.document));
      const stmts = new Set([...(await this.listAll(`/v1/statements?speaker=${encodeURIComponent(ent)}`)), ...(await this.listAll(`/v1/statements?entity=${encodeURIComponent(ent)}`))].map((s) => s.id));
      const want = hits.filter((h) => (h.type === 'entity' && h.id === ent) || (h.type === 'document' && mentionedIn.has(h.id)) || (h.type === 'statement' && stmts.has(h.id))).map((h) => `${h.type}:${h.id}`);
      await this.filterProbe(T, `${q}&entity=${encodeURIComponent(ent)}`, want, `entity=${ent}: documents that mention it, its statements, itself`);
    }
    const src = this.documents.find((d) => d.source)?.source;
    if (src) {
      const docsOf = new Set(this.documents.filter((d) => asciiLower(d.source ?? '\0') === asciiLower(src)).map((d) => d.id));
      const want = hits.filter((h) => h.type !== 'entity' && docsOf.has(h.document)).map((h) => `${h.type}:${h.id}`);
      await this.filterProbe(T, `${q}&source=${encodeURIComponent(src)}`, want, `source=${src}: documents and statements of that source`);
    }
    await this.filterProbe(T, `q=${encodeURIComponent(`${w1} OR ${w2}`)}&type=document`, (await this.listAll(`/v1/documents?q=${encodeURIComponent(`${w1} OR ${w2}`)}`)).map((d) => `document:${d.id}`), `q=${w1} OR ${w2}, as /v1/documents`);
    for (const [query, params] of [
      ['', ['q']],
      ['limit=5', ['q']],
      [`${q}&type=bogus`, ['type']],
      [`${q}&type=`, ['type']],
      [`${q}&type=document&speaker=${encodeURIComponent(sp ?? 'someone')}`, ['speaker']],
      [`${q}&mark_open=${'x'.repeat(65)}`, ['mark_open']],
      [`${q}&mark_close=${'x'.repeat(65)}`, ['mark_close']],
      [`${q}&from=2005-02-30`, ['from']],
      [`${q}&source=`, ['source']],
    ])
      await this.probe400(`GET ${withQuery(T, query).slice(0, 90)}`, withQuery(T, query), T, params);
    await this.checkBadQueries(T, T);
  }

  /* ---- (a) the rest: content that the schemas cannot say */

  async checkContent(corpus) {
    await check('GET /openapi.yaml is this openapi.yaml', async () => {
      const res = await request(this.base, 'GET', '/openapi.yaml');
      return isDeepStrictEqual(YAML.parse(res.text), this.spec.doc)
        ? []
        : ['the served description differs from openapi.yaml: rebuild the server (it embeds the file)'];
    });
    await check('GET / version is info.version of openapi.yaml', async () => {
      const res = await request(this.base, 'GET', '/');
      const v = JSON.parse(res.text).version;
      return v === this.spec.doc.info.version ? [] : [`server ${v}, openapi.yaml ${this.spec.doc.info.version}`];
    });
    await check('GET /v1/stats counts agree with the document list', async () => {
      const stats = JSON.parse((await request(this.base, 'GET', '/v1/stats')).text);
      const docs = this.documents;
      const problems = [];
      if (stats.counts.documents !== docs.length) problems.push(`counts.documents ${stats.counts.documents}, list ${docs.length}`);
      if (stats.ingest.files_ingested !== docs.length) problems.push(`files_ingested ${stats.ingest.files_ingested}`);
      if (stats.ingest.files_seen !== stats.ingest.files_ingested + stats.ingest.files_skipped)
        problems.push('files_seen is not files_ingested + files_skipped');
      if (stats.ingest.skipped.length !== stats.ingest.files_skipped) problems.push('skipped[] length');
      if (corpus) {
        const txt = readdirSync(corpus).filter((f) => f.endsWith('.txt') && !f.startsWith('.') && f.length > 4);
        if (stats.ingest.files_seen !== txt.length) problems.push(`files_seen ${stats.ingest.files_seen}, ${txt.length} .txt files in ${corpus}`);
      }
      return problems;
    });
    await this.probe('GET /metrics -> 200, Prometheus text with this server\'s counters', {
      path: '/metrics',
      template: '/metrics',
      expect: 200,
      extra: async (res) => {
        const problems = [];
        if (res.headers['content-type'] !== 'text/plain; version=0.0.4; charset=utf-8') problems.push(`Content-Type ${res.headers['content-type']}`);
        const samples = new Map();
        for (const line of res.text.split('\n')) {
          if (!line || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
          const m = /^([a-z_]+)(\{.*\})? (\S+)$/.exec(line);
          if (!m || Number.isNaN(Number(m[3]))) problems.push(`not a sample line: ${JSON.stringify(line)}`);
          else samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
        }
        if (samples.get('twoplus_documents') !== this.documents.length) problems.push(`twoplus_documents ${samples.get('twoplus_documents')}, ${this.documents.length} documents`);
        if (!(samples.get('twoplus_http_requests_total{route="/v1/documents",status="200"}') > 0)) problems.push('no count of 200s for /v1/documents');
        if (!(samples.get('twoplus_http_requests_total{route="unmatched",status="404"}') > 0)) problems.push('no count of 404s for unmatched paths');
        const routes = new Set([...samples.keys()].map((k) => /route="([^"]*)"/.exec(k)?.[1]).filter(Boolean));
        for (const r of routes) if (r !== 'unmatched' && !this.spec.doc.paths[r]) problems.push(`route label ${r} is not a path of openapi.yaml`);
        if (samples.get('twoplus_http_request_duration_seconds_bucket{le="+Inf"}') !== samples.get('twoplus_http_request_duration_seconds_count')) problems.push('+Inf bucket is not the count');
        return problems;
      },
    });
    await check('GET /readyz -> 200 ready while serving', async () => {
      const res = await request(this.base, 'GET', '/readyz');
      return res.status === 200 ? [] : [`status ${res.status}`];
    });
  }

  /* ---- the dashboard: / to a browser, /ui/{file} */

  async checkDashboard() {
    const html = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const page = await this.probe('GET / with a browser\'s Accept -> 200 the dashboard page (text/html)', {
      path: '/',
      template: '/',
      expect: 200,
      headers: html,
      extra: (res) => {
        const problems = [];
        if (mediaType(res.headers['content-type']) !== 'text/html') problems.push(`Content-Type ${res.headers['content-type']}`);
        if (!/<script[\s>]/.test(res.text) || !res.text.includes('app.js')) problems.push('the page does not load app.js');
        return problems;
      },
    });
    if (page?.headers.etag)
      await this.probe('GET / with a browser\'s Accept and If-None-Match: its ETag -> 304', {
        path: '/',
        template: '/',
        expect: 304,
        headers: { ...html, 'If-None-Match': page.headers.etag },
      });
    await check('GET / with Accept: */* or application/json or text/html;q=0 -> the JSON index', async () => {
      const problems = [];
      for (const accept of ['*/*', 'application/json', 'text/html;q=0, application/json']) {
        const res = await request(this.base, 'GET', '/', { Accept: accept });
        if (mediaType(res.headers['content-type']) !== 'application/json') problems.push(`Accept ${accept}: Content-Type ${res.headers['content-type']}`);
      }
      return problems;
    });
    for (const [file, type] of [['index.html', 'text/html'], ['app.js', 'text/javascript'], ['style.css', 'text/css']])
      await this.probe(`GET /ui/${file} -> 200 ${type}`, {
        path: `/ui/${file}`,
        template: '/ui/{file}',
        expect: 200,
        extra: (res) => (mediaType(res.headers['content-type']) === type && res.text.length > 0 ? [] : [`Content-Type ${res.headers['content-type']}, ${res.text.length} bytes`]),
      });
    /* Names compare exactly: no case folding, no path outside the three files. */
    for (const path of ['/ui/nope.js', '/ui/APP.JS', '/ui/..%2Fopenapi.yaml'])
      await this.probe(`GET ${path} -> 404`, { path, template: '/ui/{file}', expect: 404 });
  }

  async checkUnknownPath() {
    await check('GET /no/such/path -> 404 application/problem+json (not-found)', async () => {
      const res = await request(this.base, 'GET', '/no/such/path');
      if (res.status !== 404) return [`status ${res.status}`];
      if (mediaType(res.headers['content-type']) !== 'application/problem+json') return [`Content-Type ${res.headers['content-type']}`];
      return this.spec.validate(this.spec.schema('NotFoundProblem'), JSON.parse(res.text), 'body');
    });
    await check('PUT /no/such/path -> 404 (an unknown path is 404 whatever the method)', async () => {
      const res = await request(this.base, 'PUT', '/no/such/path', {}, 'x');
      return res.status === 404 ? [] : [`status ${res.status}`];
    });
    for (const p of ['/v1/entities/', '/v1/documents//text', '/v1/entities/x/y', '/v1/statements/x/text', '/v1/search/x', '/metrics/'])
      await check(`GET ${p} -> 404 (not a route)`, async () => {
        const res = await request(this.base, 'GET', p);
        return res.status === 404 ? [] : [`status ${res.status}`];
      });
  }

  /* ---- 503 query-timeout: a second server that allows each request 1 ms of database time,
   * on a corpus large enough that the slowest query of every such path takes longer. */

  slowRequests(ids) {
    const heavyQ = encodeURIComponent('abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}*`).join(' OR '));
    return {
      '/v1/documents': `/v1/documents?limit=200&sort=title&q=${heavyQ}`,
      '/v1/documents/{id}/entities': `/v1/documents/${ids.bigDoc}/entities?limit=200&sort=name`,
      '/v1/entities': `/v1/entities?limit=200&min_mentions=0&sort=-documents&document=${ids.bigDoc}`,
      '/v1/entities/{id}/mentions': `/v1/entities/${ids.anchor}/mentions?limit=200&sort=-position`,
      '/v1/entities/{id}/related': `/v1/entities/${ids.anchor}/related?limit=200&sort=documents`,
      '/v1/entities/{id}/statements': `/v1/entities/${encodeURIComponent(ids.quoted)}/statements?as=${ids.quotedAs}&limit=200&sort=-confidence`,
      '/v1/statements': `/v1/statements?limit=200&sort=-position&q=${heavyQ}`,
      '/v1/meetings': '/v1/meetings?limit=200&sort=-date',
      '/v1/timeline': '/v1/timeline?bucket=day&items=100',
      '/v1/search': `/v1/search?limit=200&q=${heavyQ}`,
    };
  }

  async checkQueryTimeouts(opts) {
    const templates = Object.keys(this.spec.doc.paths).filter((t) => this.spec.operation(t, 'get')?.responses?.['503'] && t !== '/readyz');
    /* The entity most named inside quotations (else the most quoted speaker): its statements
     * multiply with the copies of the corpus. */
    const counts = new Map();
    for (const s of await this.listAll('/v1/statements')) for (const e of s.mentioned) counts.set(e, (counts.get(e) || 0) + 1);
    const mostNamed = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const ids = {
      bigDoc: 'contract_big',
      anchor: 'contract-anchor',
      quoted: mostNamed ?? (await this.realId('/v1/entities/{id}/statements')),
      quotedAs: mostNamed ? 'mentioned' : 'speaker',
    };
    let dir = null;
    let server = null;
    try {
      dir = makeSlowFixture(opts.corpus, opts.data);
      server = await startServer(opts.binary, join(dir, 'corpus'), ['--data', join(dir, 'data'), '--query-timeout-ms', '1', '--cache-mb', '0']);
      report(`start a second server with --query-timeout-ms 1 on ${dir}`, []);
    } catch (err) {
      report('start a second server with --query-timeout-ms 1', `${err.message}`);
      server?.child.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
      return;
    }
    const slow = this.slowRequests(ids);
    const fast = new Contract(this.spec, server.base, { spawned: true });
    for (const template of templates) {
      const path = slow[template];
      await check(`GET ${path ?? template} with 1 ms of database time -> 503 query-timeout with Retry-After: 1`, async () => {
        if (!path) return [`no slow request is known for ${template}: add one to slowRequests()`];
        const seen = [];
        for (let attempt = 0; attempt < 5; attempt++) {
          const res = await request(server.base, 'GET', path);
          seen.push(res.status);
          if (res.status !== 503) continue;
          const problems = fast.validateReply(template, 'get', res);
          if (JSON.parse(res.text).type !== 'urn:twoplus:problem:query-timeout') problems.push(`type ${JSON.parse(res.text).type}`);
          this.cover(template, 'get', 503, problems);
          return problems;
        }
        return [`statuses ${seen.join(', ')}, never 503`];
      });
    }
    await check('the --query-timeout-ms 1 server still answers what is fast: GET /healthz -> 200', async () => {
      const res = await request(server.base, 'GET', '/healthz');
      return res.status === 200 ? [] : [`status ${res.status}`];
    });
    await check('SIGTERM: the --query-timeout-ms 1 server exits with status 0', async () => {
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 20000);
      const exit = await server.exited;
      clearTimeout(timer);
      return exit.code === 0 ? [] : [`exit ${JSON.stringify(exit)}`, ...server.stderr.split('\n').filter(Boolean).slice(-20)];
    });
    rmSync(dir, { recursive: true, force: true });
  }

  /* ---- shutdown: /readyz 503 while requests finish, then exit 0 (spawn mode) */

  async checkShutdown(server) {
    const T = '/readyz';
    const keep = new RawConnection(this.base);
    const slow = new RawConnection(this.base);
    await check('SIGTERM: /readyz answers 503 stopping while a request in flight finishes', async () => {
      await keep.ready;
      await slow.ready;
      keep.write('GET /healthz HTTP/1.1\r\nHost: contract\r\n\r\n');
      const first = await keep.read();
      if (first?.status !== 200) return [`keep-alive GET /healthz: ${first?.status}`];
      /* A request in flight: headers sent, body not yet. "100 Continue" says the server has
       * taken the request in; it must then finish it before it exits. */
      slow.write('POST /healthz HTTP/1.1\r\nHost: contract\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n');
      const cont = await slow.read();
      if (cont?.status !== 100) return [`Expect: 100-continue got ${cont?.status}, not 100 Continue`];
      slow.write('01234');
      server.child.kill('SIGTERM');
      /* The kept-alive connection still gets answers; poll until readiness drops. */
      let res = null;
      for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
        keep.write(`GET ${T} HTTP/1.1\r\nHost: contract\r\n\r\n`);
        const reply = await keep.read();
        if (!reply) return ['the kept-alive connection was closed before /readyz said 503'];
        res = { ...reply, raw: reply.body, method: 'GET', path: T };
        if (res.status !== 200) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (res?.status !== 503) return [`GET /readyz after SIGTERM: ${res?.status} ${res?.text.slice(0, 200)}`];
      const problems = this.validateReply(T, 'get', res);
      if (JSON.parse(res.text).type !== 'urn:twoplus:problem:stopping') problems.push(`type ${JSON.parse(res.text).type}, not stopping`);
      this.cover(T, 'get', 503, problems);
      if (server.exit) problems.push(`the server exited (${JSON.stringify(server.exit)}) with a request in flight`);
      slow.write('56789');
      const finished = await slow.read();
      if (finished?.status !== 405) problems.push(`the request in flight got ${finished?.status}, not its 405`);
      return problems;
    });
    keep.close();
    slow.close();
  }

  /* ---- (a) coverage: every documented status was produced */

  async checkCoverage(unproducible) {
    for (const [template, method, status] of this.spec.documented()) {
      const key = `${template} ${method} ${status}`;
      const name = `coverage: ${method.toUpperCase()} ${template} ${status} was produced by a real request and matched the spec`;
      if (!this.covered.has(key) && unproducible.has(key)) {
        skip(name, unproducible.get(key));
        continue;
      }
      await check(name, () => (this.covered.has(key) ? [] : ['no request produced it (or every one failed validation above)']));
    }
  }
}

/* ---------------------------------------------------------------- the slow corpus */

/* A corpus on which the slowest query of every list takes well over 1 ms, in a new temporary
 * folder: copies of the given corpus (about 1.5 MB in all), and synthetic texts naming
 * synthetic gazetteer organizations (added to a copy of the reference data): 3000 of them
 * for the entity list, each named beside one anchor organization ("contract-anchor", for
 * its mentions and related entities), and one long text naming the anchor 5000 times
 * ("contract_big", for the entities of a document). Returns the folder (corpus/, data/). */
function makeSlowFixture(corpus, dataDir) {
  const dir = mkdtempSync(join(tmpdir(), 'twoplus-contract-'));
  mkdirSync(join(dir, 'corpus'));
  mkdirSync(join(dir, 'data'));
  copyFileSync(join(dataDir, 'meetings.jsonl'), join(dir, 'data/meetings.jsonl'));
  const files = readdirSync(corpus).filter((f) => f.endsWith('.txt') && !f.startsWith('.') && f.length > 4);
  const bytes = files.reduce((n, f) => n + statSync(join(corpus, f)).size, 0);
  const copies = Math.max(1, Math.min(100, Math.ceil(1.5e6 / Math.max(bytes, 1))));
  for (let k = 0; k < copies; k++) for (const f of files) copyFileSync(join(corpus, f), join(dir, 'corpus', `k${String(k).padStart(3, '0')}_${f}`));

  const syllables = ['ka', 'lo', 'mi', 'ren', 'tor', 'vel', 'zan', 'qui', 'bar', 'dex', 'fen', 'gor', 'hal', 'jin', 'mur', 'nol', 'pra', 'sul', 'tek', 'vor'];
  const word = (n, len) => {
    let w = '';
    for (let i = 0; i < len; i++, n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
    return w[0].toUpperCase() + w.slice(1);
  };
  const anchor = 'Quazzelbrook Anchor Institute';
  const names = Array.from({ length: 3000 }, (_, i) => `${word(i, 3)} ${word(i * 7 + 3, 2)} Institute`);
  const rows = [
    { id: 'contract-anchor', type: 'organization', name: anchor },
    ...names.map((name, i) => ({ id: `contract-org-${String(i).padStart(4, '0')}`, type: 'organization', name })),
  ];
  writeFileSync(join(dir, 'data/entities.jsonl'), readFileSync(join(dataDir, 'entities.jsonl'), 'utf8').replace(/\n?$/, '\n') + rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  for (let d = 0; d < 150; d++) {
    const sentences = names.slice(d * 20, d * 20 + 20).map((n) => `The ${anchor} and the ${n} signed an agreement on cooperation.`);
    const paragraphs = [0, 4, 8, 12, 16].map((i) => sentences.slice(i, i + 4).join(' '));
    /* A day of its own for each, so that a day timeline has many periods to list. */
    const day = new Date(Date.UTC(2001, 0, 1 + d * 3)).toISOString().slice(0, 10);
    writeFileSync(join(dir, 'corpus', `contract_syn_${String(d).padStart(3, '0')}.txt`), `Contract fixture ${d}\n\nPublished: ${day}\n\n${paragraphs.join('\n\n')}\n`);
  }
  const big = Array.from({ length: 100 }, (_, i) => `${`${anchor}, `.repeat(49)}and the ${names[i % 50]} met.`);
  writeFileSync(join(dir, 'corpus/contract_big.txt'), `Contract big fixture\n\n${Array.from({ length: 20 }, (_, i) => big.slice(i * 5, i * 5 + 5).join(' ')).join('\n\n')}\n`);
  return dir;
}

/* ---------------------------------------------------------------- main */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let spec;
  try {
    spec = new Spec(opts.spec);
  } catch (err) {
    report(`load ${opts.spec}`, `${err.message}`);
    summary();
    process.exit(1);
  }

  let server = null;
  let base = opts.containerUrl?.replace(/\/+$/, '');
  if (!base) {
    try {
      server = await startServer(opts.binary, opts.corpus);
      base = server.base;
      report(`start ${opts.binary} on ${base}`, []);
    } catch (err) {
      report(`start ${opts.binary}`, err.message);
      server?.child.kill('SIGKILL');
      summary();
      process.exit(1);
    }
  }

  const contract = new Contract(spec, base, { spawned: Boolean(server) });
  const unproducible = new Map();
  try {
    await contract.setup();
    if (existsSync(opts.router)) await contract.checkRouteTable(opts.router);
    else skip('route table', `${opts.router} is not here`);

    for (const template of Object.keys(spec.doc.paths)) await contract.checkPath(template);
    for (const template of contract.listTemplates()) await contract.checkList(template);
    await contract.checkDocuments();
    await contract.checkSearchSyntax();
    await contract.checkEntities();
    await contract.checkStatements();
    await contract.checkMeetings();
    await contract.checkTimeline();
    await contract.checkSearch();
    await contract.checkDashboard();
    await contract.checkUnknownPath();
    await contract.checkContent(server ? opts.corpus : null);

    if (server) {
      await contract.checkQueryTimeouts(opts);
      await contract.checkShutdown(server);
    } else {
      unproducible.set('/readyz get 503', 'needs the server to shut down (spawn mode only)');
      skip('SIGTERM', 'the server is not ours to stop (CONTAINER_URL)');
      for (const [template, method, status] of spec.documented())
        if (status === '503' && template !== '/readyz')
          unproducible.set(`${template} ${method} ${status}`, 'needs a server started with --query-timeout-ms 1 on a large corpus (spawn mode only)');
      skip('503 query-timeout', 'needs a server of our own with --query-timeout-ms 1 (CONTAINER_URL)');
    }
    await contract.checkCoverage(unproducible);
  } catch (err) {
    report('the checks ran to the end', `${err?.stack || err}`);
  }

  if (server) {
    await check('SIGTERM: the server exits with status 0', async () => {
      if (!server.exit) server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 20000);
      const exit = await server.exited;
      clearTimeout(timer);
      if (exit.code === 0) return [];
      return [`exit ${JSON.stringify(exit)}`, ...server.stderr.split('\n').filter(Boolean).slice(-20)];
    });
  }
  summary();
  process.exit(failed ? 1 : 0);
}

main();
