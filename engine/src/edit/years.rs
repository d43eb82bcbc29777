//! Adding and removing a plan year (docs/app.md, "Lägg till år" / "Ta bort år"): each is one
//! undoable [`Edit::Compound`] of [`Edit::SetYears`] and [`Edit::SetYearInput`], so undo gives
//! back exactly the plan before.
//!
//! - A year is added before the first year or after the last. A year that already has inputs
//!   in the plan file (a year removed earlier) gets them back; otherwise a year before the
//!   first gets the first year's total as an amount (the user types the decided figure), and a
//!   year after the last gets "previous year + 0 %".
//! - Only the first or the last year can be removed, and never the only year. The removed
//!   year's figures (budget amounts, outcome, inputs) stay in the plan, not shown, and come
//!   back when the year is added again. When the first year is removed and the new first year
//!   builds on it ("previous year + p %"), the new first year's funding becomes the total it
//!   had, as an amount, so no figure of the remaining years changes.

use thiserror::Error;

use crate::allocation::Funding;
use crate::bounds::{MAX_YEAR, MIN_YEAR};
use crate::edit::Edit;
use crate::money::Amount;
use crate::plan::{FundingInput, Plan, Year, YearInput};

/// Which end of the plan a year is added at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearEnd {
    /// Before the first year (an earlier, decided year).
    Before,
    /// After the last year.
    After,
}

/// Why a year cannot be added or removed (the plan is unchanged).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum YearEditError {
    /// The year to add would be outside 1990–2200.
    #[error("Året {year} kan inte läggas till: planens år ligger inom {MIN_YEAR}–{MAX_YEAR}.")]
    OutOfRange {
        /// The year that would be added.
        year: i64,
    },
    /// The plan has no years (a plan file always has at least one).
    #[error("Planen har inga år.")]
    NoYears,
    /// The year is not one of the plan's years.
    #[error("{year} är inte ett av planens år.")]
    NotPlanYear {
        /// The year.
        year: Year,
    },
    /// Only the first and the last year can be removed.
    #[error("Bara planens första eller sista år kan tas bort, inte {year}.")]
    NotAtEnd {
        /// The year.
        year: Year,
    },
    /// The plan's only year cannot be removed.
    #[error("{year} är planens enda år och kan inte tas bort.")]
    OnlyYear {
        /// The year.
        year: Year,
    },
}

impl Plan {
    /// The year "Lägg till år" adds at `end`, when it is within 1990–2200.
    pub fn year_to_add(&self, end: YearEnd) -> Result<Year, YearEditError> {
        let edge = match end {
            YearEnd::Before => self.years.first(),
            YearEnd::After => self.years.last(),
        }
        .ok_or(YearEditError::NoYears)?;
        let year = match end {
            YearEnd::Before => i64::from(*edge).saturating_sub(1),
            YearEnd::After => i64::from(*edge).saturating_add(1),
        };
        if !(i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) {
            return Err(YearEditError::OutOfRange { year });
        }
        Year::try_from(year).map_err(|_| YearEditError::OutOfRange { year })
    }

    /// The *medelstilldelning* total of each plan year as far as the year inputs give it
    /// (an amount, or the previous year's total + p %); a year given as the state's amount
    /// uses the computed allocation. `None` where it cannot be computed.
    fn funding_total(&self, year: Year) -> Option<Amount> {
        let allocations = || self.allocations();
        let mut previous: Option<Amount> = None;
        for &y in &self.years {
            let total = match self.allocation_input(y, previous).ok().map(|i| i.funding) {
                Some(Funding::Total(t)) => Some(t),
                Some(Funding::State(_)) => allocations()
                    .into_iter()
                    .find(|(ay, _)| *ay == y)
                    .and_then(|(_, r)| r.ok())
                    .map(|a| a.total),
                None => None,
            };
            if y == year {
                return total;
            }
            previous = total;
        }
        None
    }
}

impl Edit {
    /// "Lägg till år": adds a year before the first or after the last (see the module doc).
    pub fn add_year(plan: &Plan, end: YearEnd) -> Result<Edit, YearEditError> {
        let year = plan.year_to_add(end)?;
        let mut years = plan.years.clone();
        match end {
            YearEnd::Before => years.insert(0, year),
            YearEnd::After => years.push(year),
        }
        let mut edits = vec![Edit::set_years(plan, years)];
        if !plan.year_inputs.contains_key(&year) {
            let funding = match end {
                YearEnd::Before => FundingInput::Total(
                    plan.years
                        .first()
                        .and_then(|first| plan.funding_total(*first))
                        .unwrap_or(Amount::ZERO),
                ),
                YearEnd::After => FundingInput::PreviousPlusPercent(rust_decimal::Decimal::ZERO),
            };
            edits.push(Edit::SetYearInput {
                year,
                old: None,
                new: Some(YearInput {
                    funding,
                    ..YearInput::default()
                }),
            });
        }
        Ok(Edit::Compound(edits))
    }

