//! One pass over pulldown-cmark's events builds the [`Page`]: sections and
//! their heading ids, blocks, inline spans, links, abbreviations and their
//! first use. Every representation is serialised from that model; none
//! parses markdown, or another representation, again.
//!
//! The content is CommonMark (no extension) with two inline HTML tags (see
//! [`apropos_content::inline_html`]); anything the representations could not
//! all render faithfully (an image, an HTML block, a heading in a list...) is
//! an error naming its line, which the tests turn into a failed `cargo test`.

use apropos_content::inline_html::Tag;
use apropos_content::target::Target;
use pulldown_cmark::{Event, Options, Parser, Tag as MdTag, TagEnd};

use super::describe::describe;
use super::model::{plain, Block, Heading, Inline, Link, List, Page, Section};

/// Parses the markdown `body` of the page titled `title`, whose headings'
/// ids `build.rs` computed (kramdown's GFM ids need Unicode case mapping,
/// which the worker does not carry).
///
/// Errors name the line of `body` they are about.
pub fn parse(title: &'static str, body: &str, heading_ids: &[&str]) -> Result<Page, String> {
    let mut builder = Builder::default();
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        builder.event(event).map_err(|e| format!("line {}: {e}", line_of(body, range.start)))?;
    }
    builder.finish(title, heading_ids)
}

/// The level a heading written at `level` is served at, after a heading
/// served at `previous` (1 for the page title): never more than one level
/// deeper, so that the outline skips none (HTML's heading-level rule, which
/// the Nu HTML Checker enforces, and WCAG 1.3.1's "relationships").
///
/// The source opens with a level-3 heading right under the title: it is
/// served at level 2. Deeper levels the source does not skip are kept, and
/// a heading is never raised above what the source wrote.
fn outline_level(level: u8, previous: u8) -> u8 {
    level.min(previous.saturating_add(1))
}

/// What pulldown-cmark reports only with extensions the content does not enable.
const UNSUPPORTED: &str = "unsupported markdown: the content is CommonMark without extensions";

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |before| before.matches('\n').count()) + 1
}

/// The page under construction: the open containers, innermost last.
#[derive(Default)]
struct Builder {
    lede: Vec<Block>,
    sections: Vec<Section>,
    links: Vec<Link>,
    blocks: Vec<BlockFrame>,
    inlines: Vec<InlineFrame>,
    /// The abbreviations used so far (a handful: a list beats a hash set).
    abbreviations: Vec<String>,
}

/// An open block container.
enum BlockFrame {
    Quote(Vec<Block>),
    List(List),
    /// A list item, and whether it holds explicit paragraphs (a loose list).
    Item(Vec<Block>, bool),
    Code(String),
}

/// An open inline container, with the content so far.
struct InlineFrame {
    kind: InlineKind,
    content: Vec<Inline>,
}

enum InlineKind {
    /// A paragraph; `implicit` for the text of a tight list's item.
    Paragraph {
        implicit: bool,
    },
    /// A heading, its explicit anchor, and whether that anchor is still open.
    Heading {
        level: u8,
        anchor: Option<String>,
        anchor_open: bool,
    },
    Emphasis,
    Strong,
    Link(Target),
    Abbr(String),
}

