//! Unit tests for loaded-language, run through the whole `analyze` pipeline.

use super::*;
use crate::config::Config;
use crate::Format;
use std::path::Path;

fn findings_with(text: &str, config: &Config) -> Vec<Finding> {
    crate::analyze(text, Format::PlainText, config)
        .findings
        .into_iter()
        .filter(|f| f.rule == ID)
        .collect()
}

fn findings(text: &str) -> Vec<Finding> {
    findings_with(text, &Config::default())
}

fn flagged(text: &str) -> Vec<String> {
    findings(text)
        .iter()
        .map(|f| f.span.text(text).to_string())
        .collect()
}

fn config(toml: &str) -> Config {
    Config::parse(toml, Path::new("test.toml")).unwrap()
}

/// Apply a fix's edits (non-overlapping) to the text.
fn apply(text: &str, fix: &Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    out
}

#[test]
fn rule_examples_fire_and_stay_quiet() {
    for example in RULE.fires_on {
        assert!(!findings(example).is_empty(), "should fire: {example}");
    }
    for example in RULE.quiet_on {
        assert_eq!(
            flagged(example),
            Vec::<String>::new(),
            "should be quiet: {example}"
        );
    }
}

#[test]
fn phrases_beat_their_words() {
    let text = "The inquiry is a sheer joke and a witch hunt.";
    assert_eq!(flagged(text), ["a sheer joke", "witch hunt"]);
    let text = "They ordered a brutal crackdown on rampant corruption.";
    assert_eq!(flagged(text), ["brutal crackdown", "rampant corruption"]);
}

#[test]
fn intensifier_merges_with_the_loaded_word() {
    let text = "It was an incredibly brutal attack.";
    let found = findings(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.span.text(text), "incredibly brutal");
    assert_eq!(f.category.as_deref(), Some("emotionally-charged"));
    assert_eq!(
        &*f.message,
        "\"incredibly\" intensifies \"brutal\", which is emotionally charged; \"harsh\" is neutral"
    );
    let remove = f.fixes.get(0).unwrap();
    assert_eq!(&*remove.title, "Remove \"incredibly\"");
    assert_eq!(remove.edits.len(), 1);
    assert_eq!(remove.edits[0].span.text(text), "an incredibly ");
    assert_eq!(apply(text, &remove), "It was a brutal attack.");
    assert_eq!(
        apply(text, &f.fixes.get(1).unwrap()),
        "It was a harsh attack."
    );
}

#[test]
fn sentence_initial_intensifier_hands_its_capital_on() {
    let text = "Extremely dangerous roads were closed.";
    let found = findings(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].category.as_deref(), Some("intensifier"));
    assert_eq!(
        apply(text, &found[0].fixes.get(0).unwrap()),
        "Dangerous roads were closed."
    );
}

#[test]
fn lone_booster_is_quiet_but_standalone_intensifier_fires() {
    assert!(flagged("It was a very long and really slow meeting.").is_empty());
    assert_eq!(flagged("The rent is ridiculously high."), ["ridiculously"]);
    assert!(flagged("The plan is very good.").is_empty());
    assert_eq!(flagged("The plan is extremely good."), ["extremely good"]);
    assert_eq!(flagged("The attack was very brutal."), ["very brutal"]);
}

#[test]
fn guards_keep_ambiguous_words_quiet() {
    for quiet in [
        "The visa regime was relaxed.",
        "She slammed the door.",
        "Waves slammed into the pier.",
        "He claimed the title in 2019.",
        "The virus claimed many lives.",
        "The report revealed a gap in funding.",
        "He was admitted to hospital.",
        "Rockets blasted off from the pad.",
        "The storm blasted through the town.",
        "The team trains in the mountains of northern Spain.",
    ] {
        assert_eq!(flagged(quiet), Vec::<String>::new(), "{quiet}");
    }
    assert_eq!(flagged("Thugs attacked him."), ["Thugs"]);
    assert_eq!(
        flagged("The senator falsely claimed that the vote was rigged."),
        ["falsely claimed", "rigged"]
    );
    // A bare "claimed" is a doubt-casting verb, its own category at info.
    assert_eq!(
        categories("The senator claimed that the vote was fair."),
        pair("claimed", "doubt-casting-verb")
    );
    assert_eq!(flagged("Smith slammed the decision."), ["slammed"]);
    assert_eq!(
        flagged("The firm left mountains of debt."),
        ["mountains of"]
    );
}

