//! Every JSON representation is valid against `schema/page.schema.json`
//! (JSON Schema 2020-12, formats checked), and the schema is strict enough
//! to reject what the worker must never send.

use apropos_worker::{Config, Format, Lang, Page, Site, Variant};
use serde_json::{json, Value};

fn schema() -> Value {
    let text = include_str!("../schema/page.schema.json");
    serde_json::from_str(text).expect("schema/page.schema.json is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema())
        .unwrap_or_else(|e| panic!("schema/page.schema.json is not a valid 2020-12 schema: {e}"))
}

fn page_json(site: &Site, page: Page, lang: Lang) -> Value {
    let variant = Variant { lang, format: Format::Json };
    let body =
        &site.representation(page, variant).unwrap_or_else(|| panic!("{variant:?} failed to render")).body;
    serde_json::from_slice(body).unwrap_or_else(|e| panic!("{variant:?} is not JSON: {e}"))
}

/// Every problem the validator finds, with where it is.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn the_schema_is_draft_2020_12() {
    assert_eq!(schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn every_json_output_is_valid() {
    let validator = validator();
    for config in
        [Config::default(), Config { site_url: "http://127.0.0.1:8787".into(), ..Config::default() }]
    {
        let site = Site::new(config);
        for page in Page::ALL {
            for lang in Lang::ALL {
                let document = page_json(&site, page, lang);
                assert_eq!(errors(&validator, &document), Vec::<String>::new(), "{page:?} {lang:?}");
            }
        }
    }
}

/// A change that makes a document invalid.
type Breaking = fn(&mut Value);

#[test]
fn the_schema_rejects_what_must_not_be_sent() {
    let validator = validator();
    let valid = page_json(&Site::new(Config::default()), Page::HOME, Lang::ALL[0]);
    let broken: [(&str, Breaking); 7] = [
        ("a relative url", |d| d["url"] = json!("/fr/page/")),
        ("a relative link", |d| d["links"] = json!([{"text": "a", "href": "/a/"}])),
        ("a missing field", |d| drop(d.as_object_mut().map(|o| o.remove("sections")))),
        ("an unknown field", |d| d["extra"] = json!(1)),
        ("a level-1 section", |d| d["sections"][0]["level"] = json!(1)),
        ("an unknown media type", |d| d["alternates"][0]["type"] = json!("text/css")),
        ("a description too long", |d| d["description"] = json!("x".repeat(161))),
    ];
    for (what, breaking) in broken {
        let mut document = valid.clone();
        breaking(&mut document);
        assert!(!errors(&validator, &document).is_empty(), "the schema accepts {what}");
    }
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content")]
fn the_json_describes_the_page_and_its_alternates() {
    let site = Site::new(Config::default());
    let apropos = Page::from_slug("apropos").unwrap();
    let document = page_json(&site, apropos, Lang::En);
    assert_eq!(document["lang"], "en");
    assert_eq!(document["title"], "About");
    assert_eq!(document["url"], "https://beta.gouv.fr/en/apropos/");
    let alternates = document["alternates"].as_array().unwrap();
    assert_eq!(alternates.len(), Variant::ALL.len() - 1, "every other variant");
    for variant in Variant::ALL.into_iter().filter(|v| *v != Variant { lang: Lang::En, format: Format::Json })
    {
        let listed = alternates.iter().any(|a| {
            a["hreflang"] == variant.lang.code()
                && a["type"] == variant.format.media_type()
                && site.representation(apropos, variant).is_some()
        });
        assert!(listed, "{variant:?} is not among the alternates");
    }
    let sections = document["sections"].as_array().unwrap();
    assert_eq!(sections[0]["id"], "who-are-we");
    assert!(sections.iter().any(|s| s["id"] == "pourquoi-lancer-une-startup-detat"), "the explicit anchor");
}
