//! Properties of the header parsers and of the core, over generated input.
//!
//! Headers are generated as structures (lists of media ranges, language
//! ranges, entity tags, with their weights and parameters), rendered to bytes
//! with varied spacing, case and field lines, and the outcome is checked
//! against the structure with the rules of the doc comments, not against a
//! second parser: negotiation picks what the client accepts most, never
//! something at `q=0`; what lies past the caps never changes an answer; and
//! arbitrary bytes, methods and paths never make the core panic or fail.

use apropos_worker::conditional::{etag_for, none_match, MAX_IF_NONE_MATCH_TAGS};
use apropos_worker::head::{Head, REQUEST_HEADERS};
use apropos_worker::negotiate::{negotiate_format, negotiate_language, MAX_LIST_BYTES, MAX_LIST_ELEMENTS};
use apropos_worker::respond::{answer, respond};
use apropos_worker::syntax::combined;
use apropos_worker::{Config, Format, Lang, Site};
use http::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, ACCEPT_LANGUAGE, CONTENT_LANGUAGE, CONTENT_LENGTH,
    CONTENT_TYPE, IF_NONE_MATCH,
};
use http::{Method, Request, StatusCode};
use proptest::prelude::*;
use proptest::sample::select;

// Rendering -----------------------------------------------------------------

/// A weight as generated: none, a valid qvalue in thousandths, or one the
/// grammar rejects (which makes its whole element invalid).
#[derive(Clone, Copy, Debug)]
enum Weight {
    Absent,
    Valid(u16),
    Invalid(&'static str),
}

// (No comma: "q=0,5" is two elements, "q=0" and "5".)
const INVALID_QVALUES: [&str; 9] = ["2", "-1", "NaN", "1.0001", "0.1234", ".5", "", "1.5", "1e0"];

impl Weight {
    /// The thousandths it gives its element (1000 when absent), `None` when invalid.
    fn thousandths(self) -> Option<u16> {
        match self {
            Weight::Absent => Some(1000),
            Weight::Valid(q) => Some(q),
            Weight::Invalid(_) => None,
        }
    }

    /// `;q=…` in one of the spellings the grammar allows for the same value.
    fn render(self, spelling: u8) -> String {
        let q = if spelling.is_multiple_of(2) { "q" } else { "Q" };
        let ows = if spelling.is_multiple_of(3) { " " } else { "" };
        match self {
            Weight::Absent => String::new(),
            Weight::Invalid(text) => format!(";{ows}{q}={text}"),
            Weight::Valid(thousandths) => {
                let digits = format!("{:03}", thousandths % 1000);
                let kept = (spelling as usize / 6) % 4; // 0 to 3 decimals, when they are zeros
                let significant = digits.trim_end_matches('0').len();
                let decimals = &digits[..significant.max(kept)];
                let unit = thousandths / 1000;
                match decimals {
                    "" => format!(";{ows}{q}={unit}"),
                    _ => format!(";{ows}{q}={unit}.{decimals}"),
                }
            }
        }
    }
}

fn weight() -> impl Strategy<Value = Weight> {
    prop_oneof![
        3 => Just(Weight::Absent),
        6 => prop_oneof![Just(0_u16), Just(1000), 0_u16..=1000].prop_map(Weight::Valid),
        1 => select(&INVALID_QVALUES[..]).prop_map(Weight::Invalid),
    ]
}

/// Joins elements with varied separators and spacing, and cuts the list
/// into field lines where `breaks` says.
fn render_list(elements: &[String], separators: &[u8], breaks: &[bool]) -> Vec<Vec<u8>> {
    let mut lines = vec![String::new()];
    for (i, element) in elements.iter().enumerate() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() {
            line.push_str(match separators.get(i).copied().unwrap_or(0) % 5 {
                0 => ",",
                1 => ", ",
                2 => " ,\t",
                3 => ",, ,",
                _ => " , ",
            });
        }
        line.push_str(element);
        if breaks.get(i).copied().unwrap_or(false) {
            lines.push(String::new());
        }
    }
    lines.into_iter().map(String::into_bytes).collect()
}

