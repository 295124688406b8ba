//! The page's structured data for search engines, social networks and
//! agents: one JSON-LD object in the vocabulary of schema.org, which the
//! HTML carries in a `<script type="application/ld+json">` data block.
//!
//! The page is an `AboutPage` of the `WebSite` beta.gouv.fr, in its own
//! language, published by a `GovernmentOrganization`, the DINUM. Its `url`
//! and the site's are absolute under `SITE_URL`, like the canonical URL.

use super::context::Context;
use super::json::Json;
use super::SITE_NAME;

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
    let string = |s: &str| Json::String(s.to_owned());
    let website = Json::Object(vec![
        ("@type", string("WebSite")),
        ("url", Json::String(format!("{}/", ctx.site_url))),
        ("name", string(SITE_NAME)),
    ]);
    let publisher = Json::Object(vec![
        ("@type", string("GovernmentOrganization")),
        ("name", string(PUBLISHER_NAME)),
        ("alternateName", string(PUBLISHER_ALTERNATE_NAME)),
        ("url", string(PUBLISHER_URL)),
    ]);
    let document = Json::Object(vec![
        ("@context", string("https://schema.org")),
        ("@type", string("AboutPage")),
        ("url", Json::String(ctx.canonical())),
        ("name", string(ctx.page.title)),
        ("description", string(&ctx.page.description)),
        ("inLanguage", string(ctx.lang.code())),
        ("isPartOf", website),
        ("publisher", publisher),
    ]);
    let mut out = String::new();
    document.write(&mut out, 0);
    escape_for_script(&out)
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
