//! The prose map: what is prose, where blocks are, and that every offset is exact.

use truthlens::analysis::prose::{self, BlockKind, ProseMap};
use truthlens::analysis::{Format, Span};

fn md(text: &str) -> ProseMap {
    checked(text, prose::map(text, Format::Markdown))
}

fn plain(text: &str) -> ProseMap {
    checked(text, prose::map(text, Format::PlainText))
}

/// The invariants every map must keep, checked on every input in this file.
fn checked(text: &str, map: ProseMap) -> ProseMap {
    assert_eq!(map.masked.len(), text.len(), "masked length differs");
    for (i, (o, m)) in text.bytes().zip(map.masked.bytes()).enumerate() {
        if o == b'\n' || o == b'\r' {
            assert_eq!(m, o, "line break at {i} not kept");
        } else {
            assert!(
                m == o || m == b' ',
                "byte {i} is neither original nor a space"
            );
        }
    }
    for b in &map.blocks {
        assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
        assert!(b.span.start < b.span.end);
    }
    assert!(
        map.blocks
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start),
        "blocks overlap"
    );
    map
}

/// As many spaces as `s` has bytes: what a masked stretch of `s` looks like.
fn blank(s: &str) -> String {
    " ".repeat(s.len())
}

fn block_texts<'a>(text: &'a str, map: &ProseMap) -> Vec<&'a str> {
    map.blocks.iter().map(|b| b.span.text(text)).collect()
}

fn kinds(map: &ProseMap) -> Vec<BlockKind> {
    map.blocks.iter().map(|b| b.kind).collect()
}

// --- Markdown masking --------------------------------------------------------

#[test]
fn heading_marker_and_attributes_are_masked() {
    let text = "## Hello world {#intro}\n";
    assert_eq!(md(text).masked, "   Hello world         \n");
}

#[test]
fn emphasis_and_strikethrough_markers_are_masked() {
    let text = "*a* **b** ~~c~~ _d_";
    assert_eq!(md(text).masked, " a    b     c    d ");
}

#[test]
fn inline_code_is_masked() {
    let text = "Run `rm -rf` now.";
    assert_eq!(md(text).masked, "Run          now.");
}

#[test]
fn fenced_code_is_masked_and_is_no_block() {
    let text = "```text\nexperts say\n```\n\nAfter.\n";
    let map = md(text);
    assert_eq!(map.masked, "       \n           \n   \n\nAfter.\n");
    assert_eq!(block_texts(text, &map), ["After."]);
}

#[test]
fn indented_code_is_masked() {
    let text = "Before.\n\n    let x = 1;\n\nAfter.\n";
    let map = md(text);
    assert_eq!(map.masked, "Before.\n\n              \n\nAfter.\n");
    assert_eq!(map.blocks.len(), 2);
}

#[test]
fn raw_html_block_and_inline_tags_are_masked_but_inline_text_stays() {
    let text = "<div>\nhidden\n</div>\n\nA <b>bold</b> word.\n";
    let map = md(text);
    assert_eq!(map.masked, "     \n      \n      \n\nA    bold     word.\n");
    assert_eq!(block_texts(text, &map), ["A <b>bold</b> word."]);
}

#[test]
fn html_comments_are_masked_and_recorded() {
    let text = "<!-- truthlens-disable loaded-language -->\n\nText <!-- inline\nnote --> here.\n";
    let map = md(text);
    let comments: Vec<&str> = map.comments.iter().map(|c| c.text(text)).collect();
    assert_eq!(
        comments,
        [
            "<!-- truthlens-disable loaded-language -->",
            "<!-- inline\nnote -->"
        ]
    );
    assert_eq!(map.comments[0], Span::new(0, 42));
    assert!(!map.masked.contains("truthlens") && !map.masked.contains("note"));
    assert_eq!(
        block_texts(text, &map),
        ["Text <!-- inline\nnote --> here."]
    );
}

#[test]
fn comment_inside_a_larger_html_block_is_found() {
    let text = "<div>\n<!-- truthlens-ignore -->\n</div>\n";
    let map = md(text);
    assert_eq!(map.comments.len(), 1);
    assert_eq!(map.comments[0].text(text), "<!-- truthlens-ignore -->");
}

#[test]
fn autolinks_and_email_autolinks_are_masked() {
    let text = "See <https://example.com/a> or <desk@example.com>.";
    let expected = format!(
        "See {} or {}.",
        blank("<https://example.com/a>"),
        blank("<desk@example.com>")
    );
    assert_eq!(md(text).masked, expected);
}

