//! Synthetic news drafts for benchmarks, built from the project's own sentence templates.
//!
//! Mostly neutral reporting (roads, schools, harvests, ferries, councils), with
//! quotes, headings and attributions, and findings of every rule sprinkled at a
//! realistic density: about 4 per thousand words. Deterministic: the same bytes on
//! every run and machine.

const PLACES: &[&str] = &[
    "Marrow Bridge",
    "Eastfield",
    "Port Alder",
    "Kessel",
    "the Valen valley",
    "Lower Dunmore",
    "Saltings",
    "Hollin Cross",
    "Brackwater",
    "Upper Teme",
    "Caddon",
    "Wetherby Reach",
];
const PEOPLE: &[&str] = &[
    "Ana Petrova",
    "Tomas Reyes",
    "Lina Okafor",
    "Sofia Lindqvist",
    "Ilse Marchetti",
    "Corwin Aldana",
    "Maren Vos",
    "Idris Holloway",
    "Petra Nakamura",
    "Edvin Sola",
    "Rosa Quilter",
    "Bram Ketteridge",
];
const BODIES: &[&str] = &[
    "the regional council",
    "the health office",
    "the mediation council",
    "the transport ministry",
    "the relief agency",
    "the water board",
    "the education department",
    "the harbour authority",
    "the county roads office",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Neutral reporting: each sentence alone is clean (numbers only with a source).
const NEUTRAL: &[&str] = &[
    "{person}, who has lived in {place} for twenty years, said the market had been quiet since the weekend.",
    "The ferry made {n} crossings before dark, and volunteers unloaded crates at the landing.",
    "Trucks carrying flour and fuel crossed the bridge at dawn, according to {body}.",
    "Schools in {place} will hold classes in shifts until the heating is repaired.",
    "\"We are counting every house, one street at a time,\" {person} said.",
    "A spokesperson for {body} said inspectors would visit the site next week.",
    "Farmers in {place} planted late this year because the spring rains came in May.",
    "{person} told reporters that the talks would resume after the holiday.",
    "The road between {place} and the coast reopened on {day} after crews cleared the last of the mud, {body} said.",
    "The library in {place} extended its opening hours so that students could prepare for their exams.",
    "A spokesperson for {body} said the tender for the new pumping station would close at the end of the month.",
    "{person} said the harvest had been smaller than last year but the grain was dry and clean.",
    "Engineers from {body} inspected the dam on {day} and said they had found no new cracks.",
    "The hospital in {place} opened a second maternity ward, according to {body}.",
    "Children in {place} walked to school along the river path while the main street was resurfaced.",
    "\"The water comes back on tomorrow, if the valves hold,\" {person} said.",
    "The court adjourned the hearing until {day} so that both sides could file their documents.",
    "Fishing boats stayed in the harbour at {place} because of high winds, the harbour master said.",
    "{person} said the choir would sing at the cathedral on {day} evening.",
    "The bakery on the corner of the square reopened under a new owner, who kept the old recipes.",
    "Members of {body} met farmers in {place} to discuss when the irrigation channels would be repaired.",
    "According to {body}, {n} kilometres of rural road will be resurfaced before the autumn.",
    "The museum in {place} put a collection of old maps on display in its east wing.",
    "Shopkeepers in {place} said deliveries had arrived on time for the first week since the storm.",
    "A new footbridge over the canal is due to open in the spring, {body} said.",
    "{person} walked through the flooded cellar, pointing out where the water had reached the shelves.",
    "Students at the technical college in {place} built a small wind turbine for the school workshop.",
    "The mayor of {place} told the council that the public pool would stay closed for repairs until summer.",
    "Night trains between {place} and the capital will run again from {day}, the transport ministry said.",
    "Nurses at the clinic in {place} said the waiting room was quieter than in previous weeks.",
    "Workers laid new pipes along the eastern edge of {place}, closing one lane of traffic.",
    "{person} said she planned to reopen her guesthouse once the road was repaired.",
    "In {place}, the weekly market moved indoors to the old grain store for the winter.",
    "{body} said it would replace {n} electricity poles that fell during the storm.",
    "Parents collected their children from the kindergarten early on {day} as the snow grew heavier.",
    "The parish council voted to keep the cemetery gates open later during the summer months.",
    "A delegation from {place} travelled to the capital to present its plan for the harbour to {body}.",
    "{person} counted the sacks of seed in the barn and wrote the totals in a notebook.",
    "The river rose by half a metre overnight and then began to fall, {body} said.",
    "{person} has run the hardware shop in {place} since the previous owner retired.",
    "A team from {body} began mapping the old mine tunnels beneath {place}.",
    "The winter ferry timetable, published on {day}, adds an evening crossing at weekends.",
    "Residents of {place} gathered in the school hall on {day} to hear the plans for the new bypass.",
    "The post office in {place} will close at noon on {day} for staff training.",
    "\"We had the tractors out before sunrise,\" {person} said, standing at the edge of the field.",
    "Farmers near {place} brought their cattle down from the summer pastures earlier than usual.",
    "The planning committee will consider the application for a new supermarket on {day}.",
    "Snowploughs worked through the night to keep the mountain pass open, {body} said.",
    "The book fair in {place} drew readers from the neighbouring towns, {person} said.",
    "A retired engineer, {person}, volunteers twice a week at the repair workshop in {place}.",
    "Pupils in their final year will sit their exams in the sports hall, the head teacher said.",
    "The old railway bridge at {place} was closed to lorries while inspectors checked its supports.",
    "Rain on {day} delayed work on the new health centre, {body} said.",
    "{person} and her neighbours cleared the drainage ditch along their street with shovels.",
    "The first ferry of the morning left {place} on time, carrying commuters and two delivery vans.",
    "The theatre group in {place} is rehearsing a new play about the fishing villages of the coast.",
    "{person} said the school bus had been rerouted around the landslide near {place}.",
    "The orchard owners in {place} hired extra pickers for the last two weeks of the apple season.",
    "A spokesperson for {body} said the bridge would be lit at night from {day}.",
    "\"My grandfather built this wall, and I intend to repair it,\" {person} said.",
    "The regional archive in {place} has begun scanning parish registers from the last century.",
    "Workers from {body} replaced the signs on the coast road, which had faded in the sun.",
    "{person}, a nurse at the district hospital, said the new ward had its own small kitchen.",
    "The ferry company added a second boat on {day} to carry passengers to the island fair.",
    "Teachers in {place} took their classes to the riverbank to measure the speed of the current.",
    "Council workers in {place} planted lime trees along the avenue leading to the station.",
];

/// Sentences that draw findings: loaded language, unattributed claims, single-source.
const FLAGGED: &[&str] = &[
    "Experts say the plan is unlikely to work.",
    "The regime slammed the decision as a sheer joke.",
    "It is widely believed that the vote was delayed on purpose.",
    "One official, who spoke on condition of anonymity, said the order came from the capital.",
    "The incredibly brutal winter left {n} families without heat.",
    "Studies show that most residents want the bridge rebuilt.",
    "Officials in {place} said the road to the coast would reopen on {day}.",
    "The council approved a budget of {n} million for repairs to the water network.",
    "A senior official said the inspection report had been sent back for corrections.",
    "Critics argue that the new timetable favours the larger towns.",
];

/// Scenes without a source: mixed into ordinary paragraphs, and the only company of
/// an allegation (a source in a neighbouring paragraph would corroborate it).
const SCENE: &[&str] = &[
    "Residents queued outside the post office, where pensions were paid in cash.",
    "Buses ran on the winter timetable, with the first departure shortly after dawn.",
    "The market square was full by mid-morning, as traders set out apples, cheese and woollen goods.",
    "Volunteers repainted the community hall and patched the roof before the first snowfall.",
    "Lorries queued at the weighbridge outside {place} for most of the afternoon.",
    "The town band rehearsed in the school gymnasium while the concert hall was being rewired.",
    "Smoke rose from the chimneys of the terraced houses along the canal.",
    "A tractor pulled a trailer of firewood slowly up the hill towards the church.",
    "The cafe by the station stayed open late, its windows misted from the kettles inside.",
    "Gulls circled over the fish market as the boats came in.",
    "Rain fell steadily through the afternoon, and the streets emptied early.",
    "In the evening, the lights of the ferry could be seen from the harbour wall.",
    "The queue at the pharmacy stretched past the bakery and around the corner.",
    "Two men carried a ladder across the square to the clock tower.",
    "By noon the fog had lifted from the valley, and the hills stood out clearly.",
    "A delivery van reversed slowly down the lane, guided by a boy on a bicycle.",
];

/// Contested claims from one source (single-source), each written into a scene.
const ALLEGATIONS: &[&str] = &[
    "{person} alleges that the contractor removed the safety rails a week before the collapse.",
    "{person} claims the landlord cut off the heating to force the tenants out.",
    "{person} said she was pushed to the ground by a guard at the depot.",
];

/// A tiny deterministic generator (xorshift), so drafts are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn fill(template: &str, rng: &mut Rng) -> String {
    template
        .replace("{place}", rng.pick(PLACES))
        .replace("{person}", rng.pick(PEOPLE))
        .replace("{body}", rng.pick(BODIES))
        .replace("{day}", rng.pick(DAYS))
        .replace("{n}", &(2 + rng.next() % 97).to_string())
}