#[test]
fn quoted_words_belong_to_the_speaker() {
    let text = "\"It was a brutal decision,\" she said.";
    assert!(findings(text).is_empty());
    // Quotes marked with two apostrophes, as some archives write them.
    assert!(findings("''It was a brutal decision,'' she said.").is_empty());
    // Single marks, as British writers quote; scare quotes stay the writer's voice.
    assert!(findings("'It was a brutal decision,' she said.").is_empty());
    assert_eq!(flagged("They called it a 'brutal' plan."), ["brutal"]);

    let hint = config("[quotes]\npolicy = \"hint\"");
    let found = findings_with(text, &hint);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Hint);
    assert!(found[0].message.ends_with("(inside a quotation)"));

    let lint = config("[quotes]\npolicy = \"lint\"");
    let found = findings_with(text, &lint);
    assert_eq!(found[0].severity, severity_for_weight(0.75));
}

#[test]
fn allowlist_and_category_switches() {
    let text = "The thugs slammed the iconic bridge plan.";
    assert_eq!(flagged(text), ["thugs", "slammed", "iconic"]);

    let allow = config("allowlist = [\"Thug\"]");
    let found: Vec<_> = findings_with(text, &allow)
        .iter()
        .map(|f| f.span.text(text).to_string())
        .collect();
    assert_eq!(found, ["slammed", "iconic"]);

    let off = config("[rules.loaded-language]\ncategories = { puffery = \"off\" }");
    let found: Vec<_> = findings_with(text, &off)
        .iter()
        .map(|f| f.span.text(text).to_string())
        .collect();
    assert_eq!(found, ["thugs", "slammed"]);

    let rule_off = config("[rules.loaded-language]\nenabled = false");
    assert!(findings_with(text, &rule_off).is_empty());
}

#[test]
fn fixes_keep_capitalisation_and_inflection() {
    let text = "Thugs fled. Slammed by critics, they left. CRITICS SLAM PLAN.";
    let found = findings(text);
    let replaced: Vec<_> = found
        .iter()
        .map(|f| f.fixes.get(0).unwrap().edits[0].replacement.to_string())
        .collect();
    assert_eq!(replaced, ["Attackers", "Criticised", "CRITICISE"]);
    assert_eq!(
        &*found[1].message,
        "\"Slammed\" is a loaded verb of saying; \"criticised\" is neutral"
    );
    assert_eq!(match_case("lashed out at", "criticised"), "criticised");
}

#[test]
fn possessive_is_left_out_of_the_finding() {
    let text = "The puppet's army advanced.";
    let found = findings(text);
    assert_eq!(found[0].span.text(text), "puppet");
    assert_eq!(
        apply(text, &found[0].fixes.get(0).unwrap()),
        "The ally's army advanced."
    );
}

#[test]
fn whole_words_only() {
    assert!(flagged("Brutalist architecture and evilness aside, the iconography held.").is_empty());
}

#[test]
fn severity_follows_weight() {
    assert_eq!(severity_for_weight(0.8), Severity::Warning);
    assert_eq!(severity_for_weight(0.6), Severity::Info);
    assert_eq!(severity_for_weight(0.4), Severity::Hint);
}

