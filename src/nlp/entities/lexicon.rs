//! The word lists behind the entity typer.
//!
//! Two kinds: name lists generated from packaged data (`src/nlp/data`, see its
//! NOTICE and `tools/name-lists.py`), decoded into hash sets on first use; and
//! short hand-written lists of titles, head words and role nouns, written as
//! `match` statements so that they cost no start-up and compile to jump tables.
//! Every lookup takes a lowercased word.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::EntityKind;

static FIRST_NAMES: &str = include_str!("../data/first-names.txt");
static SURNAMES: &str = include_str!("../data/surnames.txt");
static PLACES: &str = include_str!("../data/places.txt");
static MAJOR_PLACES: &str = include_str!("../data/major-places.txt");
static US_STATES: &str = include_str!("../data/us-states.txt");

fn lines(data: &'static str) -> FxHashSet<&'static str> {
    data.lines().filter(|l| !l.is_empty()).collect()
}

fn set(cell: &'static OnceLock<FxHashSet<&'static str>>, data: &'static str) -> &'static FxHashSet<&'static str> {
    cell.get_or_init(|| lines(data))
}

/// A given name held by at least 0.005% of the 1990 US population.
pub fn is_given_name(lower: &str) -> bool {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, FIRST_NAMES).contains(lower)
}

/// A surname held by at least 0.003% of the 1990 US population, less everyday words.
pub fn is_surname(lower: &str) -> bool {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, SURNAMES).contains(lower)
}

/// A country, a capital, a US state, a continent or a city of 100,000 people or more;
/// `lower` is the whole name, its words joined by single spaces.
pub fn is_place_name(lower: &str) -> bool {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, PLACES).contains(lower) || is_extra_place(lower)
}

/// A country, a US state or a continent, or one of the largest cities: a name whose
/// place reading outweighs a given name's ("Georgia", "Jordan", "Paris").
pub fn is_major_place(lower: &str) -> bool {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, MAJOR_PLACES).contains(lower) || is_extra_place(lower)
}

/// A two-letter US postal code ("ca", "ny").
pub fn is_us_state_code(lower: &str) -> bool {
    static CELL: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    set(&CELL, US_STATES).contains(lower)
}

/// Short and dotted forms of places that the gazetteer spells out, and regions it lacks.
fn is_extra_place(lower: &str) -> bool {
    matches!(
        lower,
        "u.s." | "us" | "usa" | "u.s.a." | "america" | "uk" | "u.k." | "britain" | "great britain"
            | "england" | "scotland" | "wales" | "northern ireland" | "uae" | "u.a.e." | "ussr"
            | "soviet union" | "middle east" | "far east" | "west bank" | "gaza" | "gaza strip"
            | "balkans" | "caribbean" | "scandinavia" | "siberia" | "midwest" | "new england"
            | "latin america" | "central america" | "persian gulf" | "the gulf" | "mideast"
            | "calif." | "fla." | "mass." | "ariz." | "ill." | "mich." | "tex." | "wash." | "conn."
            | "n.y." | "n.j." | "d.c." | "l.a." | "nyc" | "u.s" | "sf" | "dc" | "hollywood" | "manhattan" | "brooklyn"
            | "queens" | "bronx" | "silicon valley" | "wall street" | "kurdistan" | "tibet"
            | "hong kong" | "taiwan" | "kashmir" | "chechnya" | "darfur" | "kosovo" | "crimea"
            | "falluja" | "fallujah" | "najaf" | "tikrit" | "ramadi" | "kirkuk" | "anbar"
            | "europe" | "asia" | "africa" | "antarctica" | "oceania" | "north america"
            | "south america" | "atlantic" | "pacific" | "arctic" | "mediterranean"
    )
}

