//! The body as HTML: the headings with their ids, the blocks, the inline
//! spans, `<abbr>` kept with its title, links absolute. The page's layout
//! around it is in [`super::layout`].

use std::fmt::Write as _;

use apropos_content::target::Target;

use super::context::Context;
use super::escape::push_html;
use super::model::{Block, Heading, Inline, List};

/// How links within the page are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fragments {
    /// `#id`, which works under every URL serving the page: the page's own HTML.
    InPage,
    /// The canonical URL and `#id`: HTML carried elsewhere (the JSON).
    Absolute,
}

/// The whole body: the lede, then each section with its heading.
pub fn body(ctx: &Context<'_>, fragments: Fragments) -> String {
    let mut html = Html { ctx, fragments, out: String::new() };
    html.blocks(&ctx.page.lede);
    for section in &ctx.page.sections {
        html.heading(&section.heading);
        html.blocks(&section.blocks);
    }
    html.out
}

/// Some blocks, e.g. one section's content without its heading.
pub fn blocks(ctx: &Context<'_>, blocks: &[Block], fragments: Fragments) -> String {
    let mut html = Html { ctx, fragments, out: String::new() };
    html.blocks(blocks);
    html.out
}

struct Html<'a> {
    ctx: &'a Context<'a>,
    fragments: Fragments,
    out: String,
}

impl Html<'_> {
    fn heading(&mut self, heading: &Heading) {
        let _ = write!(self.out, "<h{} id=\"", heading.level);
        push_html(&mut self.out, &heading.id);
        self.out.push_str("\">");
        self.inlines(&heading.content);
        let _ = writeln!(self.out, "</h{}>", heading.level);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block, false);
        }
    }

    /// One block; `tight` when it is the text of a tight list's item.
    fn block(&mut self, block: &Block, tight: bool) {
        match block {
            Block::Paragraph(inlines) if tight => self.inlines(inlines),
            Block::Paragraph(inlines) => {
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str("</p>\n");
            }
            Block::List(list) => self.list(list),
            Block::Quote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                self.out.push_str("<pre><code>");
                push_html(&mut self.out, code);
                self.out.push_str("</code></pre>\n");
            }
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    fn list(&mut self, list: &List) {
        let tag = match list.start {
            None => "ul",
            Some(_) => "ol",
        };
        match list.start {
            Some(start) if start != 1 => {
                let _ = writeln!(self.out, "<ol start=\"{start}\">");
            }
            _ => {
                let _ = writeln!(self.out, "<{tag}>");
            }
        }
        for item in &list.items {
            self.out.push_str("<li>");
            if !list.tight {
                self.out.push('\n');
            }
            for (n, block) in item.iter().enumerate() {
                if list.tight && n > 0 && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.block(block, list.tight);
            }
            self.out.push_str("</li>\n");
        }
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => push_html(&mut self.out, text),
            Inline::Code(code) => self.wrap("<code>", |html| push_html(&mut html.out, code), "</code>"),
            Inline::Emphasis(content) => self.wrap("<em>", |html| html.inlines(content), "</em>"),
            Inline::Strong(content) => self.wrap("<strong>", |html| html.inlines(content), "</strong>"),
            Inline::Link { target, content } => {
                self.out.push_str("<a href=\"");
                let href = self.href(target);
                push_html(&mut self.out, &href);
                self.out.push_str("\">");
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Abbr { title, content, .. } => {
                self.out.push_str("<abbr title=\"");
                push_html(&mut self.out, title);
                self.out.push_str("\">");
                self.inlines(content);
                self.out.push_str("</abbr>");
            }
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
        }
    }

    fn wrap(&mut self, open: &str, content: impl FnOnce(&mut Self), close: &str) {
        self.out.push_str(open);
        content(self);
        self.out.push_str(close);
    }

    fn href(&self, target: &Target) -> String {
        match self.fragments {
            Fragments::InPage => target.in_page(self.ctx.site_url),
            Fragments::Absolute => self.ctx.absolute(target),
        }
    }
}
