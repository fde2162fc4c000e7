//! Attribution engine tests: word orders, source kinds, canonical merging,
//! pseudonyms, pronouns, citations and quote continuation.

use super::*;
use crate::{analyze, Config, Format};

fn attrs(text: &str) -> Attributions {
    analyze(text, Format::Markdown, &Config::default()).attributions
}

/// (source text, kind, canonical name) for every attribution that is not a continuation.
fn found(text: &str) -> Vec<(String, SourceKind, Option<String>)> {
    let a = attrs(text);
    a.list
        .iter()
        .filter(|x| x.continues.is_none())
        .map(|x| {
            (
                x.source.text(text).to_string(),
                x.kind,
                a.source_of(x).map(|s| s.name.clone()),
            )
        })
        .collect()
}

fn sources_and_kinds(text: &str) -> Vec<(String, SourceKind)> {
    found(text).into_iter().map(|(s, k, _)| (s, k)).collect()
}

fn one(text: &str) -> (String, SourceKind) {
    let f = sources_and_kinds(text);
    assert_eq!(
        f.len(),
        1,
        "expected one attribution in {text:?}, got {f:?}"
    );
    f.into_iter().next().unwrap()
}

fn cue_text(text: &str) -> Vec<String> {
    attrs(text)
        .list
        .iter()
        .filter_map(|a| a.cue.map(|c| c.text(text).to_string()))
        .collect()
}

// ---- word orders -------------------------------------------------------------

#[test]
fn subject_before_verb() {
    assert_eq!(
        one("The ministry said the talks would resume.").0,
        "The ministry"
    );
    assert_eq!(
        one("Zelensky has repeatedly said the front will hold.").0,
        "Zelensky"
    );
}

#[test]
fn verb_before_subject_after_a_quote() {
    let text = "\"We will not retreat,\" said President Volodymyr Zelensky.";
    assert_eq!(one(text).0, "President Volodymyr Zelensky");
    let text = "The front is stable, said a spokesperson for the general staff.";
    assert_eq!(
        one(text),
        (
            "a spokesperson for the general staff".to_string(),
            SourceKind::Role
        )
    );
}

#[test]
fn subject_with_an_inserted_relative_clause() {
    let text = "Lina Okafor, who runs the relief convoy, said the road was closed.";
    assert_eq!(one(text).0, "Lina Okafor");
}

#[test]
fn subject_with_an_appositive() {
    let text = "Lin Jian, spokesperson for China's Foreign Ministry, said the visit was cancelled.";
    let (source, kind) = one(text);
    assert_eq!(
        source,
        "Lin Jian, spokesperson for China's Foreign Ministry"
    );
    assert_eq!(kind, SourceKind::Named);
}

#[test]
fn statement_setting_after_the_verb() {
    let text = "The ministry said in a statement that the convoy had been stopped.";
    assert_eq!(one(text).0, "The ministry");
    let a = attrs(text);
    assert_eq!(
        a.list[0].content.unwrap().text(text),
        "the convoy had been stopped"
    );
}

#[test]
fn quote_then_pronoun() {
    let text = "\"They promised us quiet,\" she said.";
    let a = attrs(text);
    assert_eq!(a.list[0].source.text(text), "she");
    assert_eq!(a.list[0].kind, SourceKind::Pronoun);
    assert_eq!(
        a.list[0].content.unwrap().text(text),
        "They promised us quiet,"
    );
}

#[test]
fn speaker_then_colon_quote() {
    let text = "Aldana said: \"We did not start this.\"";
    let a = attrs(text);
    assert_eq!(a.list[0].source.text(text), "Aldana");
    assert_eq!(
        a.list[0].content.unwrap().text(text),
        "We did not start this."
    );
}

#[test]
fn according_to_before_and_after() {
    assert_eq!(
        one("According to Lin Jian, the talks will resume.").0,
        "Lin Jian"
    );
    assert_eq!(
        one("The talks will resume, according to the foreign ministry.").0,
        "the foreign ministry"
    );
}

#[test]
fn told_an_outlet() {
    let text = "A ministry spokesperson told Reuters that the checkpoint was open.";
    assert_eq!(one(text).0, "A ministry spokesperson");
    assert_eq!(cue_text(text), ["told"]);
}

#[test]
fn reporting_verbs_in_many_tenses_and_kinds() {
    for (text, cue) in [
        ("The mayor stated that the bridge is safe.", "stated"),
        ("The mayor wrote that the bridge is safe.", "wrote"),
        ("The mayor explained that the bridge is safe.", "explained"),
        ("The mayor argued that the bridge is safe.", "argued"),
        ("The mayor claimed that the bridge is safe.", "claimed"),
        ("The mayor alleged that the bridge is unsafe.", "alleged"),
        ("The mayor insisted that the bridge is safe.", "insisted"),
        ("The mayor warned that the bridge is unsafe.", "warned"),
        ("The mayor denied that the bridge is unsafe.", "denied"),
        ("The mayor confirmed that the bridge is safe.", "confirmed"),
        (
            "The mayor acknowledged that the bridge is unsafe.",
            "acknowledged",
        ),
        ("The mayor admitted that the bridge is unsafe.", "admitted"),
        ("The mayor tweeted that the bridge is safe.", "tweeted"),
        ("The mayor posted that the bridge is safe.", "posted"),
        ("The mayor will say that the bridge is safe.", "say"),
        ("\"The bridge is safe,\" the mayor added.", "added"),
    ] {
        assert_eq!(cue_text(text), [cue], "{text}");
    }
}

