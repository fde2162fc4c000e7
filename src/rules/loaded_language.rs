//! loaded-language: charged, pejorative or puffed-up wording in the writer's own voice.

use super::{Finding, Rule, RuleContext, Severity};

pub static RULE: Rule = Rule {
    id: "loaded-language",
    summary: "Charged, pejorative or puffed-up wording in the writer's own voice",
    default_severity: Severity::Warning,
    check,
    fires_on: &[],
    quiet_on: &[],
};

fn check(_ctx: &RuleContext) -> Vec<Finding> {
    Vec::new()
}
