//! The content's checks: everything in `content/` is read, typed and
//! compared before it ships.
//!
//! Run by the worker's `build.rs`, which embeds what [`check`] returns (see
//! [`crate::emit`]) and fails the build with its errors; never part of the
//! worker, which carries no YAML parser.
//!
//! `content/` holds, for each page `slug` and language `lang`:
//!
//! - `{slug}.{lang}.md`: markdown with a YAML front matter (see [`Source`]);
//!   the French file is the source, every other language a translation that
//!   must keep its sections (count, levels, explicit anchors) and its link
//!   targets;
//! - `site.{lang}.yml`: the words of the site's chrome ([`Labels`]).
//!
//! Each page's heading ids are computed here too ([`heading_id`]): an
//! explicit anchor that repeats an id is an error.
//!
//! Every error names the file and the field it is about.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use pulldown_cmark::{Event, Parser, Tag as MdTag};

use crate::{heading_id, inline_html, target, Labels, Link, NavItem, Source, Value as _, SOURCE_LANG};

/// A problem with a content file.
#[derive(Debug, PartialEq, Eq)]
pub struct ContentError {
    /// The file, e.g. `content/apropos.en.md`.
    pub file: String,
    /// The field or part of the file, e.g. `front matter: title` or `links`.
    pub field: String,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.field, self.message)
    }
}

fn error(file: &str, field: &str, message: impl Into<String>) -> ContentError {
    ContentError { file: file.to_owned(), field: field.to_owned(), message: message.into() }
}

/// A page's file, read and checked: what the worker embeds of it.
pub type PageFile = Source<String, Vec<String>>;

/// A language's `site.{lang}.yml`, read and checked.
pub type LabelsFile = Labels<String, Vec<Link<String>>, Vec<NavItem<String, Vec<Link<String>>>>>;

/// Everything in `content/`, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct Content {
    /// Every page in every language, sorted by slug, the source language first.
    pub pages: Vec<PageFile>,
    /// The chrome's words, by language.
    pub labels: BTreeMap<String, LabelsFile>,
}