/// The value the core reads of `lines` of the header `name`: as the runtime
/// hands it over, its lines joined.
fn value(name: &HeaderName, lines: &[Vec<u8>]) -> Vec<u8> {
    combined(header_map(name, lines).get_all(name)).into_owned()
}

fn header_map(name: &HeaderName, lines: &[Vec<u8>]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for line in lines {
        headers.append(name.clone(), HeaderValue::from_bytes(line).expect("rendered lines are valid values"));
    }
    headers
}

// Accept ------------------------------------------------------------------------

/// A parameter of a media range, before its weight.
#[derive(Clone, Copy, Debug)]
enum Parameter {
    /// `charset=utf-8`, which every format satisfies.
    Utf8(&'static str),
    /// Any other parameter: the range then matches no format.
    Other(&'static str),
}

const UTF8_PARAMETERS: [&str; 4] =
    ["charset=utf-8", "charset=UTF-8", "Charset=\"utf-8\"", "charset=\"UTF-8\""];
const OTHER_PARAMETERS: [&str; 5] =
    ["level=1", "charset=latin1", "format=flowed", "profile=\"a,b;q=0\"", "charset=\"utf-8,latin1\""];

#[derive(Clone, Debug)]
struct MediaRange {
    kind: &'static str,
    subtype: &'static str,
    parameters: Vec<Parameter>,
    weight: Weight,
    /// An accept-ext after the weight (ignored by the rules).
    extension: bool,
    uppercase: bool,
    spelling: u8,
}

impl MediaRange {
    /// Whether the grammar accepts it: `*/subtype` is not a range, nor is a bad qvalue.
    fn valid(&self) -> bool {
        !(self.kind == "*" && self.subtype != "*") && self.weight.thousandths().is_some()
    }

    /// How specifically it matches `format` (type 4, subtype 2, a satisfied
    /// charset 1), `None` if it does not match it.
    fn specificity(&self, format: Format) -> Option<u8> {
        let (kind, subtype) = format.media_type().split_once('/').expect("type/subtype");
        let kind_matches = self.kind == "*" || self.kind.eq_ignore_ascii_case(kind);
        let subtype_matches = self.subtype == "*" || self.subtype.eq_ignore_ascii_case(subtype);
        let satisfied = self.parameters.iter().all(|p| matches!(p, Parameter::Utf8(_)));
        (self.valid() && kind_matches && subtype_matches && satisfied).then(|| {
            4 * u8::from(self.kind != "*")
                + 2 * u8::from(self.subtype != "*")
                + u8::from(!self.parameters.is_empty())
        })
    }

    fn render(&self) -> String {
        let case = |s: &str| if self.uppercase { s.to_ascii_uppercase() } else { s.to_owned() };
        let mut text = format!("{}/{}", case(self.kind), case(self.subtype));
        for parameter in &self.parameters {
            let (Parameter::Utf8(p) | Parameter::Other(p)) = parameter;
            text.push_str(if self.spelling % 4 == 1 { " ; " } else { ";" });
            text.push_str(p);
        }
        text.push_str(&self.weight.render(self.spelling));
        if self.extension && !matches!(self.weight, Weight::Absent) {
            text.push_str(";level=2");
        }
        text
    }
}

fn media_range(quoted: bool) -> impl Strategy<Value = MediaRange> {
    let parameter = prop_oneof![
        3 => select(&UTF8_PARAMETERS[..]).prop_map(Parameter::Utf8),
        1 => select(&OTHER_PARAMETERS[..if quoted { 5 } else { 3 }]).prop_map(Parameter::Other),
    ];
    (
        select(&["text", "application", "image", "*", "audio"][..]),
        select(&["html", "json", "plain", "markdown", "*", "png", "xml", "xhtml+xml", "x-c"][..]),
        prop::collection::vec(parameter, 0..=2),
        weight(),
        any::<bool>(),
        prop::bool::weighted(0.2),
        any::<u8>(),
    )
        .prop_map(|(kind, subtype, parameters, weight, extension, uppercase, spelling)| MediaRange {
            kind,
            subtype,
            parameters,
            weight,
            extension,
            uppercase,
            spelling,
        })
}

/// An element of an `Accept` list: a media range, or something that is not one.
#[derive(Clone, Debug)]
enum AcceptElement {
    Range(MediaRange),
    Junk(&'static str),
}

const ACCEPT_JUNK: [&str; 8] = ["garbage", ";", "text/ html", "a/b/c", "/json", "text/", "q=1", "=;="];

impl AcceptElement {
    fn range(&self) -> Option<&MediaRange> {
        match self {
            AcceptElement::Range(range) => Some(range).filter(|r| r.valid()),
            AcceptElement::Junk(_) => None,
        }
    }

    fn render(&self) -> String {
        match self {
            AcceptElement::Range(range) => range.render(),
            AcceptElement::Junk(junk) => (*junk).to_owned(),
        }
    }
}

fn accept_element(quoted: bool) -> impl Strategy<Value = AcceptElement> {
    prop_oneof![
        9 => media_range(quoted).prop_map(AcceptElement::Range),
        1 => select(&ACCEPT_JUNK[..]).prop_map(AcceptElement::Junk),
    ]
}

/// An `Accept` header as generated: its elements, and how they are laid out.
#[derive(Clone, Debug)]
struct AcceptList {
    elements: Vec<AcceptElement>,
    separators: Vec<u8>,
    breaks: Vec<bool>,
}

impl AcceptList {
    fn lines(&self) -> Vec<Vec<u8>> {
        let rendered: Vec<String> = self.elements.iter().map(AcceptElement::render).collect();
        render_list(&rendered, &self.separators, &self.breaks)
    }

    /// The weight and specificity `format` gets: those of its most specific
    /// matching range, the higher weight among equally specific ones.
    fn preference(&self, format: Format) -> Option<(u16, u8)> {
        self.elements
            .iter()
            .filter_map(AcceptElement::range)
            .filter_map(|r| Some((r.specificity(format)?, r.weight.thousandths()?)))
            .max()
            .map(|(specificity, q)| (q, specificity))
    }
}

fn accept_list(max: usize, quoted: bool) -> impl Strategy<Value = AcceptList> {
    (
        prop::collection::vec(accept_element(quoted), 0..max),
        prop::collection::vec(any::<u8>(), max),
        prop::collection::vec(prop::bool::weighted(0.15), max),
    )
        .prop_map(|(elements, separators, breaks)| AcceptList { elements, separators, breaks })
}

// Accept-Language -----------------------------------------------------------------

/// Tags and whether the grammar accepts them (1 to 8 letters, then `-`
/// subtags of 1 to 8 letters or digits; or `*`).
const LANGUAGE_TAGS: [(&str, bool); 24] = [
    ("fr", true),
    ("en", true),
    ("FR", true),
    ("En", true),
    ("fr-FR", true),
    ("en-GB", true),
    ("en-us", true),
    ("fr-CA", true),
    ("en-Latn-GB-1994", true),
    ("de", true),
    ("es-419", true),
    ("*", true),
    ("english", true),
    ("enx", true),
    ("i-klingon", true),
    ("x-pig-latin", true),
    ("en_US", false),
    ("123", false),
    ("abcdefghi", false),
    ("-", false),
    ("*-en", false),
    ("en-", false),
    ("en--gb", false),
    ("fr-abcdefghi", false),
];

#[derive(Clone, Debug)]
struct LanguageRange {
    tag: (&'static str, bool),
    weight: Weight,
    /// A parameter other than `q`, which makes the element invalid.
    parameter: bool,
    spelling: u8,
}

impl LanguageRange {
    fn valid(&self) -> bool {
        self.tag.1 && self.weight.thousandths().is_some() && !self.parameter
    }

    /// Exact 2, a more specific tag of it 1, `*` 0; `None` if no match.
    fn specificity(&self, lang: Lang) -> Option<u8> {
        let (tag, code) = (self.tag.0.to_ascii_lowercase(), lang.code());
        if !self.valid() {
            None
        } else if tag == code {
            Some(2)
        } else if tag.strip_prefix(code).is_some_and(|rest| rest.starts_with('-')) {
            Some(1)
        } else {
            (tag == "*").then_some(0)
        }
    }

    fn render(&self) -> String {
        let parameter = if self.parameter { ";level=1" } else { "" };
        format!("{}{parameter}{}", self.tag.0, self.weight.render(self.spelling))
    }
}

#[derive(Clone, Debug)]
struct LanguageList {
    ranges: Vec<LanguageRange>,
    separators: Vec<u8>,
    breaks: Vec<bool>,
}

impl LanguageList {
    fn lines(&self) -> Vec<Vec<u8>> {
        let rendered: Vec<String> = self.ranges.iter().map(LanguageRange::render).collect();
        render_list(&rendered, &self.separators, &self.breaks)
    }

    fn preference(&self, lang: Lang) -> Option<(u16, u8)> {
        self.ranges
            .iter()
            .filter_map(|r| Some((r.specificity(lang)?, r.weight.thousandths()?)))
            .max()
            .map(|(specificity, q)| (q, specificity))
    }
}

fn language_list(max: usize) -> impl Strategy<Value = LanguageList> {
    let range = (select(&LANGUAGE_TAGS[..]), weight(), prop::bool::weighted(0.05), any::<u8>())
        .prop_map(|(tag, weight, parameter, spelling)| LanguageRange { tag, weight, parameter, spelling });
    (
        prop::collection::vec(range, 0..max),
        prop::collection::vec(any::<u8>(), max),
        prop::collection::vec(prop::bool::weighted(0.15), max),
    )
        .prop_map(|(ranges, separators, breaks)| LanguageList { ranges, separators, breaks })
}

// Arbitrary bytes -------------------------------------------------------------------

/// Bytes a header value may hold, weighted towards the ones parsers look at.
fn value_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        4 => select(&b",;=\"\\/* \tqQ.-W"[..]),
        3 => select(&b"0123456789"[..]),
        3 => prop::char::range('a', 'z').prop_map(|c| c as u8),
        1 => 0x21_u8..=0x7e,
        1 => 0x80_u8..=0xff,
    ];
    prop::collection::vec(byte, 0..max)
}

/// Field lines of arbitrary bytes (every one a valid header value).
fn arbitrary_lines() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(value_bytes(200), 0..4)
}

// The properties ----------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Negotiating a format picks one the client accepts at the highest
    /// weight, with the most specific range among those; never one at
    /// `q=0`; `None` (406) exactly when every format is at `q=0` or
    /// unmatched; `*/*` when no element is valid.
    #[test]
    fn accept_picks_a_most_wanted_acceptable_format(list in accept_list(24, true)) {
        let chosen = negotiate_format(&value(&ACCEPT, &list.lines()));
        if list.elements.iter().all(|e| e.range().is_none()) {
            prop_assert_eq!(chosen, Some(Format::Html), "no valid range is */*");
            return Ok(());
        }
        let preferences: Vec<_> = Format::ALL.into_iter().map(|f| (f, list.preference(f))).collect();
        let best = preferences.iter().filter_map(|(_, p)| *p).map(|(q, _)| q).max().unwrap_or(0);
        match chosen {
            None => prop_assert_eq!(best, 0, "406 while a format is acceptable: {:?}", preferences),
            Some(format) => {
                let (q, specificity) = list.preference(format).expect("the chosen format is matched");
                prop_assert!(q > 0, "{:?} is at q=0", format);
                prop_assert_eq!(q, best, "{:?} is not at the highest weight: {:?}", format, preferences);
                let most_specific = preferences.iter().filter_map(|(_, p)| *p).filter(|(q, _)| *q == best).map(|(_, s)| s).max();
                prop_assert_eq!(Some(specificity), most_specific, "a more specific range wins the tie: {:?}", preferences);
            }
        }
    }

