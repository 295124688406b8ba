// The requests the benchmark sends: what a browser, curl and a browser's
// revalidation send for the page, header for header.

import { readFileSync } from 'node:fs';

// The headers themselves are in headers.json, which the Rust side of the
// benchmark sends too (bench/headers.rs; tests/bench_headers.rs checks it).
const HEADERS = JSON.parse(readFileSync(new URL('./headers.json', import.meta.url), 'utf8'));

/** A desktop Chrome's headers for a top-level navigation, as a French reader's browser sends them. */
export const BROWSER_HEADERS = HEADERS.browser;

/** curl's own headers (`curl https://…/apropos/`). */
export const CURL_HEADERS = HEADERS.curl;

/** A program asking for the JSON: curl's headers with `Accept: application/json`. */
export const JSON_HEADERS = CURL_HEADERS.map(([name, value]) => [name, name.toLowerCase() === 'accept' ? 'application/json' : value]);

/**
 * The scenarios, in the order they run and print: each with the status its
 * answer must have, and for a 200 the media type and the language; `peer:
 * false` when the peer is not measured against it. `revalidate` is what the
 * browser sends on reload, given the first visit's response: its ETag in
 * `If-None-Match` (the 304 path), or no validator when there was none.
 * Each worker that sets its own ETag revalidates with its own first visit.
 */
export function scenarios(path, firstVisit) {
  const etag = firstVisit.headers.etag?.[0];
  const revalidation = [...BROWSER_HEADERS, ['Cache-Control', 'max-age=0']];
  if (etag) revalidation.push(['If-None-Match', etag]);
  return [
    { name: 'browser', label: 'browser, first visit', path, headers: BROWSER_HEADERS, expect: 200, type: 'text/html', lang: 'fr' },
    { name: 'curl', label: 'curl, Accept: */*', path, headers: CURL_HEADERS, expect: 200, type: 'text/html', lang: 'fr' },
    {
      name: 'revalidate',
      label: etag ? 'browser, If-None-Match (304)' : 'browser reload, no ETag (no 304)',
      path,
      headers: revalidation,
      expect: etag ? 304 : 200,
    },
    { name: 'json', label: 'Accept: application/json', path, headers: JSON_HEADERS, expect: 200, type: 'application/json', lang: 'fr' },
    // A browser through the historical permalink: the 302 to its language
    // (the peer, which serves the page there, has no counterpart).
    { name: 'redirect', label: 'browser at /apropos/ (302)', path: '/apropos/', headers: BROWSER_HEADERS, expect: 302, peer: false },
  ];
}
