//! Configuration read from the worker's environment (`[vars]` in `wrangler.toml`).
//!
//! Every var has a default in code: a missing or invalid value falls back to it
//! and is reported once (when the isolate builds its [`crate::Site`]), never as a
//! failed request.

/// The worker's settings, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the site, without a trailing slash (`SITE_URL`).
    /// Relative links of the content and canonical URLs resolve against it.
    pub site_url: String,
}

/// The default of `SITE_URL`.
pub const DEFAULT_SITE_URL: &str = "https://beta.gouv.fr";

impl Default for Config {
    fn default() -> Self {
        Config { site_url: DEFAULT_SITE_URL.to_owned() }
    }
}

/// A var that was set but could not be used; its default applies instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The var's name, e.g. `SITE_URL`.
    pub var: &'static str,
    /// The rejected value.
    pub value: String,
    /// Why it was rejected, and what it should look like.
    pub reason: &'static str,
}

impl std::fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={:?} ignored, default used: {}", self.var, self.value, self.reason)
    }
}

impl Config {
    /// Reads every var through `lookup` (its value, or `None` when unset),
    /// keeping the default for each one that is missing or invalid.
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> (Config, Vec<ConfigWarning>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        if let Some(value) = lookup("SITE_URL") {
            match parse_site_url(&value) {
                Some(url) => config.site_url = url,
                None => warnings.push(ConfigWarning {
                    var: "SITE_URL",
                    value,
                    reason: "expected an absolute http(s) URL without query or fragment, e.g. https://beta.gouv.fr",
                }),
            }
        }
        (config, warnings)
    }
}

/// `https://host[:port][/path]`, trailing slashes removed.
fn parse_site_url(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('/');
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let valid = !host.is_empty()
        && value.parse::<http::Uri>().is_ok()
        && !value.contains(['?', '#', ' ', '"', '<', '>']);
    valid.then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> (Config, Vec<ConfigWarning>) {
        Config::from_vars(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn missing_vars_take_their_defaults() {
        assert_eq!(from(&[]), (Config::default(), vec![]));
    }

    #[test]
    fn site_url_is_validated() {
        for (value, expected) in [
            ("https://beta.gouv.fr", Some("https://beta.gouv.fr")),
            ("https://beta.gouv.fr/", Some("https://beta.gouv.fr")),
            ("http://127.0.0.1:8787", Some("http://127.0.0.1:8787")),
            ("https://example.org/site/", Some("https://example.org/site")),
            ("beta.gouv.fr", None),
            ("ftp://beta.gouv.fr", None),
            ("https://", None),
            ("https://a.b/?q=1", None),
            ("https://a b", None),
            ("", None),
        ] {
            let (config, warnings) = from(&[("SITE_URL", value)]);
            match expected {
                Some(url) => assert_eq!((config.site_url.as_str(), warnings.len()), (url, 0), "{value:?}"),
                None => {
                    assert_eq!(config.site_url, DEFAULT_SITE_URL, "{value:?}");
                    assert_eq!(warnings[0].var, "SITE_URL", "{value:?}");
                }
            }
        }
    }
}
