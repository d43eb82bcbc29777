//! Budget arithmetic of docs/budget.md: sums per category (split lines distributed by their
//! percentages at full precision), *Summa direkta insatskostnader*, *Summa administrativa
//! kostnader*, *Verksamhetens kostnader / intäkter / resultat*, financial items, *Årets
//! resultat* and the planned use of equity.
//!
//! The same arithmetic runs on budget amounts ([`budget_figures`]) and on outcome
//! ([`outcome_figures`]). Costs and income are positive numbers; a negative amount on a cost
//! line is net income (Södra Dalarna's *Publikationer* −10 tkr). Nothing is rounded here.
//!
//! *Verksamhetens intäkter* = what the members actually pay (Σ member amounts, i.e. T plus the
//! *avrundningsdifferens*) + *övriga intäkter*. This is how the annual reports book it: GV-01,
//! VM 2024: 19 037 999 + 4 564 = 19 042 563 (VM årsredovisning 2024), not T + övriga.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Amount;
use crate::plan::{BudgetLine, Category, Outcome, Plan, Year};

/// Which outcome of a line a follow-up or an outcome computation uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutcomeBasis {
    /// The final outcome when given, else the year-to-date outcome ([`Outcome::best`]).
    #[default]
    Best,
    /// Only the year-to-date outcome (*ack. utfall*).
    YearToDate,
    /// Only the final outcome.
    Final,
}

impl OutcomeBasis {
    /// The outcome amount on this basis, `None` when the line has none.
    pub fn pick(self, outcome: &Outcome) -> Option<Amount> {
        match self {
            OutcomeBasis::Best => outcome.best(),
            OutcomeBasis::YearToDate => outcome.ytd,
            OutcomeBasis::Final => outcome.final_amount,
        }
    }

    /// The outcome of `line` in `year` on this basis.
    pub fn of_line(self, line: &BudgetLine, year: Year) -> Option<Amount> {
        line.outcome.get(&year).and_then(|o| self.pick(o))
    }

    /// Swedish label: `Utfall`, `Ack. utfall`, `Utfall helår`.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeBasis::Best => "Utfall",
            OutcomeBasis::YearToDate => "Ack. utfall",
            OutcomeBasis::Final => "Utfall helår",
        }
    }
}

/// How a line's amount is distributed: `(category, percent)` pairs summing to 100.
///
/// A plain line gives `[(category, 100)]`. A split line gives its shares; when the shares do not
/// sum to 100, the remainder (100 − sum, possibly negative) goes to the line's own category, or
/// to "uncategorised" (`None`) — so the line's whole amount is always accounted for (and the
/// plan gets a warning).
pub(crate) fn line_distribution(line: &BudgetLine) -> Vec<(Option<Category>, Decimal)> {
    if !line.is_split() {
        return vec![(line.category, Decimal::ONE_HUNDRED)];
    }
    let mut out: Vec<(Option<Category>, Decimal)> = line
        .split
        .iter()
        .map(|s| (Some(s.category), s.percent))
        .collect();
    let sum = split_sum(line);
    if sum != Decimal::ONE_HUNDRED {
        out.push((line.category, Decimal::ONE_HUNDRED.saturating_sub(sum)));
    }
    out
}

/// Sum of a split line's percentages (0 for a plain line).
pub(crate) fn split_sum(line: &BudgetLine) -> Decimal {
    line.split
        .iter()
        .fold(Decimal::ZERO, |a, s| a.saturating_add(s.percent))
}

/// `amount × percent / 100` at full precision (saturating on absurd input, never panics).
pub(crate) fn share_of(amount: Amount, percent: Decimal) -> Amount {
    if percent == Decimal::ONE_HUNDRED {
        return amount;
    }
    let v = amount.value().saturating_mul(percent);
    Amount(v.checked_div(Decimal::ONE_HUNDRED).unwrap_or(v))
}

/// `a + b` for the figures of one year. Saturates only beyond Decimal's range, which the
/// figures never reach: every public figure function first checks the year's weight
/// ([`year_sums_fit`], at most 10^25 kr per year and 10^27 kr per plan) and gives zero
/// figures for a year that is too large (the report's `Warning::SumsTooLarge`).
pub(crate) fn add(a: Amount, b: Amount) -> Amount {
    Amount(a.value().saturating_add(b.value()))
}

