//! The site files, read as their readers read them: the sitemap as XML in
//! the sitemap and XHTML namespaces, robots.txt and security.txt as lines of
//! fields, llms.txt as Markdown; and each answered as a full resource (HEAD,
//! 304, 405, OPTIONS), with no negotiation.

use apropos_worker::respond::respond;
use apropos_worker::routes::page_path;
use apropos_worker::routes::SiteFile;
use apropos_worker::{Config, Lang, Page, Site};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION, VARY};
use http::{Request, Response, StatusCode};

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn get(site: &Site, method: &str, uri: &str, headers: &[(http::HeaderName, &str)]) -> Response<bytes::Bytes> {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    respond(site, &request.body(()).unwrap().into_parts().0)
}

fn site() -> Site {
    Site::new(Config { site_url: "https://example.org/base".to_owned(), ..Config::default() })
}

#[test]
fn the_sitemap_lists_every_page_with_reciprocal_alternates() {
    let site = site();
    let response = get(&site, "GET", "/sitemap.xml", &[]);
    assert_eq!(
        (response.status(), response.headers()[CONTENT_TYPE].to_str().unwrap()),
        (StatusCode::OK, "application/xml")
    );
    let xml = std::str::from_utf8(response.body()).unwrap();
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(SITEMAP), "urlset"));
    let mut pages = Vec::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!((url.tag_name().namespace(), url.tag_name().name()), (Some(SITEMAP), "url"));
        let loc =
            url.children().find(|n| n.has_tag_name((SITEMAP, "loc"))).and_then(|n| n.text()).expect("a loc");
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML, "link")))
            .map(|link| {
                assert_eq!(link.attribute("rel"), Some("alternate"));
                (link.attribute("hreflang").expect("hreflang"), link.attribute("href").expect("href"))
            })
            .collect();
        pages.push((
            loc.to_owned(),
            alternates.iter().map(|(l, h)| (l.to_string(), h.to_string())).collect::<Vec<_>>(),
        ));
    }
    let expected: Vec<String> = Page::ALL
        .into_iter()
        .flat_map(|page| {
            Lang::ALL.map(|lang| format!("https://example.org/base{}", page_path(page, Some(lang))))
        })
        .collect();
    assert_eq!(
        pages.iter().map(|(loc, _)| loc.clone()).collect::<Vec<_>>(),
        expected,
        "every page in every language"
    );
    for (loc, alternates) in &pages {
        // Every language and x-default, every href absolute; and the page is among its own alternates.
        let mut langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        let page =
            alternates.iter().find(|(l, _)| l == "x-default").map(|(_, href)| href).expect("x-default");
        assert!(
            alternates.iter().all(|(_, href)| href.ends_with(&page["https://example.org/base".len()..])),
            "{loc}: alternates of one page"
        );
        langs.sort_unstable();
        let mut wanted: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).chain(["x-default"]).collect();
        wanted.sort_unstable();
        assert_eq!(langs, wanted, "{loc}");
        assert!(alternates.iter().all(|(_, href)| href.starts_with("https://example.org/base/")), "{loc}");
        assert!(alternates.iter().any(|(_, href)| href == loc), "{loc} is not its own alternate");
        // Reciprocal: each alternate page lists the same alternates.
        for (lang, href) in alternates.iter().filter(|(l, _)| l != "x-default") {
            let other = pages
                .iter()
                .find(|(l, _)| l == href)
                .unwrap_or_else(|| panic!("{href} ({lang}) has no <url>"));
            assert_eq!(&other.1, alternates, "{href} and {loc} disagree");
        }
    }
}

