//! The [`schema!`] macro, which declares each struct of the schema once for
//! both sides, and (with the `check` feature) the [`Value`] trait through
//! which the build writes and walks their fields.

/// Declares a struct of the schema: generic over its string type (and any
/// other parameter listed, each with the worker's type as its default),
/// `Debug + PartialEq + Eq`, every field public.
///
/// With the `check` feature, the struct also derives `serde::Deserialize`
/// (with `deny_unknown_fields`; the fields' `#[serde(...)]` attributes apply
/// then, and only then) and implements [`Value`] from the same field list:
/// [`Value::write_rust`] writes `Name { field: value, … }` and
/// [`Value::each_text`] visits every field.
macro_rules! schema {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident<$($param:ident = $default:ty),+> {
            $(
                $(#[doc = $field_doc:literal])*
                $(#[serde($($serde:tt)*)])?
                pub $field:ident: $type:ty,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "check", derive(serde::Deserialize), serde(deny_unknown_fields))]
        pub struct $name<$($param = $default),+> {
            $(
                $(#[doc = $field_doc])*
                $(#[cfg_attr(feature = "check", serde($($serde)*))])?
                pub $field: $type,
            )*
        }

        #[cfg(feature = "check")]
        impl<$($param: $crate::schema::Value),+> $crate::schema::Value for $name<$($param),+> {
            fn write_rust(&self, out: &mut String) {
                out.push_str(concat!(stringify!($name), " {"));
                $(
                    out.push_str(concat!(" ", stringify!($field), ": "));
                    self.$field.write_rust(out);
                    out.push(',');
                )*
                out.push_str(" }");
            }

            fn each_text<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a str)) {
                $(self.$field.each_text(&$crate::schema::field_path(path, stringify!($field)), f);)*
            }
        }
    };
}

/// A value of the schema as the build holds it, owned: how it is written
/// into the worker's source, and the texts it contains.
#[cfg(feature = "check")]
pub trait Value {
    /// Appends `self` as a Rust expression of the type the worker embeds:
    /// `"…"` for a `String` (its `Debug`, which is Rust's literal syntax),
    /// `&[…]` for a `Vec`, `Some(…)` or `None`, `Name { field: …, }` for a
    /// struct of the schema.
    fn write_rust(&self, out: &mut String);

    /// Calls `f` with every text in `self` and the path of the field holding
    /// it, e.g. `formats: json`.
    fn each_text<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a str));
}

/// `field` within `parent`, as the build's errors name it: `formats: json`.
#[cfg(feature = "check")]
pub fn field_path(parent: &str, field: &str) -> String {
    match parent {
        "" => field.to_owned(),
        parent => format!("{parent}: {field}"),
    }
}

#[cfg(feature = "check")]
impl Value for String {
    fn write_rust(&self, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "{self:?}");
    }

    fn each_text<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a str)) {
        f(path, self);
    }
}

#[cfg(feature = "check")]
impl Value for bool {
    fn write_rust(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn each_text<'a>(&'a self, _: &str, _: &mut dyn FnMut(&str, &'a str)) {}
}

#[cfg(feature = "check")]
impl<T: Value> Value for Vec<T> {
    fn write_rust(&self, out: &mut String) {
        out.push_str("&[");
        for (n, item) in self.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            item.write_rust(out);
        }
        out.push(']');
    }

    fn each_text<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a str)) {
        self.iter().for_each(|item| item.each_text(path, f));
    }
}

#[cfg(feature = "check")]
impl<T: Value> Value for Option<T> {
    fn write_rust(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.write_rust(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }

    fn each_text<'a>(&'a self, path: &str, f: &mut dyn FnMut(&str, &'a str)) {
        if let Some(value) = self {
            value.each_text(path, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{parse_labels, tests::LABELS, LabelsFile};

    fn labels() -> LabelsFile {
        let mut labels = parse_labels("content/site.fr.yml", "fr", LABELS).unwrap();
        labels.tagline = "« Le réseau » \"cité\"\\\n".to_owned();
        labels
    }

    #[test]
    fn a_struct_is_written_as_its_rust_literal() {
        let mut rust = String::new();
        labels().write_rust(&mut rust);
        assert!(rust.starts_with(r#"Labels { lang: "fr", language_name: "L", og_locale: "l_L", tagline: "« Le réseau » \"cité\"\\\n", "#), "{rust}");
        assert!(rust.contains(r#"formats: FormatNames { json: "J", txt: "T", md: "M", }, "#), "{rust}");
        assert!(
            rust.contains(r#"nav: &[NavItem { label: "P", url: None, links: Some(&[Link { label: "A", url: "/a/", }, Link { label: "B", url: "/b", }]), }, NavItem { label: "I", url: Some("/i/"), links: None, }], }"#),
            "{rust}"
        );
        let mut list = String::new();
        (vec![Some("a".to_owned()), None]).write_rust(&mut list);
        assert_eq!(list, r#"&[Some("a"), None]"#);
    }

    #[test]
    fn every_text_is_visited_with_its_field_path() {
        let labels = labels();
        let mut paths = Vec::new();
        labels.each_text("", &mut |path, _| paths.push(path.to_owned()));
        assert_eq!(
            paths[..6],
            ["lang", "language_name", "og_locale", "tagline", "other_formats", "formats: json"]
        );
        assert!(paths.contains(&"header: nav: links: url".to_owned()), "{paths:?}");
        assert_eq!(paths.last().unwrap(), "status: not_acceptable: detail");
    }
}
