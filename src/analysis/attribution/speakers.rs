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
use super::mentions::{classify, Entity, MentionInfo, Np};
use super::SourceKind;
use crate::analysis::syntax::Syntax;
use crate::analysis::tokens::{Token, TokenKind};
use crate::analysis::Span;
use crate::lexicon::attribution::lexicon;
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

/// Drops or retypes the sources of one sentence that cannot be people, bodies or
/// documents: a named source typed as a place or a day, a thing ("the scandal
/// signals"), or a word the noun-phrase grammar took for a speaker ("as well, who
/// said"). Where the token grammar's answer is doubtful, the dependency parse of the
/// sentence (`masked` is the piece's masked prose) names the cue verb's subject.
pub fn settle(found: &mut Vec<Found>, toks: &[Token], masked: &str, norms: &[&str]) {
    settle_named(found, toks);
    let mut syntax: Option<Syntax> = None;
    found.retain_mut(|f| settle_unnamed(f, toks, masked, norms, &mut syntax));
}

/// Keeps an unnamed source that can speak; for a doubtful one, asks the parse.
fn settle_unnamed(
    f: &mut Found,
    toks: &[Token],
    masked: &str,
    norms: &[&str],
    syntax: &mut Option<Syntax>,
) -> bool {
    let mention = match &f.antecedent {
        Some(a) => a.0,
        None => f.source,
    };
    let Some(head) = head_token(toks, mention) else {
        return true;
    };
    let info = match &f.antecedent {
        Some(a) => &a.1,
        None => &f.info,
    };
    // The lexicon knew the mention ("some", "people familiar with the matter", "the
    // report", "he"): its kind is settled, whatever the head's tag.
    let known = matches!(
        info.kind,
        SourceKind::Vague | SourceKind::Anonymous | SourceKind::Document | SourceKind::Citation
    );
    if known || (info.kind == SourceKind::Pronoun && f.antecedent.is_none()) {
        return true;
    }
    // The lexicon knows the head as a role, a body or a document ("the organiser",
    // however the tagger read it): the token grammar did not misread it.
    if lexicon_knows(info) {
        return true;
    }
    // "Most of them": a quantifier before "of" stands for its people.
    let partitive = is_partitive_quantifier(&toks[head].norm)
        && toks.get(head + 1).is_some_and(|t| t.norm == "of");
    if partitive || !doubtful_head(&toks[head], info) {
        return info_can_speak(info) || of_a_source(toks, mention, head);
    }
    // Parse once per sentence, and only for a doubtful speaker.
    let syntax = syntax.get_or_insert_with(|| Syntax::parse(masked, toks));
    match parsed_speaker(syntax, toks, f) {
        Some(np) if !doubtful_head(&toks[np_head(toks, np)], &f.info) => {
            let info = classify(toks, norms, masked, np, (np.start, np.end));
            if !info_can_speak(&info) {
                return false;
            }
            let span = Span::new(toks[np.start].span.start, toks[np.end - 1].span.end);
            if f.antecedent.is_some() {
                f.antecedent = Some(Box::new((span, info)));
            } else {
                f.source = span;
                f.info = info;
            }
            true
        }
        _ => false,
    }
}

/// Whether the mention's head is one the heads lexicon lists (a role, a body, a
/// document): what the grammar found is a source, whatever the tagger said.
fn lexicon_knows(info: &MentionInfo) -> bool {
    if info.kind != SourceKind::Role || info.name.is_some() {
        return false;
    }
    info.head
        .as_deref()
        .is_some_and(|h| lexicon().heads.longest_match(&[h], 0).is_some())
}

/// "early results of the exit poll", "figures from the ministry", "most of them": a
/// thing or a quantity whose complement names a document, a body or people speaks
/// for them.
fn of_a_source(toks: &[Token], mention: Span, head: usize) -> bool {
    let lex = lexicon();
    let mut rest = toks
        .iter()
        .enumerate()
        .skip(head + 1)
        .take_while(|(_, t)| mention.contains(t.span));
    if !rest
        .next()
        .is_some_and(|(_, t)| matches!(t.norm.as_str(), "of" | "from" | "by"))
    {
        return false;
    }
    rest.any(|(_, t)| {
        t.is_word()
            && (matches!(t.upos, Upos::PROPN | Upos::PRON)
                || lex.heads.longest_match(&[t.norm.as_str()], 0).is_some()
                || is_person_noun(&t.norm))
    })
}

/// "Most of them", "some of the workers": a quantifier standing for its people.
fn is_partitive_quantifier(w: &str) -> bool {
    matches!(
        w,
        "most"
            | "many"
            | "some"
            | "all"
            | "several"
            | "few"
            | "none"
            | "each"
            | "both"
            | "either"
            | "neither"
            | "half"
            | "any"
            | "one"
            | "more"
            | "much"
    )
}

/// A head the token grammar may have misread: not a noun, a pronoun, a proper noun
/// or a number, or typed as a time ("in a statement on Thursday, ..."), or a place
/// standing where the grammar expected a person ("Buenos Aires, who said").
fn doubtful_head(t: &Token, info: &MentionInfo) -> bool {
    let nominal = matches!(
        t.upos,
        Upos::NOUN | Upos::PROPN | Upos::PRON | Upos::NUM | Upos::X
    );
    let unsure_kind =
        info.kind != SourceKind::Named && matches!(info.entity, Entity::Unknown | Entity::Person);
    !nominal
        || t.entity == Some(EntityKind::Time)
        || (unsure_kind && t.entity == Some(EntityKind::Place))
}

