use super::system::{self, State, MOVES};
use super::*;
use crate::nlp::conllu;
use proptest::prelude::*;

/// Parses with the shipped model; `tagged` is "word/UPOS/XPOS ...".
fn parse(tagged: &str) -> (Vec<String>, Parse) {
    let items: Vec<Vec<&str>> = tagged.split(' ').map(|t| t.split('/').collect()).collect();
    let words: Vec<&str> = items.iter().map(|t| t[0]).collect();
    let upos: Vec<Upos> = items.iter().map(|t| Upos::parse(t[1]).unwrap()).collect();
    let xpos: Vec<&str> = items.iter().map(|t| t[2]).collect();
    let parse = parser().parse(&words, &upos, &xpos).unwrap();
    (words.iter().map(|w| w.to_string()).collect(), parse)
}

fn at(words: &[String], w: &str) -> usize {
    words.iter().position(|x| x == w).unwrap()
}

#[test]
fn the_shipped_model_decodes() {
    assert!(Parser::from_bytes(MODEL).is_ok());
    assert!(parser().feature_counts().0 > 0);
}

#[test]
fn reported_speech_with_a_passive_complement() {
    let (w, p) = parse(
        "The/DET/DT mayor/NOUN/NN said/VERB/VBD the/DET/DT budget/NOUN/NN was/AUX/VBD approved/VERB/VBN ./PUNCT/.",
    );
    let (said, approved) = (at(&w, "said"), at(&w, "approved"));
    assert_eq!(p.root(), Some(said));
    assert_eq!(p.subject(said), Some(at(&w, "mayor")));
    assert_eq!(p.deprel(at(&w, "mayor")).name(), "nsubj");
    assert_eq!(p.clausal_complement(said), Some(approved));
    assert_eq!(p.subject(approved), Some(at(&w, "budget")));
    assert_eq!(p.deprel(at(&w, "budget")).name(), "nsubj:pass");
    assert!(p.is_passive(approved));
    assert_eq!(p.span(approved), (3, 6));
}

#[test]
fn a_passive_with_a_by_agent() {
    let (w, p) = parse(
        "The/DET/DT bill/NOUN/NN was/AUX/VBD passed/VERB/VBN by/ADP/IN the/DET/DT city/NOUN/NN council/NOUN/NN ./PUNCT/.",
    );
    let passed = at(&w, "passed");
    let refs: Vec<&str> = w.iter().map(String::as_str).collect();
    assert_eq!(p.root(), Some(passed));
    assert!(p.deprel(at(&w, "bill")).is_passive_subject());
    assert_eq!(p.agent(passed, &refs), Some(at(&w, "council")));
    assert_eq!(p.deprel(at(&w, "council")).name(), "obl:agent");
    assert_eq!(p.span(at(&w, "council")), (4, 7));
}

#[test]
fn a_headline_without_articles() {
    let (w, p) = parse("Mayor/NOUN/NN slams/VERB/VBZ council/NOUN/NN budget/NOUN/NN plan/NOUN/NN");
    let slams = at(&w, "slams");
    assert_eq!(p.root(), Some(slams));
    assert_eq!(p.subject(slams), Some(at(&w, "Mayor")));
    assert_eq!(p.object(slams), Some(at(&w, "plan")));
    assert_eq!(p.deprel(at(&w, "budget")).name(), "compound");
}

#[test]
fn an_object_and_a_that_clause() {
    let (w, p) = parse("Police/NOUN/NNS arrested/VERB/VBD two/NUM/CD men/NOUN/NNS on/ADP/IN Friday/PROPN/NNP ./PUNCT/.");
    let arrested = at(&w, "arrested");
    assert_eq!(p.subject(arrested), Some(0));
    assert_eq!(p.object(arrested), Some(at(&w, "men")));
    assert_eq!(p.deprel(at(&w, "Friday")).name(), "obl");

    let (w, p) = parse(
        "The/DET/DT company/NOUN/NN said/VERB/VBD that/SCONJ/IN the/DET/DT plant/NOUN/NN would/AUX/MD close/VERB/VB ./PUNCT/.",
    );
    let (said, close) = (at(&w, "said"), at(&w, "close"));
    assert_eq!(p.clausal_complement(said), Some(close));
    assert_eq!(p.children(close).collect::<Vec<_>>(), vec![3, 5, 6]);
    assert_eq!(p.deprel(at(&w, "that")).name(), "mark");
    assert_eq!(p.span(close), (3, 7));
}

