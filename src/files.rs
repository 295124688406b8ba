//! The site's files beside the page ([`SiteFile`]), each written once per
//! isolate from the configuration and the content: what search engines,
//! social networks, agents and security researchers look for at a site's
//! well-known addresses.

use std::fmt::Write;

use crate::config::Config;
use crate::content::labels;
use crate::render::{self, SITE_NAME, SLUG};
use crate::routes::SiteFile;
use crate::variant::{Format, Lang, Variant};

/// The JSON Schema of the page's JSON representation, as the repository
/// holds it (its `$id` is its URL on beta.gouv.fr).
const PAGE_SCHEMA: &str = include_str!("../schema/page.schema.json");

/// The body of `file` for `config`; an error only if the embedded content
/// failed to render (which the tests rule out).
pub fn body(file: SiteFile, config: &Config) -> Result<String, String> {
    match file {
        SiteFile::Robots => Ok(robots(config)),
        SiteFile::Sitemap => Ok(sitemap(config)),
        SiteFile::Llms => llms(config),
        SiteFile::SecurityTxt => Ok(security_txt(config)),
        SiteFile::PageSchema => Ok(PAGE_SCHEMA.to_owned()),
    }
}

/// `/robots.txt`: every crawler may read everything; what the content may be
/// used for (`Content-Signal`, contentsignals.org), and where the sitemap is.
fn robots(config: &Config) -> String {
    format!(
        "# {SITE_NAME}: every page may be crawled. Content-Signal says what the content may be used\n\
         # for (https://contentsignals.org/): search, ai-input (answers) and ai-train (training).\n\
         User-agent: *\n\
         Content-Signal: {signal}\n\
         Allow: /\n\
         \n\
         Sitemap: {site}{sitemap}\n",
        signal = config.content_signal,
        site = config.site_url,
        sitemap = SiteFile::Sitemap.path(),
    )
}

/// `/sitemap.xml` (sitemaps.org 0.9): the canonical URL of every page in
/// every language, each with every language's as an alternate and the URL
/// that negotiates it as `x-default`, in the form Google documents for
/// translations.
fn sitemap(config: &Config) -> String {
    let site = &config.site_url;
    let page_url = |lang: Lang| format!("{site}/{}/{SLUG}/", lang.code());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for lang in Lang::ALL {
        let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape_xml(&page_url(lang)));
        for alternate in Lang::ALL {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                alternate.code(),
                escape_xml(&page_url(alternate))
            );
        }
        let x_default = format!("{site}/{SLUG}/");
        let _ = writeln!(
            xml,
            "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
            escape_xml(&x_default)
        );
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `/llms.txt` (llmstxt.org): the site's name, its tagline in every
/// language, then a section per language linking the page in Markdown (with
/// its description) and in JSON, and the JSON's schema.
fn llms(config: &Config) -> Result<String, String> {
    let site = &config.site_url;
    let taglines: Vec<&str> = Lang::ALL.iter().filter_map(|lang| labels(*lang)).map(|l| l.tagline).collect();
    let mut text = format!("# {SITE_NAME}\n\n> {}\n", taglines.join(" / "));
    for lang in Lang::ALL {
        let words = labels(lang).ok_or_else(|| format!("no content/site.{}.yml", lang.code()))?;
        let summary = render::summary(SLUG, lang)?;
        let url = |format| format!("{site}{}", Variant { lang, format }.path());
        let _ = write!(
            text,
            "\n## {language}\n\n- [{title}]({markdown}): {description}\n- [{title} ({json})]({json_url}): {note}\n",
            language = words.language_name,
            title = summary.title,
            markdown = url(Format::Markdown),
            description = summary.description,
            json = words.formats.json,
            json_url = url(Format::Json),
            note = words.json_note,
        );
    }
    let _ = write!(
        text,
        "\n## Optional\n\n- [JSON Schema]({site}{}): the schema of every page's JSON (JSON Schema 2020-12)\n",
        SiteFile::PageSchema.path()
    );
    Ok(text)
}

/// `/.well-known/security.txt` (RFC 9116): whom to tell, until when this
/// holds, in which languages, and where this file is.
fn security_txt(config: &Config) -> String {
    let languages: Vec<&str> = Lang::ALL.iter().map(|lang| lang.code()).collect();
    format!(
        "Contact: {}\nExpires: {}\nPreferred-Languages: {}\nCanonical: {}{}\n",
        config.security_contact,
        config.security_expires,
        languages.join(", "),
        config.site_url,
        SiteFile::SecurityTxt.path()
    )
}

/// `text` escaped for XML text and attribute values.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config { site_url: "https://example.org/site".to_owned(), ..Config::default() }
    }

    #[test]
    fn robots_allows_all_and_names_the_sitemap_and_the_signal() {
        let robots = robots(&config());
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
        assert_eq!(
            security_txt(&config()),
            "Contact: mailto:contact@beta.gouv.fr\nExpires: 2027-12-01T00:00:00.000Z\n\
             Preferred-Languages: fr, en\nCanonical: https://example.org/site/.well-known/security.txt\n"
        );
    }

    #[test]
    fn llms_txt_links_every_language_in_markdown_and_json() {
        let text = llms(&config()).unwrap();
        assert!(
            text.starts_with("# beta.gouv.fr\n\n> Le réseau des incubateurs de Startups d’État / "),
            "{text}"
        );
        for path in [
            "/fr/apropos/index.md",
            "/en/apropos/index.md",
            "/fr/apropos/index.json",
            "/schema/page.schema.json",
        ] {
            assert!(text.contains(&format!("](https://example.org/site{path})")), "{path}: {text}");
        }
        // Every link is a list item of a section, as llmstxt.org has them.
        for line in text.lines().filter(|l| l.contains("](")) {
            assert!(line.starts_with("- [") && line.contains("): "), "{line}");
        }
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(escape_xml("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
        let sitemap = sitemap(&Config { site_url: "https://a.b/x&y".to_owned(), ..Config::default() });
        assert!(sitemap.contains("<loc>https://a.b/x&amp;y/fr/apropos/</loc>"), "{sitemap}");
    }
}
