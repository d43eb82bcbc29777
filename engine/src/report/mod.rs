//! The computed report of a plan: [`compute`] (or [`compute_scenario`]) turns a [`Plan`] into
//! a [`Report`] — per year the allocation, budget and outcome figures, cost distribution,
//! follow-up and equity — plus the multi-year table and the [`Warning`]s. [`compare`] puts two
//! scenarios side by side.
//!
//! Everything is pure and exact: the same plan always gives the same report, nothing is
//! rounded (display rounds), and bad input never panics — a year whose allocation fails carries
//! the error and a warning instead.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{Allocation, AllocationError};
use crate::budget::{BudgetFigures, OutcomeBasis};
use crate::distribution::CostDistribution;
use crate::equity::EquityYear;
use crate::followup::FollowUp;
use crate::money::Amount;
use crate::plan::{Plan, ScenarioId, Year};

mod compare;
mod compute;
mod view;
mod warnings;

pub use compare::*;
pub(crate) use compute::*;
pub use view::{compute_view, ViewReport};
pub use warnings::*;

/// What the report needs of a year besides its [`YearReport`]: the inputs of the weight check
/// and of the equity roll-forward. [`Recalc`](crate::Recalc) keeps one per year so that it can
/// recompute a single year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YearMeta {
    /// What the members actually pay: Σ member amounts (0 when the allocation failed).
    pub members_paid: Amount,
    /// The year's own weight (with its capital contribution and typed result), `None` when it
    /// is over [`YEAR_WEIGHT_LIMIT`](crate::budget::YEAR_WEIGHT_LIMIT) or overflows.
    pub weight: Option<Decimal>,
    /// False when the year is too large to sum exactly (`Warning::SumsTooLarge`): its figures
    /// are zero.
    pub sums_ok: bool,
    /// The outcome result that rolls into equity (closed years with an outcome).
    pub outcome_result: Option<Amount>,
    /// [`year_is_closed`].
    pub closed: bool,
    /// The outcome result of the year whether it is closed or not (lines without an outcome
    /// count 0), when any line has an outcome and the allocation is known: what the equity
    /// would roll on once the year is closed ([`Warning::OutcomeMissing`]).
    pub outcome_if_closed: Option<Amount>,
    /// True when some line has a non-zero budget amount this year.
    pub budgeted: bool,
    /// The forecast result of an open year with a typed forecast (docs/budget.md "Prognos").
    pub forecast_result: Option<Amount>,
    /// The year's [`Warning::MissingKeyValue`]s (they depend on the allocation's inputs only).
    pub key_warnings: Vec<Warning>,
}

/// Everything computed for one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearReport {
    /// The year.
    pub year: Year,
    /// The allocation (docs/allocation.md), or why it cannot be computed.
    pub allocation: Result<Allocation, AllocationError>,
    /// The year's *medelstilldelning* T (`None` when the allocation failed).
    pub total: Option<Amount>,
    /// Budget figures (docs/budget.md).
    pub budget: BudgetFigures,
    /// Outcome figures on [`OutcomeBasis::Best`], when any line has an outcome this year.
    pub outcome: Option<BudgetFigures>,
    /// Cost distribution of the budget.
    pub distribution: CostDistribution,
    /// Cost distribution of the outcome.
    pub outcome_distribution: Option<CostDistribution>,
    /// Follow-up per line and subtotal on [`OutcomeBasis::Best`] (see [`follow_up`](crate::figures::follow_up) for another
    /// basis).
    pub follow_up: FollowUp,
    /// The equity roll-forward of the year.
    pub equity: EquityYear,
}

/// One row of the multi-year table (docs/equity.md, Södra Dalarna's Tabell 14).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiYearRow {
    /// The year.
    pub year: Year,
    /// *Medelstilldelning* T.
    pub total: Option<Amount>,
    /// *Verksamhetens kostnader*.
    pub costs: Amount,
    /// Net costs (costs − övriga intäkter).
    pub net_costs: Amount,
    /// Change of the net costs vs the previous year in percent (GV-25: +8,03 %).
    pub net_cost_change_percent: Option<Decimal>,
    /// *Årets resultat* used for equity (actual when closed, else budgeted).
    pub result: Amount,
    /// *EK UB*.
    pub equity: Amount,
    /// Equity ratio in percent.
    pub ratio: Option<Decimal>,
    /// Above the ceiling.
    pub above_ceiling: bool,
    /// Below the floor.
    pub below_floor: bool,
    /// False when the equity cannot be known (see [`EquityYear::known`]).
    pub known: bool,
    /// False when the result is not a figure to show (see [`EquityYear::result_known`]).
    #[serde(default)]
    pub result_known: bool,
}

impl MultiYearRow {
    /// The year's flags in display order (`Över taket`, `Under golvet`, `Negativt eget
    /// kapital`, `Underskott`); none when the year's equity cannot be known.
    pub fn flags(&self) -> Vec<&'static str> {
        crate::equity::year_flags(
            self.known,
            self.above_ceiling,
            self.below_floor,
            self.equity,
            self.result_known.then_some(self.result),
        )
    }
}

/// The computed report of a plan (or of one of its scenarios).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The scenario computed (`None` = the base plan).
    pub scenario: Option<ScenarioId>,
    /// One entry per plan year, in order.
    pub years: Vec<YearReport>,
    /// The multi-year table.
    pub multi_year: Vec<MultiYearRow>,
    /// Warnings: plan-wide first, then by year.
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The report of `year`.
    pub fn year(&self, year: Year) -> Option<&YearReport> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The warnings that concern `year` (plan-wide warnings included).
    pub fn warnings_for(&self, year: Year) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .filter(move |w| w.year().is_none_or(|y| y == year))
    }
}

/// Computes the report of the base plan. Pure; never panics.
pub fn compute(plan: &Plan) -> Report {
    compute_plan(plan, None)
}

/// Computes the report of `scenario` (`None` = the base plan; an unknown id gives the base
/// plan's figures with `scenario` still recorded).
pub fn compute_scenario(plan: &Plan, scenario: Option<ScenarioId>) -> Report {
    match scenario {
        None => compute_plan(plan, None),
        Some(_) => compute_plan(&plan.resolved(scenario), scenario),
    }
}

/// True when `year` is closed: marked *Bokslut klart*, or every line with a non-zero budget
/// that year has its final outcome (and at least one line has one).
pub fn year_is_closed(plan: &Plan, year: Year) -> bool {
    if plan.year_inputs.get(&year).is_some_and(|y| y.closed) {
        return true;
    }
    let any_final = plan
        .lines
        .iter()
        .any(|l| OutcomeBasis::Final.of_line(l, year).is_some());
    any_final
        && plan
            .lines
            .iter()
            .filter(|l| !l.amount(year).is_zero())
            .all(|l| OutcomeBasis::Final.of_line(l, year).is_some())
}