/// `a - b`; bounded like [`add`].
pub(crate) fn sub(a: Amount, b: Amount) -> Amount {
    Amount(a.value().saturating_sub(b.value()))
}

/// Sums per category of a set of lines, with split lines distributed at full precision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTotals {
    /// The sum per category (every category present, zero when empty).
    pub categories: BTreeMap<Category, Amount>,
    /// Amounts of lines (or split remainders) without a category. They count as costs.
    pub uncategorized: Amount,
}

impl CategoryTotals {
    /// All categories at zero.
    pub fn zero() -> Self {
        CategoryTotals {
            categories: Category::ALL.iter().map(|c| (*c, Amount::ZERO)).collect(),
            uncategorized: Amount::ZERO,
        }
    }

    /// The sum of one category.
    pub fn get(&self, category: Category) -> Amount {
        self.categories.get(&category).copied().unwrap_or_default()
    }

    /// Adds `amount` of `line` (distributed by its split) to the sums.
    pub fn add_line(&mut self, line: &BudgetLine, amount: Amount) {
        if amount.is_zero() {
            return;
        }
        if !line.is_split() {
            return self.add_to(line.category, amount);
        }
        for (category, percent) in line_distribution(line) {
            self.add_to(category, share_of(amount, percent));
        }
    }

    /// Adds `amount` to one category (`None` = uncategorised).
    pub fn add_to(&mut self, category: Option<Category>, amount: Amount) {
        match category {
            Some(c) => {
                let slot = self.categories.entry(c).or_default();
                *slot = add(*slot, amount);
            }
            None => self.uncategorized = add(self.uncategorized, amount),
        }
    }

    /// Sums `value(line)` over `lines`.
    pub fn of_lines<'a>(
        lines: impl IntoIterator<Item = &'a BudgetLine>,
        value: impl Fn(&BudgetLine) -> Option<Amount>,
    ) -> Self {
        // Accumulate in an array (index = position in `Category::ALL`), then build the map.
        let mut sums = [Decimal::ZERO; 8];
        let mut uncategorized = Decimal::ZERO;
        let mut add = |c: Option<Category>, a: Amount| match c {
            Some(c) => {
                if let Some(s) = sums.get_mut(c as usize) {
                    *s = s.saturating_add(a.value());
                }
            }
            None => uncategorized = uncategorized.saturating_add(a.value()),
        };
        for line in lines {
            let Some(a) = value(line) else { continue };
            if a.is_zero() {
                continue;
            }
            if line.is_split() {
                for (c, percent) in line_distribution(line) {
                    add(c, share_of(a, percent));
                }
            } else {
                add(line.category, a);
            }
        }
        CategoryTotals {
            categories: Category::ALL
                .iter()
                .map(|c| {
                    (
                        *c,
                        Amount(sums.get(*c as usize).copied().unwrap_or_default()),
                    )
                })
                .collect(),
            uncategorized: Amount(uncategorized),
        }
    }
}

/// The computed figures of one year, all in kronor at full precision (docs/budget.md).
///
/// Costs and income are positive; results are signed (negative = deficit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetFigures {
    /// Sum per category (split lines distributed by their percentages).
    pub categories: BTreeMap<Category, Amount>,
    /// Lines without a category (counted as costs, outside the cost distribution; a warning).
    pub uncategorized: Amount,
    /// *Summa direkta insatskostnader* (Individ + Struktur + Processtöd).
    pub direct_costs: Amount,
    /// *Summa administrativa kostnader* (Styrelse + Kansli).
    pub admin_costs: Amount,
    /// *Verksamhetens kostnader* = direct + admin + uncategorised (excl. financial items).
    pub operating_costs: Amount,
    /// What the members pay: Σ member amounts (T plus the rounding difference).
    pub member_income: Amount,
    /// *Övriga intäkter*.
    pub other_income: Amount,
    /// *Verksamhetens intäkter* = member income + övriga intäkter.
    pub operating_income: Amount,
    /// *Verksamhetens resultat* = intäkter − kostnader.
    pub operating_result: Amount,
    /// *Finansiella intäkter*.
    pub financial_income: Amount,
    /// *Finansiella kostnader*.
    pub financial_costs: Amount,
    /// Financial income − financial costs.
    pub financial_net: Amount,
    /// *Årets resultat* = verksamhetens resultat + financial net.
    pub result: Amount,
    /// Planned use of equity = −result when the result is negative, else 0.
    pub planned_equity_use: Amount,
    /// Net costs = verksamhetens kostnader − övriga intäkter (Södra Dalarna's "budget netto").
    pub net_costs: Amount,
}

