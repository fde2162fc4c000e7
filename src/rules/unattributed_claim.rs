//! unattributed-claim: a claim that gestures at a source without naming one.

use super::{Finding, Rule, RuleContext, Severity};

pub static RULE: Rule = Rule {
    id: "unattributed-claim",
    summary: "A claim that gestures at a source without naming one",
    default_severity: Severity::Warning,
    check,
    fires_on: &[],
    quiet_on: &[],
};

fn check(_ctx: &RuleContext) -> Vec<Finding> {
    Vec::new()
}
