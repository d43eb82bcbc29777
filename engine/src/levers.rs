//! Scenario quick levers (docs/scenarios.md, 4.1 *Scenarier*): one-click "what if" changes that return an
//! ordinary [`Edit`], so they are applied, undone and redone like any other change.
//!
//! Every lever is scenario-aware: with `scenario = None` it edits the base plan, with
//! `Some(id)` it writes that scenario's overrides and leaves the base plan alone. The current
//! values are read from the plan as the scenario sees it ([`Plan::resolved`]).
//!
//! - [`lever_change_total`]: the year's *medelstilldelning* T ± x % (rounded half-up to the
//!   rounding unit), set as a total.
//! - [`lever_change_state`]: the state's amount S ± x % (rounded half-up to the rounding unit),
//!   set as the state amount (T = S / state share), e.g. "Staten −10 %".
//! - [`lever_index_lines`]: every budget line's amount of a year ± x %, each rounded half-up to
//!   whole kronor (one [`Edit::Compound`]).
//! - [`lever_copy_forward`]: the line amounts of a year copied to the next plan year (one
//!   [`Edit::Compound`]).
//! - [`lever_change_line`]: one budget line's amount of a year ± x %, rounded half-up to whole
//!   kronor (the projector mode's lever panel).
//! - [`lever_restore`]: the edit that brings the funding and the line amounts back to an
//!   earlier copy of the plan (the projector's levers now work on a workshop scenario instead,
//!   [`crate::workshop`]).
//!
//! [`Lever`] names the same operations as data, for a menu.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::allocation::{AllocationError, Party};
use crate::edit::{Edit, EditError};
use crate::format::format_decimal;
use crate::money::{round_half_up, round_half_up_to, Amount};
use crate::plan::{FundingInput, LineId, Plan, ScenarioId, Year};

/// Why a lever cannot make its edit. Messages are Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LeverError {
    /// The year is not one of the plan's years.
    #[error("året {0} finns inte i planen")]
    NoYear(Year),
    /// Copy forward from the plan's last year.
    #[error("{0} är planens sista år; det finns inget år efter att kopiera till")]
    LastYear(Year),
    /// No scenario with this id.
    #[error("scenariot finns inte i planen")]
    NoScenario(ScenarioId),
    /// The percentage would make an amount negative (below −100 %).
    #[error("en ändring med {} % ger ett negativt belopp", format_decimal(*.0, 2))]
    NegativePercent(Decimal),
    /// The year's allocation cannot be computed, so there is no current amount to change.
    #[error("medelstilldelningen för {year} kan inte räknas fram: {error}")]
    Allocation {
        /// The year.
        year: Year,
        /// Why.
        error: AllocationError,
    },
    /// An edit could not be built.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The amounts are too large to compute with.
    #[error("beloppen är för stora att räkna med")]
    Overflow,
    /// The line has no amount in the year, so there is nothing to change by a percentage.
    #[error("posten har inget belopp för {0}")]
    NoAmount(Year),
}

/// A quick lever as data (for a menu in the *Scenarier* view).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lever {
    /// T of `year` ± `percent` %.
    ChangeTotal {
        /// The year.
        year: Year,
        /// Percent points, e.g. −10.
        percent: Decimal,
    },
    /// The state's amount of `year` ± `percent` %.
    ChangeState {
        /// The year.
        year: Year,
        /// Percent points, e.g. −10.
        percent: Decimal,
    },
    /// Every line amount of `year` ± `percent` %.
    IndexLines {
        /// The year.
        year: Year,
        /// Percent points, e.g. 2.
        percent: Decimal,
    },
    /// The line amounts of `year` copied to the next plan year.
    CopyForward {
        /// The year copied from.
        year: Year,
    },
}

impl Lever {
    /// The edit this lever makes on `plan` in `scenario` (`None` = base plan).
    pub fn edit(&self, plan: &Plan, scenario: Option<ScenarioId>) -> Result<Edit, LeverError> {
        match *self {
            Lever::ChangeTotal { year, percent } => {
                lever_change_total(plan, scenario, year, percent)
            }
            Lever::ChangeState { year, percent } => {
                lever_change_state(plan, scenario, year, percent)
            }
            Lever::IndexLines { year, percent } => lever_index_lines(plan, scenario, year, percent),
            Lever::CopyForward { year } => lever_copy_forward(plan, scenario, year),
        }
    }

