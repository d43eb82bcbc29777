//! Replays every crash input kept in `fuzz/regressions/<target>/` (found by `samplan-fuzz`)
//! and asserts that none of them panics any more.

use samplan_fuzz::{check, regressions, Target};

fn replay(target: Target) {
    let mut failures = Vec::new();
    for (name, input) in regressions(target) {
        if let Err(crash) = check(target, &input) {
            failures.push(format!("fuzz/regressions/{target}/{name}: {crash}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn plan_file() {
    replay(Target::PlanFile);
}

#[test]
fn members_csv() {
    replay(Target::MembersCsv);
}

#[test]
fn budget_csv() {
    replay(Target::BudgetCsv);
}

#[test]
fn outcome_csv() {
    replay(Target::OutcomeCsv);
}

#[test]
fn number() {
    replay(Target::Number);
}

#[test]
fn compute() {
    replay(Target::Compute);
}

#[test]
fn seeds_run_without_panics() {
    for target in Target::ALL {
        for (i, seed) in samplan_fuzz::seeds(target).iter().enumerate() {
            if let Err(crash) = check(target, seed) {
                // Kept crash inputs are seeds too; they are checked above.
                let kept = regressions(target).iter().any(|(_, b)| b == seed);
                assert!(kept, "{target} seed {i}: {crash}");
            }
        }
    }
}