/// Reads and checks every file of `content/`, given as `(path, text)`.
///
/// Each file is checked on its own, then against the others (every page
/// has a source and labels in its language, every translation keeps its
/// source's outline), so that one run reports every independent error.
pub fn check(files: &[(String, String)]) -> Result<Content, Vec<ContentError>> {
    let mut errors = Vec::new();
    let (mut pages, mut labels) = (Vec::new(), BTreeMap::new());
    let (mut found, mut label_langs) = (Vec::new(), BTreeSet::new());
    for (file, text) in files {
        match file_name(file) {
            Err(e) => errors.push(e),
            Ok(FileName::Labels { lang }) => {
                label_langs.insert(lang);
                match parse_labels(file, lang, text) {
                    Ok(parsed) => drop(labels.insert(lang.to_owned(), parsed)),
                    Err(e) => errors.push(e),
                }
            }
            Ok(FileName::Page { slug, lang }) => {
                let body = split_front_matter(text).ok().map(|(_, body)| body);
                found.push(Found { file, slug, lang, body });
                match parse_page(file, slug, lang, text) {
                    Ok(page) => pages.push(page),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    pages.sort_by(|a, b| {
        (&a.slug, a.lang != SOURCE_LANG, &a.lang).cmp(&(&b.slug, b.lang != SOURCE_LANG, &b.lang))
    });
    errors.extend(check_chrome_structure(&labels));
    errors.extend(check_languages(&found, &label_langs));
    errors.extend(check_translations(&found));
    errors.extend(check_page_settings(&pages));
    match errors.is_empty() {
        true => Ok(Content { pages, labels }),
        false => Err(errors),
    }
}

/// What a content file's name says it is.
enum FileName<'a> {
    /// `{slug}.{lang}.md`.
    Page { slug: &'a str, lang: &'a str },
    /// `site.{lang}.yml`.
    Labels { lang: &'a str },
}

/// A page file whose name is valid, with its body if its front matter is
/// delimited, for the checks across files.
struct Found<'a> {
    file: &'a str,
    slug: &'a str,
    lang: &'a str,
    body: Option<&'a str>,
}

fn file_name(file: &str) -> Result<FileName<'_>, ContentError> {
    let name = file.rsplit('/').next().unwrap_or(file);
    match name.split('.').collect::<Vec<_>>()[..] {
        ["site", lang, "yml"] => valid_lang(file, lang).map(|()| FileName::Labels { lang }),
        [slug, lang, "md"] => {
            valid_lang(file, lang)?;
            let valid = slug.starts_with(|c: char| c.is_ascii_lowercase())
                && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            match valid {
                true => Ok(FileName::Page { slug, lang }),
                false => Err(error(
                    file,
                    "file name",
                    format!("`{slug}` is not a slug: lowercase letters, digits and -, a letter first"),
                )),
            }
        }
        _ => Err(error(file, "file name", "expected {slug}.{lang}.md or site.{lang}.yml")),
    }
}

fn valid_lang(file: &str, lang: &str) -> Result<(), ContentError> {
    let valid = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
    match valid {
        true => Ok(()),
        false => Err(error(
            file,
            "file name",
            format!("`{lang}` is not a language tag: two or three lowercase letters"),
        )),
    }
}

/// What a page may be for its structured data (its `kind`): schema.org's
/// `WebPage` and its kinds.
pub const PAGE_KINDS: &[&str] = &[
    "WebPage",
    "AboutPage",
    "CheckoutPage",
    "CollectionPage",
    "ContactPage",
    "FAQPage",
    "ItemPage",
    "MedicalWebPage",
    "ProfilePage",
    "QAPage",
    "RealEstateListing",
    "SearchResultsPage",
];

/// Parses `{slug}.{lang}.md`: front matter, then body.
pub fn parse_page(file: &str, slug: &str, lang: &str, text: &str) -> Result<PageFile, ContentError> {
    let (yaml, body) = split_front_matter(text).map_err(|m| error(file, "front matter", m))?;
    // An empty front matter is an empty mapping, so that its missing fields are named.
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    let front: PageFile =
        serde_saphyr::from_str(yaml).map_err(|e| error(file, "front matter", yaml_error(&e, 2)))?;
    let title = front.title.as_str();
    if title.trim().is_empty() || title.trim() != title || title.contains('\n') {
        return Err(error(
            file,
            "front matter: title",
            "must be one line of text, without surrounding spaces",
        ));
    }
    let expected = format!("/{slug}/");
    if front.permalink.as_ref().is_some_and(|p| *p != expected) {
        return Err(error(
            file,
            "front matter: permalink",
            format!("must be {expected}, the URL that negotiates"),
        ));
    }
    if let Some(kind) = front.kind.as_deref().filter(|kind| !PAGE_KINDS.contains(kind)) {
        return Err(error(
            file,
            "front matter: kind",
            format!("`{kind}` is not one of {}", PAGE_KINDS.join(", ")),
        ));
    }
    let outline = outline(body).map_err(|(field, message)| error(file, field, message))?;
    let heading_ids = heading_ids(&outline).map_err(|message| error(file, "sections", message))?;
    Ok(Source {
        file: file.to_owned(),
        slug: slug.to_owned(),
        lang: lang.to_owned(),
        heading_ids,
        body: body.to_owned(),
        ..front
    })
}

/// The YAML between the opening and closing `---` lines, and the rest.
pub fn split_front_matter(text: &str) -> Result<(&str, &str), String> {
    let rest = text.strip_prefix("---\n").ok_or("missing: the file must start with a line ---")?;
    if let Some(body) = rest.strip_prefix("---\n") {
        return Ok(("", body));
    }
    let end = rest.find("\n---\n").ok_or("not terminated: no closing line ---")?;
    Ok((rest.get(..end).unwrap_or_default(), rest.get(end + "\n---\n".len()..).unwrap_or_default()))
}

/// A YAML error on one line, its position counted in lines of the file
/// whose YAML starts on line `first_line`.
fn yaml_error(error: &serde_saphyr::Error, first_line: usize) -> String {
    let message = error.without_snippet().to_string().replace('\n', " ");
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(message, _)| message);
    match error.location() {
        Some(at) => format!(
            "{message} (line {}, column {})",
            (at.line() as usize + first_line).saturating_sub(1),
            at.column()
        ),
        None => message.to_owned(),
    }
}

/// Parses `site.{lang}.yml`: every field present, no text empty, every URL
/// absolute or root-relative, every navigation entry a link or a menu.
pub fn parse_labels(file: &str, lang: &str, text: &str) -> Result<LabelsFile, ContentError> {
    let mut labels: LabelsFile =
        serde_saphyr::from_str(text).map_err(|e| error(file, "labels", yaml_error(&e, 1)))?;
    labels.lang = lang.to_owned();
    let mut problem = None;
    labels.each_text("", &mut |field, text| {
        if problem.is_some() {
            return;
        }
        if text.trim().is_empty() {
            problem = Some(error(file, field, "must not be empty"));
        } else if (field == "url" || field.ends_with(": url")) && !is_chrome_url(text) {
            problem = Some(error(
                file,
                field,
                format!("`{text}` must be absolute (https://…) or root-relative (/…), without spaces"),
            ));
        }
    });
    if let Some(problem) = problem {
        return Err(problem);
    }
    for item in &labels.header.nav {
        match (&item.url, &item.links) {
            (Some(_), None) => {}
            (None, Some(links)) if !links.is_empty() => {}
            _ => {
                return Err(error(
                    file,
                    &format!("header: nav: {}", item.label),
                    "an entry has either a `url` (a link) or non-empty `links` (a menu), not both",
                ))
            }
        }
    }
    Ok(labels)
}

/// Whether `url` may be a link of the chrome: `https://` or `http://` and a
/// host, or a path from the site's root (not `//`, which names a host).
fn is_chrome_url(url: &str) -> bool {
    let absolute = ["https://", "http://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    });
    let rooted = url.starts_with('/') && !url.starts_with("//");
    (absolute || rooted) && !url.chars().any(char::is_whitespace)
}

/// Every language's chrome has the source language's structure: the same
/// fields, menus and links, in the same order (its words and URLs may differ).
fn check_chrome_structure(labels: &BTreeMap<String, LabelsFile>) -> Vec<ContentError> {
    let shape = |labels: &LabelsFile| {
        let mut fields = Vec::new();
        labels.each_text("", &mut |field, _| fields.push(field.to_owned()));
        fields
    };
    let Some(source) = labels.get(SOURCE_LANG) else { return Vec::new() };
    let expected = shape(source);
    let mut errors = Vec::new();
    for (lang, translation) in labels.iter().filter(|(lang, _)| *lang != SOURCE_LANG) {
        let fields = shape(translation);
        if let Some(at) = (0..expected.len().max(fields.len())).find(|&i| expected.get(i) != fields.get(i)) {
            let field = fields.get(at).or(expected.get(at)).map_or("labels", String::as_str);
            errors.push(error(
                &format!("content/site.{lang}.yml"),
                field,
                format!(
                    "the chrome differs from content/site.{SOURCE_LANG}.yml's here (field {} of {} there, {} of {} here): \
                     every language has the same menus with the same number of links",
                    at + 1,
                    expected.len(),
                    at + 1,
                    fields.len()
                ),
            ));
        }
    }
    errors
}

/// What a translation must keep of its source.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Each heading: its level, its explicit anchor, and its text (for messages).
    pub headings: Vec<(u8, Option<String>, String)>,
    /// Every link target, as written, sorted.
    pub links: Vec<String>,
}

/// The outline of a markdown body, or the field and message of the first
/// inline HTML tag or link target the worker would refuse.
pub fn outline(body: &str) -> Result<Outline, (&'static str, String)> {
    let mut outline = Outline::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    for event in Parser::new(body) {
        match event {
            Event::Start(MdTag::Heading { level, .. }) => heading = Some((level as u8, None, String::new())),
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => outline.headings.extend(heading.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push(' ');
                }
            }
            Event::InlineHtml(html) => {
                let tag = inline_html::Tag::parse(&html).map_err(|m| ("inline HTML", m))?;
                if let (inline_html::Tag::AnchorOpen { name }, Some((_, anchor @ None, _))) =
                    (tag, heading.as_mut())
                {
                    *anchor = Some(name);
                }
            }
            Event::Start(MdTag::Link { dest_url, .. }) => {
                target::Target::parse(&dest_url).map_err(|m| ("links", m))?;
                outline.links.push(dest_url.into_string());
            }
            _ => {}
        }
    }
    outline.links.sort();
    Ok(outline)
}

