//! The site's files beside the page ([`SiteFile`]), each written once per
//! isolate from the configuration and the content: what search engines,
//! social networks, agents and security researchers look for at a site's
//! well-known addresses.

use askama::Template;

use crate::config::Config;
use crate::content::labels;
use crate::render::{self, SITE_NAME};
use crate::routes::{page_path, variant_path, SiteFile};
use crate::variant::{Format, Lang, Page, Variant};

/// The JSON Schema of the page's JSON representation, as the repository
/// holds it (its `$id` is its URL on beta.gouv.fr).
const PAGE_SCHEMA: &str = include_str!("../schema/page.schema.json");

/// The body of `file` for `config`; an error only if the embedded content
/// failed to render (which the tests rule out).
pub fn body(file: SiteFile, config: &Config) -> Result<String, String> {
    let text = match file {
        SiteFile::Robots => robots(config).render(),
        SiteFile::Sitemap => sitemap(config).render(),
        SiteFile::Llms => llms(config)?.render(),
        SiteFile::SecurityTxt => security_txt(config).render(),
        SiteFile::PageSchema => return Ok(PAGE_SCHEMA.to_owned()),
    };
    text.map(|mut text| {
        // Askama drops a template's final line break; a text file ends with one.
        text.push('\n');
        text
    })
    .map_err(|e| format!("{}: {e}", file.path()))
}

/// `/robots.txt`: every crawler may read everything; what the content may be
/// used for (`Content-Signal`, contentsignals.org), and where the sitemap is.
#[derive(Template)]
#[template(path = "files/robots.txt")]
struct Robots<'a> {
    site_name: &'a str,
    signal: &'a str,
    sitemap: String,
}

fn robots(config: &Config) -> Robots<'_> {
    Robots {
        site_name: SITE_NAME,
        signal: &config.content_signal,
        sitemap: format!("{}{}", config.site_url, SiteFile::Sitemap.path()),
    }
}

/// `/sitemap.xml` (sitemaps.org 0.9): the canonical URL of every page in
/// every language, each with every language's as an alternate and the URL
/// that negotiates it as `x-default`, in the form Google documents for
/// translations. Askama escapes the URLs for XML.
#[derive(Template)]
#[template(path = "files/sitemap.xml")]
struct Sitemap {
    urls: Vec<SitemapUrl>,
}

/// One `<url>` of the sitemap: its location and its alternates (hreflang, URL).
struct SitemapUrl {
    loc: String,
    alternates: Vec<(&'static str, String)>,
}

fn sitemap(config: &Config) -> Sitemap {
    let url = |page, lang| format!("{}{}", config.site_url, page_path(page, lang));
    let urls = Page::ALL.into_iter().flat_map(|page| {
        Lang::ALL.into_iter().map(move |lang| {
            let mut alternates: Vec<_> =
                Lang::ALL.into_iter().map(|other| (other.code(), url(page, Some(other)))).collect();
            alternates.push(("x-default", url(page, None)));
            SitemapUrl { loc: url(page, Some(lang)), alternates }
        })
    });
    Sitemap { urls: urls.collect() }
}

/// `/llms.txt` (llmstxt.org): the site's name, its tagline in every
/// language, then a section per language linking each page in Markdown
/// (with its description) and in JSON, and the JSON's schema.
#[derive(Template)]
#[template(path = "files/llms.txt")]
struct Llms {
    site_name: &'static str,
    taglines: String,
    languages: Vec<LlmsLanguage>,
    schema: String,
}

/// A language's section of llms.txt.
struct LlmsLanguage {
    name: &'static str,
    json: &'static str,
    json_note: &'static str,
    pages: Vec<LlmsPage>,
}

/// A page's lines in a language's section of llms.txt.
struct LlmsPage {
    title: &'static str,
    description: &'static str,
    markdown: String,
    json: String,
}

fn llms(config: &Config) -> Result<Llms, String> {
    let site = &config.site_url;
    let taglines: Vec<&str> = Lang::ALL.iter().map(|lang| labels(*lang).tagline).collect();
    let mut languages = Vec::new();
    for lang in Lang::ALL {
        let words = labels(lang);
        let mut pages = Vec::new();
        for page in Page::ALL {
            let summary = render::summary(page, lang)?;
            let url = |format| format!("{site}{}", variant_path(page, Variant { lang, format }));
            pages.push(LlmsPage {
                title: summary.title,
                description: summary.description,
                markdown: url(Format::Markdown),
                json: url(Format::Json),
            });
        }
        languages.push(LlmsLanguage {
            name: words.language_name,
            json: words.formats.json,
            json_note: words.json_note,
            pages,
        });
    }
    Ok(Llms {
        site_name: SITE_NAME,
        taglines: taglines.join(" / "),
        languages,
        schema: format!("{site}{}", SiteFile::PageSchema.path()),
    })
}

/// `/.well-known/security.txt` (RFC 9116): whom to tell, until when this
/// holds, in which languages, and where this file is.
#[derive(Template)]
#[template(path = "files/security.txt")]
struct SecurityTxt<'a> {
    contact: &'a str,
    expires: &'a str,
    languages: String,
    canonical: String,
}

