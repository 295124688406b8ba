//! The core end to end, natively: `respond::respond` over `http` types, one
//! line per case.

use apropos_worker::head::{Head, REQUEST_HEADERS, REQUEST_HEADER_COUNT};
use apropos_worker::header_set::CACHE_TAG;
use apropos_worker::headers::CDN_CACHE_CONTROL;
use apropos_worker::index::Finite;
use apropos_worker::respond::{self, answer};
use apropos_worker::routes::variant_path;
use apropos_worker::{Config, Page, Site, Variant};
use http::header::{
    HeaderName, ALLOW, CACHE_CONTROL, CONTENT_LOCATION, CONTENT_TYPE, ETAG, LOCATION,
    STRICT_TRANSPORT_SECURITY, VARY,
};
use http::{Method, Request, Response, StatusCode};

fn respond(site: &Site, method: &str, uri: &str, headers: &[(&str, &str)]) -> Response<bytes::Bytes> {
    let mut request = Request::builder().method(Method::from_bytes(method.as_bytes()).unwrap()).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (parts, ()) = request.body(()).unwrap().into_parts();
    respond::respond(site, &parts)
}

fn header(response: &Response<bytes::Bytes>, name: HeaderName) -> Option<&str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

/// method, URI, request headers → status, `Content-Type`, `Vary`, `Content-Location`.
type Case<'a> =
    (&'a str, &'a str, &'a [(&'a str, &'a str)], u16, Option<&'a str>, Option<&'a str>, Option<&'a str>);

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn respond_table() {
    let site = Site::new(Config::default());
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("GET", "/apropos/", &[], 200, Some("text/html; charset=utf-8"), Some("Accept, Accept-Language, Accept-Encoding"), Some("/fr/apropos/index.html")),
        ("GET", "/apropos/", &[("accept", "application/json")], 200, Some("application/json"), Some("Accept, Accept-Language, Accept-Encoding"), Some("/fr/apropos/index.json")),
        // A request that states its languages is sent to the one chosen.
        ("GET", "/apropos/", &[("accept", "application/json"), ("accept-language", "en")], 302, None, Some("Accept-Language, Accept-Encoding"), None),
        ("GET", "/apropos/index.md", &[("accept-language", "en-US")], 302, None, Some("Accept-Language, Accept-Encoding"), None),
        ("HEAD", "/apropos/", &[("accept-language", "de, *;q=0.1")], 302, None, Some("Accept-Language, Accept-Encoding"), None),
        ("GET", "/apropos/index.md", &[("accept-language", " * ")], 200, Some("text/markdown; charset=utf-8"), Some("Accept-Language, Accept-Encoding"), Some("/fr/apropos/index.md")),
        ("GET", "/en/apropos/", &[("accept", "text/plain")], 200, Some("text/plain; charset=utf-8"), Some("Accept, Accept-Encoding"), Some("/en/apropos/index.txt")),
        ("GET", "/en/apropos/", &[("accept", "text/plain"), ("accept-language", "fr")], 200, Some("text/plain; charset=utf-8"), Some("Accept, Accept-Encoding"), Some("/en/apropos/index.txt")),
        ("GET", "/fr/apropos/index.json", &[("accept", "image/png")], 200, Some("application/json"), Some("Accept-Encoding"), None),
        ("GET", "https://beta.gouv.fr/fr/apropos/index.html?x=1", &[], 200, Some("text/html; charset=utf-8"), Some("Accept-Encoding"), None),
        ("HEAD", "/en/apropos/", &[], 200, Some("text/html; charset=utf-8"), Some("Accept, Accept-Encoding"), Some("/en/apropos/index.html")),
        ("GET", "/fr/apropos/", &[("accept", "image/png")], 406, Some("text/html; charset=utf-8"), Some("Accept, Accept-Encoding"), None),
        ("GET", "/apropos/", &[("accept", "image/png")], 406, Some("text/html; charset=utf-8"), Some("Accept, Accept-Language, Accept-Encoding"), None),
        ("GET", "/nope", &[("accept", "text/markdown")], 404, Some("text/markdown; charset=utf-8"), Some("Accept, Accept-Language, Accept-Encoding"), None),
        ("GET", "/nope", &[("accept", "image/png")], 404, Some("text/html; charset=utf-8"), Some("Accept, Accept-Language, Accept-Encoding"), None),
        ("POST", "/en/apropos/index.txt", &[], 405, Some("text/plain; charset=utf-8"), Some("Accept-Encoding"), None),
        ("PROPFIND", "/apropos/", &[("accept-language", "en")], 405, Some("text/html; charset=utf-8"), Some("Accept, Accept-Language, Accept-Encoding"), None),
        ("OPTIONS", "/apropos/", &[("accept-language", "en")], 204, None, None, None),
        ("GET", "/apropos", &[("accept-language", "en")], 301, None, Some("Accept-Encoding"), None),
        ("GET", "/", &[], 302, None, Some("Accept-Encoding"), None),
    ];
    for (method, uri, headers, status, content_type, vary, location) in cases {
        let response = respond(&site, method, uri, headers);
        let case = format!("{method} {uri} {headers:?}");
        assert_eq!(response.status(), StatusCode::from_u16(*status).unwrap(), "{case}");
        assert_eq!(header(&response, CONTENT_TYPE), *content_type, "{case}");
        assert_eq!(header(&response, VARY), *vary, "{case}");
        assert_eq!(header(&response, CONTENT_LOCATION), *location, "{case}");
        if *method == "HEAD" {
            assert!(response.body().is_empty(), "{case}");
        }
    }
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn redirects_and_allow() {
    let site = Site::new(Config::default());
    assert_eq!(header(&respond(&site, "GET", "/en/apropos", &[]), LOCATION), Some("/en/apropos/"));
    for (uri, accept_language, location) in [
        ("/apropos/", "en-GB,en;q=0.9", "/en/apropos/"),
        ("/apropos/", "de-DE", "/fr/apropos/"),
        ("https://beta.gouv.fr/apropos/index.json?utm=x", "fr-CA", "/fr/apropos/index.json"),
        ("/apropos/index.md", "en", "/en/apropos/index.md"),
    ] {
        let chosen = respond(&site, "GET", uri, &[("accept-language", accept_language)]);
        assert_eq!(chosen.status(), StatusCode::FOUND, "{uri} {accept_language}");
        assert_eq!(header(&chosen, LOCATION), Some(location), "{uri} {accept_language}");
        assert!(chosen.body().is_empty(), "{uri}");
    }
    assert_eq!(header(&respond(&site, "DELETE", "/apropos/", &[]), ALLOW), Some("GET, HEAD, OPTIONS"));
    assert_eq!(header(&respond(&site, "OPTIONS", "/apropos/", &[]), ALLOW), Some("GET, HEAD, OPTIONS"));
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn hsts_only_over_https() {
    let site = Site::new(
        Config::from_vars(|name| (name == "STRICT_TRANSPORT_SECURITY").then(|| "max-age=60".into()), 0).0,
    );
    let secure = respond(&site, "GET", "https://beta.gouv.fr/apropos/", &[]);
    assert_eq!(header(&secure, STRICT_TRANSPORT_SECURITY), Some("max-age=60"));
    let plain = respond(&site, "GET", "http://127.0.0.1:8787/apropos/", &[]);
    assert_eq!(header(&plain, STRICT_TRANSPORT_SECURITY), None);
    let not_found = respond(&Site::new(Config::default()), "GET", "https://beta.gouv.fr/nope", &[]);
    assert_eq!(header(&not_found, STRICT_TRANSPORT_SECURITY), Some("max-age=63072000; includeSubDomains"));
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn revalidation_answers_304_without_body() {
    let site = Site::new(Config::default());
    let first = respond(&site, "GET", "/en/apropos/", &[]);
    let etag = header(&first, ETAG).unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}: weak, true of every encoding the edge sends");
    let strong = etag.trim_start_matches("W/");
    for sent in [etag.clone(), strong.to_owned(), format!("\"x\", {etag}"), "*".to_owned()] {
        let again = respond(&site, "GET", "/en/apropos/", &[("if-none-match", &sent)]);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{sent}");
        assert!(again.body().is_empty());
        assert_eq!(header(&again, ETAG), Some(etag.as_str()));
        assert_eq!(header(&again, VARY), Some("Accept, Accept-Encoding"));
        assert_eq!(header(&again, CONTENT_LOCATION), Some("/en/apropos/index.html"));
        assert_eq!(header(&again, CONTENT_TYPE), None);
        for name in [CACHE_CONTROL, CDN_CACHE_CONTROL, CACHE_TAG] {
            assert_eq!(again.headers().get(&name), first.headers().get(&name), "{name} of the 304");
        }
    }
    let french = respond(&site, "GET", "/fr/apropos/", &[("if-none-match", &etag)]);
    assert_eq!(french.status(), StatusCode::OK, "another variant's tag does not match");
}

/// What the cache in front of the worker reads: every answer has a
/// `Cache-Control` and a `Cache-Tag`; what the content makes has a
/// `CDN-Cache-Control` too; the 500 is never stored.
#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn every_answer_says_how_to_cache_it() {
    let site = Site::new(Config::default());
    let config = Config::default();
    /// method, URI, request headers → status, `CDN-Cache-Control`, `Cache-Tag`.
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], u16, Option<&'a str>, &'a str);
    #[rustfmt::skip]
    let cases: &[Case] = &[
        ("GET", "/fr/apropos/", &[], 200, Some(config.cdn_cache_control.to_str().unwrap()), "apropos,apropos:fr,apropos:html"),
        ("GET", "/apropos/index.json", &[("accept-language", "en")], 302, Some(config.cdn_cache_control.to_str().unwrap()), "apropos,apropos:en,apropos:json"),
        ("GET", "/apropos/", &[("accept-language", "en")], 302, Some(config.cdn_cache_control.to_str().unwrap()), "apropos,apropos:en"),
        ("GET", "/robots.txt", &[], 200, Some(config.cdn_cache_control.to_str().unwrap()), "files,file:/robots.txt"),
        ("GET", "/apropos", &[], 301, None, "apropos"),
        ("GET", "/%65n/apropos/", &[], 301, None, "apropos,apropos:en"),
        ("GET", "/nope", &[], 404, None, "status,status:404"),
        ("DELETE", "/fr/apropos/", &[], 405, None, "status,status:405"),
        ("GET", "/fr/apropos/", &[("accept", "image/png")], 406, None, "status,status:406"),
        ("OPTIONS", "/fr/apropos/", &[], 204, None, "options"),
    ];
    for (method, uri, headers, status, cdn, tags) in cases {
        let response = respond(&site, method, uri, headers);
        let case = format!("{method} {uri} {headers:?}");
        assert_eq!(response.status().as_u16(), *status, "{case}");
        assert!(
            header(&response, CACHE_CONTROL).is_some_and(|v| v.starts_with("public, max-age=")),
            "{case}"
        );
        assert_eq!(header(&response, CDN_CACHE_CONTROL), *cdn, "{case}");
        assert_eq!(header(&response, CACHE_TAG), Some(*tags), "{case}");
    }
}

