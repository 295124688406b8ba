//! The URL scheme: what a path names.
//!
//! | path | names |
//! |---|---|
//! | `/{lang}/apropos/index.{ext}` | one variant exactly |
//! | `/{lang}/apropos/` | a language; the format is negotiated (the canonical URL) |
//! | `/apropos/index.{ext}` | a format; the language is negotiated |
//! | `/apropos/` | the page (historical permalink); both are negotiated |
//! | `/apropos`, `/{lang}/apropos` | `301` to the same with a trailing slash |
//! | `/`, `/{lang}/` | `302` to the page |
//!
//! `lang` is a [`Lang::code`], `ext` a [`Format::extension`]. Anything else
//! is not found. The query string is not part of the path and never matters.

use crate::variant::{Format, Lang};

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The page, with what the URL fixes; the rest is negotiated.
    Page {
        /// The language the URL names, if any.
        lang: Option<Lang>,
        /// The format the URL names, if any.
        format: Option<Format>,
    },
    /// A redirect to the page, permanent (`301`) or not (`302`).
    Redirect {
        /// Whether the redirect is permanent.
        permanent: bool,
        /// The page's language in the URL to go to ([`page_path`]), if any.
        to: Option<Lang>,
    },
    /// No such resource.
    NotFound,
}

/// The route of `path` (without the query string).
pub fn route(path: &str) -> Route {
    let Some(relative) = path.strip_prefix('/') else { return Route::NotFound };
    let (lang, rest) = match relative.split_once('/') {
        Some((code, rest)) => Lang::from_code(code).map_or((None, relative), |lang| (Some(lang), rest)),
        None => (None, relative),
    };
    match rest {
        "" => Route::Redirect { permanent: false, to: lang },
        "apropos" => Route::Redirect { permanent: true, to: lang },
        "apropos/" => Route::Page { lang, format: None },
        _ => match rest.strip_prefix("apropos/index.").and_then(Format::from_extension) {
            Some(format) => Route::Page { lang, format: Some(format) },
            None => Route::NotFound,
        },
    }
}

/// The page's path in `lang`, or the one that negotiates it when `None`.
pub const fn page_path(lang: Option<Lang>) -> &'static str {
    match lang {
        None => "/apropos/",
        Some(Lang::Fr) => "/fr/apropos/",
        Some(Lang::En) => "/en/apropos/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::*;
    use Lang::*;

    fn page(lang: Option<Lang>, format: Option<Format>) -> Route {
        Route::Page { lang, format }
    }

    fn redirect(permanent: bool, location: &'static str) -> Route {
        let to = Lang::ALL.into_iter().find(|lang| page_path(Some(*lang)) == location);
        assert_eq!(page_path(to), location);
        Route::Redirect { permanent, to }
    }

    #[test]
    fn route_table() {
        #[rustfmt::skip]
        let cases = [
            ("/apropos/", page(None, None)),
            ("/apropos/index.html", page(None, Some(Html))),
            ("/apropos/index.json", page(None, Some(Json))),
            ("/apropos/index.txt", page(None, Some(Text))),
            ("/apropos/index.md", page(None, Some(Markdown))),
            ("/fr/apropos/", page(Some(Fr), None)),
            ("/en/apropos/", page(Some(En), None)),
            ("/en/apropos/index.md", page(Some(En), Some(Markdown))),
            ("/fr/apropos/index.html", page(Some(Fr), Some(Html))),
            ("/", redirect(false, "/apropos/")),
            ("/en/", redirect(false, "/en/apropos/")),
            ("/apropos", redirect(true, "/apropos/")),
            ("/fr/apropos", redirect(true, "/fr/apropos/")),
            ("/en", Route::NotFound),
            ("", Route::NotFound),
            ("/de/apropos/", Route::NotFound),
            ("/EN/apropos/", Route::NotFound),
            ("/APROPOS/", Route::NotFound),
            ("/apropos/index.htm", Route::NotFound),
            ("/apropos/index", Route::NotFound),
            ("/apropos/index.html/", Route::NotFound),
            ("//apropos/", Route::NotFound),
            ("/apropos//", Route::NotFound),
            ("/fr/fr/apropos/", Route::NotFound),
            ("/en/apropos/../apropos/", Route::NotFound),
            ("/apropos/%00", Route::NotFound),
            ("/nope", Route::NotFound),
        ];
        for (path, expected) in cases {
            assert_eq!(route(path), expected, "{path:?}");
        }
    }
}
