#!/usr/bin/env node
// `make outdated`: what is behind, and by how much. A report, not a gate:
// it exits 0 whatever is outdated, and 2 only when it could not check
// something (each such thing gets its own line at the end).
//
//   npm     `npm outdated --json` (package.json's devDependencies): current
//           (installed), wanted, latest, and the distance from current to
//           latest; for a date-versioned package (workerd, 1.YYYYMMDD.N) the
//           days between the two dates. npm outdated's latest is the newest
//           release this Node runs (by its engines.node); `npm view
//           <name>@latest` adds those that need a newer Node than the one
//           running (the project's, .tools/node), and which workerd
//           wrangler's latest runs.
//   Cargo   each direct dependency of Cargo.toml, crates/content,
//           bench/hello and fuzz, at its version in the Cargo.lock of its
//           workspace, against the newest release on crates.io (not yanked,
//           not a pre-release): from the sparse index, or `cargo search` when
//           the index cannot be reached. "compatible" is the newest release
//           its requirement in Cargo.toml allows (`cargo update` goes there);
//           past it, Cargo.toml must change.
//   tools   the versions the Makefile and mk/*.mk pin: worker-build,
//           wasm-bindgen-cli (which is Cargo.lock's wasm-bindgen), cargo-fuzz
//           (crates.io) and REDbot (PyPI).
//
// No dependency: Node's fetch, and cargo for reading the manifests
// (`cargo metadata --no-deps --offline`, which neither resolves nor builds).
// OUTDATED_CRATES_INDEX and OUTDATED_PYPI point it at a mirror.
// The pure parts are exported for tests/outdated/outdated.test.mjs.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The manifests whose direct dependencies are checked, relative to ROOT.
const MANIFESTS = ['Cargo.toml', 'crates/content/Cargo.toml', 'bench/hello/Cargo.toml', 'fuzz/Cargo.toml'];
const CRATES_INDEX = (process.env.OUTDATED_CRATES_INDEX || 'https://index.crates.io').replace(/\/$/, '');
const PYPI = (process.env.OUTDATED_PYPI || 'https://pypi.org').replace(/\/$/, '');
const TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------
// Versions

// "1.2.3", "v1.2.3", "1.2.3-rc.1+build", and the shorter "1.2" or "1" (PyPI,
// requirements): {major, minor, patch, pre: [] | ['rc', 1]}, or null.
export function parseVersion(text) {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/.exec(String(text));
  if (!m) return null;
  const pre = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre };
}

