//! The inline HTML the content may use, and nothing else:
//!
//! - `<abbr title="…">…</abbr>`, an abbreviation and its expansion;
//! - an empty `<a name="…"></a>` (or `id="…"`) at the start of a heading,
//!   which gives the heading that explicit id.
//!
//! Any other tag is refused, so that no representation has to guess what it
//! means. The worker's renderer reads tags with it, and the content checks
//! too, so a tag the worker would refuse fails the build.

/// One tag of the content's inline HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `<abbr title="…">`, with the title's entities decoded.
    AbbrOpen {
        /// The expansion of the abbreviation.
        title: String,
    },
    /// `</abbr>`.
    AbbrClose,
    /// `<a name="…">` or `<a id="…">`: an anchor, the id of its heading.
    AnchorOpen {
        /// The anchor's name.
        name: String,
    },
    /// `</a>`.
    AnchorClose,
}

impl Tag {
    /// Parses one inline HTML tag, as pulldown-cmark hands it over.
    #[inline]
    pub fn parse(html: &str) -> Result<Tag, String> {
        let unsupported = || {
            format!(
                "unsupported inline HTML `{html}`: only <abbr title=\"…\">…</abbr> and an empty \
                 <a name=\"…\"></a> at the start of a heading are allowed"
            )
        };
        let inner =
            html.trim().strip_prefix('<').and_then(|s| s.strip_suffix('>')).ok_or_else(unsupported)?;
        let (name, rest) = inner.split_once(|c: char| c.is_ascii_whitespace()).unwrap_or((inner, ""));
        let attributes = parse_attributes(rest).ok_or_else(unsupported)?;
        let only = |wanted: &[&str]| {
            let name = attributes.first().map(|(name, _)| name.as_str());
            attributes.len() == 1 && wanted.iter().any(|w| Some(*w) == name)
        };
        let value = || attributes.first().map(|(_, value)| value.clone()).unwrap_or_default();
        match name.to_ascii_lowercase().as_str() {
            "/abbr" if attributes.is_empty() => Ok(Tag::AbbrClose),
            "/a" if attributes.is_empty() => Ok(Tag::AnchorClose),
            "abbr" if only(&["title"]) && !value().trim().is_empty() => Ok(Tag::AbbrOpen { title: value() }),
            "a" if only(&["name", "id"]) && is_id(&value()) => Ok(Tag::AnchorOpen { name: value() }),
            _ => Err(unsupported()),
        }
    }
}

/// A valid, non-empty HTML id: no whitespace.
#[inline]
fn is_id(value: &str) -> bool {
    !value.is_empty() && !value.chars().any(char::is_whitespace)
}

/// `name="value"` pairs (double, single or no quotes), names lowercased and
/// values' entities decoded; `None` if malformed.
#[inline]
fn parse_attributes(mut rest: &str) -> Option<Vec<(String, String)>> {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest == "/" {
            return Some(attributes);
        }
        let (name, after) = rest.split_once('=')?;
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return None;
        }
        let after = after.trim_start();
        let (value, next) = match after.chars().next()? {
            quote @ ('"' | '\'') => after.get(1..)?.split_once(quote)?,
            _ => after.split_once(|c: char| c.is_ascii_whitespace()).unwrap_or((after, "")),
        };
        attributes.push((name.to_ascii_lowercase(), decode_entities(value)?));
        rest = next;
    }
}

/// `value` with its character references decoded: the five XML ones
/// (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) and numeric ones; `None` for
/// any other, which the content should write as the character itself.
#[inline]
fn decode_entities(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at)?);
        let (entity, after) = rest.get(at + 1..)?.split_once(';')?;
        let decoded = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = entity.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)?
            }
        };
        out.push(decoded);
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr(title: &str) -> Result<Tag, String> {
        Ok(Tag::AbbrOpen { title: title.to_owned() })
    }

    fn anchor(name: &str) -> Result<Tag, String> {
        Ok(Tag::AnchorOpen { name: name.to_owned() })
    }

    #[test]
    fn supported_tags_parse() {
        for (html, expected) in [
            (r#"<abbr title="Direction d'État">"#, abbr("Direction d'État")),
            (r#"<abbr title='a "b"'>"#, abbr("a \"b\"")),
            (r#"<ABBR TITLE="x &amp; y &#233; &#xE9;">"#, abbr("x & y é é")),
            ("</abbr>", Ok(Tag::AbbrClose)),
            (r#"<a name="pourquoi-lancer">"#, anchor("pourquoi-lancer")),
            (r#"<a id="x" >"#, anchor("x")),
            ("<a name=x>", anchor("x")),
            ("</a>", Ok(Tag::AnchorClose)),
        ] {
            assert_eq!(Tag::parse(html), expected, "{html}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_tag_in_the_message() {
        for html in [
            "<span>",
            "<br>",
            "<!-- comment -->",
            r#"<abbr>"#,
            r#"<abbr title="">"#,
            r#"<abbr title="x" lang="en">"#,
            r#"<a href="/x">"#,
            r#"<a name="two words">"#,
            r#"<abbr title="&nbsp;">"#,
            r#"<abbr title="unterminated>"#,
            "</abbr x>",
        ] {
            let error = Tag::parse(html).unwrap_err();
            assert!(error.contains(html), "{html}: {error}");
        }
    }
}
