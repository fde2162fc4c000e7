//! Synthetic news drafts for benchmarks, built from the project's own sentence templates.
//!
//! Mostly neutral reporting, with quotes, headings and attributions, and findings
//! sprinkled at a realistic density (a few per thousand words). Deterministic.

const PLACES: &[&str] = &[
    "Marrow Bridge",
    "Eastfield",
    "Port Alder",
    "Kessel",
    "the Valen valley",
    "Lower Dunmore",
];
const PEOPLE: &[&str] = &[
    "Ana Petrova",
    "Tomas Reyes",
    "Lina Okafor",
    "Sofia Lindqvist",
    "Ilse Marchetti",
    "Corwin Aldana",
];
const BODIES: &[&str] = &[
    "the regional council",
    "the health office",
    "the mediation council",
    "the transport ministry",
    "the relief agency",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const NEUTRAL: &[&str] = &[
    "Officials in {place} said the road to the coast would reopen on {day}.",
    "{person}, who has lived in {place} for twenty years, said the market had been quiet since the weekend.",
    "The council approved a budget of {n} million for repairs to the water network.",
    "Trucks carrying flour and fuel crossed the bridge at dawn, according to {body}.",
    "Schools in {place} will hold classes in shifts until the heating is repaired.",
    "\"We are counting every house, one street at a time,\" {person} said.",
    "The ferry made {n} crossings before dark, and volunteers unloaded crates at the landing.",
    "A spokesperson for {body} said inspectors would visit the site next week.",
    "Farmers in {place} planted late this year because the spring rains came in May.",
    "The report, published by {body} on {day}, lists {n} projects that remain unfinished.",
    "Residents queued outside the post office, where pensions were paid in cash.",
    "{person} told reporters that the talks would resume after the holiday.",
];

const FLAGGED: &[&str] = &[
    "Experts say the plan is unlikely to work.",
    "The regime slammed the decision as a sheer joke.",
    "It is widely believed that the vote was delayed on purpose.",
    "One official, who spoke on condition of anonymity, said the order came from the capital.",
    "The incredibly brutal winter left {n} families without heat.",
    "Studies show that most residents want the bridge rebuilt.",
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

/// A Markdown draft of about `bytes` bytes.
pub fn markdown_draft(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("# A long report from the valley\n\n");
    let mut paragraph = 0;
    while out.len() < bytes {
        paragraph += 1;
        if paragraph % 12 == 0 {
            out.push_str(&format!("## Part {}\n\n", paragraph / 12));
        }
        let sentences = 3 + rng.next() % 3;
        for i in 0..sentences {
            // Roughly one flagged sentence in 25: a few findings per thousand words.
            let template = if rng.next() % 25 == 0 {
                rng.pick(FLAGGED)
            } else {
                rng.pick(NEUTRAL)
            };
            if i > 0 {
                out.push(if i % 2 == 0 { '\n' } else { ' ' });
            }
            out.push_str(&fill(template, &mut rng));
        }
        out.push_str("\n\n");
    }
    out
}
