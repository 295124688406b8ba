//! The representations of the shipped content, format by format: what the
//! golden files show, stated as rules about its page, « À propos ». (What
//! must hold for any content is tested through the site, in `tests/`.)

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::*;

/// The shipped site's page.
fn apropos() -> Page {
    Page::from_slug("apropos").unwrap()
}

fn rendered(lang: Lang, format: Format) -> String {
    render(apropos(), Variant { lang, format }, &Config::default())
        .unwrap_or_else(|e| panic!("{lang:?} {format:?}: {e}"))
}

const DINSIC_FR: &str =
    "DINSIC (Direction interministérielle du numérique et du système d'information et de communication)";

#[test]
fn every_variant_renders_for_any_base_url() {
    for site_url in ["https://beta.gouv.fr", "http://127.0.0.1:8787", "https://example.org/site"] {
        let config = Config { site_url: site_url.to_owned(), ..Config::default() };
        for variant in Variant::ALL {
            let body = render(apropos(), variant, &config).unwrap_or_else(|e| panic!("{variant:?}: {e}"));
            assert!(body.contains(&format!("{site_url}/communaute/")), "{variant:?} under {site_url}");
        }
    }
}

#[test]
fn html_ids_match_the_links_to_the_original_page_and_have_no_name_attribute() {
    let html = rendered(Lang::Fr, Format::Html);
    for id in
        ["qui-sommes-nous", "quest-ce-quune-startup-détat", "pourquoi-lancer-une-startup-detat", "éditeur"]
    {
        assert!(html.contains(&format!(" id=\"{id}\"")), "no heading id {id}");
    }
    assert!(!html.contains("<a name=") && !html.contains(" name=\"pourquoi"), "the obsolete name attribute");
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains("<abbr title=\"Direction interministérielle"), "inline HTML kept");
}

#[test]
fn html_links_the_hashed_assets_and_inlines_no_style_or_script() {
    for lang in Lang::ALL {
        let html = rendered(lang, Format::Html);
        let stylesheet = format!("<link rel=\"stylesheet\" href=\"{}\">", crate::assets::STYLESHEET);
        assert_eq!(html.matches("<link rel=\"stylesheet\"").count(), 1, "{lang:?}");
        assert!(html.contains(&stylesheet), "{lang:?}: the hashed stylesheet");
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"{}\" fetchpriority=\"low\"></script>",
            crate::assets::SCRIPT
        )));
        for font in crate::assets::FONT_PRELOADS {
            assert!(html.contains(&format!(
                "<link rel=\"preload\" href=\"{font}\" as=\"font\" type=\"font/woff2\" crossorigin fetchpriority=\"low\">"
            )));
        }
        // Besides the DSFR's module, the only <script> element is the JSON-LD, which is data.
        assert_eq!(html.matches("<script").count(), 2, "{lang:?}");
        assert_eq!(html.matches("<script type=\"application/ld+json\">").count(), 1, "{lang:?}");
        for forbidden in ["<style", " style=", "@import", "url(", "javascript:"] {
            assert!(!html.contains(forbidden), "{lang:?}: {forbidden}");
        }
        let handler = |rest: &str| {
            rest.split_once('=').is_some_and(|(name, _)| name.bytes().all(|b| b.is_ascii_lowercase()))
        };
        assert!(!html.split(" on").skip(1).any(handler), "{lang:?}: an inline event handler");
        let og = format!(
            "<meta property=\"og:image\" content=\"https://beta.gouv.fr{}\">",
            crate::assets::og_image(apropos().slug(), lang.code()).unwrap()
        );
        assert!(html.contains(&og), "{lang:?}: {og}");
    }
}

