//! The page as JSON, for programs: one object, described by the JSON
//! Schema `schema/page.schema.json` (the tests validate every output
//! against it). Every URL in it is absolute.
//!
//! Written by hand (a tree of [`Json`] values and a pretty printer, in the
//! layout of `serde_json::to_string_pretty`): the document is small and
//! fixed, and the worker need not carry a serialisation framework for it.

use std::fmt::Write as _;

use super::context::Context;
use super::html::{self, Fragments};
use super::model::plain;
use super::text;
use crate::json::push_string;

/// A JSON value.
#[derive(Debug, PartialEq)]
pub enum Json {
    /// A string.
    String(String),
    /// A non-negative integer.
    Number(u64),
    /// An array.
    Array(Vec<Json>),
    /// An object, its members in the order given.
    Object(Vec<(&'static str, Json)>),
}

/// The page as a JSON document.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn document(ctx: &Context<'_>) -> String {
    let page = ctx.page;
    let alternates = ctx.alternates(crate::variant::Format::Json).into_iter().map(|alternate| {
        Json::Object(vec![
            ("href", Json::String(alternate.href)),
            ("hreflang", string(alternate.lang.code())),
            ("type", string(alternate.format.media_type())),
        ])
    });
    let sections = page.sections.iter().map(|section| {
        Json::Object(vec![
            ("id", string(&section.heading.id)),
            ("level", Json::Number(u64::from(section.heading.level))),
            ("title", Json::String(plain(&section.heading.content))),
            ("text", Json::String(text::plain_blocks(ctx, &section.blocks))),
            ("html", Json::String(html::blocks(ctx, &section.blocks, Fragments::Absolute))),
        ])
    });
    let links = page.links.iter().map(|link| {
        Json::Object(vec![("text", string(&link.text)), ("href", Json::String(ctx.absolute(&link.target)))])
    });
    let document = Json::Object(vec![
        ("lang", string(ctx.lang.code())),
        ("title", string(page.title)),
        ("description", string(&page.description)),
        ("url", Json::String(ctx.canonical())),
        ("alternates", Json::Array(alternates.collect())),
        ("sections", Json::Array(sections.collect())),
        ("links", Json::Array(links.collect())),
        ("html", Json::String(html::body(ctx, Fragments::Absolute))),
        ("text", Json::String(text::plain_body(ctx))),
    ]);
    let mut out = String::new();
    document.write(&mut out, 0);
    out.push('\n');
    out
}

fn string(s: &str) -> Json {
    Json::String(s.to_owned())
}

impl Json {
    /// Appends this value to `out`, pretty-printed with two-space indents,
    /// its first line at the current position and its other lines at `depth`.
    pub fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::String(s) => push_string(out, s),
            Json::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    newline(out, depth + 1, n > 0);
                    item.write(out, depth + 1);
                }
                newline(out, depth, false);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (n, (name, value)) in members.iter().enumerate() {
                    newline(out, depth + 1, n > 0);
                    push_string(out, name);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                newline(out, depth, false);
                out.push('}');
            }
        }
    }
}

/// A comma if `after_item`, then a new line indented to `depth`.
fn newline(out: &mut String, depth: usize, after_item: bool) {
    if after_item {
        out.push(',');
    }
    out.push('\n');
    out.push_str(&"  ".repeat(depth));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &Json) -> String {
        let mut out = String::new();
        value.write(&mut out, 0);
        out
    }

    #[test]
    fn values_print_like_serde_json_pretty() {
        let value = Json::Object(vec![
            ("a", Json::Number(2)),
            (
                "b",
                Json::Array(vec![Json::String("x".into()), Json::Object(vec![("c", Json::Array(vec![]))])]),
            ),
            ("d", Json::Object(vec![])),
        ]);
        let expected =
            "{\n  \"a\": 2,\n  \"b\": [\n    \"x\",\n    {\n      \"c\": []\n    }\n  ],\n  \"d\": {}\n}";
        assert_eq!(written(&value), expected);
    }
}
