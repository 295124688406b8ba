// Replays the visits of tests/cache/mix.mjs through the cache (Varnish as
// Workers Cache, tests/cache/varnish.mjs) one request at a time, so that
// hits and misses are deterministic, and sends each request, as is, straight
// to the worker too. Whatever the cache answers must be what the worker
// would have answered: a difference is a wrong variant, reported with the
// request. Used by tests/e2e/cache.test.mjs and `make cache-sim`.
//
//   const stats = await replay({ cache, workerPort: worker.port, seed: 1, requests: 3000 });
//   stats.wrongVariants   // [] when the cache never served the wrong answer
//
// With `assetsPort` (a wrangler dev serving dist/public, behind the same
// cache: startVarnish's `assetsPort`), a browser's first visit also loads
// what the page it lands on loads (tests/e2e/assets.mjs, firstVisitLoads:
// the stylesheet, the script, the faces, the favicon, the stylesheet's
// icons), through the cache and straight from that wrangler dev, compared
// the same way; a returning visitor loads none of them (they are fresh in
// its own cache for a year). These are counted apart (`stats.assets`), so
// that `requests` and the worker's figures mean what they meant without.

import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { decodeBody, firstVisitLoads, PREFIX } from '../e2e/assets.mjs';
import { subresourceHeaders, visits } from './mix.mjs';
import { sumCounters } from './varnish.mjs';

/** The Host of every request, cached or direct (the cache key ignores it). */
export const HOST = 'beta.gouv.fr';
const MAX_REDIRECTS = 5;

/**
 * The response headers compared, and the body's sha256 for a response with
 * a body. A 304 carries only the metadata RFC 9110 §15.4.5 asks of it, and a
 * cache may add the stored Content-Type to it, so 304s are compared on these
 * alone (the ETag says which stored body the client may reuse).
 */
export const COMPARED = ['status', 'content-type', 'content-language', 'content-encoding', 'etag', 'vary', 'location', 'content-location', 'body'];
const COMPARED_304 = ['status', 'etag', 'vary', 'location', 'content-location'];

/**
 * Sends one request to 127.0.0.1:`port` over `agent` and resolves with
 * `{ status, headers, body }` (`headers` as node:http gives them: lowercase
 * names, repeated lines joined with ", ").
 */
export function send(port, { method, path, headers }, agent) {
  const raw = [['Host', HOST], ...headers].flat();
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: raw, agent }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/**
 * The request as the edge passes it to any Worker, cached or not:
 * Cloudflare rewrites Accept-Encoding to a canonical value first (as
 * workers-cache.vcl does), so the direct request gets the same rewrite.
 */
export function atTheEdge(headers) {
  return headers.map(([name, value]) => (name.toLowerCase() === 'accept-encoding' ? [name, 'gzip, br'] : [name, value]));
}

/** What is compared of `response` to a `method` request: field → value. */
export function signature(method, response) {
  const fields = response.status === 304 ? COMPARED_304 : COMPARED;
  const out = {};
  for (const field of fields) {
    if (field === 'status') out.status = response.status;
    else if (field === 'body') out.body = method === 'HEAD' ? '(HEAD)' : createHash('sha256').update(response.body).digest('hex');
    else out[field] = response.headers[field] ?? null;
  }
  return out;
}

/**
 * The fields where two signatures differ: `[{ field, cache, worker }]`. One
 * difference is not one: Varnish adds `Accept-Encoding` to the Vary of a
 * gzip answer that does not name it, as a cache that stores an encoded
 * answer must, and so does the edge when it compresses. The origin that
 * sends such answers is wrangler dev's asset server (its compression adds
 * no Vary; tests/e2e/redbot.test.mjs); the worker names Accept-Encoding in
 * every Vary itself.
 */
export function differences(cached, direct) {
  const fields = new Set([...Object.keys(cached), ...Object.keys(direct)]);
  const varyAdded = (f) =>
    f === 'vary' && cached['content-encoding'] && cached['content-encoding'] === direct['content-encoding'] &&
    !/\baccept-encoding\b/i.test(direct.vary ?? '') && cached.vary === (direct.vary ? `${direct.vary}, Accept-Encoding` : 'Accept-Encoding');
  return [...fields]
    .filter((f) => cached[f] !== direct[f] && !varyAdded(f))
    .map((field) => ({ field, cache: cached[field] ?? null, worker: direct[field] ?? null }));
}