/// A title or honorific that goes before a person's name ("Mr.", "Sen.", "President").
pub fn is_person_title(lower: &str) -> bool {
    matches!(
        lower,
        "mr." | "mr" | "drs." | "messrs." | "mrs." | "mrs" | "ms." | "ms" | "miss" | "mx." | "dr." | "dr" | "prof."
            | "professor" | "sir" | "dame" | "lady" | "lord" | "sen." | "senator" | "rep."
            | "representative" | "congressman" | "congresswoman" | "gov." | "governor"
            | "president" | "vice-president" | "premier" | "chancellor" | "minister"
            | "secretary" | "judge" | "justice" | "officer" | "detective" | "sgt." | "sergeant"
            | "lt." | "lieutenant" | "capt." | "captain" | "col." | "colonel" | "gen." | "general"
            | "maj." | "major" | "adm." | "admiral" | "cpl." | "corporal" | "pvt." | "private"
            | "rev." | "reverend" | "father" | "sister" | "brother" | "pastor" | "rabbi" | "imam"
            | "sheikh" | "sheik" | "ayatollah" | "cardinal" | "bishop" | "archbishop" | "pope"
            | "mayor" | "king" | "queen" | "prince" | "princess" | "emperor" | "sultan" | "coach"
            | "ambassador" | "commissioner" | "chairman" | "chairwoman" | "ceo" | "attorney"
            | "uncle" | "aunt" | "grandma" | "grandpa" | "mom" | "dad" | "st." | "saint"
            | "jr." | "esq." | "hon." | "honorable" | "pres." | "supt." | "insp." | "inspector"
    )
}

/// Titles that also begin place and organisation names ("St. Louis", "General Motors",
/// "Saint Lucia"): they make a person only with more evidence.
pub fn is_weak_title(lower: &str) -> bool {
    matches!(lower, "st." | "saint" | "general" | "king" | "queen" | "prince" | "lady" | "private" | "major" | "justice" | "secretary" | "father" | "sister" | "brother" | "jr." | "esq.")
}

/// The last word of an organisation's name ("Inc.", "Ministry", "Times").
pub fn is_org_head(lower: &str) -> bool {
    matches!(
        lower,
        "inc." | "inc" | "corp." | "corp" | "corporation" | "ltd." | "ltd" | "co." | "llc" | "l.l.c."
            | "plc" | "gmbh" | "ag" | "s.a." | "lp" | "l.p." | "llp" | "company" | "companies"
            | "party" | "ministry" | "department" | "dept." | "agency" | "administration"
            | "university" | "college" | "school" | "academy" | "council" | "committee"
            | "commission" | "court" | "bank" | "association" | "union" | "federation"
            | "league" | "police" | "times" | "post" | "news" | "journal" | "herald" | "tribune"
            | "gazette" | "telegraph" | "press" | "magazine" | "airlines" | "airways" | "air"
            | "group" | "foundation" | "institute" | "institution" | "army" | "navy"
            | "force" | "forces" | "corps" | "guard" | "brigade" | "militia" | "church"
            | "society" | "board" | "bureau" | "office" | "service" | "services" | "authority"
            | "organization" | "organisation" | "network" | "networks" | "systems" | "technologies"
            | "industries" | "holdings" | "partners" | "associates" | "enterprises" | "motors"
            | "pharmaceuticals" | "labs" | "laboratories" | "trust" | "fund" | "reserve"
            | "exchange" | "senate" | "congress" | "parliament" | "assembly" | "cabinet"
            | "government" | "team" | "club" | "fc" | "band" | "orchestra" | "choir" | "coalition"
            | "alliance" | "movement" | "front" | "brotherhood" | "caucus" | "hospital" | "clinic"
            | "center" | "centre" | "museum" | "library" | "store" | "stores" | "restaurant"
            | "cafe" | "bar" | "hotel" | "inn" | "studios" | "records" | "entertainment"
            | "media" | "broadcasting" | "radio" | "tv" | "channel" | "bancorp" | "capital"
            | "securities" | "insurance" | "energy" | "oil" | "petroleum" | "gas" | "electric"
            | "communications" | "telecom" | "software" | "bros." | "brothers" | "&"
            | "program" | "project" | "initiative" | "taliban" | "mujahideen" | "tech" | "chronicle"
    )
}

/// An organisation's first word when "of" follows ("Ministry of Health", "Bank of England").
pub fn is_org_head_before_of(lower: &str) -> bool {
    matches!(
        lower,
        "ministry" | "department" | "bank" | "university" | "college" | "institute" | "school"
            | "academy" | "council" | "church" | "association" | "federation" | "league"
            | "union" | "society" | "board" | "bureau" | "office" | "house" | "chamber"
            | "court" | "commission" | "committee" | "party" | "army" | "order" | "friends"
            | "museum" | "library" | "hospital" | "center" | "centre"
    )
}