    /// Negotiating a language picks one the client accepts at the highest
    /// weight, the most specific match among those, never one at `q=0`
    /// unless none is acceptable, when the answer is French, the default.
    #[test]
    fn accept_language_picks_a_most_wanted_language(list in language_list(16)) {
        let chosen = negotiate_language(&value(&ACCEPT_LANGUAGE, &list.lines()));
        let preferences: Vec<_> = Lang::ALL.into_iter().map(|l| (l, list.preference(l))).collect();
        let best = preferences.iter().filter_map(|(_, p)| *p).map(|(q, _)| q).max().unwrap_or(0);
        if best == 0 {
            prop_assert_eq!(chosen, Lang::Fr, "nothing acceptable is French: {:?}", preferences);
        } else {
            let (q, specificity) = list.preference(chosen).expect("the chosen language is matched");
            prop_assert!(q > 0);
            prop_assert_eq!(q, best, "{:?} is not at the highest weight: {:?}", chosen, preferences);
            let most_specific = preferences.iter().filter_map(|(_, p)| *p).filter(|(q, _)| *q == best).map(|(_, s)| s).max();
            prop_assert_eq!(Some(specificity), most_specific, "a more specific match wins the tie: {:?}", preferences);
        }
    }

    /// Arbitrary bytes in any number of field lines never make a parser panic.
    #[test]
    fn parsers_are_total(lines in arbitrary_lines(), body in value_bytes(32)) {
        let etag = etag_for(&body);
        let _ = negotiate_format(&value(&ACCEPT, &lines));
        let _ = negotiate_language(&value(&ACCEPT_LANGUAGE, &lines));
        let _ = none_match(&value(&IF_NONE_MATCH, &lines), &etag);
    }

