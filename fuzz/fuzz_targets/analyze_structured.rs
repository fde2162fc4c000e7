//! The analysis on drafts built from Markdown's awkward corners, which byte-level
//! mutation rarely assembles: deeply nested lists and blockquotes, fences, HTML
//! comments and directives, front matter, tables, quotes, NULs, CRLF, emoji, CJK and
//! lines up to a megabyte long, mixed with words the rules react to.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truthlens::insert::{plan, InsertKind};
use truthlens::{analyze, Config, Format};

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

/// Words and phrases the rules and the sentence splitter look for.
const WORDS: &[&str] = &[
    "regime",
    "slammed",
    "incredibly",
    "brutal",
    "experts say",
    "critics argue",
    "studies show",
    "one official said",
    "according to",
    "said",
    "Dr.",
    "U.S.",
    "e.g.",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "...",
    "?",
    "!",
    ".",
    ",",
    ";",
    "—",
    "(",
    ")",
    "[",
    "]",
    "*",
    "_",
    "`",
    "~~",
    "\\",
    "&amp;",
    "&#x1F600;",
    "<br>",
    "http://example.com/a?b=c",
    "😀",
    "👩‍👩‍👧",
    "和平",
    "é",
    "\u{301}",
    "\u{200b}",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\0",
    "\t",
    " ",
    "  ",
    "\r",
    "\n",
    "\r\n",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Free(String),
    Newline,
    CrLf,
    BlankLine,
    /// `depth` list markers, mixing bullet and ordered styles.
    List {
        depth: u8,
        ordered: bool,
    },
    /// `depth` blockquote markers.
    Quote {
        depth: u8,
    },
    /// `depth` alternating `> ` and `- `.
    Mixed {
        depth: u8,
    },
    Heading(u8),
    Fence {
        tildes: bool,
        close: bool,
    },
    Comment(Directive),
    FrontMatter {
        toml: bool,
        close: bool,
    },
    TableRow(u8),
    Link {
        image: bool,
        reference: bool,
    },
    Footnote,
    Html {
        close: bool,
    },
    /// A line of `len * 4096` repetitions of one piece (up to ~1 MB).
    LongLine {
        len: u8,
        piece: u8,
    },
    Indent(u8),
    Nul,
}

#[derive(Arbitrary, Debug)]
enum Directive {
    Disable(Option<u8>),
    Enable,
    Ignore,
    Unclosed,
    Generated(u8),
}

#[derive(Arbitrary, Debug)]
struct Draft {
    markdown: bool,
    plan: bool,
    pieces: Vec<Piece>,
}

const RULES: &[&str] = &[
    "loaded-language",
    "unattributed-claim",
    "single-source",
    "nope",
];

fn word(i: u8) -> &'static str {
    WORDS[i as usize % WORDS.len()]
}

fn render(pieces: &[Piece], out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Word(i) => {
                out.push_str(word(*i));
                out.push(' ');
            }
            Piece::Free(s) => out.push_str(s),
            Piece::Newline => out.push('\n'),
            Piece::CrLf => out.push_str("\r\n"),
            Piece::BlankLine => out.push_str("\n\n"),
            Piece::List { depth, ordered } => {
                for level in 0..*depth as usize {
                    out.push_str(&"  ".repeat(level));
                    out.push_str(if *ordered { "1. " } else { "- " });
                    out.push_str("item\n");
                }
                out.push_str(&"  ".repeat(*depth as usize));
            }
            Piece::Quote { depth } => out.push_str(&"> ".repeat(*depth as usize)),
            Piece::Mixed { depth } => {
                for level in 0..*depth {
                    out.push_str(if level % 2 == 0 { "> " } else { "- " });
                }
            }
            Piece::Heading(level) => {
                out.push('\n');
                out.push_str(&"#".repeat(*level as usize % 8));
                out.push(' ');
            }
            Piece::Fence { tildes, close } => {
                let fence = if *tildes { "~~~" } else { "```" };
                out.push_str(&format!("\n{fence}rust\nlet regime = 1;\n"));
                if *close {
                    out.push_str(fence);
                    out.push('\n');
                }
            }
            Piece::Comment(d) => out.push_str(&match d {
                Directive::Disable(Some(r)) => format!(
                    "<!-- truthlens-disable {} -->",
                    RULES[*r as usize % RULES.len()]
                ),
                Directive::Disable(None) => "<!-- truthlens-disable -->".into(),
                Directive::Enable => "<!-- truthlens-enable -->".into(),
                Directive::Ignore => "<!-- truthlens-ignore -->\n".into(),
                Directive::Unclosed => "<!-- truthlens-disable".into(),
                Directive::Generated(k) => {
                    let kind = ["summary", "headline", "report", "bogus"][*k as usize % 4];
                    format!("\n<!-- truthlens:{kind} -->\n")
                }
            }),
            Piece::FrontMatter { toml, close } => {
                let fence = if *toml { "+++" } else { "---" };
                out.push_str(&format!("{fence}\ntitle: regime\n"));
                if *close {
                    out.push_str(fence);
                    out.push('\n');
                }
            }
            Piece::TableRow(cells) => {
                out.push('|');
                for _ in 0..(*cells % 12) {
                    out.push_str(" slammed |");
                }
                out.push_str("\n|---|---|\n");
            }
            Piece::Link { image, reference } => {
                if *image {
                    out.push('!');
                }
                out.push_str(if *reference {
                    "[experts say][1]\n\n[1]: http://x.test \"title\"\n"
                } else {
                    "[studies show](http://x.test/regime)"
                });
            }
            Piece::Footnote => out.push_str("claim[^1]\n\n[^1]: one official said so.\n"),
            Piece::Html { close } => {
                out.push_str("<div>brutal");
                if *close {
                    out.push_str("</div>");
                }
            }
            Piece::LongLine { len, piece } => {
                let unit = word(*piece);
                let reps = (*len as usize % 257) * 4096 / unit.len().max(1);
                out.push_str(&unit.repeat(reps));
            }
            Piece::Indent(n) => out.push_str(&" ".repeat(*n as usize % 16)),
            Piece::Nul => out.push('\0'),
        }
    }
}

fuzz_target!(|draft: Draft| {
    let mut text = String::new();
    render(&draft.pieces, &mut text);
    let format = if draft.markdown {
        Format::Markdown
    } else {
        Format::PlainText
    };
    let config = Config::default();
    let analysis = analyze(&text, format, &config);
    invariants::check_analysis(&text, &analysis);
    if draft.plan && text.len() < 64 * 1024 {
        for kind in [
            InsertKind::Summary,
            InsertKind::Headline,
            InsertKind::Report,
        ] {
            if let Some(edit) = plan(&text, format, kind, &config) {
                invariants::check_span(&text, edit.span, "insert plan");
            }
        }
    }
});
