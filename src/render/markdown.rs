//! The page as Markdown (CommonMark), for agents and tools, as Cloudflare's
//! Markdown for Agents serves a page: a YAML front matter (`title`,
//! `description`, `lang`, and `url`, the canonical HTML page), then the
//! title as `# …`, then the body with its headings at their levels, one line
//! per paragraph, absolute links, and no HTML: each abbreviation followed by
//! its expansion at its first use, empty anchors dropped. The response says
//! how many tokens it holds ([`estimate_tokens`]).
//!
//! Text is escaped so that it reads back as the same text: markdown
//! punctuation gets a backslash, and so does what would start a block
//! (`#`, `-`, `1.`) at the start of a paragraph.

use super::context::Context;
use super::model::{plain, Block, Inline, List};
use crate::json::Json;

/// The page as a Markdown document.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn document(ctx: &Context<'_>) -> String {
    let markdown = Markdown { ctx };
    let mut chunks = vec![front_matter(ctx), format!("# {}", escape_block_start(&escape(ctx.page.title)))];
    chunks.extend(ctx.page.lede.iter().map(|block| markdown.block(block)));
    for section in &ctx.page.sections {
        let heading = escape_block_start(&markdown.inlines(&section.heading.content));
        chunks.push(format!("{} {heading}", "#".repeat(usize::from(section.heading.level))));
        chunks.extend(section.blocks.iter().map(|block| markdown.block(block)));
    }
    chunks.join("\n\n") + "\n"
}

/// The YAML front matter: each value a double-quoted scalar, written as a
/// JSON string (which YAML reads as the same string).
fn front_matter(ctx: &Context<'_>) -> String {
    let mut yaml = String::from("---");
    for (key, value) in [
        ("title", ctx.page.title),
        ("description", ctx.page.description.as_str()),
        ("lang", ctx.lang.code()),
        ("url", ctx.canonical().as_str()),
    ] {
        yaml.push('\n');
        yaml.push_str(key);
        yaml.push_str(": ");
        yaml.push_str(&Json::str(value).compact());
    }
    yaml.push_str("\n---");
    yaml
}

/// An estimate of the tokens a language model reads in `text`, for
/// `x-markdown-tokens`: a run of letters and digits counts one token per four
/// characters begun (as byte-pair encodings cut words), and every other
/// character but whitespace one (punctuation, markup). It counts what an
/// agent's budget cares for, within some tenths of what tokenizers give.
pub fn estimate_tokens(text: &str) -> usize {
    let (mut tokens, mut word) = (0, 0_usize);
    for c in text.chars() {
        if c.is_alphanumeric() {
            word += 1;
            continue;
        }
        tokens += word.div_ceil(4) + usize::from(!c.is_whitespace());
        word = 0;
    }
    tokens + word.div_ceil(4)
}

struct Markdown<'a> {
    ctx: &'a Context<'a>,
}

