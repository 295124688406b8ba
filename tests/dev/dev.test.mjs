// `make dev` as an editor meets it: `wrangler dev` (with the Makefile's
// environment) on a copy of the repository, whose content is then edited.
// A change to content/ is served after the rebuild; a broken front matter
// prints the build's message, naming the file and the field, while the last
// good build keeps serving; the fix is served again.
//
// The copy holds the tracked files, with node_modules and .tools linked from
// the repository; its cargo target directory is target/dev, so the builds of
// the repository itself are left alone. The first build compiles everything
// once (a few minutes on a fresh machine); the later ones, the worker only.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, freePort } from '../e2e/worker.mjs';

const BUILD_TIMEOUT = 15 * 60_000;
let copy;
let wrangler;
let log = '';
let base;

before(async () => {
  copy = mkdtempSync(join(tmpdir(), 'apropos-dev-'));
  // Linked whole, with the files of them that git tracks (.tools/node's manifest).
  const linked = ['node_modules', '.tools'];
  for (const file of execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)) {
    if (linked.some((dir) => file.startsWith(`${dir}/`))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  for (const dir of linked) symlinkSync(join(ROOT, dir), join(copy, dir));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  wrangler = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(port)], {
    cwd: copy,
    env: {
      ...process.env,
      PATH: `${join(ROOT, '.tools', 'bin')}:${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
      WASM_BINDGEN_BIN: join(ROOT, '.tools', 'bin', 'wasm-bindgen'),
      WASM_OPT_BIN: join(ROOT, 'node_modules', '.bin', 'wasm-opt'),
      ESBUILD_BIN: join(ROOT, 'node_modules', '.bin', 'esbuild'),
      CUSTOM_SHIM: join(copy, 'shim', 'index.js'),
      CARGO_TARGET_DIR: join(ROOT, 'target', 'dev'),
      WRANGLER_SEND_METRICS: 'false',
      KEEP_LAST_GOOD_BUILD: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  wrangler.stdout.on('data', (d) => (log += d));
  wrangler.stderr.on('data', (d) => (log += d));
  await until(async () => (await get('/fr/apropos/index.md'))?.status === 200, BUILD_TIMEOUT, 'the first build to be served');
});

after(async () => {
  if (wrangler && wrangler.exitCode === null) {
    wrangler.kill('SIGTERM');
    await new Promise((done) => {
      const timer = setTimeout(() => (wrangler.kill('SIGKILL'), done()), 5000);
      wrangler.once('exit', () => (clearTimeout(timer), done()));
    });
  }
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** The response to `path`, its body read; `undefined` while nothing answers. */
async function get(path) {
  try {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    if (wrangler.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 1000));
  }
  const why = wrangler.exitCode !== null ? `wrangler exited (${wrangler.exitCode})` : 'timed out';
  throw new Error(`${why} waiting for ${what}; wrangler's output:\n${log.slice(-4000)}`);
}

const edit = (file, change) => writeFileSync(join(copy, file), change(readFileSync(join(copy, file), 'utf8')));

test('an edit of content/ is served once rebuilt', async () => {
  edit('content/apropos.fr.md', (text) => text.replace('title: À propos\n', 'title: À propos du réseau\n'));
  await until(async () => (await get('/fr/apropos/index.md'))?.body.includes('# À propos du réseau\n'), BUILD_TIMEOUT, 'the edited title');
});

test('a content error prints the file and the field, and the last good build keeps serving', async () => {
  const before = await get('/en/apropos/index.md');
  edit('content/apropos.en.md', (text) => text.replace(/^title: .*\n/m, ''));
  const message = 'content/apropos.en.md: front matter: missing field `title`';
  await until(async () => log.includes(message) && log.includes('the last good build keeps serving'), BUILD_TIMEOUT, message);
  // Once wrangler has reloaded what the failed build left, the last good build answers.
  await new Promise((done) => setTimeout(done, 3000));
  const during = await get('/en/apropos/index.md');
  assert.equal(during?.status, 200, 'still served');
  assert.equal(during.body, before.body, 'the last good build, unchanged');
  assert.ok((await get('/fr/apropos/index.md'))?.body.includes('# À propos du réseau\n'));
});

test('the fix is served', async () => {
  edit('content/apropos.en.md', (text) => text.replace('---\n', '---\ntitle: About the network\n'));
  await until(async () => (await get('/en/apropos/index.md'))?.body.includes('# About the network\n'), BUILD_TIMEOUT, 'the fixed title');
});
