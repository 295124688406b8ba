// What the worker ships: the wasm raw and gzipped, and wrangler's own upload
// figures for the bundle in build/.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtModules, ROOT } from '../tests/e2e/worker.mjs';

/** The built wasm's size in bytes, raw and gzip -9. */
export function wasmSizes() {
  const wasm = readFileSync(builtModules().find((m) => m.kind === 'wasm').path);
  return { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
}

/**
 * wrangler's "Total Upload: … KiB / gzip: … KiB" for build/ as it is: a dry
 * run from a copy of wrangler.toml without its [build] command, so nothing is
 * rebuilt between what was measured and what is reported. The copy lives in a
 * temporary directory, so its relative paths (`[assets] directory`) are made
 * absolute: wrangler refuses a configuration whose assets directory is
 * missing. The static assets are uploaded apart from the worker and are not
 * in this figure.
 */
export function wranglerUpload() {
  const dir = mkdtempSync(join(tmpdir(), 'apropos-wrangler-'));
  try {
    const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
    const copy = withAbsoluteAssets(withoutBuild(toml)).replace(/^main\s*=.*$/m, `main = ${JSON.stringify(join(ROOT, 'build', 'index.js'))}`);
    writeFileSync(join(dir, 'wrangler.toml'), copy);
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--env=', '--outdir', join(dir, 'dist'), '-c', join(dir, 'wrangler.toml')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const match = out.match(/Total Upload: ([\d.]+ \w+) \/ gzip: ([\d.]+ \w+)/);
    if (!match) throw new Error(`no "Total Upload" in wrangler's output:\n${out}`);
    return { total: match[1], gzip: match[2] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `toml` without its [build] table (and its sub-tables). */
function withoutBuild(toml) {
  let skipping = false;
  return toml
    .split('\n')
    .filter((line) => {
      const table = line.match(/^\s*\[+\s*([^\]\s]+)/);
      if (table) skipping = table[1] === 'build' || table[1].startsWith('build.');
      return !skipping;
    })
    .join('\n');
}

/** `toml` with the `directory` of its [assets] table (relative to the repository) made absolute. */
function withAbsoluteAssets(toml) {
  let inAssets = false;
  return toml
    .split('\n')
    .map((line) => {
      const table = line.match(/^\s*\[+\s*([^\]\s]+)/);
      if (table) inAssets = table[1] === 'assets';
      const directory = inAssets && line.match(/^(\s*directory\s*=\s*)"([^"]*)"/);
      return directory ? `${directory[1]}${JSON.stringify(resolve(ROOT, directory[2]))}` : line;
    })
    .join('\n');
}