    /// A Swedish description, e.g. `Medelstilldelning 2026 −10 %`.
    pub fn label(&self) -> String {
        let pct = |p: Decimal| {
            let sign = if p.is_sign_negative() && !p.is_zero() {
                ""
            } else {
                "+"
            };
            let dp = if p.fract().is_zero() { 0 } else { 2 };
            format!("{sign}{}\u{a0}%", format_decimal(p, dp))
        };
        match *self {
            Lever::ChangeTotal { year, percent } => {
                format!("Medelstilldelning {year} {}", pct(percent))
            }
            Lever::ChangeState { year, percent } => format!("Staten {year} {}", pct(percent)),
            Lever::IndexLines { year, percent } => {
                format!("Alla poster {year} {}", pct(percent))
            }
            Lever::CopyForward { year } => format!("Kopiera posterna {year} till nästa år"),
        }
    }
}

/// Checks the scenario and the year; returns the plan as the scenario sees it.
pub(crate) fn resolve(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
) -> Result<Plan, LeverError> {
    if let Some(id) = scenario {
        plan.scenario(id).ok_or(LeverError::NoScenario(id))?;
    }
    if !plan.years.contains(&year) {
        return Err(LeverError::NoYear(year));
    }
    Ok(plan.resolved(scenario))
}

/// `value × (100 + percent) / 100`, exact; refuses percentages below −100.
fn scale(value: Decimal, percent: Decimal) -> Result<Decimal, LeverError> {
    if percent < -Decimal::ONE_HUNDRED {
        return Err(LeverError::NegativePercent(percent));
    }
    Decimal::ONE_HUNDRED
        .checked_add(percent)
        .and_then(|f| value.checked_mul(f))
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .ok_or(LeverError::Overflow)
}

/// The year's allocation in the resolved plan.
pub(crate) fn allocation_of(
    resolved: &Plan,
    year: Year,
) -> Result<crate::allocation::Allocation, LeverError> {
    resolved
        .allocations()
        .into_iter()
        .find(|(y, _)| *y == year)
        .ok_or(LeverError::NoYear(year))?
        .1
        .map_err(|error| LeverError::Allocation { year, error })
}

/// Changes the *medelstilldelning* T of `year` by `percent` % (e.g. `-10`): the new T is the
/// current T (as `scenario` sees it) × (100 + percent) / 100, rounded half-up to the plan's
/// rounding unit, and is set as a total (replacing a state amount or "previous year + x %"
/// input for that year; following "previous + x %" years build on it).
pub fn lever_change_total(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    percent: Decimal,
) -> Result<Edit, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    let total = allocation_of(&resolved, year)?.total;
    let unit = resolved.settings.unit.value();
    let new = Amount(round_half_up_to(scale(total.value(), percent)?, unit));
    Ok(Edit::set_funding(
        plan,
        scenario,
        year,
        FundingInput::Total(new),
    )?)
}

/// Changes the state's amount S of `year` by `percent` % (e.g. `-10` for "Staten −10 %"): the
/// new S is the current state amount × (100 + percent) / 100, rounded half-up to the plan's
/// rounding unit, and is set as the year's state amount, so T = S / state share follows. (With
/// a state share other than 50 % the resulting T may not be a multiple of a 100 or 1 000 kr
/// rounding unit; the allocation then reports it.)
pub fn lever_change_state(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    percent: Decimal,
) -> Result<Edit, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    if resolved.settings.shares.staten.is_zero() {
        return Err(LeverError::Allocation {
            year,
            error: AllocationError::StateShareZero,
        });
    }
    let allocation = allocation_of(&resolved, year)?;
    let state = allocation
        .party(Party::Staten)
        .map(|p| p.amount)
        .unwrap_or_default();
    let unit = resolved.settings.unit.value();
    let new = Amount(round_half_up_to(scale(state.value(), percent)?, unit));
    Ok(Edit::set_funding(
        plan,
        scenario,
        year,
        FundingInput::State(new),
    )?)
}

/// Indexes every budget line's amount of `year` by `percent` % (e.g. `2` for a 2 % price
/// index): each amount (as `scenario` sees it) × (100 + percent) / 100, rounded half-up to whole
/// kronor. Lines without an amount that year are left alone. One compound edit; unchanged
/// amounts produce no step inside it.
pub fn lever_index_lines(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    percent: Decimal,
) -> Result<Edit, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    let mut edits = Vec::new();
    for line in &resolved.lines {
        let Some(current) = line.amounts.get(&year) else {
            continue;
        };
        let new = Amount(round_half_up(scale(current.value(), percent)?, 0));
        if new != *current {
            edits.push(Edit::set_line_amount(plan, scenario, line.id, year, new)?);
        }
    }
    Ok(Edit::Compound(edits))
}

