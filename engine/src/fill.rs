//! "Räkna upp med %" (docs/budget.md, "Index a line"): a line's later years filled from one
//! year's amount by a yearly percentage, compounded: year *k* after the chosen one gets
//! `amount × (1 + p/100)^k`, computed exactly and rounded **once, half-up to whole kronor**
//! (docs/numbers.md). One edit, so one undo step. In a scenario the later years become the
//! scenario's overrides, read from the scenario's own amount.

use rust_decimal::Decimal;
use thiserror::Error;

use crate::bounds::check_amount;
use crate::edit::{Edit, EditError};
use crate::format::format_percent_edit;
use crate::money::{round_half_up, Amount};
use crate::plan::{LineId, Plan, ScenarioId, Year};

/// Why a line cannot be indexed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IndexError {
    /// The chosen year has no amount.
    #[error("posten har inget belopp {0} att räkna upp från")]
    NoAmount(Year),
    /// The chosen year is the plan's last.
    #[error("{0} är planens sista år: det finns inga senare år att fylla")]
    LastYear(Year),
    /// A percentage of −100 or less would make amounts zero or turn their sign.
    #[error("{} % går inte: uppräkningen måste vara större än −100 %", format_percent_edit(*.0))]
    Percent(Decimal),
    /// A resulting amount is beyond the money bounds.
    #[error("{year}: {reason}")]
    TooLarge {
        /// The year.
        year: Year,
        /// The bound's message.
        reason: String,
    },
    /// The edit cannot be made.
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl Edit {
    /// Fills `line`'s years after `from` from `from`'s amount, `percent` more each year
    /// (compounded, each result rounded half-up to whole kronor). `scenario` = `Some`: the
    /// scenario's amounts and overrides.
    pub fn index_line_years(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        line: LineId,
        from: Year,
        percent: Decimal,
    ) -> Result<Edit, IndexError> {
        if percent <= -Decimal::ONE_HUNDRED {
            return Err(IndexError::Percent(percent));
        }
        let resolved;
        let source = match scenario {
            None => plan,
            Some(_) => {
                resolved = plan.resolved(scenario);
                &resolved
            }
        };
        let l = source.line(line).ok_or(EditError::NoLine(line))?;
        let start = *l.amounts.get(&from).ok_or(IndexError::NoAmount(from))?;
        let later: Vec<Year> = plan.years.iter().copied().filter(|y| *y > from).collect();
        if later.is_empty() {
            return Err(IndexError::LastYear(from));
        }
        let factor = percent
            .checked_div(Decimal::ONE_HUNDRED)
            .and_then(|p| p.checked_add(Decimal::ONE))
            .ok_or(IndexError::Percent(percent))?;
        let mut exact = start.value();
        let mut edits = Vec::with_capacity(later.len());
        for y in later {
            let too_large = |reason: String| IndexError::TooLarge { year: y, reason };
            exact = exact
                .checked_mul(factor)
                .ok_or_else(|| too_large(crate::bounds::BoundsError::AmountTooLarge.to_string()))?;
            let rounded = round_half_up(exact, 0);
            check_amount(rounded).map_err(|e| too_large(e.to_string()))?;
            edits.push(Edit::set_line_amount(
                plan,
                scenario,
                line,
                y,
                Amount(rounded),
            )?);
        }
        Ok(Edit::Compound(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{BudgetLine, Category};

    fn plan() -> Plan {
        let mut p = Plan::empty("Test", 2026, 3);
        let mut l = BudgetLine::new(LineId(1), "Hyra", Some(Category::Kansli));
        l.amounts.insert(2026, Amount::kr(100_000));
        l.amounts.insert(2027, Amount::kr(5));
        p.lines.push(l);
        p.next_id = 2;
        p
    }

    #[test]
    fn later_years_compound_and_round_half_up_to_kronor() {
        let mut p = plan();
        let e =
            Edit::index_line_years(&p, None, LineId(1), 2026, Decimal::new(25, 1)).expect("edit");
        crate::edit::apply(&mut p, &e).expect("apply");
        let l = &p.lines[0];
        assert_eq!(l.amount(2026), Amount::kr(100_000));
        assert_eq!(l.amount(2027), Amount::kr(102_500));
        // 105 062,5 → 105 063 (half-up), from the exact value, not the rounded one.
        assert_eq!(l.amount(2028), Amount::kr(105_063));
        // 107 689,0625 → 107 689.
        assert_eq!(l.amount(2029), Amount::kr(107_689));
        // One undo step.
        crate::edit::revert(&mut p, &e).expect("revert");
        assert_eq!(p, plan());
    }

    #[test]
    fn refusals() {
        let p = plan();
        let msg = |r: Result<Edit, IndexError>| r.expect_err("refused").to_string();
        assert_eq!(
            msg(Edit::index_line_years(
                &p,
                None,
                LineId(1),
                2028,
                Decimal::ONE
            )),
            "posten har inget belopp 2028 att räkna upp från"
        );
        let mut q = p.clone();
        q.lines[0].amounts.insert(2029, Amount::kr(1));
        assert_eq!(
            msg(Edit::index_line_years(
                &q,
                None,
                LineId(1),
                2029,
                Decimal::ONE
            )),
            "2029 är planens sista år: det finns inga senare år att fylla"
        );
        assert_eq!(
            msg(Edit::index_line_years(
                &p,
                None,
                LineId(1),
                2026,
                Decimal::from(-100)
            )),
            "−100 % går inte: uppräkningen måste vara större än −100 %"
        );
    }
}
