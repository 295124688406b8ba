//! Line wrapping for the text format.
//!
//! Lines break only at ordinary spaces (U+0020), never at a no-break space
//! (U+00A0, U+202F), and never before French high punctuation written after
//! an ordinary space (`:`, `;`, `!`, `?`, `»`) nor after `«`, so that no
//! line starts with a lone `:`. Width is counted in characters, not bytes.
//! A word longer than the width (a URL, say) stands alone on its line,
//! unbroken.

/// `text` as lines of at most `width` characters where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for unit in units(text) {
        let unit_width = unit.chars().count();
        if line_width > 0 && line_width + 1 + unit_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if line_width > 0 {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(&unit);
        line_width += unit_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of `text`, with those that must not be separated joined by a
/// space: the unbreakable units of a line.
fn units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match units.last_mut() {
            Some(last) if last.ends_with('«') || word.starts_with([':', ';', '!', '?', '»']) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_owned()),
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fill_up_to_the_width() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("aa  bb", 10), ["aa bb"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("https://a.very.long/url short", 8), ["https://a.very.long/url", "short"]);
    }

    #[test]
    fn width_counts_characters_not_bytes() {
        assert_eq!(wrap("été été été", 7), ["été été", "été"]);
    }

    #[test]
    fn no_break_spaces_and_french_punctuation_hold_together() {
        assert_eq!(wrap("un deux\u{A0}? trois", 8), ["un", "deux\u{A0}?", "trois"]);
        assert_eq!(wrap("aa bb\u{202F}cc", 5), ["aa", "bb\u{202F}cc"]);
        assert_eq!(wrap("aaaa bb : cc", 6), ["aaaa", "bb :", "cc"]);
        assert_eq!(wrap("a « bb » c", 5), ["a", "« bb »", "c"]);
    }
}