/// Copies the line amounts of `year` to the next plan year (as `scenario` sees them). A line
/// with no amount in `year` gets no amount the next year: in the base plan the cell is cleared;
/// in a scenario its override is removed when the base plan has no amount either, else set to 0.
/// One compound edit; unchanged amounts produce no step inside it.
pub fn lever_copy_forward(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
) -> Result<Edit, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    let position = plan.years.iter().position(|y| *y == year);
    let next = position
        .and_then(|i| plan.years.get(i.saturating_add(1)))
        .copied()
        .ok_or(LeverError::LastYear(year))?;
    let mut edits = Vec::new();
    for line in &resolved.lines {
        let source = line.amounts.get(&year).copied();
        let target = line.amounts.get(&next).copied();
        if source == target {
            continue;
        }
        match (source, scenario) {
            (Some(a), _) => edits.push(Edit::set_line_amount(plan, scenario, line.id, next, a)?),
            (None, None) => edits.push(Edit::clear_line_amount(plan, None, line.id, next)?),
            (None, Some(_)) => {
                let base_has = plan
                    .line(line.id)
                    .is_some_and(|l| l.amounts.contains_key(&next));
                let edit = if base_has {
                    Edit::set_line_amount(plan, scenario, line.id, next, Amount::ZERO)?
                } else {
                    Edit::clear_line_amount(plan, scenario, line.id, next)?
                };
                edits.push(edit);
            }
        }
    }
    Ok(Edit::Compound(edits))
}

/// Changes one budget line's amount of `year` by `percent` % (e.g. `5`): the amount (as
/// `scenario` sees it) × (100 + percent) / 100, rounded half-up to whole kronor. A line with no
/// amount that year is refused ([`LeverError::NoAmount`]).
pub fn lever_change_line(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    year: Year,
    line: LineId,
    percent: Decimal,
) -> Result<Edit, LeverError> {
    let resolved = resolve(plan, scenario, year)?;
    let current = resolved
        .line(line)
        .ok_or(EditError::NoLine(line))?
        .amounts
        .get(&year)
        .copied()
        .ok_or(LeverError::NoAmount(year))?;
    let new = Amount(round_half_up(scale(current.value(), percent)?, 0));
    Ok(Edit::set_line_amount(plan, scenario, line, year, new)?)
}

