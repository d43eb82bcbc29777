//! The full-year forecast (*prognos helår*, docs/budget.md "Prognos"): per line and year a
//! forecast made at a period (T1, T2/delår, T3 or a date), typed or imported like the outcome
//! ([`Outcome::forecast`](crate::Outcome)).
//!
//! A line's *prognos* is its final outcome when there is one, else its typed forecast, else
//! its budget (a line nobody forecast is assumed to follow its budget). A year that is not
//! closed and has a typed forecast on any line rolls its equity on the forecast result,
//! labelled "prognos" ([`ResultBasis::Forecast`](crate::figures::ResultBasis)). The follow-up shows per
//! line and subtotal: budget, utfall t.o.m. the period, prognos and *avvikelse* = prognos −
//! budget.

use serde::{Deserialize, Serialize};

use crate::budget::{sub, BudgetFigures, CategoryTotals, OutcomeBasis};
use crate::followup::{follow_up_with, FollowUpRowKind};
use crate::money::Amount;
use crate::plan::{BudgetLine, LineId, Plan, Year};

/// When a forecast was made.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ForecastPeriod {
    /// Tertial 1 (January–April).
    T1,
    /// Tertial 2, the *delårsrapport* (January–August).
    T2,
    /// Tertial 3 (January–December, before the books are closed).
    T3,
    /// Another date, `ÅÅÅÅ-MM-DD`.
    Datum(String),
}

impl ForecastPeriod {
    /// Swedish label: `T1`, `T2 (delår)`, `T3` or the date.
    pub fn label(&self) -> String {
        match self {
            ForecastPeriod::T1 => "T1".to_string(),
            ForecastPeriod::T2 => "T2 (delår)".to_string(),
            ForecastPeriod::T3 => "T3".to_string(),
            ForecastPeriod::Datum(d) => d.clone(),
        }
    }

    /// Reads `T1`, `T2`, `delår`, `T3` or a date `ÅÅÅÅ-MM-DD`; `None` otherwise.
    pub fn parse(text: &str) -> Option<ForecastPeriod> {
        let t = text.trim();
        match t.to_lowercase().as_str() {
            "t1" => Some(ForecastPeriod::T1),
            "t2" | "delår" | "t2 (delår)" | "t2/delår" => Some(ForecastPeriod::T2),
            "t3" => Some(ForecastPeriod::T3),
            _ if crate::versions::is_date(t) => Some(ForecastPeriod::Datum(t.to_string())),
            _ => None,
        }
    }
}

/// The *prognos* of `line` in `year`: final outcome, else typed forecast, else budget.
pub fn line_forecast(line: &BudgetLine, year: Year) -> Amount {
    let o = line.outcome.get(&year);
    o.and_then(|o| o.final_amount.or(o.forecast))
        .unwrap_or_else(|| line.amount(year))
}

/// True when some line of `year` has a typed forecast.
pub fn has_forecast(plan: &Plan, year: Year) -> bool {
    plan.lines
        .iter()
        .any(|l| l.outcome.get(&year).is_some_and(|o| o.forecast.is_some()))
}

/// The figures of `year` on the forecast (each line's [`line_forecast`]), with the members'
/// payments `member_income`. The caller checks that the year fits (`report::year_sums_fit`).
pub(crate) fn forecast_figures_fitting(
    plan: &Plan,
    year: Year,
    member_income: Amount,
) -> BudgetFigures {
    let totals = CategoryTotals::of_lines(&plan.lines, |l| Some(line_forecast(l, year)));
    BudgetFigures::from_totals(totals, member_income)
}

/// One row of the forecast follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastRow {
    /// What kind of row (as in the follow-up).
    pub kind: FollowUpRowKind,
    /// The label as shown (a split line's share carries its percent).
    pub label: String,
    /// The budget line, for line rows.
    pub line: Option<LineId>,
    /// The budget.
    pub budget: Amount,
    /// *Utfall t.o.m. perioden* (the final outcome when known, else the year-to-date one).
    pub outcome: Amount,
    /// True when some outcome is known for the row.
    pub has_outcome: bool,
    /// *Prognos helår*.
    pub forecast: Amount,
    /// True when a forecast was typed for the row (some line of a subtotal).
    pub has_forecast: bool,
    /// *Avvikelse* = prognos − budget.
    pub deviation: Amount,
}

/// The forecast follow-up of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastFollowUp {
    /// The year.
    pub year: Year,
    /// When the forecast was made, if recorded.
    pub period: Option<ForecastPeriod>,
    /// Rows in the follow-up's order.
    pub rows: Vec<ForecastRow>,
}

impl ForecastFollowUp {
    /// The first row with `label`.
    pub fn row(&self, label: &str) -> Option<&ForecastRow> {
        self.rows.iter().find(|r| r.label == label)
    }

    /// The column heading of the forecast: `Prognos T2 (delår)`, or `Prognos helår`.
    pub fn heading(&self) -> String {
        match &self.period {
            Some(p) => format!("Prognos {}", p.label()),
            None => "Prognos helår".to_string(),
        }
    }
}

/// The forecast follow-up of `year`: per line and subtotal (the follow-up's rows) budget,
/// utfall t.o.m. the period, prognos and avvikelse prognos − budget. `budget_member_income`
/// is the decided total T, `paid` what the members pay (as [`follow_up_with`]).
pub fn forecast_follow_up(
    plan: &Plan,
    year: Year,
    budget_member_income: Amount,
    paid: Amount,
) -> ForecastFollowUp {
    let now = follow_up_with(plan, year, OutcomeBasis::Best, budget_member_income, paid);
    // The same rows on a plan whose final outcome is each line's prognos.
    let mut on_forecast = plan.clone();
    on_forecast.versions = Default::default();
    for line in &mut on_forecast.lines {
        let f = line_forecast(line, year);
        let o = line.outcome.entry(year).or_default();
        o.final_amount = Some(f);
    }
    let forecast = follow_up_with(
        &on_forecast,
        year,
        OutcomeBasis::Final,
        budget_member_income,
        paid,
    );
    // Rows holding a typed forecast: lines with one, and sums over such lines.
    let typed = |id: Option<LineId>| {
        id.and_then(|id| plan.line(id))
            .and_then(|l| l.outcome.get(&year))
            .is_some_and(|o| o.forecast.is_some())
    };
    let any_typed = has_forecast(plan, year);
    let rows = now
        .rows
        .iter()
        .zip(&forecast.rows)
        .map(|(r, f)| {
            let fc = f.figures.outcome;
            ForecastRow {
                kind: r.kind,
                label: r.display_label(),
                line: r.line,
                budget: r.figures.budget,
                outcome: r.figures.outcome,
                has_outcome: r.has_outcome,
                forecast: fc,
                has_forecast: match r.kind {
                    FollowUpRowKind::Line => typed(r.line),
                    FollowUpRowKind::Heading => false,
                    _ => any_typed,
                },
                deviation: sub(fc, r.figures.budget),
            }
        })
        .collect();
    ForecastFollowUp {
        year,
        period: plan
            .year_inputs
            .get(&year)
            .and_then(|y| y.forecast_period.clone()),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_label() {
        assert_eq!(ForecastPeriod::parse("delår"), Some(ForecastPeriod::T2));
        assert_eq!(ForecastPeriod::parse(" t1 "), Some(ForecastPeriod::T1));
        assert_eq!(
            ForecastPeriod::parse("2026-05-31"),
            Some(ForecastPeriod::Datum("2026-05-31".into()))
        );
        assert_eq!(ForecastPeriod::parse("T4"), None);
        assert_eq!(ForecastPeriod::T2.label(), "T2 (delår)");
    }
}