// Semver precedence: -1, 0 or 1. A pre-release comes before its release;
// numeric identifiers compare as numbers and before alphanumeric ones.
export function compareVersions(a, b) {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  if (!x || !y) throw new Error(`not a version: ${!x ? a : b}`);
  for (const k of ['major', 'minor', 'patch']) {
    if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  }
  if (!x.pre.length || !y.pre.length) return x.pre.length === y.pre.length ? 0 : x.pre.length ? -1 : 1;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export function isPrerelease(text) {
  const v = parseVersion(text);
  return !v || v.pre.length > 0;
}

// The date of a date-versioned release, 1.YYYYMMDD.N (workerd), as
// "YYYY-MM-DD", or null for any other version.
export function versionDate(text) {
  const m = /^v?\d+\.(\d{4})(\d{2})(\d{2})\.\d+(?:[-+].*)?$/.exec(String(text));
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // 20261399 is not a date: the check that the parts survive the round trip.
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

// Whole days from one YYYY-MM-DD to another (negative when `to` is earlier).
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// How far `current` is behind `latest`:
//   {kind: 'major'|'minor'|'patch'|'prerelease', count, breaking, days?, label}
//   {kind: 'same'} or {kind: 'ahead'} (npm's `latest` tag can be older than
//   what is installed), or {kind: 'unknown'} when either is not a version.
// `count` is the difference in that component. `breaking` is what a caret
// requirement would refuse: a new major, or in 0.x a new minor (0.0.x: patch).
// Date-versioned releases (1.YYYYMMDD.N) are measured in days.
export function behind(current, latest) {
  const c = parseVersion(current);
  const l = parseVersion(latest);
  if (!c || !l) return { kind: 'unknown', label: '?' };
  const order = compareVersions(c, l);
  if (order === 0) return { kind: 'same', label: 'up to date' };
  if (order > 0) return { kind: 'ahead', label: 'ahead of latest' };
  const from = versionDate(current);
  const to = versionDate(latest);
  if (from && to && c.major === l.major) {
    const days = daysBetween(from, to);
    return { kind: 'minor', count: days, breaking: false, days, label: `${days} days (${from} → ${to})` };
  }
  let kind = 'prerelease';
  let count = 0;
  for (const k of ['major', 'minor', 'patch']) {
    if (c[k] !== l[k]) {
      kind = k;
      count = l[k] - c[k];
      break;
    }
  }
  const breaking = kind === 'major' || (c.major === 0 && kind === 'minor') || (c.major === 0 && c.minor === 0 && kind === 'patch');
  const label = kind === 'prerelease' ? 'pre-release' : `${kind} +${count}${breaking && kind !== 'major' ? ' (breaking in 0.x)' : ''}`;
  return { kind, count, breaking, label };
}

// ---------------------------------------------------------------------------
// Cargo requirements (the subset Cargo accepts: ^ ~ = > >= < <= * and x
// wildcards, comma-separated), for the "compatible" column.

export function matchesRequirement(version, requirement) {
  const v = parseVersion(version);
  if (!v) return false;
  return String(requirement)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((comparator) => matchesComparator(v, comparator));
}

function matchesComparator(v, comparator) {
  const m = /^(\^|~|=|>=|<=|>|<)?\s*(\*|[xX]|\d+)(?:\.(\*|[xX]|\d+))?(?:\.(\*|[xX]|\d+))?(?:-([0-9A-Za-z.-]+))?$/.exec(comparator);
  if (!m) throw new Error(`unsupported requirement: ${comparator}`);
  const op = m[1] ?? '^';
  const part = (s) => (s === undefined || /^[*xX]$/.test(s) ? undefined : Number(s));
  const [M, mi, p] = [part(m[2]), part(m[3]), part(m[4])];
  const pre = m[5] ? `-${m[5]}` : '';
  const cmp = (w) => compareVersions(v, w);
  // A wildcard or a missing part, whatever the operator but < > <= >=, means
  // "any value of it".
  if (M === undefined) return true;
  const lower = `${M}.${mi ?? 0}.${p ?? 0}${pre}`;
  switch (op) {
    case '=':
      if (mi === undefined) return v.major === M;
      if (p === undefined) return v.major === M && v.minor === mi;
      return cmp(lower) === 0;
    case '>':
      if (mi === undefined) return v.major > M;
      if (p === undefined) return v.major > M || (v.major === M && v.minor > mi);
      return cmp(lower) > 0;
    case '>=':
      return cmp(lower) >= 0;
    case '<':
      return cmp(lower) < 0;
    case '<=':
      if (mi === undefined) return v.major <= M;
      if (p === undefined) return v.major < M || (v.major === M && v.minor <= mi);
      return cmp(lower) <= 0;
    case '~': {
      const upper = mi === undefined ? `${M + 1}.0.0` : `${M}.${mi + 1}.0`;
      return cmp(lower) >= 0 && cmp(`${upper}-0`) < 0;
    }
    default: {
      // Caret (and a bare version): the leftmost non-zero part stays.
      let upper;
      if (M > 0 || mi === undefined) upper = `${M + 1}.0.0`;
      else if (mi > 0 || p === undefined) upper = `0.${mi + 1}.0`;
      else upper = `0.0.${p + 1}`;
      return cmp(lower) >= 0 && cmp(`${upper}-0`) < 0;
    }
  }
}

// ---------------------------------------------------------------------------
// npm

// `npm outdated --json` → [{name, current, wanted, latest, location}], sorted
// by name. A package found in several places (workspaces) is an array there;
// each place becomes a row. A JSON `error` (npm could not ask the registry)
// throws, with npm's summary.
export function parseNpmOutdated(text) {
  const data = JSON.parse(text.trim() || '{}');
  if (data && typeof data.error === 'object') {
    throw Object.assign(new Error([data.error.code, data.error.summary].filter(Boolean).join(': ')), { fromNpm: true });
  }
  const rows = [];
  for (const [name, value] of Object.entries(data)) {
    for (const entry of Array.isArray(value) ? value : [value]) {
      rows.push({
        name,
        current: entry.current ?? null,
        wanted: entry.wanted ?? null,
        latest: entry.latest ?? null,
        location: entry.location ?? null,
      });
    }
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------
// Cargo.lock

// Its [[package]] entries: {name, version, source, dependencies} (source is
// null for the workspace's own crates; dependencies as written: "name",
// "name version" or "name version (source)").
export function parseCargoLock(text) {
  const packages = [];
  let current = null;
  let inDependencies = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '[[package]]') {
      current = { name: null, version: null, source: null, dependencies: [] };
      packages.push(current);
      inDependencies = false;
      continue;
    }
    if (/^\[/.test(line)) {
      // Another table ([metadata], [[patch.unused]]): not a package.
      current = null;
      inDependencies = false;
      continue;
    }
    if (!current) continue;
    if (inDependencies) {
      if (line.startsWith(']')) inDependencies = false;
      else {
        const dep = /^"([^"]+)",?$/.exec(line);
        if (dep) current.dependencies.push(dep[1]);
      }
      continue;
    }
    const kv = /^([A-Za-z_-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv;
    if (key === 'dependencies') {
      // `dependencies = [` alone on its line, or all of it on one line.
      const inline = /^\[(.*)\]$/.exec(value);
      if (inline) current.dependencies.push(...[...inline[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]));
      else inDependencies = true;
    } else if (key === 'name' || key === 'version' || key === 'source') {
      const str = /^"(.*)"$/.exec(value);
      if (str) current[key] = str[1];
    }
  }
  return packages;
}

// The version of `dep` locked for the workspace crate `member`: the one its
// own entry names ("dep 1.2.3" when several versions are locked), else the
// only one the lock file has. null when it cannot tell.
export function lockedVersion(packages, member, dep) {
  const own = packages.find((p) => p.name === member && p.source === null);
  const ref = own?.dependencies.map((d) => d.split(' ')).find(([name]) => name === dep);
  if (ref?.[1]) return ref[1];
  const all = packages.filter((p) => p.name === dep);
  return all.length === 1 ? all[0].version : null;
}

// ---------------------------------------------------------------------------
// Registries

// The sparse index's path of a crate: 1/a, 2/ab, 3/a/abc, ab/cd/abcd...
export function sparseIndexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

// The sparse index's file (one JSON object per line and release) →
// [{version, yanked}].
export function parseSparseIndex(text) {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line))
    .map((entry) => ({ version: entry.vers, yanked: Boolean(entry.yanked) }));
}

// The newest release that is neither yanked nor a pre-release (and, with a
// requirement, that the requirement allows), or null.
export function newestStable(releases, requirement) {
  let best = null;
  for (const { version, yanked, prerelease } of releases) {
    if (yanked || prerelease || isPrerelease(version)) continue;
    if (requirement && !matchesRequirement(version, requirement)) continue;
    if (!best || compareVersions(version, best) > 0) best = version;
  }
  return best;
}

// PyPI's JSON API (/pypi/<name>/json) → [{version, yanked, prerelease}]: a
// release is yanked when every file of it is (or it has none); anything but
// a plain final release (PEP 440 a, b, rc, dev, post, or more than three
// parts) is left out as a pre-release.
export function parsePypiReleases(json) {
  return Object.entries(json.releases ?? {}).map(([version, files]) => ({
    version,
    yanked: !files.length || files.every((f) => f.yanked),
    prerelease: !/^\d+(\.\d+){0,2}$/.test(version),
  }));
}

// `VAR := value` (or =, ?=, ::=) in a makefile's text, or null.
export function makeVariable(text, name) {
  const m = new RegExp(`^\\s*${name}\\s*(?::{1,2}|\\?)?=\\s*(\\S+)\\s*$`, 'm').exec(text);
  return m ? m[1] : null;
}

// ---------------------------------------------------------------------------
// Output

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------
// The checks (network, processes)

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, error, stdout, stderr });
    });
  });
}

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { 'user-agent': 'apropos-worker make outdated' } });
  return response;
}