/// The edit that brings `plan` back to `original` for everything a lever changes: the funding
/// input of every year (in `scenario`: its funding overrides) and every line's amounts (in
/// `scenario`: its line overrides), for the years and lines both copies have. One compound
/// edit (empty when nothing differs), so "Återställ" is one undo step.
pub fn lever_restore(
    original: &Plan,
    plan: &Plan,
    scenario: Option<ScenarioId>,
) -> Result<Edit, LeverError> {
    let mut edits = Vec::new();
    let years: Vec<Year> = plan
        .years
        .iter()
        .copied()
        .filter(|y| original.years.contains(y))
        .collect();
    let funding = |p: &Plan, year: Year| -> Option<FundingInput> {
        match scenario {
            None => p.year_inputs.get(&year).map(|i| i.funding),
            Some(id) => p
                .scenario(id)
                .and_then(|s| s.overrides.funding.get(&year).copied()),
        }
    };
    let amount = |p: &Plan, line: LineId, year: Year| -> Option<Amount> {
        match scenario {
            None => p.line(line).and_then(|l| l.amounts.get(&year).copied()),
            Some(id) => p.scenario(id).and_then(|s| {
                s.overrides
                    .line_amounts
                    .get(&line)
                    .and_then(|m| m.get(&year).copied())
            }),
        }
    };
    if let Some(id) = scenario {
        plan.scenario(id).ok_or(LeverError::NoScenario(id))?;
        if original.scenario(id).is_none() {
            return Ok(Edit::Compound(edits));
        }
    }
    for &year in &years {
        let (was, now) = (funding(original, year), funding(plan, year));
        if was != now {
            match (was, scenario) {
                (Some(f), _) => edits.push(Edit::set_funding(plan, scenario, year, f)?),
                (None, Some(id)) => edits.push(Edit::clear_funding_override(plan, id, year)?),
                // The base plan's year had no input in the copy: nothing to go back to.
                (None, None) => {}
            }
        }
    }
    for line in &plan.lines {
        if original.line(line.id).is_none() {
            continue;
        }
        for &year in &years {
            let (was, now) = (amount(original, line.id, year), amount(plan, line.id, year));
            if was != now {
                edits.push(match was {
                    Some(a) => Edit::set_line_amount(plan, scenario, line.id, year, a)?,
                    None => Edit::clear_line_amount(plan, scenario, line.id, year)?,
                });
            }
        }
    }
    Ok(Edit::Compound(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::{Key, MemberKind, RoundingUnit};
    use crate::edit::{apply, revert};
    use crate::plan::{BudgetLine, Category, KeyValues, LineId, Member, MemberId, Scenario};
    use crate::report::compute_scenario;
    use std::collections::BTreeMap;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// 2025–2027, T 19 038 000 in 2025 then "previous + 0 %", two lines, one scenario.
    fn plan() -> Plan {
        let mut p = Plan::empty("Test", 2025, 2);
        p.year_inputs.get_mut(&2025).unwrap().funding = FundingInput::Total(Amount::kr(19_038_000));
        p.settings.kommun_key = Key::single(crate::allocation::KeyMethod::Equal);
        let id = MemberId(p.fresh_id());
        p.members.push(Member {
            id,
            name: "Kommunen".into(),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values: BTreeMap::from([(2025, KeyValues::default())]),
        });
        let mut a = BudgetLine::new(
            LineId(p.fresh_id()),
            "Team",
            Some(Category::Individinsatser),
        );
        a.amounts.insert(2025, Amount::kr(100_000));
        a.amounts.insert(2026, Amount::kr(90_000));
        let mut b = BudgetLine::new(LineId(p.fresh_id()), "Kansli", Some(Category::Kansli));
        b.amounts.insert(2025, Amount::kr(12_345));
        let mut c = BudgetLine::new(LineId(p.fresh_id()), "Ny 2026", Some(Category::Styrelse));
        c.amounts.insert(2026, Amount::kr(5_000));
        p.lines.extend([a, b, c]);
        let sid = ScenarioId(p.fresh_id());
        p.scenarios.push(Scenario {
            id: sid,
            name: "Staten −10 %".into(),
            overrides: Default::default(),
        });
        p
    }

    fn sid(p: &Plan) -> ScenarioId {
        p.scenarios[0].id
    }

    /// Applies, checks with `check`, reverts and checks the plan is restored exactly.
    fn round_trip(p: &Plan, edit: &Edit, check: impl Fn(&Plan)) {
        let mut q = p.clone();
        apply(&mut q, edit).unwrap();
        check(&q);
        revert(&mut q, edit).unwrap();
        assert_eq!(&q, p, "revert restores the plan");
    }

    #[test]
    fn index_two_percent_of_100_000_is_102_000() {
        let p = plan();
        let e = lever_index_lines(&p, None, 2025, d("2")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines[0].amount(2025), Amount::kr(102_000));
            // 12 345 × 1,02 = 12 591,9 → 12 592 (half-up to whole kronor).
            assert_eq!(q.lines[1].amount(2025), Amount::kr(12_592));
            // Other years and lines without an amount are untouched.
            assert_eq!(q.lines[0].amount(2026), Amount::kr(90_000));
            assert!(!q.lines[2].amounts.contains_key(&2025));
        });
        // Half-up: 0,5 % of 100 = 100,5 → 101.
        let mut small = plan();
        small.lines[0].amounts.insert(2025, Amount::kr(100));
        let e = lever_index_lines(&small, None, 2025, d("0.5")).unwrap();
        round_trip(&small, &e, |q| {
            assert_eq!(q.lines[0].amount(2025), Amount::kr(101))
        });
    }

    #[test]
    fn index_in_a_scenario_writes_overrides_only() {
        let p = plan();
        let s = sid(&p);
        let e = lever_index_lines(&p, Some(s), 2025, d("2")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines, p.lines, "base plan untouched");
            let r = q.resolved(Some(s));
            assert_eq!(r.lines[0].amount(2025), Amount::kr(102_000));
            assert_eq!(r.lines[1].amount(2025), Amount::kr(12_592));
        });
        // Indexing again in the scenario builds on the override: 102 000 → 104 040.
        let mut q = p.clone();
        apply(&mut q, &e).unwrap();
        let e2 = lever_index_lines(&q, Some(s), 2025, d("2")).unwrap();
        round_trip(&q, &e2, |r| {
            assert_eq!(
                r.resolved(Some(s)).lines[0].amount(2025),
                Amount::kr(104_040)
            );
        });
    }

    #[test]
    fn change_total_minus_ten_percent() {
        let p = plan();
        let e = lever_change_total(&p, None, 2025, d("-10")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(
                q.year_input(2025).funding,
                FundingInput::Total(Amount::kr(17_134_200))
            );
            // The next year ("previous + 0 %") follows.
            let r = compute_scenario(q, None);
            assert_eq!(r.years[1].total, Some(Amount::kr(17_134_200)));
        });
        // Scenario-aware, and on a year given as "previous + 0 %".
        let s = sid(&p);
        let e = lever_change_total(&p, Some(s), 2026, d("5")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.year_inputs, p.year_inputs, "base plan untouched");
            let r = compute_scenario(q, Some(s));
            assert_eq!(r.years[0].total, Some(Amount::kr(19_038_000)));
            assert_eq!(r.years[1].total, Some(Amount::kr(19_989_900)));
        });
    }

    #[test]
    fn change_total_rounds_to_the_unit() {
        let mut p = plan();
        p.settings.unit = RoundingUnit::Thousand;
        let e = lever_change_total(&p, None, 2025, d("-3")).unwrap();
        // 19 038 000 × 0,97 = 18 466 860 → 18 467 000.
        round_trip(&p, &e, |q| {
            assert_eq!(
                q.year_input(2025).funding,
                FundingInput::Total(Amount::kr(18_467_000))
            );
        });
    }

    #[test]
    fn change_state_minus_ten_percent() {
        let p = plan();
        let s = sid(&p);
        let e = lever_change_state(&p, Some(s), 2025, d("-10")).unwrap();
        round_trip(&p, &e, |q| {
            let o = &q.scenarios[0].overrides;
            assert_eq!(
                o.funding.get(&2025),
                Some(&FundingInput::State(Amount::kr(8_567_100)))
            );
            let r = compute_scenario(q, Some(s));
            assert_eq!(r.years[0].total, Some(Amount::kr(17_134_200)));
        });
        let e = lever_change_state(&p, None, 2025, d("10")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(
                q.year_input(2025).funding,
                FundingInput::State(Amount::kr(10_470_900))
            );
        });
    }

    #[test]
    fn copy_forward_base_and_scenario() {
        let p = plan();
        let e = lever_copy_forward(&p, None, 2025).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines[0].amount(2026), Amount::kr(100_000));
            assert_eq!(q.lines[1].amount(2026), Amount::kr(12_345));
            assert!(
                !q.lines[2].amounts.contains_key(&2026),
                "empty copied as empty"
            );
        });
        let s = sid(&p);
        let e = lever_copy_forward(&p, Some(s), 2025).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines, p.lines, "base plan untouched");
            let r = q.resolved(Some(s));
            assert_eq!(r.lines[0].amount(2026), Amount::kr(100_000));
            assert_eq!(r.lines[1].amount(2026), Amount::kr(12_345));
            assert_eq!(r.lines[2].amounts.get(&2026), Some(&Amount::ZERO));
        });
        // Copying 2026 → 2027 twice: the second time there is nothing to do.
        let e = lever_copy_forward(&p, None, 2026).unwrap();
        let mut q = p.clone();
        apply(&mut q, &e).unwrap();
        assert!(lever_copy_forward(&q, None, 2026).unwrap().is_noop());
    }

    #[test]
    fn lever_errors() {
        let p = plan();
        assert_eq!(
            lever_copy_forward(&p, None, 2027),
            Err(LeverError::LastYear(2027))
        );
        assert_eq!(
            lever_index_lines(&p, None, 2031, d("2")),
            Err(LeverError::NoYear(2031))
        );
        assert_eq!(
            lever_change_total(&p, Some(ScenarioId(999)), 2025, d("2")),
            Err(LeverError::NoScenario(ScenarioId(999)))
        );
        let e = lever_index_lines(&p, None, 2025, d("-150")).unwrap_err();
        assert_eq!(e, LeverError::NegativePercent(d("-150")));
        assert_eq!(
            e.to_string(),
            "en ändring med \u{2212}150,00 % ger ett negativt belopp"
        );
        let mut broken = plan();
        broken.settings.shares.region = d("30");
        assert!(matches!(
            lever_change_total(&broken, None, 2025, d("2")),
            Err(LeverError::Allocation { year: 2025, .. })
        ));
        assert_eq!(
            lever_copy_forward(&p, None, 2027).unwrap_err().to_string(),
            "2027 är planens sista år; det finns inget år efter att kopiera till"
        );
    }

    #[test]
    fn change_line_five_percent_and_restore() {
        let p = plan();
        let team = p.lines[0].id;
        // 100 000 × 1,05 = 105 000; 12 345 × 0,95 = 11 727,75 → 11 728 (half-up).
        let e = lever_change_line(&p, None, 2025, team, d("5")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines[0].amount(2025), Amount::kr(105_000));
            assert_eq!(q.lines[0].amount(2026), Amount::kr(90_000));
            assert_eq!(q.lines[1].amount(2025), Amount::kr(12_345));
        });
        let kansli = p.lines[1].id;
        let e = lever_change_line(&p, None, 2025, kansli, d("-5")).unwrap();
        round_trip(&p, &e, |q| {
            assert_eq!(q.lines[1].amount(2025), Amount::kr(11_728))
        });
        // No amount that year, unknown line, below −100 %.
        let ny = p.lines[2].id;
        assert_eq!(
            lever_change_line(&p, None, 2025, ny, d("5"))
                .unwrap_err()
                .to_string(),
            "posten har inget belopp för 2025"
        );
        assert!(matches!(
            lever_change_line(&p, None, 2025, LineId(999), d("5")),
            Err(LeverError::Edit(EditError::NoLine(LineId(999))))
        ));
        assert!(matches!(
            lever_change_line(&p, None, 2025, team, d("-101")),
            Err(LeverError::NegativePercent(_))
        ));

        // Several levers, then one restore edit brings the plan back exactly.
        let mut q = p.clone();
        for e in [
            lever_change_line(&q, None, 2025, team, d("10")).unwrap(),
            lever_change_total(&q, None, 2025, d("-5")).unwrap(),
        ] {
            apply(&mut q, &e).unwrap();
        }
        let e = lever_change_total(&q, None, 2026, d("3")).unwrap();
        apply(&mut q, &e).unwrap();
        assert_ne!(q, p);
        let restore = lever_restore(&p, &q, None).unwrap();
        round_trip(&q, &restore, |r| assert_eq!(r, &p));
        // Nothing changed: an empty compound edit.
        assert_eq!(lever_restore(&p, &p, None).unwrap(), Edit::Compound(vec![]));
    }

    #[test]
    fn restore_in_a_scenario_removes_new_overrides() {
        let p = plan();
        let s = sid(&p);
        let team = p.lines[0].id;
        let mut q = p.clone();
        let e = lever_change_line(&q, Some(s), 2025, team, d("-20")).unwrap();
        apply(&mut q, &e).unwrap();
        let e = lever_change_total(&q, Some(s), 2025, d("10")).unwrap();
        apply(&mut q, &e).unwrap();
        assert_eq!(
            q.resolved(Some(s)).lines[0].amount(2025),
            Amount::kr(80_000)
        );
        let restore = lever_restore(&p, &q, Some(s)).unwrap();
        round_trip(&q, &restore, |r| assert_eq!(r, &p));
        assert!(matches!(
            lever_restore(&p, &q, Some(ScenarioId(999))),
            Err(LeverError::NoScenario(_))
        ));
    }

    #[test]
    fn lever_enum_dispatches_and_labels() {
        let p = plan();
        let l = Lever::IndexLines {
            year: 2025,
            percent: d("2"),
        };
        assert_eq!(
            l.edit(&p, None).unwrap(),
            lever_index_lines(&p, None, 2025, d("2")).unwrap()
        );
        assert_eq!(l.label(), "Alla poster 2025 +2\u{a0}%");
        assert_eq!(
            Lever::ChangeState {
                year: 2026,
                percent: d("-10")
            }
            .label(),
            "Staten 2026 \u{2212}10\u{a0}%"
        );
        assert_eq!(
            Lever::CopyForward { year: 2025 }.label(),
            "Kopiera posterna 2025 till nästa år"
        );
    }
}
