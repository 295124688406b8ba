//! The page as JSON, for programs: one object, described by the JSON
//! Schema `schema/page.schema.json` (the tests validate every output
//! against it). Every URL in it is absolute. Written with [`Json`], the
//! crate's one JSON writer.

use super::context::Context;
use super::html::{self, Fragments};
use super::model::plain;
use super::text;
use crate::json::Json;

/// The page as a JSON document.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn document(ctx: &Context<'_>) -> String {
    let page = ctx.page;
    let alternates = ctx.alternates(crate::variant::Format::Json).into_iter().map(|alternate| {
        Json::Object(vec![
            ("href", Json::owned(alternate.href)),
            ("hreflang", Json::str(alternate.lang.code())),
            ("type", Json::str(alternate.format.media_type())),
        ])
    });
    let sections = page.sections.iter().map(|section| {
        Json::Object(vec![
            ("id", Json::str(&section.heading.id)),
            ("level", Json::Number(u64::from(section.heading.level))),
            ("title", Json::owned(plain(&section.heading.content))),
            ("text", Json::owned(text::plain_blocks(ctx, &section.blocks))),
            ("html", Json::owned(html::blocks(ctx, &section.blocks, Fragments::Absolute))),
        ])
    });
    let links = page.links.iter().map(|link| {
        Json::Object(vec![("text", Json::str(&link.text)), ("href", Json::owned(ctx.absolute(&link.target)))])
    });
    let document = Json::Object(vec![
        ("lang", Json::str(ctx.lang.code())),
        ("title", Json::str(page.title)),
        ("description", Json::str(&page.description)),
        ("url", Json::owned(ctx.canonical())),
        ("alternates", Json::Array(alternates.collect())),
        ("sections", Json::Array(sections.collect())),
        ("links", Json::Array(links.collect())),
        ("html", Json::owned(html::body(ctx, Fragments::Absolute))),
        ("text", Json::owned(text::plain_body(ctx))),
    ]);
    let mut out = document.pretty(0);
    out.push('\n');
    out
}