function reason(error) {
  const cause = error?.cause?.code || error?.cause?.message;
  return [error?.message, cause].filter(Boolean).join(': ');
}

// At most `limit` promises of `items.map(fn)` at once.
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

// A crate's releases: {releases, via} or {error}. The sparse index first: it
// says which releases are yanked. When it cannot be reached (not when it
// says the crate does not exist), `cargo search`, whose one version is the
// newest crates.io knows, yanked or not visible.
async function crateReleases(name) {
  const url = `${CRATES_INDEX}/${sparseIndexPath(name)}`;
  let indexError;
  try {
    const response = await get(url);
    if (response.ok) return { releases: parseSparseIndex(await response.text()), via: 'index' };
    if (response.status === 404) return { error: `not on crates.io (${url}: 404)` };
    indexError = `${url}: HTTP ${response.status}`;
  } catch (error) {
    indexError = `${url}: ${reason(error)}`;
  }
  const searched = await run('cargo', ['search', name, '--limit', '1', '--color', 'never'], { timeout: 60_000 });
  const m = /^(\S+)\s*=\s*"([^"]+)"/.exec(searched.stdout);
  if (searched.code === 0 && m && m[1] === name) return { releases: [{ version: m[2], yanked: false }], via: 'cargo search' };
  const why = searched.code === 0 ? `no crate named ${name} in its answer` : searched.stderr.trim().split('\n')[0];
  return { error: `sparse index unreachable (${indexError}); cargo search failed (${why})` };
}

