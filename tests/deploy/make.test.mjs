// `make deploy` and `make upload` refuse to run without CLOUDFLARE_API_TOKEN
// or for an ENV other than staging and production, saying why, before
// building anything. (Nothing here ever deploys: every case is refused, and
// wrangler's API is pointed at a closed port in case one were not.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from '../e2e/worker.mjs';

function make(args, env = {}) {
  const base = { ...process.env, CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' };
  for (const name of ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN', 'ENV', 'MAKEFLAGS', 'MAKELEVEL', 'MFLAGS']) delete base[name];
  const run = spawnSync('make', ['--no-print-directory', ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, output: run.stdout + run.stderr };
}

const cases = [
  // [make arguments, environment, what the refusal says]
  [['deploy', 'ENV=staging'], {}, /make deploy: CLOUDFLARE_API_TOKEN is not set/],
  [['deploy', 'ENV=production'], {}, /make deploy: CLOUDFLARE_API_TOKEN is not set/],
  [['deploy', 'ENV=production'], { CLOUDFLARE_API_TOKEN: '' }, /make deploy: CLOUDFLARE_API_TOKEN is not set/],
  [['upload', 'ENV=staging'], {}, /make upload: CLOUDFLARE_API_TOKEN is not set/],
  [['deploy'], { CLOUDFLARE_API_TOKEN: 'not-a-token' }, /make deploy: ENV must be staging or production \(got ''\)/],
  [['deploy', 'ENV=dev'], { CLOUDFLARE_API_TOKEN: 'not-a-token' }, /ENV must be staging or production \(got 'dev'\)/],
  [['deploy', 'ENV=staging production'], { CLOUDFLARE_API_TOKEN: 'not-a-token' }, /ENV must be staging or production/],
  [['upload', 'ENV=Production'], { CLOUDFLARE_API_TOKEN: 'not-a-token' }, /make upload: ENV must be staging or production/],
];

for (const [args, env, message] of cases) {
  test(`make ${args.join(' ')}${Object.keys(env).length ? ` with ${Object.keys(env).join(', ')}` : ''} is refused`, () => {
    const { status, output } = make(args, env);
    assert.equal(status, 2, output);
    assert.match(output, message);
    assert.doesNotMatch(output, /worker-build|wrangler (deploy|versions)|Compiling/, `nothing was built or run:\n${output}`);
  });
}
