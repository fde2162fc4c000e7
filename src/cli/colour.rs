//! Colour for the human output of `check`: on a terminal only, never when
//! `NO_COLOR` is set (no-color.org), and as `--color` says when it is given.

use crate::rules::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourChoice {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    Always,
    Never,
}

/// Whether to colour: an explicit `always` or `never` wins over `NO_COLOR`,
/// as the convention asks of command-line flags.
pub fn enabled(choice: ColourChoice, is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => is_terminal && no_color.is_none_or(str::is_empty),
    }
}

/// `enabled` for standard output and this process's environment.
pub fn for_stdout(choice: ColourChoice) -> bool {
    use std::io::IsTerminal;
    let no_color = std::env::var("NO_COLOR").ok();
    enabled(choice, std::io::stdout().is_terminal(), no_color.as_deref())
}

const RESET: &str = "\x1b[0m";

/// The SGR code for a severity: red, yellow, blue, dim.
fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[33m",
        Severity::Info => "\x1b[34m",
        Severity::Hint => "\x1b[2m",
    }
}

/// The severity's name, coloured when `colour` is on.
pub fn severity(severity: Severity, colour: bool) -> String {
    paint(severity.as_str(), severity_code(severity), colour)
}

/// A finding's place (`path:line:col`), in bold when `colour` is on.
pub fn place(text: &str, colour: bool) -> String {
    paint(text, "\x1b[1m", colour)
}

fn paint(text: &str, code: &str, colour: bool) -> String {
    if colour {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_a_terminal_only_and_respects_no_color() {
        assert!(enabled(ColourChoice::Auto, true, None));
        assert!(!enabled(ColourChoice::Auto, false, None));
        assert!(!enabled(ColourChoice::Auto, true, Some("1")));
        // An empty NO_COLOR does not count (the convention's wording).
        assert!(enabled(ColourChoice::Auto, true, Some("")));
    }

    #[test]
    fn an_explicit_choice_wins() {
        assert!(enabled(ColourChoice::Always, false, Some("1")));
        assert!(!enabled(ColourChoice::Never, true, None));
    }

    #[test]
    fn painting_is_off_without_colour() {
        assert_eq!(severity(Severity::Warning, false), "warning");
        assert_eq!(severity(Severity::Warning, true), "\x1b[33mwarning\x1b[0m");
    }
}