// What npm's `latest` tag is for a package: {version, node (its
// engines.node), workerd (wrangler's own)} or {error}.
async function npmLatestTag(name) {
  const fields = ['version', 'engines', ...(name === 'wrangler' ? ['dependencies.workerd'] : [])];
  const result = await run('npm', ['view', `${name}@latest`, ...fields, '--json'], { timeout: 60_000 });
  try {
    if (result.code !== 0) throw new Error(result.stderr.trim().split('\n')[0] || `exit ${result.code}`);
    const data = JSON.parse(result.stdout);
    // A single field comes back as its bare value.
    if (typeof data === 'string') return { version: data, node: null };
    return { version: data.version, node: data.engines?.node ?? null, workerd: data['dependencies.workerd'] ?? null };
  } catch (error) {
    return { error: error.message };
  }
}

async function installedVersion(name) {
  return readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')
    .then((text) => JSON.parse(text).version ?? null)
    .catch(() => null);
}

async function checkNpm(problems) {
  console.log('npm (package.json)');
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  const all = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort();
  const [result, tags] = await Promise.all([
    run('npm', ['outdated', '--json']),
    mapLimit(all, 4, async (name) => [name, await npmLatestTag(name)]).then((pairs) => new Map(pairs)),
  ]);
  // npm outdated exits 1 when something is outdated: a normal answer. When
  // it cannot reach the registry it exits 1 too, with an `error` in its JSON
  // (parseNpmOutdated throws it).
  let rows;
  try {
    if (result.code !== 0 && result.code !== 1) throw new Error(`exit ${result.code}`);
    rows = parseNpmOutdated(result.stdout);
  } catch (error) {
    const npmSaid = result.stderr.trim().split('\n').filter((l) => !/^npm error\s+at /.test(l)).slice(0, 2).join(' ');
    problems.push(`npm: could not run npm outdated: ${error.message}${npmSaid && !error.fromNpm ? ` (${npmSaid})` : ''}`);
    console.log('  not checked (see below)');
    return;
  }
  const outdated = new Map(rows.map((r) => [r.name, r]));
  const lines = [];
  for (const row of rows) {
    if (!row.current) {
      lines.push([row.name, 'not installed', row.wanted, row.latest, 'run npm ci']);
      continue;
    }
    const distance = behind(row.current, row.latest);
    if (distance.kind !== 'same' && distance.kind !== 'ahead') lines.push([row.name, row.current, row.wanted, row.latest, distance.label]);
  }
  if (lines.length) console.log(indent(table(['package', 'current', 'wanted', 'latest', 'behind'], lines)));

  // npm outdated's `latest` is the newest release whose engines.node this
  // Node satisfies: a newer one under npm's latest tag, for a newer Node, it
  // does not show. Those, from `npm view <name>@latest`.
  const heldBack = [];
  const notes = [];
  for (const name of all) {
    const tag = tags.get(name);
    if (tag.error) {
      problems.push(`npm: ${name}: could not read its latest tag (npm view): ${tag.error}`);
      continue;
    }
    const current = outdated.get(name)?.current ?? (await installedVersion(name));
    const here = outdated.get(name)?.latest ?? current;
    if (!current || !parseVersion(tag.version) || !parseVersion(here)) continue;
    if (compareVersions(tag.version, current) > 0 && compareVersions(tag.version, here) > 0) {
      heldBack.push([name, current, here, tag.version, tag.node ?? '-', behind(current, tag.version).label]);
    } else if (compareVersions(current, here) > 0) {
      notes.push(
        `  ${name} ${current} is newer than the newest release for Node ${process.versions.node} (${here}): ` +
          `it declares node ${tag.node ?? '?'}, and is installed all the same (npm warns EBADENGINE)`,
      );
    }
  }
  if (heldBack.length) {
    console.log(`  needing a newer Node than this one (${process.versions.node}), so npm outdated leaves them out:`);
    console.log(indent(table(['package', 'current', 'newest here', 'latest tag', 'its engines.node', 'behind'], heldBack)));
  }
  const listed = new Set([...lines, ...heldBack].map((l) => l[0]));
  console.log(`  up to date: ${all.filter((n) => !listed.has(n)).join(', ') || 'none'}`);
  for (const note of notes) console.log(note);

  // wrangler runs one workerd, which package.json pins beside it; workerd's
  // date bounds wrangler.toml's compatibility_date.
  const wrangler = await readFile(path.join(ROOT, 'node_modules/wrangler/package.json'), 'utf8').then(JSON.parse, () => null);
  const workerdInstalled = await installedVersion('workerd');
  const wranglerTag = tags.get('wrangler');
  if (wrangler?.dependencies?.workerd && workerdInstalled) {
    const agree = wrangler.dependencies.workerd === workerdInstalled ? 'the same' : 'NOT the same: align them';
    let line = `  wrangler ${wrangler.version} runs workerd ${wrangler.dependencies.workerd}; package.json's is ${workerdInstalled} (${agree})`;
    if (wranglerTag?.workerd && wranglerTag.version !== wrangler.version) {
      line += `; wrangler ${wranglerTag.version} runs workerd ${wranglerTag.workerd}: move the two together`;
    }
    console.log(line);
  }
  const workerdLatest = outdated.get('workerd')?.latest ?? tags.get('workerd')?.version;
  if (workerdInstalled && versionDate(workerdInstalled)) {
    const toml = await readFile(path.join(ROOT, 'wrangler.toml'), 'utf8').catch(() => '');
    const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
    let line = `  wrangler.toml's compatibility_date is ${date ?? '(not found)'}: at most the installed workerd's date, ${versionDate(workerdInstalled)}`;
    if (workerdLatest && versionDate(workerdLatest) && workerdLatest !== workerdInstalled) {
      line += ` (with workerd ${workerdLatest}: ${versionDate(workerdLatest)})`;
    }
    console.log(line);
  }
}