#[test]
fn every_page_renders_in_every_variant_with_its_own_etag() {
    let site = Site::new(Config::default());
    let mut tags = std::collections::HashSet::new();
    for page in Page::ALL {
        for variant in Variant::ALL {
            let response = respond(&site, "GET", &variant_path(page, variant), &[]);
            assert_eq!(response.status(), StatusCode::OK, "{page:?} {variant:?}");
            assert!(!response.body().is_empty(), "{page:?} {variant:?}");
            tags.insert(header(&response, ETAG).unwrap().to_owned());
        }
    }
    assert_eq!(tags.len(), Page::ALL.len() * Variant::ALL.len());
}

/// The entry copies only `REQUEST_HEADERS` out of the runtime: no other
/// header may change an answer.
#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn only_the_declared_request_headers_matter() {
    let site = Site::new(Config::default());
    let others: &[(&str, &str)] = &[
        ("user-agent", "Mozilla/5.0"),
        ("origin", "https://example.org"),
        ("cookie", "a=b"),
        ("range", "bytes=0-10"),
        ("expect", "100-continue"),
        ("if-modified-since", "Sat, 01 Jan 2050 00:00:00 GMT"),
        ("if-match", "\"x\""),
        ("accept-encoding", "gzip"),
        ("access-control-request-method", "GET"),
        ("x-forwarded-proto", "https"),
        ("cache-control", "no-cache"),
    ];
    for (method, uri) in [
        ("GET", "/apropos/"),
        ("HEAD", "/en/apropos/index.txt"),
        ("OPTIONS", "/apropos/"),
        ("GET", "/nope"),
        ("POST", "/apropos/"),
        ("GET", "/apropos"),
    ] {
        for read in
            [&[("accept", "text/plain"), ("accept-language", "en")][..], &[("if-none-match", "*")], &[]]
        {
            let bare = respond(&site, method, uri, read);
            let all: Vec<(&str, &str)> = read.iter().chain(others).copied().collect();
            let noisy = respond(&site, method, uri, &all);
            let case = format!("{method} {uri} {read:?}");
            assert_eq!(bare.status(), noisy.status(), "{case}");
            assert_eq!(bare.headers(), noisy.headers(), "{case}");
            assert_eq!(bare.body(), noisy.body(), "{case}");
        }
    }
    for (name, _) in others {
        assert!(!REQUEST_HEADERS.iter().any(|h| h == name), "{name} is read after all");
    }
}