#[test]
fn bare_urls_are_masked_without_trailing_punctuation() {
    let text = "See https://example.com/a_(b). And www.example.org, then http://x.io/p?q=1!";
    let map = md(text);
    let expected = format!(
        "See {}. And {}, then {}!",
        blank("https://example.com/a_(b)"),
        blank("www.example.org"),
        blank("http://x.io/p?q=1")
    );
    assert_eq!(map.masked, expected);
}

#[test]
fn bare_url_in_parentheses_leaves_the_closing_bracket() {
    let text = "(source: https://example.com/report)";
    let expected = format!("(source: {})", blank("https://example.com/report"));
    assert_eq!(md(text).masked, expected);
}

#[test]
fn url_with_non_ascii_path_is_masked_up_to_cjk_punctuation() {
    let text = "見て https://例え.jp/パス。次";
    let map = md(text);
    let expected = format!("見て {}。次", blank("https://例え.jp/パス"));
    assert_eq!(map.masked, expected);
}

#[test]
fn link_text_stays_but_destination_and_title_are_masked() {
    let text = "Read [the report](https://example.com \"Title\") today.";
    let map = md(text);
    let expected = format!(
        "Read  the report{} today.",
        blank("](https://example.com \"Title\")")
    );
    assert_eq!(map.masked, expected);
}

#[test]
fn reference_link_definitions_are_masked() {
    let text = "Read [the report][r].\n\n[r]: https://example.com\n";
    let map = md(text);
    assert_eq!(
        map.masked,
        "Read  the report    .\n\n                        \n"
    );
    assert_eq!(map.blocks.len(), 1);
}

#[test]
fn images_are_masked_alt_text_included() {
    let text = "Look ![a brutal scene](pic.png) here.";
    let expected = format!("Look {} here.", blank("![a brutal scene](pic.png)"));
    assert_eq!(md(text).masked, expected);
}

#[test]
fn footnote_reference_and_definition_label_are_masked() {
    let text = "Claim[^1].\n\n[^1]: Source text.\n";
    let map = md(text);
    assert_eq!(map.masked, "Claim    .\n\n      Source text.\n");
    assert_eq!(block_texts(text, &map), ["Claim[^1].", "Source text."]);
}

#[test]
fn yaml_front_matter_is_masked_and_recorded() {
    let text = "---\ntitle: Draft\n---\n\n# Real title\n";
    let map = md(text);
    assert_eq!(map.front_matter, Some(Span::new(0, 20)));
    assert_eq!(
        map.front_matter.unwrap().text(text),
        "---\ntitle: Draft\n---"
    );
    assert_eq!(map.masked, "   \n            \n   \n\n  Real title\n");
    assert_eq!(map.title.unwrap().text(text), "Real title");
}

#[test]
fn toml_front_matter_is_masked_and_recorded() {
    let text = "+++\ntitle = \"Draft\"\n+++\nBody.\n";
    let map = md(text);
    assert_eq!(
        map.front_matter.unwrap().text(text),
        "+++\ntitle = \"Draft\"\n+++"
    );
    assert_eq!(block_texts(text, &map), ["Body."]);
}

#[test]
fn thematic_break_is_masked() {
    let text = "One.\n\n---\n\nTwo.\n";
    let map = md(text);
    assert_eq!(map.masked, "One.\n\n   \n\nTwo.\n");
    assert_eq!(map.front_matter, None);
}

#[test]
fn entities_keep_their_bytes_as_prose() {
    let text = "Caf&eacute; &amp; bar &#8220;x&#8221;.";
    let map = md(text);
    assert_eq!(map.masked, text);
    assert_eq!(block_texts(text, &map), [text]);
}

#[test]
fn backslash_escape_masks_the_backslash_only() {
    let text = "Not \\*emphasis\\*.";
    assert_eq!(md(text).masked, "Not  *emphasis *.");
}

#[test]
fn nul_and_control_characters_are_masked() {
    let text = "a\0b\x07c";
    assert_eq!(md(text).masked, "a b c");
    assert_eq!(plain(text).masked, "a b c");
}

// --- Markdown blocks ----------------------------------------------------------

