// The requests the benchmark sends: what a browser, curl and a browser's
// revalidation send for the page, header for header.

/** A desktop Chrome's headers for a top-level navigation, as a French reader's browser sends them. */
export const BROWSER_HEADERS = [
  ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'],
  ['Accept-Language', 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7'],
  ['Accept-Encoding', 'gzip, deflate, br, zstd'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
  ['Upgrade-Insecure-Requests', '1'],
  ['Sec-Fetch-Dest', 'document'],
  ['Sec-Fetch-Mode', 'navigate'],
  ['Sec-Fetch-Site', 'none'],
  ['Sec-Fetch-User', '?1'],
  ['sec-ch-ua', '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'],
  ['sec-ch-ua-mobile', '?0'],
  ['sec-ch-ua-platform', '"Linux"'],
];

/** curl's own headers (`curl https://…/apropos/`). */
export const CURL_HEADERS = [
  ['User-Agent', 'curl/8.14.1'],
  ['Accept', '*/*'],
];

/**
 * The scenarios, in the order they run and print. `revalidate` is what the
 * browser sends on reload, given the first visit's response: its ETag in
 * `If-None-Match` (the 304 path), or no validator when there was none.
 */
export function scenarios(path, firstVisit) {
  const etag = firstVisit.headers.etag?.[0];
  const revalidation = [...BROWSER_HEADERS, ['Cache-Control', 'max-age=0']];
  if (etag) revalidation.push(['If-None-Match', etag]);
  return [
    { name: 'browser', label: 'browser, first visit', path, headers: BROWSER_HEADERS, expect: 200 },
    { name: 'curl', label: 'curl, Accept: */*', path, headers: CURL_HEADERS, expect: 200 },
    {
      name: 'revalidate',
      label: etag ? 'browser, If-None-Match (304)' : 'browser reload, no ETag (no 304)',
      path,
      headers: revalidation,
      expect: etag ? 304 : 200,
    },
  ];
}
