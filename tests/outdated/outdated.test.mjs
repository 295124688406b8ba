// The pure parts of scripts/outdated.mjs (`make outdated`): version
// comparison, the distance between two versions (workerd's in days), the
// reading of `npm outdated --json`, of Cargo.lock, of the registries'
// answers. No network, no process: `make outdated-test`, part of `make test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  behind,
  compareVersions,
  daysBetween,
  lockedVersion,
  makeVariable,
  matchesRequirement,
  newestStable,
  parseCargoLock,
  parseNpmOutdated,
  parsePypiReleases,
  parseSparseIndex,
  parseVersion,
  sparseIndexPath,
  versionDate,
} from '../../scripts/outdated.mjs';

test('versions parse, with a v, a pre-release, build metadata or fewer parts', () => {
  assert.deepEqual(parseVersion('1.2.3'), { major: 1, minor: 2, patch: 3, pre: [] });
  assert.deepEqual(parseVersion('v0.8.7'), { major: 0, minor: 8, patch: 7, pre: [] });
  assert.deepEqual(parseVersion('1.0.0-rc.1+abc'), { major: 1, minor: 0, patch: 0, pre: ['rc', 1] });
  assert.deepEqual(parseVersion('2.7'), { major: 2, minor: 7, patch: 0, pre: [] });
  assert.equal(parseVersion('latest'), null);
  assert.equal(parseVersion('1.2.3.4'), null);
});

test('versions compare by semver precedence', () => {
  assert.equal(compareVersions('1.2.3', '1.2.3'), 0);
  assert.equal(compareVersions('1.2.3', '1.2.10'), -1);
  assert.equal(compareVersions('1.10.0', '1.9.9'), 1);
  assert.equal(compareVersions('2.0.0', '10.0.0'), -1);
  assert.equal(compareVersions('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(compareVersions('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.equal(compareVersions('1.0.0-alpha.2', '1.0.0-alpha.10'), -1);
  assert.equal(compareVersions('1.0.0-1', '1.0.0-alpha'), -1);
  assert.equal(compareVersions('1.0.0+a', '1.0.0+b'), 0);
  assert.throws(() => compareVersions('x', '1.0.0'), /not a version/);
});

test('how far behind: major, minor, patch, and what a caret refuses', () => {
  assert.deepEqual(behind('4.13.19', '4.13.23'), { kind: 'patch', count: 4, breaking: false, label: 'patch +4' });
  assert.deepEqual(behind('18.2.1', '18.3.0'), { kind: 'minor', count: 1, breaking: false, label: 'minor +1' });
  assert.deepEqual(behind('1.5.0', '3.0.1'), { kind: 'major', count: 2, breaking: true, label: 'major +2' });
  // In 0.x a new minor is a breaking release (Cargo's and npm's caret).
  assert.deepEqual(behind('0.27.3', '0.28.2'), { kind: 'minor', count: 1, breaking: true, label: 'minor +1 (breaking in 0.x)' });
  assert.equal(behind('0.0.3', '0.0.4').breaking, true);
  assert.equal(behind('0.2.130', '0.2.131').breaking, false);
  assert.equal(behind('1.0.0-rc.1', '1.0.0').kind, 'prerelease');
  assert.equal(behind('1.2.3', '1.2.3').kind, 'same');
  // npm's `latest` tag may be older than what is installed (lighthouse).
  assert.equal(behind('13.5.0', '12.8.2').kind, 'ahead');
  assert.equal(behind('git+https://x', '1.0.0').kind, 'unknown');
});

test("workerd's date versions: the days between the two dates", () => {
  assert.equal(versionDate('1.20260426.1'), '2026-04-26');
  assert.equal(versionDate('1.20261399.0'), null);
  assert.equal(versionDate('4.86.0'), null);
  assert.equal(daysBetween('2026-04-26', '2026-11-23'), 211);
  assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2); // a leap year
  assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2); // across a DST change, in UTC
  assert.deepEqual(behind('1.20260426.1', '1.20261123.1'), {
    kind: 'minor',
    count: 211,
    breaking: false,
    days: 211,
    label: '211 days (2026-04-26 → 2026-11-23)',
  });
  // The same day's second release: by the last part.
  assert.deepEqual(behind('1.20260426.1', '1.20260426.2').kind, 'minor');
  assert.equal(behind('1.20260426.1', '1.20260426.2').days, 0);
});

