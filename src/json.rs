//! JSON's string syntax (RFC 8259, section 7), shared by the page's JSON
//! representation, the JSON status pages and the log.

use std::fmt::Write as _;

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters
/// as short escapes or `\u00XX`, everything else as is. The result never
/// holds a line break, so a JSON value made of such strings fits on one line.
pub fn push_string(out: &mut String, s: &str) {
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
        let mut out = String::new();
        push_string(&mut out, s);
        out
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
}
