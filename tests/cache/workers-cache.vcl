# Cloudflare's Workers Cache, as far as one Varnish can play it, for the tests
# (tests/cache/varnish.mjs includes this file after declaring the backend
# `worker`, the Worker under test). Each part says what it emulates; the
# behaviour is Cloudflare's documented one (developers.cloudflare.com,
# /workers/cache/), and RFC 9111 where that is silent.
#
# One Varnish is one cache. Workers Cache is tiered (a lower and an upper tier
# per data centre, not configurable), which changes how many requests reach
# the Worker across data centres, not what a request gets: for one client
# sequence, a single cache is the upper bound of hits that tiering aims at.
# Requests for one key are collapsed while a fetch is under way, as both do.
#
# Not played: Cache Deception Armor (it checks heuristic freshness only, by
# the URL's extension), the cache slicing Range requests itself (Varnish
# serves ranges from a stored object too, but the mix sends none), and
# serving stale on an error past stale-while-revalidate (below).
#
# Run with `-p http_gzip_support=off`: Varnish would otherwise rewrite
# Accept-Encoding itself and (de)compress bodies; Workers Cache stores and
# serves whatever Content-Encoding the Worker sets.

vcl 4.1;

import std;

# The harness alone may purge.
acl harness {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  # Set by this VCL only (vcl_hit, vcl_miss, vcl_pass), never by a client.
  unset req.http.X-Cache-Status;

  # Purge by tag, as ctx.cache.purge({ tags: [tag] }) does: every object
  # whose Cache-Tag list holds the tag, case-insensitively. The harness sends
  # `PURGE /` with `X-Purge-Tag: <tag>`. A tag is printable ASCII without
  # spaces; quotes and backslashes are refused here so that the tag can be
  # quoted literally (\Q...\E) in the ban's regular expression.
  if (req.method == "PURGE") {
    if (client.ip !~ harness) {
      return (synth(405));
    }
    if (!req.http.X-Purge-Tag || req.http.X-Purge-Tag !~ "^[!#-\[\]-~]{1,1024}$") {
      return (synth(400, "X-Purge-Tag: one tag, printable ASCII without spaces, quotes or backslashes"));
    }
    if (std.ban("obj.http.X-Cache-Tags ~ (?i),\Q" + req.http.X-Purge-Tag + "\E,")) {
      return (synth(200, "Purged"));
    }
    return (synth(400, std.ban_error()));
  }

  # The key has the path and query, not the host: an absolute-form target
  # is reduced to its path.
  set req.url = regsub(req.url, "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");

  # "Only GET and HEAD requests are cached"; WebSocket upgrades bypass it.
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  if (req.http.Upgrade) {
    return (pass);
  }

  # The edge rewrites Accept-Encoding to a canonical value before any Worker
  # sees it ("for cache efficiency"), so a Vary on it keys on that value.
  # tests/cache/replay.mjs applies the same rewrite to its direct requests.
  if (req.http.Accept-Encoding) {
    set req.http.Accept-Encoding = "gzip, br";
  }

  # Request Cache-Control (a browser's reload sends max-age=0) is a client's
  # preference (RFC 9111 §5.2.1); a CDN edge answers it from its copy, and
  # the browser revalidates with the edge, not with the Worker. Cookie and
  # Authorization do not bypass the cache: Cookie is ignored unless the
  # response varies on it, and Authorization is judged on the response
  # (vcl_backend_response). So Varnish's builtin vcl_recv is skipped.
  return (hash);
}

# The cache key: path and query (order and trailing slash matter), and the
# request headers Workers Cache adds against cache poisoning. The Worker's
# version is in the key too: a new deployment starts cold, as a fresh
# Varnish does. Vary is applied on top by Varnish itself, comparing the
# listed request headers' values verbatim, as Workers Cache does.
sub vcl_hash {
  hash_data(req.url);
  if (req.http.x-http-method-override) { hash_data("x-http-method-override: " + req.http.x-http-method-override); }
  if (req.http.x-http-method) { hash_data("x-http-method: " + req.http.x-http-method); }
  if (req.http.x-method-override) { hash_data("x-method-override: " + req.http.x-method-override); }
  if (req.http.x-forwarded-host) { hash_data("x-forwarded-host: " + req.http.x-forwarded-host); }
  if (req.http.x-host) { hash_data("x-host: " + req.http.x-host); }
  if (req.http.x-forwarded-scheme && req.http.x-forwarded-scheme !~ "^https?$") {
    hash_data("x-forwarded-scheme: " + req.http.x-forwarded-scheme);
  }
  if (req.http.x-original-url) { hash_data("x-original-url: " + req.http.x-original-url); }
  if (req.http.x-rewrite-url) { hash_data("x-rewrite-url: " + req.http.x-rewrite-url); }
  if (req.http.forwarded) { hash_data("forwarded: " + req.http.forwarded); }
  return (lookup);
}

