#!/usr/bin/env node
// The page at internet scale, on paper: what Workers Cache would do for each
// design of the language-negotiated URLs, from a stated cache model.
//
//   A  direct: /apropos/ and /apropos/index.{ext} serve the negotiated page
//      (Vary: Accept, Accept-Language), as the worker did before B;
//   B  what the worker does: a 302 from those URLs to /{lang}/apropos/… when
//      the request states languages, the page served directly when not;
//   C  a 302 always.
//
// The model (docs/scale.md says it in words, with its sources):
//   - Requests of each cache key form a Poisson process; visitors of every key
//     spread over the edge locations alike (Zipf over ranks).
//   - Each cache is a TTL cache that stores an entry at a miss and keeps it T
//     seconds (max-age), hits not extending it: a key of rate λ has hit
//     probability λT/(1+λT), and a version's cache that starts empty and lives
//     W seconds misses m(W) times (windowMisses, exact or its renewal limit).
//   - Two tiers: each location's lower tier asks its upper tier (locations
//     assigned to upper tiers round-robin by rank). A lower tier's copy comes
//     from the upper's with its Age, so it expires when the upper's does
//     (RFC 9111 §4.2.3): the upper tier's arrivals are the lower tiers' misses,
//     and it misses exactly as one TTL cache fed by all its locations' traffic.
//   - Each deployed version starts with an empty cache (deploys per day);
//     --after-deploy: the hour after a deploy, that way and with
//     cross_version_cache, where only the purged tags start cold.
//   - Every request is billed, hit or miss; CPU only when the Worker runs.
//
// Plain Node, no dependency. `node scripts/scale-model.mjs --help`.

import { pathToFileURL } from 'node:url';

const DAY = 86400;

/** The golden files' sizes in bytes (tests/golden/apropos/{lang}.{ext}; a test holds them equal). */
export const BODY_BYTES = {
  fr: { html: 19981, json: 30488, txt: 7105, md: 6870 },
  en: { html: 19044, json: 27597, txt: 6323, md: 6156 },
};

/** Every default, with where it comes from (docs/scale.md § Defaults). */
export const DEFAULTS = {
  requestsPerDay: 1e6, // visitor requests for the page's URLs; the table runs --scales
  scales: [1e4, 1e6, 1e8],
  locations: 50, // data centres that see the page's traffic
  locationZipf: 1.3, // their shares ∝ rank^-s: the first (Paris) 34 %, the first five 67 %
  upperTiers: 1, // Smart Tiered Cache: a single upper tier per origin
  languageSpellings: 2000, // distinct Accept-Language values in a day (assumed)
  languageZipf: 1.2, // their popularity ∝ rank^-s: the first about 22 %
  noLanguageShare: 0.25, // requests without Accept-Language (crawlers, curl, agents; assumed)
  frenchShare: 0.85, // requests with Accept-Language that negotiate French (assumed)
  // Accept spellings of clients that send Accept-Language (browsers): share:format.
  acceptWithLanguage: [
    [0.72, 'html'], // Chromium-based (Chrome, Edge, Samsung Internet, Opera): one navigation Accept
    [0.2, 'html'], // Safari
    [0.07, 'html'], // Firefox
    [0.01, 'html'], // the rest
  ],
  // Accept spellings of clients that do not (curl, crawlers, programs, agents).
  acceptWithoutLanguage: [
    [0.6, 'html'], // */* (curl, many crawlers)
    [0.2, 'html'], // a crawler's text/html,…;q=0.9,*/*;q=0.8
    [0.08, 'json'], // application/json
    [0.08, 'md'], // text/markdown, …
    [0.04, 'txt'], // text/plain
  ],
  // Shares of the four URL shapes: /apropos/, /apropos/index.{ext},
  // /{lang}/apropos/, /{lang}/apropos/index.{ext}.
  // As tests/cache/mix.mjs has browsers arrive: the historical permalink
  // and the canonical URLs about equally, explicit formats for programs.
  urlMix: [0.45, 0.02, 0.45, 0.08],
  extMix: [
    [0.2, 'html'],
    [0.3, 'json'],
    [0.4, 'md'],
    [0.1, 'txt'],
  ],
  ttl: 86400, // CDN_CACHE_CONTROL's max-age: what the edge keeps (README, Configuration)
  redirectTtl: 86400, // the 302 to a language has the page's CDN-Cache-Control (docs/http.md)
  staleWhileRevalidate: 86400, // CDN_CACHE_CONTROL's stale-while-revalidate
  revalidate: '304', // a revalidation the Worker answers 304 (body kept), or 'full'
  deploysPerDay: 1, // each version starts cold; 0 = cross_version_cache
  bRedirectVary: 'language', // B's 302 varies on Accept-Language only, or 'both'
  cpuMsPage: 0.0484, // make bench, CPU per request (a), browser 200
  cpuMsRevalidation: 0.0317, // make bench, CPU per request (a), 304
  cpuMsRedirect: 0.0369, // make bench, CPU per request (a), browser at /apropos/ (302)
  dollarsPerMillionRequests: 0.3, // Workers Standard, beyond the 10 M included
  dollarsPerMillionCpuMs: 0.02, // Workers Standard, beyond the 30 M CPU-ms included
};

