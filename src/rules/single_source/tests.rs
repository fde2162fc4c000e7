use crate::{analyze, Config, Format};

fn categories(text: &str) -> Vec<String> {
    analyze(text, Format::Markdown, &Config::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == "single-source")
        .filter_map(|f| f.category.as_deref().map(str::to_string))
        .collect()
}

#[test]
fn anonymous_sole_source() {
    assert_eq!(
        categories("The minister will resign, one official said."),
        ["anonymous-source"]
    );
    assert_eq!(
        categories(
            "A senior official who spoke on condition of anonymity said the talks had failed."
        ),
        ["anonymous-source"]
    );
    assert!(categories(
        "The minister will resign, the ministry's spokesperson, Olena Bondar, said."
    )
    .is_empty());
    assert!(categories("One official and the minister's spokesperson, Olena Bondar, both said the talks had failed.").is_empty()
        || categories("One official said the talks had failed, and Olena Bondar, the spokesperson, said so too.").is_empty());
}

#[test]
fn contested_claims_need_corroboration() {
    assert_eq!(
        categories("Dana Reyes alleges that guards beat her."),
        ["uncorroborated-claim"]
    );
    assert!(categories(
        "Dana Reyes alleges that guards beat her. A second detainee, Omar Said, said he saw the beating."
    )
    .is_empty());
    assert!(categories(
        "Dana Reyes alleges that guards beat her, a claim independently verified by the Red Cross."
    )
    .is_empty());
    assert_eq!(
        categories("Tom Ruiz said he was beaten by guards."),
        ["uncorroborated-claim"]
    );
    assert_eq!(
        categories("Tom Ruiz said he had been repeatedly beaten by guards."),
        ["uncorroborated-claim"]
    );
    assert_eq!(
        categories("Tom Ruiz said they have been threatened by guards."),
        ["uncorroborated-claim"]
    );
    // The past perfect is what the speaker did, not what was done to him.
    assert!(categories("Tom Ruiz said he had learned the trade from his father.").is_empty());
    assert!(categories("Tom Ruiz said he has worked there since 2010.").is_empty());
}

#[test]
fn an_unverified_note_softens_but_does_not_silence() {
    let a = analyze(
        "Dana Reyes alleges that guards beat her.\n\nThe Courier could not independently verify her account.",
        Format::Markdown,
        &Config::default(),
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.category.as_deref() == Some("uncorroborated-claim"))
        .expect("still fires");
    assert!(f.message.contains("could not be verified"), "{}", f.message);
    assert_eq!(f.related.len(), 1);
}

#[test]
fn one_finding_for_a_dominant_source_with_related_statements() {
    let text = "Ana Petrova said the bakery was closed. She said the bread ran out. Petrova said the street was empty. She added that nobody came. Tomas Reyes said he stayed home.";
    let a = analyze(text, Format::Markdown, &Config::default());
    let dominant: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.category.as_deref() == Some("dominant-source"))
        .collect();
    assert_eq!(dominant.len(), 1);
    assert_eq!(dominant[0].span.text(text), "Ana Petrova");
    assert_eq!(dominant[0].related.len(), 3);
}

#[test]
fn balanced_sources_are_quiet() {
    let text = "Ana Petrova said the bakery was closed. Tomas Reyes said the bread ran out. Lina Okafor said the street was empty. Sofia Lindqvist said nobody came.";
    assert!(categories(text).is_empty());
}

/// An invented war story: a pseudonymous soldier quoted in many short paragraphs,
/// an accusation, and the accused's answer far below.
const STORY: &[&str] = &[
    "Daniel, not his real name, says he joined the brigade in March.",
    "He says the unit was sent forward without maps.",
    "Daniel says the trenches flooded every night.",
    "He says he was beaten by an officer after he refused an order.",
    "The river rose again on Tuesday.",
    "Supplies came by boat.",
    "The ministry of defence denied that any soldier had been mistreated.",
];

/// (category, message) of every single-source finding.
fn verdicts(text: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = analyze(text, Format::Markdown, &Config::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == "single-source")
        .map(|f| {
            (
                f.category.as_deref().unwrap_or("").to_string(),
                f.message.to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_layout_does_not_decide() {
    let paragraphs = STORY.join("\n\n");
    let one_line = STORY.join(" ");
    let two_blocks = format!("{}\n\n{}", STORY[..3].join(" "), STORY[3..].join(" "));
    let expected = verdicts(&paragraphs);
    assert!(!expected.is_empty());
    assert_eq!(verdicts(&one_line), expected);
    assert_eq!(verdicts(&two_blocks), expected);
}

#[test]
fn one_finding_per_source_with_its_other_claims_related() {
    let text = STORY[..4].join("\n\n");
    let a = analyze(&text, Format::Markdown, &Config::default());
    let anonymous: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.category.as_deref() == Some("anonymous-source"))
        .collect();
    assert_eq!(anonymous.len(), 1, "{anonymous:?}");
    assert!(
        anonymous[0].message.contains("pseudonym"),
        "{}",
        anonymous[0].message
    );
    assert!(
        anonymous[0].message.contains("\"Daniel\""),
        "names the source, not \"He\""
    );
    assert_eq!(anonymous[0].related.len(), 3);
    // The beating makes it an accusation: a warning, not a note.
    assert_eq!(anonymous[0].severity, crate::Severity::Warning);
}

#[test]
fn an_answer_far_below_corroborates_an_accusation() {
    let far = "Dana Reyes alleges that guards beat her.\n\nThe river rose.\n\nSupplies came by boat.\n\nThe road closed.\n\nThe prison service denied the allegation.";
    assert!(categories(far).is_empty(), "{:?}", categories(far));
    let unanswered =
        "Dana Reyes alleges that guards beat her.\n\nThe river rose.\n\nSupplies came by boat.";
    assert_eq!(categories(unanswered), ["uncorroborated-claim"]);
}

#[test]
fn harmless_passives_and_plans_are_not_accusations() {
    assert!(categories("Maya Lund said she was inspired to sign up after the flood.").is_empty());
    assert!(categories("The owners said they were informed on Monday.").is_empty());
    assert!(categories("And perhaps someone can explain the cost, one official said.").len() <= 1);
    assert!(categories("Perhaps someone can explain the wisdom of the plan.").is_empty());
}