fn check_tree(parse: &Parse, n: usize) {
    assert_eq!(parse.len(), n);
    let roots = parse.arcs.iter().filter(|a| a.head == 0).count();
    assert_eq!(roots, usize::from(n > 0));
    for (i, a) in parse.arcs.iter().enumerate() {
        assert!(a.head as usize <= n && a.head as usize != i + 1);
        assert_eq!(a.head == 0, a.deprel == Deprel::ROOT);
    }
    // Acyclic: every word reaches the root within n steps.
    for i in 0..n {
        let mut w = Some(i);
        for _ in 0..=n {
            w = w.and_then(|x| parse.head(x));
        }
        assert_eq!(w, None);
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let p = parser();
    assert!(p.parse(&[], &[], &[]).unwrap().is_empty());
    check_tree(&p.parse(&["Hello"], &[Upos::INTJ], &["UH"]).unwrap(), 1);
    let words = ["🎉", "北京", "", " ", "\u{0}", "x̃̃̃̃̃̃", &"ab".repeat(500)];
    check_tree(
        &p.parse(
            &words,
            &[Upos::X; 7],
            &["", "NNP", "", "??", "\u{0}", "🎉", "NN"],
        )
        .unwrap(),
        7,
    );
    let long: Vec<&str> = (0..500)
        .map(|i| ["the", "cat", "sat", ",", "and"][i % 5])
        .collect();
    check_tree(
        &p.parse(&long, &[Upos::NOUN; 500], &["NN"; 500]).unwrap(),
        500,
    );
    assert!(p.parse(&["a", "b"], &[Upos::DET], &["DT", "NN"]).is_err());
    let empty = Parser::untrained();
    check_tree(
        &empty
            .parse(&["a", "b", "c"], &[Upos::X; 3], &["", "", ""])
            .unwrap(),
        3,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn random_input_gives_a_tree(words in proptest::collection::vec("\\PC{0,12}", 0..60), tag in 0usize..17) {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let upos: Vec<Upos> = (0..words.len()).map(|i| Upos::ALL[(i + tag) % 17]).collect();
        let parse = parser().parse(&refs, &upos, &refs).unwrap();
        check_tree(&parse, words.len());
    }
}

/// A tiny invented treebank (not corpus text).
const TINY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\ttaxes\ttax\tNOUN\tNNS\t_\t6\tnsubj:pass\t_\t_
5\twere\tbe\tAUX\tVBD\t_\t6\taux:pass\t_\t_
6\tcut\tcut\tVERB\tVBN\t_\t3\tccomp\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tbridge\tbridge\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tbuilt\tbuild\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tarmy\tarmy\tNOUN\tNN\t_\t4\tobl:agent\t_\t_
8\tin\tin\tADP\tIN\t_\t9\tcase\t_\t_
9\t1990\t1990\tNUM\tCD\t_\t4\tobl\t_\t_
10\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tVoters\tvoter\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\trejected\treject\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
4\tnew\tnew\tADJ\tJJ\t_\t5\tamod\t_\t_
5\tplan\tplan\tNOUN\tNN\t_\t2\tobj\t_\t_
6\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_
7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_
8\tmayor\tmayor\tNOUN\tNN\t_\t5\tconj\t_\t_
9\twho\twho\tPRON\tWP\t_\t10\tnsubj\t_\t_
10\tbacked\tback\tVERB\tVBD\t_\t8\tacl:relcl\t_\t_
11\tit\tit\tPRON\tPRP\t_\t10\tobj\t_\t_
12\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tPrices\tprice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\trose\trise\tVERB\tVBD\t_\t0\troot\t_\t_
3\tsharply\tsharply\tADV\tRB\t_\t2\tadvmod\t_\t_
4\t,\t,\tPUNCT\t,\t_\t6\tpunct\t_\t_
5\tofficials\tofficial\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
6\tsaid\tsay\tVERB\tVBD\t_\t2\tparataxis\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

fn tiny() -> Vec<conllu::Sentence> {
    conllu::parse(TINY).unwrap()
}

#[test]
fn the_oracle_reproduces_every_projective_gold_tree() {
    for s in tiny() {
        let gold = system::oracle_heads(&s.words.iter().map(|w| w.head).collect::<Vec<_>>());
        let mut st = State::new(gold.len());
        while !st.is_terminal() {
            let m = MOVES
                .iter()
                .copied()
                .find(|&m| st.is_valid(m) && st.cost(m, &gold) == 0);
            st.apply(m.expect("a zero-cost move"), Deprel::ROOT);
        }
        assert_eq!(st.heads, gold);
    }
}

#[test]
fn projectivize_lifts_a_crossing_arc() {
    // 0 -> 2 crosses 1 -> 3 (heads 0-based, root = 4).
    let mut heads = vec![2, 4, 1, 1];
    system::projectivize(&mut heads);
    assert_eq!(heads, vec![1, 4, 1, 1]);
}

#[test]
fn training_is_deterministic_and_learns_its_sentences() {
    let data = tiny();
    let options = TrainOptions {
        epochs: 12,
        ..TrainOptions::default()
    };
    let (a, b) = (
        train(&data, &options).to_bytes(),
        train(&data, &options).to_bytes(),
    );
    assert_eq!(a, b);
    let model = Parser::from_bytes(&a).unwrap();
    let scores = evaluate(&model, &data);
    assert_eq!((scores.uas, scores.las_full), (100.0, 100.0));
}

#[test]
fn truncated_models_are_errors() {
    let bytes = train(
        &tiny(),
        &TrainOptions {
            epochs: 1,
            ..TrainOptions::default()
        },
    )
    .to_bytes();
    for cut in [0, 4, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(Parser::from_bytes(&bytes[..cut]).is_err());
    }
}