/// One neutral sentence: sourced reporting or a scene.
fn neutral(rng: &mut Rng) -> &'static str {
    let i = (rng.next() % (NEUTRAL.len() + SCENE.len()) as u64) as usize;
    NEUTRAL.get(i).unwrap_or_else(|| &SCENE[i - NEUTRAL.len()])
}

/// Append `sentences` as one paragraph, filled in.
fn paragraph(out: &mut String, sentences: &[&str], rng: &mut Rng) {
    for (i, template) in sentences.iter().enumerate() {
        if i > 0 {
            out.push(if i % 2 == 0 { '\n' } else { ' ' });
        }
        out.push_str(&fill(template, rng));
    }
    out.push_str("\n\n");
}

/// A Markdown draft of about `bytes` bytes.
pub fn markdown_draft(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("# A long report from the valley\n\n");
    let mut count = 0;
    while out.len() < bytes {
        count += 1;
        if count % 12 == 0 {
            out.push_str(&format!("## Part {}\n\n", count / 12));
        }
        if rng.next() % 40 == 0 {
            // An allegation with no other source in its paragraph or the ones around it.
            let sentences = [rng.pick(SCENE), rng.pick(SCENE)];
            paragraph(&mut out, &sentences, &mut rng);
            let sentences = [rng.pick(ALLEGATIONS), rng.pick(SCENE)];
            paragraph(&mut out, &sentences, &mut rng);
            let sentences = [rng.pick(SCENE), rng.pick(SCENE)];
            paragraph(&mut out, &sentences, &mut rng);
            continue;
        }
        let sentences: Vec<&str> = (0..3 + rng.next() % 3)
            .map(|_| {
                // About one sentence in FLAGGED_EVERY draws findings.
                if rng.next() % FLAGGED_EVERY == 0 {
                    rng.pick(FLAGGED)
                } else {
                    neutral(&mut rng)
                }
            })
            .collect();
        paragraph(&mut out, &sentences, &mut rng);
    }
    out
}

/// One sentence in this many is flagged: some 4 findings per thousand words.
const FLAGGED_EVERY: u64 = 18;