/// The last word of a place's name ("Street", "River", "County").
pub fn is_place_head(lower: &str) -> bool {
    matches!(
        lower,
        "street" | "st" | "avenue" | "ave." | "ave" | "road" | "rd." | "rd" | "boulevard" | "blvd."
            | "blvd" | "lane" | "ln." | "drive" | "dr" | "highway" | "hwy" | "freeway" | "expressway"
            | "parkway" | "pkwy" | "way" | "place" | "plaza" | "square" | "circle" | "court house"
            | "river" | "creek" | "mountain" | "mountains" | "mount" | "mt." | "hill" | "hills"
            | "lake" | "lakes" | "pond" | "park" | "garden" | "gardens" | "bridge" | "tunnel"
            | "county" | "province" | "prefecture" | "state" | "territory" | "territories"
            | "airport" | "island" | "islands" | "isle" | "peninsula" | "valley" | "canyon"
            | "beach" | "bay" | "harbor" | "harbour" | "port" | "cove" | "ocean" | "sea" | "gulf"
            | "strait" | "straits" | "channel islands" | "coast" | "desert" | "forest" | "woods"
            | "heights" | "village" | "city" | "town" | "township" | "borough" | "parish"
            | "district" | "region" | "falls" | "springs" | "station" | "terminal" | "mall"
            | "tower" | "towers" | "building" | "stadium" | "arena" | "palace" | "castle"
            | "cathedral" | "temple" | "mosque" | "zoo" | "monument" | "memorial" | "dam"
            | "canal" | "glacier" | "volcano" | "reef" | "peak" | "pass" | "ridge" | "plains"
            | "plateau" | "delta" | "basin" | "republic" | "kingdom" | "emirates" | "states"
            | "oblast" | "cantons" | "land" | "shire" | "wharf" | "pier" | "hall" | "keys"
    )
}

/// A place's first word ("Lake Tahoe", "Mount Everest", "Gulf of Mexico").
pub fn is_place_head_before(lower: &str) -> bool {
    matches!(
        lower,
        "lake" | "mount" | "mt." | "fort" | "ft." | "port" | "cape" | "gulf" | "bay" | "isle"
            | "republic" | "kingdom" | "state" | "city" | "county" | "province" | "sea"
            | "strait" | "straits" | "st." | "san" | "santa" | "los" | "las" | "el" | "new"
            | "north" | "south" | "east" | "west" | "northern" | "southern" | "eastern" | "western"
            | "central" | "upper" | "lower" | "greater" | "camp" | "isla" | "rio" | "puerto"
    )
}

/// A weekday, a month or a holiday.
pub fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            | "mon" | "tue" | "tues" | "wed" | "thu" | "thurs" | "fri" | "sat" | "mon." | "tue." | "tues." | "wed." | "thu." | "thur." | "thurs." | "fri." | "sat." | "sun."
            | "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
            | "september" | "october" | "november" | "december" | "jan." | "feb." | "mar." | "apr."
            | "jun." | "jul." | "aug." | "sep." | "sept." | "oct." | "nov." | "dec."
            | "christmas" | "xmas" | "easter" | "thanksgiving" | "hanukkah" | "chanukah"
            | "ramadan" | "eid" | "passover" | "diwali" | "halloween" | "new year" | "lent"
            | "yom" | "kippur" | "purim" | "pentecost" | "advent" | "valentine"
    )
}

/// Time names of more than one word end with one of these ("Memorial Day", "Christmas Eve").
pub fn is_time_head(lower: &str) -> bool {
    matches!(lower, "day" | "eve" | "week" | "weekend" | "holiday" | "holidays" | "season" | "year")
}

/// The last word of a law, a work, an event or a product ("Patriot Act", "World Cup").
pub fn is_other_head(lower: &str) -> bool {
    matches!(
        lower,
        "act" | "law" | "bill" | "treaty" | "amendment" | "amendments" | "constitution"
            | "accord" | "accords" | "agreement" | "protocol" | "convention" | "doctrine"
            | "plan" | "award" | "awards" | "prize" | "medal" | "war" | "revolution" | "crisis"
            | "olympics" | "games" | "cup" | "championship" | "championships" | "series"
            | "bowl" | "open" | "festival" | "fair" | "expo" | "conference" | "summit"
            | "show" | "album" | "book" | "novel" | "movie" | "film" | "bible" | "koran"
            | "quran" | "report" | "index" | "edition" | "version" | "xp" | "vista"
    )
}

