//! Config parsing never panics: `.truthlens.toml` text (even first byte) and editor
//! settings JSON (odd first byte) are either accepted or refused with a message, and
//! whatever is accepted also builds its file matcher and merges with itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use truthlens::lsp::internals::EditorSettings;
use truthlens::Config;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    if flags & 1 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        if let Ok(config) = Config::parse(text, Path::new("fuzz.toml")) {
            config
                .files
                .matcher()
                .expect("a parsed config's globs compile");
            let _ = config.rule_enabled("loaded-language");
            let _ = config.allows("regime");
        }
    } else if let Ok(value) = serde_json::from_slice::<serde_json::Value>(rest) {
        if let Ok(settings) = EditorSettings::parse(&value) {
            settings.apply_to(None).expect("parsed settings apply");
            settings
                .overlaid_with(&settings)
                .expect("settings overlay themselves");
        }
    }
});