/// The id of each heading of `outline`, in order: its explicit anchor, or
/// kramdown's GFM id of its text, made unique.
pub fn heading_ids(outline: &Outline) -> Result<Vec<String>, String> {
    let mut ids = heading_id::HeadingIds::default();
    outline.headings.iter().map(|(_, anchor, title)| ids.assign(anchor.as_deref(), title.trim())).collect()
}

/// Every page has a source, every page's language has labels, and every
/// labels file has pages.
fn check_languages(found: &[Found<'_>], label_langs: &BTreeSet<&str>) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for page in found {
        if !found.iter().any(|p| p.slug == page.slug && p.lang == SOURCE_LANG) {
            let message = format!("no source content/{}.{SOURCE_LANG}.md to translate", page.slug);
            errors.push(error(page.file, "file name", message));
        }
        if !label_langs.contains(page.lang) {
            let message =
                format!("no content/site.{}.yml for the words of the site in this language", page.lang);
            errors.push(error(page.file, "file name", message));
        }
    }
    for lang in label_langs.iter().filter(|lang| !found.iter().any(|p| p.lang == **lang)) {
        errors.push(error(&format!("content/site.{lang}.yml"), "file name", "no page in this language"));
    }
    let slugs: BTreeSet<&str> = found.iter().map(|p| p.slug).collect();
    for slug in slugs.iter().filter(|slug| label_langs.contains(*slug)) {
        let message = format!("`{slug}` is a language's tag: /{slug}/ would name the language, not the page");
        errors.push(error(&format!("content/{slug}.{SOURCE_LANG}.md"), "file name", message));
    }
    for slug in slugs {
        for lang in
            label_langs.iter().filter(|lang| !found.iter().any(|p| p.slug == slug && p.lang == **lang))
        {
            let message = format!("no content/{slug}.{lang}.md: every page is in every language");
            errors.push(error(&format!("content/site.{lang}.yml"), "file name", message));
        }
    }
    errors
}

