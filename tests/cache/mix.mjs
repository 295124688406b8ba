// A seeded, realistic mix of visits to the page, for the cache tests and
// `make cache-sim`: who asks for what, with which headers. The distributions
// are exported as data, `[value, weight]` pairs, so other tools can reuse
// them; `visits(seed)` draws from them deterministically.
//
//   for (const visit of visits(1)) { ... }   // endless; the consumer stops
//
// A visit is `{ kind, visitor, method, path, headers, follow, returning }`:
// `headers` is a list of [name, value] pairs in the order the client sends
// them; `follow` says whether the client follows redirects (with the same
// headers, as browsers do); `returning` says whether this is a visitor seen
// before, who revalidates what it kept (If-None-Match with the ETag it got
// for that URL, and Cache-Control: max-age=0, a reload), which the replay
// fills in from what the visitor was answered earlier.
//
// The requests a browser makes for a page's subresources (its stylesheet,
// script, faces, icons) are not drawn: the replay makes them from the page
// it was answered, with `subresourceHeaders` (the same browser's headers for
// that kind of resource).

import { DEFAULT_LANG, HOME, LANGS, PAGES, pagePath } from '../smoke/site.mjs';

/** A language other than the default, when the site has one. */
const OTHER = LANGS.find((lang) => lang !== DEFAULT_LANG) ?? DEFAULT_LANG;
/** A path of the home page: in `lang` (or negotiated when null), then `rest`. */
const home = (lang, rest) => `${lang ? `/${lang}` : ''}/${HOME}${rest}`;

