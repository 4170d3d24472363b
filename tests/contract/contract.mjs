#!/usr/bin/env node
// tests/contract/contract.mjs: the contract between openapi.yaml and the running server.
// For every path, method and status code that openapi.yaml documents, at least one real
// request must produce it, and every reply must match what the spec says for it (status
// documented, required headers present, header values and body valid against the schemas,
// Content-Type one of the documented media types). The paths must be exactly those of the
// route table in server/router.c, with the same query parameters.
//
//   node tests/contract/contract.mjs --binary build/twoplus --corpus corpus
//       spawns the server on 127.0.0.1:0, runs the checks, stops it with SIGTERM and
//       requires exit status 0 (and checks readiness and in-flight requests on the way out)
//   CONTAINER_URL=http://127.0.0.1:8080 node tests/contract/contract.mjs
//       the same checks against a server that is already running (nothing is spawned)
//
// Prints one line per check ("ok - ..." or "not ok - ..."), "# skip - ..." for a check that
// cannot run in this mode (not counted), then "N passed, M failed"; exits 1 if any failed.
// Document ids are discovered from the lists, never hard-coded.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
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

/* ---------------------------------------------------------------- command line */

function usage(msg) {
  if (msg) process.stderr.write(`contract: ${msg}\n`);
  process.stderr.write(
    'usage: node tests/contract/contract.mjs --binary PATH --corpus DIR\n' +
      '       CONTAINER_URL=http://HOST:PORT node tests/contract/contract.mjs\n' +
      'options: --spec FILE (default openapi.yaml), --router FILE (default server/router.c)\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    spec: join(ROOT, 'openapi.yaml'),
    router: join(ROOT, 'server/router.c'),
    binary: null,
    corpus: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const key = { '--binary': 'binary', '--corpus': 'corpus', '--spec': 'spec', '--router': 'router' }[name];
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

function report(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
    return true;
  }
  failed++;
  console.log(`not ok - ${name}`);
  for (const p of list.slice(0, 8)) console.log(`#   ${String(p).replace(/\n/g, '\n#   ')}`);
  if (list.length > 8) console.log(`#   ... and ${list.length - 8} more`);
  return false;
}

function skip(name, why) {
  console.log(`# skip - ${name}: ${why}`);
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

/* ---------------------------------------------------------------- the spec */

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

async function startServer(binary, corpus) {
  if (!existsSync(binary)) throw new Error(`no server binary at ${binary}`);
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--access-log', 'off', '--corpus', corpus], {
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
      if (extra) problems.push(...((await extra(res)) || []));
      /* HEAD is checked against the GET operation but does not stand in for a GET. */
      if (problems.length === 0 && m !== 'head') this.covered.add(`${template} ${as ?? m} ${res.status}`);
      return problems;
    });
    return res;
  }

  /* Every item of a list, following next_cursor; cached per path. */
  async listAll(listPath) {
    if (this.listCache.has(listPath)) return this.listCache.get(listPath);
    const items = [];
    let cursor = null;
    for (let pages = 0; pages < 10000; pages++) {
      const q = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await request(this.base, 'GET', `${listPath}?${q}`);
      if (res.status !== 200) throw new Error(`GET ${listPath}?${q}: ${res.status} ${res.text.slice(0, 200)}`);
      const page = JSON.parse(res.text);
      items.push(...page.data);
      cursor = page.page.next_cursor;
      if (!cursor) break;
    }
    this.listCache.set(listPath, items);
    return items;
  }

  /* A real id for the {id} of template, from the list the path hangs under. */
  async realId(template) {
    const list = template.slice(0, template.indexOf('/{id}'));
    const items = await this.listAll(list);
    if (items.length === 0) throw new Error(`${list} is empty: no id to test ${template} with`);
    return items[0].id;
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
    const id = hasId ? await this.realId(template) : null;
    const path = hasId ? template.replace('{id}', encodeURIComponent(id)) : template;
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
            if (res.headers[h] !== get.headers[h] && !(h === 'content-length' && template === '/v1/stats'))
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

    await this.probe(`GET ${path}?contract_unknown=1 -> 400 naming the parameter`, {
      path: `${path}?contract_unknown=1`,
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

  /* ---- (a) every list: pagination and its parameters */

  /* The paths whose GET takes the shared `limit` parameter: the lists. */
  listTemplates() {
    return Object.keys(this.spec.doc.paths).filter(
      (t) => !t.includes('{') && this.spec.queryParams(t, 'get').includes('limit'),
    );
  }

  /* The sort values a list documents ([] when it takes no sort). */
  sortValues(template) {
    const item = this.spec.doc.paths[template];
    const sort = [...(item.parameters || []), ...(item.get.parameters || [])]
      .map((p) => this.spec.deref(p))
      .find((p) => p.in === 'query' && p.name === 'sort');
    return sort?.schema?.enum ?? [];
  }

  /* Walks a whole list page by page with next_cursor, checking every page against the spec,
   * the Link header against next_cursor, and that every item comes once. At most ~50 pages. */
  async walk(template, sort, expectedIds) {
    const all = await this.listAll(template);
    const limit = Math.min(200, Math.max(1, Math.ceil(all.length / 50)));
    const query = `limit=${limit}${sort ? `&sort=${sort}` : ''}`;
    const problems = [];
    const seen = [];
    let cursor = null;
    for (let pages = 0; pages <= all.length + 1; pages++) {
      const path = `${template}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await request(this.base, 'GET', path);
      const p = this.validateReply(template, 'get', res);
      if (res.status !== 200 || p.length) return [`${path}: ${res.status}`, ...p];
      this.covered.add(`${template} get 200`);
      const body = JSON.parse(res.text);
      if (body.page.total !== all.length) problems.push(`${path}: page.total ${body.page.total}, not ${all.length}`);
      if (body.page.limit !== limit) problems.push(`${path}: page.limit ${body.page.limit}`);
      seen.push(...body.data.map((d) => d.id));
      cursor = body.page.next_cursor;
      if (!cursor) {
        if (res.headers.link) problems.push(`last page has Link: ${res.headers.link}`);
        break;
      }
      if (body.data.length !== limit) problems.push(`${path}: a page before the last has ${body.data.length} items`);
      const link = res.headers.link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      const expected = `${template}?${query}&cursor=${cursor}`;
      if (link !== expected) problems.push(`Link ${res.headers.link}, expected <${expected}>`);
    }
    if (new Set(seen).size !== seen.length) problems.push(`an item came twice: ${JSON.stringify(seen)}`);
    if (seen.length !== all.length) problems.push(`${seen.length} items over all pages, page.total says ${all.length}`);
    if (expectedIds && !isDeepStrictEqual(seen, expectedIds))
      problems.push(`order ${JSON.stringify(seen)}, expected ${JSON.stringify(expectedIds)}`);
    return problems;
  }

  /* order(sort) -> the ids in the order the list must give them, or null to check only that
   * every item comes once. */
  async checkList(template, order = () => null) {
    const all = await this.listAll(template);
    const sorts = this.sortValues(template);
    for (const sort of sorts.length ? sorts : [null])
      await check(`GET ${template}${sort ? `?sort=${sort}` : ''}, following next_cursor: every item once${order(sort) ? ', in order' : ''}`, () =>
        this.walk(template, sort, order(sort) ?? undefined),
      );

    await this.probe(`GET ${template} -> 200 with the default limit 20`, {
      path: template,
      template,
      expect: 200,
      extra: (res) => {
        const body = JSON.parse(res.text);
        const problems = [];
        if (body.page.limit !== 20) problems.push(`page.limit ${body.page.limit}`);
        if (body.data.length !== Math.min(20, all.length)) problems.push(`${body.data.length} items`);
        if ((body.page.next_cursor === null) !== (all.length <= 20)) problems.push('next_cursor vs total');
        if ((res.headers.link === undefined) !== (body.page.next_cursor === null)) problems.push('Link vs next_cursor');
        return problems;
      },
    });
    await this.probe(`GET ${template}?limit=200 -> 200`, { path: `${template}?limit=200`, template, expect: 200 });
    await this.probe(`GET ${template}?limit=007 -> 200 with limit 7`, {
      path: `${template}?limit=007`,
      template,
      expect: 200,
      extra: (res) => (JSON.parse(res.text).page.limit === 7 ? [] : ['page.limit is not 7']),
    });

    if (all.length >= 2) {
      const first = await request(this.base, 'GET', `${template}?limit=1`);
      const link = first.headers.link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      const firstIds = JSON.parse(first.text).data.map((d) => d.id);
      await this.probe(`GET the Link rel="next" of ${template}?limit=1 -> 200, the second page`, {
        path: link ?? `${template}?limit=1`,
        template,
        expect: 200,
        extra: (res) => {
          const id = JSON.parse(res.text).data[0]?.id;
          if (!link) return ['no Link header on the first page'];
          const want = order(sorts[0] ?? null)?.[1];
          return id !== firstIds[0] && (!want || id === want) ? [] : [`second page starts with ${id}`];
        },
      });
      if (sorts.length >= 2) {
        const cursor = JSON.parse(first.text).page.next_cursor;
        const other = sorts.find((v) => v !== sorts[0]);
        await this.probe(`GET ${template}?sort=${other}&cursor=<a cursor issued for sort=${sorts[0]}> -> 400`, {
          path: `${template}?sort=${other}&cursor=${encodeURIComponent(cursor)}`,
          template,
          expect: 400,
          extra: (res) => (JSON.parse(res.text).errors.some((e) => e.param === 'cursor') ? [] : ['errors do not name cursor']),
        });
      }
    } else {
      skip(`${template} across pages`, 'the list has fewer than 2 items');
    }

    const bad = [
      ['limit=0', ['limit']],
      ['limit=201', ['limit']],
      ['limit=abc', ['limit']],
      ['limit=-1', ['limit']],
      ['limit=1.5', ['limit']],
      ['limit=', ['limit']],
      ['cursor=not-a-cursor', ['cursor']],
      ['cursor=', ['cursor']],
      ['limit=1&limit=2', ['limit']],
    ];
    if (sorts.length)
      bad.push(['sort=bogus', ['sort']], ['sort=-bogus', ['sort']], ['sort=', ['sort']], ['limit=0&sort=bogus', ['limit', 'sort']]);
    for (const [query, params] of bad)
      await this.probe(`GET ${template}?${query} -> 400 naming ${params.join(' and ')}`, {
        path: `${template}?${query}`,
        template,
        expect: 400,
        extra: (res) => {
          const named = JSON.parse(res.text).errors.map((e) => e.param);
          return isDeepStrictEqual([...named].sort(), [...params].sort()) ? [] : [`errors name ${JSON.stringify(named)}`];
        },
      });
  }

  /* ---- (a) the document resource in depth */

  async checkDocuments() {
    const T = '/v1/documents';
    const all = await this.listAll(T);

    /* sort=title orders by the ASCII-lower-cased title ('' for none), then id, bytewise. */
    const ascii = (s) => (s ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());
    const cmp = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    const orders = {
      id: [...all].sort((a, b) => cmp(a.id, b.id)).map((d) => d.id),
      title: [...all].sort((a, b) => cmp(ascii(a.title), ascii(b.title)) || cmp(a.id, b.id)).map((d) => d.id),
    };
    await this.checkList(T, (sort) => {
      const field = (sort ?? 'id').replace(/^-/, '');
      return sort?.startsWith('-') ? [...orders[field]].reverse() : orders[field];
    });
    await this.probe(`GET ${T}?sort=-file_name -> 400 naming sort (not a sortable field)`, {
      path: `${T}?sort=-file_name`,
      template: T,
      expect: 400,
      extra: (res) => (JSON.parse(res.text).errors[0].param === 'sort' ? [] : ['errors do not name sort']),
    });

    /* One document, with and without include=raw, and its text. */
    const D = '/v1/documents/{id}';
    const big = all.reduce((a, b) => (b.byte_size > a.byte_size ? b : a), all[0]);
    const docPath = `/v1/documents/${encodeURIComponent(big.id)}`;
    let doc = null;
    await this.probe(`GET ${docPath} -> 200, the list's fields plus text, no raw_text`, {
      path: docPath,
      template: D,
      expect: 200,
      extra: (res) => {
        doc = JSON.parse(res.text);
        const problems = [];
        for (const [k, v] of Object.entries(big))
          if (!isDeepStrictEqual(doc[k], v)) problems.push(`${k}: ${JSON.stringify(doc[k])} in the document, ${JSON.stringify(v)} in the list`);
        if ('raw_text' in doc) problems.push('raw_text without include=raw');
        return problems;
      },
    });
    await this.probe(`GET ${docPath}?include=raw -> 200 with raw_text`, {
      path: `${docPath}?include=raw`,
      template: D,
      expect: 200,
      extra: (res) => (typeof JSON.parse(res.text).raw_text === 'string' ? [] : ['no raw_text']),
    });
    await this.probe(`GET ${docPath}?include=bogus -> 400 naming include`, {
      path: `${docPath}?include=bogus`,
      template: D,
      expect: 400,
      extra: (res) => (JSON.parse(res.text).errors[0].param === 'include' ? [] : ['errors do not name include']),
    });
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
      const docs = await this.listAll('/v1/documents');
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
  }

  /* ---- shutdown: /readyz 503 while requests finish, then exit 0 (spawn mode) */

  async checkShutdown(server) {
    const T = '/readyz';
    const keep = new RawConnection(this.base);
    const slow = new RawConnection(this.base);
    await check('SIGTERM: /readyz answers 503 while a request in flight finishes', async () => {
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
      if (!problems.length) this.covered.add(`${T} get 503`);
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

/* ---------------------------------------------------------------- main */

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let spec;
  try {
    spec = new Spec(opts.spec);
  } catch (err) {
    report(`load ${opts.spec}`, `${err.message}`);
    console.log(`${passed} passed, ${failed} failed`);
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
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(1);
    }
  }

  const contract = new Contract(spec, base, { spawned: Boolean(server) });
  const unproducible = new Map();
  try {
    if (existsSync(opts.router)) await contract.checkRouteTable(opts.router);
    else skip('route table', `${opts.router} is not here`);

    for (const template of Object.keys(spec.doc.paths)) await contract.checkPath(template);
    for (const template of contract.listTemplates())
      if (template !== '/v1/documents') await contract.checkList(template);
    await contract.checkDocuments();
    await contract.checkContent(server ? opts.corpus : null);
    await contract.checkUnknownPath();

    if (server) {
      await contract.checkShutdown(server);
    } else {
      unproducible.set('/readyz get 503', 'needs the server to shut down (spawn mode only)');
      skip('SIGTERM', 'the server is not ours to stop (CONTAINER_URL)');
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
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