/// What a page's files say of the whole page, `kind` and `home`: any of its
/// files may say it (the source may be a verbatim copy of another site's),
/// and those that do agree; at most one page is the home.
fn check_page_settings(pages: &[PageFile]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for page in pages {
        let first = |field: fn(&PageFile) -> bool| pages.iter().find(|p| p.slug == page.slug && field(p));
        if let Some(other) =
            first(|p| p.kind.is_some()).filter(|o| page.kind.is_some() && o.kind != page.kind)
        {
            errors.push(error(&page.file, "front matter: kind", format!("differs from {}'s", other.file)));
        }
        if let Some(other) =
            first(|p| p.home.is_some()).filter(|o| page.home.is_some() && o.home != page.home)
        {
            errors.push(error(&page.file, "front matter: home", format!("differs from {}'s", other.file)));
        }
    }
    let mut homes: Vec<(&str, &str)> =
        pages.iter().filter(|p| p.home == Some(true)).map(|p| (p.slug.as_str(), p.file.as_str())).collect();
    homes.dedup_by_key(|(slug, _)| *slug);
    if let [(_, first), others @ ..] = &homes[..] {
        for (_, other) in others {
            errors.push(error(other, "front matter: home", format!("{first} is the home page already")));
        }
    }
    errors
}

/// Every translation keeps its source's sections and link targets.
fn check_translations(found: &[Found<'_>]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for page in found.iter().filter(|p| p.lang != SOURCE_LANG) {
        let Some(source) = found.iter().find(|p| p.slug == page.slug && p.lang == SOURCE_LANG) else {
            continue;
        };
        let outlines = (source.body.map(outline), page.body.map(outline));
        if let (Some(Ok(expected)), Some(Ok(actual))) = outlines {
            errors.extend(compare(source.file, &expected, page.file, &actual));
        }
    }
    errors
}

