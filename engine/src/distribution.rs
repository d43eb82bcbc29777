//! Cost distribution (docs/budget.md, docs/budget.md, *Kostnaderna har fördelats enligt följande*):
//! Individinsatser, Strukturpåverkande insatser, Processtöd and Administration as percent of
//! *verksamhetens kostnader*, plus the direct share.
//!
//! Every share is given three ways: exact (full precision; display with one decimal), whole
//! percent by largest remainder (sums to 100; ties go to the earlier group in the order above)
//! and whole percent rounded independently half-up (may sum to 99 or 101, as NV 2021 printed).
//! [`PercentRounding`] in the settings picks the headline ([`CostShare::whole`]).
//!
//! The base is the categorised *verksamhetens kostnader* (direct + administrative) by default.
//! Costs of uncategorised lines are left out of the distribution (and the plan gets a warning),
//! so the four shares always describe 100 %. [`DistributionBase`] offers two more bases the
//! reports use: costs net of income (*övriga intäkter* netted against administration,
//! Västmanland 2023's 69/4/8/19) and the share of the *medelstilldelning* (Västerås 2021's
//! 81/11/11, which need not sum to 100: no largest remainder is forced on that base).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::{add, BudgetFigures};
use crate::money::{largest_remainder, percent_of, round_half_up, Amount, RemainderTie};
use crate::plan::{Category, DistributionBase, PercentRounding};

/// The four groups of the cost distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CostGroup {
    /// Individinsatser.
    Individinsatser,
    /// Strukturpåverkande insatser.
    Strukturpaverkande,
    /// Processtöd samverkansinsatser.
    Processtod,
    /// Administration (Styrelse + Kansli).
    Administration,
}

impl CostGroup {
    /// The groups in report order (also the tie-break order of the largest remainder).
    pub const ALL: [CostGroup; 4] = [
        CostGroup::Individinsatser,
        CostGroup::Strukturpaverkande,
        CostGroup::Processtod,
        CostGroup::Administration,
    ];

    /// Swedish label, as in the annual reports.
    pub fn label(self) -> &'static str {
        match self {
            CostGroup::Individinsatser => "Individinsatser",
            CostGroup::Strukturpaverkande => "Strukturpåverkande insatser",
            CostGroup::Processtod => "Processtöd samverkansinsatser",
            CostGroup::Administration => "Administration",
        }
    }

    /// True for the three direct groups.
    pub fn is_direct(self) -> bool {
        self != CostGroup::Administration
    }

    fn amount(self, f: &BudgetFigures) -> Amount {
        match self {
            CostGroup::Individinsatser => f.category(Category::Individinsatser),
            CostGroup::Strukturpaverkande => f.category(Category::Strukturpaverkande),
            CostGroup::Processtod => f.category(Category::Processtod),
            CostGroup::Administration => f.admin_costs,
        }
    }
}

/// One share of the distribution. Percentages are in percent points; `None` when the base is 0
/// (shown as "–").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostShare {
    /// The amount in kronor.
    pub amount: Amount,
    /// Exact percent of the base (full precision).
    pub percent: Option<Decimal>,
    /// Whole percent by largest remainder (the four groups sum to 100).
    pub whole_largest_remainder: Option<Decimal>,
    /// Whole percent, each rounded half-up on its own.
    pub whole_independent: Option<Decimal>,
}

impl CostShare {
    /// The exact percent rounded half-up to one decimal (the display value, e.g. 21,2 %).
    pub fn one_decimal(&self) -> Option<Decimal> {
        self.percent.map(|p| round_half_up(p, 1))
    }

    /// The whole percent under `rounding` (the headline figure).
    pub fn whole(&self, rounding: PercentRounding) -> Option<Decimal> {
        match rounding {
            PercentRounding::LargestRemainder => self.whole_largest_remainder,
            PercentRounding::Independent => self.whole_independent,
        }
    }
}

/// The cost distribution of one year (budget or outcome).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostDistribution {
    /// The base: direct + administrative costs.
    pub base: Amount,
    /// The four groups in [`CostGroup::ALL`] order.
    pub groups: Vec<(CostGroup, CostShare)>,
    /// The direct share (Individ + Struktur + Processtöd). Its largest-remainder whole percent is
    /// the sum of the three groups' (so the printed figures add up, as VM's "87 %").
    pub direct: CostShare,
    /// The rounding the plan's settings choose for the headline.
    pub rounding: PercentRounding,
    /// What the percentages are measured against.
    #[serde(default)]
    pub basis: DistributionBase,
}

impl CostDistribution {
    /// The share of one group.
    pub fn group(&self, group: CostGroup) -> &CostShare {
        // `groups` always holds all four groups in order; an empty share is the fallback.
        static EMPTY: CostShare = CostShare {
            amount: Amount::ZERO,
            percent: None,
            whole_largest_remainder: None,
            whole_independent: None,
        };
        self.groups
            .get(group as usize)
            .map_or(&EMPTY, |(_, share)| share)
    }

