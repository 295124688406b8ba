//! The site's content, embedded in the binary: every page in every language
//! (`content/{slug}.{lang}.md`) and the words of the site's chrome
//! (`content/site.{lang}.yml`).
//!
//! `build.rs` reads `content/`, checks it (see `check.rs`: front matter typed,
//! translations consistent with their source, every error naming the file and
//! the field) and generates the tables below, so the worker carries the
//! checked text and no YAML parser. Adding a language or a page is adding
//! files there (and, for a language, its [`Lang`] variant).

use crate::variant::Lang;

#[cfg(test)]
mod check;

/// One page in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    /// The file it was embedded from, for messages: `content/apropos.fr.md`.
    pub file: &'static str,
    /// The page, from the file name: `apropos`.
    pub slug: &'static str,
    /// The language tag, from the file name: `fr`.
    pub lang: &'static str,
    /// The title, from the front matter.
    pub title: &'static str,
    /// The id of each heading of `body`, in order, computed by `build.rs`
    /// (see `heading_id.rs`): kramdown's GFM ids, or the explicit anchors.
    pub heading_ids: &'static [&'static str],
    /// The markdown after the front matter.
    pub body: &'static str,
}

/// The words of the site's chrome in one language (`content/site.{lang}.yml`).
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// The language tag, from the file name: `fr`.
    pub lang: &'static str,
    /// The language's name in itself, for the language switcher.
    pub language_name: &'static str,
    /// The Open Graph locale, e.g. `fr_FR`.
    pub og_locale: &'static str,
    /// The skip link's text.
    pub skip_link: &'static str,
    /// The line under the service name in the header.
    pub tagline: &'static str,
    /// The accessible name of the language switcher.
    pub languages: &'static str,
    /// The footer's lead-in to the other formats of the page.
    pub other_formats: &'static str,
    /// The names of the non-HTML formats.
    pub formats: FormatNames,
    /// The heading of the text format's list of link URLs.
    pub links: &'static str,
    /// The footer's line about the publisher.
    pub footer: &'static str,
}

/// The name of each non-HTML format, for links to it.
#[derive(Debug, PartialEq, Eq)]
pub struct FormatNames {
    /// JSON.
    pub json: &'static str,
    /// Plain text.
    pub txt: &'static str,
    /// Markdown.
    pub md: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The page `slug` in `lang`, if it exists.
pub fn source(slug: &str, lang: Lang) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.slug == slug && s.lang == lang.code())
}

/// The position of `source` in [`SOURCES`], for tables indexed by source.
pub fn index(source: &Source) -> Option<usize> {
    SOURCES.iter().position(|s| std::ptr::eq(s, source))
}

/// The chrome's words in `lang`, if any (the tests make sure every
/// language has them).
pub fn labels(lang: Lang) -> Option<&'static Labels> {
    LABELS.iter().find(|l| l.lang == lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_labels_and_every_page_in_it() {
        for lang in Lang::ALL {
            assert!(labels(lang).is_some(), "no content/site.{}.yml", lang.code());
            for slug in SOURCES.iter().map(|s| s.slug) {
                assert!(source(slug, lang).is_some(), "no content/{slug}.{}.md", lang.code());
            }
        }
    }

    #[test]
    fn every_file_is_in_a_served_language() {
        for file in SOURCES.iter().map(|s| (s.file, s.lang)).chain(LABELS.iter().map(|l| ("site", l.lang))) {
            assert!(Lang::from_code(file.1).is_some(), "{file:?}: add the language to `Lang` first");
        }
    }

    #[test]
    fn the_french_source_is_embedded_after_its_front_matter() {
        let french = source("apropos", Lang::Fr).unwrap();
        assert_eq!((french.file, french.title), ("content/apropos.fr.md", "À propos"));
        let file = include_str!("../../content/apropos.fr.md");
        assert!(file.ends_with(french.body) && french.body.starts_with("\n### Qui sommes-nous"));
        assert_eq!(index(french), Some(0));
    }
}