    /// Past the byte cap, nothing changes the answer: a list filled up to
    /// the cap is decided the same whatever follows it, in the same field
    /// line or in more of them.
    #[test]
    fn nothing_past_the_byte_cap_is_read(
        accept in accept_list(24, true),
        languages in language_list(16),
        tail in value_bytes(300),
        more in arbitrary_lines(),
    ) {
        for (name, lines) in [(ACCEPT, accept.lines()), (ACCEPT_LANGUAGE, languages.lines())] {
            let mut full = lines.clone();
            let used: usize = full.iter().map(Vec::len).sum();
            let last = full.last_mut().expect("one line at least");
            last.extend_from_slice(b", ");
            last.resize(last.len() + MAX_LIST_BYTES.saturating_sub(used), b'x');
            let mut longer = full.clone();
            longer.last_mut().expect("one line").extend_from_slice(&tail);
            longer.extend(more.iter().cloned());
            let decide = |lines: &[Vec<u8>]| {
                let value = value(&name, lines);
                (negotiate_format(&value), negotiate_language(&value))
            };
            prop_assert_eq!(decide(&full), decide(&longer), "{} read past its cap", name);
        }
    }

    /// Past the element cap, nothing changes the answer either.
    #[test]
    fn nothing_past_the_element_cap_is_read(
        accept in prop::collection::vec(accept_element(true), MAX_LIST_ELEMENTS),
        more in prop::collection::vec(accept_element(true), 1..20),
    ) {
        let render = |elements: &[AcceptElement]| {
            let text: Vec<String> = elements.iter().map(AcceptElement::render).collect();
            vec![text.join(", ").into_bytes()]
        };
        let all: Vec<AcceptElement> = accept.iter().chain(&more).cloned().collect();
        prop_assert_eq!(
            negotiate_format(&value(&ACCEPT, &render(&accept))),
            negotiate_format(&value(&ACCEPT, &render(&all)))
        );
    }