    /// The caption stating the base, e.g. `Kostnadsfördelning, andel av medelstilldelningen …`.
    pub fn caption(&self) -> String {
        format!("Kostnadsfördelning, {}", self.basis.label())
    }
}

/// Whole percents by largest remainder (Hamilton): floors, then the remaining points to the
/// largest remainders; ties go to the earlier entry. `None` when the total is zero.
pub(crate) fn largest_remainder_percents(amounts: &[Amount]) -> Option<Vec<Decimal>> {
    let base = amounts.iter().fold(Amount::ZERO, |a, b| add(a, *b));
    let exact: Vec<Decimal> = amounts
        .iter()
        .map(|a| percent_of(a.value(), base.value()))
        .collect::<Option<Vec<_>>>()?;
    largest_remainder(
        &exact,
        Decimal::ONE,
        Decimal::ONE_HUNDRED,
        RemainderTie::Earlier,
    )
}

/// Computes the cost distribution of `figures` on gross costs; `rounding` picks the headline.
pub fn cost_distribution(figures: &BudgetFigures, rounding: PercentRounding) -> CostDistribution {
    cost_distribution_on(figures, rounding, DistributionBase::GrossCosts, None)
}

/// Computes the cost distribution of `figures` on `basis`; `total` is the year's
/// *medelstilldelning* (needed for [`DistributionBase::Allocation`]; without it every percent
/// is `None`). On the allocation base the whole percents are rounded independently on both
/// roundings (the shares need not sum to 100).
pub fn cost_distribution_on(
    figures: &BudgetFigures,
    rounding: PercentRounding,
    basis: DistributionBase,
    total: Option<Amount>,
) -> CostDistribution {
    let mut amounts: Vec<Amount> = CostGroup::ALL.iter().map(|g| g.amount(figures)).collect();
    if basis == DistributionBase::NetCosts {
        if let Some(a) = amounts.get_mut(3) {
            *a = crate::budget::sub(*a, figures.other_income);
        }
    }
    let costs = amounts.iter().fold(Amount::ZERO, |a, b| add(a, *b));
    let (base, lr) = match basis {
        DistributionBase::Allocation => (total.unwrap_or_default(), None),
        _ => (costs, largest_remainder_percents(&amounts)),
    };
    let groups: Vec<(CostGroup, CostShare)> = CostGroup::ALL
        .iter()
        .zip(&amounts)
        .enumerate()
        .map(|(i, (g, a))| {
            let percent = percent_of(a.value(), base.value());
            (
                *g,
                CostShare {
                    amount: *a,
                    percent,
                    whole_largest_remainder: match &lr {
                        Some(v) => v.get(i).copied(),
                        None if basis == DistributionBase::Allocation => {
                            percent.map(|p| round_half_up(p, 0))
                        }
                        None => None,
                    },
                    whole_independent: percent.map(|p| round_half_up(p, 0)),
                },
            )
        })
        .collect();
    let direct_amount = amounts.iter().take(3).fold(Amount::ZERO, |a, b| add(a, *b));
    let direct_percent = percent_of(direct_amount.value(), base.value());
    let direct = CostShare {
        amount: direct_amount,
        percent: direct_percent,
        whole_largest_remainder: match &lr {
            Some(v) => v
                .iter()
                .take(3)
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b)),
            None if basis == DistributionBase::Allocation => {
                direct_percent.map(|p| round_half_up(p, 0))
            }
            None => None,
        },
        whole_independent: direct_percent.map(|p| round_half_up(p, 0)),
    };
    CostDistribution {
        base,
        groups,
        direct,
        rounding,
        basis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(v: &[i64]) -> Vec<Amount> {
        v.iter().map(|k| Amount::kr(*k)).collect()
    }

    #[test]
    fn largest_remainder_table() {
        let cases: [(&[i64], &[i64]); 4] = [
            // GV-10 NV 2021
            (&[5_074_808, 395_004, 432_113, 1_175_871], &[72, 5, 6, 17]),
            // GV-11 VM 2024 utfall
            (
                &[12_705_567, 2_190_763, 1_814_996, 2_435_872],
                &[66, 11, 10, 13],
            ),
            // equal thirds: ties go to the earliest
            (&[1, 1, 1], &[34, 33, 33]),
            (&[0, 0, 5], &[0, 0, 100]),
        ];
        for (amounts, want) in cases {
            let got = largest_remainder_percents(&kr(amounts)).unwrap();
            let want: Vec<Decimal> = want.iter().map(|w| Decimal::from(*w)).collect();
            assert_eq!(got, want, "{amounts:?}");
        }
        assert_eq!(largest_remainder_percents(&kr(&[0, 0])), None);
    }
}
