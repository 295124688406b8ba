//! The page's structured data for search engines, social networks and
//! agents: one JSON-LD object in the vocabulary of schema.org, which the
//! HTML carries in a `<script type="application/ld+json">` data block.
//!
//! The page is a `WebPage` (or the kind of it its front matter's `kind`
//! says: the « À propos » page is an `AboutPage`) of the `WebSite` beta.gouv.fr, in its own
//! language, published by a `GovernmentOrganization`, the DINUM. Its `url`
//! and the site's are absolute under `SITE_URL`, like the canonical URL.

use super::context::Context;
use super::SITE_NAME;
use crate::json::Json;

/// The publisher of beta.gouv.fr, named as it names itself.
const PUBLISHER_NAME: &str = "Direction interministérielle du numérique";
/// The publisher's acronym, the name the footer uses.
const PUBLISHER_ALTERNATE_NAME: &str = "DINUM";
/// The publisher's own site.
const PUBLISHER_URL: &str = "https://www.numerique.gouv.fr/";

/// The JSON-LD of the page, ready to be the content of a `<script>` element:
/// every `<` is written `\u003c`, so that neither `</script>` nor `<!--`
/// can ever appear in it, whatever the content says.
pub fn page(ctx: &Context<'_>) -> String {
    let website = Json::Object(vec![
        ("@type", Json::str("WebSite")),
        ("url", Json::owned(format!("{}/", ctx.site_url))),
        ("name", Json::str(SITE_NAME)),
    ]);
    let publisher = Json::Object(vec![
        ("@type", Json::str("GovernmentOrganization")),
        ("name", Json::str(PUBLISHER_NAME)),
        ("alternateName", Json::str(PUBLISHER_ALTERNATE_NAME)),
        ("url", Json::str(PUBLISHER_URL)),
    ]);
    let document = Json::Object(vec![
        ("@context", Json::str("https://schema.org")),
        ("@type", Json::str(ctx.site_page.kind())),
        ("url", Json::owned(ctx.canonical())),
        ("name", Json::str(ctx.page.title)),
        ("description", Json::str(&ctx.page.description)),
        ("inLanguage", Json::str(ctx.lang.code())),
        ("isPartOf", website),
        ("publisher", publisher),
    ]);
    escape_for_script(&document.pretty(0))
}

/// `json` with every `<` written `\u003c`. A `<` can only be inside a JSON
/// string, where the escape means the same character.
fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::escape_for_script;

    #[test]
    fn no_markup_survives_in_a_script_data_block() {
        let json = r#"{"name": "</script><!-- <b>"}"#;
        let escaped = escape_for_script(json);
        assert_eq!(escaped, r#"{"name": "\u003c/script>\u003c!-- \u003cb>"}"#);
        let value: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(value["name"], "</script><!-- <b>");
    }
}