impl BudgetFigures {
    /// Derives every figure from the category sums and the members' payments.
    pub fn from_totals(totals: CategoryTotals, member_income: Amount) -> Self {
        let g = |c: Category| totals.get(c);
        let direct_costs = add(
            add(
                g(Category::Individinsatser),
                g(Category::Strukturpaverkande),
            ),
            g(Category::Processtod),
        );
        let admin_costs = add(g(Category::Styrelse), g(Category::Kansli));
        let operating_costs = add(add(direct_costs, admin_costs), totals.uncategorized);
        let other_income = g(Category::OvrigaIntakter);
        let operating_income = add(member_income, other_income);
        let operating_result = sub(operating_income, operating_costs);
        let financial_income = g(Category::FinansiellaIntakter);
        let financial_costs = g(Category::FinansiellaKostnader);
        let financial_net = sub(financial_income, financial_costs);
        let result = add(operating_result, financial_net);
        let planned_equity_use = if result.value().is_sign_negative() && !result.is_zero() {
            result.abs()
        } else {
            Amount::ZERO
        };
        BudgetFigures {
            uncategorized: totals.uncategorized,
            categories: totals.categories,
            direct_costs,
            admin_costs,
            operating_costs,
            member_income,
            other_income,
            operating_income,
            operating_result,
            financial_income,
            financial_costs,
            financial_net,
            result,
            planned_equity_use,
            net_costs: sub(operating_costs, other_income),
        }
    }

    /// The sum of one category.
    pub fn category(&self, category: Category) -> Amount {
        self.categories.get(&category).copied().unwrap_or_default()
    }
}

/// The budget figures of `year`: line amounts plus the members' payments `member_income`.
/// A year too large to sum exactly gets zero figures (never saturated ones), as in the report
/// (`Warning::SumsTooLarge`).
pub fn budget_figures(plan: &Plan, year: Year, member_income: Amount) -> BudgetFigures {
    if !year_sums_fit(plan, year, member_income) {
        return BudgetFigures::from_totals(CategoryTotals::zero(), Amount::ZERO);
    }
    budget_figures_fitting(plan, year, member_income)
}

/// [`budget_figures`] of a year the caller knows fits ([`year_sums_fit`]).
pub(crate) fn budget_figures_fitting(
    plan: &Plan,
    year: Year,
    member_income: Amount,
) -> BudgetFigures {
    let totals = CategoryTotals::of_lines(&plan.lines, |l| l.amounts.get(&year).copied());
    BudgetFigures::from_totals(totals, member_income)
}

/// The outcome figures of `year` on `basis` (a line without outcome counts as 0). The members'
/// payments are fixed for the year, so the outcome uses the same `member_income` as the budget.
/// A year too large to sum exactly gets zero figures, like [`budget_figures`].
pub fn outcome_figures(
    plan: &Plan,
    year: Year,
    basis: OutcomeBasis,
    member_income: Amount,
) -> BudgetFigures {
    if !year_sums_fit(plan, year, member_income) {
        return BudgetFigures::from_totals(CategoryTotals::zero(), Amount::ZERO);
    }
    outcome_figures_fitting(plan, year, basis, member_income)
}

/// [`outcome_figures`] of a year the caller knows fits ([`year_sums_fit`]).
pub(crate) fn outcome_figures_fitting(
    plan: &Plan,
    year: Year,
    basis: OutcomeBasis,
    member_income: Amount,
) -> BudgetFigures {
    let totals = CategoryTotals::of_lines(&plan.lines, |l| basis.of_line(l, year));
    BudgetFigures::from_totals(totals, member_income)
}

