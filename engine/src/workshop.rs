//! The projector mode's workshop scenario (docs/app.md "Projector mode", docs/scenarios.md
//! "Workshop"): the live levers never write to the plan the board showed when the mode was
//! entered. The first lever click makes a scenario `Workshop <datum>` — a copy of the scenario
//! the board showed (none: the base plan) — and every lever works on it. When the mode is left
//! the changes are in that scenario, and the user chooses: keep it, remove it ("Återställ") or
//! write its changes into the plan the board showed ("Spara i basplanen", [`workshop_save`]).
//!
//! - [`workshop_name`]: the free name "Workshop 2026-12-07" (or "… (2)", "(3)", …).
//! - [`workshop_lever`]: one lever click as one edit (with the scenario's creation on the first
//!   click, so "Ångra" after the first click removes the scenario again).
//! - [`lever_value`]: what a lever target is in a year, as a scenario sees it (the panel's
//!   "Före" and "Nu").
//! - [`workshop_save`]: the edit that writes the workshop's funding and line amounts into the
//!   base plan (or the scenario the workshop was copied from) and removes the workshop.

use rust_decimal::Decimal;

use crate::edit::{apply, Edit};
use crate::levers::{allocation_of, lever_change_line, lever_change_total, resolve, LeverError};
use crate::money::Amount;
use crate::names::names_match;
use crate::plan::{LineId, Plan, ScenarioId, Year};

/// The start of every workshop scenario's name.
pub const WORKSHOP_PREFIX: &str = "Workshop";

/// What a projector lever changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverTarget {
    /// The year's *medelstilldelning* T.
    Total,
    /// One budget line's amount.
    Line(LineId),
}

/// A free scenario name for a workshop on `date` (`ÅÅÅÅ-MM-DD`): `Workshop 2026-12-07`, or
/// `Workshop 2026-12-07 (2)`, `(3)`, … when the plan has a scenario of that name (names
/// compared by the one names rule, docs/allocation.md "Member names").
pub fn workshop_name(plan: &Plan, date: &str) -> String {
    let base = format!("{WORKSHOP_PREFIX} {}", date.trim());
    let free = |c: &str| !plan.scenarios.iter().any(|s| names_match(&s.name, c));
    if free(&base) {
        return base;
    }
    (2..=plan.scenarios.len().saturating_add(2))
        .map(|n| format!("{base} ({n})"))
        .find(|c| free(c))
        .unwrap_or(base)
}

/// The value of `target` in `year` as `scenario` sees it: T (from the year's allocation) or the
/// line's amount (`None` when the line has no amount that year).
pub fn lever_value(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    target: LeverTarget,
) -> Result<Option<Amount>, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    Ok(match target {
        LeverTarget::Total => Some(allocation_of(&resolved, year)?.total),
        LeverTarget::Line(id) => resolved
            .line(id)
            .and_then(|l| l.amounts.get(&year).copied()),
    })
}

/// One lever click of the workshop, as one edit, and the workshop scenario it writes to.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopStep {
    /// The edit (on the first click: adding the scenario, then the lever).
    pub edit: Edit,
    /// The workshop scenario.
    pub scenario: ScenarioId,
    /// True when this click made the scenario.
    pub created: bool,
}

/// One lever click in the workshop: `target` of `year` ± `percent` % (as [`lever_change_total`]
/// and [`lever_change_line`]) in the workshop scenario `workshop`. When there is none yet (or
/// the plan no longer has it), the edit first adds a scenario named [`workshop_name`] of
/// `date`, with the overrides of `origin` (the scenario the board shows; `None` = the base
/// plan), so the board's figures go on from what it showed. The plan the board showed is
/// never changed.
pub fn workshop_lever(
    plan: &Plan,
    origin: Option<ScenarioId>,
    workshop: Option<ScenarioId>,
    date: &str,
    year: Year,
    target: LeverTarget,
    percent: Decimal,
) -> Result<WorkshopStep, LeverError> {
    let lever = |p: &Plan, id: ScenarioId| match target {
        LeverTarget::Total => lever_change_total(p, Some(id), year, percent),
        LeverTarget::Line(line) => lever_change_line(p, Some(id), year, line, percent),
    };
    if let Some(id) = workshop.filter(|id| plan.scenario(*id).is_some()) {
        return Ok(WorkshopStep {
            edit: lever(plan, id)?,
            scenario: id,
            created: false,
        });
    }
    let name = workshop_name(plan, date);
    let add = match origin {
        Some(o) => Edit::duplicate_scenario(plan, o, name)?,
        None => Edit::add_scenario(plan, name),
    };
    let Edit::AddScenario { scenario, .. } = &add else {
        return Err(LeverError::Overflow);
    };
    let id = scenario.id;
    let mut with_workshop = plan.clone();
    apply(&mut with_workshop, &add)?;
    let change = lever(&with_workshop, id)?;
    Ok(WorkshopStep {
        edit: Edit::Compound(vec![add, change]),
        scenario: id,
        created: true,
    })
}

