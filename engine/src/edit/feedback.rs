//! What an edit did, for the message the app shows after it (docs/app.md, "Meddelanden").

use crate::edit::Edit;
use crate::plan::{Plan, ScenarioId};

/// How many budget figures `edit` replaces on `plan` as `scenario` shows them: line amounts
/// that had a value (typed in the base plan or in the scenario) which the edit changes or
/// clears. An empty cell that gets a value is not counted. Call it before applying the edit.
pub fn replaced_line_amounts(plan: &Plan, scenario: Option<ScenarioId>, edit: &Edit) -> usize {
    let shown = plan.resolved(scenario);
    let mut count = 0usize;
    count_replaced(&shown, edit, &mut count);
    count
}

fn count_replaced(shown: &Plan, edit: &Edit, count: &mut usize) {
    match edit {
        Edit::SetLineAmount {
            line, year, new, ..
        } => {
            let before = shown.line(*line).and_then(|l| l.amounts.get(year)).copied();
            if before.is_some() && before != *new {
                *count = count.saturating_add(1);
            }
        }
        Edit::Compound(edits) => {
            for e in edits {
                count_replaced(shown, e, count);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::Lever;
    use crate::money::Amount;
    use crate::plan::{BudgetLine, Category, LineId, Scenario};

    fn plan() -> Plan {
        let mut p = Plan::empty("T", 2025, 2);
        let mut a = BudgetLine::new(LineId(1), "Team", Some(Category::Individinsatser));
        a.amounts.insert(2025, Amount::kr(100_000));
        a.amounts.insert(2026, Amount::kr(90_000));
        let mut b = BudgetLine::new(LineId(2), "Kansli", Some(Category::Kansli));
        b.amounts.insert(2025, Amount::kr(12_345));
        let mut c = BudgetLine::new(LineId(3), "Ny 2026", Some(Category::Styrelse));
        c.amounts.insert(2026, Amount::kr(5_000));
        let mut d = BudgetLine::new(LineId(4), "Samma", Some(Category::Styrelse));
        d.amounts.insert(2025, Amount::kr(7));
        d.amounts.insert(2026, Amount::kr(7));
        p.lines.extend([a, b, c, d]);
        p.scenarios.push(Scenario {
            id: ScenarioId(9),
            name: "S".into(),
            overrides: Default::default(),
        });
        p.next_id = 10;
        p
    }

    #[test]
    fn copy_forward_counts_the_typed_figures_it_replaces() {
        let p = plan();
        let lever = Lever::CopyForward { year: 2025 };
        // Team 90 000 → 100 000 and "Ny 2026" 5 000 → empty are replaced; Kansli's empty 2026
        // cell gets a value (not a replacement); "Samma" is unchanged.
        let edit = lever.edit(&p, None).unwrap();
        assert_eq!(replaced_line_amounts(&p, None, &edit), 2);
        // In a scenario the base plan's figures are the ones shown, and replaced.
        let edit = lever.edit(&p, Some(ScenarioId(9))).unwrap();
        assert_eq!(replaced_line_amounts(&p, Some(ScenarioId(9)), &edit), 2);
    }
}