const FORMATS = ['html', 'json', 'txt', 'md'];

// ---------------------------------------------------------------------------
// The cache model.

/** Stationary hit probability of a TTL cache under Poisson arrivals of rate λ. */
export function hitProbability(lambda, ttl) {
  if (!(lambda > 0)) return 0;
  if (ttl === Infinity) return 1;
  return (lambda * ttl) / (1 + lambda * ttl);
}

/**
 * P(Poisson(x) ≥ n) for an integer n ≥ 1: the regularised lower incomplete
 * gamma function P(n, x), by its series below n + 1 and its continued
 * fraction above (Numerical Recipes, 3rd ed., §6.2).
 */
function poissonAtLeast(n, x) {
  if (x <= 0) return 0;
  const prefactor = Math.exp(-x + n * Math.log(x) - logFactorial(n - 1));
  if (x < n + 1) {
    let term = 1 / n;
    let sum = term;
    for (let k = n + 1; term > sum * 1e-16; k++) sum += term *= x / k;
    return Math.min(1, sum * prefactor);
  }
  const tiny = 1e-300;
  let b = x + 1 - n;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - n);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - prefactor * h);
}

const LOG_FACTORIALS = [0];
function logFactorial(k) {
  for (let i = LOG_FACTORIALS.length; i <= k; i++) LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1] + Math.log(i);
  return LOG_FACTORIALS[k];
}

/**
 * Expected misses of one key at a TTL cache that starts empty and lives
 * `window` seconds. Misses form a delayed renewal process: the first after
 * Exp(λ), each next one T + Exp(λ) later, so P(at least n misses) =
 * P(Poisson(λ(W − (n−1)T)) ≥ n), summed exactly. Beyond 2 000 mean cycles
 * the renewal theorem's two terms take over, λW/(1+λT) + h²/2 (h the
 * stationary hit probability), within half a miss of the sum (when λT is
 * large the sum is a staircase, one step per cycle, around that line).
 */
export function windowMisses(lambda, ttl, window) {
  if (!(lambda > 0) || !(window > 0)) return 0;
  if (window === Infinity) throw new RangeError('windowMisses needs a finite window');
  if (ttl === Infinity || ttl >= window) return -Math.expm1(-lambda * window);
  const cycle = ttl + 1 / lambda;
  if (window >= 2000 * cycle) {
    const h = hitProbability(lambda, ttl);
    return window / cycle + (h * h) / 2;
  }
  let misses = 0;
  for (let n = 1; (n - 1) * ttl < window; n++) {
    const x = lambda * (window - (n - 1) * ttl);
    if (n < x - 12 * Math.sqrt(x) - 12) {
      misses += 1;
      continue;
    }
    const p = poissonAtLeast(n, x);
    misses += p;
    if (n > x && p < 1e-15) break;
  }
  return misses;
}

