//! Configuration read from the worker's environment (`[vars]` in `wrangler.toml`).
//!
//! Every var has a default in code: a missing or invalid value falls back to it
//! and is reported once (when the isolate builds its [`crate::Site`]), never as a
//! failed request.

use http::HeaderValue;

use crate::date::{format_rfc3339, parse_rfc3339, UnixSeconds};
use crate::log::Event;

/// The worker's settings, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the site, without a trailing slash (`SITE_URL`).
    /// Relative links of the content and canonical URLs resolve against it.
    pub site_url: String,
    /// `Cache-Control` of every page representation and site file (`CACHE_CONTROL`):
    /// what browsers and any cache keep.
    pub cache_control: HeaderValue,
    /// `CDN-Cache-Control` of the same responses (`CDN_CACHE_CONTROL`): what
    /// the cache in front of the worker keeps, which a deploy empties.
    pub cdn_cache_control: HeaderValue,
    /// `Strict-Transport-Security` of every response (`STRICT_TRANSPORT_SECURITY`).
    pub strict_transport_security: HeaderValue,
    /// What `/robots.txt` says the content may be used for (`CONTENT_SIGNAL`):
    /// its `Content-Signal` value (contentsignals.org).
    pub content_signal: String,
    /// `Contact` of `/.well-known/security.txt` (`SECURITY_CONTACT`): a
    /// `mailto:`, `https:` or `tel:` URI.
    pub security_contact: String,
    /// `Expires` of `/.well-known/security.txt` (`SECURITY_EXPIRES`), in
    /// RFC 3339 (`2027-12-01T00:00:00.000Z`).
    pub security_expires: String,
}

/// The default of `SITE_URL`.
pub const DEFAULT_SITE_URL: &str = "https://beta.gouv.fr";

/// The site's search, under `SITE_URL`: where the header's search form
/// submits, and the one target the CSP's `form-action` allows.
pub const SEARCH_PATH: &str = "/recherche";
/// The default of `CACHE_CONTROL`: five minutes fresh, then served stale while
/// revalidating for a day, or for a week while the origin fails.
pub const DEFAULT_CACHE_CONTROL: &str =
    "public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800";
/// The default of `CDN_CACHE_CONTROL`: a day fresh at the edge (whose cache
/// a deploy starts afresh, so it never outlives the content), then served
/// stale while revalidating for a day, or for a week while the worker fails.
pub const DEFAULT_CDN_CACHE_CONTROL: &str =
    "public, max-age=86400, stale-while-revalidate=86400, stale-if-error=604800";
/// The default of `STRICT_TRANSPORT_SECURITY`: two years, subdomains included.
pub const DEFAULT_STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";
/// The default of `CONTENT_SIGNAL`: every use, as the Etalab 2.0 open licence
/// under which beta.gouv.fr publishes allows any reuse that credits it.
pub const DEFAULT_CONTENT_SIGNAL: &str = "search=yes, ai-input=yes, ai-train=yes";
/// The default of `SECURITY_CONTACT`: the team's address, as the page gives it.
pub const DEFAULT_SECURITY_CONTACT: &str = "mailto:contact@beta.gouv.fr";
/// The default of `SECURITY_EXPIRES`; RFC 9116 asks for less than a year ahead.
pub const DEFAULT_SECURITY_EXPIRES: &str = "2027-12-01T00:00:00.000Z";
/// How long past start-up `Expires` is set when the configured date is
/// invalid or past: a week, so that the file is valid and soon stale again.
pub const FALLBACK_SECURITY_EXPIRY: UnixSeconds = 7 * 86_400;
/// The names of the content signals (contentsignals.org).
const CONTENT_SIGNALS: [&str; 3] = ["search", "ai-input", "ai-train"];

impl Default for Config {
    fn default() -> Self {
        Config {
            site_url: DEFAULT_SITE_URL.to_owned(),
            cache_control: HeaderValue::from_static(DEFAULT_CACHE_CONTROL),
            cdn_cache_control: HeaderValue::from_static(DEFAULT_CDN_CACHE_CONTROL),
            strict_transport_security: HeaderValue::from_static(DEFAULT_STRICT_TRANSPORT_SECURITY),
            content_signal: DEFAULT_CONTENT_SIGNAL.to_owned(),
            security_contact: DEFAULT_SECURITY_CONTACT.to_owned(),
            security_expires: DEFAULT_SECURITY_EXPIRES.to_owned(),
        }
    }
}

/// A var that was set but could not be used; its default applies instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The var's name, e.g. `SITE_URL`.
    pub var: &'static str,
    /// The rejected value.
    pub value: String,
    /// The value used instead: the default, or for `SECURITY_EXPIRES`, a
    /// week after start-up.
    pub default: String,
    /// Why it was rejected, and what it should look like.
    pub reason: &'static str,
}