/**
 * The cache key a response was stored under, as Workers Cache forms it: the
 * path and query, and the verbatim value of each request header its Vary
 * names (absent headers included, as absent).
 */
export function cacheKey(path, headers, vary) {
  const names = (vary ?? '').split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const values = names.map((n) => [n, headers.find(([h]) => h.toLowerCase() === n)?.[1] ?? null]);
  return JSON.stringify([path, values]);
}

/**
 * Replays `requests` requests of the mix drawn with `seed` through `cache`
 * (a startVarnish handle) and directly to the worker on `workerPort`.
 * Resolves with the statistics (see `summary`). `onWrong(entry)` is called
 * for each wrong variant, `onProgress(n)` every 1000 requests.
 */
export async function replay({ cache, workerPort, assetsPort, seed, requests, onWrong = () => {}, onProgress = () => {} }) {
  const cacheAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const workerAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const assetsAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const before = await cache.stats();
  const tally = newTally();
  const memory = new Map(); // visitor → path → { etag } or { location } (a 301 the browser keeps)

  /** Sends `sent` through the cache and straight to `port`; a difference is a wrong answer. */
  const compare = async (sent, port, agent, kind, into) => {
    const cached = await send(cache.port, sent, cacheAgent);
    const direct = await send(port, sent, agent);
    const diffs = differences(signature(sent.method, cached), signature(sent.method, direct));
    count(into, kind, sent, cached);
    if (diffs.length > 0) {
      const entry = { request: sent, kind, diffs };
      tally.wrong += 1;
      if (tally.wrongVariants.length < 50) tally.wrongVariants.push(entry);
      onWrong(entry);
    }
    return cached;
  };

  /**
   * What browser `name` loads beside the page `path` it was answered
   * (`page`, a 200 in HTML) on a first visit, sent with `headers` (its
   * navigation's): the page's subresources, then the stylesheet's.
   */
  const loadAssets = async (name, headers, path, page) => {
    const pageUrl = `https://${HOST}${path}`;
    const html = decodeBody(page.body, page.headers['content-encoding']).toString('utf8');
    const get = (load, referer) => {
      const sent = { method: 'GET', path: load.path, headers: atTheEdge(subresourceHeaders(name, headers, load.dest, referer)) };
      return load.path.startsWith(PREFIX) ? compare(sent, assetsPort, assetsAgent, `asset:${load.dest}`, tally.assets) : null;
    };
    const loaded = new Set();
    let css;
    for (const load of firstVisitLoads(html, { base: pageUrl })) {
      loaded.add(load.path);
      const res = await get(load, pageUrl);
      if (load.dest === 'style' && res?.status === 200) css = { path: load.path, text: decodeBody(res.body, res.headers['content-encoding']).toString('utf8') };
    }
    if (!css) return;
    for (const load of firstVisitLoads(html, { css: css.text, base: pageUrl })) {
      if (!loaded.has(load.path)) await get(load, `https://${HOST}${css.path}`);
    }
  };

  try {
    for (const visit of visits(seed)) {
      if (tally.requests >= requests) break;
      const kept = memory.get(visit.visitor) ?? new Map();
      if (visit.kind === 'browser') memory.set(visit.visitor, kept);
      for (const first of visit.requests) {
        let { path } = first;
        for (let hop = 0; hop <= MAX_REDIRECTS && tally.requests < requests; hop++) {
          const remembered = visit.returning ? kept.get(path) : undefined;
          if (remembered?.location) {
            path = remembered.location; // a browser does not ask again for a 301 it keeps
            continue;
          }
          const headers = atTheEdge(
            remembered?.etag ? [...first.headers, ['If-None-Match', remembered.etag], ['Cache-Control', 'max-age=0']] : first.headers,
          );
          const sent = { method: first.method, path, headers };
          const cached = await compare(sent, workerPort, workerAgent, visit.kind, tally);
          if (tally.requests % 1000 === 0) onProgress(tally.requests);

          if (cached.headers.etag && cached.status === 200) kept.set(path, { etag: cached.headers.etag });
          const page = cached.status === 200 && sent.method === 'GET' && /^text\/html\b/.test(cached.headers['content-type'] ?? '');
          if (assetsPort && visit.kind === 'browser' && !visit.returning && page) await loadAssets(visit.browser, first.headers, path, cached);
          const location = cached.headers.location;
          if (!(first.follow && cached.status >= 300 && cached.status < 400 && location)) break;
          const next = new URL(location, `http://${HOST}${path}`);
          if (cached.status === 301) kept.set(path, { location: next.pathname + next.search });
          path = next.pathname + next.search;
        }
      }
    }
  } finally {
    cacheAgent.destroy();
    workerAgent.destroy();
    assetsAgent.destroy();
  }
  return summary(tally, before, await cache.stats(), Boolean(assetsPort));
}

