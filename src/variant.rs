//! What gets negotiated, rendered, cached and named in URLs: a [`Lang`], a
//! [`Format`], and the [`Variant`] that pairs them.

/// A language the page is served in. French is the source and the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French, the source language and the default.
    Fr,
    /// English, a translation of the French source.
    En,
}

impl Lang {
    /// Every language, in server order (the first is the default).
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 tag, as used in URLs, `lang` and `Content-Language`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language whose tag is `code` (exact, lowercase), if served.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

/// A representation format of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `text/html`: the page for people in a browser.
    Html,
    /// `application/json`: the page as data for programs.
    Json,
    /// `text/plain`: the page for a terminal.
    Text,
    /// `text/markdown`: the page for agents and tools that read Markdown.
    Markdown,
}

impl Format {
    /// Every format, in server order (the first is preferred on ties).
    pub const ALL: [Format; 4] = [Format::Html, Format::Json, Format::Text, Format::Markdown];

    /// The file extension naming this format in URLs (`index.{ext}`).
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }

    /// The format whose extension is `ext`, if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// The media type, without parameters (what `Accept` ranges match).
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html",
            Format::Json => "application/json",
            Format::Text => "text/plain",
            Format::Markdown => "text/markdown",
        }
    }

    /// [`Format::media_type`]'s type and subtype.
    pub const fn media_type_parts(self) -> (&'static [u8], &'static [u8]) {
        match self {
            Format::Html => (b"text", b"html"),
            Format::Json => (b"application", b"json"),
            Format::Text => (b"text", b"plain"),
            Format::Markdown => (b"text", b"markdown"),
        }
    }

    /// The full `Content-Type` value sent with this format.
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }
}

/// One representation of the page: a language and a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The language of the representation.
    pub lang: Lang,
    /// The format of the representation.
    pub format: Format,
}

impl Variant {
    /// Every variant, languages outermost, in server order.
    pub const ALL: [Variant; Lang::ALL.len() * Format::ALL.len()] = {
        let mut all = [Variant { lang: Lang::Fr, format: Format::Html }; 8];
        let mut i = 0;
        while i < all.len() {
            all[i] = Variant {
                lang: Lang::ALL[i / Format::ALL.len()],
                format: Format::ALL[i % Format::ALL.len()],
            };
            i += 1;
        }
        all
    };

    /// The position of this variant in [`Variant::ALL`], for tables indexed by variant.
    pub const fn index(self) -> usize {
        self.lang as usize * Format::ALL.len() + self.format as usize
    }

    /// The fully explicit path naming this variant, e.g. `/en/apropos/index.json`.
    pub fn path(self) -> String {
        format!("/{}/apropos/index.{}", self.lang.code(), self.format.extension())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_sits_at_its_index() {
        for (i, variant) in Variant::ALL.into_iter().enumerate() {
            assert_eq!(variant.index(), i, "{variant:?}");
        }
    }

    #[test]
    fn codes_and_extensions_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        for format in Format::ALL {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
            assert!(format.content_type().starts_with(format.media_type()));
            let (kind, subtype) = format.media_type_parts();
            assert_eq!(format.media_type().as_bytes(), [kind, b"/", subtype].concat());
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Format::from_extension("htm"), None);
    }

    #[test]
    fn paths_name_language_and_format() {
        let v = Variant { lang: Lang::En, format: Format::Json };
        assert_eq!(v.path(), "/en/apropos/index.json");
    }
}