impl Markdown<'_> {
    fn block(&self, block: &Block) -> String {
        match block {
            Block::Paragraph(inlines) => escape_block_start(&self.inlines(inlines)),
            Block::List(list) => self.list(list),
            Block::Quote(blocks) => {
                let inner = blocks.iter().map(|b| self.block(b)).collect::<Vec<_>>().join("\n\n");
                inner
                    .lines()
                    .map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Block::Code(code) => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                format!("{fence}\n{code}{fence}")
            }
            Block::Rule => "---".to_owned(),
        }
    }

    fn list(&self, list: &List) -> String {
        let mut items = Vec::new();
        for (n, item) in list.items.iter().enumerate() {
            let marker = match list.start {
                None => "-".to_owned(),
                Some(start) => format!("{}.", start + n as u64),
            };
            let indent = " ".repeat(marker.len() + 1);
            let separator = if list.tight { "\n" } else { "\n\n" };
            let content = item.iter().map(|b| self.block(b)).collect::<Vec<_>>().join(separator);
            let lines: Vec<String> = content
                .lines()
                .enumerate()
                .map(|(i, line)| match (i, line.is_empty()) {
                    (0, _) => format!("{marker} {line}"),
                    (_, true) => String::new(),
                    (_, false) => format!("{indent}{line}"),
                })
                .collect();
            items.push(lines.join("\n"));
        }
        items.join(if list.tight { "\n" } else { "\n\n" })
    }

    fn inlines(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for (n, inline) in inlines.iter().enumerate() {
            let next = inlines.get(n + 1).and_then(|next| plain(std::slice::from_ref(next)).chars().next());
            self.inline(&mut out, inline, next);
        }
        out
    }

    /// Appends `inline`, followed in the source by the character `next`.
    fn inline(&self, out: &mut String, inline: &Inline, next: Option<char>) {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Code(code) => {
                let ticks = "`".repeat(longest_run(code, '`') + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
                out.push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
            }
            Inline::Emphasis(content) => {
                // `_` does not emphasise inside a word; `*` does. Any letter
                // or digit beside it (ASCII or not) makes it `*`, which always works.
                let wordy = |c: char| c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace());
                let intraword = out.chars().last().is_some_and(wordy) || next.is_some_and(wordy);
                let mark = if intraword { "*" } else { "_" };
                out.push_str(&format!("{mark}{}{mark}", self.inlines(content)));
            }
            Inline::Strong(content) => out.push_str(&format!("**{}**", self.inlines(content))),
            Inline::Link { target, content } => {
                let url = self.ctx.absolute(target);
                let url = if url.contains(['(', ')']) { format!("<{url}>") } else { url };
                out.push_str(&format!("[{}]({url})", self.inlines(content)));
            }
            Inline::Abbr { title, content, first } => {
                out.push_str(&self.inlines(content));
                if *first {
                    out.push_str(&format!(" ({})", escape(title)));
                }
            }
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => out.push_str("\\\n"),
        }
    }
}

/// `text` with a backslash before each character CommonMark could read as
/// markup inside a paragraph, and before `&` where it would start a
/// character reference.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let reference = c == '&' && text.get(i + 1..).is_some_and(starts_with_reference);
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') || reference {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `text` starts like the rest of a character reference: `name;` or `#123;`.
fn starts_with_reference(text: &str) -> bool {
    let name: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
    !name.is_empty() && text.get(name.len()..).is_some_and(|rest| rest.starts_with(';'))
}

/// `line` with a backslash where its start would open a block: a heading
/// (`#`), a list item (`-`, `+`, `1.`, `1)`), a setext underline (`=`) or a
/// fence (`~`).
fn escape_block_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=', '~']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line.get(digits..) {
        Some(rest) if digits > 0 && rest.starts_with(['.', ')']) => {
            format!("{}\\{rest}", line.get(..digits).unwrap_or_default())
        }
        _ => line.to_owned(),
    }
}

/// The length of the longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_so_text_reads_back_the_same() {
        for (text, escaped) in [
            ("l'État, 12 % : « x »", "l'État, 12 % : « x »"),
            ("a*b_c [d] <e> `f` \\", "a\\*b\\_c \\[d\\] \\<e\\> \\`f\\` \\\\"),
            ("AT&T &amp; &#39;", "AT&T \\&amp; \\&#39;"),
        ] {
            assert_eq!(escape(text), escaped, "{text}");
        }
    }

    #[test]
    fn what_would_open_a_block_is_escaped_at_the_start_only() {
        for (line, escaped) in [
            ("# x", "\\# x"),
            ("- x", "\\- x"),
            ("2013. x", "2013\\. x"),
            ("1) x", "1\\) x"),
            ("2013 x", "2013 x"),
            ("x - y # z", "x - y # z"),
        ] {
            assert_eq!(escape_block_start(line), escaped, "{line}");
        }
    }
}
