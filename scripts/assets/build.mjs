// The page's static assets, assembled at build time from the published
// State design system (@gouvfr/dsfr, in node_modules: nothing of it is
// committed) and from content/:
//
//   dist/public/_assets/<name>.<hash>.<ext>   every asset, under a URL that
//                                             changes when its bytes do
//   dist/public/_headers                      their headers on Workers Static Assets
//   dist/assets.json                          the manifest build.rs reads: what
//                                             the HTML links to, and every path
//
// - the stylesheet: the CSS of the DSFR components the page uses (COMPONENTS),
//   trimmed to the selectors its markup and the DSFR's scripts can match,
//   then the page's own few rules (templates/site.css: none of a component),
//   with only the Marianne faces the page renders (FACES) and a local
//   fallback face per weight whose metrics match Marianne's, so that the swap
//   to Marianne does not move the layout;
// - the script: the DSFR's own modules for the header's menus and modals
//   (SCRIPTS), bundled into one module;
// - the fonts, the icons the stylesheet refers to, the favicons and
//   apple-touch-icon the DSFR ships, a web manifest;
// - an Open Graph image per page and language, with the bloc marque and the
//   page's title (og-image.mjs).
//
// Usage: node scripts/assets/build.mjs [--out dist] [--content content]

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { PurgeCSS } from 'purgecss';
import { fallbackFace } from './fallback-font.mjs';
import { ogImage } from './og-image.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DSFR = join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist');
/** Where the assets are served from: a path the production routes send to the worker. */
export const PREFIX = '/_assets/';

/**
 * The DSFR components the page uses, in the order their READMEs give
 * (each after the ones it depends on): the header (with its search, its
 * language selector and its navigation, shown in a modal on small
 * screens), the skip links and the footer.
 */
export const COMPONENTS = [
  'core',
  'link',
  'button',
  'logo',
  'form',
  'input',
  'search',
  'navigation',
  'modal',
  'translate',
  'skiplink',
  'header',
  'footer',
];

/** The DSFR scripts the header needs: its modals (menu, search) and its menus (navigation, language). */
export const SCRIPTS = ['core', 'modal', 'navigation', 'header'];

/**
 * The Marianne faces the page renders: text, links and buttons (400), the
 * header's navigation (500), headings, the logo and `<strong>` (700), and the
 * bold italic of the content's `**_…_**`; the other faces the DSFR declares
 * are left out. The browser suite checks that the faces loaded are exactly
 * these, each used, none synthesised. Only the text face is preloaded: the
 * first paint's largest text is a paragraph, and every preload competes with
 * the stylesheet for the first round trips.
 */
export const FACES = [
  { file: 'Marianne-Regular', weight: 400, style: 'normal', preload: true },
  { file: 'Marianne-Medium', weight: 500, style: 'normal', preload: false },
  { file: 'Marianne-Bold', weight: 700, style: 'normal', preload: false },
  { file: 'Marianne-Bold_Italic', weight: 700, style: 'italic', preload: false },
];

/** The local faces metric-compatible with Arial, whose metrics the fallback overrides. */
const FALLBACK_LOCAL = ['Arial', 'Liberation Sans', 'Arimo'];
const FALLBACK_FAMILY = 'Marianne fallback';

/**
 * Elements the markdown renderer writes into the page's body (src/render/html.rs),
 * which no template names: the DSFR styles them, so their rules stay.
 */
const BODY_ELEMENTS = ['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'abbr', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br'];

const MEDIA_TYPES = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/vnd.microsoft.icon',
  '.webmanifest': 'application/manifest+json',
};

