// The worker's URLs and what each one answers under any host: shared by the
// smoke test (tests/smoke/) and the production routes' test (tests/deploy/).

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The languages of the page: one per `content/apropos.{lang}.md`, French (the default) first. */
export const LANGS = readdirSync(join(ROOT, 'content'))
  .map((file) => file.match(/^apropos\.([a-z]+)\.md$/)?.[1])
  .filter(Boolean)
  .sort((a, b) => (a === 'fr' ? -1 : b === 'fr' ? 1 : a.localeCompare(b)));

/** The default language, served when nothing else is acceptable. */
export const DEFAULT_LANG = 'fr';

/** The formats, by extension: the media type and the full `Content-Type`. */
export const FORMATS = [
  { ext: 'html', media: 'text/html', type: 'text/html; charset=utf-8' },
  { ext: 'json', media: 'application/json', type: 'application/json' },
  { ext: 'txt', media: 'text/plain', type: 'text/plain; charset=utf-8' },
  { ext: 'md', media: 'text/markdown', type: 'text/markdown; charset=utf-8' },
];

/** Each variant's explicit URL, with its language and format. */
export const VARIANTS = LANGS.flatMap((lang) => FORMATS.map((format) => ({ lang, format, path: `/${lang}/apropos/index.${format.ext}` })));

/**
 * Every URL of the page and its answer to a request without `Accept` or
 * `Accept-Language` preferences: `200` (the variant `serves`, `vary` the
 * request headers negotiated) or `301` to `location`. The `302`s of `/` and
 * `/{lang}/` are left out: on the site those URLs are the site's own.
 */
export function pageUrls() {
  return [
    ...VARIANTS.map(({ path }) => ({ path, status: 200, serves: path, vary: [] })),
    ...LANGS.map((lang) => ({ path: `/${lang}/apropos/`, status: 200, serves: `/${lang}/apropos/index.html`, vary: ['Accept'] })),
    ...FORMATS.map(({ ext }) => ({ path: `/apropos/index.${ext}`, status: 200, serves: `/${DEFAULT_LANG}/apropos/index.${ext}`, vary: ['Accept-Language'] })),
    { path: '/apropos/', status: 200, serves: `/${DEFAULT_LANG}/apropos/index.html`, vary: ['Accept', 'Accept-Language'] },
    { path: '/apropos', status: 301, location: '/apropos/' },
    ...LANGS.map((lang) => ({ path: `/${lang}/apropos`, status: 301, location: `/${lang}/apropos/` })),
  ];
}

/**
 * Files at the root of the site that the worker may come to serve. Each is
 * the worker's (and routed to it in production) exactly when the worker
 * answers it with a 2xx: tests/deploy/routes.test.mjs holds the two equal.
 */
export const SITE_FILE_CANDIDATES = ['/robots.txt', '/sitemap.xml', '/llms.txt', '/.well-known/security.txt', '/schema/page.schema.json'];
