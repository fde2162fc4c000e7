//! Can the named source speak? The grammar takes a capitalised run before a cue
//! for a person's name; the entity typer knows better when the run names a
//! place, a group, a day or a thing:
//! - a country, a state or a great city stands for its government ("Moscow
//!   said"): still a source, but an organisation, which "he" or "she" cannot
//!   refer back to;
//! - a plural such as "Republicans" or "Europeans" is a group, not one person;
//! - a day or a thing ("Monday", "the Patriot Act") cannot speak: the reading
//!   was wrong, and the statement is not attributed to it.

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
    let plural = last.norm.ends_with('s') && !last.norm.ends_with("ss");
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
        _ => Reading::Mute,
    }
}