/// Words for nationalities, religions and languages: names, but never sources.
pub fn is_group_word(lower: &str) -> bool {
    let stem = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        stem,
        "american" | "british" | "english" | "french" | "german" | "italian" | "spanish"
            | "chinese" | "japanese" | "korean" | "russian" | "iraqi" | "iranian" | "afghan"
            | "pakistani" | "indian" | "israeli" | "palestinian" | "arab" | "arabic" | "syrian"
            | "egyptian" | "saudi" | "turkish" | "kurd" | "kurdish" | "shiite" | "shia" | "sunni"
            | "muslim" | "moslem" | "christian" | "catholic" | "protestant" | "jew" | "jewish"
            | "hindu" | "buddhist" | "european" | "african" | "asian" | "mexican" | "canadian"
            | "australian" | "brazilian" | "latino" | "hispanic" | "republican" | "democrat"
            | "democratic" | "conservative" | "liberal" | "labour" | "communist" | "socialist"
            | "islamic" | "islamist" | "western" | "dutch" | "greek" | "polish" | "swedish"
            | "irish" | "scottish" | "welsh" | "vietnamese" | "thai" | "filipino" | "persian"
            | "baathist" | "wahhabi" | "jihadi" | "jihadist" | "latin" | "internet" | "web"
            | "god" | "allah" | "jesus" | "lord" | "christ"
    )
}

/// The sun, the moon and the planets, which share names with people ("Venus").
pub fn is_celestial_body(lower: &str) -> bool {
    matches!(lower, "sun" | "moon" | "earth" | "mercury" | "venus" | "mars" | "jupiter" | "saturn" | "uranus" | "neptune" | "pluto")
}

/// An institution known by one word that needs no head ("Congress", "Pentagon").
pub fn is_single_word_institution(lower: &str) -> bool {
    matches!(
        lower,
        "congress" | "senate" | "parliament" | "pentagon" | "kremlin" | "knesset" | "duma"
            | "politburo" | "vatican" | "interpol" | "europol" | "hamas" | "hezbollah"
            | "hizbollah" | "fatah" | "taliban" | "al-qaeda" | "al-qaida" | "qaeda" | "qaida"
            | "google" | "microsoft" | "apple" | "amazon" | "facebook" | "twitter" | "yahoo"
            | "ebay" | "walmart" | "wal-mart" | "reuters" | "congressional"
    )
}

/// Reporting verbs: a name right before one is the one speaking.
pub fn is_reporting_verb(lower: &str) -> bool {
    matches!(
        lower,
        "said" | "says" | "say" | "told" | "tells" | "added" | "adds" | "wrote" | "writes"
            | "explained" | "explains" | "noted" | "notes" | "asked" | "asks" | "argued"
            | "argues" | "insisted" | "insists" | "claimed" | "claims" | "stated" | "states"
            | "replied" | "replies" | "recalled" | "recalls" | "admitted" | "admits"
            | "acknowledged" | "acknowledges" | "warned" | "warns" | "suggested" | "suggests"
            | "believes" | "believed" | "thinks" | "thought" | "feels" | "felt" | "knows"
            | "wants" | "wanted" | "smiled" | "laughed" | "sighed" | "died" | "married"
    )
}

