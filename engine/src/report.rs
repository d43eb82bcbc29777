//! The computed report of a plan: [`compute`] (or [`compute_scenario`]) turns a [`Plan`] into
//! a [`Report`] — per year the allocation, budget and outcome figures, cost distribution,
//! follow-up and equity — plus the multi-year table and the [`Warning`]s. [`compare`] puts two
//! scenarios side by side.
//!
//! Everything is pure and exact: the same plan always gives the same report, nothing is
//! rounded (display rounds), and bad input never panics — a year whose allocation fails carries
//! the error and a warning instead.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{
    Allocation, AllocationError, Key, KeyMethod, MemberKind, Party, PartyShares,
};
use crate::budget::{
    add, budget_figures_fitting, has_outcome, outcome_figures_fitting, split_sum, sub,
    BudgetFigures, OutcomeBasis,
};
use crate::distribution::{cost_distribution_on, CostDistribution};
use crate::equity::{equity_roll_forward, EquityInput, EquityYear};
use crate::followup::{follow_up_fitting, follow_up_with, FollowUp};
use crate::format::{format_kr, format_percent, format_percent_exact};
use crate::money::{percent_of, Amount};
use crate::plan::{EquityBase, LineId, Plan, ScenarioId, Year};

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
    /// Follow-up per line and subtotal on [`OutcomeBasis::Best`] (see [`follow_up`](crate::follow_up) for another
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
}

impl MultiYearRow {
    /// The year's flags in display order (`Över taket`, `Under golvet`, `Underskott`); none
    /// when the year's equity cannot be known.
    pub fn flags(&self) -> Vec<&'static str> {
        crate::equity::year_flags(
            self.known,
            self.above_ceiling,
            self.below_floor,
            self.result,
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

/// How serious a warning is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth knowing (rounding difference, unallocated budget).
    Info,
    /// Needs attention (equity ceiling/floor, deficit, missing category).
    Warning,
    /// A figure cannot be computed (allocation error).
    Error,
}

/// A warning about the plan (docs/app.md Översikt). [`Warning::message`] gives the Swedish text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Equity ratio strictly above the ceiling.
    EquityAboveCeiling {
        /// Year.
        year: Year,
        /// EK UB.
        equity: Amount,
        /// Ratio in percent.
        ratio: Decimal,
        /// Ceiling in percent.
        ceiling: Decimal,
        /// What the ratio is measured against.
        base: EquityBase,
        /// True when the base is an assumption (next year's funding after the last year).
        assumed: bool,
    },
    /// The members' `Belopp` deviate from the party's amount by more than rounding, accepted
    /// by the year's allow-difference choice.
    AmountDeviation {
        /// Year.
        year: Year,
        /// The party.
        party: Party,
        /// Members' sum − party amount.
        difference: Amount,
    },
    /// A typed actual result differs from the outcome result of a closed year.
    ResultDiffersFromOutcome {
        /// Year.
        year: Year,
        /// The typed result (used).
        typed: Amount,
        /// The outcome result.
        outcome: Amount,
    },
    /// Equity strictly below the floor.
    EquityBelowFloor {
        /// Year.
        year: Year,
        /// EK UB.
        equity: Amount,
        /// The floor.
        floor: Amount,
    },
    /// Negative *årets resultat* (planned use of equity): the actual result of a closed year,
    /// else the budgeted result.
    Deficit {
        /// Year.
        year: Year,
        /// The (negative) result.
        result: Amount,
    },
    /// The members of a party do not sum to the party amount.
    RoundingDifference {
        /// Year.
        year: Year,
        /// The party.
        party: Party,
        /// Members' sum − party amount.
        difference: Amount,
    },
    /// The party shares do not sum to 100 %.
    PartySharesNot100 {
        /// The shares.
        shares: PartyShares,
    },
    /// The allocation of a year cannot be computed.
    AllocationFailed {
        /// Year.
        year: Year,
        /// Why.
        error: AllocationError,
    },
    /// A line without a category (counted as a cost, outside the cost distribution).
    LineWithoutCategory {
        /// The line.
        line: LineId,
        /// Its name.
        name: String,
    },
    /// An active member lacks the key value the key needs.
    MissingKeyValue {
        /// Year.
        year: Year,
        /// Member name.
        member: String,
        /// The key's label (`Invånare`, `Andel`, `Belopp`).
        key: String,
    },
    /// A split line's percentages do not sum to 100 %.
    SplitNot100 {
        /// The line.
        line: LineId,
        /// Its name.
        name: String,
        /// The sum of its percentages.
        sum: Decimal,
    },
    /// The year's amounts are too large to sum exactly; its budget and outcome figures are
    /// left at zero (never a saturated figure) and it adds nothing to equity.
    SumsTooLarge {
        /// Year.
        year: Year,
    },
    /// A year marked *Bokslut klart* whose lines with a non-zero budget lack a final outcome
    /// (some line has an outcome): they count with their year-to-date outcome or 0 kr.
    ClosedWithoutFinalOutcome {
        /// Year.
        year: Year,
        /// The lines lacking a final outcome, in plan order.
        names: Vec<String>,
    },
    /// A year marked *Bokslut klart* without any outcome: equity rolls on the budget.
    ClosedWithoutOutcome {
        /// Year.
        year: Year,
    },
    /// *Ofördelad budget*: verksamhetens intäkter exceed the costs, money not planned for use.
    UnallocatedBudget {
        /// Year.
        year: Year,
        /// Intäkter − kostnader (> 0).
        amount: Amount,
    },
}

