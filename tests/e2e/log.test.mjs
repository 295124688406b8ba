// The worker's log as workerd collects it: each event one line of JSON with
// a stable `event` name and the offending value (src/log.rs), logged once per
// isolate, and nothing of a request.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawRequest } from './http.mjs';
import { loggedEvents, startWorker } from './worker.mjs';

/** Waits (up to 2 s) until `worker` has logged `n` events, and returns them all. */
async function events(worker, n) {
  const deadline = Date.now() + 2000;
  while (loggedEvents(worker.log()).length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return loggedEvents(worker.log());
}

test('an invalid var is logged once, as one line of JSON naming the var, its value and the default', async () => {
  const value = 'nope "quoted"\\ é';
  const worker = await startWorker({ vars: { SITE_URL: value } });
  try {
    const marker = 'QQlogmarker';
    for (const path of ['/apropos/', `/fr/apropos/index.json?${marker}`, '/nope']) {
      const res = await rawRequest(worker.port, { path, headers: [['Accept-Language', marker], ['X-Marker', marker]] });
      assert.ok(res.status < 500, path);
    }
    const logged = await events(worker, 1);
    assert.deepEqual(logged, [
      {
        event: 'config_fallback',
        var: 'SITE_URL',
        value,
        default: 'https://beta.gouv.fr',
        reason: 'expected an absolute http(s) URL without query or fragment, e.g. https://beta.gouv.fr',
      },
    ]);
    const line = worker.log().split('\n').find((l) => l.startsWith('{"event":'));
    assert.equal(line, JSON.stringify(logged[0]), 'the exact line, members in order');
    assert.ok(!worker.log().includes(marker), 'nothing of a request is logged');
  } finally {
    await worker.stop();
  }
});

test('a valid configuration logs no event', async () => {
  const worker = await startWorker();
  try {
    await rawRequest(worker.port, { path: '/apropos/' });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(loggedEvents(worker.log()), []);
  } finally {
    await worker.stop();
  }
});
