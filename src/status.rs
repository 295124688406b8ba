//! Status pages: `404`, `405` and `406`, each in every language and format,
//! built in one place. Their bodies are rendered once per isolate.

use std::fmt::Write;

use crate::config::Config;
use crate::json::Json;
use crate::render;
use crate::variant::{Format, Lang, Variant};

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
    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (Status::NotFound, Lang::Fr) => {
                ("Page introuvable", "Aucune page de ce site ne se trouve à cette adresse.")
            }
            (Status::NotFound, Lang::En) => ("Page not found", "No page of this site is at this address."),
            (Status::MethodNotAllowed, Lang::Fr) => (
                "Méthode non autorisée",
                "Cette page ne se lit qu’avec les méthodes GET et HEAD (et OPTIONS).",
            ),
            (Status::MethodNotAllowed, Lang::En) => {
                ("Method not allowed", "This page is read only with the GET and HEAD (and OPTIONS) methods.")
            }
            (Status::NotAcceptable, Lang::Fr) => (
                "Format non disponible",
                "Aucun des formats demandés (en-tête Accept) n’est proposé. Voici ceux qui le sont :",
            ),
            (Status::NotAcceptable, Lang::En) => {
                ("Not acceptable", "None of the formats asked for (Accept header) is offered. These are:")
            }
        }
    }

    /// The body of this status page as `variant`. Its HTML is in the page's
    /// chrome, which fails only if the embedded content lacks this language's
    /// labels (the tests rule that out): then [`Status::plain_html`].
    pub fn body(self, variant: Variant, config: &Config) -> Result<String, String> {
        let (title, detail) = self.words(variant.lang);
        let home = format!("{}/{}/apropos/", config.site_url, variant.lang.code());
        let home_text = match variant.lang {
            Lang::Fr => "La page « À propos »",
            Lang::En => "The « About » page",
        };
        let code = self.code().as_u16();
        match variant.format {
            Format::Html => {
                let mut body = format!("<p>{detail}</p>\n");
                if self == Status::NotAcceptable {
                    body.push_str(&variant_list(config));
                }
                // The historical permalink, which negotiates the language as this page did.
                let _ = write!(body, "<p><a href=\"/apropos/\">{home_text}</a></p>");
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
        let (title, detail) = self.words(lang);
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

/// Every variant as a link to its explicit URL, by language.
fn variant_list(config: &Config) -> String {
    let mut list = String::from("<ul>\n");
    for variant in Variant::ALL {
        let (lang, format) = (variant.lang.code(), variant.format);
        let _ = writeln!(
            list,
            "<li><a href=\"{site}{path}\" hreflang=\"{lang}\" type=\"{media}\">{site}{path}</a> ({lang}, {media})</li>",
            site = config.site_url,
            path = variant.path(),
            media = format.media_type(),
        );
    }
    list.push_str("</ul>\n");
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_page_names_its_code_in_every_variant() {
        let config = Config::default();
        for status in Status::ALL {
            for variant in Variant::ALL {
                let body = status.body(variant, &config).unwrap();
                assert!(body.contains(&status.code().as_u16().to_string()), "{status:?} {variant:?}");
                assert!(body.contains("/apropos/"), "{status:?} {variant:?} links to the page");
            }
        }
    }

    #[test]
    fn the_406_lists_every_variant() {
        let body = Status::NotAcceptable
            .body(Variant { lang: Lang::En, format: Format::Html }, &Config::default())
            .unwrap();
        for variant in Variant::ALL {
            assert!(body.contains(&format!("https://beta.gouv.fr{}", variant.path())), "{variant:?}");
        }
    }

    #[test]
    fn the_plain_fallback_is_a_whole_document() {
        let html = Status::NotFound.plain_html(Lang::En);
        assert!(
            html.starts_with("<!DOCTYPE html>") && html.contains("<h1>Page not found (404)</h1>"),
            "{html}"
        );
    }
}