#[test]
fn the_chrome_is_the_sites_in_the_pages_language() {
    for lang in Lang::ALL {
        let html = rendered(lang, Format::Html);
        let labels = content::labels(lang);
        // The bloc marque stays French in every language, as the DSFR requires.
        assert_eq!(html.matches("<p class=\"fr-logo\" lang=\"fr\">République<br>Française</p>").count(), 2);
        assert!(html.contains(&format!("<p class=\"fr-header__service-tagline\">{}</p>", labels.tagline)));
        assert!(html.contains("action=\"https://beta.gouv.fr/recherche\" method=\"get\""));
        assert!(html.contains("name=\"q\" type=\"search\""));
        for entry in labels.header.nav {
            let links = entry.url.into_iter().chain(entry.links.unwrap_or_default().iter().map(|l| l.url));
            for url in links {
                // Each navigation link is in the header, and again in the footer, which needs no script.
                let href = format!("href=\"https://beta.gouv.fr{url}\"");
                for part in ["header", "footer"] {
                    let start = html.find(&format!("<{part} ")).unwrap();
                    let end = html.find(&format!("</{part}>")).unwrap();
                    assert_eq!(html[start..end].matches(&href).count(), 1, "{lang:?}: {url} in the {part}");
                }
            }
        }
        for link in labels.footer.institutions.iter().chain(labels.header.shortcuts) {
            let external = format!(
                "href=\"{}\" target=\"_blank\" rel=\"noopener\" title=\"{} - {}\"",
                link.url, link.label, labels.header.new_window
            );
            assert!(html.contains(&external), "{lang:?}: {external}");
        }
        // This page is the legal notice, and says so where the footer links to it.
        let notice = labels
            .footer
            .legal
            .iter()
            .find(|link| link.url == crate::routes::page_path(apropos(), Some(lang)))
            .unwrap();
        assert!(html.contains(&format!("aria-current=\"page\">{}</a>", notice.label)), "{lang:?}");
        // The language selector lists every language, the current one marked.
        for other in Lang::ALL {
            let option = format!("hreflang=\"{0}\" lang=\"{0}\" href=\"/{0}/apropos/\"", other.code());
            assert!(html.contains(&option), "{lang:?}: {option}");
        }
        assert!(html.contains(&format!(
            "href=\"/{0}/apropos/\" aria-current=\"true\">{1} - ",
            lang.code(),
            lang.code().to_uppercase()
        )));
    }
}

/// The content of the page's JSON-LD data block.
fn json_ld(html: &str) -> &str {
    let start = html.find("<script type=\"application/ld+json\">").expect("a JSON-LD block");
    let rest = &html[start..];
    let open_end = rest.find('>').expect("an open tag") + 1;
    let close = rest.find("</script>").expect("a close tag");
    &rest[open_end..close]
}

#[test]
fn json_ld_is_json_describing_the_page_under_any_base_url() {
    for site_url in ["https://beta.gouv.fr", "http://127.0.0.1:8787", "https://example.org/site"] {
        let config = Config { site_url: site_url.to_owned(), ..Config::default() };
        for lang in Lang::ALL {
            let html = render(apropos(), Variant { lang, format: Format::Html }, &config).unwrap();
            let block = json_ld(&html);
            assert!(!block.contains('<'), "{lang:?}: a raw < in the data block");
            let value: serde_json::Value =
                serde_json::from_str(block).unwrap_or_else(|e| panic!("{lang:?} under {site_url}: {e}"));
            assert_eq!(value["@type"], "AboutPage");
            assert_eq!(value["url"], format!("{site_url}/{}/apropos/", lang.code()));
            assert_eq!(value["inLanguage"], lang.code());
            assert_eq!(value["isPartOf"]["url"], format!("{site_url}/"));
            assert_eq!(value["publisher"]["@type"], "GovernmentOrganization");
        }
    }
}

#[test]
fn html_head_links_every_alternate() {
    let html = rendered(Lang::En, Format::Html);
    for expected in [
        "<html lang=\"en\">",
        "<title>About — beta.gouv.fr</title>",
        "<link rel=\"canonical\" href=\"https://beta.gouv.fr/en/apropos/\">",
        "<link rel=\"alternate\" hreflang=\"fr\" href=\"https://beta.gouv.fr/fr/apropos/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://beta.gouv.fr/apropos/\">",
        "<link rel=\"alternate\" type=\"application/json\" href=\"https://beta.gouv.fr/en/apropos/index.json\"",
        "<link rel=\"alternate\" type=\"text/plain\" href=\"https://beta.gouv.fr/en/apropos/index.txt\"",
        "<link rel=\"alternate\" type=\"text/markdown\" href=\"https://beta.gouv.fr/en/apropos/index.md\"",
        "<meta property=\"og:locale:alternate\" content=\"fr_FR\">",
        "<li><a class=\"fr-link\" href=\"#contenu\">Content</a></li>",
        "<main id=\"contenu\"",
        "<a class=\"fr-translate__language fr-nav__link\" hreflang=\"fr\" lang=\"fr\" href=\"/fr/apropos/\">FR - Français</a>",
        "<a href=\"https://beta.gouv.fr/en/apropos/index.md\" type=\"text/markdown\">Markdown</a>",
        "<link rel=\"icon\" href=\"/_assets/favicon.",
        "<link rel=\"apple-touch-icon\" href=\"/_assets/apple-touch-icon.",
        "<link rel=\"manifest\" href=\"/_assets/manifest.",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
    ] {
        assert!(html.contains(expected), "no {expected}");
    }
    assert!(!html.contains("noindex"));
}

#[test]
fn text_fits_78_columns_breaking_only_at_ordinary_spaces() {
    for lang in Lang::ALL {
        let text = rendered(lang, Format::Text);
        for line in text.lines() {
            let is_reference = line.trim_start().starts_with('[') && line.contains("] ");
            assert!(line.chars().count() <= text::WIDTH || is_reference, "{lang:?}: too long: {line}");
            assert!(
                !line.starts_with(['\u{A0}', '\u{202F}']) && !line.ends_with(['\u{A0}', '\u{202F}', ' ']),
                "{line:?}"
            );
        }
    }
}

