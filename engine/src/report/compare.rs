//! Two scenarios side by side (docs/scenarios.md): per year the allocation, the members and the
//! lines in scenario a and b with the difference.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::compute::compute_plan;
use crate::allocation::MemberKind;
use crate::budget::{sub, BudgetFigures};
use crate::money::Amount;
use crate::plan::{LineId, Plan, ScenarioId, Year};

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
    /// The board's request (*äskande*) of the year, the same in both (a base-plan input).
    #[serde(default)]
    pub requested: Option<Amount>,
}

impl YearDiff {
    /// The equity ratio in b minus a, in percentage points (`None` when either is unknown).
    pub fn ratio_diff(&self) -> Option<Decimal> {
        self.ratio_b
            .zip(self.ratio_a)
            .and_then(|(b, a)| b.checked_sub(a))
    }
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

/// Why a year's figures cannot be shown: its allocation error, else why its equity is unknown
/// when it is a year without any result or builds on one.
fn year_error(y: &super::YearReport) -> Option<String> {
    match &y.allocation {
        Err(e) => Some(e.to_string()),
        // A year without any result (or built on one): its equity is not a figure.
        Ok(_) => y
            .equity
            .unknown_reason()
            .filter(|_| y.equity.missing_result.is_some())
            .map(|why| format!("eget kapital kan inte beräknas: {why}")),
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
            error_a: year_error(ya),
            error_b: yb.and_then(year_error),
            requested: plan.year_input(ya.year).requested,
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
