//! The header policy: every header the worker sends is decided here, with
//! `http::header` constants. Each response's headers are built once per
//! isolate for each [`Shape`] of request they may answer (see
//! [`crate::header_set`]); a request only picks them.

use http::header::{
    HeaderName, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ALLOW, CACHE_CONTROL, CONTENT_LANGUAGE,
    CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, LINK, LOCATION, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS,
};
use http::{HeaderMap, HeaderValue};

use crate::config::Config;
use crate::routes::{canonical_path, page_path, variant_path};
use crate::variant::{Format, Lang, Page, Variant};

/// `x-markdown-tokens`: an estimate of a Markdown body's tokens, as
/// Cloudflare's Markdown for Agents sends it.
pub const X_MARKDOWN_TOKENS: HeaderName = HeaderName::from_static("x-markdown-tokens");

/// `CDN-Cache-Control` (RFC 9213): what the cache in front of the worker
/// keeps, where that differs from what browsers keep.
pub const CDN_CACHE_CONTROL: HeaderName = HeaderName::from_static("cdn-cache-control");

/// `Permissions-Policy`: nothing a text page never uses is allowed.
const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");

/// The permissions denied to the page (all of them powerful features a
/// document of text and links never needs).
const DENIED_PERMISSIONS: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
     geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
     publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

/// The response headers a cross-origin script may read.
const EXPOSED_HEADERS: &str = "ETag, Content-Language, Content-Location, Link, X-Markdown-Tokens";

/// `Cache-Control` of status pages and of the 302: short, so a fix shows soon.
pub const SHORT_CACHE_CONTROL: &str = "public, max-age=60";
/// `Cache-Control` of the permanent redirects.
pub const REDIRECT_CACHE_CONTROL: &str = "public, max-age=86400";

/// The methods the page allows (`Allow` of the 405 and of `OPTIONS`).
pub const ALLOWED_METHODS: &str = "GET, HEAD, OPTIONS";
/// The request headers a cross-origin script may send (CORS preflight).
const ALLOWED_HEADERS: &str = "Accept, Accept-Language, If-None-Match, If-Modified-Since";

/// The headers every response carries: security and CORS. (Not
/// `Strict-Transport-Security`, which only a secure response may carry:
/// see [`crate::header_set::Shape`].)
///
/// The CSP allows what the page's assets are and nothing else: its
/// stylesheet, script, faces, icons and manifest from this origin (no
/// inline script or style; images may also be the DSFR's `data:` SVGs), and
/// its search form to submit to the site's search only. `connect-src
/// 'self'`: nothing of the page fetches, but checkers that run in it, as
/// Lighthouse's fetch of `/robots.txt` does, are held to its policy.
pub fn common(config: &Config) -> HeaderMap {
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; \
         manifest-src 'self'; connect-src 'self'; base-uri 'none'; form-action {}{}; \
         frame-ancestors 'none'",
        config.site_url,
        crate::config::SEARCH_PATH
    );
    let mut headers = HeaderMap::new();
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(PERMISSIONS_POLICY, HeaderValue::from_static(DENIED_PERMISSIONS));
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSED_HEADERS));
    headers
}

/// A body's own headers: its type, exact length, and language.
pub fn body(format: Format, lang: Lang, length: usize) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers
}

/// The headers of a page representation's `200`, but for `Vary` and
/// `Content-Location`, which depend on the URL asked for.
pub fn representation(
    page: Page,
    variant: Variant,
    length: usize,
    etag: &HeaderValue,
    markdown_tokens: Option<usize>,
    config: &Config,
    common: &HeaderMap,
) -> HeaderMap {
    let mut headers = body(variant.format, variant.lang, length);
    if let Some(tokens) = markdown_tokens {
        headers.insert(X_MARKDOWN_TOKENS, HeaderValue::from(tokens));
    }
    headers.insert(ETAG, etag.clone());
    caching(&mut headers, config);
    if let Ok(link) = HeaderValue::from_str(&link(page, variant, config)) {
        headers.insert(LINK, link);
    }
    with_common(&mut headers, common);
    headers
}

/// Adds `common` (headers with one value each) to `headers`. (Not
/// `HeaderMap::extend`, whose general case is code the wasm can do without.)
pub fn with_common(headers: &mut HeaderMap, common: &HeaderMap) {
    for (name, value) in common {
        headers.insert(name, value.clone());
    }
}

/// Sets the configured `Cache-Control` (browsers) and `CDN-Cache-Control`
/// (the edge) of what the worker's content makes: the page, the site files,
/// and the redirect to the language chosen.
fn caching(headers: &mut HeaderMap, config: &Config) {
    headers.insert(CACHE_CONTROL, config.cache_control.clone());
    headers.insert(CDN_CACHE_CONTROL, config.cdn_cache_control.clone());
}

/// The headers of a site file's `200`: its type, exact length and ETag, the
/// page's caching, and the common headers.
pub fn site_file(
    content_type: &'static str,
    length: usize,
    etag: &HeaderValue,
    config: &Config,
    common: &HeaderMap,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(ETAG, etag.clone());
    caching(&mut headers, config);
    with_common(&mut headers, common);
    headers
}

