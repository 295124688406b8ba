//! Fidelity: nothing of the source is lost on the way to a representation.
//!
//! The source is read here with pulldown-cmark directly, independently of
//! the worker's model: every sentence of each language's source must appear
//! in that language's text output, and every link target, made absolute, in
//! every format.

use apropos_worker::content::{self, Source};
use apropos_worker::{Config, Format, Lang, Page, Site, Variant};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const SITE_URL: &str = "https://beta.gouv.fr";

/// The shipped site's page.
fn apropos() -> Page {
    Page::from_slug("apropos").expect("content/apropos.*.md")
}

fn source(lang: Lang) -> &'static Source {
    content::source(apropos(), lang)
}

fn body(site: &Site, lang: Lang, format: Format) -> String {
    let variant = Variant { lang, format };
    let rendered =
        site.representation(apropos(), variant).unwrap_or_else(|| panic!("{variant:?} failed to render"));
    String::from_utf8(rendered.body.to_vec()).expect("UTF-8")
}

/// The text of each paragraph, heading and tight list item of `markdown`,
/// inline HTML left out (the abbreviation inside `<abbr>` stays).
fn text_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = vec![String::new()];
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                blocks.last_mut().into_iter().for_each(|b| b.push_str(&text))
            }
            Event::SoftBreak | Event::HardBreak => blocks.last_mut().into_iter().for_each(|b| b.push(' ')),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => blocks.push(String::new()),
            _ => {}
        }
    }
    blocks.into_iter().map(|b| collapse(&b)).filter(|b| !b.is_empty()).collect()
}

/// Splits after `.`, `!`, `?` or `;` followed by a space.
fn sentences(block: &str) -> Vec<String> {
    let mut sentences = vec![String::new()];
    let mut chars = block.chars().peekable();
    while let Some(c) = chars.next() {
        sentences.last_mut().into_iter().for_each(|s| s.push(c));
        if matches!(c, '.' | '!' | '?' | ';') && chars.peek() == Some(&' ') {
            sentences.push(String::new());
        }
    }
    sentences.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// Runs of ASCII whitespace as one space (no-break spaces are text).
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `<abbr title="…">` expansion of `markdown`.
fn abbreviation_titles(markdown: &str) -> Vec<String> {
    markdown
        .split("<abbr title=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(t, _)| t.into())
        .collect()
}

/// The text output as running text: lines joined, link references and
/// abbreviation expansions removed, underlines and bullets dropped.
fn running_text(text: &str, titles: &[String]) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim_start().trim_start_matches("• ");
        if !line.is_empty() && line.chars().all(|c| matches!(c, '=' | '-' | '~')) {
            continue;
        }
        out.push_str(line);
        out.push(' ');
    }
    let mut out = collapse(&out);
    for title in titles {
        out = out.replace(&format!(" ({title})"), "");
    }
    let mut cleaned = String::new();
    let mut rest = out.as_str();
    while let Some(at) = rest.find("\u{A0}[") {
        cleaned.push_str(&rest[..at]);
        let after = &rest[at + "\u{A0}[".len()..];
        match after.split_once(']') {
            Some((number, tail)) if number.chars().all(|c| c.is_ascii_digit()) => rest = tail,
            _ => {
                cleaned.push_str("\u{A0}[");
                rest = after;
            }
        }
    }
    cleaned.push_str(rest);
    cleaned
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn every_sentence_of_the_source_is_in_the_text_output() {
    let site = Site::new(Config::default());
    for lang in Lang::ALL {
        let source = source(lang);
        let text = running_text(&body(&site, lang, Format::Text), &abbreviation_titles(source.body));
        let blocks = text_blocks(source.body);
        assert!(blocks.len() > 20, "{}: {} blocks read", source.file, blocks.len());
        for sentence in blocks.iter().flat_map(|block| sentences(block)) {
            assert!(text.contains(&sentence), "{}: not in the text output:\n{sentence}", source.file);
        }
    }
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn every_link_target_is_in_every_format_as_an_absolute_url() {
    let site = Site::new(Config::default());
    for lang in Lang::ALL {
        let source = source(lang);
        let targets: Vec<String> = Parser::new(source.body)
            .filter_map(|event| match event {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
                _ => None,
            })
            .collect();
        assert!(targets.len() >= 16, "{}: {} links read", source.file, targets.len());
        for format in Format::ALL {
            let output = body(&site, lang, format);
            for target in &targets {
                let absolute =
                    if target.starts_with('/') { format!("{SITE_URL}{target}") } else { target.clone() };
                let expected = match format {
                    Format::Html => format!("href=\"{}\"", absolute.replace('&', "&amp;")),
                    Format::Json => format!("\"href\": \"{absolute}\""),
                    Format::Markdown => format!("]({absolute})"),
                    Format::Text => format!("] {absolute}\n"),
                };
                assert!(output.contains(&expected), "{} as {format:?}: no {expected}", source.file);
            }
        }
    }
}

#[test]
fn the_running_text_helper_strips_only_what_the_text_format_adds() {
    let titles = vec!["Direction".to_owned()];
    let text =
        "Titre\n=====\n\nla DINSIC (Direction) et\nGIP\u{A0}[6] autonome [x].\n\n  • item\n    suite\n";
    assert_eq!(running_text(text, &titles), "Titre la DINSIC et GIP autonome [x]. item suite");
    assert_eq!(sentences("Un. Deux ? Trois ; quatre."), ["Un.", "Deux ?", "Trois ;", "quatre."]);
}