/// How the outline of the translation `file` differs from its source's.
pub fn compare(source_file: &str, source: &Outline, file: &str, translation: &Outline) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let (expected, actual) = (&source.headings, &translation.headings);
    if expected.len() != actual.len() {
        let message = format!("{} headings, but {source_file} has {}", actual.len(), expected.len());
        errors.push(error(file, "sections", message));
    }
    for (n, ((level, anchor, title), (source_level, source_anchor, source_title))) in
        actual.iter().zip(expected).enumerate()
    {
        if (level, anchor) != (source_level, source_anchor) {
            let message = format!(
                "heading {} “{title}” is level {level} with anchor {anchor:?}, but “{source_title}” in {source_file} \
                 is level {source_level} with anchor {source_anchor:?}",
                n + 1
            );
            errors.push(error(file, "sections", message));
        }
    }
    let (expected, actual) = (count(&source.links), count(&translation.links));
    for link in expected.keys().chain(actual.keys().filter(|l| !expected.contains_key(*l))) {
        let (want, have) = (expected.get(link).copied().unwrap_or(0), actual.get(link).copied().unwrap_or(0));
        if want != have {
            let message = format!("`{link}` is a link target {have} time(s), {want} in {source_file}");
            errors.push(error(file, "links", message));
        }
    }
    errors
}