// Each manifest's direct registry dependencies, with the version its
// workspace's Cargo.lock has: [{name, requirement, kinds, manifest, locked}].
async function cargoDependencies(problems) {
  const deps = [];
  const locks = new Map();
  for (const manifest of MANIFESTS) {
    const manifestPath = path.join(ROOT, manifest);
    const result = await run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', manifestPath]);
    if (result.code !== 0) {
      problems.push(`Cargo: could not read ${manifest}: ${result.stderr.trim().split('\n')[0]}`);
      continue;
    }
    const metadata = JSON.parse(result.stdout);
    const pkg = metadata.packages.find((p) => path.resolve(p.manifest_path) === manifestPath);
    if (!pkg) {
      problems.push(`Cargo: cargo metadata did not list the package of ${manifest}`);
      continue;
    }
    const lockPath = path.join(metadata.workspace_root, 'Cargo.lock');
    if (!locks.has(lockPath)) {
      locks.set(lockPath, await readFile(lockPath, 'utf8').then(parseCargoLock, () => null));
    }
    const lock = locks.get(lockPath);
    if (!lock) {
      problems.push(`Cargo: no ${path.relative(ROOT, lockPath)} for ${manifest}`);
      continue;
    }
    const byName = new Map();
    for (const d of pkg.dependencies) {
      if (!d.source?.startsWith('registry+')) continue; // path and git dependencies
      const entry = byName.get(d.name) ?? { name: d.name, requirements: new Set(), kinds: new Set() };
      entry.requirements.add(d.req);
      entry.kinds.add(d.kind ?? 'normal');
      byName.set(d.name, entry);
    }
    for (const entry of byName.values()) {
      const locked = lockedVersion(lock, pkg.name, entry.name);
      if (!locked) problems.push(`Cargo: ${manifest}: ${entry.name} is not in ${path.relative(ROOT, lockPath)}`);
      deps.push({
        name: entry.name,
        requirement: [...entry.requirements].join(', '),
        kinds: [...entry.kinds],
        manifest: path.dirname(manifest),
        lock: path.relative(ROOT, lockPath),
        locked,
      });
    }
  }
  return { deps, locks };
}

