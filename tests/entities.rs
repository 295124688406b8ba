//! The vendored pulldown-cmark (vendor/pulldown-cmark/VENDORED.md) decodes
//! every HTML5 named character reference exactly as upstream's table does:
//! all 2,125 of tests/data/html5-entities.txt, written from that table; and
//! leaves names that are not entities as they were written.

use pulldown_cmark::{Event, Parser};

/// The text `markdown` parses into, its text events joined.
fn text(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_entity_decodes_as_upstream_says() {
    let list = include_str!("data/html5-entities.txt");
    let mut count = 0;
    for line in list.lines().filter(|line| !line.starts_with('#')) {
        let (name, code_points) = line.split_once('\t').expect("name, tab, code points");
        let expected: String = code_points
            .split(' ')
            .map(|hex| char::from_u32(u32::from_str_radix(hex, 16).expect("hex")).expect("a scalar value"))
            .collect();
        assert_eq!(text(&format!("a&{name};b")), format!("a{expected}b"), "&{name};");
        count += 1;
    }
    assert_eq!(count, 2125);
}

#[test]
fn names_that_are_not_entities_stay_as_written() {
    for name in ["", "eacut", "eacutee", "Eacute2", "zwnjz", "AEli", "0", "ÿ", "a b"] {
        let written = format!("x&{name};y");
        assert_eq!(text(&written), written, "{written}");
    }
    // Matching is exact, case included.
    assert_eq!(text("&eacute; &Eacute; &EACUTE;"), "é É &EACUTE;");
}