# Cf-Cache-Status, roughly: HIT (fresh), UPDATING (stale, refreshed in the
# background), MISS, REVALIDATED (the Worker answered 304 to the cache's
# conditional request), BYPASS. A HEAD or a conditional request is answered
# from a stored GET like any other; Varnish turns a HEAD that misses into a
# GET, as Workers Cache does.
sub vcl_hit {
  if (obj.ttl >= 0s) {
    set req.http.X-Cache-Status = "HIT";
  } else {
    set req.http.X-Cache-Status = "UPDATING";
  }
  return (deliver);
}

sub vcl_miss {
  if (req.is_hitmiss) {
    set req.http.X-Cache-Status = "BYPASS";
  }
  return (fetch);
}

sub vcl_pass {
  set req.http.X-Cache-Status = "BYPASS";
  return (fetch);
}

sub vcl_backend_response {
  if (bereq.uncacheable) {
    return (deliver);
  }
  if (beresp.was_304) {
    set beresp.http.X-Fetch = "REVALIDATED";
  } else {
    set beresp.http.X-Fetch = "MISS";
  }

  # The policy for a shared cache, by precedence: Cloudflare-CDN-Cache-Control
  # (consumed here, stripped from the response), then CDN-Cache-Control
  # (RFC 9213: it replaces Cache-Control for CDNs, and is passed on), then
  # Cache-Control. Several field lines are one comma-separated list.
  if (beresp.http.Cloudflare-CDN-Cache-Control) {
    std.collect(beresp.http.Cloudflare-CDN-Cache-Control);
    set beresp.http.X-Policy = beresp.http.Cloudflare-CDN-Cache-Control;
  } elsif (beresp.http.CDN-Cache-Control) {
    std.collect(beresp.http.CDN-Cache-Control);
    set beresp.http.X-Policy = beresp.http.CDN-Cache-Control;
  } elsif (beresp.http.Cache-Control) {
    std.collect(beresp.http.Cache-Control);
    set beresp.http.X-Policy = beresp.http.Cache-Control;
  }

  # Never stored: a Worker's own 206, 520-526, Vary: *, private or no-store.
  if (beresp.status == 206 || (beresp.status >= 520 && beresp.status <= 526)) {
    call bypass;
  }
  if (beresp.http.Vary ~ "(^|,)\s*\*\s*(,|$)") {
    call bypass;
  }
  if (beresp.http.X-Policy ~ "(?i)(^|,)\s*(private|no-store)\s*(,|$)") {
    call bypass;
  }
  # Set-Cookie bypasses, unless private="set-cookie" or no-cache="set-cookie"
  # names it: then it is stripped from the stored copy.
  if (beresp.http.Set-Cookie) {
    if (beresp.http.X-Policy ~ {"(?i)(^|,)\s*(private|no-cache)\s*=\s*"?[^"]*\bset-cookie\b"}) {
      unset beresp.http.Set-Cookie;
    } else {
      call bypass;
    }
  }
  # A request with Authorization is stored only if the response allows it
  # (public, must-revalidate or s-maxage), as RFC 9111 §3.5 says too.
  if (bereq.http.Authorization && beresp.http.X-Policy !~ "(?i)(^|,)\s*(public|must-revalidate|s-maxage)\b") {
    call bypass;
  }

  # Freshness: s-maxage, then max-age, of the policy; then Expires; else
  # Cloudflare's heuristic TTL for the statuses it lists. Any other final
  # status is stored when it has explicit freshness (Varnish's builtin
  # refuses statuses outside RFC 9110's cacheable-by-default list, 405 and
  # 406 among them; Workers Cache does not).
  if (beresp.http.X-Policy ~ {"(?i)(^|,)\s*s-maxage\s*=\s*"?\d+"}) {
    set beresp.ttl = std.duration(regsub(beresp.http.X-Policy, {"(?i)^.*?(?:^|,)\s*s-maxage\s*=\s*"?(\d+).*$"}, "\1") + "s", 0s);
  } elsif (beresp.http.X-Policy ~ {"(?i)(^|,)\s*max-age\s*=\s*"?\d+"}) {
    set beresp.ttl = std.duration(regsub(beresp.http.X-Policy, {"(?i)^.*?(?:^|,)\s*max-age\s*=\s*"?(\d+).*$"}, "\1") + "s", 0s);
  } elsif (beresp.http.Expires) {
    set beresp.ttl = std.time(beresp.http.Expires, now) - now;
  } elsif (beresp.status == 200 || beresp.status == 203 || beresp.status == 204) {
    set beresp.ttl = 7200s;
  } elsif (beresp.status == 300 || beresp.status == 301) {
    set beresp.ttl = 1200s;
  } elsif (beresp.status == 404 || beresp.status == 410) {
    set beresp.ttl = 180s;
  } elsif (beresp.status == 405 || beresp.status == 414 || beresp.status == 501) {
    set beresp.ttl = 60s;
  } else {
    call bypass;
  }
  # no-cache: stored, but stale at once, so every use is revalidated with
  # the Worker (If-None-Match from the stored ETag; a 304 is REVALIDATED).
  # A microsecond, not zero: Varnish's lookup skips objects whose TTL is
  # zero, and would then fetch unconditionally.
  if (beresp.http.X-Policy ~ "(?i)(^|,)\s*no-cache\s*(,|$)" || beresp.ttl <= 0s) {
    set beresp.ttl = 0.001s / 1000;
  }

  # Stale content. stale-while-revalidate is Varnish's grace: served stale
  # while one background fetch refreshes it. s-maxage, must-revalidate and
  # proxy-revalidate turn stale serving off. stale-if-error: the stale
  # object is kept (`keep`, also what Varnish revalidates with) for its
  # value, indefinitely (a year here) when unset as on Cloudflare. Varnish
  # serves it on a failed refresh within grace only; past grace, the Worker's
  # error goes to the client (a difference no test here relies on).
  set beresp.grace = 0s;
  set beresp.keep = 365d;
  if (beresp.http.X-Policy !~ "(?i)(^|,)\s*(s-maxage|must-revalidate|proxy-revalidate)\b") {
    if (beresp.http.X-Policy ~ {"(?i)(^|,)\s*stale-while-revalidate\s*=\s*"?\d+"}) {
      set beresp.grace = std.duration(regsub(beresp.http.X-Policy, {"(?i)^.*?(?:^|,)\s*stale-while-revalidate\s*=\s*"?(\d+).*$"}, "\1") + "s", 0s);
    }
    if (beresp.http.X-Policy ~ {"(?i)(^|,)\s*stale-if-error\s*=\s*"?\d+"}) {
      set beresp.keep = std.duration(regsub(beresp.http.X-Policy, {"(?i)^.*?(?:^|,)\s*stale-if-error\s*=\s*"?(\d+).*$"}, "\1") + "s", 0s);
    }
  }

  # Cache-Tag: a comma-separated list over any number of field lines;
  # whitespace and empty entries are dropped. Kept as ",a,b," so that a ban
  # can match one whole tag.
  if (beresp.http.Cache-Tag) {
    std.collect(beresp.http.Cache-Tag, ",");
    set beresp.http.X-Cache-Tags = "," + regsuball(regsuball(beresp.http.Cache-Tag, "\s+", ""), ",{2,}", ",") + ",";
    set beresp.http.X-Cache-Tags = regsuball(beresp.http.X-Cache-Tags, ",{2,}", ",");
  }
  return (deliver);
}

# Not stored (BYPASS): remembered as hit-for-miss for two minutes, so that
# the next requests go straight to the Worker instead of queueing behind
# each other's fetch.
sub bypass {
  set beresp.uncacheable = true;
  set beresp.ttl = 120s;
  set beresp.grace = 0s;
  set beresp.keep = 0s;
  return (deliver);
}

sub vcl_deliver {
  if (req.http.X-Cache-Status) {
    set resp.http.Cf-Cache-Status = req.http.X-Cache-Status;
  } elsif (resp.http.X-Fetch) {
    set resp.http.Cf-Cache-Status = resp.http.X-Fetch;
  } else {
    set resp.http.Cf-Cache-Status = "MISS";
  }
  # X-Cache is what the harness counts: HIT when a stored object answered
  # and the Worker was not called for this request.
  if (resp.http.Cf-Cache-Status ~ "^(HIT|UPDATING)$") {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  # What Cloudflare consumes and does not pass on, and Varnish's own.
  unset resp.http.Cache-Tag;
  unset resp.http.Cloudflare-CDN-Cache-Control;
  unset resp.http.X-Cache-Tags;
  unset resp.http.X-Policy;
  unset resp.http.X-Fetch;
  unset resp.http.X-Varnish;
  unset resp.http.Via;
  return (deliver);
}