    /// A header of 1 MB is decided as its capped prefix: the elements that
    /// end within the first MAX_LIST_BYTES bytes, a comma following them. The list is a head, some
    /// filler of invalid elements, then a tail repeated up to 1 MB, so where
    /// the cap falls decides which of the tail's ranges count.
    #[test]
    fn a_huge_header_is_decided_by_its_capped_prefix(
        accept in (accept_list(8, false), accept_list(12, false)),
        languages in (language_list(8), language_list(12)),
        filler in 0_usize..40,
    ) {
        let (accept_head, accept_tail) = (accept.0.lines(), accept.1.lines());
        let (language_head, language_tail) = (languages.0.lines(), languages.1.lines());
        for (name, head, tail) in [(ACCEPT, accept_head, accept_tail), (ACCEPT_LANGUAGE, language_head, language_tail)] {
            let separator = &b", "[..];
            let mut huge = head.join(separator);
            for _ in 0..filler {
                huge.extend_from_slice(separator);
                huge.extend_from_slice(&[b'x'; 97]);
            }
            let tail = tail.join(separator);
            while huge.len() < 1 << 20 {
                huge.extend_from_slice(separator);
                huge.extend_from_slice(if tail.is_empty() { b"y" } else { &tail });
            }
            // An element ends within the cap when a comma follows it, at the
            // latest right after the cap's last byte.
            let prefix = &huge[..=MAX_LIST_BYTES];
            let prefix = &prefix[..prefix.iter().rposition(|b| *b == b',').unwrap_or(0)];
            let decide = |value: &[u8]| (negotiate_format(value), negotiate_language(value));
            prop_assert_eq!(decide(&huge), decide(prefix), "{}", name);
        }
    }

