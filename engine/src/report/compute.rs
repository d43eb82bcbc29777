//! Computing a report year by year (docs/budget.md, docs/bounds.md): the bounds on one year's
//! and the plan's amounts, the per-year parts that [`Recalc`](crate::Recalc) reuses, the
//! equity roll-forward across years and the multi-year table.
use super::warnings::{missing_key_warnings, warnings, Warning};
use super::{year_is_closed, MultiYearRow, Report, YearMeta, YearReport};
use crate::allocation::{Allocation, AllocationError};
use crate::budget::{
    add, budget_figures_fitting, has_outcome, outcome_figures_fitting, sub, year_weight,
    BudgetFigures, OutcomeBasis, PLAN_WEIGHT_LIMIT, YEAR_WEIGHT_LIMIT,
};
use crate::distribution::{cost_distribution_on, CostDistribution};
use crate::equity::{equity_roll_forward, EquityInput, EquityYear};
use crate::followup::{follow_up_fitting, follow_up_with, FollowUp};
use crate::money::{percent_of, Amount};
use crate::plan::{Plan, ScenarioId, Year};

/// The weight inputs of `year` once its allocation is known (`sums_ok` still to be decided by
/// [`sums_ok_chain`], `outcome_result` and `closed` by [`year_local`], `key_warnings` by
/// [`missing_key_warnings`]).
pub(crate) fn year_meta(
    plan: &Plan,
    year: Year,
    allocation: &Result<Allocation, AllocationError>,
) -> YearMeta {
    // What the members actually pay: Σ member amounts (= `Allocation::members_total`, which
    // the allocation checked). The outcome books this; the budget books T.
    let members_paid = allocation
        .as_ref()
        .map(|a| a.members.iter().fold(Amount::ZERO, |s, m| add(s, m.amount)))
        .unwrap_or_default();
    let total = allocation.as_ref().ok().map(|a| a.total);
    let yi = plan.year_inputs.get(&year);
    let weight = year_weight(
        plan,
        year,
        members_paid.abs().max(total.unwrap_or_default().abs()),
    )
    .filter(|w| *w <= YEAR_WEIGHT_LIMIT)
    .and_then(|w| {
        let capital = yi.map(|y| y.capital_contribution).unwrap_or_default();
        let actual = yi.and_then(|y| y.actual_result).unwrap_or_default();
        w.checked_add(capital.value().abs())?
            .checked_add(actual.value().abs())
    });
    YearMeta {
        members_paid,
        weight,
        sums_ok: false,
        outcome_result: None,
        closed: false,
        outcome_if_closed: None,
        budgeted: false,
        forecast_result: None,
        key_warnings: Vec::new(),
    }
}

/// Which years can be summed exactly: the years' weights added up in year order from the
/// opening equity stay within [`PLAN_WEIGHT_LIMIT`]; a year that would pass it (or is too
/// heavy itself) is left out of the running sum.
pub(crate) fn sums_ok_chain(plan: &Plan, metas: &mut [YearMeta]) {
    let mut plan_weight = Some(plan.opening_equity.value().abs());
    for m in metas {
        let next = plan_weight
            .zip(m.weight)
            .and_then(|(p, w)| p.checked_add(w))
            .filter(|p| *p <= PLAN_WEIGHT_LIMIT);
        m.sums_ok = next.is_some();
        if m.sums_ok {
            plan_weight = next;
        }
    }
}

/// The part of a [`YearReport`] that depends on its year alone (all but the equity).
pub(crate) struct YearLocal {
    total: Option<Amount>,
    budget: BudgetFigures,
    outcome: Option<BudgetFigures>,
    distribution: CostDistribution,
    outcome_distribution: Option<CostDistribution>,
    follow_up: FollowUp,
}

impl YearLocal {
    /// The year's report with `equity`.
    pub(crate) fn with_equity(
        self,
        year: Year,
        allocation: Result<Allocation, AllocationError>,
        equity: EquityYear,
    ) -> YearReport {
        YearReport {
            year,
            allocation,
            total: self.total,
            budget: self.budget,
            outcome: self.outcome,
            distribution: self.distribution,
            outcome_distribution: self.outcome_distribution,
            follow_up: self.follow_up,
            equity,
        }
    }