async function checkCargoAndTools(problems) {
  const { deps, locks } = await cargoDependencies(problems);
  const makefiles = await Promise.all(
    ['Makefile', 'mk/reliability.mk'].map((f) => readFile(path.join(ROOT, f), 'utf8').catch(() => '')),
  );
  const makeText = makefiles.join('\n');
  const rootLock = locks.get(path.join(ROOT, 'Cargo.lock'));
  const wasmBindgen = rootLock ? lockedVersion(rootLock, 'apropos-worker', 'wasm-bindgen') : null;
  const tools = [
    { name: 'worker-build', crate: 'worker-build', pinned: makeVariable(makeText, 'WORKER_BUILD_VERSION'), where: 'Makefile WORKER_BUILD_VERSION' },
    { name: 'wasm-bindgen-cli', crate: 'wasm-bindgen-cli', pinned: wasmBindgen, where: "Cargo.lock's wasm-bindgen" },
    { name: 'cargo-fuzz', crate: 'cargo-fuzz', pinned: makeVariable(makeText, 'CARGO_FUZZ_VERSION'), where: 'mk/reliability.mk CARGO_FUZZ_VERSION' },
  ];
  for (const t of tools) if (!t.pinned) problems.push(`tools: could not find the version of ${t.name} (${t.where})`);

  const names = [...new Set([...deps.map((d) => d.name), ...tools.map((t) => t.crate)])].sort();
  const answers = new Map(
    await mapLimit(names, 6, async (name) => [name, await crateReleases(name)]),
  );
  const via = { index: 0, 'cargo search': 0 };
  for (const a of answers.values()) if (a.via) via[a.via]++;

  // One row per crate and locked version; the manifests that share it in
  // one column.
  const rows = new Map();
  for (const d of deps) {
    const key = `${d.name} ${d.locked} ${d.requirement}`;
    const row = rows.get(key) ?? { ...d, manifests: [] };
    row.manifests.push(d.manifest);
    rows.set(key, row);
  }
  const lines = [];
  const upToDate = new Set();
  for (const row of [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const answer = answers.get(row.name);
    if (answer.error) {
      problems.push(`Cargo: ${row.name}: ${answer.error}`);
      continue;
    }
    if (!row.locked) continue;
    const latest = newestStable(answer.releases);
    if (!latest) {
      problems.push(`Cargo: ${row.name}: no release that is neither yanked nor a pre-release`);
      continue;
    }
    const distance = behind(row.locked, latest);
    if (distance.kind === 'same' || distance.kind === 'ahead') {
      upToDate.add(row.name);
      continue;
    }
    let compatible;
    try {
      compatible = newestStable(answer.releases, row.requirement) ?? '-';
    } catch {
      compatible = '?';
    }
    lines.push([row.name, row.manifests.join(' '), row.requirement, row.locked, compatible, latest, distance.label]);
  }
  const source =
    via.index + via['cargo search'] === 0
      ? 'nowhere: neither the sparse index nor cargo search answered'
      : via['cargo search'] === 0
        ? `the sparse index, ${CRATES_INDEX}`
        : `the sparse index for ${via.index} crates, cargo search for ${via['cargo search']} (yanked releases not visible there)`;
  console.log(`\nCargo (direct dependencies; latest from ${source})`);
  if (lines.length) {
    console.log(indent(table(['crate', 'in', 'requirement', 'locked', 'compatible', 'latest', 'behind'], lines)));
    console.log('  (compatible: the newest release the requirement allows, where `cargo update -p <crate>` goes; past it, edit Cargo.toml)');
  }
  if (upToDate.size || lines.length) {
    console.log(`  up to date: ${[...upToDate].filter((n) => !lines.some((l) => l[0] === n)).join(', ') || 'none'}`);
  }

  // The locks of the three workspaces should agree on wasm-bindgen: the
  // worker and bench/hello are built by the same wasm-bindgen-cli, and the
  // fuzz workspace locks it through the worker crate.
  const wb = [...locks.entries()]
    .filter(([, lock]) => lock)
    .map(([file, lock]) => [path.relative(ROOT, file), lock.filter((p) => p.name === 'wasm-bindgen').map((p) => p.version)])
    .filter(([, versions]) => versions.length);
  const distinct = new Set(wb.flatMap(([, v]) => v));
  if (distinct.size > 1) {
    console.log(
      `  wasm-bindgen differs between the lock files, which one wasm-bindgen-cli serves: ${wb.map(([f, v]) => `${f} ${v.join('/')}`).join(', ')}` +
        ' (cargo update -p wasm-bindgen in each workspace)',
    );
  }

  // Pinned tools.
  const toolLines = [];
  for (const t of tools) {
    const answer = answers.get(t.crate);
    if (!t.pinned) continue;
    if (answer.error) {
      problems.push(`tools: ${t.name}: ${answer.error}`);
      continue;
    }
    const latest = newestStable(answer.releases);
    toolLines.push([t.name, t.where, t.pinned, latest ?? '?', latest ? behind(t.pinned, latest).label : '?']);
  }
  const redbot = makeVariable(makeText, 'REDBOT_VERSION');
  if (!redbot) problems.push('tools: could not find REDBOT_VERSION in the Makefile');
  else {
    const url = `${PYPI}/pypi/redbot/json`;
    try {
      const response = await get(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const latest = newestStable(parsePypiReleases(await response.json()));
      toolLines.push(['REDbot', 'Makefile REDBOT_VERSION', redbot, latest ?? '?', latest ? behind(redbot, latest).label : '?']);
    } catch (error) {
      problems.push(`tools: REDbot: could not reach PyPI (${url}): ${reason(error)}`);
    }
  }
  console.log('\nPinned tools');
  if (toolLines.length) console.log(indent(table(['tool', 'pinned in', 'pinned', 'latest', 'behind'], toolLines)));
  if (wasmBindgen) {
    console.log('  (wasm-bindgen-cli follows Cargo.lock: move the `=` pin of wasm-bindgen in Cargo.toml and bench/hello/Cargo.toml)');
  }
}

function indent(text) {
  return text.replace(/^/gm, '  ');
}

async function main() {
  const problems = [];
  await checkNpm(problems);
  await checkCargoAndTools(problems);
  if (problems.length) {
    console.log('\nCould not check:');
    for (const p of new Set(problems)) console.log(`  ${p}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`outdated: ${error.stack || error}`);
    process.exitCode = 2;
  });
}