test('npm outdated --json: rows sorted by name, workspaces, a missing install, an error', () => {
  const text = JSON.stringify({
    workerd: { current: '1.20260426.1', wanted: '1.20260426.1', latest: '1.20261123.1', dependent: 'main', location: '/w/node_modules/workerd' },
    esbuild: { current: '0.27.3', wanted: '0.27.3', latest: '0.28.2', dependent: 'main', location: '/w/node_modules/esbuild' },
    hono: [
      { current: '4.13.19', wanted: '4.13.19', latest: '4.13.23', dependent: 'a', location: '/w/a/node_modules/hono' },
      { current: '4.13.20', wanted: '4.13.20', latest: '4.13.23', dependent: 'b', location: '/w/b/node_modules/hono' },
    ],
    marked: { wanted: '18.2.1', latest: '18.3.0', dependent: 'main' },
  });
  assert.deepEqual(parseNpmOutdated(text), [
    { name: 'esbuild', current: '0.27.3', wanted: '0.27.3', latest: '0.28.2', location: '/w/node_modules/esbuild' },
    { name: 'hono', current: '4.13.19', wanted: '4.13.19', latest: '4.13.23', location: '/w/a/node_modules/hono' },
    { name: 'hono', current: '4.13.20', wanted: '4.13.20', latest: '4.13.23', location: '/w/b/node_modules/hono' },
    { name: 'marked', current: null, wanted: '18.2.1', latest: '18.3.0', location: null },
    { name: 'workerd', current: '1.20260426.1', wanted: '1.20260426.1', latest: '1.20261123.1', location: '/w/node_modules/workerd' },
  ]);
  // Nothing outdated: npm prints {} (or nothing) and exits 0.
  assert.deepEqual(parseNpmOutdated('{}\n'), []);
  assert.deepEqual(parseNpmOutdated(''), []);
  const error = JSON.stringify({ error: { code: 'ECONNREFUSED', summary: 'request to http://127.0.0.1:1/x failed', detail: '...' } });
  assert.throws(() => parseNpmOutdated(error), /ECONNREFUSED: request to http:\/\/127\.0\.0\.1:1\/x failed/);
  assert.throws(() => parseNpmOutdated('npm error'), SyntaxError);
});

const LOCK = `# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 4

[[package]]
name = "apropos-worker"
version = "0.1.0"
dependencies = [
 "apropos-content",
 "getrandom 0.3.4",
 "http",
 "wasm-bindgen",
]

[[package]]
name = "apropos-content"
version = "0.1.0"
dependencies = ["pulldown-cmark"]

[[package]]
name = "getrandom"
version = "0.2.17"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "aaaa"

[[package]]
name = "getrandom"
version = "0.3.4"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "bbbb"
dependencies = [
 "cfg-if",
]

[[package]]
name = "http"
version = "1.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "pulldown-cmark"
version = "0.13.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[metadata]
name = "not a package"
`;

test('Cargo.lock: its packages, and the version a workspace crate locks', () => {
  const packages = parseCargoLock(LOCK);
  assert.equal(packages.length, 7);
  assert.deepEqual(packages[0], {
    name: 'apropos-worker',
    version: '0.1.0',
    source: null,
    dependencies: ['apropos-content', 'getrandom 0.3.4', 'http', 'wasm-bindgen'],
  });
  assert.deepEqual(packages[1].dependencies, ['pulldown-cmark']);
  assert.equal(packages[2].source, 'registry+https://github.com/rust-lang/crates.io-index');
  assert.equal(lockedVersion(packages, 'apropos-worker', 'http'), '1.5.0');
  assert.equal(lockedVersion(packages, 'apropos-worker', 'wasm-bindgen'), '0.2.130');
  // Two versions locked: the one the crate's own entry names.
  assert.equal(lockedVersion(packages, 'apropos-worker', 'getrandom'), '0.3.4');
  assert.equal(lockedVersion(packages, 'apropos-content', 'pulldown-cmark'), '0.13.0');
  assert.equal(lockedVersion(packages, 'apropos-worker', 'serde'), null);
  // CRLF line ends read the same.
  assert.deepEqual(parseCargoLock(LOCK.replace(/\n/g, '\r\n')), packages);
});

