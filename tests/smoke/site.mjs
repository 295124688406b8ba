// The site the tests test, read from its content as the worker's build reads
// it (CONTENT_DIR, or content/): its pages, its languages, its home page, and
// every URL of each page with what it answers. Shared by the smoke test
// (tests/smoke/), the production routes' test (tests/deploy/), the e2e suite
// and the cache mix, so that none of them has a list of its own: the fixture
// site (tests/fixtures/site) runs through them as the shipped one does.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The content directory of the site under test. */
export const CONTENT_DIR = resolve(ROOT, process.env.CONTENT_DIR || 'content');

/** The language every page is written in first, and the default. */
export const DEFAULT_LANG = 'fr';

const files = readdirSync(CONTENT_DIR);
const bySource = (a, b) => (a === DEFAULT_LANG ? -1 : b === DEFAULT_LANG ? 1 : a.localeCompare(b));

/** The languages: one per `site.{lang}.yml`, the default first, then by tag (the worker's order). */
export const LANGS = files
  .map((file) => file.match(/^site\.([a-z]+)\.yml$/)?.[1])
  .filter(Boolean)
  .sort(bySource);

/** The pages, by slug: one per `{slug}.{DEFAULT_LANG}.md`, sorted (the worker's order). */
export const PAGES = files
  .map((file) => file.match(new RegExp(`^([a-z0-9-]+)\\.${DEFAULT_LANG}\\.md$`))?.[1])
  .filter(Boolean)
  .sort();

/**
 * What the front matter of `page`'s files says of `key` (`kind`, `home`): the
 * first file's that says it (the build makes them agree), or undefined.
 */
function pageSetting(page, key) {
  for (const lang of LANGS) {
    const front = readFileSync(join(CONTENT_DIR, `${page}.${lang}.md`), 'utf8').match(/^---\n([\s\S]*?)\n---\n/)?.[1] ?? '';
    const value = front.match(new RegExp(`^${key}:\\s*(\\S+)\\s*$`, 'm'))?.[1];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The home page, where `/` leads: the one whose front matter says `home: true`, or the first. */
export const HOME = PAGES.find((page) => pageSetting(page, 'home') === 'true') ?? PAGES[0];

/** The schema.org type `page`'s front matter gives it (`kind`), `WebPage` when none does. */
export const pageKind = (page) => pageSetting(page, 'kind') ?? 'WebPage';

/** The formats, by extension: the media type and the full `Content-Type`. */
export const FORMATS = [
  { ext: 'html', media: 'text/html', type: 'text/html; charset=utf-8' },
  { ext: 'json', media: 'application/json', type: 'application/json' },
  { ext: 'txt', media: 'text/plain', type: 'text/plain; charset=utf-8' },
  { ext: 'md', media: 'text/markdown', type: 'text/markdown; charset=utf-8' },
];

/** The path of `page` in `lang`, or the one that negotiates the language. */
export const pagePath = (page, lang) => (lang ? `/${lang}/${page}/` : `/${page}/`);

/** Each page's explicit URL in each variant, with its page, language and format. */
export const VARIANTS = PAGES.flatMap((page) =>
  LANGS.flatMap((lang) => FORMATS.map((format) => ({ page, lang, format, path: `${pagePath(page, lang)}index.${format.ext}` }))),
);

/**
 * Every URL of every page and its answer to a request without `Accept` or
 * `Accept-Language` preferences: `200` (the variant `serves`, `vary` the
 * request headers negotiated) or `301` to `location`. The `302`s of `/` and
 * `/{lang}/` are left out: on the site those URLs are the site's own.
 */
export function pageUrls() {
  return PAGES.flatMap((page) => [
    ...VARIANTS.filter((v) => v.page === page).map(({ path }) => ({ page, path, status: 200, serves: path, vary: [] })),
    ...LANGS.map((lang) => ({ page, path: pagePath(page, lang), status: 200, serves: `${pagePath(page, lang)}index.html`, vary: ['Accept'] })),
    ...FORMATS.map(({ ext }) => ({ page, path: `${pagePath(page)}index.${ext}`, status: 200, serves: `${pagePath(page, DEFAULT_LANG)}index.${ext}`, vary: ['Accept-Language'] })),
    { page, path: pagePath(page), status: 200, serves: `${pagePath(page, DEFAULT_LANG)}index.html`, vary: ['Accept', 'Accept-Language'] },
    { page, path: `/${page}`, status: 301, location: pagePath(page) },
    ...LANGS.map((lang) => ({ page, path: `/${lang}/${page}`, status: 301, location: pagePath(page, lang) })),
  ]);
}

/**
 * Files at the root of the site that the worker may come to serve. Each is
 * the worker's (and routed to it in production) exactly when the worker
 * answers it with a 2xx: tests/deploy/routes.test.mjs holds the two equal.
 */
export const SITE_FILE_CANDIDATES = ['/robots.txt', '/sitemap.xml', '/llms.txt', '/.well-known/security.txt', '/schema/page.schema.json'];
