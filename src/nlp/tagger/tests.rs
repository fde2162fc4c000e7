use super::*;
use crate::nlp::conllu;
use crate::nlp::lemma::lemma;
use proptest::prelude::*;

fn upos_of(sentence: &str) -> Vec<(String, &'static str)> {
    let words: Vec<&str> = sentence.split(' ').collect();
    let mut out = Vec::new();
    tagger().tag(&words, &mut out);
    assert_eq!(out.len(), words.len());
    words
        .iter()
        .zip(&out)
        .map(|(w, t)| (w.to_string(), t.upos.as_str()))
        .collect()
}

/// Checks the tags of the clear words of a sentence ("word/UPOS" pairs).
fn expect(sentence: &str, wanted: &[&str]) {
    let tagged = upos_of(sentence);
    for want in wanted {
        let (word, tag) = want.rsplit_once('/').unwrap();
        let found = tagged
            .iter()
            .find(|(w, _)| w == word)
            .unwrap_or_else(|| panic!("{word} not in {sentence}"));
        assert_eq!(found.1, tag, "{word} in {sentence:?}: {tagged:?}");
    }
}

#[test]
fn news_sentences() {
    expect(
        "Officials said on Monday that the bridge would reopen next week .",
        &[
            "Officials/NOUN",
            "said/VERB",
            "on/ADP",
            "Monday/PROPN",
            "the/DET",
            "bridge/NOUN",
            "would/AUX",
            "./PUNCT",
        ],
    );
    expect(
        "The suspect was arrested by police in Chicago on Tuesday , according to a statement .",
        &[
            "was/AUX",
            "arrested/VERB",
            "by/ADP",
            "police/NOUN",
            "Chicago/PROPN",
            "Tuesday/PROPN",
            "statement/NOUN",
        ],
    );
    expect(
        "The company did n't respond to requests for comment .",
        &[
            "did/AUX",
            "n't/PART",
            "respond/VERB",
            "requests/NOUN",
            "comment/NOUN",
        ],
    );
}

#[test]
fn curly_and_straight_quotes() {
    for (open, close, apostrophe) in [("\u{201C}", "\u{201D}", "\u{2019}"), ("\"", "\"", "'")] {
        let sentence = format!(
            "{open} We will not comment , {close} the spokesman said . It {apostrophe}s over ."
        );
        expect(
            &sentence,
            &[
                &format!("{open}/PUNCT"),
                "will/AUX",
                "not/PART",
                "spokesman/NOUN",
                "said/VERB",
                &format!("{apostrophe}s/AUX"),
            ],
        );
    }
}

#[test]
fn headlines_and_lowercase() {
    expect(
        "OFFICIALS SAY THE BRIDGE WILL REOPEN ON MONDAY",
        &[
            "OFFICIALS/NOUN",
            "SAY/VERB",
            "THE/DET",
            "WILL/AUX",
            "REOPEN/VERB",
            "ON/ADP",
        ],
    );
    expect(
        "the mayor said on monday that officials were investigating the fire .",
        &[
            "the/DET",
            "mayor/NOUN",
            "said/VERB",
            "officials/NOUN",
            "were/AUX",
            "investigating/VERB",
            "fire/NOUN",
        ],
    );
}

#[test]
fn odd_input_does_not_panic() {
    let mut out = vec![Tag {
        upos: Upos::X,
        xpos: 0,
    }];
    tagger().tag(&[], &mut out);
    assert!(out.is_empty());
    tagger().tag(&["\u{1F600}"], &mut out);
    assert_eq!(out.len(), 1);
    tagger().tag(
        &[
            "",
            " ",
            "https://example.com/a?b=1",
            "3.5%",
            "\u{0301}",
            "ǅ",
        ],
        &mut out,
    );
    assert_eq!(out.len(), 6);
    let long: Vec<&str> = ["the", "officials", "said", ",", "and"]
        .iter()
        .copied()
        .cycle()
        .take(10_000)
        .collect();
    tagger().tag(&long, &mut out);
    assert_eq!(out.len(), 10_000);
}

