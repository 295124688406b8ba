// The environments of wrangler.toml as wrangler resolves them, and as the
// README's Deploying table describes them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { LANGS } from '../smoke/site.mjs';
import { ROOT } from '../e2e/worker.mjs';

/** The environments: `''` is the top level. */
export const ENVIRONMENTS = ['', 'staging', 'production'];

/**
 * The configuration wrangler deploys for `env`, inheritance applied; from
 * wrangler.toml, or the file `config`. Throws on the errors wrangler finds
 * (the dry runs fail on its warnings).
 */
export function resolvedConfig(env, { config = join(ROOT, 'wrangler.toml'), hideWarnings = false } = {}) {
  // As plain data: wrangler builds the TOML's tables as objects without a
  // prototype, which assert.deepEqual would tell apart from the literals the
  // tests compare them with.
  return JSON.parse(JSON.stringify(unstable_readConfig({ config, env: env || undefined }, { hideWarnings })));
}

/**
 * The README's Deploying table, by environment (`''` for the top level):
 * `{ vars, workersDev, routes, zone }`. The table has a column per
 * environment and a row per var (`vars`), and a first row `deploys to`:
 * whether it deploys to workers.dev, the zone it deploys to, if any, and the
 * route paths it lists there (`/{lang}/…` once for each language).
 */
export function readmeEnvironments() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Deploying$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
  if (rows.length < 2 || rows[0][0] !== 'environment') throw new Error('no environment table in the Deploying section of README.md');
  const [header, ...body] = rows;
  const code = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const environments = {};
  header.slice(1).forEach((name, i) => {
    const env = name === 'top level' ? '' : code(name)[0];
    const vars = {};
    let where = [];
    for (const cells of body) {
      const cell = cells[i + 1] ?? '';
      if (cells[0] === 'deploys to') where = code(cell);
      const varName = code(cells[0])[0];
      if (varName && /^[A-Z_]+$/.test(varName)) vars[varName] = code(cell)[0];
    }
    const host = where.find((w) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(w) && !w.endsWith('.workers.dev'));
    const paths = where.filter((w) => w.startsWith('/'));
    const routes = host ? paths.flatMap((path) => (path.includes('{lang}') ? LANGS.map((lang) => path.replace('{lang}', lang)) : [path])).map((path) => `${host}${path}`) : [];
    environments[env] = { vars, workersDev: where.some((w) => w.includes('.workers.dev')), routes, zone: host };
  });
  return environments;
}