/** The `Cache-Control` of every asset: its URL changes with its bytes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Builds every asset into `out`; returns the manifest it wrote. */
export async function buildAssets({ out = join(ROOT, 'dist'), content = join(ROOT, 'content') } = {}) {
  // Built aside, then put in place: a build that fails leaves the last one whole.
  const publicDir = join(out, 'public');
  const building = join(out, 'public.building');
  const assetsDir = join(building, PREFIX);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });
  const files = [];
  /** Writes `bytes` as `<stem>.<hash><ext>`; returns its URL path. */
  const emit = (stem, ext, bytes) => {
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const name = `${stem}.${hash}${ext}`;
    writeFileSync(join(assetsDir, name), bytes);
    const path = `${PREFIX}${name}`;
    files.push({ path, type: MEDIA_TYPES[ext], bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    return path;
  };
  /** Copies a file of the DSFR's dist/ once, whatever refers to it. */
  const copied = new Map();
  const copy = (file) => {
    if (!copied.has(file)) {
      const ext = extname(file);
      copied.set(file, emit(basename(file, ext), ext, readFileSync(file)));
    }
    return copied.get(file);
  };

  const fonts = FACES.map((face) => ({ ...face, path: copy(join(DSFR, 'fonts', `${face.file}.woff2`)) }));
  const css = emit('dsfr', '.css', Buffer.from(await stylesheet(fonts, copy)));
  const js = emit('dsfr', '.js', Buffer.from(await script()));

  const icon = {
    svg: copy(join(DSFR, 'favicon', 'favicon.svg')),
    ico: copy(join(DSFR, 'favicon', 'favicon.ico')),
    apple: copy(join(DSFR, 'favicon', 'apple-touch-icon.png')),
  };
  icon.manifest = emit('manifest', '.webmanifest', Buffer.from(webManifest((src) => copy(join(DSFR, 'favicon', src)))));

  const pages = contentPages(content);
  const og = {};
  for (const { slug, lang, title, tagline } of pages) {
    const png = await ogImage({ dsfr: DSFR, title, site: 'beta.gouv.fr', tagline });
    (og[slug] ??= {})[lang] = emit(`og-${slug}-${lang}`, '.png', png);
  }

  writeFileSync(join(building, '_headers'), headersFile());
  rmSync(publicDir, { recursive: true, force: true });
  renameSync(building, publicDir);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const manifest = { prefix: PREFIX, cacheControl: IMMUTABLE, css, js, fonts, icon, og, files };
  // Rewritten only when it changes: cargo rebuilds the worker when it does.
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestFile = join(out, 'assets.json');
  if (!existsSync(manifestFile) || readFileSync(manifestFile, 'utf8') !== json) writeFileSync(manifestFile, json);
  return manifest;
}

/** The stylesheet: the components' CSS, trimmed, its URLs hashed, its faces chosen. */
async function stylesheet(fonts, copy) {
  const sources = COMPONENTS.map((name) => {
    const file = name === 'core' ? join(DSFR, 'core', 'core.min.css') : join(DSFR, 'component', name, `${name}.min.css`);
    // Each file's relative URLs, made absolute (and marked) before the files are joined.
    return readFileSync(file, 'utf8').replace(/url\((?!data:)["']?([^)"']+)["']?\)/g, (_, url) => `url(dsfr:${resolve(dirname(file), url)})`);
  });
  const scripts = SCRIPTS.map((name) => readFileSync(scriptFile(name), 'utf8'));
  // The states the scripts give a component as a modifier class (`fr-modal` +
  // `--` + `opened`): the names of their disclosure states.
  const states = [...new Set(scripts.flatMap((js) => [...js.matchAll(/\bid:"([a-z]+)",ariaState/g)].map((m) => m[1])))];
  const [purged] = await new PurgeCSS().purge({
    content: [
      ...readdirSync(join(ROOT, 'templates'))
        .filter((f) => f.endsWith('.html'))
        .map((f) => ({ raw: readFileSync(join(ROOT, 'templates', f), 'utf8'), extension: 'html' })),
      { raw: BODY_ELEMENTS.map((tag) => `<${tag}></${tag}>`).join(''), extension: 'html' },
      // Classes and attributes the scripts set.
      ...scripts.map((raw) => ({ raw, extension: 'js' })),
    ],
    css: [{ raw: sources.join('\n') }],
    // The scripts build their class and attribute names from the DSFR's prefix
    // at run time (`fr-` + `modal--opened`, `data-fr-` + `js`): each word of
    // theirs stands for itself and for those names.
    // `--align-right` too: the navigation script adds it to an item whose
    // menu would overflow the window, from the pieces `nav__item` and `--align-right`.
    safelist: { greedy: [new RegExp(`--(${[...states, 'align-right'].join('|')})\\b`)] },
    extractors: [{ extensions: ['js'], extractor: (text) => (text.match(/[\w-]+/g) ?? []).flatMap((w) => [w, `fr-${w}`, `data-fr-${w}`]) }],
    keyframes: true,
    variables: true,
  });
  // ASSETS_NO_PURGE=1 keeps every rule: to tell whether a difference of look comes from the trimming.
  let css = process.env.ASSETS_NO_PURGE === '1' ? sources.join('\n') : purged.css;
  // Only the faces of FACES, and a fallback face for each weight.
  css = css.replace(/@font-face\s*{[^}]*}/g, '');
  const faces = fonts.map(
    ({ path, weight, style }) => `@font-face{font-display:swap;font-family:Marianne;font-style:${style};font-weight:${weight};src:url(${path}) format("woff2")}`,
  );
  // One fallback per weight: an italic is slanted from its weight's fallback.
  const fallbacks = fonts
    .filter(({ style }) => style === 'normal')
    .map(({ file, weight }) =>
      fallbackFace({ family: FALLBACK_FAMILY, woff: join(DSFR, 'fonts', `${file}.woff`), local: FALLBACK_LOCAL, weight }),
    );
  css = css.replaceAll('Marianne,arial,sans-serif', `Marianne,"${FALLBACK_FAMILY}",arial,sans-serif`);
  const own = readFileSync(join(ROOT, 'templates', 'site.css'), 'utf8');
  css = [...faces, ...fallbacks, css, own].join('\n');
  // Every file the remaining rules refer to, copied under its hashed URL.
  css = css.replace(/url\(dsfr:([^)]+)\)/g, (_, file) => `url(${copy(file)})`);
  const { code } = await esbuild.transform(css, { loader: 'css', minify: true, legalComments: 'none' });
  return `/*! DSFR v${dsfrVersion()} | SPDX-License-Identifier: Etalab-2.0 | https://github.com/GouvernementFR/dsfr */\n${code}`;
}

