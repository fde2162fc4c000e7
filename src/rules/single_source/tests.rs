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