/// A mention whose head the lexicon does not know must still name someone:
/// "the duo", "protesters", "the 29-year-old", not "the scandal" or "the program".
fn info_can_speak(info: &MentionInfo) -> bool {
    if info.kind != SourceKind::Role || info.name.is_some() || info.title.is_some() {
        return true;
    }
    if !matches!(info.entity, Entity::Unknown | Entity::Group) {
        return true;
    }
    let Some(head) = info.head.as_deref() else {
        return true;
    };
    lexicon().heads.longest_match(&[head], 0).is_some() || is_person_noun(head)
}

/// Nouns for people and groups of people, by their shape ("organiser", "activist",
/// "resident", "trustee", "spokeswoman") or as a few common words that have none.
pub fn is_person_noun(w: &str) -> bool {
    let w = w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w);
    let w = match w {
        "men" | "women" | "people" | "children" | "folk" => return true,
        _ => w,
    };
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        // "the 29-year-old", "a 45-year-old".
        return w.ends_with("old");
    }
    let shaped = [
        "er", "or", "ist", "ian", "ant", "ent", "ee", "eer", "man", "woman", "person", "ive",
        "ean", "can",
    ]
    .iter()
    .any(|s| w.ends_with(s))
        && !w.ends_with("ment");
    shaped
        || matches!(
            w,
            "duo"
                | "pair"
                | "trio"
                | "couple"
                | "family"
                | "familie"
                | "crowd"
                | "team"
                | "staff"
                | "public"
                | "audience"
                | "victim"
                | "survivor"
                | "relative"
                | "parent"
                | "child"
                | "kid"
                | "son"
                | "daughter"
                | "wife"
                | "husband"
                | "mother"
                | "father"
                | "mom"
                | "dad"
                | "brother"
                | "sister"
                | "friend"
                | "neighbour"
                | "neighbor"
                | "colleague"
                | "ally"
                | "allie"
                | "aide"
                | "side"
                | "camp"
                | "board"
                | "panel"
                | "union"
                | "majority"
                | "minority"
                | "guest"
                | "host"
                | "judge"
                | "jury"
                | "police"
                | "clergy"
                | "priest"
                | "bishop"
                | "pope"
                | "monk"
                | "nun"
                | "chief"
                | "boss"
                | "expert"
                | "analyst"
                | "economist"
                | "scientist"
                | "doctor"
                | "nurse"
                | "student"
                | "pupil"
                | "youth"
                | "group"
                | "firm"
                | "company"
                | "network"
                | "outlet"
                | "paper"
                | "magazine"
                | "agency"
                | "ministry"
                | "campaign"
                | "party"
                | "citizen"
                | "critic"
                // A place that speaks is its government: "the city sent a letter".
                | "city"
                | "town"
                | "county"
                | "country"
                | "nation"
                | "municipality"
                | "province"
                | "village"
                | "fan"
                | "veteran"
                | "chinese"
                | "japanese"
        )
}

/// The last word of a mention's main phrase: before an apposition, a relative
/// clause, a participle ("a report released in May") or a prepositional phrase.
fn head_token(toks: &[Token], mention: Span) -> Option<usize> {
    let mut head = None;
    for (i, t) in toks.iter().enumerate() {
        if !mention.contains(t.span) {
            continue;
        }
        let stops = t.is_punct(",")
            || t.is_punct("(")
            || (head.is_some() && matches!(t.upos, Upos::ADP | Upos::SCONJ | Upos::VERB))
            || (head.is_some() && matches!(t.norm.as_str(), "who" | "which" | "that"));
        if stops {
            break;
        }
        if t.is_wordlike() && t.kind != TokenKind::Possessive {
            head = Some(i);
        }
    }
    head
}

fn np_head(toks: &[Token], np: Np) -> usize {
    let span = Span::new(toks[np.start].span.start, toks[np.end - 1].span.end);
    head_token(toks, span).unwrap_or(np.end - 1)
}

/// The speaker the parse gives: the cue verb's subject, or for a relative pronoun
/// ("..., who said"), the noun the relative clause hangs on. Its phrase runs from
/// the subtree's first token to the head noun.
fn parsed_speaker(syntax: &Syntax, toks: &[Token], f: &Found) -> Option<Np> {
    let cue = f.cue?;
    let verb = toks
        .iter()
        .position(|t| cue.contains(t.span) && matches!(t.upos, Upos::VERB | Upos::AUX))?;
    let head = if f.antecedent.is_some() {
        syntax
            .head(verb)
            .filter(|_| syntax.deprel(verb).name().starts_with("acl"))?
    } else {
        syntax.subject(verb)?
    };
    if !matches!(
        toks[head].upos,
        Upos::NOUN | Upos::PROPN | Upos::PRON | Upos::NUM
    ) {
        return None;
    }
    let (first, _) = syntax.extent(head);
    let first = (first..=head)
        .find(|&k| toks[k].is_wordlike())
        .unwrap_or(head);
    Some(Np {
        start: first.min(head),
        end: head + 1,
    })
}

/// Drops or retypes the named sources of one sentence that cannot be people.
fn settle_named(found: &mut Vec<Found>, toks: &[Token]) {
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
