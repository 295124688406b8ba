//! The page's source documents, embedded in the binary.

use crate::variant::Lang;

/// One source document: Jekyll-style markdown with a YAML front matter.
#[derive(Debug)]
pub struct Source {
    /// The file it was embedded from, for messages.
    pub file: &'static str,
    /// The language of the document.
    pub lang: Lang,
    /// The whole file, front matter included.
    pub text: &'static str,
}

/// The French source, the only language until the translation lands.
pub const SOURCES: &[Source] = &[Source {
    file: "content/apropos.fr.md",
    lang: Lang::Fr,
    text: include_str!("../content/apropos.fr.md"),
}];

/// The front matter's fields the page uses.
#[derive(Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// The page title (`title:`).
    pub title: &'a str,
    /// The markdown body after the front matter.
    pub body: &'a str,
}

/// Splits `text` into its front matter and body.
///
/// Returns an error naming what is missing when the front matter is absent
/// or has no `title`.
pub fn parse(text: &str) -> Result<Document<'_>, String> {
    let rest = text.strip_prefix("---\n").ok_or("no front matter: the file must start with ---")?;
    let end = rest.find("\n---\n").ok_or("unterminated front matter: no closing ---")?;
    let (front, body) = (&rest[..end], &rest[end + "\n---\n".len()..]);
    let title = front
        .lines()
        .find_map(|line| line.strip_prefix("title:"))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or("front matter: missing field `title`")?;
    Ok(Document { title, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_parses() {
        for source in SOURCES {
            let doc = parse(source.text).unwrap_or_else(|e| panic!("{}: {e}", source.file));
            assert!(!doc.body.trim().is_empty(), "{}: empty body", source.file);
        }
    }

    #[test]
    fn front_matter_errors_name_the_problem() {
        assert!(parse("no front matter").unwrap_err().contains("front matter"));
        assert!(parse("---\ntitle: x\n").unwrap_err().contains("closing"));
        assert!(parse("---\nlayout: page\n---\nbody").unwrap_err().contains("title"));
        assert_eq!(parse("---\ntitle: À propos\n---\nbody").unwrap().title, "À propos");
    }
}
