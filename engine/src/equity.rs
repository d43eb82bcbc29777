//! Equity (*eget kapital*, SPEC 2.4, domain 2.12–2.13): the roll-forward
//! `EK_UB(y) = EK_IB(y) + kapitaltillskott(y) + årets resultat(y)`, `EK_IB(y+1) = EK_UB(y)`,
//! the ratio to the allocation and the ceiling/floor flags.
//!
//! *Årets resultat* is the actual result when the year is closed
//! ([`YearInput::actual_result`](crate::YearInput)), else the budgeted result (future years
//! assume the budget is spent exactly, as Södra Dalarna's Tabell 14 does).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::add;
use crate::money::{percent_of, Amount};
use crate::plan::{EquityBase, Settings, Year};

/// What the roll-forward needs of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityInput {
    /// The year.
    pub year: Year,
    /// The year's *medelstilldelning* T (`None` when its allocation failed).
    pub total: Option<Amount>,
    /// The budgeted *årets resultat*.
    pub budgeted_result: Amount,
    /// The actual *årets resultat* of a closed year.
    pub actual_result: Option<Amount>,
    /// *Kapitaltillskott* (e.g. equity brought in by a merger).
    pub capital_contribution: Amount,
}

/// One year of the equity roll-forward.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityYear {
    /// The year.
    pub year: Year,
    /// *EK IB*: equity at the start of the year.
    pub opening: Amount,
    /// *Kapitaltillskott*.
    pub capital_contribution: Amount,
    /// The budgeted result.
    pub budgeted_result: Amount,
    /// The actual result, when the year is closed.
    pub actual_result: Option<Amount>,
    /// The result used: actual when given, else budgeted.
    pub result: Amount,
    /// *EK UB*: equity at the end of the year.
    pub closing: Amount,
    /// The base of the ratio (same or next year's T per the settings); `None` when unknown.
    pub base: Option<Amount>,
    /// `closing / base × 100` at full precision; `None` when the base is 0 or unknown.
    pub ratio: Option<Decimal>,
    /// The ceiling in percent (from the settings).
    pub ceiling_percent: Decimal,
    /// True when the ratio is strictly above the ceiling (19,96 % is not above 20 %).
    pub above_ceiling: bool,
    /// True when the closing equity is strictly below the floor.
    pub below_floor: bool,
}

/// Rolls equity forward from `opening` (EK IB of the first year) over `years` in order.
///
/// The ratio's base is the same year's total, or the next year's total when
/// `settings.equity_base` is [`EquityBase::NextYear`] (then the last year has no base and no
/// ratio).
pub fn equity_roll_forward(
    opening: Amount,
    settings: &Settings,
    years: &[EquityInput],
) -> Vec<EquityYear> {
    let mut out = Vec::with_capacity(years.len());
    let mut ib = opening;
    for (i, y) in years.iter().enumerate() {
        let result = y.actual_result.unwrap_or(y.budgeted_result);
        let closing = add(add(ib, y.capital_contribution), result);
        let base = match settings.equity_base {
            EquityBase::SameYear => y.total,
            EquityBase::NextYear => years.get(i + 1).and_then(|n| n.total),
        };
        let ratio = base.and_then(|b| percent_of(closing.value(), b.value()));
        let ceiling = settings.equity_ceiling_percent;
        out.push(EquityYear {
            year: y.year,
            opening: ib,
            capital_contribution: y.capital_contribution,
            budgeted_result: y.budgeted_result,
            actual_result: y.actual_result,
            result,
            closing,
            base,
            ratio,
            ceiling_percent: ceiling,
            above_ceiling: ratio.is_some_and(|r| r > ceiling),
            below_floor: settings.equity_floor.is_some_and(|f| closing < f),
        });
        ib = closing;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_strictly_above_ceiling() {
        let s = Settings::default();
        let input = |result: i64| EquityInput {
            year: 2024,
            total: Some(Amount::kr(1_000_000)),
            budgeted_result: Amount::kr(result),
            actual_result: None,
            capital_contribution: Amount::ZERO,
        };
        let at = equity_roll_forward(Amount::kr(100_000), &s, &[input(100_000)]);
        assert_eq!(at[0].ratio, Some(Decimal::from(20)));
        assert!(!at[0].above_ceiling, "exactly 20 % is not above");
        let over = equity_roll_forward(Amount::kr(100_000), &s, &[input(100_001)]);
        assert!(over[0].above_ceiling);
    }

    #[test]
    fn zero_base_has_no_ratio() {
        let s = Settings::default();
        let y = EquityInput {
            year: 2024,
            total: Some(Amount::ZERO),
            budgeted_result: Amount::ZERO,
            actual_result: None,
            capital_contribution: Amount::ZERO,
        };
        let r = equity_roll_forward(Amount::kr(5), &s, &[y]);
        assert_eq!(r[0].ratio, None);
        assert!(!r[0].above_ceiling);
    }
}
