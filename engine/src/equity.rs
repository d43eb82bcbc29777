//! Equity (*eget kapital*, docs/equity.md): the roll-forward
//! `EK_UB(y) = EK_IB(y) + kapitaltillskott(y) + årets resultat(y)`, `EK_IB(y+1) = EK_UB(y)`,
//! the ratio to its base and the ceiling/floor flags.
//!
//! *Årets resultat* is chosen per year and the choice is recorded ([`ResultBasis`]): a typed
//! actual result ([`YearInput::actual_result`](crate::YearInput)) wins; else a closed year
//! (*Bokslut klart*, or every budgeted line has its final outcome) uses the outcome result;
//! else the budgeted result (future years assume the budget is spent exactly, as Södra
//! Dalarna's Tabell 14 does).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::add;
use crate::money::{percent_of, Amount};
use crate::plan::{EquityBase, Settings, Year};

/// Which result a year's equity rolls on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultBasis {
    /// The budgeted result (an open or future year).
    #[default]
    Budget,
    /// The outcome result of a closed year.
    Outcome,
    /// The actual result the user typed.
    Typed,
    /// The closing equity the user typed (from the annual report): the year's *EK UB* is that
    /// figure, whatever came before.
    ClosingEquity,
    /// The full-year forecast of an open year (docs/budget.md "Prognos"): each line's final
    /// outcome, else its forecast, else its budget.
    Forecast,
}

impl ResultBasis {
    /// Swedish label: `budget`, `utfall`, `angivet`, `angivet EK UB`, `prognos`.
    pub fn label(self) -> &'static str {
        match self {
            ResultBasis::Budget => "budget",
            ResultBasis::Outcome => "utfall",
            ResultBasis::Typed => "angivet",
            ResultBasis::ClosingEquity => "angivet EK UB",
            ResultBasis::Forecast => "prognos",
        }
    }
}

/// What the roll-forward needs of one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityInput {
    /// The year.
    pub year: Year,
    /// The year's *medelstilldelning* T (`None` when its allocation failed).
    pub total: Option<Amount>,
    /// The budgeted *årets resultat*.
    pub budgeted_result: Amount,
    /// The actual *årets resultat* the user typed.
    pub actual_result: Option<Amount>,
    /// The outcome result when the year is closed (`None` for an open year).
    #[serde(default)]
    pub outcome_result: Option<Amount>,
    /// The forecast result of an open year with a typed forecast (docs/budget.md "Prognos").
    #[serde(default)]
    pub forecast_result: Option<Amount>,
    /// *Kapitaltillskott* (e.g. equity brought in by a merger).
    pub capital_contribution: Amount,
    /// The budgeted members' contributions (base [`EquityBase::BudgetedContributions`]).
    #[serde(default)]
    pub budgeted_contributions: Option<Amount>,
    /// The budgeted revenue: contributions + övriga intäkter ([`EquityBase::BudgetedRevenue`]).
    #[serde(default)]
    pub budgeted_revenue: Option<Amount>,
    /// The closing equity typed from the annual report ([`YearInput::closing_equity`](crate::YearInput)).
    #[serde(default)]
    pub closing_equity: Option<Amount>,
    /// True when the year has funding but neither budget lines nor any outcome: without a typed
    /// result or closing equity it has no result at all (docs/equity.md, "No result, no equity").
    #[serde(default)]
    pub no_result: bool,
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
    /// The actual result the user typed.
    pub actual_result: Option<Amount>,
    /// The outcome result of a closed year.
    pub outcome_result: Option<Amount>,
    /// Which result is used.
    pub basis: ResultBasis,
    /// The result used: typed, else outcome of a closed year, else budgeted.
    pub result: Amount,
    /// *EK UB*: equity at the end of the year.
    pub closing: Amount,
    /// The base of the ratio per the settings; `None` when unknown.
    pub base: Option<Amount>,
    /// True when the base is an assumption (next year's funding after the last plan year).
    pub base_assumed: bool,
    /// `closing / base × 100` at full precision; `None` when the base is 0 or unknown.
    pub ratio: Option<Decimal>,
    /// The ceiling in percent (from the settings).
    pub ceiling_percent: Decimal,
    /// True when the ratio is strictly above the ceiling (19,96 % is not above 20 %).
    pub above_ceiling: bool,
    /// True when the closing equity is strictly below the floor.
    pub below_floor: bool,
    /// False when the year's result cannot be known (its allocation failed and no result is
    /// typed, or it has no result at all) or an earlier year's equity is unknown: then
    /// `result`, `closing` and the ratio are not figures to show (display "–" and the year's
    /// error). A typed closing equity makes the year known again.
    pub known: bool,
    /// False when `opening` (*EK IB*) is not a figure to show: an earlier year is unknown.
    #[serde(default = "yes")]
    pub opening_known: bool,
    /// False when `result` is not a figure to show: the year's own result is unknown (its
    /// allocation failed, or it has no result), or its closing equity is typed without a
    /// typed result (the result is then not derived from an opening equity that may never
    /// have been typed). An earlier unknown year does not make this year's result unknown.
    #[serde(default = "yes")]
    pub result_known: bool,
    /// The first year without any result that this year's equity builds on (this year
    /// itself included): funding but no budget lines, no outcome, no typed result or closing
    /// equity (docs/equity.md). `None` when there is none.
    #[serde(default)]
    pub missing_result: Option<Year>,
    /// True when this year itself has no result: funding, but no budget lines, outcome, typed
    /// result or closing equity.
    #[serde(default)]
    pub no_result: bool,
    /// True when the year has funding but no budget line and no outcome (typed figures or
    /// not): its budgeted result is not a figure to show (it would be the whole funding).
    #[serde(default)]
    pub no_budget: bool,
}