#[test]
fn robots_and_security_txt_are_fields_their_readers_know() {
    let site = site();
    let robots = get(&site, "GET", "/robots.txt", &[]);
    let text = std::str::from_utf8(robots.body()).unwrap();
    let known = ["user-agent", "content-signal", "allow", "sitemap"];
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (field, value) = line.split_once(": ").unwrap_or_else(|| panic!("{line:?} is not a field"));
        assert!(known.contains(&field.to_ascii_lowercase().as_str()), "{field}");
        if field == "Sitemap" {
            assert_eq!(value, "https://example.org/base/sitemap.xml");
        }
    }
    let security = get(&site, "GET", "/.well-known/security.txt", &[]);
    assert_eq!(security.headers()[CONTENT_TYPE], "text/plain; charset=utf-8");
    let text = std::str::from_utf8(security.body()).unwrap();
    let fields: Vec<(&str, &str)> = text.lines().map(|l| l.split_once(": ").expect("a field")).collect();
    let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["Contact", "Expires", "Preferred-Languages", "Canonical"]);
    assert_eq!(fields[3].1, "https://example.org/base/.well-known/security.txt");
    assert!(apropos_worker::date::parse_rfc3339(fields[1].1).is_some(), "{}", fields[1].1);
}

#[test]
fn llms_txt_is_markdown_whose_links_are_absolute() {
    let site = site();
    let response = get(&site, "GET", "/llms.txt", &[]);
    let text = std::str::from_utf8(response.body()).unwrap();
    let mut links = Vec::new();
    for event in pulldown_cmark::Parser::new(text) {
        if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = event {
            links.push(dest_url.into_string());
        }
    }
    assert_eq!(links.len(), 2 * Page::ALL.len() * Lang::ALL.len() + 1, "{links:?}");
    for link in &links {
        let path =
            link.strip_prefix("https://example.org/base").unwrap_or_else(|| panic!("{link} is not absolute"));
        assert_eq!(get(&site, "GET", path, &[]).status(), StatusCode::OK, "{link}");
    }
}

#[test]
fn every_site_file_is_a_full_resource() {
    let site = site();
    for file in SiteFile::ALL {
        let path = file.path();
        let ok = get(
            &site,
            "GET",
            path,
            &[(http::header::ACCEPT, "image/png"), (http::header::ACCEPT_LANGUAGE, "de")],
        );
        assert_eq!(ok.status(), StatusCode::OK, "{path}: the same whatever the client accepts");
        assert_eq!(ok.headers()[CONTENT_TYPE], file.content_type(), "{path}");
        assert!(ok.headers().contains_key(CACHE_CONTROL), "{path}");
        assert_eq!(
            ok.headers()[VARY],
            "Accept-Encoding",
            "{path}: nothing negotiated; the edge may compress it"
        );
        let etag = ok.headers()[ETAG].to_str().unwrap().to_owned();
        let head = get(&site, "HEAD", path, &[]);
        assert_eq!((head.status(), head.headers()), (StatusCode::OK, ok.headers()), "{path}");
        assert!(head.body().is_empty(), "{path}");
        let revalidated = get(&site, "GET", path, &[(IF_NONE_MATCH, &etag)]);
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert!(revalidated.body().is_empty() && revalidated.headers()[ETAG] == etag.as_str(), "{path}");
        assert_eq!(get(&site, "POST", path, &[]).status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
        assert_eq!(get(&site, "OPTIONS", path, &[]).status(), StatusCode::NO_CONTENT, "{path}");
    }
    let schema = get(&site, "GET", "/schema/page.schema.json", &[]);
    assert_eq!(schema.body(), include_str!("../schema/page.schema.json").as_bytes());
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn a_percent_encoded_path_moves_to_its_normal_form() {
    let site = site();
    for (path, location) in [
        ("/%61propos/", "/apropos/"),
        ("/apropos/%69ndex.md", "/apropos/index.md"),
        ("/%66r/apropos/index.%6A%73on", "/fr/apropos/index.json"),
        ("/robots%2Etxt", "/robots.txt"),
    ] {
        let moved = get(&site, "GET", path, &[]);
        let target = moved.headers()[LOCATION].to_str().unwrap();
        assert_eq!((moved.status(), target), (StatusCode::MOVED_PERMANENTLY, location), "{path}");
        assert_eq!(get(&site, "GET", location, &[]).status(), StatusCode::OK, "{location}");
    }
    for path in ["/apropos%2F", "/%zzpropos/", "/apropos/%00", "/%C3%A0propos/"] {
        assert_eq!(get(&site, "GET", path, &[]).status(), StatusCode::NOT_FOUND, "{path}");
    }
}