function newTally() {
  return {
    requests: 0, hits: 0, bodyResponses: 0, bodyHits: 0, bodyBytes: 0, bodyHitBytes: 0,
    statuses: {}, kinds: {}, keys: new Map(), wrong: 0, wrongVariants: [],
    assets: { requests: 0, hits: 0, bodyResponses: 0, bodyHits: 0, bodyBytes: 0, bodyHitBytes: 0, statuses: {}, kinds: {}, keys: new Map() },
  };
}

function count(tally, kind, sent, cached) {
  const hit = cached.headers['x-cache'] === 'HIT';
  tally.requests += 1;
  tally.hits += hit ? 1 : 0;
  tally.statuses[cached.status] = (tally.statuses[cached.status] ?? 0) + 1;
  const k = (tally.kinds[kind] ??= { requests: 0, hits: 0 });
  k.requests += 1;
  k.hits += hit ? 1 : 0;
  if (cached.body.length > 0) {
    tally.bodyResponses += 1;
    tally.bodyBytes += cached.body.length;
    if (hit) {
      tally.bodyHits += 1;
      tally.bodyHitBytes += cached.body.length;
    }
  }
  // GET, HEAD and conditional requests share the stored object.
  if (sent.method === 'GET' || sent.method === 'HEAD') {
    const keys = tally.keys.get(sent.path) ?? new Set();
    keys.add(cacheKey(sent.path, sent.headers, cached.headers.vary));
    tally.keys.set(sent.path, keys);
  }
}

const ratio = (a, b) => (b === 0 ? 0 : a / b);

/**
 * The figures of a replay: requests, hits and hit ratio (X-Cache: HIT),
 * the body hit ratio by count and by bytes (of the responses that carried a
 * body, the share the cache served), objects stored (MAIN.n_object at the
 * end), Worker invocations (backend requests to the worker) and origin body
 * bytes (VBE.*.worker.beresp_bodybytes) during the replay, wrong variants
 * (their count, assets' included, and the first 50), statuses and hits per
 * client kind, and the distinct cache keys per URL, most first. With
 * assets (`withAssets`), `assets` holds their own: requests, hits, body hit
 * ratios, the distinct assets asked for (`paths`), the asset server's
 * requests and body bytes (backend `assets`) and hits per destination.
 */
