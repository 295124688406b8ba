//! Link targets as the content writes them, and their absolute URLs.
//!
//! The content links either to another site (`https://…`, `mailto:…`), to a
//! page of its own site from the site root (`/communaute/`), or within the
//! page (`#resultats`). A target relative to the page's path (`guide.pdf`,
//! `../x`) is refused: the page is served under several URLs
//! (`/apropos/`, `/fr/apropos/`, `/fr/apropos/index.md`), so such a link
//! would mean something different under each.
//!
//! The worker's renderer reads targets with it, and the content checks too,
//! so a target the worker would refuse fails the build.

/// Where a link of the content points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A URL with a scheme (`https://data.gouv.fr`, `mailto:x@y`), used as written.
    Absolute(String),
    /// A path from the site root (`/communaute/`), resolved against the base URL.
    SiteRoot(String),
    /// A fragment of the page itself (`#resultats`), without the `#`.
    Fragment(String),
}

impl Target {
    /// Classifies a link destination of the content.
    ///
    /// Errors say what was written and how to write it instead.
    #[inline]
    pub fn parse(destination: &str) -> Result<Target, String> {
        let encoded = percent_encode(destination.trim());
        if encoded.is_empty() {
            return Err("empty link target: write the URL between the parentheses".to_owned());
        }
        if let Some(fragment) = encoded.strip_prefix('#') {
            return Ok(Target::Fragment(fragment.to_owned()));
        }
        if encoded.starts_with("//") {
            return Err(format!("link target `{destination}` has no scheme: write https:{destination}"));
        }
        if encoded.starts_with('/') {
            return Ok(Target::SiteRoot(encoded));
        }
        if has_scheme(&encoded) {
            return Ok(Target::Absolute(encoded));
        }
        Err(format!(
            "link target `{destination}` is relative to the page's path, which differs between the \
             URLs that serve it: write it from the site root (e.g. /{destination}) or as an absolute URL"
        ))
    }

    /// The absolute URL of this target, for a page served at `page_url` on a
    /// site whose base URL (without a trailing slash) is `site_url`.
    #[inline]
    pub fn absolute(&self, site_url: &str, page_url: &str) -> String {
        match self {
            Target::Absolute(url) => url.clone(),
            Target::SiteRoot(path) => format!("{site_url}{path}"),
            Target::Fragment(fragment) => format!("{page_url}#{fragment}"),
        }
    }

    /// The URL to write in the page's own HTML: absolute, but a fragment
    /// stays `#fragment` so that it works under every URL serving the page.
    #[inline]
    pub fn in_page(&self, site_url: &str) -> String {
        match self {
            Target::Fragment(fragment) => format!("#{fragment}"),
            other => other.absolute(site_url, ""),
        }
    }
}

/// `scheme:` (RFC 3986, section 3.1) before any `/`, `?` or `#`.
#[inline]
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `url` with every byte that may not appear in a URI (RFC 3986, section 2)
/// percent-encoded: spaces, controls, non-ASCII, `"<>\^`{|}`. Existing
/// `%XX` escapes are kept as they are.
#[inline]
pub fn percent_encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let allowed = byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte);
        if allowed {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://beta.gouv.fr";
    const PAGE: &str = "https://beta.gouv.fr/fr/apropos/";

    #[test]
    fn targets_resolve_to_absolute_urls() {
        for (written, absolute, in_page) in [
            ("/communaute/", "https://beta.gouv.fr/communaute/", "https://beta.gouv.fr/communaute/"),
            ("https://data.gouv.fr", "https://data.gouv.fr", "https://data.gouv.fr"),
            ("mailto:contact@beta.gouv.fr", "mailto:contact@beta.gouv.fr", "mailto:contact@beta.gouv.fr"),
            ("#resultats", "https://beta.gouv.fr/fr/apropos/#resultats", "#resultats"),
            ("/a b/é", "https://beta.gouv.fr/a%20b/%C3%A9", "https://beta.gouv.fr/a%20b/%C3%A9"),
            (
                "https://fr.wikipedia.org/wiki/G%27",
                "https://fr.wikipedia.org/wiki/G%27",
                "https://fr.wikipedia.org/wiki/G%27",
            ),
        ] {
            let target = Target::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(target.absolute(SITE, PAGE), absolute, "{written}");
            assert_eq!(target.in_page(SITE), in_page, "{written}");
        }
    }

    #[test]
    fn a_base_url_with_a_path_prefixes_site_root_targets() {
        let target = Target::parse("/communaute/").unwrap();
        assert_eq!(target.absolute("https://example.org/site", ""), "https://example.org/site/communaute/");
    }

    #[test]
    fn targets_that_depend_on_the_serving_url_are_refused() {
        for (written, hint) in [
            ("guide.pdf", "site root"),
            ("../x", "site root"),
            ("?q=1", "site root"),
            ("//example.org/x", "https://example.org/x"),
            ("", "empty"),
            ("1http://x", "site root"),
        ] {
            let error = Target::parse(written).unwrap_err();
            assert!(error.contains(hint), "{written:?}: {error}");
        }
    }

    #[test]
    fn bytes_outside_uris_are_encoded() {
        assert_eq!(percent_encode("a b\"<>\\^`{|}é%41"), "a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%C3%A9%41");
    }
}