/** Misses per day of one key at one cache, across the day's versions. */
export function missesPerDay(lambda, ttl, deploysPerDay) {
  if (!(lambda > 0)) return 0;
  if (deploysPerDay > 0) return deploysPerDay * windowMisses(lambda, ttl, DAY / deploysPerDay);
  return DAY * lambda * (1 - hitProbability(lambda, ttl));
}

/** Shares ∝ rank^-s over n ranks. */
export function zipf(n, s) {
  const weights = Array.from({ length: n }, (_, i) => (i + 1) ** -s);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/**
 * One key through the two tiers, per day. `lambda` is the key's rate in
 * requests per second over all locations, `spread` the locations' shares and
 * `upperOf[l]` location l's upper tier. Returns the Worker's invocations
 * (upper-tier misses), the cold ones among them (a version's first), the
 * revalidations that find a stale copy, and the lower tiers' misses.
 */
export function keyPerDay(lambda, { ttl, deploysPerDay, staleWhileRevalidate, spread, upperOf, upperTiers }) {
  const out = { invocations: 0, cold: 0, staleRevalidations: 0, edgeMisses: 0 };
  if (!(lambda > 0)) return out;
  const window = deploysPerDay > 0 ? DAY / deploysPerDay : Infinity;
  const freshWindow = Math.min(ttl, window);
  const upperShare = new Array(upperTiers).fill(0);
  spread.forEach((g, l) => (upperShare[upperOf[l]] += g));
  for (let u = 0; u < upperTiers; u++) {
    const rate = lambda * upperShare[u];
    if (!(rate > 0)) continue;
    const misses = missesPerDay(rate, ttl, deploysPerDay);
    const cold = deploysPerDay > 0 ? -deploysPerDay * Math.expm1(-rate * window) : 0;
    const stale = (misses - cold) * -Math.expm1(-rate * staleWhileRevalidate);
    out.invocations += misses;
    out.cold += cold;
    out.staleRevalidations += stale;
    // Per fresh period of the upper's entry, location l misses once if it
    // brought the miss (share g/G), else if it sees a request in that period.
    let perPeriod = 0;
    spread.forEach((g, l) => {
      if (upperOf[l] !== u) return;
      const own = g / upperShare[u];
      perPeriod += own + (1 - own) * -Math.expm1(-lambda * g * freshWindow);
    });
    out.edgeMisses += misses * perPeriod;
  }
  return out;
}

// ---------------------------------------------------------------------------
// The keys each design makes.

function normalised(mix) {
  const total = mix.reduce((a, [share]) => a + share, 0);
  return mix.map(([share, format]) => [share / total, format]);
}

/**
 * The cache keys of a design, each with its rate (requests per second), the
 * body bytes of its response, its TTL and kind, and the visitor requests per
 * day that take a redirect.
 */
export function keysOf(design, p) {
  const perSecond = p.requestsPerDay / DAY;
  const [uBoth, uLang, uFormat, uExplicit] = p.urlMix.map((x) => x / p.urlMix.reduce((a, b) => a + b, 0));
  const withLanguage = 1 - p.noLanguageShare;
  const languages = zipf(p.languageSpellings, p.languageZipf);
  const acceptLang = normalised(p.acceptWithLanguage);
  const acceptNone = normalised(p.acceptWithoutLanguage);
  const exts = normalised(p.extMix);
  const langShares = [
    ['fr', p.frenchShare],
    ['en', 1 - p.frenchShare],
  ];
  const mixed = (format) => p.frenchShare * BODY_BYTES.fr[format] + (1 - p.frenchShare) * BODY_BYTES.en[format];
  const keys = new Map();
  // lang: the language of the key's answer, 'fr' or 'en', or 'mixed' where
  // the key's answer depends on the spelling (A's pages, every 302).
  const add = (name, rate, bytes, kind, lang = 'mixed') => {
    if (!(rate > 0)) return;
    const key = keys.get(name) ?? { rate: 0, bytes, ttl: kind === 'redirect' ? p.redirectTtl : p.ttl, kind, lang };
    key.rate += rate;
    keys.set(name, key);
  };
  const redirects = design === 'B' || design === 'C';
  let redirected = 0;

  // /{lang}/apropos/ and /{lang}/apropos/index.{ext}: the same in every design.
  const explicitFormat = (lang, rate, j, format, who) => add(`/${lang}/apropos/ accept=${who}${j}`, rate, BODY_BYTES[lang][format], 'page', lang);
  const explicitExt = (lang, rate, format) => add(`/${lang}/apropos/index.${format}`, rate, BODY_BYTES[lang][format], 'page', lang);
  for (const [lang, share] of langShares) {
    acceptLang.forEach(([a, format], j) => explicitFormat(lang, perSecond * uFormat * withLanguage * a * share, j, format, 'b'));
    acceptNone.forEach(([a, format], j) => explicitFormat(lang, perSecond * uFormat * p.noLanguageShare * a * share, j, format, 'n'));
    for (const [e, format] of exts) explicitExt(lang, perSecond * uExplicit * e * share, format);
  }

  // /apropos/: with Accept-Language.
  languages.forEach((z, i) => {
    const rate = perSecond * uBoth * withLanguage * z;
    if (!redirects) {
      acceptLang.forEach(([a, format], j) => add(`/apropos/ al=${i} accept=b${j}`, rate * a, mixed(format), 'page'));
      return;
    }
    if (design === 'B' && p.bRedirectVary === 'both') {
      acceptLang.forEach(([a], j) => add(`/apropos/ al=${i} accept=b${j} 302`, rate * a, 0, 'redirect'));
    } else add(`/apropos/ al=${i} 302`, rate, 0, 'redirect');
    redirected += rate * DAY;
    for (const [lang, share] of langShares) acceptLang.forEach(([a, format], j) => explicitFormat(lang, rate * a * share, j, format, 'b'));
  });
  // /apropos/: without Accept-Language.
  {
    const rate = perSecond * uBoth * p.noLanguageShare;
    if (design === 'C') {
      add('/apropos/ al=none 302', rate, 0, 'redirect');
      redirected += rate * DAY;
      acceptNone.forEach(([a, format], j) => explicitFormat('fr', rate * a, j, format, 'n'));
    } else acceptNone.forEach(([a, format], j) => add(`/apropos/ al=none accept=n${j}`, rate * a, BODY_BYTES.fr[format], 'page', 'fr'));
  }
  // /apropos/index.{ext}: with and without Accept-Language.
  for (const [e, format] of exts) {
    languages.forEach((z, i) => {
      const rate = perSecond * uLang * withLanguage * z * e;
      if (!redirects) return add(`/apropos/index.${format} al=${i}`, rate, mixed(format), 'page');
      add(`/apropos/index.${format} al=${i} 302`, rate, 0, 'redirect');
      redirected += rate * DAY;
      for (const [lang, share] of langShares) explicitExt(lang, rate * share, format);
    });
    const rate = perSecond * uLang * p.noLanguageShare * e;
    if (design === 'C') {
      add(`/apropos/index.${format} al=none 302`, rate, 0, 'redirect');
      redirected += rate * DAY;
      explicitExt('fr', rate, format);
    } else add(`/apropos/index.${format} al=none`, rate, BODY_BYTES.fr[format], 'page', 'fr');
  }
  return { keys, redirected };
}

// ---------------------------------------------------------------------------
// A design, per day.

/** Every figure of one design at one scale (see docs/scale.md for each). */
export function model(design, params = {}) {
  const p = { ...DEFAULTS, ...params };
  const spread = zipf(p.locations, p.locationZipf);
  const upperOf = spread.map((_, l) => l % p.upperTiers);
  const { keys, redirected } = keysOf(design, p);
  let requests = 0;
  let invocations = 0;
  let edgeMisses = 0;
  let bodyBytes = 0;
  let workerBytes = 0;
  let cpuMs = 0;
  let objects = 0;
  for (const key of keys.values()) {
    const day = keyPerDay(key.rate, { ...p, ttl: key.ttl, spread, upperOf });
    const perDay = key.rate * DAY;
    requests += perDay;
    invocations += day.invocations;
    edgeMisses += day.edgeMisses;
    bodyBytes += perDay * key.bytes;
    // A revalidation that finds a stale copy is answered 304 (no body) when
    // --revalidate=304; every other invocation ships the whole body.
    const notModified = p.revalidate === '304' ? day.staleRevalidations : 0;
    const full = day.invocations - notModified;
    workerBytes += full * key.bytes;
    if (key.kind === 'redirect') cpuMs += day.invocations * p.cpuMsRedirect;
    else cpuMs += full * p.cpuMsPage + notModified * p.cpuMsRevalidation;
    if (day.invocations > 0) objects += 1;
  }
  const visitors = p.requestsPerDay;
  const perMillion = visitors > 0 ? 1e6 / visitors : 0;
  const ratio = (part, whole) => (whole > 0 ? part / whole : 0);
  const dollarsPerMillion = perMillion * (requests * p.dollarsPerMillionRequests + cpuMs * p.dollarsPerMillionCpuMs) / 1e6;
  return {
    design,
    visitorRequestsPerDay: visitors,
    httpRequestsPerDay: requests,
    hits: requests - invocations,
    hitRatio: ratio(requests - invocations, requests),
    edgeHitRatio: ratio(requests - edgeMisses, requests),
    bodyHitRatio: ratio(bodyBytes - workerBytes, bodyBytes),
    invocationsPerDay: invocations,
    workerBodyBytesPerDay: workerBytes,
    bodyBytesPerDay: bodyBytes,
    extraRoundTripsPerVisitor: ratio(redirected, visitors),
    cacheKeys: keys.size,
    keysMissedPerDay: objects,
    cpuMsPerMillion: perMillion * cpuMs,
    dollarsPerMillion,
    dollarsPerMillionWithoutCache: visitors > 0 ? p.dollarsPerMillionRequests + p.cpuMsPage * p.dollarsPerMillionCpuMs : 0,
    dollarsPerDay: (dollarsPerMillion * visitors) / 1e6,
  };
}

// ---------------------------------------------------------------------------
// The hour after a deploy, with and without cross-version caching.

/** What a deploy changed: the languages whose answers differ, or none. */
export const CHANGES = ['none', 'fr', 'en', 'all'];

/**
 * The share of a key's entries that the new version finds cold. Each version
 * has its own cache (crossVersion false): all of them. With
 * `cross_version_cache`, the deploy purges the tag of each language whose
 * answers changed (`apropos:{lang}`, which the 302s to it carry too), and the
 * other entries stay: a 'mixed' key (A's pages, every 302) has a language's
 * share of its entries under that language's tag.
 */
export function coldShare(lang, changed, crossVersion, frenchShare) {
  if (!crossVersion || changed === 'all') return 1;
  if (changed === 'none') return 0;
  if (lang === 'mixed') return changed === 'fr' ? frenchShare : 1 - frenchShare;
  return lang === changed ? 1 : 0;
}

/**
 * The first `window` seconds of a new version (an hour by default): visitor
 * requests through the cache, the Worker's invocations and the body bytes it
 * ships. A cold entry misses as a version's cache from empty does
 * (windowMisses); an entry kept across versions is in its stationary state,
 * as the day before left it (its misses λW/(1+λT), the stale ones answered
 * 304 when --revalidate=304). The purge itself is one call, not counted.
 * Every request is billed either way: only invocations and bytes differ.
 */
export function afterDeploy(design, params = {}, { window = 3600, crossVersion = false, changed = 'all' } = {}) {
  if (!CHANGES.includes(changed)) throw new RangeError(`changed: expected one of ${CHANGES.join(', ')}`);
  const p = { ...DEFAULTS, ...params };
  const spread = zipf(p.locations, p.locationZipf);
  const upperShare = new Array(p.upperTiers).fill(0);
  spread.forEach((g, l) => (upperShare[l % p.upperTiers] += g));
  const { keys } = keysOf(design, p);
  let requests = 0;
  let invocations = 0;
  let workerBytes = 0;
  for (const key of keys.values()) {
    const cold = coldShare(key.lang, changed, crossVersion, p.frenchShare);
    requests += key.rate * window;
    for (const share of upperShare) {
      const rate = key.rate * share;
      if (!(rate > 0)) continue;
      const coldMisses = windowMisses(rate, key.ttl, window);
      const warmMisses = rate * window * (1 - hitProbability(rate, key.ttl));
      const warmNotModified = p.revalidate === '304' ? warmMisses * -Math.expm1(-rate * p.staleWhileRevalidate) : 0;
      invocations += cold * coldMisses + (1 - cold) * warmMisses;
      workerBytes += key.bytes * (cold * coldMisses + (1 - cold) * (warmMisses - warmNotModified));
    }
  }
  return {
    design,
    crossVersion,
    changed,
    window,
    requests,
    invocations,
    hitRatio: requests > 0 ? (requests - invocations) / requests : 0,
    workerBodyBytes: workerBytes,
  };
}

// ---------------------------------------------------------------------------
// The command line.

const FLAGS = {
  'requests-per-day': ['requestsPerDay', Number],
  scales: ['scales', (v) => v.split(',').map(Number)],
  locations: ['locations', Number],
  'location-zipf': ['locationZipf', Number],
  'upper-tiers': ['upperTiers', Number],
  'language-spellings': ['languageSpellings', Number],
  'language-zipf': ['languageZipf', Number],
  'no-language-share': ['noLanguageShare', Number],
  'french-share': ['frenchShare', Number],
  'accept-with-language': ['acceptWithLanguage', mixOf],
  'accept-without-language': ['acceptWithoutLanguage', mixOf],
  'url-mix': ['urlMix', (v) => v.split(',').map(Number)],
  'ext-mix': ['extMix', mixOf],
  ttl: ['ttl', seconds],
  'redirect-ttl': ['redirectTtl', seconds],
  'stale-while-revalidate': ['staleWhileRevalidate', seconds],
  revalidate: ['revalidate', oneOf('304', 'full')],
  'deploys-per-day': ['deploysPerDay', Number],
  'b-redirect-vary': ['bRedirectVary', oneOf('language', 'both')],
  'cpu-ms-page': ['cpuMsPage', Number],
  'cpu-ms-revalidation': ['cpuMsRevalidation', Number],
  'cpu-ms-redirect': ['cpuMsRedirect', Number],
  'dollars-per-million-requests': ['dollarsPerMillionRequests', Number],
  'dollars-per-million-cpu-ms': ['dollarsPerMillionCpuMs', Number],
};

function mixOf(v) {
  return v.split(',').map((item) => {
    const [share, format] = item.split(':');
    if (!FORMATS.includes(format) || !(Number(share) >= 0)) {
      throw new Error(`"${item}": expected share:format with a format among ${FORMATS.join(', ')}, e.g. 0.7:html`);
    }
    return [Number(share), format];
  });
}
function seconds(v) {
  return v === 'inf' || v === 'Infinity' ? Infinity : Number(v);
}
function oneOf(...values) {
  return (v) => {
    if (!values.includes(v)) throw new Error(`"${v}": expected one of ${values.join(', ')}`);
    return v;
  };
}

/** `--name=value` arguments → parameters (and `json`, `help`). */
export function parseArgs(argv) {
  const params = {};
  const options = { json: false, help: false, afterDeploy: false };
  for (const arg of argv) {
    if (arg === '--json') options.json = true;
    else if (arg === '--after-deploy') options.afterDeploy = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else {
      const m = /^--([a-z-]+)=(.*)$/.exec(arg);
      const flag = m && FLAGS[m[1]];
      if (!flag) throw new Error(`unknown argument "${arg}"; flags: --json, --after-deploy, --help, ${Object.keys(FLAGS).map((f) => `--${f}=…`).join(', ')}`);
      const value = flag[1](m[2]);
      if (typeof value === 'number' && Number.isNaN(value)) throw new Error(`"${arg}": not a number`);
      params[flag[0]] = value;
    }
  }
  return { params, options };
}

const fmt = {
  pct: (x) => (x === 1 ? '100 %' : `${(100 * x).toFixed(x > 0.9995 ? 3 : 1)} %`),
  count: (x) => (x >= 1e5 ? x.toExponential(2).replace('e+', 'e') : Math.round(x).toLocaleString('en-US')),
  bytes: (x) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} GB` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} MB` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} kB` : `${Math.round(x)} B`),
  dollars: (x) => `$${x.toFixed(4)}`,
};

function table(results) {
  const head = ['requests/day', 'design', 'HTTP requests/day', 'hit ratio', 'edge hit ratio', 'body hit ratio', 'invocations/day', 'Worker body bytes/day', 'extra round trips/visitor', 'cache keys', '$/million', '$/day'];
  const rows = results.flatMap(({ scale, designs }) =>
    Object.values(designs).map((r) => [
      fmt.count(scale),
      r.design,
      fmt.count(r.httpRequestsPerDay),
      fmt.pct(r.hitRatio),
      fmt.pct(r.edgeHitRatio),
      fmt.pct(r.bodyHitRatio),
      fmt.count(r.invocationsPerDay),
      fmt.bytes(r.workerBodyBytesPerDay),
      r.extraRoundTripsPerVisitor.toFixed(2),
      fmt.count(r.cacheKeys),
      fmt.dollars(r.dollarsPerMillion),
      fmt.dollars(r.dollarsPerDay),
    ]),
  );
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Each design at each scale. */
export function run(params = {}) {
  const p = { ...DEFAULTS, ...params };
  const scales = params.requestsPerDay !== undefined && params.scales === undefined ? [p.requestsPerDay] : p.scales;
  return scales.map((scale) => ({
    scale,
    designs: Object.fromEntries(['A', 'B', 'C'].map((d) => [d, model(d, { ...p, requestsPerDay: scale })])),
  }));
}

/** Design B in the hour after a deploy, at each scale: each version's own cache, then cross-version caching for each change. */
export function runAfterDeploy(params = {}) {
  const p = { ...DEFAULTS, ...params };
  const scales = params.requestsPerDay !== undefined && params.scales === undefined ? [p.requestsPerDay] : p.scales;
  return scales.map((scale) => {
    const at = { ...p, requestsPerDay: scale };
    return {
      scale,
      cases: [afterDeploy('B', at), ...CHANGES.map((changed) => afterDeploy('B', at, { crossVersion: true, changed }))],
    };
  });
}

function afterDeployTable(results) {
  const head = ['requests/day', 'cache', 'changed (purged)', 'requests in the hour', 'invocations', 'hit ratio', 'Worker body bytes'];
  const rows = results.flatMap(({ scale, cases }) =>
    cases.map((r) => [
      fmt.count(scale),
      r.crossVersion ? 'cross-version' : "each version's own",
      r.crossVersion ? r.changed : '(all, by the deploy)',
      fmt.count(r.requests),
      fmt.count(r.invocations),
      fmt.pct(r.hitRatio),
      fmt.bytes(r.workerBodyBytes),
    ]),
  );
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function main() {
  const { params, options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(`node scripts/scale-model.mjs [--json] [--after-deploy] [--flag=value …]\n--after-deploy: design B in the hour after a deploy, with and without cross_version_cache\nflags and defaults:`);
    for (const [flag, [key]] of Object.entries(FLAGS)) console.log(`  --${flag}=${JSON.stringify(DEFAULTS[key])}`);
    return;
  }
  if (options.afterDeploy) {
    const results = runAfterDeploy(params);
    if (options.json) console.log(JSON.stringify({ params: { ...DEFAULTS, ...params }, results }, null, 2));
    else console.log(afterDeployTable(results));
    return;
  }
  const results = run(params);
  if (options.json) console.log(JSON.stringify({ params: { ...DEFAULTS, ...params }, results }, null, 2));
  else {
    console.log(table(results));
    const r = results[0].designs.A;
    console.log(`\n$/million is per million visitor requests (the Workers Standard rates beyond the included usage); without a cache: ${fmt.dollars(r.dollarsPerMillionWithoutCache)}.`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (e) {
    console.error(`scale-model: ${e.message}`);
    process.exit(2);
  }
}