/// True when any line has an outcome for `year` on `basis`.
pub fn has_outcome(plan: &Plan, year: Year, basis: OutcomeBasis) -> bool {
    plan.lines.iter().any(|l| basis.of_line(l, year).is_some())
}

/// The most one year's amounts may weigh (see [`year_weight`]): 10^25 kr.
pub(crate) const YEAR_WEIGHT_LIMIT: Decimal =
    Decimal::from_parts(1_241_513_984, 370_409_800, 542_101, false, 0);
/// The most all years together may weigh, with the opening equity: 10^27 kr.
pub(crate) const PLAN_WEIGHT_LIMIT: Decimal =
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
pub(crate) fn year_weight(plan: &Plan, year: Year, member_income: Amount) -> Option<Decimal> {
    let mut weight = member_income.value().abs();
    for line in &plan.lines {
        let outcome = line.outcome.get(&year).copied().unwrap_or_default();
        let amounts = [
            line.amounts.get(&year).copied(),
            outcome.ytd,
            outcome.final_amount,
            outcome.forecast,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{LineId, SplitShare};

    fn line(id: u32, cat: Option<Category>, amount: i64) -> BudgetLine {
        let mut l = BudgetLine::new(LineId(id), format!("L{id}"), cat);
        l.amounts.insert(2026, Amount::kr(amount));
        l
    }

    #[test]
    fn split_line_distributes_at_full_precision() {
        let mut l = line(1, Some(Category::Kansli), 1001);
        l.split = vec![
            SplitShare {
                category: Category::Kansli,
                percent: Decimal::from(50),
            },
            SplitShare {
                category: Category::Processtod,
                percent: Decimal::from(50),
            },
        ];
        let t = CategoryTotals::of_lines([&l], |l| l.amounts.get(&2026).copied());
        assert_eq!(
            t.get(Category::Kansli).value(),
            "500.5".parse::<Decimal>().unwrap()
        );
        assert_eq!(
            t.get(Category::Processtod).value(),
            "500.5".parse::<Decimal>().unwrap()
        );
    }

    #[test]
    fn split_remainder_goes_to_line_category() {
        let mut l = line(1, None, 1000);
        l.split = vec![SplitShare {
            category: Category::Kansli,
            percent: Decimal::from(70),
        }];
        let t = CategoryTotals::of_lines([&l], |l| l.amounts.get(&2026).copied());
        assert_eq!(t.get(Category::Kansli), Amount::kr(700));
        assert_eq!(t.uncategorized, Amount::kr(300));
    }

    #[test]
    fn category_index_matches_all_order() {
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
    }

    #[test]
    fn figures_follow_the_report_identities() {
        // VM 2024 outcome in kr (GV-11, VM årsredovisning 2024).
        let mut t = CategoryTotals::zero();
        t.add_to(Some(Category::Individinsatser), Amount::kr(12_705_567));
        t.add_to(Some(Category::Strukturpaverkande), Amount::kr(2_190_763));
        t.add_to(Some(Category::Processtod), Amount::kr(1_814_996));
        t.add_to(Some(Category::Kansli), Amount::kr(2_435_872));
        t.add_to(Some(Category::OvrigaIntakter), Amount::kr(4_564));
        t.add_to(Some(Category::FinansiellaIntakter), Amount::kr(246_567));
        t.add_to(Some(Category::FinansiellaKostnader), Amount::kr(60_154));
        let f = BudgetFigures::from_totals(t, Amount::kr(19_037_999));
        assert_eq!(f.direct_costs, Amount::kr(16_711_326));
        assert_eq!(f.operating_costs, Amount::kr(19_147_198));
        assert_eq!(f.operating_income, Amount::kr(19_042_563));
        assert_eq!(f.operating_result, Amount::kr(-104_635));
        assert_eq!(f.result, Amount::kr(81_778));
        assert_eq!(f.planned_equity_use, Amount::ZERO);
    }
}
