// The scale model (scripts/scale-model.mjs): its limits, its monotonicity,
// the order of the designs it is meant to compare, and its formulas against a
// seeded Monte-Carlo simulation of the same caches.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../cache/mix.mjs';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  afterDeploy,
  BODY_BYTES,
  coldShare,
  DEFAULTS,
  hitProbability,
  keyPerDay,
  keysOf,
  model,
  parseArgs,
  windowMisses,
  zipf,
} from '../../scripts/scale-model.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DESIGNS = ['A', 'B', 'C'];
// Fewer Accept-Language spellings than the default 2 000, where the property
// tested does not depend on their number: the suite stays within seconds.
const FEW = { languageSpellings: 200 };

/** A seeded generator (the mix's), so a failure replays. */
const random = prng;
const exponential = (rand, rate) => -Math.log(1 - rand()) / rate;

/**
 * The model's caches, simulated: Poisson requests at each location, a lower
 * tier per location and one upper tier, each entry stored at a miss for `ttl`
 * seconds, a lower copy expiring with the upper copy it came from, every cache
 * emptied at each version's start. Returns the means per window.
 */
function simulate({ rates, ttl, window, windows, seed }) {
  const rand = random(seed);
  const total = rates.reduce((a, b) => a + b, 0);
  let requests = 0;
  let invocations = 0;
  let edgeMisses = 0;
  for (let w = 0; w < windows; w++) {
    let upperExpires = -Infinity;
    const lowerExpires = rates.map(() => -Infinity);
    for (let t = exponential(rand, total); t < window; t += exponential(rand, total)) {
      let l = 0;
      for (let x = rand() * total; l < rates.length - 1 && x >= rates[l]; l++) x -= rates[l];
      requests += 1;
      if (t < lowerExpires[l]) continue;
      edgeMisses += 1;
      if (t >= upperExpires) {
        invocations += 1;
        upperExpires = t + ttl;
      }
      lowerExpires[l] = upperExpires;
    }
  }
  return { requests: requests / windows, invocations: invocations / windows, edgeMisses: edgeMisses / windows };
}