    /// "Ta bort år": removes the first or the last year (see the module doc).
    pub fn remove_year(plan: &Plan, year: Year) -> Result<Edit, YearEditError> {
        let (Some(first), Some(last)) = (plan.years.first(), plan.years.last()) else {
            return Err(YearEditError::NoYears);
        };
        if !plan.years.contains(&year) {
            return Err(YearEditError::NotPlanYear { year });
        }
        if plan.years.len() == 1 {
            return Err(YearEditError::OnlyYear { year });
        }
        if year != *first && year != *last {
            return Err(YearEditError::NotAtEnd { year });
        }
        let years: Vec<Year> = plan.years.iter().copied().filter(|y| *y != year).collect();
        let mut edits = Vec::new();
        if year == *first {
            if let Some(&next) = years.first() {
                let old = plan.year_inputs.get(&next).cloned();
                let builds_on_removed = matches!(
                    old.as_ref().map(|y| y.funding),
                    Some(FundingInput::PreviousPlusPercent(_))
                );
                if builds_on_removed {
                    let total = plan.funding_total(next).unwrap_or(Amount::ZERO);
                    let new = YearInput {
                        funding: FundingInput::Total(total),
                        ..old.clone().unwrap_or_default()
                    };
                    edits.push(Edit::SetYearInput {
                        year: next,
                        old,
                        new: Some(new),
                    });
                }
            }
        }
        edits.insert(0, Edit::set_years(plan, years));
        Ok(Edit::Compound(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, revert};
    use crate::new_plan::NewPlanSeed;
    use rust_decimal::Decimal;

    fn plan() -> Plan {
        let mut p = Plan::from_seed(&NewPlanSeed {
            name: "T".into(),
            base_funding: Amount::kr(1_000_000),
            first_funding: crate::new_plan::FirstYearFunding::PlusPercent(Decimal::from(10)),
            ..NewPlanSeed::with_defaults(2025)
        })
        .unwrap();
        let id = crate::plan::LineId(p.fresh_id());
        p.lines
            .push(crate::plan::BudgetLine::new(id, "Kansli", None));
        p.lines[0].amounts.insert(2025, Amount::kr(500));
        p
    }

    #[test]
    fn a_year_is_added_after_the_last_and_undone_exactly() {
        let before = plan();
        let mut p = before.clone();
        assert_eq!(p.year_to_add(YearEnd::After), Ok(2029));
        let e = Edit::add_year(&p, YearEnd::After).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.years, vec![2025, 2026, 2027, 2028, 2029]);
        assert_eq!(
            p.year_input(2029).funding,
            FundingInput::PreviousPlusPercent(Decimal::ZERO)
        );
        revert(&mut p, &e).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn a_year_added_before_gets_the_first_years_total() {
        let mut p = plan();
        let e = Edit::add_year(&p, YearEnd::Before).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.years.first(), Some(&2024));
        assert_eq!(
            p.year_input(2024).funding,
            FundingInput::Total(Amount::kr(1_000_000))
        );
    }

    #[test]
    fn removing_the_first_year_keeps_the_next_years_total_and_its_figures() {
        let before = plan();
        let mut p = before.clone();
        let e = Edit::remove_year(&p, 2025).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.years, vec![2026, 2027, 2028]);
        // 1 000 000 + 10 % = 1 100 000, now an amount.
        assert_eq!(
            p.year_input(2026).funding,
            FundingInput::Total(Amount::kr(1_100_000))
        );
        // The removed year's amounts are kept (not shown) and come back with the year.
        assert_eq!(p.lines[0].amount(2025), Amount::kr(500));
        let again = Edit::add_year(&p, YearEnd::Before).unwrap();
        apply(&mut p, &again).unwrap();
        assert_eq!(p.years, vec![2025, 2026, 2027, 2028]);
        assert_eq!(
            p.year_input(2025).funding,
            FundingInput::Total(Amount::kr(1_000_000))
        );
        revert(&mut p, &again).unwrap();
        revert(&mut p, &e).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn only_an_end_year_and_never_the_only_year_is_removed() {
        let p = plan();
        assert_eq!(
            Edit::remove_year(&p, 2026).unwrap_err().to_string(),
            "Bara planens första eller sista år kan tas bort, inte 2026."
        );
        assert_eq!(
            Edit::remove_year(&p, 2030).unwrap_err().to_string(),
            "2030 är inte ett av planens år."
        );
        let mut one = Plan::empty("E", 2025, 0);
        assert_eq!(
            Edit::remove_year(&one, 2025).unwrap_err().to_string(),
            "2025 är planens enda år och kan inte tas bort."
        );
        one.years = vec![2200];
        assert_eq!(
            Edit::add_year(&one, YearEnd::After)
                .unwrap_err()
                .to_string(),
            "Året 2201 kan inte läggas till: planens år ligger inom 1990–2200."
        );
    }

    #[test]
    fn a_plan_with_a_removed_year_is_saved_and_read_back() {
        let mut p = plan();
        let e = Edit::remove_year(&p, 2025).unwrap();
        apply(&mut p, &e).unwrap();
        let json = crate::plan_file::plan_to_json(&p);
        let back = crate::plan_file::plan_from_json(&json).unwrap();
        assert_eq!(back, p);
        // …and the year can still be added back after reopening.
        let mut back = back;
        let again = Edit::add_year(&back, YearEnd::Before).unwrap();
        apply(&mut back, &again).unwrap();
        assert_eq!(back.lines[0].amount(2025), Amount::kr(500));
    }

    #[test]
    fn removing_the_last_year_changes_only_the_years() {
        let before = plan();
        let mut p = before.clone();
        let e = Edit::remove_year(&p, 2028).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.years, vec![2025, 2026, 2027]);
        assert_eq!(p.year_inputs, before.year_inputs);
    }
}