impl Warning {
    /// The year the warning concerns (`None` = the whole plan).
    pub fn year(&self) -> Option<Year> {
        match self {
            Warning::EquityAboveCeiling { year, .. }
            | Warning::AmountDeviation { year, .. }
            | Warning::ResultDiffersFromOutcome { year, .. }
            | Warning::EquityBelowFloor { year, .. }
            | Warning::Deficit { year, .. }
            | Warning::RoundingDifference { year, .. }
            | Warning::AllocationFailed { year, .. }
            | Warning::MissingKeyValue { year, .. }
            | Warning::SumsTooLarge { year }
            | Warning::ClosedWithoutFinalOutcome { year, .. }
            | Warning::ClosedWithoutOutcome { year }
            | Warning::UnallocatedBudget { year, .. } => Some(*year),
            Warning::PartySharesNot100 { .. }
            | Warning::LineWithoutCategory { .. }
            | Warning::SplitNot100 { .. } => None,
        }
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        match self {
            Warning::RoundingDifference { .. } | Warning::UnallocatedBudget { .. } => {
                Severity::Info
            }
            Warning::AllocationFailed { error, .. } if error.awaits_input() => Severity::Info,
            Warning::PartySharesNot100 { .. }
            | Warning::AllocationFailed { .. }
            | Warning::SumsTooLarge { .. }
            | Warning::ClosedWithoutOutcome { .. }
            | Warning::MissingKeyValue { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// A short Swedish title, e.g. `Eget kapital över taket`.
    pub fn title(&self) -> &'static str {
        match self {
            Warning::EquityAboveCeiling { .. } => "Eget kapital över taket",
            Warning::AmountDeviation { .. } => "Avvikelse från partens andel",
            Warning::ResultDiffersFromOutcome { .. } => {
                "Angivet resultat skiljer sig från utfallet"
            }
            Warning::EquityBelowFloor { .. } => "Eget kapital under golvet",
            Warning::Deficit { .. } => "Underskott",
            Warning::RoundingDifference { .. } => "Avrundningsdifferens",
            Warning::PartySharesNot100 { .. } => "Partsandelar",
            Warning::AllocationFailed { error, .. } if error.awaits_input() => "Uppgifter saknas",
            Warning::AllocationFailed { .. } => "Fördelningen kan inte beräknas",
            Warning::LineWithoutCategory { .. } => "Post utan kategori",
            Warning::MissingKeyValue { .. } => "Nyckelvärde saknas",
            Warning::SplitNot100 { .. } => "Fördelad post",
            Warning::UnallocatedBudget { .. } => "Ofördelad budget",
            Warning::SumsTooLarge { .. } => "För stora belopp",
            Warning::ClosedWithoutFinalOutcome { .. } => "Slutligt utfall saknas",
            Warning::ClosedWithoutOutcome { .. } => "Utfall saknas",
        }
    }

    /// The Swedish message shown to the user.
    pub fn message(&self) -> String {
        match self {
            Warning::EquityAboveCeiling { year, equity, ratio, ceiling, base, assumed } => format!(
                "Eget kapital {year} ({} kr) är {} av {}{}, över taket {}.",
                format_kr(equity.value()),
                format_percent(*ratio),
                match base {
                    EquityBase::SameYear => "medelstilldelningen",
                    other => other.label(),
                },
                if *assumed { " (antagande)" } else { "" },
                format_percent(*ceiling)
            ),
            Warning::AmountDeviation { year, party, difference } => format!(
                "Avvikelse från partens andel {year}: medlemmarna i {} betalar tillsammans {} kr {} än partens belopp, enligt beslut (avvikelse tillåten).",
                party.label(),
                format_kr(difference.value().abs()),
                if difference.value() > Decimal::ZERO { "mer" } else { "mindre" }
            ),
            Warning::ResultDiffersFromOutcome { year, typed, outcome } => format!(
                "Angivet resultat {year} är {} kr men utfallets resultat är {} kr; eget kapital räknas på det angivna resultatet.",
                format_kr(typed.value()),
                format_kr(outcome.value())
            ),
            Warning::EquityBelowFloor { year, equity, floor } => format!(
                "Eget kapital {year} ({} kr) är under golvet {} kr.",
                format_kr(equity.value()),
                format_kr(floor.value())
            ),
            Warning::Deficit { year, result } => format!(
                "Årets resultat {year} är {} kr (underskott): eget kapital används med {} kr. \
                 Ett negativt resultat ska återställas inom tre år om inte synnerliga skäl finns (t.ex. att tidigare års överskott förbrukas).",
                format_kr(result.value()),
                format_kr(crate::money::negate(result.value()))
            ),
            Warning::RoundingDifference { year, party, difference } => format!(
                "Avrundningsdifferens {year}: medlemmarna i {} betalar tillsammans {} kr {} än partens belopp.",
                party.label(),
                format_kr(difference.value().abs()),
                if difference.value() > Decimal::ZERO { "mer" } else { "mindre" }
            ),
            Warning::PartySharesNot100 { shares } => match shares
                .staten
                .checked_add(shares.region)
                .and_then(|s| s.checked_add(shares.kommuner))
            {
                Some(sum) => format!(
                    "Partsandelarna summerar till {} %, inte 100 %.",
                    format_percent_exact(sum)
                ),
                None => "Partsandelarna summerar inte till 100 %.".to_string(),
            },
            Warning::AllocationFailed { year, error } => {
                crate::allocation::allocation_problem_text(*year, error)
            }
            Warning::LineWithoutCategory { name, .. } => format!(
                "Posten \"{name}\" saknar kategori; den räknas som kostnad men ingår inte i kostnadsfördelningen."
            ),
            Warning::MissingKeyValue { year, member, key } => {
                format!("{member} saknar värde för nyckeln {key} {year}.")
            }
            Warning::SplitNot100 { name, sum, .. } => format!(
                "Den fördelade posten \"{name}\" har andelar som summerar till {} %, inte 100 %.",
                format_percent_exact(*sum)
            ),
            Warning::SumsTooLarge { year } => {
                format!("Beloppen för {year} är för stora att räkna med.")
            }
            Warning::ClosedWithoutFinalOutcome { year, names } => {
                let count = names.len();
                let shown = names.iter().take(3).map(String::as_str).collect::<Vec<_>>();
                let rest = count.saturating_sub(shown.len());
                let more = if rest > 0 {
                    format!(" och {rest} till")
                } else {
                    String::new()
                };
                format!(
                    "Bokslut klart för {year}, men slutligt utfall saknas för {count} {}: {}{more}; de räknas med sitt utfall hittills eller 0 kr.",
                    if count == 1 { "post" } else { "poster" },
                    shown.join(", ")
                )
            }
            Warning::ClosedWithoutOutcome { year } => format!(
                "Bokslut klart för {year}, men inget utfall är inläst: eget kapital räknas på budgeten tills utfallet finns."
            ),
            Warning::UnallocatedBudget { year, amount } => format!(
                "Ofördelad budget {year}: intäkterna överstiger kostnaderna med {} kr som inte är planerade att användas.",
                format_kr(amount.value())
            ),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
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

/// The most one year's amounts may weigh (see [`year_weight`]): 10^25 kr.
const YEAR_WEIGHT_LIMIT: Decimal =
    Decimal::from_parts(1_241_513_984, 370_409_800, 542_101, false, 0);
/// The most all years together may weigh, with the opening equity: 10^27 kr.
const PLAN_WEIGHT_LIMIT: Decimal =
    Decimal::from_parts(3_892_314_112, 2_681_241_660, 54_210_108, false, 0);

/// True when no figure of `year` can saturate: its weight ([`year_weight`], with the members'
/// payments `member_income`) is at most [`YEAR_WEIGHT_LIMIT`]. The public figure functions
/// (budget, outcome, follow-up) check this themselves, so `budget::add`/`budget::sub` never
/// saturate a money figure.
pub(crate) fn year_sums_fit(plan: &Plan, year: Year, member_income: Amount) -> bool {
    year_weight(plan, year, member_income).is_some_and(|w| w <= YEAR_WEIGHT_LIMIT)
}

/// An upper bound of every figure of `year` (budget, outcome, follow-up, distribution): the
/// members' payments plus each line's budget and outcome amounts, a split line's weighted by
/// the sum of its shares' sizes. `None` when even that overflows. While it is at most
/// [`YEAR_WEIGHT_LIMIT`], no sum of the year can saturate, so the figures are exact.
fn year_weight(plan: &Plan, year: Year, member_income: Amount) -> Option<Decimal> {
    let mut weight = member_income.value().abs();
    for line in &plan.lines {
        let outcome = line.outcome.get(&year).copied().unwrap_or_default();
        let amounts = [
            line.amounts.get(&year).copied(),
            outcome.ytd,
            outcome.final_amount,
        ];
        if amounts.iter().all(|a| a.is_none_or(Amount::is_zero)) {
            continue;
        }
        let factor = if line.is_split() {
            let sum = line
                .split
                .iter()
                .try_fold(Decimal::ZERO, |a, s| a.checked_add(s.percent.abs()))?;
            let rest = Decimal::ONE_HUNDRED.checked_sub(split_sum(line))?.abs();
            sum.checked_add(rest)?
                .checked_div(Decimal::ONE_HUNDRED)?
                .max(Decimal::ONE)
        } else {
            Decimal::ONE
        };
        for a in amounts.into_iter().flatten() {
            weight = weight.checked_add(a.value().abs().checked_mul(factor)?)?;
        }
    }
    Some(weight)
}

/// What the report needs of a year besides its [`YearReport`]: the inputs of the weight check
/// and of the equity roll-forward. [`Recalc`](crate::Recalc) keeps one per year so that it can
/// recompute a single year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YearMeta {
    /// What the members actually pay: Σ member amounts (0 when the allocation failed).
    pub members_paid: Amount,
    /// The year's own weight (with its capital contribution and typed result), `None` when it
    /// is over [`YEAR_WEIGHT_LIMIT`] or overflows.
    pub weight: Option<Decimal>,
    /// False when the year is too large to sum exactly (`Warning::SumsTooLarge`): its figures
    /// are zero.
    pub sums_ok: bool,
    /// The outcome result that rolls into equity (closed years with an outcome).
    pub outcome_result: Option<Amount>,
    /// [`year_is_closed`].
    pub closed: bool,
    /// The year's [`Warning::MissingKeyValue`]s (they depend on the allocation's inputs only).
    pub key_warnings: Vec<Warning>,
}

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
fn equity_input(
    plan: &Plan,
    year: Year,
    total: Option<Amount>,
    budget: &BudgetFigures,
    meta: &YearMeta,
) -> EquityInput {
    let (capital_contribution, actual_result) = match plan.year_inputs.get(&year) {
        Some(yi) if meta.sums_ok => (yi.capital_contribution, yi.actual_result),
        _ => (Amount::ZERO, None),
    };
    EquityInput {
        year,
        total,
        budgeted_result: budget.result,
        actual_result,
        outcome_result: meta.outcome_result,
        capital_contribution,
        budgeted_contributions: total.map(|_| budget.member_income),
        budgeted_revenue: total.map(|_| budget.operating_income),
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
fn year_spanning(
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

fn compute_plan(plan: &Plan, scenario: Option<ScenarioId>) -> Report {
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

fn multi_year_table(years: &[YearReport]) -> Vec<MultiYearRow> {
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
            }
        })
        .collect()
}

/// Which key value a member lacks in `year` under `key`, if any.
fn missing_key(key: &Key, values: &crate::plan::KeyValues) -> Option<&'static str> {
    match key {
        Key::Amount => values.amount.is_none().then_some("Belopp"),
        Key::Mix(parts) => {
            parts
                .iter()
                .filter(|p| !p.weight.is_zero())
                .find_map(|p| match p.method {
                    KeyMethod::Population => values.population.is_none().then_some("Invånare"),
                    KeyMethod::Percent => values.percent.is_none().then_some("Andel"),
                    KeyMethod::Equal => None,
                })
        }
    }
}

/// The [`Warning::MissingKeyValue`]s of `year`: key values of the municipalities always, of
/// the regions when there are several.
pub(crate) fn missing_key_warnings(plan: &Plan, year: Year) -> Vec<Warning> {
    let mut out = Vec::new();
    let active = |k: MemberKind| {
        plan.members
            .iter()
            .filter(move |m| m.kind == k && m.is_active(year))
    };
    let several_regions = active(MemberKind::Region).count() > 1;
    for (kind, key) in [
        (MemberKind::Kommun, &plan.settings.kommun_key_for(year)),
        (MemberKind::Region, &plan.settings.region_key_for(year)),
    ] {
        if kind == MemberKind::Region && !several_regions {
            continue;
        }
        for m in active(kind) {
            if let Some(k) = missing_key(key, &m.values_for(year)) {
                out.push(Warning::MissingKeyValue {
                    year,
                    member: m.name.clone(),
                    key: k.to_string(),
                });
            }
        }
    }
    out
}

fn warnings(plan: &Plan, years: &[YearReport], metas: &[YearMeta]) -> Vec<Warning> {
    let mut out = Vec::new();
    let shares_ok = plan.settings.shares.validate().is_ok();
    if !shares_ok {
        out.push(Warning::PartySharesNot100 {
            shares: plan.settings.shares,
        });
    }
    for line in &plan.lines {
        if line.category.is_none() && !line.is_split() {
            out.push(Warning::LineWithoutCategory {
                line: line.id,
                name: line.shown_name().to_string(),
            });
        }
        if line.is_split() {
            let sum = split_sum(line);
            if sum != Decimal::ONE_HUNDRED {
                out.push(Warning::SplitNot100 {
                    line: line.id,
                    name: line.shown_name().to_string(),
                    sum,
                });
            }
        }
    }
    let mut failed = false;
    for (y, meta) in years.iter().zip(metas) {
        let year = y.year;
        let missing = meta.key_warnings.len();
        out.extend(meta.key_warnings.iter().cloned());
        match &y.allocation {
            Ok(a) => {
                for p in &a.parties {
                    if p.deviation {
                        out.push(Warning::AmountDeviation {
                            year,
                            party: p.party,
                            difference: p.rounding_difference,
                        });
                    } else if !p.rounding_difference.is_zero() {
                        out.push(Warning::RoundingDifference {
                            year,
                            party: p.party,
                            difference: p.rounding_difference,
                        });
                    }
                }
            }
            Err(AllocationError::SharesNot100 { .. }) if !shares_ok => {}
            Err(AllocationError::MissingKeyValue { .. }) if missing > 0 => {}
            // The year already has its own error-level warnings.
            Err(AllocationError::PreviousYearFailed { .. }) if !shares_ok || missing > 0 => {}
            // Waiting for the same input as an earlier year: one hint is enough.
            Err(e)
                if e.awaits_input()
                    && out.iter().any(
                        |w| matches!(w, Warning::AllocationFailed { error, .. } if error == e),
                    ) => {}
            Err(e) => out.push(Warning::AllocationFailed {
                year,
                error: e.clone(),
            }),
        }
        if y.allocation.is_err() {
            // The year's figures cannot be computed: its error says so, and the equity from
            // here on builds on an unknown result.
            failed = true;
        }
        if failed {
            continue;
        }
        let b = &y.budget;
        // A closed year rolled on its outcome (no typed result): say what the outcome lacks.
        if y.equity.actual_result.is_none() && meta.closed {
            if !has_outcome(plan, year, OutcomeBasis::Best) {
                out.push(Warning::ClosedWithoutOutcome { year });
            } else {
                let names: Vec<String> = plan
                    .lines
                    .iter()
                    .filter(|l| !l.amount(year).is_zero())
                    .filter(|l| OutcomeBasis::Final.of_line(l, year).is_none())
                    .map(|l| l.shown_name().to_string())
                    .collect();
                if !names.is_empty() {
                    out.push(Warning::ClosedWithoutFinalOutcome { year, names });
                }
            }
        }
        if let (Some(typed), Some(outcome)) = (y.equity.actual_result, y.equity.outcome_result) {
            if typed != outcome {
                out.push(Warning::ResultDiffersFromOutcome {
                    year,
                    typed,
                    outcome,
                });
            }
        }
        // The result that reaches equity: typed, else the outcome of a closed year, else the
        // budget.
        let result = y.equity.result;
        if result.value().is_sign_negative() && !result.is_zero() {
            out.push(Warning::Deficit { year, result });
        }
        if b.operating_result > Amount::ZERO {
            out.push(Warning::UnallocatedBudget {
                year,
                amount: b.operating_result,
            });
        }
        let e = &y.equity;
        if e.above_ceiling {
            if let Some(ratio) = e.ratio {
                out.push(Warning::EquityAboveCeiling {
                    year,
                    equity: e.closing,
                    ratio,
                    ceiling: e.ceiling_percent,
                    base: plan.settings.equity_base,
                    assumed: e.base_assumed,
                });
            }
        }
        if e.below_floor {
            if let Some(floor) = plan.settings.equity_floor {
                out.push(Warning::EquityBelowFloor {
                    year,
                    equity: e.closing,
                    floor,
                });
            }
        }
    }
    out
}

/// An amount in scenario a and b, and `diff = b − a`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountDiff {
    /// Scenario a.
    pub a: Amount,
    /// Scenario b.
    pub b: Amount,
    /// b − a.
    pub diff: Amount,
}

impl AmountDiff {
    /// Builds the pair and its difference.
    pub fn new(a: Amount, b: Amount) -> Self {
        AmountDiff {
            a,
            b,
            diff: sub(b, a),
        }
    }
}

/// A member's payment in two scenarios.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDiff {
    /// Year.
    pub year: Year,
    /// Member name.
    pub name: String,
    /// Stat, Region or Kommun.
    pub kind: MemberKind,
    /// The amounts (0 where the member is absent or the allocation failed).
    pub amount: AmountDiff,
}

/// A budget line in two scenarios.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineDiff {
    /// Year.
    pub year: Year,
    /// The line.
    pub line: LineId,
    /// Its name.
    pub name: String,
    /// The budget amounts.
    pub amount: AmountDiff,
}

/// Key figures of one year in two scenarios.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearDiff {
    /// Year.
    pub year: Year,
    /// *Medelstilldelning* T.
    pub total: AmountDiff,
    /// What the members pay.
    pub member_income: AmountDiff,
    /// *Verksamhetens kostnader*.
    pub operating_costs: AmountDiff,
    /// *Verksamhetens intäkter*.
    pub operating_income: AmountDiff,
    /// *Verksamhetens resultat*.
    pub operating_result: AmountDiff,
    /// *Årets resultat* (used for equity).
    pub result: AmountDiff,
    /// *EK UB*.
    pub equity: AmountDiff,
    /// Equity ratio in a.
    pub ratio_a: Option<Decimal>,
    /// Equity ratio in b.
    pub ratio_b: Option<Decimal>,
    /// Why the year cannot be computed in a (its allocation error), if so; then a's figures
    /// that depend on the funding are not real zeros.
    #[serde(default)]
    pub error_a: Option<String>,
    /// Why the year cannot be computed in b, if so.
    #[serde(default)]
    pub error_b: Option<String>,
}

