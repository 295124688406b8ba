// Workers route patterns, parsed and matched by the rules Cloudflare
// documents (https://developers.cloudflare.com/workers/configuration/routing/routes/,
// "Matching behavior" and "Validity"):
//
// - a pattern is `[http://|https://]host[/path]`; without a scheme it matches
//   both, without a path its path is `/`;
// - the only operator is `*`, zero or more of any character, allowed at the
//   start of the host and at the end of the path only (no infix wildcard);
// - a pattern holds no query, and is matched against the URL's whole path
//   and query: so a path without a trailing `*` matches no URL with a query;
// - the path is compared case-sensitively, the host case-insensitively (as
//   for every route created since 15 October 2023);
// - the host must be the zone's or one of its subdomains.
//
// When several patterns match, the most specific one wins; that decides
// between workers on one zone, and is not modelled here.

/** `pattern` parsed, or an Error saying why Cloudflare would refuse it for `zone`. */
export function parsePattern(pattern, zone) {
  const fail = (why) => {
    throw new Error(`route pattern ${JSON.stringify(pattern)}: ${why}`);
  };
  const scheme = pattern.match(/^(https?):\/\//)?.[1];
  const rest = scheme ? pattern.slice(scheme.length + 3) : pattern;
  const slash = rest.indexOf('/');
  const host = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '/' : rest.slice(slash);
  if (path.includes('?') || path.includes('#')) fail('a pattern may not hold a query');
  if (host.slice(1).includes('*')) fail('`*` may only start the host');
  if (path.slice(0, -1).includes('*')) fail('`*` may only end the path (no infix wildcard)');
  const anySubhost = host.startsWith('*');
  const hostName = anySubhost ? host.slice(1) : host;
  if (!hostName || /[^a-z0-9.-]/.test(hostName)) fail('not a host name');
  const zoneName = zone.toLowerCase();
  const named = hostName.replace(/^\./, '');
  if (named !== zoneName && !named.endsWith(`.${zoneName}`)) fail(`the host is not in the zone ${zone}`);
  const prefix = path.endsWith('*');
  return { scheme, anySubhost, host: hostName, path: prefix ? path.slice(0, -1) : path, prefix };
}

/** Whether `url` (absolute) matches the parsed or raw `pattern` of `zone`. */
export function matches(pattern, url, zone) {
  const p = typeof pattern === 'string' ? parsePattern(pattern, zone) : pattern;
  const u = new URL(url);
  if (p.scheme && u.protocol !== `${p.scheme}:`) return false;
  const host = u.hostname.toLowerCase();
  if (p.anySubhost ? !host.endsWith(p.host) : host !== p.host) return false;
  const target = u.pathname + u.search;
  return p.prefix ? target.startsWith(p.path) : target === p.path;
}

/** The first of `routes` (wrangler's `{ pattern, zone_name }`) that `url` matches, if any. */
export function matchingRoute(routes, url) {
  return routes.find((route) => matches(route.pattern, url, route.zone_name));
}