/** The DSFR's module script of component `name`. */
function scriptFile(name) {
  return name === 'core' ? join(DSFR, 'core', 'core.module.min.js') : join(DSFR, 'component', name, `${name}.module.min.js`);
}

/** The DSFR's modules of SCRIPTS, in order, as one module. */
async function script() {
  const entry = SCRIPTS.map((name) => `import ${JSON.stringify(scriptFile(name))};`).join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    legalComments: 'eof',
    write: false,
    target: 'es2020',
  });
  return result.outputFiles[0].text;
}

function dsfrVersion() {
  return JSON.parse(readFileSync(join(DSFR, '..', 'package.json'), 'utf8')).version;
}

/** The web manifest: the site's name and the DSFR's icons (as its own manifest lists them). */
function webManifest(copyIcon) {
  const shipped = JSON.parse(readFileSync(join(DSFR, 'favicon', 'manifest.webmanifest'), 'utf8'));
  return `${JSON.stringify(
    {
      name: 'beta.gouv.fr',
      short_name: 'beta.gouv.fr',
      start_url: '/',
      display: 'browser',
      background_color: '#ffffff',
      theme_color: '#000091',
      icons: shipped.icons.map((icon) => ({ ...icon, src: copyIcon(icon.src) })),
    },
    null,
    2,
  )}\n`;
}

/**
 * `_headers` (Workers Static Assets): every asset immutable, never sniffed,
 * and `Vary: Accept-Encoding`, as the platform compresses some of them per
 * request and does not say so itself.
 */
function headersFile() {
  return [
    `${PREFIX}*`,
    `  Cache-Control: ${IMMUTABLE}`,
    '  X-Content-Type-Options: nosniff',
    '  Access-Control-Allow-Origin: *',
    '  Vary: Accept-Encoding',
    '',
  ].join('\n');
}

/**
 * Every page of `dir` in every language, with what its Open Graph image
 * says: the page's title (its front matter's `title`) and the site's tagline
 * in that language (`site.{lang}.yml`). The build of the worker checks these
 * files in full; this reads the two one-line fields it needs, and skips a
 * page without them.
 */
export function contentPages(dir) {
  const field = (text, name) => {
    const line = text.match(new RegExp(`^${name}:[ \\t]*(.+)$`, 'm'))?.[1].trim();
    if (!line) return undefined;
    return /^["']/.test(line) ? JSON.parse(line.startsWith("'") ? `"${line.slice(1, -1).replaceAll("''", "'").replaceAll('"', '\\"')}"` : line) : line;
  };
  const pages = [];
  for (const file of readdirSync(dir).sort()) {
    const match = file.match(/^([a-z0-9-]+)\.([a-z]{2,3})\.md$/);
    if (!match) continue;
    const [, slug, lang] = match;
    const front = readFileSync(join(dir, file), 'utf8').split(/^---\s*$/m)[1] ?? '';
    const site = readFileSync(join(dir, `site.${lang}.yml`), 'utf8');
    const title = field(front, 'title');
    const tagline = field(site, 'tagline');
    // The worker's build checks the content and names the file and the field
    // that is wrong; a page without these gets no image here, and that build fails.
    if (!title || !tagline) {
      console.warn(`assets: no Open Graph image for content/${file} (no title, or no tagline in content/site.${lang}.yml)`);
      continue;
    }
    pages.push({ slug, lang, title, tagline });
  }
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, content: { type: 'string' } } });
  const manifest = await buildAssets({
    out: values.out ? resolve(values.out) : undefined,
    content: values.content ? resolve(values.content) : undefined,
  });
  const total = manifest.files.reduce((sum, f) => sum + f.gzip, 0);
  console.log(`assets: ${manifest.files.length} files, ${(total / 1024).toFixed(1)} KiB gzip -9 in all`);
}