    /// Replaces everything but the year, the allocation and the equity of `report` (the
    /// equity is rolled forward afterwards by [`finish_report`]).
    pub(crate) fn store_into(self, report: &mut YearReport) {
        report.total = self.total;
        report.budget = self.budget;
        report.outcome = self.outcome;
        report.distribution = self.distribution;
        report.outcome_distribution = self.outcome_distribution;
        report.follow_up = self.follow_up;
    }
}

/// Everything of one year that does not depend on other years (all but the equity, rolled
/// forward by [`finish_report`]); also sets `meta.outcome_result`.
pub(crate) fn year_local(
    plan: &Plan,
    year: Year,
    allocation: &Result<Allocation, AllocationError>,
    meta: &mut YearMeta,
) -> YearLocal {
    let total = allocation.as_ref().ok().map(|a| a.total);
    let sums_ok = meta.sums_ok;
    // `sums_ok` implies that the year fits (`year_sums_fit`) for every figure below: their
    // member income is at most the one `year_meta` weighed the year with.
    let budget = if sums_ok {
        budget_figures_fitting(plan, year, total.unwrap_or_default())
    } else {
        BudgetFigures::from_totals(crate::budget::CategoryTotals::zero(), Amount::ZERO)
    };
    let outcome = (sums_ok && has_outcome(plan, year, OutcomeBasis::Best))
        .then(|| outcome_figures_fitting(plan, year, OutcomeBasis::Best, meta.members_paid));
    meta.closed = year_is_closed(plan, year);
    // A closed year without any outcome keeps the budget (its outcome would be fictitious:
    // the funding as income, no costs); [`Warning::ClosedWithoutOutcome`] says so.
    meta.outcome_result = outcome
        .as_ref()
        .filter(|_| allocation.is_ok() && meta.closed)
        .map(|o| o.result);
    meta.outcome_if_closed = outcome
        .as_ref()
        .filter(|_| allocation.is_ok())
        .map(|o| o.result);
    meta.budgeted = sums_ok && plan.lines.iter().any(|l| !l.amount(year).is_zero());
    meta.forecast_result = (sums_ok
        && !meta.closed
        && allocation.is_ok()
        && crate::forecast::has_forecast(plan, year))
    .then(|| crate::forecast::forecast_figures_fitting(plan, year, meta.members_paid).result);
    let rounding = plan.settings.percent_rounding;
    let basis = plan.settings.distribution_base;
    // A year too large to sum is followed up as if it had no lines.
    let empty;
    let follow_plan = if sums_ok {
        plan
    } else {
        empty = Plan::empty("", year, 0);
        &empty
    };
    let (budget_income, paid) = if sums_ok {
        (total.unwrap_or_default(), meta.members_paid)
    } else {
        (Amount::ZERO, Amount::ZERO)
    };
    YearLocal {
        total,
        distribution: cost_distribution_on(&budget, rounding, basis, total),
        outcome_distribution: outcome
            .as_ref()
            .map(|o| cost_distribution_on(o, rounding, basis, total)),
        follow_up: if sums_ok {
            follow_up_fitting(plan, year, OutcomeBasis::Best, budget_income, paid)
        } else {
            follow_up_with(follow_plan, year, OutcomeBasis::Best, budget_income, paid)
        },
        budget,
        outcome,
    }
}

/// The equity roll-forward's input of a year.
pub(super) fn equity_input(
    plan: &Plan,
    year: Year,
    total: Option<Amount>,
    budget: &BudgetFigures,
    meta: &YearMeta,
) -> EquityInput {
    let (capital_contribution, actual_result, closing_equity) = match plan.year_inputs.get(&year) {
        Some(yi) if meta.sums_ok => (yi.capital_contribution, yi.actual_result, yi.closing_equity),
        _ => (Amount::ZERO, None, None),
    };
    // Funding but no budget line and no outcome: the year has no result (docs/equity.md).
    let no_result = meta.sums_ok
        && total.is_some_and(|t| t > Amount::ZERO)
        && !meta.budgeted
        && meta.outcome_if_closed.is_none();
    EquityInput {
        year,
        total,
        budgeted_result: budget.result,
        actual_result,
        outcome_result: meta.outcome_result,
        forecast_result: meta.forecast_result,
        capital_contribution,
        budgeted_contributions: total.map(|_| budget.member_income),
        budgeted_revenue: total.map(|_| budget.operating_income),
        closing_equity,
        no_result,
    }
}