/// The headers of a status page's body in `variant`: short-lived, and with
/// `Allow` when the status is `405` (`allow`).
pub fn status_page(variant: Variant, length: usize, allow: bool, common: &HeaderMap) -> HeaderMap {
    let mut headers = body(variant.format, variant.lang, length);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(SHORT_CACHE_CONTROL));
    if allow {
        headers.insert(ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    }
    with_common(&mut headers, common);
    headers
}

/// The headers of a redirect to `location`: a permanent one is cached for a
/// day, the others briefly.
pub fn redirect(location: HeaderValue, permanent: bool, common: &HeaderMap) -> HeaderMap {
    let mut headers = common.clone();
    let cache = if permanent { REDIRECT_CACHE_CONTROL } else { SHORT_CACHE_CONTROL };
    headers.insert(LOCATION, location);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(0));
    headers
}

/// The headers of a `302` from a URL that leaves the language open to
/// `location`, the URL of the language `Accept-Language` chose: cached as
/// the page is, since only a deploy changes the choice.
pub fn language_redirect(location: HeaderValue, config: &Config, common: &HeaderMap) -> HeaderMap {
    let mut headers = redirect(location, false, common);
    caching(&mut headers, config);
    headers
}

/// The body of the `500` sent when the content failed to render.
pub const INTERNAL_ERROR_BODY: &str = "Internal error\n";

/// The headers of the `500` sent when the content failed to render: a plain
/// text body, never sniffed as anything else, never stored (so the next
/// request tries again), and the common headers.
pub fn internal_error(common: &HeaderMap) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(Format::Text.content_type()));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(INTERNAL_ERROR_BODY.len()));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    with_common(&mut headers, common);
    headers
}

/// The headers of `OPTIONS`: what the page allows, which also answers a CORS
/// preflight.
pub fn options(common: &HeaderMap) -> HeaderMap {
    let mut headers = common.clone();
    headers.insert(ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    headers.insert(ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOWED_METHODS));
    headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOWED_HEADERS));
    headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(SHORT_CACHE_CONTROL));
    headers
}

/// The headers of a `304 Not Modified` for a representation: those a 304
/// must repeat (RFC 9110 §15.4.5), without the body's own.
pub fn not_modified(representation: &HeaderMap) -> HeaderMap {
    let mut headers = representation.clone();
    for name in [CONTENT_TYPE, CONTENT_LENGTH, CONTENT_LANGUAGE, X_MARKDOWN_TOKENS] {
        headers.remove(name);
    }
    headers
}

/// `Link`: the canonical page, and every other language and format as an alternate.
pub fn link(page: Page, variant: Variant, config: &Config) -> String {
    let site = &config.site_url;
    let html = |lang| Variant { lang, format: Format::Html };
    let mut links = vec![format!("<{site}{}>; rel=\"canonical\"", canonical_path(page, html(variant.lang)))];
    for lang in Lang::ALL.into_iter().filter(|l| *l != variant.lang) {
        let path = page_path(page, Some(lang));
        links.push(format!("<{site}{path}>; rel=\"alternate\"; hreflang=\"{}\"", lang.code()));
    }
    for format in Format::ALL.into_iter().filter(|f| *f != variant.format) {
        let path = variant_path(page, Variant { format, ..variant });
        links.push(format!("<{site}{path}>; rel=\"alternate\"; type=\"{}\"", format.media_type()));
    }
    links.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(not(shipped_content), ignore = "the shipped site's URLs")]
    fn link_lists_canonical_and_every_alternate() {
        let apropos = Page::from_slug("apropos").unwrap();
        let link = link(apropos, Variant { lang: Lang::Fr, format: Format::Json }, &Config::default());
        assert_eq!(
            link,
            "<https://beta.gouv.fr/fr/apropos/>; rel=\"canonical\", \
             <https://beta.gouv.fr/en/apropos/>; rel=\"alternate\"; hreflang=\"en\", \
             <https://beta.gouv.fr/fr/apropos/index.html>; rel=\"alternate\"; type=\"text/html\", \
             <https://beta.gouv.fr/fr/apropos/index.txt>; rel=\"alternate\"; type=\"text/plain\", \
             <https://beta.gouv.fr/fr/apropos/index.md>; rel=\"alternate\"; type=\"text/markdown\""
        );
    }

    #[test]
    fn a_304_keeps_validators_and_policy_but_not_the_body_headers() {
        let config = Config::default();
        let common = common(&config);
        let variant = Variant { lang: Lang::ALL[0], format: Format::Html };
        let full = representation(
            Page::HOME,
            variant,
            10,
            &HeaderValue::from_static("\"t\""),
            Some(3),
            &config,
            &common,
        );
        let short = not_modified(&full);
        assert_eq!(short.get(ETAG).unwrap(), "\"t\"");
        assert!(short.contains_key(CACHE_CONTROL) && short.contains_key(CDN_CACHE_CONTROL));
        assert!(short.contains_key(LINK));
        assert!(!short.contains_key(CONTENT_TYPE) && !short.contains_key(CONTENT_LENGTH));
        assert_eq!(
            (full.get(X_MARKDOWN_TOKENS).unwrap(), short.get(X_MARKDOWN_TOKENS)),
            (&HeaderValue::from(3), None)
        );
        let csp = full.get(CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(csp.starts_with("default-src 'none'; script-src 'self'; style-src 'self';"), "{csp}");
        assert!(csp.contains("form-action https://beta.gouv.fr/recherche;"), "{csp}");
    }
}
