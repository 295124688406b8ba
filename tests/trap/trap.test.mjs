// The shim's recovery from a wasm trap (shim/index.js), end to end in workerd:
// the worker built with the test-only cargo feature `trap` (build-trap/, by
// `make build-trap`), whose core panics on /.trap. A trap fails its own
// request with the runtime's 500 and nothing else: requests in flight beside
// it are answered, the next request gets a fresh instance and the very bytes
// a fresh worker sent, and a hundred traps leave workerd's memory flat.
//
// This suite is not in tests/e2e/ so that `make e2e` does not run it without
// its build: `make trap` builds both workers, then runs it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from '../e2e/http.mjs';
import { DEFAULT_BUILD, ROOT, builtModules, startWorker } from '../e2e/worker.mjs';

const TRAP_BUILD = join(ROOT, 'build-trap');
const TRAP = { path: '/.trap' };
/** The panic message of the hook in `Site::answer` (src/respond.rs). */
const PANIC_MESSAGE = 'the test-only panic of the `trap` feature';
/** What the shim logs on each trap: the event `wasm_trap`, one line of JSON. */
const SHIM_LOG = /^\{"event":"wasm_trap","error":"RuntimeError: unreachable",/gm;
// An invalid var, which each instance logs once when it makes its `Site`: how
// the log tells a fresh instance from the old one. It changes no answer over
// HTTP (Strict-Transport-Security is sent only over HTTPS).
const VARS = { STRICT_TRANSPORT_SECURITY: 'max-age=soon' };
const SITE_MADE = /^\{"event":"config_fallback","var":"STRICT_TRANSPORT_SECURITY",/gm;

const count = (log, pattern) => log.match(pattern)?.length ?? 0;

/** Waits (up to 2 s) until workerd's log holds `n` lines matching `pattern`, and returns how many it holds. */
async function logged(worker, pattern, n) {
  const deadline = Date.now() + 2000;
  while (count(worker.log(), pattern) < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return count(worker.log(), pattern);
}

/** `res` is `expected` byte for byte: status line, headers and body (workerd adds no Date). */
function assertSameBytes(res, expected, name) {
  assert.equal(res.status, expected.status, `${name}: status`);
  assert.ok(res.raw.equals(expected.raw), `${name}: the same bytes as a fresh worker sent\n${res.raw.toString('latin1').slice(0, 400)}`);
}

/** The runtime's own 500 for an uncaught exception: two headers, neither ours, and its own text. */
function assertRuntime500(res) {
  assert.equal(res.status, 500);
  assert.equal(res.body.toString('latin1'), 'Internal Server Error');
  assert.deepEqual(Object.keys(res.headers).sort(), ['connection', 'content-length']);
  assert.equal(res.headers.connection[0], 'close');
}

describe('the normal build', () => {
  test('/.trap is an ordinary 404 and the panic is not in the wasm', async () => {
    const worker = await startWorker({ modules: builtModules(DEFAULT_BUILD) });
    try {
      const trap = await rawRequest(worker.port, TRAP);
      const other = await rawRequest(worker.port, { path: '/.other' });
      assert.equal(trap.status, 404);
      assert.ok(trap.raw.equals(other.raw), 'the 404 of any unknown path');
    } finally {
      await worker.stop();
    }
    const wasm = (dir) => readFileSync(join(dir, 'worker', 'index.wasm'));
    assert.ok(wasm(TRAP_BUILD).includes(PANIC_MESSAGE), 'the trap build holds the message (so the check below means something)');
    assert.ok(!wasm(DEFAULT_BUILD).includes(PANIC_MESSAGE), 'the normal build does not');
  });
});

describe('the trap build', () => {
  let worker;
  /** The representations checked, each with what a fresh worker answered before any trap. */
  let representations;

  before(async () => {
    assert.ok(existsSync(join(TRAP_BUILD, 'index.js')), 'build-trap/ is missing: run `make trap` (or `make build-trap`)');
    worker = await startWorker({ modules: builtModules(TRAP_BUILD), vars: VARS });
    const html = await rawRequest(worker.port, { path: '/fr/apropos/index.html' });
    assert.equal(html.status, 200);
    const requests = [
      ['GET /fr/apropos/index.html', { path: '/fr/apropos/index.html' }],
      ['GET /en/apropos/index.json', { path: '/en/apropos/index.json' }],
      ['GET /en/apropos/ negotiated', { path: '/en/apropos/', headers: [['Accept', 'text/markdown'], ['Accept-Language', 'en']] }],
      ['HEAD /en/apropos/index.txt', { method: 'HEAD', path: '/en/apropos/index.txt' }],
      ['304 revalidation', { path: '/fr/apropos/index.html', headers: [['If-None-Match', html.headers.etag[0]]] }],
      ['404', { path: '/nope' }],
    ];
    representations = [];
    for (const [name, request] of requests) {
      representations.push({ name, request, expected: await rawRequest(worker.port, request) });
    }
    assert.deepEqual(representations.map((r) => r.expected.status), [200, 200, 200, 200, 304, 404]);
    assert.equal(count(worker.log(), SHIM_LOG), 0, 'no trap yet');
    assert.equal(count(worker.log(), SITE_MADE), 1, 'one instance so far');
  });
  after(() => worker?.stop());

  test('the trapping request gets the runtime 500, and the shim logs the trap', async () => {
    const traps = count(worker.log(), SHIM_LOG);
    assertRuntime500(await rawRequest(worker.port, TRAP));
    assert.equal(await logged(worker, SHIM_LOG, traps + 1), traps + 1);
  });

  test('requests in flight beside a trap all get their bytes', async () => {
    // Eight requests for the representations and one trap, each on its own
    // connection, all sent before any is answered; the trap at each place.
    for (let place = 0; place <= 8; place += 2) {
      const batch = Array.from({ length: 8 }, (_, i) => representations[i % representations.length]);
      batch.splice(place, 0, { name: 'trap', request: TRAP });
      const answers = await Promise.all(batch.map((r) => rawRequest(worker.port, r.request)));
      answers.forEach((res, i) => {
        if (i === place) assertRuntime500(res);
        else assertSameBytes(res, batch[i].expected, `${batch[i].name} beside a trap at ${place}`);
      });
    }
  });

  test('the next request after a trap gets the same bytes from a fresh instance', async () => {
    // In the reverse order of the first requests, so that a fresh instance
    // numbers its header blocks otherwise than the one before (the shim's
    // glue keeps the `Response` inits of the old numbers).
    for (const { name, request, expected } of representations.toReversed()) {
      const traps = count(worker.log(), SHIM_LOG);
      assertRuntime500(await rawRequest(worker.port, TRAP));
      // Once the shim's line is in, so is what the trapped instance logged.
      await logged(worker, SHIM_LOG, traps + 1);
      const instances = count(worker.log(), SITE_MADE);
      assertSameBytes(await rawRequest(worker.port, request), expected, `${name} after a trap`);
      assert.equal(await logged(worker, SITE_MADE, instances + 1), instances + 1, `${name}: answered by a fresh instance`);
    }
    // Then each once more from the same instance.
    for (const { name, request, expected } of representations) {
      assertSameBytes(await rawRequest(worker.port, request), expected, `${name} again`);
    }
  });
});

describe('memory', () => {
  // workerd's resident memory, sampled after each round of a trap and a page
  // request: its mean over the last ROUNDS / 4 rounds of the warm-up, then
  // over the last ROUNDS / 4 of the measured rounds (V8's garbage collector
  // makes RSS a sawtooth some 7 MB high here; the means smooth it out).
  const ROUNDS = 100;
  // Measured: the shim as it is ends 3.5 MB lower (where the sawtooth stands);
  // a shim that kept each old instance alive ends 24 MB higher (240 KB an
  // instance). The bound is about halfway.
  const MAX_GROWTH_MB = 12;

  test(`${ROUNDS} traps in a row leave workerd's memory flat`, async (t) => {
    const worker = await startWorker({ modules: builtModules(TRAP_BUILD) });
    try {
      const pid = servingPid(worker.pid);
      const page = { path: '/fr/apropos/index.html' };
      const expected = await rawRequest(worker.port, page);
      const round = async () => {
        assertRuntime500(await rawRequest(worker.port, TRAP));
        assertSameBytes(await rawRequest(worker.port, page), expected, 'the page after a trap');
        return rssMb(pid);
      };
      // The warm-up: V8's heap and code space grow over the first requests
      // and the first traps, then level off.
      for (let i = 0; i < 50; i++) await rawRequest(worker.port, page);
      const warmup = [];
      for (let i = 0; i < ROUNDS; i++) warmup.push(await round());
      const measured = [];
      for (let i = 0; i < ROUNDS; i++) measured.push(await round());

      const mean = (samples) => samples.slice(-ROUNDS / 4).reduce((a, b) => a + b, 0) / (ROUNDS / 4);
      const [start, end] = [mean(warmup), mean(measured)];
      t.diagnostic(
        `workerd RSS ${start.toFixed(1)} MB after the warm-up, ${end.toFixed(1)} MB after ${ROUNDS} more traps ` +
          `(${(end - start).toFixed(1)} MB; samples ${Math.min(...measured).toFixed(1)}-${Math.max(...measured).toFixed(1)} MB)`,
      );
      assert.ok(end - start < MAX_GROWTH_MB, `RSS grew by ${(end - start).toFixed(1)} MB over ${ROUNDS} traps`);
      assert.equal(await logged(worker, SHIM_LOG, 2 * ROUNDS), 2 * ROUNDS, 'the shim logged every trap');
    } finally {
      await worker.stop();
    }
  });
});

/**
 * The process that serves, from the pid the harness spawned: that pid itself
 * when it has no child (the workerd npm package names the binary, not a
 * launcher, today), else its only descendant that has none.
 */
function servingPid(pid) {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  if (children.length === 0) return pid;
  assert.equal(children.length, 1, `workerd (${pid}) has several children: ${children}`);
  return servingPid(Number(children[0]));
}

/** The resident memory of process `pid`, in MB. */
function rssMb(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)[1]) / 1024;
}
