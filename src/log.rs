//! The worker's log: the one place that writes to it. In wasm, the runtime's
//! console (`console.error`, through the `worker` crate), which Workers Logs
//! and `wrangler tail` collect; natively, standard error.
//!
//! Each [`Event`] is one line of JSON, an object whose first member, `event`,
//! is the event's stable name, followed by the offending values:
//!
//! ```
//! use apropos_worker::log::Event;
//!
//! let event = Event::ConfigFallback {
//!     var: "SITE_URL",
//!     value: "beta.gouv.fr",
//!     default: "https://beta.gouv.fr",
//!     reason: "expected an absolute http(s) URL",
//! };
//! assert_eq!(
//!     event.to_json(),
//!     r#"{"event":"config_fallback","var":"SITE_URL","value":"beta.gouv.fr","default":"https://beta.gouv.fr","reason":"expected an absolute http(s) URL"}"#,
//! );
//! ```
//!
//! An event says what an operator must fix in the configuration or the
//! content; none carries anything of a request (its URL, its headers).

use crate::json::Json;

/// Something an operator must fix, as the log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A var was set to a value the worker cannot use, so its default
    /// applies (`config_fallback`): logged once per isolate.
    ConfigFallback {
        /// The var's name, e.g. `SITE_URL`.
        var: &'a str,
        /// The value it was set to.
        value: &'a str,
        /// The default used instead.
        default: &'a str,
        /// What the value should look like.
        reason: &'a str,
    },
    /// A representation of the page failed to render (`render_failed`): its
    /// requests get a `500`. The tests rule it out before the worker ships.
    RenderFailed {
        /// The representation's explicit URL, e.g. `/fr/apropos/index.html`.
        variant: &'a str,
        /// What went wrong.
        error: &'a str,
    },
    /// A site file failed to render (`file_failed`): its requests get a
    /// `500`. The tests rule it out before the worker ships.
    FileFailed {
        /// The file's path, e.g. `/llms.txt`.
        file: &'a str,
        /// What went wrong.
        error: &'a str,
    },
    /// A status page failed to render (`status_page_failed`); a plain one,
    /// without the site's chrome, is sent instead.
    StatusPageFailed {
        /// Its status code.
        status: u16,
        /// The variant it was asked in, as its explicit URL.
        variant: &'a str,
        /// What went wrong.
        error: &'a str,
    },
}

impl Event<'_> {
    /// The event's stable name, the value of its `event` member.
    pub const fn name(&self) -> &'static str {
        match self {
            Event::ConfigFallback { .. } => "config_fallback",
            Event::RenderFailed { .. } => "render_failed",
            Event::FileFailed { .. } => "file_failed",
            Event::StatusPageFailed { .. } => "status_page_failed",
        }
    }

    /// The members after `event`, in order.
    fn members(&self) -> Vec<(&'static str, Json<'_>)> {
        match *self {
            Event::ConfigFallback { var, value, default, reason } => vec![
                ("var", Json::str(var)),
                ("value", Json::str(value)),
                ("default", Json::str(default)),
                ("reason", Json::str(reason)),
            ],
            Event::RenderFailed { variant, error } => {
                vec![("variant", Json::str(variant)), ("error", Json::str(error))]
            }
            Event::FileFailed { file, error } => {
                vec![("file", Json::str(file)), ("error", Json::str(error))]
            }
            Event::StatusPageFailed { status, variant, error } => vec![
                ("status", Json::Number(u64::from(status))),
                ("variant", Json::str(variant)),
                ("error", Json::str(error)),
            ],
        }
    }

    /// The event as one line of JSON (no line break at the end).
    pub fn to_json(&self) -> String {
        let mut members = vec![("event", Json::str(self.name()))];
        members.extend(self.members());
        Json::Object(members).compact()
    }
}

/// Writes `event` to the log, as one line of JSON, at the error level.
pub fn error(event: &Event<'_>) {
    let line = event.to_json();
    #[cfg(target_arch = "wasm32")]
    worker::console_error!("{line}");
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_is_one_line_of_json() {
        #[rustfmt::skip]
        let cases = [
            (
                Event::ConfigFallback { var: "SITE_URL", value: "nope", default: "https://beta.gouv.fr", reason: "expected a URL" },
                r#"{"event":"config_fallback","var":"SITE_URL","value":"nope","default":"https://beta.gouv.fr","reason":"expected a URL"}"#,
            ),
            (
                Event::ConfigFallback { var: "CACHE_CONTROL", value: "a \"b\"\\c\nX-Injected: 1\u{0}é", default: "no-store", reason: "" },
                r#"{"event":"config_fallback","var":"CACHE_CONTROL","value":"a \"b\"\\c\nX-Injected: 1\u0000é","default":"no-store","reason":""}"#,
            ),
            (
                Event::RenderFailed { variant: "/en/apropos/index.json", error: "no label `skip` in site.en.yml" },
                r#"{"event":"render_failed","variant":"/en/apropos/index.json","error":"no label `skip` in site.en.yml"}"#,
            ),
            (
                Event::StatusPageFailed { status: 404, variant: "/fr/apropos/index.html", error: "line\r\n\ttab" },
                r#"{"event":"status_page_failed","status":404,"variant":"/fr/apropos/index.html","error":"line\r\n\ttab"}"#,
            ),
        ];
        for (event, expected) in cases {
            let line = event.to_json();
            assert_eq!(line, expected);
            assert!(!line.contains('\n'), "{line}");
            let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(parsed["event"], event.name());
        }
    }
}
