//! `check --format github`: one GitHub Actions workflow command per finding,
//! `::warning file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE`,
//! which the Actions runner turns into annotations on the changed lines; a draft that
//! was not reviewed is an `::error` on its file.

use crate::rules::Severity;

/// The workflow command for a severity; Actions has no hint level.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// A command's message: `%`, CR and LF escaped as the runner expects.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Where a finding is: its file and its 1-based start and end.
pub struct Place<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One annotation line (without the line break).
pub fn annotation(severity: Severity, place: &Place, title: &str, message: &str) -> String {
    format!(
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        command(severity),
        escape_property(place.path),
        place.line,
        place.column,
        place.end_line,
        place.end_column,
        escape_property(title),
        escape_data(message)
    )
}

/// An error annotation on a whole file that was not reviewed: the runner shows it
/// on the file, where a line on standard error would sit unseen in the log.
pub fn not_reviewed(path: &str, reason: &str) -> String {
    format!(
        "::error file={},title=not reviewed::{}",
        escape_property(path),
        escape_data(reason)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("50% said: a, b\r\nc"),
            "50%25 said: a, b%0D%0Ac"
        );
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A");
    }

    #[test]
    fn an_annotation_names_file_place_and_rule() {
        let place = Place {
            path: "news/a,b.md",
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 12,
        };
        assert_eq!(
            annotation(Severity::Hint, &place, "unattributed-claim", "100% sure"),
            "::notice file=news/a%2Cb.md,line=3,col=5,endLine=3,endColumn=12,\
             title=unattributed-claim::100%25 sure"
        );
    }

    #[test]
    fn a_draft_not_reviewed_is_an_error_on_its_file() {
        assert_eq!(
            not_reviewed("a,b.md", "a,b.md is not valid UTF-8\n"),
            "::error file=a%2Cb.md,title=not reviewed::a,b.md is not valid UTF-8%0A"
        );
    }
}
