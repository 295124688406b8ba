// Each environment of wrangler.toml is what the README's Deploying table and
// docs/deploy.md say: its dry run (`wrangler deploy --dry-run`, which builds
// as a deploy would), and its configuration as wrangler resolves it (name,
// where it deploys, routes, vars, logs, build).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/worker.mjs';
import { ENVIRONMENTS, readmeEnvironments, resolvedConfig } from './environments.mjs';

const README = readmeEnvironments();
const DEPLOY_DOC = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
/** What the README's table does not show, as docs/deploy.md does. */
const EXPECTED = {
  '': { name: 'apropos', workers_dev: false, preview_urls: false },
  staging: { name: 'apropos-staging', workers_dev: true, preview_urls: true },
  production: { name: 'apropos-production', workers_dev: false, preview_urls: false },
};
/** The vars the code reads (`vars.read("…", …)` and `(vars.lookup)("…")` in src/config.rs). */
const CODE_VARS = [...readFileSync(join(ROOT, 'src', 'config.rs'), 'utf8').matchAll(/(?:\bread\(\s*|\blookup\)?\()"([A-Z][A-Z_]+)"/g)].map((m) => m[1]).sort();

const label = (env) => (env ? `[env.${env}]` : 'the top level');

test('the README describes every environment, and each sets every var the code reads', () => {
  assert.deepEqual(Object.keys(README).sort(), [...ENVIRONMENTS].sort());
  assert.ok(CODE_VARS.length >= 3, `the vars of src/config.rs: ${CODE_VARS}`);
  for (const env of ENVIRONMENTS) assert.deepEqual(Object.keys(README[env].vars).sort(), CODE_VARS, label(env));
});

test("wrangler's rule, which each environment's [vars] follows: vars are not inherited", () => {
  const dir = mkdtempSync(join(tmpdir(), 'apropos-wrangler-'));
  try {
    const config = join(dir, 'wrangler.toml');
    writeFileSync(config, 'name = "x"\nmain = "index.js"\ncompatibility_date = "2026-04-01"\n[vars]\nA = "1"\n[env.e]\n');
    assert.deepEqual(resolvedConfig('', { config, hideWarnings: true }).vars, { A: '1' });
    assert.deepEqual(resolvedConfig('e', { config, hideWarnings: true }).vars, {}, 'an environment without [vars] has none');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const env of ENVIRONMENTS) {
  describe(label(env), () => {
    const config = resolvedConfig(env);
    const top = resolvedConfig('');

    test("its vars are the README's", () => {
      assert.deepEqual(config.vars, README[env].vars);
    });

    test('it deploys where the README says, under its name', () => {
      const expected = EXPECTED[env];
      assert.equal(config.name, expected.name);
      assert.ok(DEPLOY_DOC.includes(`\`${expected.name}\``), `docs/deploy.md names ${expected.name}`);
      assert.equal(config.workers_dev, expected.workers_dev, 'workers_dev');
      assert.equal(config.workers_dev, README[env].workersDev, 'workers.dev in the README');
      assert.equal(config.preview_urls, expected.preview_urls, 'preview_urls');
      const patterns = (config.routes ?? []).map((route) => route.pattern);
      assert.deepEqual([...patterns].sort(), [...README[env].routes].sort(), 'the routes of the README');
      for (const route of config.routes ?? []) {
        assert.deepEqual(Object.keys(route).sort(), ['pattern', 'zone_name'], `${route.pattern}: a route on a zone, not a custom domain`);
        assert.equal(route.zone_name, README[env].zone, route.pattern);
        assert.ok(DEPLOY_DOC.includes(`\`${route.pattern}\``), `docs/deploy.md lists ${route.pattern}`);
      }
      assert.equal(config.route, undefined);
    });

    test('logs, cache, build and runtime are those of the top level', () => {
      assert.deepEqual(config.observability, { enabled: true, head_sampling_rate: 1 });
      assert.deepEqual(config.cache, { enabled: true }, 'Workers Cache in front of the worker');
      assert.ok(DEPLOY_DOC.includes('`head_sampling_rate = 1`'), 'docs/deploy.md gives the sampling rate');
      assert.deepEqual(config.build.watch_dir, ['src', 'content', 'templates', 'crates'], 'make dev rebuilds on a change to any of these');
      assert.equal(config.build.command, 'scripts/build-worker');
      assert.equal(config.main, join(ROOT, 'build', 'index.js'));
      assert.equal(config.compatibility_date, top.compatibility_date);
    });

    test('its dry run builds, reports the upload and binds exactly its vars', async () => {
      const outdir = join(ROOT, 'dist', env || 'top-level');
      const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', `--env=${env}`, '--outdir', outdir], {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
        maxBuffer: 16 << 20,
        timeout: 300_000,
      });
      const out = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, '');
      assert.doesNotMatch(out, /WARNING|\bwarn\b/i, `no warning from wrangler:\n${out}`);
      const upload = out.match(/Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/);
      assert.ok(upload, `a Total Upload line:\n${out}`);
      const bindings = Object.fromEntries(
        [...out.matchAll(/env\.([A-Z_]+) \("(.*?)"\)\s+Environment Variable/g)].map(([, name, value]) => [name, value]),
      );
      assert.deepEqual(Object.keys(bindings).sort(), CODE_VARS, `the bindings:\n${out}`);
      for (const [name, shown] of Object.entries(bindings)) {
        // wrangler shortens long values to their start and "...".
        const value = README[env].vars[name];
        assert.ok(shown === value || (shown.endsWith('...') && value.startsWith(shown.slice(0, -3))), `${name}: ${shown} for ${value}`);
      }
      console.log(`${label(env)}: Total Upload ${upload[1]} / gzip ${upload[2]}; ${Object.keys(bindings).length} vars; ${(config.routes ?? []).length} routes`);
    });
  });
}