#[test]
fn capitalised_words_inside_names_are_not_the_writers_choice() {
    assert!(flagged("He writes for The Daily Sheeple every week.").is_empty());
    assert!(flagged("Her new book, Brutal Truths, is out.").is_empty());
    // A Title Case headline is still the writer's wording.
    assert_eq!(flagged("Campus Thugs Attack Office"), ["Thugs"]);
    // Words normally written with a capital are still flagged.
    assert_eq!(
        flagged("The new rules are frankly Orwellian."),
        ["Orwellian"]
    );
}

#[test]
fn fixes_keep_articles_spacing_and_capitals_right() {
    // (text, flagged text, fix title, fixed text)
    let cases = [
        (
            "It was an incredibly brutal attack.",
            "Remove \"incredibly\"",
            "It was a brutal attack.",
        ),
        (
            "Incredibly brutal raids followed.",
            "Remove \"Incredibly\"",
            "Brutal raids followed.",
        ),
        (
            "The council's decision was extremely unfair.",
            "Remove \"extremely\"",
            "The council's decision was unfair.",
        ),
        (
            "Critics slammed the plan.",
            "Replace with \"criticised\"",
            "Critics criticised the plan.",
        ),
        (
            "SLAMMED by critics, the plan died.",
            "Replace with \"CRITICISED\"",
            "CRITICISED by critics, the plan died.",
        ),
    ];
    for (text, title, fixed) in cases {
        let found = findings(text);
        let fix = found
            .iter()
            .flat_map(|f| f.fixes.iter())
            .find(|f| f.title.eq_ignore_ascii_case(title))
            .unwrap_or_else(|| panic!("no fix {title:?} in {found:#?}"));
        assert_eq!(apply(text, &fix), fixed, "{title}");
    }
}

#[test]
fn replacing_fixes_the_article() {
    assert_eq!(
        &*with_article("an awful day", Span::new(3, 8), "bad".into()).replacement,
        "a bad"
    );
    assert_eq!(
        &*with_article("a brutal day", Span::new(2, 8), "harsh".into()).replacement,
        "harsh"
    );
    assert_eq!(
        &*with_article("A brutal day", Span::new(2, 8), "awful".into()).replacement,
        "An awful"
    );
    assert_eq!(indefinite_article("honest"), "an");
    assert_eq!(indefinite_article("usual"), "a");
    assert_eq!(indefinite_article("unusual"), "an");
}

#[test]
fn headwords_cover_every_form() {
    let config = Config::default();
    assert_eq!(headword("thugs", &config).as_deref(), Some("thug"));
    assert_eq!(headword("Slammed", &config).as_deref(), Some("slam"));
    assert_eq!(headword("incredibly brutal", &config), None);
}

#[test]
fn project_lexicon_entries_are_flagged_with_their_fixes() {
    let config = config(
        "[[lexicon]]\nterm = \"jackboot\"\npos = \"noun\"\ncategory = \"pejorative-label\"\nalternatives = [\"police officer\"]\nweight = 0.9\nexplanation = \"House style.\"\n\n[[lexicon]]\nterm = \"thug\"\ncategory = \"pejorative-label\"\nweight = 0.3\n",
    );
    let text = "Jackboots raided the office. A thug ran.";
    let found = findings_with(text, &config);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].span.text(text), "Jackboots");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(&*found[0].explanation, "House style.");
    assert_eq!(
        apply(text, &found[0].fixes.get(0).unwrap()),
        "Police officers raided the office. A thug ran."
    );
    // A project entry re-weighs a shipped term: weight 0.3 is a hint.
    assert_eq!(found[1].severity, Severity::Hint);
    assert!(findings(text)
        .iter()
        .all(|f| f.span.text(text) != "Jackboots"));
}

