//! JSON (RFC 8259), written: the one writer of the page's JSON
//! representation, its JSON-LD, the JSON status pages and the log.
//!
//! A tree of [`Json`] values, printed compact (one line: the log, the status
//! pages) or pretty (in the layout of `serde_json::to_string_pretty`: the
//! page). The documents are small and fixed, and the worker need not carry
//! a serialisation framework for them.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A JSON value.
#[derive(Debug, PartialEq)]
pub enum Json<'a> {
    /// A string.
    String(Cow<'a, str>),
    /// A non-negative integer.
    Number(u64),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, its members in the order given.
    Object(Vec<(&'static str, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// A string borrowed from `s`.
    pub fn str(s: &'a str) -> Json<'a> {
        Json::String(Cow::Borrowed(s))
    }

    /// A string that owns `s`.
    pub fn owned(s: String) -> Json<'a> {
        Json::String(Cow::Owned(s))
    }

    /// This value on one line, without spaces.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// This value pretty-printed with two-space indents, its first line at
    /// the current position and its other lines at `depth`.
    pub fn pretty(&self, depth: usize) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(depth));
        out
    }

    /// Appends this value to `out`: pretty at `depth`, or compact if `None`.
    fn write(&self, out: &mut String, depth: Option<usize>) {
        let inner = depth.map(|depth| depth + 1);
        match self {
            Json::String(s) => push_string(out, s),
            Json::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    separator(out, inner, n > 0);
                    item.write(out, inner);
                }
                separator(out, depth, false);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (n, (name, value)) in members.iter().enumerate() {
                    separator(out, inner, n > 0);
                    push_string(out, name);
                    out.push_str(if depth.is_some() { ": " } else { ":" });
                    value.write(out, inner);
                }
                separator(out, depth, false);
                out.push('}');
            }
        }
    }
}

/// A comma if `after_item`, then, when pretty, a new line indented to `depth`.
fn separator(out: &mut String, depth: Option<usize>, after_item: bool) {
    if after_item {
        out.push(',');
    }
    if let Some(depth) = depth {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters
/// as short escapes or `\u00XX`, everything else as is. The result never
/// holds a line break, so a JSON value made of such strings fits on one line.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(s: &str) -> String {
        Json::str(s).compact()
    }

    #[test]
    fn escapes() {
        #[rustfmt::skip]
        let cases = [
            ("", r#""""#),
            ("plain é € 𝄞", r#""plain é € 𝄞""#),
            ("a \"quote\"", r#""a \"quote\"""#),
            (r"back\slash", r#""back\\slash""#),
            ("line\nfeed\r\ttab", r#""line\nfeed\r\ttab""#),
            ("nul \u{0} bell \u{7} unit \u{1f}", r#""nul \u0000 bell \u0007 unit \u001f""#),
            ("del \u{7f} ls \u{2028} </script>", "\"del \u{7f} ls \u{2028} </script>\""),
        ];
        for (input, expected) in cases {
            assert_eq!(string(input), expected, "{input:?}");
        }
    }

    #[test]
    fn strings_round_trip_through_a_json_parser() {
        let nasty = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} unit \u{1f} é € 𝄞 \u{2028} </script>";
        let text = string(nasty);
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), nasty);
        assert!(!text.chars().any(|c| u32::from(c) < 0x20), "{text}");
    }

    fn sample() -> Json<'static> {
        Json::Object(vec![
            ("a", Json::Number(2)),
            ("b", Json::Array(vec![Json::str("x"), Json::Object(vec![("c", Json::Array(vec![]))])])),
            ("d", Json::Object(vec![])),
        ])
    }

    #[test]
    fn pretty_prints_like_serde_json_pretty() {
        let expected =
            "{\n  \"a\": 2,\n  \"b\": [\n    \"x\",\n    {\n      \"c\": []\n    }\n  ],\n  \"d\": {}\n}";
        assert_eq!(sample().pretty(0), expected);
        let parsed: serde_json::Value = serde_json::from_str(expected).unwrap();
        assert_eq!(serde_json::to_string_pretty(&parsed).unwrap(), expected);
    }

    #[test]
    fn compact_prints_like_serde_json() {
        let compact = sample().compact();
        assert_eq!(compact, r#"{"a":2,"b":["x",{"c":[]}],"d":{}}"#);
        let parsed: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(serde_json::to_string(&parsed).unwrap(), compact);
    }
}
