//! Invented sentences; the tags are what a tagger gives them.

use super::*;
use crate::nlp::tags::Upos::{self, *};

/// Splits "Mayor/PROPN Jane/PROPN said/VERB" into words and tags.
fn tagged(text: &str) -> (Vec<&str>, Vec<Upos>) {
    text.split_whitespace()
        .map(|t| {
            let (w, tag) = t.rsplit_once('/').expect("word/TAG");
            (w, Upos::parse(tag).expect("a UPOS tag"))
        })
        .unzip()
}

fn entities_in(memory: &mut Memory, text: &str) -> Vec<(String, EntityKind)> {
    let (words, upos) = tagged(text);
    let mut out = Vec::new();
    memory.find(&words, &upos, &mut out);
    out.iter()
        .map(|e| (words[e.start..e.end].join(" "), e.kind))
        .collect()
}

fn entities(text: &str) -> Vec<(String, EntityKind)> {
    entities_in(&mut Memory::new(), text)
}

fn one(name: &str, kind: EntityKind) -> Vec<(String, EntityKind)> {
    vec![(name.to_string(), kind)]
}

#[test]
fn a_titled_name_is_a_person_without_its_title() {
    assert_eq!(
        entities("Mayor/PROPN Jane/PROPN Smith/PROPN said/VERB the/DET plan/NOUN would/AUX work/VERB ./PUNCT"),
        one("Jane Smith", EntityKind::Person)
    );
    assert_eq!(
        entities("Mr./PROPN Villega/PROPN is/AUX a/DET lawyer/NOUN"),
        one("Villega", EntityKind::Person)
    );
}

#[test]
fn a_ministry_of_something_is_an_organisation() {
    assert_eq!(
        entities("the/DET Ministry/PROPN of/ADP Health/PROPN said/VERB on/ADP Monday/PROPN"),
        vec![
            ("Ministry of Health".to_string(), EntityKind::Organisation),
            ("Monday".to_string(), EntityKind::Time)
        ]
    );
}

#[test]
fn a_city_and_a_weekday_are_a_place_and_a_time() {
    assert_eq!(
        entities("They/PRON met/VERB in/ADP Paris/PROPN on/ADP Monday/PROPN ./PUNCT"),
        vec![
            ("Paris".to_string(), EntityKind::Place),
            ("Monday".to_string(), EntityKind::Time)
        ]
    );
}

#[test]
fn a_surname_stays_a_person_later_in_the_document() {
    let mut memory = Memory::new();
    entities_in(
        &mut memory,
        "Jane/PROPN Smith/PROPN runs/VERB the/DET shop/NOUN ./PUNCT",
    );
    assert_eq!(
        entities_in(&mut memory, "Smith/PROPN won/VERB ./PUNCT"),
        one("Smith", EntityKind::Person)
    );
    // Without the memory a bare surname is left untyped.
    assert_eq!(entities("Smith/PROPN won/VERB ./PUNCT"), vec![]);
}

#[test]
fn washington_is_a_place_unless_a_title_or_the_document_makes_it_a_person() {
    assert_eq!(
        entities("We/PRON flew/VERB to/ADP Washington/PROPN"),
        one("Washington", EntityKind::Place)
    );
    // A place that speaks stands for its government; it stays a place, never a person.
    assert_eq!(
        entities("Washington/PROPN said/VERB no/INTJ"),
        one("Washington", EntityKind::Place)
    );
    assert_eq!(
        entities("Mr./PROPN Washington/PROPN left/VERB"),
        one("Washington", EntityKind::Person)
    );
    let mut memory = Memory::new();
    entities_in(
        &mut memory,
        "George/PROPN Washington/PROPN crossed/VERB the/DET river/NOUN",
    );
    assert_eq!(
        entities_in(&mut memory, "Washington/PROPN won/VERB"),
        one("Washington", EntityKind::Person)
    );
}

#[test]
fn landmarks_laws_and_heads() {
    assert_eq!(
        entities("the/DET Golden/PROPN Gate/PROPN Bridge/PROPN was/AUX closed/VERB"),
        one("Golden Gate Bridge", EntityKind::Place)
    );
    assert_eq!(
        entities("the/DET Patriot/PROPN Act/PROPN expired/VERB"),
        one("Patriot Act", EntityKind::Other)
    );
    assert_eq!(
        entities("Acme/PROPN Widgets/PROPN Inc./PROPN said/VERB"),
        one("Acme Widgets Inc.", EntityKind::Organisation)
    );
    assert_eq!(
        entities("the/DET Bank/PROPN of/ADP England/PROPN"),
        one("Bank of England", EntityKind::Organisation)
    );
}

#[test]
fn context_makes_a_person() {
    assert_eq!(
        entities("Zorblatt/PROPN ,/PUNCT a/DET spokeswoman/NOUN for/ADP the/DET firm/NOUN"),
        one("Zorblatt", EntityKind::Person)
    );
    assert_eq!(
        entities("Quimby/PROPN ,/PUNCT 37/NUM ,/PUNCT was/AUX there/ADV"),
        one("Quimby", EntityKind::Person)
    );
    assert_eq!(
        entities("according/VERB to/ADP Quimby/PROPN"),
        one("Quimby", EntityKind::Person)
    );
}

