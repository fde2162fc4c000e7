//! Every rule has a doc page and examples, and its examples behave as documented.

use truthlens::rules::REGISTRY;
use truthlens::{analyze, Config, Format};

#[test]
fn every_rule_has_a_doc_page_and_examples() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in REGISTRY {
        assert!(
            root.join(rule.doc_path()).is_file(),
            "{} has no {}",
            rule.id,
            rule.doc_path()
        );
        assert!(
            !rule.fires_on.is_empty(),
            "{} has no examples that fire",
            rule.id
        );
        assert!(
            !rule.quiet_on.is_empty(),
            "{} has no examples that stay quiet",
            rule.id
        );
    }
}

#[test]
fn every_rule_fires_on_its_examples_and_stays_quiet_on_the_others() {
    let config = Config::default();
    for rule in REGISTRY {
        for text in rule.fires_on {
            let a = analyze(text, Format::Markdown, &config);
            assert!(
                a.findings.iter().any(|f| f.rule == rule.id),
                "{} should fire on {text:?}",
                rule.id
            );
        }
        for text in rule.quiet_on {
            let a = analyze(text, Format::Markdown, &config);
            let hits: Vec<_> = a.findings.iter().filter(|f| f.rule == rule.id).collect();
            assert!(
                hits.is_empty(),
                "{} should stay quiet on {text:?}, got {hits:?}",
                rule.id
            );
        }
    }
}
