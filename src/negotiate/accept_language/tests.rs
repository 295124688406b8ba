//! One line per case: the `Accept-Language` field lines sent, and the language chosen.

use http::header::{HeaderValue, ACCEPT_LANGUAGE};
use http::HeaderMap;

use crate::syntax::combined;

use super::negotiate_language;
use crate::variant::Lang::{self, En, Fr};

fn negotiate(lines: &[&[u8]]) -> Lang {
    let mut headers = HeaderMap::new();
    for line in lines {
        headers.append(ACCEPT_LANGUAGE, HeaderValue::from_bytes(line).expect("a valid field value"));
    }
    negotiate_language(&combined(headers.get_all(ACCEPT_LANGUAGE)))
}

#[test]
fn accept_language_table() {
    #[rustfmt::skip]
    let cases: &[(&[&[u8]], Lang)] = &[
        // Absent, empty, invalid: the default.
        (&[], Fr),
        (&[b""], Fr),
        (&[b" , ;;, "], Fr),
        (&[b"*"], Fr),
        (&[b"12"], Fr),
        (&[b"en_US"], Fr),
        (&[b"english-language"], Fr),
        (&[b"toolongtag"], Fr),
        // Real clients.
        (&[b"fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"], Fr),         // Chrome, French
        (&[b"en-US,en;q=0.9"], En),                               // Chrome, American
        (&[b"en-US,en;q=0.5"], En),                               // Firefox
        (&[b"fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3"], Fr),          // Firefox, French
        (&[b"en-GB,en;q=0.9"], En),                               // Safari, British
        (&[b"fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7"], Fr),         // Québec
        (&[b"de-DE,de;q=0.9,en;q=0.8"], En),                      // German who reads English
        (&[b"de-DE,de;q=0.9"], Fr),                               // neither: the default
        (&[b"zh-CN,zh;q=0.9,en;q=0.8,fr;q=0.7"], En),
        // Exact and prefix matches, any case.
        (&[b"en"], En),
        (&[b"EN"], En),
        (&[b"En-Gb"], En),
        (&[b"fr-CA"], Fr),
        (&[b"en-GB"], En),
        (&[b"en-Latn-GB-oxendict"], En),
        (&[b"eng"], Fr),                                           // not a prefix match
        (&[b"e"], Fr),
        // Weights.
        (&[b"fr;q=0.5, en"], En),
        (&[b"en;q=0.1, fr;q=0.2"], Fr),
        (&[b"en;q=0.001"], En),
        (&[b"fr;q=0.5, en;q=0.5"], Fr),                            // tie: the client's order
        (&[b"en;q=0.5, fr;q=0.5"], En),
        (&[b"en-GB;q=0.8, fr;q=0.8"], Fr),                        // tie: exact beats prefix
        (&[b"fr-BE;q=0.5, en-US;q=0.5, en;q=0.5"], En),           // tie: exact beats prefix
        (&[b"en-GB;q=0.5, en-US;q=0.9, fr;q=0.8"], En),           // equally specific: higher q
        // q=0 excludes; * matches what no other range names.
        (&[b"fr;q=0"], Fr),                                        // nothing acceptable: default
        (&[b"fr;q=0, *"], En),
        (&[b"*, fr;q=0"], En),
        (&[b"*;q=0.5, en"], En),
        (&[b"*;q=0.9, fr;q=0.5"], En),
        (&[b"*;q=0.5, fr-CA;q=0.6"], Fr),
        (&[b"en;q=0, *;q=0.1"], Fr),
        (&[b"fr-FR;q=0, en;q=0.1"], En),
        (&[b"*;q=0"], Fr),
        // A range appearing twice: the higher weight counts.
        (&[b"en;q=0.2, fr;q=0.5, en;q=0.9"], En),
        // Invalid elements are ignored, not the whole header.
        (&[b"fr;q=2, en;q=0.5"], En),
        (&[b"fr;q=NaN, en;q=0.1"], En),
        (&[b"fr;q=-1, en"], En),
        (&[b"fr;q=1.0001, en;q=0.9"], En),
        (&[b"fr;level=1, en;q=0.2"], En),
        (&[b"fr;;q=0.1, en;q=0.2"], En),
        (&[b"\xff\xfe;q=1, en"], En),
        (&[b"en!, fr;q=0.1"], Fr),
        (&[b"en-, en-GB-;q=1, en--GB, fr;q=0.1"], Fr),
        (&[b";q=1, en;q=0.3"], En),
        // Whitespace, several field lines.
        (&[b"  en \t; q=0.9 ,fr;q=0.8  "], En),
        (&[b"de", b"en;q=0.5"], En),
        (&[b"en;q=0.1", b"fr;q=0.2"], Fr),
    ];
    assert!(cases.len() >= 40);
    for (lines, expected) in cases {
        let shown: Vec<_> = lines.iter().map(|l| String::from_utf8_lossy(l)).collect();
        assert_eq!(negotiate(lines), *expected, "Accept-Language: {shown:?}");
    }
}

#[test]
fn the_choice_is_read_from_a_bounded_prefix() {
    let padding = "de, ".repeat(10_000);
    assert_eq!(negotiate(&[format!("{padding}en").as_bytes()]), Fr);
    assert_eq!(negotiate(&[format!("en, {padding}").as_bytes()]), En);
}