#[test]
fn places_weekdays_and_countries_are_never_people() {
    for text in [
        "Paris/PROPN said/VERB no/INTJ",
        "France/PROPN told/VERB the/DET summit/NOUN",
        "Monday/PROPN said/VERB it/PRON all/DET",
        "the/DET Eiffel/PROPN Tower/PROPN said/VERB",
        "the/DET Patriot/PROPN Act/PROPN says/VERB so/ADV",
    ] {
        let found = entities(text);
        assert!(
            found.iter().all(|(_, k)| *k != EntityKind::Person),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn acronyms_are_organisations_and_us_is_a_place() {
    assert_eq!(
        entities("NATO/PROPN said/VERB"),
        one("NATO", EntityKind::Organisation)
    );
    assert_eq!(
        entities("the/DET U.S./PROPN economy/NOUN"),
        one("U.S.", EntityKind::Place)
    );
}

#[test]
fn odd_input_does_not_panic() {
    let mut out = vec![Entity {
        start: 0,
        end: 1,
        kind: EntityKind::Other,
    }];
    find(&[], &[], &mut out);
    assert!(out.is_empty());
    find(&["Jane", "Smith", "said"], &[PROPN], &mut out);
    // The lengths disagree: only "Jane" is read, a given name.
    assert_eq!(
        out,
        vec![Entity {
            start: 0,
            end: 1,
            kind: EntityKind::Person
        }]
    );
    find(
        &["😀", "東京", "Ünal", "al-", "Ö"],
        &[PROPN, PROPN, PROPN, PROPN, PROPN],
        &mut out,
    );
    let (words, upos) = tagged(
        "THE/DET MINISTRY/PROPN OF/ADP HEALTH/PROPN SAID/VERB JOHN/PROPN SMITH/PROPN LEFT/VERB",
    );
    find(&words, &upos, &mut out);
    assert!(out.iter().all(|e| e.start < e.end && e.end <= words.len()));
}

#[test]
fn a_given_name_that_is_a_town_needs_a_preposition() {
    assert_eq!(entities("Elizabeth/PROPN is/AUX nice/ADJ"), vec![]);
    assert_eq!(
        entities("Elizabeth/PROPN smiled/VERB"),
        one("Elizabeth", EntityKind::Person)
    );
    assert_eq!(
        entities("a/DET mall/NOUN in/ADP Elizabeth/PROPN"),
        one("Elizabeth", EntityKind::Place)
    );
    assert_eq!(
        entities("Elizabeth/PROPN Bennet/PROPN smiled/VERB"),
        one("Elizabeth Bennet", EntityKind::Person)
    );
}

#[test]
fn storms_planets_and_businesses_named_after_people_are_not_people() {
    let mut memory = Memory::new();
    assert_eq!(
        entities_in(&mut memory, "Hurricane/PROPN Rita/PROPN hit/VERB"),
        one("Rita", EntityKind::Other)
    );
    assert_eq!(
        entities_in(&mut memory, "Rita/PROPN weakened/VERB"),
        one("Rita", EntityKind::Other)
    );
    assert_eq!(
        entities("Venus/PROPN rose/VERB"),
        one("Venus", EntityKind::Other)
    );
    assert_eq!(
        entities("we/PRON ate/VERB at/ADP Ray/PROPN 's/PART Pizza/PROPN"),
        one("Ray 's Pizza", EntityKind::Organisation)
    );
    assert_eq!(entities("the/DET Hilton/PROPN is/AUX near/ADV"), vec![]);
}

#[test]
fn names_split_and_joined_as_the_tokeniser_left_them() {
    assert_eq!(
        entities("in/ADP New/ADJ York/PROPN"),
        one("New York", EntityKind::Place)
    );
    assert_eq!(
        entities("they/PRON fly/VERB to/ADP Tucson/PROPN Arizona/PROPN"),
        vec![
            ("Tucson".to_string(), EntityKind::Place),
            ("Arizona".to_string(), EntityKind::Place)
        ]
    );
    assert_eq!(
        entities("Al/PROPN -/PUNCT Qaeda/PROPN claimed/VERB it/PRON"),
        one("Al - Qaeda", EntityKind::Organisation)
    );
    assert_eq!(
        entities("CCNG/PROPN ,/PUNCT Inc./PROPN"),
        one("CCNG , Inc.", EntityKind::Organisation)
    );
}

#[test]
fn common_nouns_have_kinds() {
    assert_eq!(kind_of_noun("spokeswoman"), Some(EntityKind::Person));
    assert_eq!(kind_of_noun("governor"), Some(EntityKind::Person));
    assert_eq!(kind_of_noun("mother"), Some(EntityKind::Person));
    assert_eq!(kind_of_noun("ministry"), Some(EntityKind::Organisation));
    assert_eq!(kind_of_noun("police"), Some(EntityKind::Organisation));
    assert_eq!(kind_of_noun("council"), Some(EntityKind::Organisation));
    assert_eq!(kind_of_noun("bridge"), Some(EntityKind::Place));
    assert_eq!(kind_of_noun("country"), Some(EntityKind::Place));
    assert_eq!(kind_of_noun("table"), None);
}