/** mulberry32: a small, fast, well-spread 32-bit PRNG; floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One value of `pairs` ([value, weight]), drawn with `random`. */
export function pick(random, pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [value, w] of pairs) if ((x -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
}

// Accept-Language -------------------------------------------------------------

// Readers' locales, by share: the page is French and about a French public
// service, so most readers are French (France, then Belgium, Canada,
// Switzerland and Francophone Africa), then English speakers (partners,
// other governments' digital services), then a long tail.
const LOCALES = [
  ['fr-FR', 62], ['en-US', 7], ['fr-BE', 3], ['fr-CA', 3], ['en-GB', 3], ['fr-CH', 2],
  ['de-DE', 2], ['es-ES', 2], ['fr-MA', 1], ['fr-SN', 1], ['it-IT', 1], ['nl-NL', 1],
  ['pt-BR', 1], ['pt-PT', 0.5], ['ar-MA', 0.5], ['en-CA', 0.5], ['de-CH', 0.5], ['pl-PL', 0.5],
  ['ro-RO', 0.5], ['uk-UA', 0.5], ['zh-CN', 0.5], ['ja-JP', 0.3], ['ko-KR', 0.3], ['vi-VN', 0.3],
];

// How each browser writes a locale `l-R` (language l, region R) with English
// as a fallback, as their settings produce it by default or with one more
// language added; weights are rough browser shares (Chrome and its family
// first). English locales get the English-only spellings.
const SPELLINGS = [
  [(l, r) => `${l}-${r},${l};q=0.9,en-US;q=0.8,en;q=0.7`, 30], // Chrome, Android, Edge (one language added)
  [(l, r) => `${l}-${r},${l};q=0.9`, 25], // Safari, iOS, Chrome with one language
  [(l, r) => `${l},${l}-${r};q=0.8,en-US;q=0.5,en;q=0.3`, 8], // Firefox
  [(l, r) => `${l},${l}-${r};q=0.9,en;q=0.8,en-GB;q=0.7,en-US;q=0.6`, 5], // Edge
  [(l, r) => `${l}-${r}`, 3], // some apps' web views, privacy settings
  [(l) => `${l}`, 2],
  [(l, r) => `${l}-${r},${l};q=0.8,en-US;q=0.6,en;q=0.4`, 2], // older Chrome
  [(l, r) => `${l}-${r},${l};q=0.9,en;q=0.8`, 2], // Chrome, "English" added
  [(l, r) => `${l},en-US;q=0.7,en;q=0.3`, 1], // Firefox, two languages
  [(l, r) => `${l}-${r.toLowerCase()}`, 0.5], // lowercase region (scripts, old clients)
];
const ENGLISH_SPELLINGS = [
  [(l, r) => `${l}-${r},${l};q=0.9`, 50], // Chrome, Safari
  [(l, r) => `${l}-${r},${l};q=0.5`, 8], // Firefox
  [(l, r) => `${l}-${r},${l};q=0.9,fr;q=0.8`, 4], // an English speaker who also reads French
  [(l, r) => `${l}-${r}`, 3],
  [(l) => `${l}`, 2],
];

/**
 * Accept-Language values, `[value, weight]`: every spelling of every locale,
 * ranked by locale share × spelling share, then weighted Zipf-like (s = 1,
 * weight 1/rank), as the values of a header across real visitors are.
 */
export const ACCEPT_LANGUAGES = (() => {
  const scored = new Map();
  for (const [locale, share] of LOCALES) {
    const [l, r] = locale.split('-');
    for (const [spell, w] of l === 'en' ? ENGLISH_SPELLINGS : SPELLINGS) {
      const value = spell(l, r);
      scored.set(value, (scored.get(value) ?? 0) + share * w);
    }
  }
  const ranked = [...scored].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked.map(([value], i) => [value, 1 / (i + 1)]);
})();

/** The share of browser visits sent with no Accept-Language at all. */
export const NO_ACCEPT_LANGUAGE = 0.03;

// Browsers ---------------------------------------------------------------------

const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * Browsers, `[browser, weight]` (rough French shares of visits): the headers
 * of a top-level navigation, header for header in the order each sends them,
 * but Accept-Language, which is drawn from ACCEPT_LANGUAGES and goes where
 * `null` is. (Sec-Fetch-Site: none is a typed or bookmarked URL; a followed
 * link says cross-site, which no cache keys on.)
 */
export const BROWSERS = [
  [{ name: 'chrome-windows', headers: [
    ['sec-ch-ua', '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'],
    ['sec-ch-ua-mobile', '?0'],
    ['sec-ch-ua-platform', '"Windows"'],
    ['Upgrade-Insecure-Requests', '1'],
    ['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
    ['Accept', CHROME_ACCEPT],
    ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-Mode', 'navigate'], ['Sec-Fetch-User', '?1'], ['Sec-Fetch-Dest', 'document'],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', null],
    ['Priority', 'u=0, i'],
  ] }, 30],
  [{ name: 'chrome-android', headers: [
    ['sec-ch-ua', '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'],
    ['sec-ch-ua-mobile', '?1'],
    ['sec-ch-ua-platform', '"Android"'],
    ['Upgrade-Insecure-Requests', '1'],
    ['User-Agent', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'],
    ['Accept', CHROME_ACCEPT],
    ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-Mode', 'navigate'], ['Sec-Fetch-User', '?1'], ['Sec-Fetch-Dest', 'document'],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', null],
    ['Priority', 'u=0, i'],
  ] }, 20],
  [{ name: 'safari-ios', headers: [
    ['Sec-Fetch-Dest', 'document'],
    ['User-Agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'],
    ['Accept', FIREFOX_ACCEPT],
    ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-Mode', 'navigate'],
    ['Accept-Language', null],
    ['Priority', 'u=0, i'],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ] }, 15],
  [{ name: 'safari-macos', headers: [
    ['Sec-Fetch-Dest', 'document'],
    ['User-Agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'],
    ['Accept', FIREFOX_ACCEPT],
    ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-Mode', 'navigate'],
    ['Accept-Language', null],
    ['Priority', 'u=0, i'],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ] }, 7],
  [{ name: 'firefox', headers: [
    ['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'],
    ['Accept', FIREFOX_ACCEPT],
    ['Accept-Language', null],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Upgrade-Insecure-Requests', '1'],
    ['Sec-Fetch-Dest', 'document'], ['Sec-Fetch-Mode', 'navigate'], ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-User', '?1'],
    ['Priority', 'u=0, i'],
  ] }, 10],
  [{ name: 'edge', headers: [
    ['sec-ch-ua', '"Microsoft Edge";v="131", "Chromium";v="131", "Not_A Brand";v="24"'],
    ['sec-ch-ua-mobile', '?0'],
    ['sec-ch-ua-platform', '"Windows"'],
    ['Upgrade-Insecure-Requests', '1'],
    ['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'],
    ['Accept', CHROME_ACCEPT],
    ['Sec-Fetch-Site', 'none'], ['Sec-Fetch-Mode', 'navigate'], ['Sec-Fetch-User', '?1'], ['Sec-Fetch-Dest', 'document'],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', null],
    ['Priority', 'u=0, i'],
  ] }, 10],
];

/** The navigation Accept of each browser, `[value, weight]`. */
export const ACCEPTS = BROWSERS.map(([b, w]) => [b.headers.find(([n]) => n === 'Accept')[1], w]);

/**
 * Where browsers land, `[path, weight]`. The historical permalink /apropos/
 * is what most of the web links to (beta.gouv.fr's menus and footers for
 * years, articles, search results indexed before the language URLs), so it
 * leads; the canonical /fr/apropos/ is what the sitemap, `Link:
 * rel=canonical` and the language switcher point at, and grows as search
 * engines follow them; /en/apropos/ is the English page's only entry. A few
 * links lack the slash (301), and some carry campaign parameters, which are
 * part of the cache key. The paths are the home page's of the site under
 * test (tests/smoke/site.mjs), the default language's and another's; a
 * site of several pages has its other pages visited too, each a tenth as
 * often as the home page.
 */
export const BROWSER_ENTRIES = [
  [home(null, '/'), 40],
  [home(DEFAULT_LANG, '/'), 38],
  [home(OTHER, '/'), 12],
  [home(null, ''), 4],
  [home(null, '/?utm_source=newsletter'), 2],
  [home(DEFAULT_LANG, '/?utm_source=linkedin&utm_medium=social'), 2],
  [home(null, '/?utm_source=twitter'), 1],
  [home(DEFAULT_LANG, ''), 1],
  ...PAGES.filter((page) => page !== HOME).flatMap((page) => [
    [pagePath(page), 4],
    [pagePath(page, DEFAULT_LANG), 4],
    [pagePath(page, OTHER), 1],
  ]),
];

/** The share of browser visits that are returning visitors. */
export const RETURNING = 0.3;

// Other clients ----------------------------------------------------------------

// Each kind: its share of visits, and how it makes its visit. `req(path,
// headers)` is one request; `random` and `pick` draw.
const CURL = [['User-Agent', 'curl/8.11.1'], ['Accept', '*/*']];
const MONITOR = [['User-Agent', 'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)'], ['Accept', '*/*']];
const GOOGLEBOT = [
  ['User-Agent', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
  ['Accept-Encoding', 'gzip, deflate, br'],
];
const BINGBOT = [
  ['User-Agent', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
  ['Accept', '*/*'],
  ['Accept-Encoding', 'gzip, deflate'],
];
const GPTBOT = [
  ['User-Agent', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)'],
  ['Accept', '*/*'],
];

/** What agents asking for Markdown send as Accept, `[value, weight]`. */
export const MARKDOWN_ACCEPTS = [
  ['text/markdown', 5],
  ['text/markdown, text/html;q=0.9, */*;q=0.8', 3],
  ['text/markdown, text/plain;q=0.9, */*;q=0.1', 2],
  ['text/markdown;q=1.0, text/x-markdown;q=0.9, text/plain;q=0.8, text/html;q=0.7, */*;q=0.1', 1],
];

/** What JSON clients send as Accept, `[value, weight]`. */
export const JSON_ACCEPTS = [
  ['application/json', 6],
  ['application/json, text/plain, */*', 3], // axios
  ['application/json;q=0.9, */*;q=0.1', 1],
];

/** Paths that name nothing (old links, scanners), `[path, weight]`. */
export const NOT_FOUND = [
  [home(null, '/equipe/'), 3],
  [home(null, '/index.htm'), 2],
  [home(DEFAULT_LANG, '/contact'), 2],
  [home(null, '/index.php'), 1],
  [home(OTHER, '/index.html.bak'), 1],
  [home(null, '/wp-login.php'), 1],
];

/**
 * The client kinds, `[kind, weight]` of visits: `visit(random)` returns its
 * requests' `{ method, path, headers, follow }` (a crawler's visit is several
 * requests).
 */
export const KINDS = [
  ['browser', 70, null], // below: the only kind with visitors that return
  ['curl', 3, (random) => [req(pick(random, [[home(null, '/'), 3], [home(DEFAULT_LANG, '/'), 2], [home(null, ''), 1], [home(OTHER, '/index.txt'), 1]]), CURL)]],
  ['markdown-agent', 6, (random) => [
    req(pick(random, [[home(DEFAULT_LANG, '/'), 4], [home(null, '/'), 3], [home(DEFAULT_LANG, '/index.md'), 2], [home(OTHER, '/index.md'), 1]]),
      [['User-Agent', 'agent/1.0'], ['Accept', pick(random, MARKDOWN_ACCEPTS)]], true),
  ]],
  ['json', 3, (random) => [
    req(pick(random, [[home(null, '/'), 2], [home(DEFAULT_LANG, '/'), 2], [home(DEFAULT_LANG, '/index.json'), 3], [home(OTHER, '/index.json'), 1]]),
      [['User-Agent', 'python-requests/2.32.3'], ['Accept-Encoding', 'gzip, deflate'], ['Accept', pick(random, JSON_ACCEPTS)], ['Connection', 'keep-alive']]),
  ]],
  ['crawler', 10, (random) => {
    const headers = pick(random, [[GOOGLEBOT, 5], [BINGBOT, 3], [GPTBOT, 2]]);
    const then = pick(random, [['/sitemap.xml', 3], ['/llms.txt', 2], [home(DEFAULT_LANG, '/'), 3], [home(OTHER, '/'), 1], [home(null, '/'), 1]]);
    return [req('/robots.txt', headers), req(then, headers, true)];
  }],
  ['monitor', 5, (random) => [{ ...req(pick(random, [[home(null, '/'), 3], [home(DEFAULT_LANG, '/'), 1]]), MONITOR), method: 'HEAD' }]],
  ['not-found', 3, (random) => [req(pick(random, NOT_FOUND), pick(random, BROWSERS).headers.filter(([, v]) => v !== null))]],
];

function req(path, headers, follow = false) {
  return { method: 'GET', path, headers, follow };
}

/**
 * Visits, endlessly, drawn with seed `seed`. Each is `{ kind, visitor,
 * returning, requests: [{ method, path, headers, follow }] }`; a returning
 * browser visitor comes back with the very headers of an earlier visit, and
 * `visitor` names it.
 */
export function* visits(seed) {
  const random = prng(seed);
  const browserVisitors = [];
  for (let n = 0; ; n++) {
    const kind = pick(random, KINDS.map(([k, w]) => [k, w]));
    if (kind !== 'browser') {
      yield { kind, visitor: n, returning: false, requests: KINDS.find(([k]) => k === kind)[2](random) };
      continue;
    }
    if (browserVisitors.length > 0 && random() < RETURNING) {
      const earlier = browserVisitors[Math.floor(random() * browserVisitors.length)];
      yield { ...earlier, returning: true };
      continue;
    }
    const browser = pick(random, BROWSERS);
    const language = random() < NO_ACCEPT_LANGUAGE ? null : pick(random, ACCEPT_LANGUAGES);
    const headers = browser.headers
      .map(([name, value]) => [name, value ?? language])
      .filter(([, value]) => value !== null);
    const visit = { kind: 'browser', browser: browser.name, visitor: n, returning: false, requests: [req(pick(random, BROWSER_ENTRIES), headers, true)] };
    browserVisitors.push(visit);
    yield visit;
  }
}

// Subresources -------------------------------------------------------------------

/**
 * The Accept each browser engine sends for a subresource, by Sec-Fetch-Dest:
 * `style` (a stylesheet), `script` (a module script), `font`, `image`.
 */
const SUBRESOURCE_ACCEPTS = {
  chromium: {
    style: 'text/css,*/*;q=0.1',
    script: '*/*',
    font: '*/*',
    image: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  },
  firefox: {
    style: 'text/css,*/*;q=0.1',
    script: '*/*',
    font: 'application/font-woff2;q=1.0,application/font-woff;q=0.9,*/*;q=0.8',
    image: 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5',
  },
  safari: {
    style: 'text/css,*/*;q=0.1',
    script: '*/*',
    font: '*/*',
    image: 'image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5',
  },
};
/** Module scripts and fonts are fetched in CORS mode (with Origin), the rest in no-cors. */
const CORS_DESTS = new Set(['script', 'font']);
/** What a subresource request keeps of the navigation's headers. */
const KEPT = new Set(['user-agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'accept-language', 'accept-encoding']);

/**
 * The headers browser `name` (a BROWSERS name) sends for a subresource of
 * destination `dest`, given the navigation's `headers` (the same client's
 * User-Agent, client hints, Accept-Language and Accept-Encoding) and the URL
 * of the document or stylesheet that refers to it (`referer`, absolute):
 * its engine's Accept for that destination, Sec-Fetch-*, Referer, and
 * Origin in CORS mode.
 */
export function subresourceHeaders(name, headers, dest, referer) {
  const engine = name.startsWith('safari') ? 'safari' : name === 'firefox' ? 'firefox' : 'chromium';
  const kept = headers.filter(([n]) => KEPT.has(n.toLowerCase()));
  const cors = CORS_DESTS.has(dest);
  return [
    ...kept.filter(([n]) => n.toLowerCase() !== 'accept-encoding' && n.toLowerCase() !== 'accept-language'),
    ['Accept', SUBRESOURCE_ACCEPTS[engine][dest]],
    ...(cors ? [['Origin', new URL(referer).origin]] : []),
    ['Sec-Fetch-Site', 'same-origin'],
    ['Sec-Fetch-Mode', cors ? 'cors' : 'no-cors'],
    ['Sec-Fetch-Dest', dest],
    ['Referer', referer],
    ...kept.filter(([n]) => n.toLowerCase() === 'accept-encoding' || n.toLowerCase() === 'accept-language'),
  ];
}