#[test]
fn paragraphs_and_headings_are_blocks() {
    let text = "# Title\n\nFirst para\nstill first.\n\n## Section\n\nSecond para.\n";
    let map = md(text);
    assert_eq!(
        block_texts(text, &map),
        [
            "# Title",
            "First para\nstill first.",
            "## Section",
            "Second para."
        ]
    );
    assert_eq!(
        kinds(&map),
        [
            BlockKind::Heading { level: 1 },
            BlockKind::Paragraph,
            BlockKind::Heading { level: 2 },
            BlockKind::Paragraph
        ]
    );
}

#[test]
fn tight_list_items_are_blocks_with_markers_masked() {
    let text = "- first item\n  continues\n- second\n1. third\n";
    let map = md(text);
    assert_eq!(
        map.masked,
        "  first item\n  continues\n  second\n   third\n"
    );
    assert_eq!(
        block_texts(text, &map),
        ["first item\n  continues", "second", "third"]
    );
    assert!(kinds(&map).iter().all(|k| *k == BlockKind::ListItem));
}

#[test]
fn nested_list_items_are_separate_blocks() {
    let text = "- outer\n  - inner\n- last\n";
    let map = md(text);
    assert_eq!(block_texts(text, &map), ["outer", "inner", "last"]);
}

#[test]
fn loose_list_item_paragraphs_are_list_item_blocks() {
    let text = "- one\n\n  more of one\n\n- two\n";
    let map = md(text);
    assert_eq!(block_texts(text, &map), ["one", "more of one", "two"]);
    assert!(kinds(&map).iter().all(|k| *k == BlockKind::ListItem));
}

#[test]
fn task_list_marker_is_masked() {
    let text = "- [x] done\n";
    assert_eq!(md(text).masked, "      done\n");
}

#[test]
fn table_cells_are_blocks_and_pipes_are_masked() {
    let text = "| Name | Claim |\n|---|---|\n| Ann | Rates rose. |\n";
    let map = md(text);
    assert_eq!(
        map.masked,
        "  Name   Claim  \n         \n  Ann   Rates rose.  \n"
    );
    assert_eq!(
        block_texts(text, &map),
        ["Name", "Claim", "Ann", "Rates rose."]
    );
    assert!(kinds(&map).iter().all(|k| *k == BlockKind::TableCell));
}

#[test]
fn blockquote_blocks_are_marked_and_markers_masked() {
    let text = "> Quoted line\n> goes on.\n\nNot quoted.\n";
    let map = md(text);
    assert_eq!(map.masked, "  Quoted line\n  goes on.\n\nNot quoted.\n");
    assert_eq!(
        block_texts(text, &map),
        ["Quoted line\n> goes on.", "Not quoted."]
    );
    assert!(map.blocks[0].in_blockquote);
    assert!(!map.blocks[1].in_blockquote);
}

#[test]
fn list_inside_blockquote_is_in_blockquote() {
    let text = "> - item one\n> - item two\n";
    let map = md(text);
    assert_eq!(kinds(&map), [BlockKind::ListItem, BlockKind::ListItem]);
    assert!(map.blocks.iter().all(|b| b.in_blockquote));
}

#[test]
fn blocks_without_words_are_left_out() {
    let text = "![only a picture](p.png)\n\n| | |\n|-|-|\n| | x |\n";
    let map = md(text);
    assert_eq!(block_texts(text, &map), ["x"]);
}

#[test]
fn title_is_the_first_h1_text() {
    let text = "## Kicker\n\n# The *real* title\n\n# Second h1\n";
    let map = md(text);
    assert_eq!(map.title.unwrap().text(text), "The *real* title");
    assert_eq!(map.title_text(), Some("The  real  title"));
}

#[test]
fn setext_h1_is_a_title() {
    let text = "Big News\n========\n\nBody.\n";
    let map = md(text);
    assert_eq!(map.title.unwrap().text(text), "Big News");
    assert_eq!(map.blocks[0].kind, BlockKind::Heading { level: 1 });
}

#[test]
fn no_h1_means_no_title() {
    assert_eq!(md("## Only h2\n\nBody.\n").title, None);
}

#[test]
fn byte_order_mark_does_not_hide_the_first_heading() {
    let text = "\u{feff}# Title\n\nBody.\n";
    let map = md(text);
    assert_eq!(map.title, Some(Span::new(5, 10)));
    assert_eq!(&map.masked[..3], "   ");
}

// --- Exact offsets: CRLF, tabs, emoji, CJK -----------------------------------------