/// How many times each link target occurs.
fn count(links: &[String]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for link in links {
        *counts.entry(link.as_str()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Layout;

    const FR: &str = "---\nlayout: page\npermalink: /p/\ntitle: Titre\nkind: AboutPage\n---\n\n\
                      ### <a name=\"x\"></a>Qui ?\n\n[a](/a/) et [b](https://b.fr) <abbr title=\"T\">T</abbr>.\n\n## Fin\n";
    const EN: &str =
        "---\ntitle: Title\n---\n\n### <a name=\"x\"></a>Who?\n\n[b](https://b.fr) and [a](/a/).\n\n## End\n";
    /// A complete `site.{lang}.yml`, for the tests of this crate.
    pub(crate) const LABELS: &str = "language_name: L\nog_locale: l_L\ntagline: t\nother_formats: o\n\
                          formats: {json: J, txt: T, md: M}\nlinks: l\njson_note: j\n\
                          skip_links: {label: a, content: c, menu: m, footer: f}\n\
                          header:\n  home_title: h\n  menu: m\n  close: c\n  search: s\n  search_placeholder: p\n\
                          \x20 select_language: l\n  navigation: n\n  new_window: w\n\
                          \x20 shortcuts: [{label: D, url: 'https://d.fr'}]\n\
                          \x20 nav:\n    - {label: P, links: [{label: A, url: /a/}, {label: B, url: /b}]}\n\
                          \x20   - {label: I, url: /i/}\n\
                          footer:\n  description: d\n  navigation: n\n  more: m\n\
                          \x20 institutions: [{label: G, url: 'https://g.fr'}]\n\
                          \x20 legal: [{label: M, url: /p/}]\n  licence_text: t\n\
                          \x20 licence: {label: L, url: 'https://l.fr/'}\n\
                          status:\n  home: h\n  not_found: {title: n, detail: d}\n\
                          \x20 method_not_allowed: {title: m, detail: d}\n\
                          \x20 not_acceptable: {title: a, detail: d}\n";

    fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(file, text)| (format!("content/{file}"), text.to_string())).collect()
    }

    /// The site with `file` replaced by (or added as) `text`.
    fn site_with(file: &str, text: &str) -> Vec<(String, String)> {
        let mut site =
            vec![("p.fr.md", FR), ("p.en.md", EN), ("site.fr.yml", LABELS), ("site.en.yml", LABELS)];
        site.retain(|(name, _)| *name != file);
        if !text.is_empty() {
            site.push((file, text));
        }
        files(&site)
    }

    fn errors(files: Vec<(String, String)>) -> Vec<String> {
        check(&files).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn consistent_content_passes_sorted_source_first() {
        let content = check(&site_with("p.en.md", EN)).unwrap();
        let order: Vec<_> = content.pages.iter().map(|p| (p.slug.as_str(), p.lang.as_str())).collect();
        assert_eq!(order, [("p", "fr"), ("p", "en")]);
        assert_eq!(content.pages[0].title, "Titre");
        assert_eq!(content.pages[0].layout, Some(Layout::Page));
        assert!(content.pages[1].body.starts_with("\n### "));
        assert_eq!(content.labels["en"].formats.md, "M");
        assert_eq!(content.pages[0].heading_ids, ["x", "fin"]);
    }

    #[test]
    fn each_broken_file_fails_naming_the_file_and_the_field() {
        for (file, text, expected) in [
            ("p.en.md", "---\nlayout: page\n---\nx\n", "content/p.en.md: front matter: missing field `title` (line 2, column 1)"),
            ("p.en.md", "---\ntitle: [a, b]\n---\nx\n", "content/p.en.md: front matter: "),
            ("p.en.md", "---\ntitle: T\nauthor: x\n---\nx\n", "content/p.en.md: front matter: unknown field `author`, expected one of title, layout, permalink, kind, home (line 3, column 1)"),
            ("p.en.md", "---\ntitle: T\nlayout: post\n---\nx\n", "content/p.en.md: front matter: unknown variant `post`"),
            ("p.en.md", "---\ntitle: ' '\n---\nx\n", "content/p.en.md: front matter: title: must be one line"),
            ("p.en.md", "---\ntitle: T\npermalink: /x/\n---\n", "content/p.en.md: front matter: permalink: must be /p/"),
            ("p.en.md", "title: T\n", "content/p.en.md: front matter: missing"),
            ("p.en.md", "---\ntitle: T\n", "content/p.en.md: front matter: not terminated"),
            ("p.en.md", "---\ntitle: T\n---\n<span>x</span>\n", "content/p.en.md: inline HTML: unsupported inline HTML `<span>`"),
            ("p.en.md", "---\ntitle: T\n---\n[x](x.pdf)\n", "content/p.en.md: links: link target `x.pdf` is relative"),
            ("p.en.md", "---\ntitle: T\n---\n## <a name=\"x\"></a>A\n\n## <a name=\"x\"></a>B\n", "content/p.en.md: sections: the explicit anchor `x` repeats"),
            ("site.en.yml", "language_name: L\n", "content/site.en.yml: labels: missing field `og_locale`"),
            ("site.en.yml", &LABELS.replace("tagline: t", "tagline: ''"), "content/site.en.yml: tagline: must not be empty"),
            ("site.en.yml", &LABELS.replace("md: M", "md: ' '"), "content/site.en.yml: formats: md: must not be empty"),
            ("site.en.yml", &LABELS.replace("url: /i/", "url: i/"), "content/site.en.yml: header: nav: url: `i/` must be absolute (https://…) or root-relative (/…), without spaces"),
            ("site.en.yml", &LABELS.replace("url: /i/", "url: //i.fr/"), "content/site.en.yml: header: nav: url: `//i.fr/` must be absolute"),
            ("site.en.yml", &LABELS.replace("'https://g.fr'", "'https://'"), "content/site.en.yml: footer: institutions: url: `https://` must be absolute"),
            ("site.en.yml", &LABELS.replace("url: /b}", "url: /b c}"), "content/site.en.yml: header: nav: links: url: `/b c` must be absolute"),
            ("site.en.yml", &LABELS.replace("{label: A, url: /a/}", "{label: '', url: /a/}"), "content/site.en.yml: header: nav: links: label: must not be empty"),
            ("site.en.yml", &LABELS.replace("{label: I, url: /i/}", "{label: I}"), "content/site.en.yml: header: nav: I: an entry has either a `url` (a link) or non-empty `links` (a menu), not both"),
            ("site.en.yml", &LABELS.replace("{label: I, url: /i/}", "{label: I, url: /i/, links: []}"), "content/site.en.yml: header: nav: I: an entry has either"),
            ("site.en.yml", &LABELS.replace("{label: I, url: /i/}", "{label: I, links: []}"), "content/site.en.yml: header: nav: I: an entry has either"),
            ("site.en.yml", &LABELS.replace(", {label: B, url: /b}", ""), "content/site.en.yml: header: nav: label: the chrome differs from content/site.fr.yml's here (field 28 of 48 there, 28 of 46 here)"),
            ("site.en.yml", &LABELS.replace("shortcuts: [{label: D, url: 'https://d.fr'}]", "shortcuts: []"), "content/site.en.yml: header: nav: label: the chrome differs from content/site.fr.yml's here (field 23 of 48"),
            ("P.en.md", EN, "content/P.en.md: file name: `P` is not a slug"),
            ("2p.en.md", EN, "content/2p.en.md: file name: `2p` is not a slug"),
            ("en.fr.md", FR, "content/en.fr.md: file name: `en` is a language's tag"),
            ("p.english.md", EN, "content/p.english.md: file name: `english` is not a language tag"),
            ("p.en.markdown", EN, "content/p.en.markdown: file name: expected {slug}.{lang}.md"),
            ("site.de.yml", LABELS, "content/site.de.yml: file name: no page in this language"),
            ("q.en.md", EN, "content/q.en.md: file name: no source content/q.fr.md to translate"),
            ("p.de.md", EN, "content/p.de.md: file name: no content/site.de.yml"),
            ("p.en.md", "---\ntitle: T\nkind: Article\n---\nx\n", "content/p.en.md: front matter: kind: `Article` is not one of WebPage, AboutPage,"),
            ("p.en.md", &EN.replace("title: Title\n", "title: Title\nkind: FAQPage\n"), "content/p.en.md: front matter: kind: differs from content/p.fr.md's"),
            ("q.fr.md", &FR.replace("permalink: /p/\n", ""), "content/site.en.yml: file name: no content/q.en.md: every page is in every language"),
        ] {
            let errors = errors(site_with(file, text));
            assert!(errors.iter().any(|e| e.starts_with(expected)), "{file} {text:?}: {errors:#?}");
        }
    }

    #[test]
    fn one_page_at_most_is_the_home() {
        let mut site = site_with("q.fr.md", &FR.replace("permalink: /p/\n", ""));
        site.push(("content/q.en.md".to_owned(), EN.to_owned()));
        assert_eq!(errors(site.clone()), Vec::<String>::new());
        for page in &mut site {
            if page.0.ends_with(".fr.md") {
                page.1 = page.1.replace("title: Titre\n", "title: Titre\nhome: true\n");
            }
        }
        assert_eq!(
            errors(site),
            ["content/q.fr.md: front matter: home: content/p.fr.md is the home page already"]
        );
    }

    #[test]
    fn independent_errors_are_reported_together_without_cascades() {
        let broken = EN.replace("title: Title\n", "").replace("## End", "### End");
        let errors = errors(site_with("p.en.md", &broken));
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].starts_with("content/p.en.md: front matter: missing field `title`"), "{errors:#?}");
        assert!(
            errors[1].starts_with("content/p.en.md: sections: heading 2 “End” is level 3"),
            "{errors:#?}"
        );
    }

    #[test]
    fn a_translation_that_drifts_from_its_source_fails() {
        for (translation, expected) in [
            (
                EN.replace("\n## End\n", "\n"),
                "content/p.en.md: sections: 1 headings, but content/p.fr.md has 2",
            ),
            (EN.replace("## End", "### End"), "content/p.en.md: sections: heading 2 “End” is level 3"),
            (
                EN.replace("<a name=\"x\"></a>", ""),
                "content/p.en.md: sections: heading 1 “Who?” is level 3 with anchor None",
            ),
            (
                EN.replace("(/a/)", "(/b/)"),
                "content/p.en.md: links: `/a/` is a link target 0 time(s), 1 in content/p.fr.md",
            ),
            (
                EN.replace(".\n\n##", " [again](/a/).\n\n##"),
                "content/p.en.md: links: `/a/` is a link target 2 time(s), 1",
            ),
        ] {
            let errors = errors(site_with("p.en.md", &translation));
            assert!(errors.iter().any(|e| e.starts_with(expected)), "{translation:?}: {errors:#?}");
        }
    }
}