/// Rolls equity forward again over `years` (after some years' local figures changed) and
/// rebuilds the multi-year table and the warnings: the part of the report that spans years.
pub(crate) fn finish_report(plan: &Plan, report: &mut Report, metas: &[YearMeta]) {
    let inputs: Vec<EquityInput> = report
        .years
        .iter()
        .zip(metas)
        .map(|(y, m)| equity_input(plan, y.year, y.total, &y.budget, m))
        .collect();
    let equity = equity_roll_forward(plan.opening_equity, &plan.settings, &inputs);
    for (y, e) in report.years.iter_mut().zip(equity) {
        y.equity = e;
    }
    let (multi_year, warnings) = year_spanning(plan, &report.years, metas);
    report.multi_year = multi_year;
    report.warnings = warnings;
}

/// The multi-year table and the warnings of computed years.
pub(super) fn year_spanning(
    plan: &Plan,
    years: &[YearReport],
    metas: &[YearMeta],
) -> (Vec<MultiYearRow>, Vec<Warning>) {
    let multi_year = multi_year_table(years);
    let mut warnings = warnings(plan, years, metas);
    if metas.iter().any(|m| !m.sums_ok) {
        warnings.extend(
            years
                .iter()
                .zip(metas)
                .filter(|(_, m)| !m.sums_ok)
                .map(|(y, _)| Warning::SumsTooLarge { year: y.year }),
        );
        // Plan-wide first, then by year (stable: each year's own order is kept).
        warnings.sort_by_key(Warning::year);
    }
    (multi_year, warnings)
}

pub(super) fn compute_plan(plan: &Plan, scenario: Option<ScenarioId>) -> Report {
    compute_with_metas(plan, scenario).0
}

/// [`compute_plan`] with the per-year [`YearMeta`]s ([`Recalc`](crate::Recalc) keeps them).
pub(crate) fn compute_with_metas(
    plan: &Plan,
    scenario: Option<ScenarioId>,
) -> (Report, Vec<YearMeta>) {
    let allocations = plan.allocations();
    let mut metas: Vec<YearMeta> = allocations
        .iter()
        .map(|(year, a)| YearMeta {
            key_warnings: missing_key_warnings(plan, *year),
            ..year_meta(plan, *year, a)
        })
        .collect();
    sums_ok_chain(plan, &mut metas);
    let locals: Vec<YearLocal> = allocations
        .iter()
        .zip(metas.iter_mut())
        .map(|((year, allocation), meta)| year_local(plan, *year, allocation, meta))
        .collect();
    let inputs: Vec<EquityInput> = allocations
        .iter()
        .zip(&locals)
        .zip(&metas)
        .map(|(((year, _), l), m)| equity_input(plan, *year, l.total, &l.budget, m))
        .collect();
    let equity = equity_roll_forward(plan.opening_equity, &plan.settings, &inputs);
    let years: Vec<YearReport> = allocations
        .into_iter()
        .zip(locals)
        .zip(equity)
        .map(|(((year, allocation), l), e)| l.with_equity(year, allocation, e))
        .collect();
    let (multi_year, warnings) = year_spanning(plan, &years, &metas);
    (
        Report {
            scenario,
            years,
            multi_year,
            warnings,
        },
        metas,
    )
}

pub(super) fn multi_year_table(years: &[YearReport]) -> Vec<MultiYearRow> {
    let mut prev: Option<Amount> = None;
    years
        .iter()
        .map(|y| {
            let net = y.budget.net_costs;
            let change = prev.and_then(|p| percent_of(sub(net, p).value(), p.value()));
            prev = Some(net);
            MultiYearRow {
                year: y.year,
                total: y.total,
                costs: y.budget.operating_costs,
                net_costs: net,
                net_cost_change_percent: change,
                result: y.equity.result,
                equity: y.equity.closing,
                ratio: y.equity.ratio,
                above_ceiling: y.equity.above_ceiling,
                below_floor: y.equity.below_floor,
                known: y.equity.known,
                result_known: y.equity.result_known,
            }
        })
        .collect()
}