#[test]
fn text_and_markdown_carry_no_html_and_spell_abbreviations_out_once() {
    for format in [Format::Text, Format::Markdown] {
        let output = rendered(Lang::Fr, format).split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!output.contains("<abbr") && !output.contains("<a ") && !output.contains("</"), "{format:?}");
        assert!(!output.contains("&amp;") && !output.contains("&#"), "{format:?}: entities");
        assert_eq!(output.matches(DINSIC_FR).count(), 1, "{format:?}: expanded at its first use only");
        assert!(output.contains("la DINSIC (ancien nom"), "{format:?}: the later plain mention stays");
    }
    assert!(!rendered(Lang::Fr, Format::Text).contains('<'));
}

#[test]
fn text_numbers_links_and_lists_their_urls_at_the_end() {
    let text = rendered(Lang::Fr, Format::Text);
    assert!(text.starts_with("À propos\n========\n\n"));
    assert!(text.contains("beta.gouv.fr\u{A0}[1] est le réseau"));
    assert!(text.contains("\nRéférences\n----------\n\n [1] https://beta.gouv.fr/\n"));
    assert!(text.ends_with("[16] https://beta.gouv.fr/content/docs/rapportannuel.pdf\n"));
    assert!(!text.contains("**") && !text.contains("_d’"), "emphasis dropped");
}

#[test]
fn markdown_reads_back_as_the_same_document_without_html() {
    let markdown = rendered(Lang::Fr, Format::Markdown);
    let (front_matter, body) = markdown.split_once("\n---\n\n").expect("a front matter");
    assert!(body.starts_with("# À propos\n\n## Qui sommes-nous\u{A0}?\n"), "the title, then the body");
    let fields: Vec<(&str, String)> = front_matter
        .strip_prefix("---\n")
        .expect("an opening ---")
        .lines()
        .map(|line| {
            let (key, value) = line.split_once(": ").expect("key: value");
            (key, serde_json::from_str(value).expect("a double-quoted string"))
        })
        .collect();
    let keys: Vec<&str> = fields.iter().map(|(key, _)| *key).collect();
    assert_eq!(keys, ["title", "description", "lang", "url"]);
    assert_eq!(
        (&*fields[0].1, &*fields[2].1, &*fields[3].1),
        ("À propos", "fr", "https://beta.gouv.fr/fr/apropos/")
    );
    assert!(fields[1].1.starts_with("beta.gouv.fr est le réseau des incubateurs"), "{}", fields[1].1);
    let mut headings = 0;
    let events: Vec<Event> = Parser::new_ext(&markdown, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).collect();
    assert!(
        matches!(events.first(), Some(Event::Start(Tag::MetadataBlock(_)))),
        "a YAML metadata block first"
    );
    for event in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML in the Markdown: {html}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://")
                        || dest_url.starts_with("http://")
                        || dest_url.starts_with("mailto:"),
                    "{dest_url}"
                );
            }
            _ => {}
        }
    }
    assert_eq!(headings, 11, "the title and the ten sections");
}

#[test]
fn status_pages_share_the_chrome_but_not_the_head() {
    let html =
        status_html(Lang::En, "Page not found (404)", "<p>No page here.</p>\n", &Config::default()).unwrap();
    for expected in [
        "<html lang=\"en\">",
        "<title>Page not found (404) — beta.gouv.fr</title>",
        "<meta name=\"robots\" content=\"noindex\">",
        "<p class=\"fr-logo\" lang=\"fr\">République<br>Française</p>",
        "<h1>Page not found (404)</h1>\n<p>No page here.</p>\n",
        &format!("<link rel=\"stylesheet\" href=\"{}\">", crate::assets::STYLESHEET),
        "<nav class=\"fr-nav\" id=\"navigation\" aria-label=\"Main menu\">",
        "<footer class=\"fr-footer\" id=\"pied-de-page\">",
    ] {
        assert!(html.contains(expected), "no {expected}");
    }
    for absent in
        ["rel=\"canonical\"", "hreflang", "og:", "twitter:", "ld+json", "fr-translate", "aria-current"]
    {
        assert!(!html.contains(absent), "{absent}");
    }
    assert!(
        status_html(Lang::Fr, "<&>", "", &Config::default()).unwrap().contains("<h1>&#60;&#38;&#62;</h1>"),
        "escaped"
    );
}

#[test]
fn each_source_is_parsed_once_and_shared() {
    let first: *const model::Page = parsed(apropos(), Lang::Fr).unwrap();
    let second: *const model::Page = parsed(apropos(), Lang::Fr).unwrap();
    assert_eq!(first, second);
}