#[test]
fn setting_without_a_verb() {
    let text = "In a statement, the ministry rejected the report.";
    let f = found(text);
    assert!(f.iter().any(|(s, _, _)| s == "the ministry"), "{f:?}");
}

#[test]
fn nouns_spelled_like_verbs_are_not_cues() {
    assert!(found("The claims were false.").is_empty());
    assert!(found("Media reports are unreliable.").is_empty());
    assert!(found("It was a sheer joke.").is_empty());
}

// ---- source kinds ------------------------------------------------------------

#[test]
fn named_sources() {
    for text in [
        "President Volodymyr Zelensky said the front would hold.",
        "The Security Service of Ukraine said it had detained two men.",
        "Russia's deputy foreign minister said talks were possible.",
        "Experts at the Kyiv School of Economics said the damage was vast.",
    ] {
        assert_eq!(one(text).1, SourceKind::Named, "{text}");
    }
}

#[test]
fn role_sources() {
    for text in [
        "A spokesperson for the ministry said the road was open.",
        "The battalion's commander said the line held.",
    ] {
        assert_eq!(one(text).1, SourceKind::Role, "{text}");
    }
}

#[test]
fn anonymous_sources() {
    for text in [
        "A source said the deal was off.",
        "One official said the deal was off.",
        "People familiar with the matter said the deal was off.",
        "A senior official who spoke on condition of anonymity said the deal was off.",
        "An insider said the deal was off.",
    ] {
        assert_eq!(one(text).1, SourceKind::Anonymous, "{text}");
    }
}

#[test]
fn vague_sources() {
    for text in [
        "Experts say the deal is off.",
        "Critics argue that the deal is off.",
        "Some say the deal is off.",
        "Many believe the deal is off.",
        "Observers note that the deal is off.",
        "Analysts said the deal was off.",
        "Officials said the deal was off.",
    ] {
        assert_eq!(one(text).1, SourceKind::Vague, "{text}");
    }
}

#[test]
fn documents_and_citations() {
    assert_eq!(
        one("A 2023 UN report found that the river was polluted.").1,
        SourceKind::Document
    );
    let text = "The river is polluted, [the survey](https://example.org/survey) found.";
    assert!(sources_and_kinds(text)
        .iter()
        .any(|(_, k)| *k == SourceKind::Citation));
    let text = "The river is polluted.[^1]\n\n[^1]: Regional water survey, 2023.";
    let a = attrs(text);
    let c = a
        .list
        .iter()
        .find(|x| x.kind == SourceKind::Citation)
        .expect("a footnote citation");
    assert_eq!(c.source.text(text), "[^1]");
    assert_eq!(c.cue, None);
}

#[test]
fn some_as_a_number_is_not_a_source() {
    assert!(found("Some 155 Chinese nationals were evacuated on Tuesday.").is_empty());
}

// ---- pronouns and canonical sources -----------------------------------------------

#[test]
fn he_said_takes_the_latest_named_man() {
    let text = "Tomas Reyes met Mr. Ivan Petrov at the bridge. Petrov said the ferry would run. \"We will see,\" he said.";
    let f = found(text);
    let he = f.iter().find(|(s, _, _)| s == "he").expect("he said");
    assert_eq!(he.2.as_deref(), Some("Ivan Petrov"));
    let text = "Ivan Petrov met Tomas Reyes at the bridge. \"We will see,\" he said.";
    let he = found(text)
        .into_iter()
        .find(|(s, _, _)| s == "he")
        .expect("he said");
    assert_eq!(he.2.as_deref(), Some("Tomas Reyes"));
}

#[test]
fn gender_comes_from_titles_and_pronouns_not_first_names() {
    // Neither name has a title: "she" takes the latest person, whatever the first name.
    let text = "Maria Lopez met John Smith. \"It is over,\" she said.";
    let she = found(text)
        .into_iter()
        .find(|(s, _, _)| s == "she")
        .unwrap();
    assert_eq!(she.2.as_deref(), Some("John Smith"));
    // A title settles it.
    let text = "Mrs Maria Lopez met Mr John Smith. \"It is over,\" she said.";
    let she = found(text)
        .into_iter()
        .find(|(s, _, _)| s == "she")
        .unwrap();
    assert_eq!(she.2.as_deref(), Some("Maria Lopez"));
}