/// "Spara i basplanen": the edit that writes what the workshop scenario changed — its funding
/// of every year and its line amounts, where they differ from `into` — into `into` (`None` =
/// the base plan; else the scenario the workshop was copied from), then removes the workshop.
/// One compound edit, so one undo step. The levers change nothing else, so nothing else is
/// written.
pub fn workshop_save(
    plan: &Plan,
    workshop: ScenarioId,
    into: Option<ScenarioId>,
) -> Result<Edit, LeverError> {
    let w = plan
        .scenario(workshop)
        .ok_or(LeverError::NoScenario(workshop))?;
    let target = match into {
        Some(id) => Some(plan.scenario(id).ok_or(LeverError::NoScenario(id))?),
        None => None,
    };
    let mut edits = Vec::new();
    for (&year, &funding) in &w.overrides.funding {
        let current = match target {
            None => plan.year_inputs.get(&year).map(|i| i.funding),
            Some(s) => s.overrides.funding.get(&year).copied(),
        };
        if current != Some(funding) && plan.years.contains(&year) {
            edits.push(Edit::set_funding(plan, into, year, funding)?);
        }
    }
    for (&line, amounts) in &w.overrides.line_amounts {
        let Some(base) = plan.line(line) else {
            continue;
        };
        for (&year, &amount) in amounts {
            let current = match target {
                None => base.amounts.get(&year).copied(),
                Some(s) => s
                    .overrides
                    .line_amounts
                    .get(&line)
                    .and_then(|m| m.get(&year).copied()),
            };
            if current != Some(amount) {
                edits.push(Edit::set_line_amount(plan, into, line, year, amount)?);
            }
        }
    }
    edits.push(Edit::remove_scenario(plan, workshop)?);
    Ok(Edit::Compound(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::revert;
    use crate::example::example_plan;
    use crate::plan::{FundingInput, Scenario};
    use crate::report::compute_scenario;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn first_line_with_amount(p: &Plan, year: Year) -> LineId {
        p.lines
            .iter()
            .find(|l| l.amounts.get(&year).is_some_and(|a| !a.is_zero()))
            .unwrap()
            .id
    }

    #[test]
    fn workshop_names_are_free() {
        let mut p = example_plan();
        assert_eq!(workshop_name(&p, "2026-12-07"), "Workshop 2026-12-07");
        p.scenarios.push(Scenario {
            id: ScenarioId(9_000),
            name: "workshop 2026-12-07".into(),
            overrides: Default::default(),
        });
        assert_eq!(workshop_name(&p, "2026-12-07"), "Workshop 2026-12-07 (2)");
    }

    #[test]
    fn the_first_click_makes_the_scenario_and_the_base_plan_stays() {
        let p = example_plan();
        let year = p.years[1];
        let before = lever_value(&p, None, year, LeverTarget::Total)
            .unwrap()
            .unwrap();
        let step = workshop_lever(
            &p,
            None,
            None,
            "2026-12-07",
            year,
            LeverTarget::Total,
            d("1"),
        )
        .unwrap();
        assert!(step.created);
        let mut q = p.clone();
        apply(&mut q, &step.edit).unwrap();
        // The board's plan (the base plan) is untouched; the workshop has the change.
        assert_eq!(q.year_inputs, p.year_inputs);
        assert_eq!(q.lines, p.lines);
        let ws = q.scenario(step.scenario).unwrap();
        assert_eq!(ws.name, "Workshop 2026-12-07");
        let after = lever_value(&q, Some(step.scenario), year, LeverTarget::Total)
            .unwrap()
            .unwrap();
        assert!(after > before);
        // The second click writes to the same scenario and makes no new one.
        let line = first_line_with_amount(&q, year);
        let line_before = lever_value(&q, Some(step.scenario), year, LeverTarget::Line(line))
            .unwrap()
            .unwrap();
        let second = workshop_lever(
            &q,
            None,
            Some(step.scenario),
            "2026-12-07",
            year,
            LeverTarget::Line(line),
            d("5"),
        )
        .unwrap();
        assert!(!second.created);
        assert_eq!(second.scenario, step.scenario);
        let mut r = q.clone();
        apply(&mut r, &second.edit).unwrap();
        assert_eq!(r.scenarios.len(), q.scenarios.len());
        let line_after = lever_value(&r, Some(step.scenario), year, LeverTarget::Line(line))
            .unwrap()
            .unwrap();
        assert_eq!(
            line_after,
            Amount(crate::money::round_half_up(
                line_before.value() * d("1.05"),
                0
            ))
        );
        // Undoing the first click removes the scenario again.
        revert(&mut q, &step.edit).unwrap();
        assert_eq!(q, p);
    }

    #[test]
    fn a_workshop_from_a_scenario_goes_on_from_its_figures() {
        let p = example_plan();
        let origin = p.scenarios[0].id;
        let year = p.years[1];
        let shown = lever_value(&p, Some(origin), year, LeverTarget::Total)
            .unwrap()
            .unwrap();
        let step = workshop_lever(
            &p,
            Some(origin),
            None,
            "2026-12-07",
            year,
            LeverTarget::Total,
            d("0"),
        )
        .unwrap();
        let mut q = p.clone();
        apply(&mut q, &step.edit).unwrap();
        assert_eq!(
            lever_value(&q, Some(step.scenario), year, LeverTarget::Total).unwrap(),
            Some(shown)
        );
        assert_eq!(q.scenario(origin), p.scenario(origin), "origin untouched");
    }

    #[test]
    fn saving_writes_the_changes_into_the_base_plan_and_removes_the_workshop() {
        let p = example_plan();
        let year = p.years[1];
        let line = first_line_with_amount(&p, year);
        let mut q = p.clone();
        let a = workshop_lever(&q, None, None, "d", year, LeverTarget::Total, d("1")).unwrap();
        apply(&mut q, &a.edit).unwrap();
        let b = workshop_lever(
            &q,
            None,
            Some(a.scenario),
            "d",
            year,
            LeverTarget::Line(line),
            d("-5"),
        )
        .unwrap();
        apply(&mut q, &b.edit).unwrap();
        let shown = compute_scenario(&q, Some(a.scenario));
        let save = workshop_save(&q, a.scenario, None).unwrap();
        let mut r = q.clone();
        apply(&mut r, &save).unwrap();
        assert!(r.scenario(a.scenario).is_none(), "workshop removed");
        assert_eq!(r.scenarios.len(), p.scenarios.len());
        let saved = compute_scenario(&r, None);
        let y = |rep: &crate::report::Report| {
            rep.years.iter().find(|x| x.year == year).unwrap().clone()
        };
        assert_eq!(y(&saved).total, y(&shown).total);
        assert_eq!(y(&saved).budget.result, y(&shown).budget.result);
        assert!(matches!(
            r.year_inputs.get(&year).unwrap().funding,
            FundingInput::Total(_)
        ));
        // One undo step back to the workshop.
        revert(&mut r, &save).unwrap();
        assert_eq!(r, q);
        assert_eq!(
            workshop_save(&q, ScenarioId(77_777), None),
            Err(LeverError::NoScenario(ScenarioId(77_777)))
        );
    }

    #[test]
    fn saving_into_the_origin_scenario_leaves_the_base_plan() {
        let p = example_plan();
        let origin = p.scenarios[0].id;
        let year = p.years[2];
        let line = first_line_with_amount(&p, year);
        let mut q = p.clone();
        let a = workshop_lever(
            &q,
            Some(origin),
            None,
            "d",
            year,
            LeverTarget::Line(line),
            d("5"),
        )
        .unwrap();
        apply(&mut q, &a.edit).unwrap();
        let save = workshop_save(&q, a.scenario, Some(origin)).unwrap();
        let mut r = q.clone();
        apply(&mut r, &save).unwrap();
        assert_eq!(r.lines, p.lines, "base plan untouched");
        assert_eq!(r.year_inputs, p.year_inputs);
        assert_eq!(
            lever_value(&r, Some(origin), year, LeverTarget::Line(line)).unwrap(),
            lever_value(&q, Some(a.scenario), year, LeverTarget::Line(line)).unwrap()
        );
    }
}