impl Builder {
    fn event(&mut self, event: Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.blocks.last_mut() {
                Some(BlockFrame::Code(code)) => {
                    code.push_str(&text);
                    Ok(())
                }
                _ => self.inline(Inline::Text(text.into_string())),
            },
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::InlineHtml(html) => self.html_tag(Tag::parse(&html)?),
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            Event::Rule => self.block(Block::Rule),
            Event::Html(html) => Err(format!("HTML blocks are not supported: `{}`", html.trim())),
            _ => Err(UNSUPPORTED.to_owned()),
        }
    }

    fn start(&mut self, tag: MdTag<'_>) -> Result<(), String> {
        match tag {
            MdTag::Paragraph => {
                if let Some(BlockFrame::Item(_, loose)) = self.blocks.last_mut() {
                    *loose = true;
                }
                self.open_inline(InlineKind::Paragraph { implicit: false });
            }
            MdTag::Heading { level, .. } => {
                let level = level as u8;
                if !self.blocks.is_empty() || level < 2 {
                    return Err(format!(
                        "a level-{level} heading {}: the body's headings are level 2 to 6, outside lists and quotes \
                         (the title, level 1, comes from the front matter)",
                        if self.blocks.is_empty() { "in the body" } else { "inside a list or quote" }
                    ));
                }
                self.open_inline(InlineKind::Heading { level, anchor: None, anchor_open: false });
            }
            MdTag::List(start) => {
                self.open_block(BlockFrame::List(List { start, tight: true, items: vec![] }))?
            }
            MdTag::Item => self.open_block(BlockFrame::Item(vec![], false))?,
            MdTag::BlockQuote(_) => self.open_block(BlockFrame::Quote(vec![]))?,
            MdTag::CodeBlock(_) => self.open_block(BlockFrame::Code(String::new()))?,
            MdTag::Emphasis => self.open_inline(InlineKind::Emphasis),
            MdTag::Strong => self.open_inline(InlineKind::Strong),
            MdTag::Link { dest_url, .. } => self.open_inline(InlineKind::Link(Target::parse(&dest_url)?)),
            MdTag::Image { dest_url, .. } => return Err(format!("images are not supported: `{dest_url}`")),
            MdTag::HtmlBlock => return Err("HTML blocks are not supported".to_owned()),
            _ => return Err(UNSUPPORTED.to_owned()),
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), String> {
        match tag {
            TagEnd::Paragraph => {
                let content = self.close_inline(|k| matches!(k, InlineKind::Paragraph { .. }))?.content;
                self.block(Block::Paragraph(content))
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::Emphasis => {
                let frame = self.close_inline(|k| matches!(k, InlineKind::Emphasis))?;
                self.inline(Inline::Emphasis(frame.content))
            }
            TagEnd::Strong => {
                let frame = self.close_inline(|k| matches!(k, InlineKind::Strong))?;
                self.inline(Inline::Strong(frame.content))
            }
            TagEnd::Link => match self.close_inline(|k| matches!(k, InlineKind::Link(_)))? {
                InlineFrame { kind: InlineKind::Link(target), content } => {
                    self.links.push(Link { text: plain(&content), target: target.clone() });
                    self.inline(Inline::Link { target, content })
                }
                _ => Err("unbalanced link".to_owned()),
            },
            TagEnd::Item => {
                self.close_implicit_paragraph()?;
                match (self.blocks.pop(), self.blocks.last_mut()) {
                    (Some(BlockFrame::Item(blocks, loose)), Some(BlockFrame::List(list))) => {
                        list.tight &= !loose;
                        list.items.push(blocks);
                        Ok(())
                    }
                    _ => Err("a list item outside a list".to_owned()),
                }
            }
            TagEnd::List(_) => match self.blocks.pop() {
                Some(BlockFrame::List(list)) => self.block(Block::List(list)),
                _ => Err("unbalanced list".to_owned()),
            },
            TagEnd::BlockQuote(_) => match self.blocks.pop() {
                Some(BlockFrame::Quote(blocks)) => self.block(Block::Quote(blocks)),
                _ => Err("unbalanced block quote".to_owned()),
            },
            TagEnd::CodeBlock => match self.blocks.pop() {
                Some(BlockFrame::Code(code)) => self.block(Block::Code(code)),
                _ => Err("unbalanced code block".to_owned()),
            },
            _ => Err(UNSUPPORTED.to_owned()),
        }
    }

    fn end_heading(&mut self) -> Result<(), String> {
        let frame = self.close_inline(|k| matches!(k, InlineKind::Heading { .. }))?;
        let InlineKind::Heading { level, anchor, anchor_open: false } = frame.kind else {
            return Err("unclosed <a> in a heading".to_owned());
        };
        let level = outline_level(level, self.sections.last().map_or(1, |s| s.heading.level));
        // The id is filled in by `finish`, from the ids computed at build time.
        let heading = Heading { level, id: anchor.unwrap_or_default(), content: frame.content };
        self.sections.push(Section { heading, blocks: vec![] });
        Ok(())
    }

    fn html_tag(&mut self, tag: Tag) -> Result<(), String> {
        match tag {
            Tag::AbbrOpen { title } => {
                self.open_inline(InlineKind::Abbr(title));
                Ok(())
            }
            Tag::AbbrClose => match self.close_inline(|k| matches!(k, InlineKind::Abbr(_)))? {
                InlineFrame { kind: InlineKind::Abbr(title), content } => {
                    let text = plain(&content);
                    let first = !self.abbreviations.contains(&text);
                    if first {
                        self.abbreviations.push(text);
                    }
                    self.inline(Inline::Abbr { title, content, first })
                }
                _ => Err("unbalanced </abbr>".to_owned()),
            },
            Tag::AnchorOpen { name } => match self.inlines.last_mut() {
                Some(InlineFrame {
                    kind: InlineKind::Heading { anchor: anchor @ None, anchor_open, .. },
                    content,
                }) if content.is_empty() => {
                    *anchor = Some(name);
                    *anchor_open = true;
                    Ok(())
                }
                _ => Err(format!(
                    "the anchor `{name}` must be the first thing in a heading, and its only anchor"
                )),
            },
            Tag::AnchorClose => match self.inlines.last_mut() {
                Some(InlineFrame { kind: InlineKind::Heading { anchor_open: open @ true, .. }, content })
                    if content.is_empty() =>
                {
                    *open = false;
                    Ok(())
                }
                _ => Err("an explicit anchor must be empty: <a name=\"…\"></a>".to_owned()),
            },
        }
    }

    fn open_inline(&mut self, kind: InlineKind) {
        self.inlines.push(InlineFrame { kind, content: vec![] });
    }

    /// Closes the innermost inline container, which must be of the kind
    /// `expected` accepts (otherwise an `<abbr>` was left open).
    fn close_inline(&mut self, expected: impl Fn(&InlineKind) -> bool) -> Result<InlineFrame, String> {
        match self.inlines.pop() {
            Some(frame) if expected(&frame.kind) => Ok(frame),
            Some(InlineFrame { kind: InlineKind::Abbr(title), .. }) => {
                Err(format!("<abbr title=\"{title}\"> is not closed in the same paragraph"))
            }
            _ => Err("unbalanced inline markup".to_owned()),
        }
    }

    /// Adds `inline` to the innermost inline container; text directly in a
    /// list item opens the item's implicit paragraph.
    fn inline(&mut self, inline: Inline) -> Result<(), String> {
        if self.inlines.is_empty() {
            if !matches!(self.blocks.last(), Some(BlockFrame::Item(..))) {
                return Err("inline content outside any block".to_owned());
            }
            self.open_inline(InlineKind::Paragraph { implicit: true });
        }
        if let Some(frame) = self.inlines.last_mut() {
            frame.content.push(inline);
        }
        Ok(())
    }

    /// Opens a block container; a nested list ends the text of a tight
    /// item before it.
    fn open_block(&mut self, frame: BlockFrame) -> Result<(), String> {
        self.close_implicit_paragraph()?;
        self.blocks.push(frame);
        Ok(())
    }

    fn close_implicit_paragraph(&mut self) -> Result<(), String> {
        match self.inlines.last() {
            Some(InlineFrame { kind: InlineKind::Paragraph { implicit: true }, .. }) => {
                let content = self.inlines.pop().map(|frame| frame.content).unwrap_or_default();
                self.block(Block::Paragraph(content))
            }
            _ => Ok(()),
        }
    }

    /// Adds `block` to the innermost block container, the current section,
    /// or the lede.
    fn block(&mut self, block: Block) -> Result<(), String> {
        if !matches!(block, Block::Paragraph(_)) {
            self.close_implicit_paragraph()?;
        }
        match self.blocks.last_mut() {
            Some(BlockFrame::Quote(blocks) | BlockFrame::Item(blocks, _)) => blocks.push(block),
            Some(BlockFrame::List(_) | BlockFrame::Code(_)) => {
                return Err("a block outside a list item".to_owned())
            }
            None => match self.sections.last_mut() {
                Some(section) => section.blocks.push(block),
                None => self.lede.push(block),
            },
        }
        Ok(())
    }

    fn finish(mut self, title: &'static str, heading_ids: &[&str]) -> Result<Page, String> {
        if !self.blocks.is_empty() || !self.inlines.is_empty() {
            return Err("unbalanced markup at the end of the document".to_owned());
        }
        if heading_ids.len() != self.sections.len() {
            return Err(format!(
                "{} headings but {} ids: build.rs is out of step",
                self.sections.len(),
                heading_ids.len()
            ));
        }
        for (section, &id) in self.sections.iter_mut().zip(heading_ids) {
            let explicit = std::mem::replace(&mut section.heading.id, id.to_owned());
            if !explicit.is_empty() && explicit != id {
                return Err(format!(
                    "the explicit anchor `{explicit}` is not the id build.rs gave its heading, `{id}`"
                ));
            }
        }
        let first_paragraph = self.lede.iter().chain(self.sections.iter().flat_map(|s| &s.blocks)).find_map(
            |block| match block {
                Block::Paragraph(content) => Some(plain(content)),
                _ => None,
            },
        );
        let description = describe(&first_paragraph.ok_or("the body has no paragraph to describe the page")?);
        Ok(Page { title, description, lede: self.lede, sections: self.sections, links: self.links })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn a_document_becomes_sections_blocks_and_links() {
        let body = "Lede [a](/a/).\n\n### <a name=\"x\"></a>Qui ?\n\n* **_un_** <abbr title=\"Deux\">D</abbr>\n* <abbr title=\"Deux\">D</abbr>\n\n## Fin\nTexte `code`.\n";
        let page = parse("T", body, &["x", "fin"]).unwrap();
        assert_eq!(page.description, "Lede a.");
        assert_eq!(
            page.lede,
            vec![Block::Paragraph(vec![
                text("Lede "),
                Inline::Link { target: Target::SiteRoot("/a/".into()), content: vec![text("a")] },
                text("."),
            ])]
        );
        let [first, last] = &page.sections[..] else { panic!("{:?}", page.sections) };
        assert_eq!(
            (first.heading.level, first.heading.id.as_str(), &first.heading.content),
            (2, "x", &vec![text("Qui ?")])
        );
        let abbr = |first| Inline::Abbr { title: "Deux".into(), content: vec![text("D")], first };
        assert_eq!(
            first.blocks,
            vec![Block::List(List {
                start: None,
                tight: true,
                items: vec![
                    vec![Block::Paragraph(vec![
                        Inline::Strong(vec![Inline::Emphasis(vec![text("un")])]),
                        text(" "),
                        abbr(true)
                    ])],
                    vec![Block::Paragraph(vec![abbr(false)])],
                ],
            })]
        );
        assert_eq!((last.heading.level, last.heading.id.as_str()), (2, "fin"));
        assert_eq!(
            last.blocks,
            vec![Block::Paragraph(vec![text("Texte "), Inline::Code("code".into()), text(".")])]
        );
        assert_eq!(page.links, vec![Link { text: "a".into(), target: Target::SiteRoot("/a/".into()) }]);
    }

    #[test]
    fn heading_levels_never_skip_one() {
        let body = "### a\n\n## b\n\n### c\n\n##### d\n\n###### e\n\n## f\n\nx\n";
        let page = parse("T", body, &["a", "b", "c", "d", "e", "f"]).unwrap();
        let levels: Vec<u8> = page.sections.iter().map(|s| s.heading.level).collect();
        assert_eq!(levels, [2, 2, 3, 4, 5, 2]);
    }

    #[test]
    fn loose_lists_nested_lists_quotes_and_code_are_kept() {
        let page = parse("T", "Intro.\n\n1. a\n\n2. b\n   - c\n\n> q\n\n    code\n\n---\n", &[]).unwrap();
        let loose = Block::List(List {
            start: Some(1),
            tight: false,
            items: vec![
                vec![Block::Paragraph(vec![text("a")])],
                vec![
                    Block::Paragraph(vec![text("b")]),
                    Block::List(List {
                        start: None,
                        tight: true,
                        items: vec![vec![Block::Paragraph(vec![text("c")])]],
                    }),
                ],
            ],
        });
        let expected = vec![
            Block::Paragraph(vec![text("Intro.")]),
            loose,
            Block::Quote(vec![Block::Paragraph(vec![text("q")])]),
            Block::Code("code\n".into()),
            Block::Rule,
        ];
        assert_eq!(page.lede, expected);
    }

    /// `h1`, `h2`… for the headings of `body`.
    fn numbered_ids(body: &str) -> Vec<&'static str> {
        let count = Parser::new(body).filter(|e| matches!(e, Event::Start(MdTag::Heading { .. }))).count();
        ["h1", "h2", "h3", "h4"].into_iter().take(count).collect()
    }

    #[test]
    fn ids_come_from_the_build_and_must_match_it() {
        assert!(parse("T", "## A\n\nx\n", &[]).unwrap_err().contains("1 headings but 0 ids"));
        let page = parse("T", "## <a name=\"x\"></a>A\n\nx\n", &["x"]).unwrap();
        assert_eq!(page.sections[0].heading.id, "x");
    }

    #[test]
    fn what_a_format_could_not_render_is_an_error_naming_its_line() {
        for (body, message) in [
            ("Texte.\n\n# Titre\n", "line 3: a level-1 heading"),
            ("Texte.\n\n* a\n\n  ## b\n", "line 5: a level-2 heading inside a list"),
            ("Texte ![x](/x.png)\n", "line 1: images are not supported"),
            ("<div>\nx\n</div>\n", "line 1: HTML blocks are not supported"),
            ("Texte <span>x</span>\n", "line 1: unsupported inline HTML `<span>`"),
            ("Texte <abbr title=\"A\">x\n\nsuite</abbr>\n", "line 1: <abbr title=\"A\"> is not closed"),
            ("Texte <a name=\"x\"></a>\n", "line 1: the anchor `x` must be the first thing in a heading"),
            ("## <a name=\"x\">y</a>\n", "line 1: an explicit anchor must be empty"),
            ("## <a name=\"x\"></a>A\n\nTexte.\n", "the explicit anchor `x` is not the id build.rs gave"),
            ("Voir [guide](guide.pdf).\n", "line 1: link target `guide.pdf` is relative"),
            ("## Titre seul\n", "the body has no paragraph"),
        ] {
            let error = parse("T", body, &numbered_ids(body)).unwrap_err();
            assert!(error.starts_with(message), "{body:?}: {error}");
        }
    }
}