/// Every answer names its header set, whose status it has, and whose
/// headers are the site's own, the same for every request of its kind.
#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn answers_name_the_sites_header_sets() {
    let site = Site::new(Config::default());
    let etag = respond(&site, "GET", "/fr/apropos/", &[]).headers()[ETAG].to_str().unwrap().to_owned();
    /// method, URL, and the request headers sent: a value and its place in `REQUEST_HEADERS`.
    type Sent<'a> = (&'a str, &'a str, &'a [(&'a [u8], usize)]);
    let cases: &[Sent] = &[
        ("GET", "/fr/apropos/", &[]),
        ("HEAD", "/apropos/", &[(b"application/json", 0)]),
        ("GET", "/fr/apropos/", &[(etag.as_bytes(), 2)]),
        ("GET", "https://beta.gouv.fr/en/apropos/index.txt", &[]),
        ("GET", "/nowhere", &[(b"text/markdown", 0), (b"en", 1)]),
        ("POST", "/fr/apropos/", &[]),
        ("OPTIONS", "https://beta.gouv.fr/fr/apropos/", &[]),
        ("GET", "/apropos", &[]),
        ("GET", "/en/", &[]),
    ];
    let mut sets = std::collections::HashSet::new();
    for (method, url, sent) in cases {
        let mut values = [None; REQUEST_HEADER_COUNT];
        for (value, slot) in *sent {
            values[*slot] = Some(*value);
        }
        let first = answer(&site, &Head::new(method, url, values));
        let again = answer(&site, &Head::new(method, url, values));
        assert_eq!((first.set, first.status), (again.set, first.set.status()), "{method} {url}");
        assert!(std::ptr::eq(first.headers, again.headers), "{method} {url}: built once");
        assert!(std::ptr::eq(first.headers, site.headers(first.set).unwrap()), "{method} {url}");
        assert!(sets.insert(first.set.index()), "{method} {url}: a set of its own");
    }
}

/// The Markdown says how many tokens it holds, as Cloudflare's Markdown for
/// Agents does: an estimate between a token per two and per six characters.
#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn markdown_counts_its_tokens() {
    let site = Site::new(Config::default());
    for path in ["/fr/apropos/index.md", "/en/apropos/index.md"] {
        let response = respond(&site, "GET", path, &[]);
        let tokens: usize =
            header(&response, HeaderName::from_static("x-markdown-tokens")).unwrap().parse().unwrap();
        let characters = std::str::from_utf8(response.body()).unwrap().chars().count();
        assert!(
            (characters / 6..characters / 2).contains(&tokens),
            "{path}: {tokens} tokens for {characters} characters"
        );
    }
    let html = respond(&site, "GET", "/fr/apropos/index.html", &[]);
    assert_eq!(header(&html, HeaderName::from_static("x-markdown-tokens")), None);
}