#[test]
fn crlf_offsets_are_exact() {
    let text = "# Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\n- item\r\n";
    let map = md(text);
    assert_eq!(
        map.masked,
        "  Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\n  item\r\n"
    );
    let spans: Vec<Span> = map.blocks.iter().map(|b| b.span).collect();
    assert_eq!(
        spans,
        [Span::new(0, 7), Span::new(11, 35), Span::new(41, 45)]
    );
    assert_eq!(map.title, Some(Span::new(2, 7)));
}

#[test]
fn crlf_offsets_are_exact_in_plain_text() {
    let text = "Title\r\n\r\nOne.\r\nTwo.\r\n\r\n- item\r\n";
    let map = plain(text);
    let spans: Vec<Span> = map.blocks.iter().map(|b| b.span).collect();
    assert_eq!(
        spans,
        [Span::new(0, 5), Span::new(9, 19), Span::new(25, 29)]
    );
    assert_eq!(map.masked, "Title\r\n\r\nOne.\r\nTwo.\r\n\r\n  item\r\n");
}

#[test]
fn tabs_are_kept_in_prose_and_masked_with_markers() {
    let text = "-\tItem\twith tab\n\nPara\twith tab.\n";
    let map = md(text);
    assert_eq!(map.masked, "  Item\twith tab\n\nPara\twith tab.\n");
    assert_eq!(
        block_texts(text, &map),
        ["Item\twith tab", "Para\twith tab."]
    );
}

#[test]
fn emoji_and_cjk_offsets_are_exact() {
    // 😀 is 4 bytes, 北 and 京 are 3 bytes each.
    let text = "😀 **北京** `😀` says.\n";
    let map = md(text);
    assert_eq!(map.masked, format!("😀   北京   {} says.\n", blank("`😀`")));
    assert_eq!(map.blocks[0].span, Span::new(0, 28));
    let beijing = map.masked.find("北京").unwrap();
    assert_eq!(beijing, 7);
    assert_eq!(&text[beijing..beijing + 6], "北京");
}

#[test]
fn masked_multibyte_characters_become_one_space_per_byte() {
    let text = "`é😀` ok";
    // 1 + 2 + 4 + 1 bytes of code, then the space.
    assert_eq!(md(text).masked, "         ok");
}

// --- Plain text ------------------------------------------------------------------

#[test]
fn plain_blocks_are_separated_by_blank_lines() {
    let text = "Title line\n\nFirst para line one.\nLine two.\n\n   \nSecond para.\n";
    let map = plain(text);
    assert_eq!(
        block_texts(text, &map),
        [
            "Title line",
            "First para line one.\nLine two.",
            "Second para."
        ]
    );
    assert_eq!(map.masked, text);
}

#[test]
fn plain_title_is_first_non_empty_line_and_a_heading_block() {
    let text = "\n\n  Plague could return: WHO\n\nGeneva - Body text.\n";
    let map = plain(text);
    assert_eq!(map.title.unwrap().text(text), "Plague could return: WHO");
    assert_eq!(
        kinds(&map),
        [BlockKind::Heading { level: 1 }, BlockKind::Paragraph]
    );
}

#[test]
fn plain_multi_line_first_paragraph_stays_a_paragraph() {
    let text = "First line of a paragraph\nthat goes on.\n";
    let map = plain(text);
    assert_eq!(map.title.unwrap().text(text), "First line of a paragraph");
    assert_eq!(kinds(&map), [BlockKind::Paragraph]);
}

#[test]
fn plain_list_marker_lines_are_list_items_with_markers_masked() {
    let text = "Intro.\n- first\n* second\n  wraps\n12. third\n3) fourth\n";
    let map = plain(text);
    assert_eq!(
        block_texts(text, &map),
        ["Intro.", "first", "second\n  wraps", "third", "fourth"]
    );
    assert_eq!(
        map.masked,
        "Intro.\n  first\n  second\n  wraps\n    third\n   fourth\n"
    );
    assert_eq!(kinds(&map)[1..], [BlockKind::ListItem; 4]);
}

#[test]
fn plain_heading_lookalike_is_just_text() {
    let text = "Intro.\n\n# Not a heading\n";
    let map = plain(text);
    assert_eq!(map.masked, text);
    assert_eq!(map.blocks[1].kind, BlockKind::Paragraph);
}