    /// `If-None-Match` matches exactly when the representation's tag (weak
    /// or strong) or `*` is among the tags read; tags past the cap are not.
    #[test]
    fn if_none_match_finds_our_tag_among_the_first(
        body in value_bytes(64),
        others in prop::collection::vec(("[a-z0-9]{0,12}", any::<bool>(), any::<u8>()), 0..40),
        ours in prop::option::of((0_usize..40, any::<bool>())),
        star in prop::option::of(0_usize..40),
        separators in prop::collection::vec(any::<u8>(), 42),
        breaks in prop::collection::vec(prop::bool::weighted(0.1), 42),
    ) {
        let etag = etag_for(&body);
        let junk = ["junk", "W/", "w/\"x\"", "\"a,b\"", "\"\"", "x\"y"];
        let mut elements: Vec<String> = others
            .iter()
            .map(|(opaque, weak, kind)| match kind % 4 {
                0 => junk[usize::from(*kind) % junk.len()].to_owned(),
                _ => format!("{}\"o{opaque}\"", if *weak { "W/" } else { "" }),
            })
            .collect();
        let opaque = etag.to_str().unwrap().trim_start_matches("W/");
        let ours_text = ours.map(|(_, weak)| format!("{}{opaque}", if weak { "W/" } else { "" }));
        if let (Some((at, _)), Some(text)) = (ours, &ours_text) {
            elements.insert(at.min(elements.len()), text.clone());
        }
        if let Some(at) = star {
            elements.insert(at.min(elements.len()), "*".to_owned());
        }
        let if_none_match = value(&IF_NONE_MATCH, &render_list(&elements, &separators, &breaks));
        prop_assert_eq!(none_match(&if_none_match, &etag), ours.is_some() || star.is_some());

        // The same list behind MAX_IF_NONE_MATCH_TAGS other tags is never read.
        let mut behind: Vec<String> = (0..MAX_IF_NONE_MATCH_TAGS).map(|i| format!("\"o{i}\"")).collect();
        behind.extend(elements);
        prop_assert!(!none_match(behind.join(", ").as_bytes(), &etag));
    }
}

