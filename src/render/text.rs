//! The page as plain text, for a terminal, and the plain text of the JSON.
//!
//! For a terminal ([`document`]): the title underlined with `=`, headings
//! set apart and underlined (`-` for level 2, `~` below), paragraphs
//! wrapped at [`WIDTH`] columns (see [`super::wrap`]), list items with
//! bullets or numbers and a hanging indent, emphasis dropped, each
//! abbreviation followed by its expansion at its first use, each link
//! followed by a numbered reference `[n]` (kept on the line of the link's
//! last word) and the list of their absolute URLs at the end. No HTML.
//!
//! For the JSON ([`plain_body`], [`plain_blocks`]): the same text, unwrapped,
//! without underlines or references (the JSON lists the links).

use super::context::Context;
use super::model::{Block, Heading, Inline, List};
use super::wrap::wrap;

/// The text format's line width, in characters.
pub const WIDTH: usize = 78;

/// How the text is laid out.
#[derive(Clone, Copy)]
struct Style {
    /// Where to wrap lines; `None` for one line per paragraph.
    width: Option<usize>,
    /// Whether headings are underlined and links numbered.
    terminal: bool,
}

/// The page for a terminal: title, body, and the list of link URLs.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn document(ctx: &Context<'_>) -> String {
    let mut text = Text { ctx, style: Style { width: Some(WIDTH), terminal: true }, references: vec![] };
    let mut chunks = vec![text.heading_lines(1, ctx.page.title)];
    chunks.extend(text.body());
    if !text.references.is_empty() {
        chunks.push(text.heading_lines(2, ctx.labels.links));
        let digits = text.references.len().to_string().len();
        let lines = text.references.iter().enumerate().map(|(n, url)| {
            let number = format!("[{}]", n + 1);
            format!("{number:>width$} {url}", width = digits + 2)
        });
        chunks.push(lines.collect());
    }
    join(chunks) + "\n"
}

/// The body as plain text, for the JSON `text`.
pub fn plain_body(ctx: &Context<'_>) -> String {
    join(Text::plain(ctx).body())
}

/// Some blocks as plain text, e.g. a section's content for the JSON.
pub fn plain_blocks(ctx: &Context<'_>, blocks: &[Block]) -> String {
    let mut text = Text::plain(ctx);
    join(blocks.iter().map(|block| text.block(block, None)).collect())
}

/// Chunks of lines, separated by blank lines.
fn join(chunks: Vec<Vec<String>>) -> String {
    chunks.into_iter().map(|lines| lines.join("\n")).collect::<Vec<_>>().join("\n\n")
}

struct Text<'a> {
    ctx: &'a Context<'a>,
    style: Style,
    /// The absolute URLs of the links so far, numbered from 1.
    references: Vec<String>,
}

impl Text<'_> {
    fn plain<'a>(ctx: &'a Context<'a>) -> Text<'a> {
        Text { ctx, style: Style { width: None, terminal: false }, references: vec![] }
    }

    /// Each block and heading of the body as a chunk of lines.
    fn body(&mut self) -> Vec<Vec<String>> {
        let page = self.ctx.page;
        let mut chunks: Vec<Vec<String>> =
            page.lede.iter().map(|b| self.block(b, self.style.width)).collect();
        for section in &page.sections {
            chunks.push(self.heading(&section.heading));
            chunks.extend(section.blocks.iter().map(|b| self.block(b, self.style.width)));
        }
        chunks
    }

    fn heading(&mut self, heading: &Heading) -> Vec<String> {
        let text = self.inlines(&heading.content);
        self.heading_lines(heading.level, &text)
    }

    fn heading_lines(&self, level: u8, text: &str) -> Vec<String> {
        let mut lines = self.lines(text, self.style.width);
        if self.style.terminal {
            let underline = match level {
                1 => '=',
                2 => '-',
                _ => '~',
            };
            let width = lines.iter().map(|line| line.chars().count()).max().unwrap_or(0);
            lines.push(underline.to_string().repeat(width));
        }
        lines
    }

    /// The lines of `block`, wrapped at `width` when given.
    fn block(&mut self, block: &Block, width: Option<usize>) -> Vec<String> {
        match block {
            Block::Paragraph(inlines) => {
                let text = self.inlines(inlines);
                self.lines(&text, width)
            }
            Block::List(list) => self.list(list, width),
            Block::Quote(blocks) => {
                let inner = width.map(|w| w.saturating_sub(2));
                let lines = join(blocks.iter().map(|b| self.block(b, inner)).collect());
                lines
                    .lines()
                    .map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") })
                    .collect()
            }
            Block::Code(code) => code.lines().map(|line| format!("    {line}")).collect(),
            Block::Rule => vec!["* * *".to_owned()],
        }
    }

    /// A list: a bullet or number, then the item's lines under a hanging indent.
    fn list(&mut self, list: &List, width: Option<usize>) -> Vec<String> {
        let last_number = list.start.map_or(0, |start| start + list.items.len() as u64);
        let marker_width = match list.start {
            None => 4,
            Some(_) => last_number.to_string().len() + 3,
        };
        let inner = width.map(|w| w.saturating_sub(marker_width));
        let mut lines = Vec::new();
        for (n, item) in list.items.iter().enumerate() {
            if !list.tight && n > 0 {
                lines.push(String::new());
            }
            let chunks: Vec<Vec<String>> = item.iter().map(|b| self.block(b, inner)).collect();
            let item_lines = match list.tight {
                true => chunks.concat(),
                false => join(chunks).lines().map(str::to_owned).collect(),
            };
            let marker = match list.start {
                None => "  • ".to_owned(),
                Some(start) => format!("{:>w$}. ", start + n as u64, w = marker_width - 2),
            };
            for (i, line) in item_lines.into_iter().enumerate() {
                lines.push(match (i, line.is_empty()) {
                    (0, _) => format!("{marker}{line}"),
                    (_, true) => line,
                    (_, false) => format!("{}{line}", " ".repeat(marker_width)),
                });
            }
        }
        lines
    }

    /// `text` as lines: split at forced line breaks, then wrapped.
    fn lines(&self, text: &str, width: Option<usize>) -> Vec<String> {
        text.split('\n')
            .flat_map(|line| match width {
                Some(width) => wrap(line, width),
                None => vec![line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")],
            })
            .collect()
    }

    /// The text of `inlines`: emphasis dropped, abbreviations expanded at
    /// their first use, links numbered on a terminal.
    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::Code(text) => out.push_str(text),
                Inline::Emphasis(content) | Inline::Strong(content) => out.push_str(&self.inlines(content)),
                Inline::Link { target, content } => {
                    out.push_str(&self.inlines(content));
                    if self.style.terminal {
                        let url = self.ctx.absolute(target);
                        let number = match self.references.iter().position(|known| *known == url) {
                            Some(index) => index + 1,
                            None => {
                                self.references.push(url);
                                self.references.len()
                            }
                        };
                        out.push_str(&format!("\u{A0}[{number}]"));
                    }
                }
                Inline::Abbr { title, content, first } => {
                    out.push_str(&self.inlines(content));
                    if *first {
                        out.push_str(&format!(" ({title})"));
                    }
                }
                Inline::SoftBreak => out.push(' '),
                Inline::HardBreak => out.push('\n'),
            }
        }
        out
    }
}