/// The person a common noun names, or the place or organisation ("spokeswoman",
/// "ministry", "bridge"), for the head of a noun phrase without a name.
pub fn kind_of_noun(lower: &str) -> Option<EntityKind> {
    if is_role_noun(lower) {
        return Some(EntityKind::Person);
    }
    let kind = match lower {
        "ministry" | "department" | "agency" | "police" | "company" | "council" | "committee"
        | "commission" | "government" | "administration" | "court" | "firm" | "corporation"
        | "bank" | "party" | "union" | "association" | "organization" | "organisation"
        | "group" | "institute" | "university" | "college" | "school" | "army" | "military"
        | "navy" | "board" | "bureau" | "office" | "team" | "club" | "newspaper" | "network"
        | "agencies" | "authorities" | "authority" | "parliament" | "senate" | "congress"
        | "legislature" | "cabinet" | "regime" | "coalition" | "campaign" | "foundation"
        | "charity" | "hospital" | "church" | "business" | "businesses" | "companies"
        | "prosecution" | "prosecutors" | "ngo" | "utility" | "airline" | "broadcaster"
        | "publisher" | "manufacturer" | "retailer" | "startup" | "tribunal" | "jury" => EntityKind::Organisation,
        "city" | "town" | "village" | "country" | "nation" | "state" | "province" | "county"
        | "region" | "district" | "bridge" | "square" | "street" | "road" | "avenue" | "river"
        | "lake" | "mountain" | "island" | "park" | "airport" | "station" | "building" | "capital"
        | "continent" | "border" | "neighborhood" | "neighbourhood" | "suburb" | "valley" | "coast"
        | "beach" | "harbor" | "harbour" | "port" | "stadium" | "landmark" | "monument" => EntityKind::Place,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "weekday" | "weekend" | "holiday" => EntityKind::Time,
        "law" | "act" | "bill" | "treaty" | "statute" | "regulation" | "amendment" | "book"
        | "film" | "movie" | "report" | "event" | "product" => EntityKind::Other,
        _ => return None,
    };
    Some(kind)
}

/// A common noun for a person's role or relation ("spokeswoman", "governor", "mother").
pub fn is_role_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').filter(|s| !s.ends_with('s')).unwrap_or(lower);
    matches!(
        singular,
        "spokeswoman" | "spokesman" | "spokesperson" | "spokespeople" | "spokesmen" | "spokeswomen"
            | "governor" | "senator" | "president" | "minister" | "secretary" | "mayor" | "judge"
            | "lawyer" | "attorney" | "prosecutor" | "officer" | "official" | "director"
            | "manager" | "executive" | "chairman" | "chairwoman" | "chair" | "chief" | "head"
            | "leader" | "founder" | "owner" | "employee" | "worker" | "analyst" | "economist"
            | "expert" | "professor" | "teacher" | "student" | "researcher" | "scientist"
            | "doctor" | "nurse" | "surgeon" | "physician" | "author" | "writer" | "journalist"
            | "reporter" | "editor" | "columnist" | "correspondent" | "actor" | "actress"
            | "singer" | "musician" | "artist" | "player" | "coach" | "captain" | "soldier"
            | "general" | "commander" | "colonel" | "sergeant" | "lieutenant" | "detective"
            | "sheriff" | "witness" | "victim" | "suspect" | "resident" | "neighbor" | "neighbour"
            | "mother" | "father" | "sister" | "brother" | "son" | "daughter" | "wife" | "husband"
            | "friend" | "boyfriend" | "girlfriend" | "aunt" | "uncle" | "cousin" | "grandmother"
            | "grandfather" | "mom" | "dad" | "child" | "parent" | "man" | "woman" | "boy" | "girl"
            | "person" | "people" | "men" | "women" | "children" | "candidate" | "activist"
            | "adviser" | "advisor" | "aide" | "ambassador" | "diplomat" | "envoy" | "representative"
            | "congressman" | "congresswoman" | "lawmaker" | "legislator" | "politician"
            | "priest" | "pastor" | "rabbi" | "imam" | "cleric" | "bishop" | "pope" | "king"
            | "queen" | "prince" | "princess" | "ceo" | "cfo" | "vice-president" | "partner"
            | "consultant" | "engineer" | "farmer" | "driver" | "pilot" | "fan" | "voter"
            | "citizen" | "member" | "volunteer" | "customer" | "patient" | "veteran" | "widow"
            | "historian" | "novelist" | "poet" | "philosopher" | "photographer" | "designer"
            | "producer" | "comedian" | "dancer" | "athlete" | "owner-operator" | "inventor"
            | "entrepreneur" | "investor" | "banker" | "trader" | "broker" | "accountant"
            | "clerk" | "assistant" | "intern" | "commissioner" | "inspector" | "investigator"
            | "agent" | "guard" | "firefighter" | "policeman" | "policewoman" | "trooper"
            | "militant" | "insurgent" | "fighter" | "rebel" | "gunman" | "bomber"
    )
}