const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} against ${expected} (tolerance ${tolerance})`);

// --- Limits -----------------------------------------------------------------

test('one location, infinite TTL: the Worker runs once per key, its cold miss, and ships each body once', () => {
  for (const design of DESIGNS) {
    const params = { ...DEFAULTS, requestsPerDay: 1e13, locations: 1, ttl: Infinity, redirectTtl: Infinity, deploysPerDay: 1, languageSpellings: 50 };
    const r = model(design, params);
    close(r.invocationsPerDay, r.cacheKeys, 1e-9, `${design}: invocations`);
    const bodies = [...keysOf(design, params).keys.values()].reduce((sum, key) => sum + key.bytes, 0);
    close(r.workerBodyBytesPerDay, bodies, 1e-9, `${design}: body bytes`);
    close(r.edgeHitRatio, r.hitRatio, 1e-9, `${design}: one location, the edge is the only tier that matters`);
  }
});

test('no traffic: no request, no hit, no invocation, no cost', () => {
  for (const design of DESIGNS) {
    const r = model(design, { requestsPerDay: 0 });
    assert.equal(r.httpRequestsPerDay, 0);
    assert.equal(r.hits, 0);
    assert.equal(r.invocationsPerDay, 0);
    assert.equal(r.hitRatio, 0);
    assert.equal(r.dollarsPerMillion, 0);
  }
  assert.equal(hitProbability(0, 300), 0);
  assert.equal(windowMisses(0, 300, 86400), 0);
});

test('a TTL of zero: every request invokes the Worker', () => {
  for (const design of DESIGNS) {
    const r = model(design, { ttl: 0, redirectTtl: 0 });
    close(r.invocationsPerDay, r.httpRequestsPerDay, 1e-9, `${design}: invocations`);
    close(r.hitRatio, 0, 1e-12, `${design}: hit ratio`);
  }
});

// --- Monotonicity -------------------------------------------------------------

test('more locations: a lower hit ratio at the edge, and overall when each location is its own upper tier', () => {
  for (const design of DESIGNS) {
    let previous = { edge: Infinity, flat: Infinity };
    for (const locations of [1, 5, 20, 100]) {
      const tiered = model(design, { ...FEW, locations });
      const flat = model(design, { ...FEW, locations, upperTiers: locations });
      assert.ok(tiered.edgeHitRatio < previous.edge, `${design}, ${locations} locations: edge ${tiered.edgeHitRatio} ≥ ${previous.edge}`);
      assert.ok(flat.hitRatio < previous.flat, `${design}, ${locations} locations: ${flat.hitRatio} ≥ ${previous.flat}`);
      previous = { edge: tiered.edgeHitRatio, flat: flat.hitRatio };
    }
  }
});

test('a longer TTL: a higher hit ratio, at the edge and overall', () => {
  for (const design of DESIGNS) {
    let previous = { hit: -1, edge: -1 };
    for (const ttl of [10, 60, 300, 3600, 86400]) {
      const r = model(design, { ...FEW, ttl, redirectTtl: ttl });
      assert.ok(r.hitRatio > previous.hit, `${design}, ttl ${ttl}: ${r.hitRatio} ≤ ${previous.hit}`);
      assert.ok(r.edgeHitRatio > previous.edge, `${design}, ttl ${ttl}: edge ${r.edgeHitRatio} ≤ ${previous.edge}`);
      previous = { hit: r.hitRatio, edge: r.edgeHitRatio };
    }
  }
});

test('more traffic: a higher hit ratio', () => {
  for (const design of DESIGNS) {
    const ratios = [1e3, 1e5, 1e7, 1e9].map((requestsPerDay) => model(design, { ...FEW, requestsPerDay }).hitRatio);
    for (let i = 1; i < ratios.length; i++) assert.ok(ratios[i] > ratios[i - 1], `${design}: ${ratios}`);
  }
});

test('fewer deploys a day: a higher hit ratio', () => {
  const ratios = [24, 4, 1, 0].map((deploysPerDay) => model('A', { deploysPerDay }).hitRatio);
  for (let i = 1; i < ratios.length; i++) assert.ok(ratios[i] > ratios[i - 1], `${ratios}`);
});

// --- The designs ----------------------------------------------------------------

test("B's body hit ratio is at least A's, and C's at least B's", () => {
  const cases = [
    {},
    { ...FEW, revalidate: 'full' },
    { ...FEW, bRedirectVary: 'both' },
    { languageSpellings: 20, languageZipf: 0.8 },
    { ...FEW, noLanguageShare: 0.9 },
    { ...FEW, locations: 300, upperTiers: 10 },
    { ...FEW, deploysPerDay: 0 },
    { ...FEW, ttl: 30, redirectTtl: 30 },
  ];
  for (const extra of cases) {
    for (const requestsPerDay of [1e4, 1e6, 1e8]) {
      const [a, b, c] = DESIGNS.map((d) => model(d, { requestsPerDay, ...extra }));
      const what = `${JSON.stringify(extra)} at ${requestsPerDay}/day`;
      assert.ok(b.bodyHitRatio >= a.bodyHitRatio, `${what}: B ${b.bodyHitRatio} < A ${a.bodyHitRatio}`);
      assert.ok(c.bodyHitRatio >= b.bodyHitRatio - 1e-12, `${what}: C ${c.bodyHitRatio} < B ${b.bodyHitRatio}`);
    }
  }
});

test("the keys: A's page per Accept-Language spelling, B's and C's 302 per spelling, the pages behind them per Accept", () => {
  const k = 30;
  const browsers = DEFAULTS.acceptWithLanguage.length;
  const others = DEFAULTS.acceptWithoutLanguage.length;
  const exts = DEFAULTS.extMix.length;
  const explicit = 2 * (browsers + others) + 2 * exts; // /{lang}/apropos/ by Accept, /{lang}/apropos/index.{ext}
  const expected = {
    A: k * browsers + others + exts * (k + 1) + explicit,
    B: k + others + exts * (k + 1) + explicit,
    C: k + 1 + exts * (k + 1) + explicit,
  };
  for (const design of DESIGNS) assert.equal(keysOf(design, { ...DEFAULTS, languageSpellings: k }).keys.size, expected[design], design);
  assert.equal(keysOf('B', { ...DEFAULTS, languageSpellings: k, bRedirectVary: 'both' }).keys.size, expected.A, 'B varying on both');
});

test('the redirects: B adds a round trip for requests with Accept-Language on a negotiated URL, C for all of them', () => {
  const [uBoth, uLang] = DEFAULTS.urlMix;
  const [a, b, c] = DESIGNS.map((d) => model(d));
  assert.equal(a.extraRoundTripsPerVisitor, 0);
  close(b.extraRoundTripsPerVisitor, (uBoth + uLang) * (1 - DEFAULTS.noLanguageShare), 1e-9, 'B');
  close(c.extraRoundTripsPerVisitor, uBoth + uLang, 1e-9, 'C');
  close(b.httpRequestsPerDay, DEFAULTS.requestsPerDay * (1 + b.extraRoundTripsPerVisitor), 1e-9, 'B requests');
  assert.equal(a.httpRequestsPerDay.toFixed(3), DEFAULTS.requestsPerDay.toFixed(3));
});

test('every request is billed, hit or miss; CPU only for invocations', () => {
  const r = model('A');
  const expected = DEFAULTS.dollarsPerMillionRequests + (r.cpuMsPerMillion / 1e6) * DEFAULTS.dollarsPerMillionCpuMs;
  close(r.dollarsPerMillion, expected, 1e-12, '$/million');
  assert.ok(r.cpuMsPerMillion < 1e6 * DEFAULTS.cpuMsPage * (1 - r.hitRatio) + 1e-6);
});

// --- The formulas against a simulation -----------------------------------------------

test('hit probability λT/(1+λT) against a simulated TTL cache', () => {
  const rand = random(1);
  for (const [lambda, ttl] of [[0.001, 300], [0.01, 300], [0.2, 60], [3, 300]]) {
    let hits = 0;
    let requests = 0;
    let expires = -Infinity;
    for (let t = 0; requests < 200000; requests++) {
      t += exponential(rand, lambda);
      if (t < expires) hits += 1;
      else expires = t + ttl;
    }
    close(hits / requests, hitProbability(lambda, ttl), 0.01, `λ=${lambda}, T=${ttl}`);
  }
});

test("a version's misses, from an empty cache, against the simulation (exact sum and renewal limit)", () => {
  const cases = [
    [0.01, 300, 3600], // a few cycles: the exact sum
    [0.002, 300, 86400], // rare: the exact sum over many windows' worth of terms
    [0.05, 300, 86400], // hot: the renewal limit
    [0.3, 60, 1800], // near the switch between the two
    [0.001, Infinity, 86400], // no expiry: one cold miss if any request
  ];
  cases.forEach(([lambda, ttl, window], i) => {
    const windows = 4000;
    const sim = simulate({ rates: [lambda], ttl, window, windows, seed: 10 + i });
    close(sim.invocations, windowMisses(lambda, ttl, window), 0.03, `λ=${lambda}, T=${ttl}, W=${window}`);
  });
});

test('the exact sum and the renewal limit agree where they meet', () => {
  // Within half a miss where cycles are nearly fixed (λT large: the sum is a
  // staircase around the line), to 1e-3 where they spread.
  for (const [lambda, ttl, tolerance] of [[0.01, 300, 1e-3], [0.0005, 300, 1e-3], [1, 60, 0.5], [10, 300, 0.5]]) {
    const cycle = ttl + 1 / lambda;
    const below = windowMisses(lambda, ttl, 2000 * cycle * (1 - 1e-12));
    const above = windowMisses(lambda, ttl, 2000 * cycle);
    assert.ok(Math.abs(below - above) <= tolerance, `λ=${lambda}, T=${ttl}: ${below} against ${above}`);
  }
});

test('two tiers: invocations and edge misses against the simulation', () => {
  const cases = [
    { rates: [0.02, 0.006, 0.002], ttl: 300, window: 86400 },
    { rates: [0.5, 0.1, 0.05, 0.01], ttl: 60, window: 21600 },
    { rates: [0.0005, 0.0002], ttl: 300, window: 86400 },
  ];
  cases.forEach(({ rates, ttl, window }, i) => {
    const lambda = rates.reduce((a, b) => a + b, 0);
    const days = 300;
    const sim = simulate({ rates, ttl, window, windows: days * (86400 / window), seed: 100 + i });
    const day = keyPerDay(lambda, {
      ttl,
      deploysPerDay: 86400 / window,
      staleWhileRevalidate: 0,
      spread: rates.map((r) => r / lambda),
      upperOf: rates.map(() => 0),
      upperTiers: 1,
    });
    const perWindow = 86400 / window;
    close(sim.invocations * perWindow, day.invocations, 0.03, `case ${i}: invocations`);
    close(sim.edgeMisses * perWindow, day.edgeMisses, 0.03, `case ${i}: edge misses`);
  });
});

// --- Defaults and flags -----------------------------------------------------------

test('the body sizes are the golden files', () => {
  for (const [lang, formats] of Object.entries(BODY_BYTES)) {
    for (const [format, bytes] of Object.entries(formats)) {
      const size = statSync(join(ROOT, 'tests', 'golden', 'apropos', `${lang}.${format}`)).size;
      assert.equal(bytes, size, `BODY_BYTES.${lang}.${format} in scripts/scale-model.mjs: ${bytes}, tests/golden/apropos/${lang}.${format} is ${size} bytes`);
    }
  }
});

test("the CPU defaults are the README's make bench figures", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const cpu = (scenario) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${scenario}`));
    const us = Number(/\| ([\d.]+) \/ [\d.]+ \/ [\d.]+ \/ (?:[\d.]+|—) µs \|$/.exec(row ?? '')?.[1]);
    assert.ok(us > 0, `README's Performance table has no "${scenario}" row with a CPU column`);
    return us / 1000;
  };
  const fix = 'update DEFAULTS in scripts/scale-model.mjs and docs/scale.md after make bench';
  assert.ok(Math.abs(DEFAULTS.cpuMsPage - cpu('browser, first visit (200)')) < 1e-9, fix);
  assert.ok(Math.abs(DEFAULTS.cpuMsRevalidation - cpu('browser, `If-None-Match` (304)')) < 1e-9, fix);
  assert.ok(Math.abs(DEFAULTS.cpuMsRedirect - cpu('browser at `/apropos/` (302)')) < 1e-9, fix);
});

