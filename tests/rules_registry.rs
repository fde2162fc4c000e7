//! Every rule has a doc page and examples, and its examples behave as documented.

use truthlens::rules::{on_by_default, REGISTRY};
use truthlens::{analyze, Config, Format};

/// The default configuration, with every opt-in rule turned on.
fn all_rules_on() -> Config {
    let mut toml = String::new();
    for rule in REGISTRY.iter().filter(|r| !on_by_default(r.id)) {
        toml.push_str(&format!("[rules.\"{}\"]\nenabled = true\n", rule.id));
    }
    Config::parse(&toml, std::path::Path::new("all.toml")).unwrap()
}

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
    let config = all_rules_on();
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

#[test]
fn opt_in_rules_stay_quiet_by_default() {
    let config = Config::default();
    for rule in REGISTRY.iter().filter(|r| !on_by_default(r.id)) {
        assert!(!config.rule_enabled(rule.id));
        for text in rule.fires_on {
            let a = analyze(text, Format::Markdown, &config);
            assert!(
                a.findings.iter().all(|f| f.rule != rule.id),
                "{} is on by default",
                rule.id
            );
        }
    }
}
