//! The page's static assets: the DSFR's stylesheet and script, the Marianne
//! faces, the icons, the web manifest and the Open Graph images, each under
//! a URL that names its content's hash, so that it is cached for a year.
//!
//! `scripts/assets/build.mjs` (`make assets`) builds them from the published
//! DSFR package and `content/` into `dist/public/`, which Workers Static
//! Assets serves ahead of the worker (`[assets]` in wrangler.toml; the
//! measurements that chose it are in docs/assets.md); `build.rs` turns its
//! manifest into these constants, which the HTML links to. The worker holds
//! none of their bytes.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The Open Graph image of the page `slug` in `lang`, if the build made one.
pub fn og_image(slug: &str, lang: &str) -> Option<&'static str> {
    OG_IMAGES.iter().find(|(s, l, _)| *s == slug && *l == lang).map(|(_, _, path)| *path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_linked_asset_is_a_hashed_path_under_the_prefix() {
        let linked = [STYLESHEET, SCRIPT, ICON_SVG, ICON_ICO, APPLE_TOUCH_ICON, WEB_MANIFEST];
        for path in linked.iter().chain(FONT_PRELOADS).chain(OG_IMAGES.iter().map(|(_, _, path)| path)) {
            assert!(PATHS.contains(path), "{path} is linked but not built");
            let name = path.strip_prefix(PREFIX).unwrap_or_else(|| panic!("{path} is not under {PREFIX}"));
            let hash = name.split('.').nth(1).unwrap_or_default();
            assert!(
                hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{path}: no content hash"
            );
        }
        for page in crate::variant::Page::ALL {
            for lang in crate::variant::Lang::ALL {
                assert!(og_image(page.slug(), lang.code()).is_some(), "{page:?} {lang:?}");
            }
            assert_eq!(og_image(page.slug(), "xx"), None);
        }
    }
}