#[test]
fn alternatives_are_not_loaded_themselves() {
    // Each replacement fix must leave nothing of the same kind behind.
    let lexicon = Lexicon::get();
    let mut offenders = Vec::new();
    for entry in &lexicon.entries {
        for alt in &entry.alternatives {
            let toks = tokens(alt, Span::new(0, alt.len()));
            let hits: Vec<_> = lexicon
                .scan(&toks)
                .into_iter()
                .filter(|m| {
                    // What is reported on its own: not a plain judgement, not a mere booster.
                    let booster = m.entry.category == Category::Intensifier && !m.entry.standalone;
                    // A doubt-casting verb is reported only as a verb of saying, so
                    // the noun "claims" as an alternative is fine.
                    let speech_only = m.entry.category == Category::DoubtCastingVerb;
                    m.entry.category != Category::Evaluative && !booster && !speech_only
                })
                .map(|m| m.entry.term.clone())
                .collect();
            if !hits.is_empty() {
                offenders.push(format!("{} -> {alt} ({hits:?})", entry.term));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

fn categories(text: &str) -> Vec<(String, String)> {
    findings(text)
        .iter()
        .map(|f| {
            (
                f.span.text(text).to_string(),
                f.category.as_deref().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn pair(text: &str, category: &str) -> Vec<(String, String)> {
    vec![(text.to_string(), category.to_string())]
}

#[test]
fn everyday_charged_news_words_fire() {
    for (text, word) in [
        ("The ruling caused an outcry in the capital.", "outcry"),
        ("The furore over the budget grew.", "furore"),
        ("The senator derided the proposal.", "derided"),
        ("The team's lackluster season ended in May.", "lackluster"),
        ("The party's spin machine went to work.", "spin machine"),
        (
            "The union has been a thorn in the side of the council.",
            "thorn in the side",
        ),
        ("The minister's blunder cost him the job.", "blunder"),
    ] {
        let got: Vec<String> = flagged(text);
        assert_eq!(got, [word], "{text}");
    }
}

#[test]
fn everyday_words_keep_their_neutral_senses() {
    for quiet in [
        "A firestorm destroyed the forest.",
        "The hotel is conveniently located near the station.",
        "She wore rubber flip-flops to the beach.",
        "The patient has an inflammatory bowel disease.",
        "The city is choking on its own fumes.",
    ] {
        assert!(flagged(quiet).is_empty(), "{quiet}: {:?}", flagged(quiet));
    }
}

#[test]
fn insinuation_fires() {
    for (text, word) in [
        (
            "The report conveniently left out the costs.",
            "conveniently",
        ),
        (
            "The supposedly independent panel met in private.",
            "supposedly",
        ),
        ("The so-called reform cut the budget.", "so-called"),
        ("The minister apparently forgot the deadline.", "apparently"),
        (
            "The self-styled reformer kept the old staff.",
            "self-styled",
        ),
    ] {
        assert_eq!(categories(text), pair(word, "insinuation"), "{text}");
    }
}

#[test]
fn insinuation_guards_stay_quiet() {
    for quiet in [
        // A plain hedge.
        "The driver apparently died of a heart attack.",
        // Measured and left out: its sneer cannot be told from plain rhetoric.
        "Of course, the senator voted against the bill.",
        // "of course" inside a clause is a course of something.
        "The river changed its course of flow.",
        "The course of events is unclear.",
        // A neutral "conveniently".
        "The clinic is conveniently close to the bus stop.",
    ] {
        assert!(flagged(quiet).is_empty(), "{quiet}: {:?}", flagged(quiet));
    }
}

#[test]
fn doubt_casting_verbs_fire_in_a_speech_frame_at_info() {
    for (text, word) in [
        (
            "He claimed that the vote was rigged by his rivals.",
            "claimed",
        ),
        ("She admitted she had misread the figures.", "admitted"),
        ("\"We did nothing wrong,\" he insisted.", "insisted"),
        (
            "The minister conceded that the plan had failed.",
            "conceded",
        ),
        ("He confessed to stealing the files.", "confessed"),
        ("The firm claimed to have fixed the fault.", "claimed"),
    ] {
        let found = findings(text);
        let doubt: Vec<&Finding> = found
            .iter()
            .filter(|f| f.category.as_deref() == Some("doubt-casting-verb"))
            .collect();
        assert_eq!(doubt.len(), 1, "{text}: {found:?}");
        assert_eq!(doubt[0].span.text(text), word, "{text}");
        assert_eq!(doubt[0].severity, Severity::Info, "{text}");
        assert!(
            doubt[0]
                .alternatives
                .iter()
                .any(|a| a == "said" || a == "say" || a == "says" || a == "saying"),
            "{text}"
        );
        assert!(doubt[0].message.contains("neutral"), "{}", doubt[0].message);
    }
}

#[test]
fn doubt_casting_verbs_outside_speech_stay_quiet() {
    for quiet in [
        "The team claimed the title in May.",
        "The attack claimed the lives of five people.",
        "He was admitted to hospital on Friday.",
        "The party conceded defeat on Sunday night.",
        "He insisted on paying for the meal.",
        "It was claimed that the vote was rigged.",
        "The school admitted 40 new pupils.",
        "The claims that he made were false.",
        "I must admit that the plan surprised me.",
        "The doctor insisted that she go to hospital.",
        "No priest could admit a person living abroad to the course.",
    ] {
        let doubt: Vec<(String, String)> = categories(quiet)
            .into_iter()
            .filter(|(_, c)| c == "doubt-casting-verb")
            .collect();
        assert!(doubt.is_empty(), "{quiet}: {doubt:?}");
    }
}

#[test]
fn the_doubt_casting_fix_says_said() {
    let text = "She admitted she had misread the figures.";
    let f = &findings(text)[0];
    let fixed = apply(text, &f.fixes.get(0).unwrap());
    assert_eq!(fixed, "She said she had misread the figures.");
}

#[test]
fn ambiguous_labels_follow_the_parse() {
    assert_eq!(
        flagged("He joined the infamous gang in 2010."),
        ["infamous"]
    );
    assert_eq!(flagged("The notorious militia returned."), ["notorious"]);
    for quiet in [
        // Measured and left out, bare or guarded: "regime" and "propaganda".
        "The new tax regime starts in April.",
        "The regime denied the report.",
        "The propaganda ministry issued a statement.",
        // "infamous" and "notorious" as a predicate or before a number.
        "The city is notorious for its traffic.",
        "The film was infamous.",
        "The infamous 1985 memo resurfaced.",
    ] {
        assert!(flagged(quiet).is_empty(), "{quiet}: {:?}", flagged(quiet));
    }
    // Loaded compounds stay.
    assert_eq!(
        flagged("The puppet regime jailed three reporters."),
        ["puppet regime"]
    );
}

#[test]
fn indirect_speech_is_the_writers_wording() {
    // Reported speech is the writer's paraphrase: the word choice is the writer's.
    assert_eq!(
        flagged("He said he joined the infamous group in 2010."),
        ["infamous"]
    );
    // Direct quotation stays the speaker's.
    assert!(flagged("\"I joined the infamous group in 2010,\" he said.").is_empty());
}

#[test]
fn the_same_text_gets_the_same_verdict_in_any_layout() {
    let paragraphs = "The supposedly independent panel met.\n\nHe claimed that the vote was rigged.\n\nThe firm defended its \"discriminating\" policy.";
    let one_line = paragraphs.replace("\n\n", " ");
    let cats = |t: &str| -> Vec<String> {
        categories(t)
            .into_iter()
            .map(|(w, c)| format!("{w}/{c}"))
            .collect()
    };
    assert_eq!(cats(paragraphs), cats(&one_line));
    assert_eq!(cats(paragraphs).len(), 4, "{:?}", cats(paragraphs));
}

#[test]
fn new_categories_can_be_switched_off() {
    let cfg = config(
        "[rules.loaded-language]\ncategories = { insinuation = \"off\", doubt-casting-verb = \"off\", scare-quote = \"off\" }\n",
    );
    let text = "The supposedly independent panel claimed that its \"review\" was fair.";
    assert!(
        findings_with(text, &cfg).is_empty(),
        "{:?}",
        findings_with(text, &cfg)
    );
}
