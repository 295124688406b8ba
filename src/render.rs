//! Rendering: a source document into the bytes of one representation.

use askama::Template;

use crate::config::Config;
use crate::content::{self, Source};

/// The HTML page: the rendered markdown body inside the layout.
#[derive(Template)]
#[template(path = "page.html")]
struct PageHtml<'a> {
    lang: &'a str,
    title: &'a str,
    canonical: &'a str,
    body: &'a str,
}

/// Renders `source` as a complete HTML document.
pub fn html(source: &Source, config: &Config) -> Result<String, String> {
    let doc = content::parse(source.text).map_err(|e| format!("{}: {e}", source.file))?;
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, pulldown_cmark::Parser::new(doc.body));
    let canonical = format!("{}/{}/apropos/", config.site_url, source.lang.code());
    let page = PageHtml { lang: source.lang.code(), title: doc.title, canonical: &canonical, body: &body };
    page.render().map_err(|e| format!("{}: template: {e}", source.file))
}