#[test]
fn plain_text_masks_urls_and_comments() {
    let text = "<!-- truthlens-ignore -->\nSee https://example.com now.\n";
    let map = plain(text);
    assert_eq!(map.comments, [Span::new(0, 25)]);
    assert_eq!(
        map.masked,
        "                         \nSee                     now.\n"
    );
    // The comment line stands apart, so "next block" directives can find the paragraph.
    assert_eq!(block_texts(text, &map), ["See https://example.com now."]);
}

#[test]
fn plain_rule_lines_separate_blocks() {
    let text = "One.\n*****\nTwo.\n———\nThree.\n";
    let map = plain(text);
    assert_eq!(block_texts(text, &map), ["One.", "Two.", "Three."]);
}

#[test]
fn plain_ptc_like_article_maps_each_paragraph() {
    let text = "Storm hits coast: officials\n\nCITY - A storm hit the coast on Monday, officials said.\n\n\"We are ready,\" the mayor said.\nShe did not say more.\n\nRescue teams arrived.\n";
    let map = plain(text);
    assert_eq!(
        block_texts(text, &map),
        [
            "Storm hits coast: officials",
            "CITY - A storm hit the coast on Monday, officials said.",
            "\"We are ready,\" the mayor said.\nShe did not say more.",
            "Rescue teams arrived."
        ]
    );
    assert_eq!(map.title.unwrap().text(text), "Storm hits coast: officials");
}

// --- Helpers on the map ------------------------------------------------------------

#[test]
fn block_at_finds_the_block_holding_an_offset() {
    let text = "One.\n\nTwo.\n";
    let map = md(text);
    assert_eq!(map.block_at(0), Some(0));
    assert_eq!(map.block_at(7), Some(1));
    assert_eq!(map.block_at(5), None);
    assert_eq!(map.block_text(1), "Two.");
    assert_eq!(map.prose_extent(Span::new(0, 11)), Some(Span::new(0, 10)));
}

// --- Robustness -------------------------------------------------------------------

#[test]
fn empty_and_blank_inputs_have_no_blocks() {
    for text in ["", " ", "\n\n", "\r\n\t \r\n", "\u{feff}"] {
        for map in [md(text), plain(text)] {
            assert!(map.blocks.is_empty(), "{text:?}");
            assert_eq!(map.title, None);
        }
    }
}

#[test]
fn deep_nesting_does_not_panic() {
    let quotes = format!("{} deep\n", ">".repeat(5_000));
    let map = md(&quotes);
    assert!(map.blocks.iter().all(|b| b.in_blockquote));
    let mut lists = String::new();
    for depth in 0..2_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    md(&lists);
    plain(&lists);
    md(&"[".repeat(50_000));
    md(&"*a".repeat(50_000));
    md(&"<!--".repeat(20_000));
}

#[test]
fn megabyte_line_maps_in_linear_time() {
    let sentence = "The minister said it was a sheer joke. ";
    let line = sentence.repeat(1_000_000 / sentence.len());
    let start = std::time::Instant::now();
    let map = md(&line);
    assert_eq!(map.blocks.len(), 1);
    plain(&line);
    let url_line = format!("see https://x.io/{}", "a.".repeat(500_000));
    plain(&url_line);
    md(&"x".repeat(1_000_000));
    // Generous: a quadratic pass over a megabyte would take minutes.
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic generator over characters that matter to the parsers.
    let alphabet: Vec<char> = "ab \n\r\t>-*_`#[]()<>!\"'“”‘’&;:|^~\\.?1 😀北\0"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..200 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        md(&text);
        plain(&text);
    }
}

#[test]
fn unclosed_comment_runs_to_the_end_and_hides_everything() {
    let text = "Intro.\n\n<!-- never closed\n\nLater text.\n";
    let map = md(text);
    assert_eq!(map.comments, [Span::new(8, text.len() - 1)]);
    assert_eq!(block_texts(text, &map), ["Intro."]);
}

#[test]
fn plain_punctuation_fragment_line_stays_in_its_paragraph() {
    let text = "The verdict was “horrifying.\n”\nNext.\n";
    let map = plain(text);
    assert_eq!(
        block_texts(text, &map),
        ["The verdict was “horrifying.\n”\nNext."]
    );
}

#[test]
fn bare_email_addresses_are_masked_but_handles_are_not() {
    let text = "Write to desk.news@example.co.uk. Or ask @reporter today.";
    let expected = format!(
        "Write to {}. Or ask @reporter today.",
        blank("desk.news@example.co.uk")
    );
    assert_eq!(plain(text).masked, expected);
    assert_eq!(md(text).masked, expected);
}