impl ConfigWarning {
    /// The warning as the log records it.
    pub fn event(&self) -> Event<'_> {
        Event::ConfigFallback {
            var: self.var,
            value: &self.value,
            default: &self.default,
            reason: self.reason,
        }
    }
}

impl Config {
    /// Reads every var through `lookup` (its value, or `None` when unset),
    /// keeping the default for each one that is missing or invalid. `now` is
    /// the time of start-up: an `Expires` already past is refused then.
    pub fn from_vars(
        lookup: impl Fn(&str) -> Option<String>,
        now: UnixSeconds,
    ) -> (Config, Vec<ConfigWarning>) {
        let mut config = Config::default();
        let mut vars = Vars { lookup, warnings: Vec::new() };
        if let Some(url) = vars.read(
            "SITE_URL",
            DEFAULT_SITE_URL,
            "expected an absolute http(s) URL without query or fragment, e.g. https://beta.gouv.fr",
            parse_site_url,
        ) {
            config.site_url = url;
        }
        if let Some(header) = vars.read(
            "CACHE_CONTROL",
            DEFAULT_CACHE_CONTROL,
            "expected Cache-Control directives, e.g. public, max-age=300",
            |value| parse_directives(value, |_| true),
        ) {
            config.cache_control = header;
        }
        if let Some(header) = vars.read(
            "CDN_CACHE_CONTROL",
            DEFAULT_CDN_CACHE_CONTROL,
            "expected Cache-Control directives, e.g. public, max-age=86400",
            |value| parse_directives(value, |_| true),
        ) {
            config.cdn_cache_control = header;
        }
        let has_max_age = |name: &str, arg: Option<&str>| {
            !name.eq_ignore_ascii_case("max-age")
                || arg.is_some_and(|a| a.bytes().all(|b| b.is_ascii_digit()))
        };
        if let Some(header) = vars.read(
            "STRICT_TRANSPORT_SECURITY",
            DEFAULT_STRICT_TRANSPORT_SECURITY,
            "expected HSTS directives with a numeric max-age, e.g. max-age=63072000; includeSubDomains",
            |value| {
                parse_directives(value, |directives| {
                    directives.iter().all(|(n, a)| has_max_age(n, *a))
                        && directives.iter().any(|(n, _)| n.eq_ignore_ascii_case("max-age"))
                })
            },
        ) {
            config.strict_transport_security = header;
        }
        if let Some(signal) = vars.read(
            "CONTENT_SIGNAL",
            DEFAULT_CONTENT_SIGNAL,
            "expected search, ai-input and ai-train each =yes or =no, comma-separated, e.g. search=yes, ai-input=yes, ai-train=no",
            parse_content_signal,
        ) {
            config.content_signal = signal;
        }
        if let Some(contact) = vars.read(
            "SECURITY_CONTACT",
            DEFAULT_SECURITY_CONTACT,
            "expected a mailto:, https: or tel: URI, e.g. mailto:security@beta.gouv.fr",
            parse_contact,
        ) {
            config.security_contact = contact;
        }
        let expires = (vars.lookup)("SECURITY_EXPIRES");
        let expires_value = expires.as_deref().unwrap_or(DEFAULT_SECURITY_EXPIRES);
        let reason = match parse_rfc3339(expires_value.trim()) {
            Some(at) if at > now => {
                config.security_expires = format_rfc3339(at);
                None
            }
            Some(_) => {
                Some("the date is past: RFC 9116 makes the file stale; set a date less than a year ahead")
            }
            None => {
                Some("expected an RFC 3339 date-time less than a year ahead, e.g. 2027-12-01T00:00:00.000Z")
            }
        };
        if let Some(reason) = reason {
            config.security_expires = format_rfc3339(now + FALLBACK_SECURITY_EXPIRY);
            let (value, default) = (expires_value.to_owned(), config.security_expires.clone());
            vars.warnings.push(ConfigWarning { var: "SECURITY_EXPIRES", value, default, reason });
        }
        (config, vars.warnings)
    }
}

/// The vars, read through `lookup`, and the warnings about them so far.
struct Vars<L> {
    lookup: L,
    warnings: Vec<ConfigWarning>,
}

impl<L: Fn(&str) -> Option<String>> Vars<L> {
    /// `var` as `parse` reads it; `None` if it is unset, or if `parse` refuses
    /// it, which is then a warning that `default` applies, for `reason`.
    fn read<T>(
        &mut self,
        var: &'static str,
        default: &str,
        reason: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let value = (self.lookup)(var)?;
        let parsed = parse(&value);
        if parsed.is_none() {
            self.warnings.push(ConfigWarning { var, value, default: default.to_owned(), reason });
        }
        parsed
    }
}

