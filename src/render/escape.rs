//! Escaping for HTML text and attribute values.

/// Appends `text` to `out`, escaped for HTML text and double-quoted
/// attribute values: `&`, `<`, `>` and `"` become references.
pub fn push_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped for HTML (see [`push_html`]).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_become_references() {
        assert_eq!(super::html(r#"<a href="x">&'é"#), "&lt;a href=&quot;x&quot;&gt;&amp;'é");
    }
}
