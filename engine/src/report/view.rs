//! The report a view of the budget year shows (docs/budget.md "Vyerna och beslutet"):
//! Uppföljning, Kommun and Eget kapital compute each year on the version the year shows
//! ([`ViewVersion`]: by default the adopted version in force, with the draft's outcome,
//! forecast and closing inputs), and roll the equity across years as one chain.
//!
//! The chain: each year's allocation, budget, outcome and follow-up are computed on its own
//! source plan ([`Plan::year_source`]); the year's equity input (funding, budgeted result,
//! capital contribution, outcome, forecast and closing inputs) is that plan's; the equity then
//! rolls from the **draft's** opening equity with the **draft's** ceiling, floor and ratio
//! base, so each year's *EK IB* is the previous year's *EK UB* as this chain computes it.

use super::compute::{compute_with_metas, equity_input, year_spanning};
use super::{compute, Report, Warning, YearMeta, YearReport};
use crate::budget::OutcomeBasis;
use crate::equity::equity_roll_forward;
use crate::followup::{follow_up_with, FollowUp};
use crate::plan::{Plan, Year};
use crate::versions::{ViewVersion, YearSource};

/// A view's report with where each year's figures come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewReport {
    /// The report: per year computed on its source, the equity rolled across the years.
    pub report: Report,
    /// Each plan year's source, in year order.
    pub sources: Vec<(Year, YearSource)>,
    /// The plans computed on (the draft's content and each version as decided), by source.
    plans: Vec<(YearSource, Plan)>,
}

impl ViewReport {
    /// Where `year`'s figures come from (the draft for a year the plan does not have).
    pub fn source(&self, year: Year) -> YearSource {
        self.sources
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, s)| *s)
            .unwrap_or(YearSource::Draft)
    }

    /// The plan `year` is computed on: its version as decided with what is known since, or
    /// the draft's content.
    pub fn plan_of(&self, year: Year) -> Option<&Plan> {
        let source = self.source(year);
        self.plans
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, p)| p)
    }

    /// The follow-up of `year` on `basis` as the view shows it: the budget of the year's
    /// source with the draft's outcome (lines added since the decision have no budget), the
    /// members' income as that year's allocation books it. `None` for a year the plan lacks.
    pub fn follow_up(&self, year: Year, basis: OutcomeBasis) -> Option<FollowUp> {
        let p = self.plan_of(year)?;
        let yr = self.report.year(year)?;
        let paid = yr
            .allocation
            .as_ref()
            .map(|a| a.members_total())
            .unwrap_or(yr.budget.member_income);
        Some(follow_up_with(
            p,
            year,
            basis,
            yr.budget.member_income,
            paid,
        ))
    }

    /// True when every year shows the draft (then the report is the draft's own).
    pub fn all_draft(&self) -> bool {
        self.sources.iter().all(|(_, s)| *s == YearSource::Draft)
    }
}

/// The report of `plan`'s base plan as a view shows it under `choice` (module docs). A plan
/// without an adopted version, or [`ViewVersion::Draft`], gives [`compute`]'s report.
pub fn compute_view(plan: &Plan, choice: ViewVersion) -> ViewReport {
    let sources: Vec<(Year, YearSource)> = plan
        .years
        .iter()
        .map(|y| (*y, plan.year_source(*y, choice)))
        .collect();
    if sources.iter().all(|(_, s)| *s == YearSource::Draft) {
        return ViewReport {
            report: compute(plan),
            sources,
            plans: vec![(YearSource::Draft, plan.content())],
        };
    }
    // Each distinct source computed once, on its own plan.
    let mut computed: Vec<(YearSource, Plan, Report, Vec<YearMeta>)> = Vec::new();
    for (_, source) in &sources {
        if computed.iter().any(|(s, ..)| s == source) {
            continue;
        }
        let Some(p) = plan.source_plan(*source) else {
            continue;
        };
        let (report, metas) = compute_with_metas(&p, None);
        computed.push((*source, p, report, metas));
    }
    // The draft's computation, for a year whose source cannot be computed (never expected:
    // `year_source` names only versions that hold the year).
    if !computed.iter().any(|(s, ..)| *s == YearSource::Draft) {
        let p = plan.content();
        let (report, metas) = compute_with_metas(&p, None);
        computed.push((YearSource::Draft, p, report, metas));
    }
    let mut years: Vec<YearReport> = Vec::with_capacity(sources.len());
    let mut metas: Vec<YearMeta> = Vec::with_capacity(sources.len());
    let mut used: Vec<(Year, YearSource)> = Vec::with_capacity(sources.len());
    for (year, source) in &sources {
        let found = |s: YearSource| {
            computed
                .iter()
                .find(|(c, ..)| *c == s)
                .and_then(|(_, _, r, m)| {
                    let i = r.years.iter().position(|yr| yr.year == *year)?;
                    Some((r.years.get(i)?.clone(), m.get(i)?.clone()))
                })
        };
        let (src, (yr, meta)) = match found(*source) {
            Some(x) => (*source, x),
            None => match found(YearSource::Draft) {
                Some(x) => (YearSource::Draft, x),
                None => continue,
            },
        };
        years.push(yr);
        metas.push(meta);
        used.push((*year, src));
    }
    let plan_of = |source: YearSource| {
        computed
            .iter()
            .find(|(s, ..)| *s == source)
            .map(|(_, p, ..)| p)
    };
    // The equity chain: each year's input from its own plan, rolled from the draft's opening
    // equity with the draft's settings.
    let inputs: Vec<_> = years
        .iter()
        .zip(&metas)
        .zip(&used)
        .map(|((yr, meta), (_, source))| {
            let p = plan_of(*source).unwrap_or(plan);
            equity_input(p, yr.year, yr.total, &yr.budget, meta)
        })
        .collect();
    let equity = equity_roll_forward(plan.opening_equity, &plan.settings, &inputs);
    for (yr, e) in years.iter_mut().zip(equity) {
        yr.equity = e;
    }
    // The warnings: the plan-wide ones of the draft, each year's of its own plan.
    let mut multi_year = Vec::new();
    let mut by_source: Vec<(YearSource, Vec<Warning>)> = Vec::new();
    for (source, p, ..) in &computed {
        let (m, w) = year_spanning(p, &years, &metas);
        if *source == YearSource::Draft || multi_year.is_empty() {
            multi_year = m;
        }
        by_source.push((*source, w));
    }
    let of_source = |source: YearSource| {
        by_source
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, w)| w.as_slice())
            .unwrap_or_default()
    };
    let mut warnings: Vec<Warning> = of_source(YearSource::Draft)
        .iter()
        .filter(|w| w.year().is_none())
        .cloned()
        .collect();
    for (year, source) in &used {
        warnings.extend(
            of_source(*source)
                .iter()
                .filter(|w| w.year() == Some(*year))
                .cloned(),
        );
    }
    ViewReport {
        report: Report {
            scenario: None,
            years,
            multi_year,
            warnings,
        },
        sources: used,
        plans: computed.into_iter().map(|(s, p, ..)| (s, p)).collect(),
    }
}