/// `name=yes|no` for each content signal, comma-separated, each named once;
/// written back with `, ` between them. Signals not named say nothing.
fn parse_content_signal(value: &str) -> Option<String> {
    let mut seen = Vec::new();
    for signal in value.split(',') {
        let (name, choice) = signal.trim().split_once('=')?;
        let name = CONTENT_SIGNALS.iter().find(|known| **known == name)?;
        if !matches!(choice, "yes" | "no") || seen.iter().any(|(seen, _)| seen == name) {
            return None;
        }
        seen.push((*name, choice));
    }
    Some(seen.iter().map(|(name, choice)| format!("{name}={choice}")).collect::<Vec<_>>().join(", "))
}

/// A `Contact` URI of RFC 9116 §2.5.3: `mailto:` an address, `https://` a
/// host, or `tel:` a number; visible ASCII without spaces.
fn parse_contact(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let valid = if let Some(address) = value.strip_prefix("mailto:") {
        address.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    } else if let Some(rest) = value.strip_prefix("https://") {
        !rest.is_empty() && !rest.starts_with('/')
    } else if let Some(number) = value.strip_prefix("tel:") {
        number.bytes().any(|b| b.is_ascii_digit())
    } else {
        false
    };
    valid.then(|| value.to_owned())
}

/// A header value made of `name[=argument]` directives separated by `,` or
/// `;`, each name a token, accepted by `valid`; `None` otherwise.
fn parse_directives(value: &str, valid: impl Fn(&[(&str, Option<&str>)]) -> bool) -> Option<HeaderValue> {
    let value = value.trim();
    let directives: Vec<(&str, Option<&str>)> = value
        .split([',', ';'])
        .map(str::trim)
        .map(|d| d.split_once('=').map_or((d, None), |(n, a)| (n.trim(), Some(a.trim().trim_matches('"')))))
        .collect();
    let tokens = directives
        .iter()
        .all(|(name, arg)| crate::syntax::is_token(name.as_bytes()) && arg.is_none_or(|a| !a.is_empty()));
    (tokens && valid(&directives)).then(|| HeaderValue::from_str(value).ok()).flatten()
}

/// `https://host[:port][/path]`, trailing slashes removed.
///
/// Checked by hand against RFC 3986 (§3.2.2, §3.2.3, §3.3) rather than
/// parsed as an `http::Uri`: nothing else in the wasm parses a `Uri`, whose
/// parser would be compiled at every isolate's start. A property test holds
/// this check to be no looser than `http::Uri`.
fn parse_site_url(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('/');
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = host_and_port(authority)?;
    let host_valid = match host.strip_prefix('[').and_then(|literal| literal.strip_suffix(']')) {
        // An IP literal: an IPv6 address (hex digits, `:` and a dotted IPv4 tail).
        Some(address) => {
            !address.is_empty() && address.bytes().all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'))
        }
        // A registered name: in ASCII (punycode, not `%` escapes, which `http` refuses there).
        None => !host.is_empty() && !host.contains('%') && uri_bytes(host, b""),
    };
    let port_valid =
        port.is_none_or(|port| port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok());
    (host_valid && port_valid && uri_bytes(path, b":@/")).then(|| value.to_owned())
}

/// `authority` as its host and its port (what follows the host's `:`, if
/// any); `None` if an IP literal's `]` is missing or followed by anything
/// but a port.
fn host_and_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let (host, after) = authority.split_at(authority.find(']')? + 1);
        match after {
            "" => Some((host, None)),
            _ => Some((host, Some(after.strip_prefix(':')?))),
        }
    } else {
        Some(authority.split_once(':').map_or((authority, None), |(host, port)| (host, Some(port))))
    }
}

