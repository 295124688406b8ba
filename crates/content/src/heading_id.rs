//! Heading ids, compatible with the links that exist to the original page,
//! whose ids kramdown's GFM parser generated.
//!
//! kramdown (`kramdown-parser-gfm`, `generate_gfm_header_id`) lowercases the
//! heading's text, removes every character that is not a word character
//! (`\p{Word}`: letters, marks, digits, connector punctuation), a hyphen, a
//! space or a tab, turns spaces and tabs into `-`, and suffixes repeated ids
//! with `-1`, `-2`… So accented letters are kept, and a no-break space (not a
//! space to kramdown) disappears with the punctuation it precedes:
//!
//! | heading | id |
//! |---|---|
//! | `Qui sommes-nous ?` (U+00A0 before `?`) | `qui-sommes-nous` |
//! | `Qu’est-ce qu’une Startup d'État ?` | `quest-ce-quune-startup-détat` |
//!
//! The text is the heading's text content (kramdown reads the raw markdown,
//! which differs only for headings with inline markup). An explicit anchor
//! (`<a name="x"></a>` at the start of the heading) gives the id instead.
//!
//! Run at build time, by the content checks, which embed each source's ids
//! with it: lowercasing and telling word characters apart take Unicode
//! tables that the worker is better off without.

use std::collections::HashSet;

/// The ids given so far in one document, so that each is unique.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    /// The id of the next heading: its explicit anchor if it has one (an
    /// error if that id was already given), otherwise generated from `text`
    /// and suffixed `-1`, `-2`… when already given.
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> Result<String, String> {
        if let Some(id) = explicit {
            return match self.used.insert(id.to_owned()) {
                true => Ok(id.to_owned()),
                false => Err(format!("the explicit anchor `{id}` repeats an id given to an earlier heading")),
            };
        }
        let base = match gfm_id(text) {
            id if id.is_empty() => "section".to_owned(),
            id => id,
        };
        let id = (0..)
            .map(|n| if n == 0 { base.clone() } else { format!("{base}-{n}") })
            .find(|candidate| !self.used.contains(candidate))
            .unwrap_or(base);
        self.used.insert(id.clone());
        Ok(id)
    }
}

/// kramdown's GFM id of `text`, before deduplication.
pub fn gfm_id(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| is_word(c) || matches!(c, '-' | ' ' | '\t'))
        .map(|c| if c == ' ' || c == '\t' { '-' } else { c })
        .collect()
}

/// Onigmo's `\p{Word}`: letters, combining marks, digits and connector
/// punctuation (Unicode category Pc, listed in full).
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'..='\u{FE4F}' | '\u{FF3F}'
            // Combining marks, for text in decomposed form.
            | '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_kramdown_gfm() {
        for (heading, id) in [
            ("Qui sommes-nous\u{A0}?", "qui-sommes-nous"),
            ("Qu’est-ce qu’une Startup d'État\u{A0}?", "quest-ce-quune-startup-détat"),
            ("Éditeur", "éditeur"),
            ("Directeur de la publication", "directeur-de-la-publication"),
            ("Plus d’infos\u{A0}?", "plus-dinfos"),
            ("Comment est financée une Startup d'État\u{A0}?", "comment-est-financée-une-startup-détat"),
            ("What is a State Startup?", "what-is-a-state-startup"),
            ("Trailing space ?", "trailing-space-"),
            ("snake_case and 2 digits", "snake_case-and-2-digits"),
            ("tab\there", "tab-here"),
            ("nar\u{202F}row", "narrow"),
            ("e\u{301}te\u{301}", "e\u{301}te\u{301}"),
        ] {
            assert_eq!(gfm_id(heading), id, "{heading:?}");
        }
    }

    #[test]
    fn repeated_ids_are_suffixed_and_explicit_ones_win() {
        let mut ids = HeadingIds::default();
        let mut next = |explicit: Option<&str>, text: &str| ids.assign(explicit, text);
        assert_eq!(next(None, "Résultats"), Ok("résultats".to_owned()));
        assert_eq!(next(None, "Résultats"), Ok("résultats-1".to_owned()));
        assert_eq!(next(None, "Résultats !"), Ok("résultats-".to_owned()));
        assert_eq!(next(None, "résultats"), Ok("résultats-2".to_owned()));
        assert_eq!(next(Some("pourquoi"), "Pourquoi ?"), Ok("pourquoi".to_owned()));
        assert_eq!(next(None, "Pourquoi"), Ok("pourquoi-1".to_owned()));
        assert_eq!(next(None, "?"), Ok("section".to_owned()));
        assert!(next(Some("pourquoi"), "Encore").unwrap_err().contains("`pourquoi`"));
    }
}
