// The wasm boundary's two sides agree: the shim passes the values of exactly
// the request headers the core reads, in the order of REQUEST_HEADERS, and
// only those can change an answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './worker.mjs';
import { requestHeaderNames } from '../../bench/floor.mjs';

test("the shim passes the core's request headers, in REQUEST_HEADERS' order", () => {
  const shim = readFileSync(join(ROOT, 'shim', 'index.js'), 'utf8');
  const passed = [...shim.matchAll(/headers\.get\("([^"]+)"\)/g)].map((m) => m[1]);
  assert.deepEqual(passed, requestHeaderNames());
  const entry = readFileSync(join(ROOT, 'src', 'entry.rs'), 'utf8');
  const signature = /pub fn fetch\(([^)]*)\)/s.exec(entry)?.[1] ?? '';
  const parameters = [...signature.matchAll(/(\w+): Option<String>/g)].map((m) => m[1].replaceAll('_', '-'));
  assert.deepEqual(parameters, requestHeaderNames());
});