/// Whether `text` holds only what a URI component may hold unescaped
/// (unreserved characters and sub-delimiters, RFC 3986 §2.2–2.3), the bytes of
/// `also`, and `%` escapes of two hex digits.
fn uri_bytes(text: &str, also: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if !bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        let sub_delimiter =
            matches!(b, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=');
        if !(unreserved || sub_delimiter || also.contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-01T00:00:00Z: a start-up before the default `SECURITY_EXPIRES`.
    const NOW: UnixSeconds = 1_796_083_200;

    fn from(pairs: &[(&str, &str)]) -> (Config, Vec<ConfigWarning>) {
        Config::from_vars(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()), NOW)
    }

    #[test]
    fn missing_vars_take_their_defaults() {
        assert_eq!(from(&[]), (Config::default(), vec![]));
    }

    #[test]
    fn cache_control_and_hsts_are_validated() {
        for (var, value, valid) in [
            ("CACHE_CONTROL", "no-store", true),
            ("CACHE_CONTROL", "public, max-age=60, s-maxage=600", true),
            ("CACHE_CONTROL", "private, no-cache=\"Set-Cookie\"", true),
            ("CACHE_CONTROL", "", false),
            ("CACHE_CONTROL", "max-age=", false),
            ("CACHE_CONTROL", "public,, max-age=1", false),
            ("CACHE_CONTROL", "max age=1", false),
            ("CACHE_CONTROL", "public\nX-Injected: 1", false),
            ("CDN_CACHE_CONTROL", "public, max-age=31536000", true),
            ("CDN_CACHE_CONTROL", "no-store", true),
            ("CDN_CACHE_CONTROL", "max-age=", false),
            ("CDN_CACHE_CONTROL", "", false),
            ("STRICT_TRANSPORT_SECURITY", "max-age=31536000", true),
            ("STRICT_TRANSPORT_SECURITY", "max-age=0", true),
            ("STRICT_TRANSPORT_SECURITY", "max-age=63072000; includeSubDomains; preload", true),
            ("STRICT_TRANSPORT_SECURITY", "includeSubDomains", false),
            ("STRICT_TRANSPORT_SECURITY", "max-age=two-years", false),
            ("STRICT_TRANSPORT_SECURITY", "max-age=-1", false),
        ] {
            let (config, warnings) = from(&[(var, value)]);
            let got = match var {
                "CACHE_CONTROL" => config.cache_control,
                "CDN_CACHE_CONTROL" => config.cdn_cache_control,
                _ => config.strict_transport_security,
            };
            if valid {
                assert_eq!((got.to_str().unwrap(), warnings.len()), (value, 0), "{var}={value:?}");
            } else {
                assert_eq!(warnings.len(), 1, "{var}={value:?}");
                assert_eq!(warnings[0].var, var);
                let default = match var {
                    "CACHE_CONTROL" => DEFAULT_CACHE_CONTROL,
                    "CDN_CACHE_CONTROL" => DEFAULT_CDN_CACHE_CONTROL,
                    _ => DEFAULT_STRICT_TRANSPORT_SECURITY,
                };
                assert_eq!(got, default, "{var}={value:?}");
                assert_eq!(warnings[0].default, default, "{var}={value:?}");
            }
        }
    }

    #[test]
    fn content_signal_and_security_contact_are_validated() {
        for (var, value, expected) in [
            (
                "CONTENT_SIGNAL",
                "search=yes, ai-input=yes, ai-train=no",
                Some("search=yes, ai-input=yes, ai-train=no"),
            ),
            ("CONTENT_SIGNAL", "ai-train=no,search=yes", Some("ai-train=no, search=yes")),
            ("CONTENT_SIGNAL", " search=no ", Some("search=no")),
            ("CONTENT_SIGNAL", "search=maybe", None),
            ("CONTENT_SIGNAL", "ai_train=no", None),
            ("CONTENT_SIGNAL", "search=yes, search=no", None),
            ("CONTENT_SIGNAL", "", None),
            ("CONTENT_SIGNAL", "search=yes\nDisallow: /", None),
            ("SECURITY_CONTACT", "mailto:security@beta.gouv.fr", Some("mailto:security@beta.gouv.fr")),
            ("SECURITY_CONTACT", "https://beta.gouv.fr/securite", Some("https://beta.gouv.fr/securite")),
            ("SECURITY_CONTACT", "tel:+33-1-23-45-67-89", Some("tel:+33-1-23-45-67-89")),
            ("SECURITY_CONTACT", "security@beta.gouv.fr", None),
            ("SECURITY_CONTACT", "http://beta.gouv.fr/securite", None),
            ("SECURITY_CONTACT", "mailto:nobody", None),
            ("SECURITY_CONTACT", "mailto:a b@c.fr", None),
            ("SECURITY_CONTACT", "https://", None),
        ] {
            let (config, warnings) = from(&[(var, value)]);
            let got = match var {
                "CONTENT_SIGNAL" => config.content_signal,
                _ => config.security_contact,
            };
            match expected {
                Some(expected) => {
                    assert_eq!((got.as_str(), warnings.len()), (expected, 0), "{var}={value:?}")
                }
                None => {
                    let default = if var == "CONTENT_SIGNAL" {
                        DEFAULT_CONTENT_SIGNAL
                    } else {
                        DEFAULT_SECURITY_CONTACT
                    };
                    assert_eq!((got.as_str(), warnings[0].var), (default, var), "{var}={value:?}");
                }
            }
        }
    }

    #[test]
    fn an_expiry_past_at_start_up_is_refused_for_a_week_ahead() {
        let expires = |value: Option<&str>, now| {
            let (config, warnings) = Config::from_vars(
                |name| (name == "SECURITY_EXPIRES").then(|| value.map(str::to_owned)).flatten(),
                now,
            );
            (config.security_expires, warnings.iter().map(|w| w.var).collect::<Vec<_>>())
        };
        assert_eq!(expires(None, NOW), (DEFAULT_SECURITY_EXPIRES.to_owned(), vec![]));
        assert_eq!(
            expires(Some("2027-06-30T12:00:00+02:00"), NOW),
            ("2027-06-30T10:00:00.000Z".to_owned(), vec![])
        );
        let week_ahead = "2026-12-08T00:00:00.000Z".to_owned();
        assert_eq!(
            expires(Some("2026-11-30T00:00:00Z"), NOW),
            (week_ahead.clone(), vec!["SECURITY_EXPIRES"])
        );
        assert_eq!(expires(Some("soon"), NOW), (week_ahead, vec!["SECURITY_EXPIRES"]));
        // The default itself, once past, is refused as well.
        let later = NOW + 400 * 86_400;
        assert_eq!(
            expires(None, later),
            (format_rfc3339(later + FALLBACK_SECURITY_EXPIRY), vec!["SECURITY_EXPIRES"])
        );
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
            ("http://[::1]:8787", Some("http://[::1]:8787")),
            ("https://[2001:db8::1]/site", Some("https://[2001:db8::1]/site")),
            ("https://xn--bta-bma.gouv.fr/%C3%A0-propos", Some("https://xn--bta-bma.gouv.fr/%C3%A0-propos")),
            ("https://b%C3%A9ta.gouv.fr", None),
            ("https://a.b/x;y=1,z:w@v", Some("https://a.b/x;y=1,z:w@v")),
            ("https://a.b:65535", Some("https://a.b:65535")),
            ("https://a.b:65536", None),
            ("https://a.b:80x", None),
            ("https://a.b:+80", None),
            ("https://a.b:8:8", None),
            ("https://a.b:", None),
            ("https://:80", None),
            ("https://user@a.b", None),
            ("https://a|b", None),
            ("https://a.b/<script>", None),
            ("https://a.b/\"x\"", None),
            ("https://a.b/%zz", None),
            ("https://a.b/%4", None),
            ("https://bêta.gouv.fr", None),
            ("https://a.b/\u{7f}", None),
            ("https://a.b\r\nX: 1", None),
            ("https://[]", None),
            ("https://[::1", None),
            ("https://[::1]x", None),
            ("https://[g::1]", None),
            ("https://a.b#top", None),
        ] {
            let (config, warnings) = from(&[("SITE_URL", value)]);
            match expected {
                Some(url) => assert_eq!((config.site_url.as_str(), warnings.len()), (url, 0), "{value:?}"),
                None => {
                    assert_eq!(config.site_url, DEFAULT_SITE_URL, "{value:?}");
                    assert_eq!(warnings[0].var, "SITE_URL", "{value:?}");
                    assert_eq!(warnings[0].default, DEFAULT_SITE_URL, "{value:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Whatever `SITE_URL` this check takes, `http::Uri` takes too, as an
        /// http(s) URL with a host and no query.
        #[test]
        fn site_url_is_no_looser_than_http_uri(
            scheme in "https?://",
            authority in r"(\[[0-9a-fA-F:.g]{0,6}\]|[a-zA-Z0-9._~%!$&'()*+,;=@\[\]|<> -]{0,8})(:[0-9a-z+:]{0,6})?",
            path in r"(/[a-zA-Z0-9._~%!$&'()*+,;=:@|<>\x00-\x1f\x7f é#?-]{0,6}){0,3}",
        ) {
            let value = format!("{scheme}{authority}{path}");
            if let Some(url) = parse_site_url(&value) {
                let uri: http::Uri = url.parse().unwrap_or_else(|e| panic!("{url:?} taken, but http::Uri says {e}"));
                proptest::prop_assert_eq!(url.as_str(), value.trim().trim_end_matches('/'));
                proptest::prop_assert!(matches!(uri.scheme_str(), Some("http" | "https")), "{url:?}");
                proptest::prop_assert!(uri.host().is_some_and(|host| !host.is_empty()), "{url:?}");
                proptest::prop_assert!(uri.query().is_none(), "{url:?}");
            }
        }
    }
}
