//! The page's description (`<meta name="description">`, `og:description`,
//! the JSON `description`), derived from the content rather than written
//! beside it: the first paragraph's leading sentences, as many as fit in
//! [`MAX_CHARS`] characters, which search engines show whole. When even
//! the first sentence is longer, it is cut at the last space that fits and
//! ends with `…`.
//!
//! Deriving it keeps the source file unchanged and every language's
//! description a faithful part of its own text.

/// The longest description, in characters.
pub const MAX_CHARS: usize = 160;

/// The description of a page whose first paragraph reads `paragraph`.
pub fn describe(paragraph: &str) -> String {
    let text = paragraph.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    let mut description = String::new();
    for sentence in sentences(&text) {
        let candidate =
            if description.is_empty() { sentence.to_owned() } else { format!("{description} {sentence}") };
        if candidate.chars().count() > MAX_CHARS {
            break;
        }
        description = candidate;
    }
    if description.is_empty() {
        description = truncate(&text);
    }
    description
}

/// `text`'s sentences: each ends with `.`, `!`, `?` or `…` followed by a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .char_indices()
            .map(|(i, c)| (c, i + c.len_utf8()))
            .find(|&(c, end)| {
                matches!(c, '.' | '!' | '?' | '…') && rest.get(end..).is_some_and(|s| s.starts_with(' '))
            })
            .map_or(rest.len(), |(_, end)| end);
        let (sentence, after) = rest.split_at_checked(end).unwrap_or((rest, ""));
        rest = after.trim_start();
        Some(sentence)
    })
}

/// The longest prefix of `text` that ends at a space, with `…`, within
/// [`MAX_CHARS`] characters.
fn truncate(text: &str) -> String {
    let limit = text.char_indices().nth(MAX_CHARS - 1).map_or(text.len(), |(i, _)| i);
    let cut = text.get(..limit).and_then(|head| head.rfind(' ')).unwrap_or(limit);
    format!("{}…", text.get(..cut).unwrap_or_default().trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_sentences_that_fit_are_kept() {
        let french = "beta.gouv.fr est le réseau des incubateurs de Startups d’État. Notre mission est \
                      d'améliorer le service public de l'intérieur en favorisant le passage à l'action d'agents publics.";
        assert_eq!(describe(french), "beta.gouv.fr est le réseau des incubateurs de Startups d’État.");
        assert_eq!(describe("Un.  Deux ?\nTrois !"), "Un. Deux ? Trois !");
        assert_eq!(describe("Pas de point final"), "Pas de point final");
    }

    #[test]
    fn a_first_sentence_too_long_is_cut_at_a_space() {
        let long = "mot ".repeat(60);
        let description = describe(&long);
        assert!(description.chars().count() <= MAX_CHARS, "{description}");
        assert!(description.ends_with("mot…"), "{description}");
        let no_space = "x".repeat(200);
        assert_eq!(describe(&no_space).chars().count(), MAX_CHARS);
    }
}