fn yes() -> bool {
    true
}

impl EquityYear {
    /// *Över taket* when it can be told: `None` when the ratio is unknown (no base, or the
    /// year's equity is unknown), shown as "–", never as "Nej".
    pub fn above_ceiling_known(&self) -> Option<bool> {
        (self.known && self.ratio.is_some()).then_some(self.above_ceiling)
    }

    /// *Under golvet* when it can be told: `None` when the year's equity is unknown.
    pub fn below_floor_known(&self) -> Option<bool> {
        self.known.then_some(self.below_floor)
    }

    /// *Underskott*: the year's result is known and below zero (docs/equity.md).
    pub fn deficit(&self) -> bool {
        self.result_known && self.result < Amount::ZERO
    }

    /// True when this year itself has no result (funding, but no budget lines, outcome,
    /// typed result or closing equity).
    pub fn has_no_result(&self) -> bool {
        self.no_result
    }

    /// The year's flags in display order (`Över taket`, `Under golvet`, `Negativt eget
    /// kapital`, `Underskott`); none when the year cannot be known.
    pub fn flags(&self) -> Vec<&'static str> {
        year_flags(
            self.known,
            self.above_ceiling,
            self.below_floor,
            self.closing,
            self.result_known.then_some(self.result),
        )
    }

    /// Why the year's equity is not shown ("–"), in Swedish, or `None` when it is known:
    /// the year without a result it builds on, else an earlier year that cannot be computed.
    /// (A year whose own allocation fails shows that error instead.)
    pub fn unknown_reason(&self) -> Option<String> {
        if self.known {
            return None;
        }
        Some(match self.missing_result {
            Some(y) if y == self.year => format!(
                "{y} saknar resultat: lägg in budgetposter eller ange faktiskt resultat eller eget kapital vid årets slut"
            ),
            Some(y) => format!("bygger på {y}, som saknar resultat"),
            None => "bygger på ett tidigare år som inte kan beräknas".to_string(),
        })
    }
}

/// The flags of a year whose equity is `known`, in display order (docs/equity.md); `result`
/// is `None` when the year's result is not known.
pub(crate) fn year_flags(
    known: bool,
    above_ceiling: bool,
    below_floor: bool,
    closing: Amount,
    result: Option<Amount>,
) -> Vec<&'static str> {
    if !known {
        return Vec::new();
    }
    [
        (above_ceiling, "Över taket"),
        (below_floor, "Under golvet"),
        (closing < Amount::ZERO, "Negativt eget kapital"),
        (result.is_some_and(|r| r < Amount::ZERO), "Underskott"),
    ]
    .into_iter()
    .filter_map(|(on, flag)| on.then_some(flag))
    .collect()
}