proptest! {
    #[test]
    fn random_unicode_words_get_one_tag_each(words in proptest::collection::vec("\\PC{0,12}", 0..40)) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        tagger().tag(&words, &mut out);
        prop_assert_eq!(out.len(), words.len());
        for (w, t) in words.iter().zip(&out) {
            prop_assert!(!tagger().xpos_name(t.xpos).is_empty());
            let _ = lemma(w, t.upos, tagger().xpos_name(t.xpos));
        }
    }
}

#[test]
fn shipped_model_round_trips_and_rejects_corruption() {
    let model = Tagger::from_bytes(SHIPPED).unwrap();
    assert_eq!(model.to_bytes(), SHIPPED);
    for cut in [0, 7, 8, 100, SHIPPED.len() / 2, SHIPPED.len() - 1] {
        assert!(Tagger::from_bytes(&SHIPPED[..cut]).is_err());
    }
    assert_eq!(model.xpos_name(model.xpos_id("VBD").unwrap()), "VBD");
    assert_eq!(model.xpos_name(250), "");
}

#[test]
fn lemmas_with_the_shipped_tables() {
    assert_eq!(lemma("went", Upos::VERB, "VBD"), "go");
    assert_eq!(lemma("said", Upos::VERB, "VBD"), "say");
    assert_eq!(lemma("children", Upos::NOUN, "NNS"), "child");
    assert_eq!(lemma("officials", Upos::NOUN, "NNS"), "official");
    assert_eq!(lemma("\u{2019}s", Upos::AUX, "VBZ"), "be");
    assert_eq!(lemma("n\u{2019}t", Upos::PART, "RB"), "not");
    assert_eq!(lemma("Was", Upos::AUX, "VBD"), "be");
    assert_eq!(lemma("Monday", Upos::PROPN, "NNP"), "Monday");
}

/// A few invented sentences in CoNLL-U (only the columns the tagger reads filled in).
const TINY_TREEBANK: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\tit\tit\tPRON\tPRP\t_\t5\tnsubj\t_\t_
5\tworked\twork\tVERB\tVBD\t_\t3\tccomp\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tfires\tfire\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
5\twere\tbe\tAUX\tVBD\t_\t6\taux\t_\t_
6\tspreading\tspread\tVERB\tVBG\t_\t2\tccomp\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tMaria\tMaria\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tfires\tfire\tVERB\tVBZ\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tminister\tminister\tNOUN\tNN\t_\t2\tobj\t_\t_
5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_
6\tMonday\tMonday\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

#[test]
fn training_is_deterministic_and_fits_its_data() {
    let sentences = conllu::parse(TINY_TREEBANK).unwrap();
    let options = TrainOptions {
        epochs: 8,
        direct_min_count: 3,
        ..TrainOptions::default()
    };
    let first = train(&sentences, &options);
    let second = train(&sentences, &options);
    assert_eq!(first.to_bytes(), second.to_bytes());
    let reread = Tagger::from_bytes(&first.to_bytes()).unwrap();
    let acc = evaluate(&reread, &sentences);
    assert_eq!(acc.upos, acc.words, "UPOS on its own training data");
    assert_eq!(acc.xpos, acc.words, "XPOS on its own training data");
    // "fires" is a noun after "the" and a verb after a name.
    let mut out = Vec::new();
    reread.tag(&["Maria", "fires", "the", "minister", "."], &mut out);
    assert_eq!(out[1].upos, Upos::VERB);
}

#[test]
fn cached_lexemes_change_no_tag_and_follow_the_tagger() {
    let words = ["Officials", "said", "the", "OFFICIALS", "said", "so", "."];
    let fresh = |model: &Tagger| {
        let mut out = Vec::new();
        model.tag_with(&words, &mut Scratch::default(), &mut out);
        out
    };
    let tiny = train(
        &conllu::parse(TINY_TREEBANK).unwrap(),
        &TrainOptions {
            epochs: 4,
            direct_min_count: 3,
            ..TrainOptions::default()
        },
    );
    // One thread's cache, shared by two models in turn: each must read its own sums.
    let mut out = Vec::new();
    for model in [tagger(), &tiny, tagger(), &tiny] {
        model.tag(&words, &mut out);
        assert_eq!(out, fresh(model));
        model.tag(&words, &mut out);
        assert_eq!(out, fresh(model));
    }
}