fn security_txt(config: &Config) -> SecurityTxt<'_> {
    let languages: Vec<&str> = Lang::ALL.iter().map(|lang| lang.code()).collect();
    SecurityTxt {
        contact: &config.security_contact,
        expires: &config.security_expires,
        languages: languages.join(", "),
        canonical: format!("{}{}", config.site_url, SiteFile::SecurityTxt.path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config { site_url: "https://example.org/site".to_owned(), ..Config::default() }
    }

    #[test]
    fn robots_allows_all_and_names_the_sitemap_and_the_signal() {
        let robots = body(SiteFile::Robots, &config()).unwrap();
        let directives: Vec<&str> = robots.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
        assert_eq!(
            directives,
            [
                "User-agent: *",
                "Content-Signal: search=yes, ai-input=yes, ai-train=yes",
                "Allow: /",
                "Sitemap: https://example.org/site/sitemap.xml"
            ]
        );
    }

    #[test]
    fn security_txt_has_the_fields_of_rfc_9116() {
        let languages: Vec<&str> = Lang::ALL.iter().map(|lang| lang.code()).collect();
        assert_eq!(
            body(SiteFile::SecurityTxt, &config()).unwrap(),
            format!(
                "Contact: mailto:contact@beta.gouv.fr\nExpires: 2027-12-01T00:00:00.000Z\n\
                 Preferred-Languages: {}\nCanonical: https://example.org/site/.well-known/security.txt\n",
                languages.join(", ")
            )
        );
    }

    #[test]
    fn llms_txt_links_every_page_in_every_language_in_markdown_and_json() {
        let text = body(SiteFile::Llms, &config()).unwrap();
        assert!(
            text.starts_with(&format!("# beta.gouv.fr\n\n> {} / ", labels(Lang::ALL[0]).tagline)),
            "{text}"
        );
        for page in Page::ALL {
            for lang in Lang::ALL {
                for format in [Format::Markdown, Format::Json] {
                    let path = variant_path(page, Variant { lang, format });
                    assert!(text.contains(&format!("](https://example.org/site{path}): ")), "{path}: {text}");
                }
            }
        }
        assert!(text.contains("](https://example.org/site/schema/page.schema.json): "), "{text}");
        // Every link is a list item of a section, as llmstxt.org has them.
        for line in text.lines().filter(|l| l.contains("](")) {
            assert!(line.starts_with("- [") && line.contains("): "), "{line}");
        }
    }

    #[test]
    fn xml_is_escaped() {
        let config = Config { site_url: "https://a.b/x&y'<z>".to_owned(), ..Config::default() };
        let sitemap = body(SiteFile::Sitemap, &config).unwrap();
        let loc = format!(
            "<loc>https://a.b/x&#38;y&#39;&#60;z&#62;{}</loc>",
            page_path(Page::ALL[0], Some(Lang::ALL[0]))
        );
        assert!(sitemap.contains(&loc), "{sitemap}");
    }
}
