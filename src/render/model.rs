//! The page as one pass over its markdown leaves it: everything each
//! representation needs, and nothing that depends on the format.
//!
//! Links keep their [`Target`] as written, so the model does not depend on
//! the site's base URL either: one model per source serves every
//! configuration.

use apropos_content::target::Target;

/// One page in one language, parsed.
#[derive(Debug, PartialEq)]
pub struct Page {
    /// The title, from the front matter.
    pub title: &'static str,
    /// A summary for search engines and link previews: the first paragraph's
    /// leading sentences (see [`super::describe`]).
    pub description: String,
    /// The blocks before the first heading, if any.
    pub lede: Vec<Block>,
    /// Each heading with the blocks up to the next heading.
    pub sections: Vec<Section>,
    /// Every link, in document order.
    pub links: Vec<Link>,
}

/// A heading and the blocks up to the next heading, whatever its level.
#[derive(Debug, PartialEq)]
pub struct Section {
    /// The heading.
    pub heading: Heading,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A heading of the body.
#[derive(Debug, PartialEq)]
pub struct Heading {
    /// 2 to 6, as served: the source's level, but never more than one
    /// below the previous heading's (the page title is the only level 1).
    pub level: u8,
    /// The id: the explicit anchor's, or kramdown's GFM id of the text.
    pub id: String,
    /// The heading's content.
    pub content: Vec<Inline>,
}

/// A block of the body.
#[derive(Debug, PartialEq)]
pub enum Block {
    /// A paragraph, or the text of an item of a tight list.
    Paragraph(Vec<Inline>),
    /// A bulleted or numbered list.
    List(List),
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block, its text verbatim.
    Code(String),
    /// A thematic break.
    Rule,
}

/// A list.
#[derive(Debug, PartialEq)]
pub struct List {
    /// The first number of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    /// Whether items are set without space between them (CommonMark's
    /// tight lists); loose lists' items hold paragraphs.
    pub tight: bool,
    /// The items, each a sequence of blocks.
    pub items: Vec<Vec<Block>>,
}

/// Inline content.
#[derive(Debug, PartialEq)]
pub enum Inline {
    /// Text, as the reader sees it (entities decoded).
    Text(String),
    /// Inline code.
    Code(String),
    /// Emphasis.
    Emphasis(Vec<Inline>),
    /// Strong emphasis.
    Strong(Vec<Inline>),
    /// A link.
    Link {
        /// Where it points.
        target: Target,
        /// Its text.
        content: Vec<Inline>,
    },
    /// An abbreviation (`<abbr title>`).
    Abbr {
        /// Its expansion.
        title: String,
        /// The abbreviation itself.
        content: Vec<Inline>,
        /// Whether this is its first use in the page: formats without
        /// tooltips spell the expansion out there only.
        first: bool,
    },
    /// A line break that is only a space to the reader.
    SoftBreak,
    /// A forced line break.
    HardBreak,
}

/// A link of the page, for the JSON `links` and the text's references.
#[derive(Debug, PartialEq)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// Where it points.
    pub target: Target,
}

/// The text of `inlines` as read, without markup or expansions.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(&mut out, inlines);
    out
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Link { content, .. }
            | Inline::Abbr { content, .. } => push_plain(out, content),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}