test('the flags', () => {
  const { params, options } = parseArgs(['--requests-per-day=1e5', '--ttl=inf', '--accept-with-language=0.9:html,0.1:json', '--json']);
  assert.deepEqual(params, { requestsPerDay: 1e5, ttl: Infinity, acceptWithLanguage: [[0.9, 'html'], [0.1, 'json']] });
  assert.equal(options.json, true);
  assert.throws(() => parseArgs(['--locatons=3']), /unknown argument "--locatons=3"; flags: .*--locations=…/);
  assert.throws(() => parseArgs(['--ext-mix=1:pdf']), /"1:pdf": expected share:format/);
  assert.throws(() => parseArgs(['--locations=many']), /not a number/);
});

test('zipf shares sum to one and fall with rank', () => {
  const shares = zipf(100, 1.2);
  close(shares.reduce((a, b) => a + b, 0), 1, 1e-12, 'sum');
  for (let i = 1; i < shares.length; i++) assert.ok(shares[i] < shares[i - 1]);
});

// --- The hour after a deploy --------------------------------------------------

test('which entries a new version finds cold: all without cross-version caching, the purged languages with it', () => {
  const f = 0.85;
  const table = [
    // lang, changed, crossVersion, cold share
    ['fr', 'none', false, 1],
    ['mixed', 'none', false, 1],
    ['fr', 'all', true, 1],
    ['mixed', 'all', true, 1],
    ['fr', 'none', true, 0],
    ['mixed', 'none', true, 0],
    ['fr', 'fr', true, 1],
    ['en', 'fr', true, 0],
    ['mixed', 'fr', true, f],
    ['en', 'en', true, 1],
    ['fr', 'en', true, 0],
    ['mixed', 'en', true, 1 - f],
  ];
  for (const [lang, changed, crossVersion, share] of table) {
    close(coldShare(lang, changed, crossVersion, f), share, 1e-12, `${lang}, ${changed} changed, cross-version ${crossVersion}`);
  }
  assert.throws(() => afterDeploy('B', FEW, { changed: 'de' }), /changed: expected one of none, fr, en, all/);
});

