//! single-source: a claim or article that rests on one source.

use super::{Finding, Rule, RuleContext, Severity};

pub static RULE: Rule = Rule {
    id: "single-source",
    summary: "A claim or article that rests on one source",
    default_severity: Severity::Warning,
    check,
    fires_on: &[],
    quiet_on: &[],
};

fn check(_ctx: &RuleContext) -> Vec<Finding> {
    Vec::new()
}
