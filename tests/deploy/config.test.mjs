// Each environment of wrangler.toml is what the README's Deploying table and
// docs/deploy.md say: its dry run (`wrangler deploy --dry-run`, which builds
// as a deploy would), and its configuration as wrangler resolves it (name,
// where it deploys, routes, vars, logs, build, static assets).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/worker.mjs';
import { ENVIRONMENTS, readmeEnvironments, resolvedConfig } from './environments.mjs';

const README = readmeEnvironments();
const DEPLOY_DOC = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
/** What `make dev` watches, as docs/deploy.md gives it (`watch_dir = [...]`). */
const DOC_WATCH_DIR = JSON.parse(DEPLOY_DOC.match(/`watch_dir = (\[[^\]]*\])`/)?.[1] ?? 'null');
/** What the README's table does not show, as docs/deploy.md does. */
const EXPECTED = {
  '': { name: 'apropos', workers_dev: false, preview_urls: false },
  staging: { name: 'apropos-staging', workers_dev: true, preview_urls: true },
  production: { name: 'apropos-production', workers_dev: false, preview_urls: false },
};
/** The vars the code reads (`vars.read("…", …)` and `(vars.lookup)("…")` in src/config.rs). */
const CODE_VARS = [...readFileSync(join(ROOT, 'src', 'config.rs'), 'utf8').matchAll(/(?:\bread\(\s*|\blookup\)?\()"([A-Z][A-Z_]+)"/g)].map((m) => m[1]).sort();

const label = (env) => (env ? `[env.${env}]` : 'the top level');

/**
 * `out`, wrangler's output, without its warning that routes with a path
 * "will attempt to serve Assets on a configured path" (given whenever a
 * worker with static assets has such a route), and the routes it names:
 * `{ out, mounted: [{ route, assets }] }`.
 */
function withoutMountedAssetsWarning(out) {
  const start = out.search(/^.*\[WARNING\] Warning: The following routes will attempt to serve Assets on a configured path:$/m);
  if (start < 0) return { out, mounted: [] };
  const lines = out.slice(start).split('\n');
  let end = 1;
  const mounted = [];
  for (; end < lines.length; end++) {
    const line = lines[end].trim();
    const item = line.match(/^• (\S+) \(Will match assets: (.+)\)$/);
    if (item) mounted.push({ route: item[1], assets: item[2] });
    else if (line !== '' && line !== "Requests not matching an asset will be forwarded to the Worker's code.") break;
  }
  return { out: out.slice(0, start) + lines.slice(end).join('\n'), mounted };
}

/** The URL paths Workers Static Assets serves from dist/public (not its `_headers`, `_redirects`). */
function publicFiles(dir = join(ROOT, 'dist', 'public'), prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return publicFiles(join(dir, entry.name), path);
    return prefix === '' && ['_headers', '_redirects'].includes(entry.name) ? [] : [path];
  });
}

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
      assert.deepEqual(config.build.watch_dir, DOC_WATCH_DIR, `make dev rebuilds on a change to any of these, as docs/deploy.md says (watch_dir = ${JSON.stringify(DOC_WATCH_DIR)})`);
      assert.ok(config.build.watch_dir.includes('scripts/assets'), 'the asset build, whose output the worker embeds the manifest of');
      // Workers Static Assets serves dist/public, which `make build` writes, ahead of the worker.
      assert.deepEqual(config.assets, { directory: 'dist/public' }, 'the static assets of every environment');
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
      const all = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, '');
      const { out, mounted } = withoutMountedAssetsWarning(all);
      assert.doesNotMatch(out, /WARNING|\bwarn\b/i, `no warning from wrangler:\n${all}`);
      // wrangler warns of every route with a path once there are static
      // assets: Workers Static Assets looks for an asset at any URL a route
      // sends, before the worker. Only /_assets/* is meant to find one: no
      // file of dist/public may shadow a URL of the worker's routes.
      assert.deepEqual(mounted.map((m) => m.route).sort(), (config.routes ?? []).map((r) => r.pattern).filter((p) => !/^[^/]*\/\*$/.test(p)).sort(), 'the routes wrangler names');
      const served = publicFiles();
      for (const { route } of mounted) {
        const path = route.replace(/^https?:\/\//, '').replace(/^[^/]*/, '');
        const shadowed = served.filter((file) => (path.endsWith('*') ? file.startsWith(path.slice(0, -1)) : file === path));
        if (path === '/_assets/*') assert.ok(shadowed.length > 0, 'the static assets are under /_assets/');
        else assert.deepEqual(shadowed, [], `${route}: no static asset at a URL of the worker`);
      }
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
