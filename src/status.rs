//! Status pages: `404`, `405` and `406`, each in every language and format,
//! built in one place, in the words of `content/site.{lang}.yml`. Their
//! bodies are rendered once per isolate.

use std::fmt::Write;

use crate::config::Config;
use crate::content::{labels, StatusText};
use crate::index::finite_enum;
use crate::json::Json;
use crate::render;
use crate::routes::{page_path, variant_path};
use crate::variant::{Format, Lang, Page, Variant};

/// An error the worker answers with a page of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// `404 Not Found`: no resource at this path.
    NotFound,
    /// `405 Method Not Allowed`: the resource exists, the method does not apply.
    MethodNotAllowed,
    /// `406 Not Acceptable`: no format the client accepts.
    NotAcceptable,
}

finite_enum!(Status);

impl Status {
    /// Every status page, in table order.
    pub const ALL: [Status; 3] = [Status::NotFound, Status::MethodNotAllowed, Status::NotAcceptable];

    /// The HTTP status code.
    pub fn code(self) -> http::StatusCode {
        match self {
            Status::NotFound => http::StatusCode::NOT_FOUND,
            Status::MethodNotAllowed => http::StatusCode::METHOD_NOT_ALLOWED,
            Status::NotAcceptable => http::StatusCode::NOT_ACCEPTABLE,
        }
    }

    /// The format of this page for a client that negotiated `negotiated`:
    /// a `406` is always HTML (it lists the formats offered, as links), the
    /// others follow the client, and HTML when it accepts none.
    pub fn format(self, negotiated: Option<Format>) -> Format {
        match self {
            Status::NotAcceptable => Format::Html,
            _ => negotiated.unwrap_or(Format::Html),
        }
    }

    /// The title and the explanation, in `lang`.
    fn words(self, lang: Lang) -> &'static StatusText {
        let words = &labels(lang).status;
        match self {
            Status::NotFound => &words.not_found,
            Status::MethodNotAllowed => &words.method_not_allowed,
            Status::NotAcceptable => &words.not_acceptable,
        }
    }

    /// The body of this status page as `variant`: its words, and a link to
    /// the home page. Its HTML is in the site's chrome, which fails only if
    /// the template does (the tests rule that out): then [`Status::plain_html`].
    pub fn body(self, variant: Variant, config: &Config) -> Result<String, String> {
        let StatusText { title, detail } = *self.words(variant.lang);
        let home = format!("{}{}", config.site_url, page_path(Page::HOME, Some(variant.lang)));
        let home_text = labels(variant.lang).status.home;
        let code = self.code().as_u16();
        match variant.format {
            Format::Html => {
                let mut body = format!("<p>{}</p>\n", render::escape_html(detail));
                if self == Status::NotAcceptable {
                    body.push_str(&variant_list(config));
                }
                // The home page's permalink, which negotiates the language as this page did.
                let _ = write!(
                    body,
                    "<p><a href=\"{}\">{}</a></p>",
                    page_path(Page::HOME, None),
                    render::escape_html(home_text)
                );
                render::status_html(variant.lang, &format!("{title} ({code})"), &body, config)
            }
            Format::Json => {
                let mut json = Json::Object(vec![
                    ("status", Json::Number(u64::from(code))),
                    ("title", Json::str(title)),
                    ("detail", Json::str(detail)),
                    ("home", Json::str(&home)),
                ])
                .compact();
                json.push('\n');
                Ok(json)
            }
            Format::Text => Ok(format!("{code} {title}\n\n{detail}\n{home_text} : {home}\n")),
            Format::Markdown => Ok(format!("# {title} ({code})\n\n{detail}\n\n[{home_text}]({home})\n")),
        }
    }

    /// This status page in HTML without the site's chrome: what is sent when
    /// [`Status::body`] fails.
    pub fn plain_html(self, lang: Lang) -> String {
        let StatusText { title, detail } = *self.words(lang);
        let title = render::escape_html(&format!("{title} ({})", self.code().as_u16()));
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{}</p>\n\
             </main>\n</body>\n</html>\n",
            lang.code(),
            render::escape_html(detail)
        )
    }
}

/// Every page in every variant as a link to its explicit URL, by page and language.
fn variant_list(config: &Config) -> String {
    let mut list = String::from("<ul>\n");
    for page in Page::ALL {
        for variant in Variant::ALL {
            let (lang, format) = (variant.lang.code(), variant.format);
            let _ = writeln!(
                list,
                "<li><a href=\"{site}{path}\" hreflang=\"{lang}\" type=\"{media}\">{site}{path}</a> ({lang}, {media})</li>",
                site = config.site_url,
                path = variant_path(page, variant),
                media = format.media_type(),
            );
        }
    }
    list.push_str("</ul>\n");
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_page_names_its_code_and_links_home_in_every_variant() {
        let config = Config::default();
        for status in Status::ALL {
            for variant in Variant::ALL {
                let body = status.body(variant, &config).unwrap();
                assert!(body.contains(&status.code().as_u16().to_string()), "{status:?} {variant:?}");
                let home = page_path(Page::HOME, (variant.format != Format::Html).then_some(variant.lang));
                assert!(body.contains(&home), "{status:?} {variant:?} links to the home page");
            }
        }
    }

    #[test]
    fn the_406_lists_every_page_in_every_variant() {
        let body = Status::NotAcceptable.body(Variant::ALL[0], &Config::default()).unwrap();
        for page in Page::ALL {
            for variant in Variant::ALL {
                let url = format!("https://beta.gouv.fr{}", variant_path(page, variant));
                assert!(body.contains(&url), "{url}");
            }
        }
    }

    #[test]
    #[cfg_attr(not(shipped_content), ignore = "the shipped content's words")]
    fn the_plain_fallback_is_a_whole_document() {
        let html = Status::NotFound.plain_html(Lang::En);
        assert!(
            html.starts_with("<!DOCTYPE html>") && html.contains("<h1>Page not found (404)</h1>"),
            "{html}"
        );
    }
}