test('the hour after a deploy: cross-version caching with everything purged is the per-version cache; less purged, fewer invocations', () => {
  for (const requestsPerDay of [1e4, 1e6, 1e8]) {
    const params = { ...FEW, requestsPerDay };
    const own = afterDeploy('B', params);
    const cross = Object.fromEntries(['none', 'fr', 'en', 'all'].map((changed) => [changed, afterDeploy('B', params, { crossVersion: true, changed })]));
    close(cross.all.invocations, own.invocations, 1e-12, `${requestsPerDay}: all purged`);
    close(cross.all.workerBodyBytes, own.workerBodyBytes, 1e-12, `${requestsPerDay}: all purged, bytes`);
    close(cross.fr.invocations + cross.en.invocations, own.invocations + cross.none.invocations, 1e-9, `${requestsPerDay}: fr and en purged apart`);
    assert.ok(cross.none.invocations < cross.en.invocations && cross.en.invocations < cross.fr.invocations && cross.fr.invocations < own.invocations, `${requestsPerDay}: order`);
    assert.ok(cross.none.workerBodyBytes < cross.fr.workerBodyBytes && cross.fr.workerBodyBytes < own.workerBodyBytes, `${requestsPerDay}: bytes`);
    assert.equal(own.requests, cross.none.requests, 'the same requests, each billed');
  }
});

test('the hour after a deploy, infinite TTL at one location: each key cold at most once, none missed when kept', () => {
  const params = { ...DEFAULTS, requestsPerDay: 1e13, locations: 1, ttl: Infinity, redirectTtl: Infinity, languageSpellings: 50 };
  const keys = [...keysOf('B', params).keys.values()];
  const own = afterDeploy('B', params);
  close(own.invocations, keys.length, 1e-9, 'invocations');
  close(own.workerBodyBytes, keys.reduce((sum, key) => sum + key.bytes, 0), 1e-9, 'body bytes');
  const kept = afterDeploy('B', params, { crossVersion: true, changed: 'none' });
  assert.equal(kept.invocations, 0);
  assert.equal(kept.workerBodyBytes, 0);
});
