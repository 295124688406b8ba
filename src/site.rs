//! The site an isolate serves: its configuration and the representations
//! rendered from it, each computed once and reused by every request.

use std::sync::OnceLock;

use bytes::Bytes;

use crate::config::Config;
use crate::render;
use crate::variant::Variant;

/// The bytes of one representation, ready to send.
#[derive(Debug)]
pub struct Representation {
    /// The variant these bytes represent.
    pub variant: Variant,
    /// The body.
    pub body: Bytes,
}

/// Everything one isolate needs to answer requests.
#[derive(Debug)]
pub struct Site {
    config: Config,
    rendered: [OnceLock<Option<Representation>>; Variant::ALL.len()],
}

impl Site {
    /// A site with `config`; nothing is rendered until first asked for.
    pub fn new(config: Config) -> Site {
        Site { config, rendered: Default::default() }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The representation of `variant`, rendered on first use, or `None`
    /// when this variant is not served.
    pub fn representation(&self, variant: Variant) -> Option<&Representation> {
        let slot = self.rendered.get(variant.index())?;
        slot.get_or_init(|| self.render(variant)).as_ref()
    }

    fn render(&self, variant: Variant) -> Option<Representation> {
        match render::render(variant, &self.config) {
            Ok(body) => Some(Representation { variant, body: Bytes::from(body) }),
            Err(message) => {
                log_error(&message);
                None
            }
        }
    }
}

/// Reports a problem that the tests should have caught before shipping.
pub(crate) fn log_error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    worker::console_error!("{message}");
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
}