/// Two scenarios side by side (docs/scenarios.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Scenario a (`None` = base plan).
    pub a: Option<ScenarioId>,
    /// Scenario b.
    pub b: Option<ScenarioId>,
    /// Per member and year (members matched by name), in a's order then b's extra members.
    pub members: Vec<MemberDiff>,
    /// Per line and year, in line order.
    pub lines: Vec<LineDiff>,
    /// Key figures per year.
    pub years: Vec<YearDiff>,
}

impl Comparison {
    /// True when every difference is zero (e.g. a scenario compared with itself).
    pub fn is_zero(&self) -> bool {
        self.members.iter().all(|m| m.amount.diff.is_zero())
            && self.lines.iter().all(|l| l.amount.diff.is_zero())
            && self.years.iter().all(|y| {
                [
                    y.total,
                    y.member_income,
                    y.operating_costs,
                    y.operating_income,
                    y.operating_result,
                    y.result,
                    y.equity,
                ]
                .iter()
                .all(|d| d.diff.is_zero())
                    && y.ratio_a == y.ratio_b
            })
    }
}

/// Compares scenario `a` with scenario `b` (`None` = the base plan); differences are b − a.
pub fn compare(plan: &Plan, a: Option<ScenarioId>, b: Option<ScenarioId>) -> Comparison {
    let pa = plan.resolved(a);
    let pb = plan.resolved(b);
    let ra = compute_plan(&pa, a);
    let rb = compute_plan(&pb, b);
    let mut members = Vec::new();
    let mut years = Vec::new();
    for ya in &ra.years {
        let yb = rb.year(ya.year);
        let ma: Vec<_> = ya
            .allocation
            .as_ref()
            .map(|x| x.members.clone())
            .unwrap_or_default();
        let mb: Vec<_> = yb
            .and_then(|y| y.allocation.as_ref().ok())
            .map(|x| x.members.clone())
            .unwrap_or_default();
        let mut b_by_name: BTreeMap<&str, &crate::allocation::MemberAllocation> =
            mb.iter().map(|m| (m.name.as_str(), m)).collect();
        for m in &ma {
            let other = b_by_name
                .remove(m.name.as_str())
                .map(|x| x.amount)
                .unwrap_or_default();
            members.push(MemberDiff {
                year: ya.year,
                name: m.name.clone(),
                kind: m.kind,
                amount: AmountDiff::new(m.amount, other),
            });
        }
        for m in &mb {
            if b_by_name.contains_key(m.name.as_str()) {
                members.push(MemberDiff {
                    year: ya.year,
                    name: m.name.clone(),
                    kind: m.kind,
                    amount: AmountDiff::new(Amount::ZERO, m.amount),
                });
            }
        }
        let zero = BudgetFigures::from_totals(crate::budget::CategoryTotals::zero(), Amount::ZERO);
        let fb = yb.map(|y| &y.budget).unwrap_or(&zero);
        let fa = &ya.budget;
        let eb = yb.map(|y| &y.equity);
        years.push(YearDiff {
            year: ya.year,
            total: AmountDiff::new(
                ya.total.unwrap_or_default(),
                yb.and_then(|y| y.total).unwrap_or_default(),
            ),
            member_income: AmountDiff::new(fa.member_income, fb.member_income),
            operating_costs: AmountDiff::new(fa.operating_costs, fb.operating_costs),
            operating_income: AmountDiff::new(fa.operating_income, fb.operating_income),
            operating_result: AmountDiff::new(fa.operating_result, fb.operating_result),
            result: AmountDiff::new(ya.equity.result, eb.map(|e| e.result).unwrap_or_default()),
            equity: AmountDiff::new(ya.equity.closing, eb.map(|e| e.closing).unwrap_or_default()),
            ratio_a: ya.equity.ratio,
            ratio_b: eb.and_then(|e| e.ratio),
            error_a: ya.allocation.as_ref().err().map(|e| e.to_string()),
            error_b: yb.and_then(|y| y.allocation.as_ref().err().map(|e| e.to_string())),
        });
    }
    let mut lines = Vec::new();
    for (la, lb) in pa.lines.iter().zip(&pb.lines) {
        for &year in &pa.years {
            lines.push(LineDiff {
                year,
                line: la.id,
                name: la.name.clone(),
                amount: AmountDiff::new(la.amount(year), lb.amount(year)),
            });
        }
    }
    Comparison {
        a,
        b,
        members,
        lines,
        years,
    }
}
