//! Can the named source speak? The grammar takes a capitalised run before a cue
//! for a person's name; the entity typer knows better when the run names a
//! place, a group, a day or a thing:
//! - a country, a state or a great city stands for its government ("Moscow
//!   said"): still a source, but an organisation, which "he" or "she" cannot
//!   refer back to;
//! - a plural such as "Republicans" or "Europeans" is a group, not one person;
//! - a day ("Wednesday", "Jan.") cannot speak: the reading was wrong, and the
//!   statement is not attributed to it. A singular name of another kind
//!   ("the Republican") stays as found: it is most often a person.

use super::extract::Found;
use super::mentions::Entity;
use super::SourceKind;
use crate::analysis::tokens::Token;
use crate::lexicon::attribution::Number;
use crate::nlp::entities::{is_major_place, EntityKind};
use crate::nlp::tags::Upos;

/// What the typer says the named source is, when it says anything.
#[derive(Debug, PartialEq, Eq)]
enum Reading {
    /// A person or an organisation, or a name the typer left untyped: as found.
    AsFound,
    Place,
    Group,
    Mute,
}

/// Drops or retypes the named sources of one sentence that cannot be people.
pub fn settle(found: &mut Vec<Found>, toks: &[Token]) {
    found.retain_mut(|f| {
        if f.info.kind != SourceKind::Named || f.info.entity != Entity::Person {
            return true;
        }
        let reading = reading(toks, f);
        if matches!(reading, Reading::Place | Reading::Group) {
            f.info.gender = None;
        }
        match reading {
            Reading::AsFound => {}
            Reading::Place => f.info.entity = Entity::Organisation,
            Reading::Group => {
                f.info.entity = Entity::Group;
                f.info.number = Number::Plural;
            }
            Reading::Mute => return false,
        }
        true
    });
}

fn plural_name(last: &Token) -> bool {
    last.norm.ends_with('s') && !last.norm.ends_with("ss")
}

fn reading(toks: &[Token], f: &Found) -> Reading {
    let names: Vec<&Token> = toks
        .iter()
        .filter(|t| f.source.contains(t.span) && t.upos == Upos::PROPN)
        .collect();
    let Some(last) = names.last() else {
        return Reading::AsFound;
    };
    let (mut place, mut other) = (false, false);
    for t in &names {
        match t.entity {
            None | Some(EntityKind::Person | EntityKind::Organisation) => return Reading::AsFound,
            Some(EntityKind::Place) => place = true,
            Some(EntityKind::Other) => other = true,
            Some(EntityKind::Time) => {}
        }
    }
    // "The Republican said": one member of a group, a person after all.
    if other && !place && !plural_name(last) {
        return Reading::AsFound;
    }
    let plural = plural_name(last);
    // A surname can also be a town ("Bolton"): only a country, a state or a great
    // city is taken for the place it names.
    let major = f
        .info
        .name
        .as_deref()
        .is_some_and(|n| is_major_place(&n.to_lowercase()));
    match (place, other) {
        (true, _) if major => Reading::Place,
        (true, _) => Reading::AsFound,
        (false, true) if plural => Reading::Group,
        // Only a day standing alone: "Kristen Day" is someone whose given name
        // the tagger may have missed.
        _ if lone_word(toks, f) => Reading::Mute,
        _ => Reading::AsFound,
    }
}

fn lone_word(toks: &[Token], f: &Found) -> bool {
    toks.iter()
        .filter(|t| f.source.contains(t.span) && t.is_wordlike())
        .count()
        == 1
}

#[cfg(test)]
mod tests {
    use crate::analysis::attribution::{extract, Entity};
    use crate::analysis::tokens::TokenTable;
    use crate::analysis::{prose, quotes, sentences, Format};

    /// (source text, entity) of every attribution found in `text`.
    fn sources(text: &str) -> Vec<(String, Entity)> {
        let prose = prose::map(text, Format::PlainText);
        let sentences = sentences::split(&prose);
        let quotes = quotes::find(&prose);
        let table = TokenTable::build(&prose, &sentences, &quotes);
        let found = extract(text, &prose, &sentences, &quotes, &table);
        let source = |p: &super::super::Pending| p.found.source.text(text).to_string();
        found
            .pending
            .iter()
            .map(|p| (source(p), p.found.info.entity))
            .collect()
    }

    #[test]
    fn a_country_speaking_is_its_government_not_a_person() {
        let found = sources("China said on Monday that the talks would resume.");
        assert_eq!(found, [("China".to_string(), Entity::Organisation)]);
    }

    #[test]
    fn people_stay_people() {
        let found =
            sources("Jane Smith said the talks would resume. Smith added that no date was set.");
        assert!(found.iter().all(|f| f.1 == Entity::Person), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
        let found = sources("The Republican said the bill would pass.");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_party_in_the_plural_is_a_group() {
        let found = sources("Republicans said the bill would pass.");
        assert_eq!(found, [("Republicans".to_string(), Entity::Group)]);
    }
}
