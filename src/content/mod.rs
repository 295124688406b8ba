//! The site's content, embedded in the binary: every page in every language
//! (`content/{slug}.{lang}.md`) and the words of the site's chrome
//! (`content/site.{lang}.yml`).
//!
//! The types are the content's schema, from the `apropos-content` crate
//! (`crates/content`). `build.rs` reads `content/`, checks it with that crate
//! (front matter typed, translations consistent with their source, every page
//! in every language, every error naming the file and the field) and
//! generates the tables below, and the [`Page`] and [`Lang`] enums, so the
//! worker carries the checked text and no YAML parser. Adding a language or
//! a page is adding files there, and nothing else.

use crate::index::Finite;
use crate::variant::{Lang, Page};

pub use apropos_content::{
    Footer, FormatNames, Header, Labels, Layout, Link, NavItem, SkipLinks, Source, StatusText, StatusWords,
};

include!(concat!(env!("OUT_DIR"), "/content.rs"));

// The build writes a file per page and language, in the order of
// `(Page, Lang)`, and labels per language, in the order of `Lang`.
const _: () = assert!(SOURCE_COUNT == <(Page, Lang)>::COUNT && LABELS.len() == Lang::COUNT);

/// The page `page` in `lang`.
pub fn source(page: Page, lang: Lang) -> &'static Source {
    &SOURCES[(page, lang).index()]
}

/// The chrome's words in `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    &LABELS[lang.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_and_every_language_is_at_its_index() {
        for (page, lang) in <(Page, Lang)>::all() {
            let source = source(page, lang);
            assert_eq!((source.slug, source.lang), (page.slug(), lang.code()));
            assert_eq!(labels(lang).lang, lang.code());
        }
    }

    #[test]
    #[cfg_attr(not(shipped_content), ignore = "the shipped content")]
    fn the_french_source_is_embedded_after_its_front_matter() {
        let french = source(Page::from_slug("apropos").unwrap(), Lang::Fr);
        assert_eq!((french.file, french.title), ("content/apropos.fr.md", "À propos"));
        let file = include_str!("../../content/apropos.fr.md");
        assert!(file.ends_with(french.body) && french.body.starts_with("\n### Qui sommes-nous"));
    }
}