// The core ------------------------------------------------------------------------------

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        4 => select(&["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "CONNECT"][..])
            .prop_map(|m| Method::from_bytes(m.as_bytes()).expect("a method")),
        1 => "[A-Za-z!#$%&'*+.^_`|~-]{1,12}".prop_map(|m| Method::from_bytes(m.as_bytes()).expect("a token")),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let segment = select(
        &[
            "",
            "fr",
            "en",
            "de",
            "apropos",
            "index.html",
            "index.json",
            "index.txt",
            "index.md",
            "index",
            "..",
            ".",
            "%00",
            "%2e%2e",
            "APROPOS",
            "a%2Fb",
            "%C3%A9",
        ][..],
    );
    (prop::collection::vec(segment, 0..5), any::<bool>(), prop::option::of("[a-z=&%0-9]{0,20}")).prop_map(
        |(segments, slash, query)| {
            let mut path = format!("/{}", segments.join("/"));
            if slash && !path.ends_with('/') {
                path.push('/');
            }
            if let Some(query) = query {
                path = format!("{path}?{query}");
            }
            path
        },
    )
}

fn request_headers() -> impl Strategy<Value = Vec<(HeaderName, Vec<u8>)>> {
    let header = prop_oneof![
        accept_list(8, true).prop_map(|l| (ACCEPT, l.lines().join(&b", "[..]))),
        language_list(8).prop_map(|l| (ACCEPT_LANGUAGE, l.lines().join(&b", "[..]))),
        (select(vec![ACCEPT, ACCEPT_LANGUAGE, IF_NONE_MATCH]), value_bytes(120)),
        (
            select(&["range", "expect", "if-range", "host", "x-junk"][..]).prop_map(HeaderName::from_static),
            value_bytes(60)
        ),
    ];
    prop::collection::vec(header, 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any method, path and headers get an answer: never a 5xx, a body
    /// framed by its Content-Length, headers the entry can send, a variant
    /// of the page when it is a 200, and for HEAD the headers of the GET.
    #[test]
    fn respond_is_total_and_well_formed(
        method in method(),
        path in path(),
        headers in request_headers(),
    ) {
        let site = site();
        let mut request = Request::builder().method(method.clone()).uri(path.as_str());
        for (name, value) in &headers {
            request = request.header(name, HeaderValue::from_bytes(value).expect("a valid value"));
        }
        let (mut parts, ()) = request.body(()).expect("a valid request").into_parts();
        let response = respond(site, &parts);
        let status = response.status();
        prop_assert!(!status.is_server_error(), "{} for {} {}", status, method, path);
        for (name, value) in response.headers() {
            prop_assert!(value.to_str().is_ok(), "{} is not visible ASCII", name);
        }
        if let Some(length) = response.headers().get(CONTENT_LENGTH) {
            if method != Method::HEAD {
                let body_length = response.body().len().to_string();
                prop_assert_eq!(length.as_bytes(), body_length.as_bytes());
            }
        }
        if status == StatusCode::OK {
            let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
            prop_assert!(Format::ALL.iter().any(|f| Some(f.content_type()) == content_type), "{:?}", content_type);
            let language = response.headers().get(CONTENT_LANGUAGE).and_then(|v| v.to_str().ok());
            prop_assert!(Lang::ALL.iter().any(|l| Some(l.code()) == language), "{:?}", language);
        }
        if method == Method::HEAD {
            prop_assert!(response.body().is_empty());
            parts.method = Method::GET;
            let get = respond(site, &parts);
            prop_assert_eq!((get.status(), get.headers()), (status, response.headers()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The head the wasm entry makes of what the runtime hands it (the URL
    /// serialized, each header's lines joined, its bytes as the code points
    /// of a JavaScript string, in UTF-8) gets the very answer the same
    /// request gets as `http` parts; and the answer's status is its header
    /// set's.
    #[test]
    fn the_entrys_head_answers_as_http_parts_do(
        method in method(),
        secure in any::<bool>(),
        path in path(),
        headers in request_headers(),
    ) {
        let site = site();
        let url = format!("{}://beta.gouv.fr{path}", if secure { "https" } else { "http" });
        let mut request = Request::builder().method(method.clone()).uri(url.as_str());
        for (name, value) in &headers {
            request = request.header(name, HeaderValue::from_bytes(value).expect("a valid value"));
        }
        let (parts, ()) = request.body(()).expect("a valid request").into_parts();
        let values = REQUEST_HEADERS.each_ref().map(|name| {
            parts.headers.contains_key(name).then(|| {
                combined(parts.headers.get_all(name)).iter().map(|&byte| char::from(byte)).collect::<String>()
            })
        });
        let head = Head::new(method.as_str(), &url, values.each_ref().map(|v| v.as_deref().map(str::as_bytes)));
        let answer = answer(site, &head);
        prop_assert_eq!(answer.status, answer.set.status());
        let answer = answer.into_response();
        let expected = respond(site, &parts);
        prop_assert_eq!(
            (answer.status(), answer.headers(), answer.body()),
            (expected.status(), expected.headers(), expected.body())
        );
    }
}

/// One site for every case, as one isolate serves many requests.
fn site() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| Site::new(Config::default()))
}