test('Cargo requirements: caret, tilde, exact, ranges, wildcards', () => {
  assert.equal(matchesRequirement('1.6.0', '^1'), true);
  assert.equal(matchesRequirement('2.0.0', '^1'), false);
  assert.equal(matchesRequirement('0.13.4', '^0.13'), true);
  assert.equal(matchesRequirement('0.14.0', '^0.13'), false);
  assert.equal(matchesRequirement('0.0.4', '^0.0.3'), false);
  assert.equal(matchesRequirement('0.8.9', '0.8.7'), true); // a bare version is a caret
  assert.equal(matchesRequirement('0.2.130', '=0.2.130'), true);
  assert.equal(matchesRequirement('0.2.131', '=0.2.130'), false);
  assert.equal(matchesRequirement('1.2.9', '~1.2.3'), true);
  assert.equal(matchesRequirement('1.3.0', '~1.2.3'), false);
  assert.equal(matchesRequirement('1.5.0', '>=1.2, <1.5'), false);
  assert.equal(matchesRequirement('1.4.9', '>=1.2, <1.5'), true);
  assert.equal(matchesRequirement('1.9.0', '1.*'), true);
  assert.equal(matchesRequirement('7.0.0', '*'), true);
  assert.equal(matchesRequirement('2.0.0-rc.1', '^1'), false);
});

test('registries: the sparse index path and file, PyPI, the newest stable release', () => {
  assert.equal(sparseIndexPath('a'), '1/a');
  assert.equal(sparseIndexPath('cc'), '2/cc');
  assert.equal(sparseIndexPath('syn'), '3/s/syn');
  assert.equal(sparseIndexPath('Worker'), 'wo/rk/worker');
  assert.equal(sparseIndexPath('wasm-bindgen-cli'), 'wa/sm/wasm-bindgen-cli');
  const index = [
    { name: 'x', vers: '0.2.93', yanked: false },
    { name: 'x', vers: '0.2.94', yanked: true },
    { name: 'x', vers: '0.3.0-beta.1', yanked: false },
    { name: 'x', vers: '0.1.9', yanked: false }, // a backport, published later
  ]
    .map((e) => JSON.stringify(e))
    .join('\n');
  const releases = parseSparseIndex(`${index}\n`);
  assert.deepEqual(releases[1], { version: '0.2.94', yanked: true });
  assert.equal(newestStable(releases), '0.2.93');
  assert.equal(newestStable(releases, '^0.1'), '0.1.9');
  assert.equal(newestStable(releases, '^0.4'), null);
  const pypi = parsePypiReleases({
    releases: {
      '2.7.0': [{ yanked: false }],
      '2.7.1': [{ yanked: false }, { yanked: false }],
      '2.8.0': [{ yanked: true }],
      '2.9.0rc1': [{ yanked: false }],
      '2.9.0': [],
    },
  });
  assert.equal(newestStable(pypi), '2.7.1');
});

test('a pinned version in a makefile', () => {
  const text = 'PORT ?= 8787\nWORKER_BUILD_VERSION := 0.8.7\nREDBOT_VERSION = 2.7.1\n  CARGO_FUZZ_VERSION ::= 0.13.2\n';
  assert.equal(makeVariable(text, 'WORKER_BUILD_VERSION'), '0.8.7');
  assert.equal(makeVariable(text, 'REDBOT_VERSION'), '2.7.1');
  assert.equal(makeVariable(text, 'CARGO_FUZZ_VERSION'), '0.13.2');
  assert.equal(makeVariable(text, 'WASM_BINDGEN_VERSION'), null);
});
