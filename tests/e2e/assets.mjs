// The page's static assets as the tests see them: the manifest the asset
// build writes (dist/assets.json, scripts/assets/build.mjs), the files
// themselves (dist/public/_assets/), and what a document and a stylesheet
// link to, read from the served bytes. Shared by the assets suite, the cache
// replay (tests/cache/replay.mjs), the smoke test and the budgets
// (tests/weight/).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ROOT } from './worker.mjs';

/** The manifest of the assets `make build` writes. */
export const ASSETS_JSON = join(ROOT, 'dist', 'assets.json');
/** The directory Workers Static Assets serves (`[assets] directory`). */
export const PUBLIC_DIR = join(ROOT, 'dist', 'public');
/** Where every asset lives, by the manifest's `prefix`. */
export const PREFIX = '/_assets/';

/**
 * dist/assets.json, parsed: `{ prefix, cacheControl, css, js, fonts: [{ file,
 * weight, preload, path }], icon: { svg, ico, apple, manifest }, og: { page:
 * { lang: path } }, files: [{ path, type, bytes, gzip }] }`.
 */
export function readAssets() {
  if (!existsSync(ASSETS_JSON)) throw new Error(`${ASSETS_JSON} is missing: run \`make build\` first`);
  return JSON.parse(readFileSync(ASSETS_JSON, 'utf8'));
}

/** The bytes of the asset at URL path `path` (`/_assets/…`), as built. */
export function assetBytes(path) {
  return readFileSync(join(PUBLIC_DIR, ...path.split('/').filter(Boolean)));
}

/** `body` decoded from `coding` (a Content-Encoding value, or none). */
export function decodeBody(body, coding) {
  if (!coding || coding === 'identity') return body;
  if (coding === 'gzip') return gunzipSync(body);
  if (coding === 'br') return brotliDecompressSync(body);
  throw new Error(`unexpected Content-Encoding ${coding}`);
}

/** The attributes of an HTML start tag's source `tag` (`<link …>`), names lowercase, character references decoded. */
function attributes(tag) {
  const out = {};
  for (const [, name, , double, single, bare] of tag.matchAll(/([^\s"'<>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    if (name.startsWith('<')) continue;
    out[name.toLowerCase()] = (double ?? single ?? bare ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  }
  return out;
}

/**
 * What the HTML document `html` links to for its own use, in document order:
 * `{ kind, url }` with kind `stylesheet`, `script` (src of a <script>),
 * `preload` (`as` in `as`), `icon` (with its `type`), `apple-touch-icon`,
 * `manifest`, `og:image`. URLs as written (relative or absolute).
 */
export function documentLinks(html) {
  const head = html.split(/<\/head>/i)[0];
  const links = [];
  for (const [tag] of head.matchAll(/<(?:link|script|meta)\b[^>]*>/gi)) {
    const a = attributes(tag.slice(1, -1).replace(/^(link|script|meta)\b/i, ''));
    const element = tag.slice(1).split(/[\s>]/)[0].toLowerCase();
    if (element === 'script' && a.src) links.push({ kind: 'script', url: a.src, type: a.type });
    if (element === 'meta' && a.property === 'og:image') links.push({ kind: 'og:image', url: a.content });
    if (element !== 'link' || !a.href) continue;
    const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('stylesheet')) links.push({ kind: 'stylesheet', url: a.href });
    else if (rels.includes('preload')) links.push({ kind: 'preload', url: a.href, as: a.as, crossorigin: 'crossorigin' in a });
    else if (rels.includes('icon')) links.push({ kind: 'icon', url: a.href, type: a.type });
    else if (rels.includes('apple-touch-icon')) links.push({ kind: 'apple-touch-icon', url: a.href });
    else if (rels.includes('manifest')) links.push({ kind: 'manifest', url: a.href });
  }
  return links;
}

/** Every `url(…)` of the stylesheet `css` that is not a `data:` URL, in order, each once. */
export function cssUrls(css) {
  const urls = [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return [...new Set(urls.filter((url) => !/^data:/i.test(url)))];
}

/** The `src` of every icon of the web manifest `text`. */
export function manifestIcons(text) {
  return (JSON.parse(text).icons ?? []).map((icon) => icon.src);
}

/** The path (and query) of `url` resolved against `base` (a page's URL). */
export function pathOf(url, base = 'https://beta.gouv.fr/') {
  const resolved = new URL(url, base);
  return resolved.pathname + resolved.search;
}

/**
 * What a browser loads on a first visit to a page, beside the document: its
 * `{ path, dest }` (`dest` the Sec-Fetch-Dest of the request), each once, in
 * the order a browser asks for them. From the document `html`: the
 * stylesheet, the script, the preloaded faces, the SVG favicon; then, once
 * the stylesheet `css` (its decoded text) is read, the faces it declares
 * that the page uses (`fonts`, dist/assets.json's list) and the icons it
 * draws with (every SVG it refers to under /_assets/: an upper bound, since
 * some are drawn only at some widths or states). Not the manifest, the
 * apple-touch-icon, the .ico or the Open Graph image: a visit does not load
 * them. `css` may be omitted for the first part alone.
 */
export function firstVisitLoads(html, { css, fonts = readAssets().fonts, base } = {}) {
  const loads = [];
  const add = (url, dest) => {
    const path = pathOf(url, base);
    if (!loads.some((l) => l.path === path)) loads.push({ path, dest });
  };
  for (const link of documentLinks(html)) {
    if (link.kind === 'stylesheet') add(link.url, 'style');
    else if (link.kind === 'script') add(link.url, 'script');
    else if (link.kind === 'preload' && link.as === 'font') add(link.url, 'font');
    else if (link.kind === 'icon' && link.type === 'image/svg+xml') add(link.url, 'image');
  }
  if (css !== undefined) {
    const referred = cssUrls(css).map((url) => pathOf(url, base));
    for (const font of fonts) {
      if (!referred.includes(font.path)) throw new Error(`the stylesheet does not declare ${font.path} (${font.file})`);
      add(font.path, 'font');
    }
    for (const path of referred) if (path.startsWith(PREFIX) && path.endsWith('.svg')) add(path, 'image');
  }
  return loads;
}
