//! The site's content, embedded in the binary: every page in every language
//! (`content/{slug}.{lang}.md`) and the words of the site's chrome
//! (`content/site.{lang}.yml`).
//!
//! The types are the content's schema, from the `apropos-content` crate
//! (`crates/content`). `build.rs` reads `content/`, checks it with that crate
//! (front matter typed, translations consistent with their source, every
//! error naming the file and the field) and generates the tables below, so
//! the worker carries the checked text and no YAML parser. Adding a language
//! or a page is adding files there (and, for a language, its [`Lang`] variant).

use crate::variant::Lang;

pub use apropos_content::{Footer, FormatNames, Header, Labels, Layout, Link, NavItem, SkipLinks, Source};

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