function summary(tally, before, after, withAssets = false) {
  const delta = (pattern) => sumCounters(after, pattern) - sumCounters(before, pattern);
  const keysPerUrl = Object.fromEntries([...tally.keys].map(([url, keys]) => [url, keys.size]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
  const assetRequests = delta(/^VBE\..*\.assets\.req$/);
  const a = tally.assets;
  return {
    requests: tally.requests,
    hits: tally.hits,
    hitRatio: ratio(tally.hits, tally.requests),
    bodyResponses: tally.bodyResponses,
    bodyHits: tally.bodyHits,
    bodyHitRatio: ratio(tally.bodyHits, tally.bodyResponses),
    bodyBytes: tally.bodyBytes,
    bodyHitBytes: tally.bodyHitBytes,
    bodyByteHitRatio: ratio(tally.bodyHitBytes, tally.bodyBytes),
    objects: sumCounters(after, 'MAIN.n_object'),
    backendRequests: delta('MAIN.backend_req') - assetRequests,
    originBytes: delta(/^VBE\..*\.worker\.beresp_bodybytes$/),
    wrong: tally.wrong,
    wrongVariants: tally.wrongVariants,
    statuses: tally.statuses,
    kinds: tally.kinds,
    keys: [...tally.keys.values()].reduce((n, keys) => n + keys.size, 0),
    keysPerUrl,
    ...(withAssets && {
      assets: {
        requests: a.requests,
        hits: a.hits,
        hitRatio: ratio(a.hits, a.requests),
        bodyHitRatio: ratio(a.bodyHits, a.bodyResponses),
        bodyBytes: a.bodyBytes,
        bodyByteHitRatio: ratio(a.bodyHitBytes, a.bodyBytes),
        paths: a.keys.size,
        backendRequests: assetRequests,
        originBytes: delta(/^VBE\..*\.assets\.beresp_bodybytes$/),
        statuses: a.statuses,
        kinds: a.kinds,
      },
    }),
  };
}

/**
 * The thresholds a replay's `stats` miss, as messages (none when it meets
 * them all): `{ hitRatio, bodyHitRatio, bodyByteHitRatio }` minima, and
 * `maxKeysPerUrl`. Not asserted anywhere yet; tests/e2e/cache.test.mjs has
 * it ready behind its HIT_RATIO_THRESHOLDS.
 */
export function missedThresholds(stats, { hitRatio, bodyHitRatio, bodyByteHitRatio, maxKeysPerUrl } = {}) {
  const missed = [];
  const atLeast = (name, min) => {
    if (min !== undefined && !(stats[name] >= min)) missed.push(`${name} ${stats[name].toFixed(3)} < ${min}`);
  };
  atLeast('hitRatio', hitRatio);
  atLeast('bodyHitRatio', bodyHitRatio);
  atLeast('bodyByteHitRatio', bodyByteHitRatio);
  if (maxKeysPerUrl !== undefined) {
    for (const [url, n] of Object.entries(stats.keysPerUrl)) if (n > maxKeysPerUrl) missed.push(`${url}: ${n} keys > ${maxKeysPerUrl}`);
  }
  return missed;
}

/** `stats` as a few lines of text, for the test's diagnostics and cache-sim. */
export function formatStats(stats) {
  const pct = (x) => `${(100 * x).toFixed(1)} %`;
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  const keys = Object.entries(stats.keysPerUrl).map(([url, n]) => `${url} ${n}`);
  return [
    `requests          ${stats.requests}`,
    `hit ratio         ${pct(stats.hitRatio)} (${stats.hits} hits)`,
    `body hit ratio    ${pct(stats.bodyHitRatio)} of ${stats.bodyResponses} bodies, ${pct(stats.bodyByteHitRatio)} of ${kib(stats.bodyBytes)}`,
    `objects stored    ${stats.objects}`,
    `worker calls      ${stats.backendRequests} (backend requests)`,
    `origin bytes      ${stats.originBytes} (${kib(stats.originBytes)})`,
    `wrong variants    ${stats.wrong}`,
    `keys per URL      ${stats.keys} in all: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? `, and ${keys.length - 12} URLs more` : ''}`,
    ...(stats.assets
      ? [
          `assets            ${stats.assets.requests} requests of first visits, ${pct(stats.assets.hitRatio)} hits, ${pct(stats.assets.bodyByteHitRatio)} of ${kib(stats.assets.bodyBytes)}`,
          `asset server      ${stats.assets.backendRequests} requests for ${stats.assets.paths} assets, ${kib(stats.assets.originBytes)}`,
          `assets by dest    ${Object.entries(stats.assets.kinds).map(([k, { requests: r, hits }]) => `${k.replace(/^asset:/, '')} ${hits}/${r}`).join(', ')}`,
        ]
      : []),
  ].join('\n');
}
