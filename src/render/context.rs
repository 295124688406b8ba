//! What every format needs besides the model: the language, the chrome's
//! words in it, and the page's URLs under the configured base URL.
//!
//! | URL | names |
//! |---|---|
//! | `{site}/{lang}/{slug}/` | the page in `lang`, canonical (HTML) |
//! | `{site}/{lang}/{slug}/index.{ext}` | the page in `lang` and one format |
//! | `{site}/{slug}/` | the page, negotiated (`x-default`) |
//!
//! The paths are [`crate::routes`]'; links from the page to its other forms
//! (the language switcher, the footer's formats) are them without `{site}`.

use apropos_content::target::Target;

use crate::content::Labels;
use crate::routes::{canonical_path, page_path};
use crate::variant::{Format, Lang, Page, Variant};

use super::model;

/// One page in one language, ready to serialise.
pub struct Context<'a> {
    /// The parsed page.
    pub page: &'a model::Page,
    /// Which page of the site it is.
    pub site_page: Page,
    /// Its language.
    pub lang: Lang,
    /// The chrome's words in that language.
    pub labels: &'static Labels,
    /// The base URL, without a trailing slash.
    pub site_url: &'a str,
}

/// A link to another representation of the page.
pub struct Alternate {
    /// Its absolute URL.
    pub href: String,
    /// Its language.
    pub lang: Lang,
    /// Its format.
    pub format: Format,
}

impl Context<'_> {
    /// The canonical URL of the page in `lang`.
    pub fn page_url(&self, lang: Lang) -> String {
        self.variant_url(Variant { lang, format: Format::Html })
    }

    /// The canonical URL of this page.
    pub fn canonical(&self) -> String {
        self.page_url(self.lang)
    }

    /// The URL of `variant`: the canonical URL for HTML, `index.{ext}` otherwise.
    pub fn variant_url(&self, variant: Variant) -> String {
        format!("{}{}", self.site_url, self.variant_path(variant))
    }

    /// The path of `variant` on this worker, wherever it is served: the
    /// page's own links to its other forms use it, so that they work under
    /// any host (a preview, `make dev`), while its canonical URL and the
    /// alternates announced to search engines and programs are absolute.
    pub fn variant_path(&self, variant: Variant) -> String {
        canonical_path(self.site_page, variant)
    }

    /// The URL that negotiates the language (`hreflang="x-default"`).
    pub fn x_default(&self) -> String {
        format!("{}{}", self.site_url, page_path(self.site_page, None))
    }

    /// The absolute URL of a link of the content.
    pub fn absolute(&self, target: &Target) -> String {
        target.absolute(self.site_url, &self.canonical())
    }

    /// The languages this page exists in, in server order: all of them.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        Lang::ALL.into_iter()
    }
    /// Every representation of the page but `format` in this language: the
    /// other formats of this language first, then the other languages.
    pub fn alternates(&self, format: Format) -> Vec<Alternate> {
        let this = Variant { lang: self.lang, format };
        let same_language = Format::ALL.into_iter().map(|format| Variant { lang: self.lang, format });
        let others = self
            .languages()
            .filter(|&lang| lang != self.lang)
            .flat_map(|lang| Format::ALL.into_iter().map(move |format| Variant { lang, format }));
        same_language
            .chain(others)
            .filter(|&variant| variant != this)
            .map(|variant| Alternate {
                href: self.variant_url(variant),
                lang: variant.lang,
                format: variant.format,
            })
            .collect()
    }
}

/// The name of `format` in `labels`; `None` for HTML, the page itself.
pub fn format_name(labels: &Labels, format: Format) -> Option<&'static str> {
    match format {
        Format::Html => None,
        Format::Json => Some(labels.formats.json),
        Format::Text => Some(labels.formats.txt),
        Format::Markdown => Some(labels.formats.md),
    }
}