#[test]
fn names_titles_and_surnames_merge() {
    let text = "President Volodymyr Zelensky said the front would hold. Zelensky added that aid was late. Ukraine's President said talks were possible.";
    let a = attrs(text);
    let names: Vec<_> = a
        .list
        .iter()
        .filter_map(|x| a.source_of(x))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Volodymyr Zelensky"; 3]);
    assert_eq!(a.sources.len(), 1);
    assert_eq!(a.sources[0].statements.len(), 3);
    assert_eq!(
        a.sources[0].first_mention.text(text),
        "President Volodymyr Zelensky"
    );
}

#[test]
fn different_first_names_stay_apart() {
    let text = "Donald Trump said the race was over. Eric Trump said it was not.";
    assert_eq!(attrs(text).sources.len(), 2);
}

#[test]
fn definite_descriptions_merge_with_the_latest_like_mention() {
    let text = "A ministry spokesperson said the road was open. The spokesperson added that convoys were moving.";
    let a = attrs(text);
    assert_eq!(a.sources.len(), 1);
    assert_eq!(a.sources[0].statements.len(), 2);
}

#[test]
fn indefinite_anonymous_sources_stay_apart() {
    let text = "A source said the deal was off. Another source said it was on.";
    assert_eq!(attrs(text).sources.len(), 2);
}

#[test]
fn pseudonyms_merge_with_later_mentions() {
    let text = "Michael, not his real name, said he was held for a week. Michael said guards beat him. He said he was not fed.";
    let a = attrs(text);
    assert_eq!(a.sources.len(), 1, "{:?}", a.sources);
    let s = &a.sources[0];
    assert!(s.pseudonym);
    assert_eq!(s.name, "Michael");
    assert_eq!(s.kind, SourceKind::Anonymous);
    assert_eq!(s.statements.len(), 3);
}

#[test]
fn relative_pronoun_resolves_to_its_antecedent() {
    let text = "The talks were led by Sofia Lindqvist, who said the corridor would reopen.";
    let f = found(text);
    let who = f.iter().find(|(s, _, _)| s == "who").expect("who said");
    assert_eq!(who.2.as_deref(), Some("Sofia Lindqvist"));
}

// ---- quotes -------------------------------------------------------------------

#[test]
fn quote_only_paragraph_inherits_its_speaker() {
    let text = "Lina Okafor said the convoys were stopped.\n\n\"Our teams waited for hours with no explanation.\"\n";
    let a = attrs(text);
    let cont = a
        .list
        .iter()
        .find(|x| x.continues.is_some())
        .expect("a continuation");
    assert_eq!(cont.cue, None);
    assert_eq!(cont.form, CueForm::Continuation);
    assert_eq!(a.source_of(cont).unwrap().name, "Lina Okafor");
    assert_eq!(a.sources[0].statements.len(), 2);
}

#[test]
fn a_quote_sentence_after_the_cue_keeps_the_speaker() {
    let text = "\"We have two surgeons,\" she said. \"If the fuel runs out, patients will die.\"";
    let a = attrs(text);
    assert_eq!(a.list.len(), 2);
    assert_eq!(a.list[1].continues, Some(0));
}

#[test]
fn narration_breaks_the_chain() {
    let text = "Lina Okafor said the convoys were stopped.\n\nThe road runs north.\n\n\"We waited for hours.\"\n";
    let a = attrs(text);
    assert!(a.list.iter().all(|x| x.continues.is_none()));
}

#[test]
fn cues_inside_quotes_are_not_the_writers_attributions() {
    let text = "\"Experts say it is unsafe,\" the mayor said.";
    assert_eq!(one(text).0, "the mayor");
}

// ---- unsourced cues -------------------------------------------------------------

#[test]
fn agentless_passives_are_unsourced() {
    let a = attrs("It is believed that the army moved north.");
    assert_eq!(a.unsourced.len(), 1);
    assert_eq!(a.unsourced[0].kind, UnsourcedKind::AgentlessPassive);
    // With an agent, it is an attribution.
    let text = "The move was confirmed by the defence ministry.";
    assert_eq!(one(text).0, "the defence ministry");
}

#[test]
fn long_documents_are_linear_enough() {
    let para = "Lina Okafor, a spokesperson for the International Relief Alliance, said in a statement that convoys had been stopped. \"Our teams waited for hours,\" she said. Experts say the ceasefire was doomed, and it is widely believed that neither army intended to pull back.\n\n";
    let text = para.repeat(2000);
    let started = std::time::Instant::now();
    let a = attrs(&text);
    assert!(a.list.len() >= 6000);
    // Debug builds are slow; this only guards against quadratic blow-ups.
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn spans_always_fall_on_character_boundaries() {
    let text = "“We will win,” she said. “Nobody doubts it — not even them.”\n\n“Résumé?” asked Zoë Müller. 日本の “引用” said Ilse.";
    let a = attrs(text);
    for x in &a.list {
        let _ = x.source.text(text);
        let _ = x.cue.map(|c| c.text(text));
        let _ = x.content.map(|c| c.text(text));
    }
    for s in &a.sources {
        let _ = s.first_mention.text(text);
    }
    let findings = analyze(text, Format::Markdown, &Config::default()).findings;
    for f in findings {
        let _ = f.span.text(text);
        for r in f.related {
            let _ = r.span.text(text);
        }
    }
}