/// Rolls equity forward from `opening` (EK IB of the first year) over `years` in order.
///
/// The ratio's base follows `settings.equity_base`. On [`EquityBase::NextYear`] the last year
/// uses `settings.expected_next_funding`, else its own total (unchanged funding), and is
/// marked [`EquityYear::base_assumed`].
pub fn equity_roll_forward(
    opening: Amount,
    settings: &Settings,
    years: &[EquityInput],
) -> Vec<EquityYear> {
    let mut out = Vec::with_capacity(years.len());
    let mut ib = opening;
    let mut known = true;
    // The first year without a result that the running equity builds on.
    let mut missing: Option<Year> = None;
    for (i, y) in years.iter().enumerate() {
        let opening_known = known;
        // A year with no result of its own: funding, but nothing that says what was spent.
        let own_missing = y.no_result
            && y.total.is_some()
            && y.actual_result.is_none()
            && y.closing_equity.is_none();
        if own_missing && missing.is_none() {
            missing = Some(y.year);
        }
        let own_known = !own_missing && (y.total.is_some() || y.actual_result.is_some());
        known = known && own_known;
        let (basis, result) = match (y.closing_equity, y.actual_result, y.outcome_result) {
            (Some(_), typed, _) => (ResultBasis::ClosingEquity, typed.unwrap_or_default()),
            (None, Some(a), _) => (ResultBasis::Typed, a),
            (None, None, Some(o)) => (ResultBasis::Outcome, o),
            (None, None, None) => match y.forecast_result {
                Some(f) => (ResultBasis::Forecast, f),
                None => (ResultBasis::Budget, y.budgeted_result),
            },
        };
        let mut result_known = own_known;
        let closing = match y.closing_equity {
            // The annual report's figure: known whatever came before.
            Some(c) => {
                known = true;
                missing = None;
                result_known = y.actual_result.is_some();
                c
            }
            None => add(add(ib, y.capital_contribution), result),
        };
        let mut base_assumed = false;
        let base = match settings.equity_base {
            EquityBase::SameYear => y.total,
            EquityBase::NextYear => match years.get(i.saturating_add(1)) {
                Some(next) => next.total,
                None => {
                    base_assumed = true;
                    settings.expected_next_funding.or(y.total)
                }
            },
            EquityBase::BudgetedContributions => y.budgeted_contributions,
            EquityBase::BudgetedRevenue => y.budgeted_revenue,
        };
        // A base of zero or less (no funding) gives no ratio; an unknown equity gives none.
        let ratio = base
            .filter(|b| b.value() > Decimal::ZERO && known)
            .and_then(|b| percent_of(closing.value(), b.value()));
        let ceiling = settings.equity_ceiling_percent;
        out.push(EquityYear {
            year: y.year,
            opening: ib,
            capital_contribution: y.capital_contribution,
            budgeted_result: y.budgeted_result,
            actual_result: y.actual_result,
            outcome_result: y.outcome_result,
            basis,
            result,
            closing,
            base,
            base_assumed: base_assumed && base.is_some(),
            ratio,
            ceiling_percent: ceiling,
            above_ceiling: ratio.is_some_and(|r| r > ceiling),
            below_floor: known && settings.equity_floor.is_some_and(|f| closing < f),
            known,
            opening_known,
            result_known,
            missing_result: if known { None } else { missing },
            no_result: own_missing,
            no_budget: y.no_result && y.total.is_some(),
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
            ..EquityInput::default()
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
            ..EquityInput::default()
        };
        let r = equity_roll_forward(Amount::kr(5), &s, &[y]);
        assert_eq!(r[0].ratio, None);
        assert!(!r[0].above_ceiling);
    }

    #[test]
    fn flags_of_a_year() {
        let s = Settings::default();
        let input = |result: i64| EquityInput {
            year: 2024,
            total: Some(Amount::kr(1_000_000)),
            budgeted_result: Amount::kr(result),
            ..EquityInput::default()
        };
        let y = &equity_roll_forward(Amount::kr(100_000), &s, &[input(-1)])[0];
        assert!(y.deficit());
        assert_eq!(y.flags(), vec!["Underskott"]);
        let y = &equity_roll_forward(Amount::kr(100_000), &s, &[input(0)])[0];
        assert!(!y.deficit());
        assert_eq!(y.flags(), Vec::<&str>::new());
        let y = &equity_roll_forward(Amount::kr(300_000), &s, &[input(0)])[0];
        assert_eq!(y.flags(), vec!["Över taket"]);
        let mut unknown = y.clone();
        unknown.known = false;
        assert_eq!(unknown.flags(), Vec::<&str>::new());
    }
}
