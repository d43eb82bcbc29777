//! Exact money: [`Amount`] in kronor over [`Decimal`], and the rounding helpers every other
//! module uses. Rounding always names its strategy (half-up = away from zero for money).

use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

/// An amount of money in kronor, exact (never a float). Serialised as a decimal string.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Amount(pub Decimal);

impl Amount {
    /// Zero kronor.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// Whole kronor.
    pub fn kr(kronor: i64) -> Amount {
        Amount(Decimal::from(kronor))
    }

    /// The inner decimal value in kronor.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Rounds half-up (away from zero) to a multiple of `unit` kronor.
    pub fn round_to(self, unit: Decimal) -> Amount {
        Amount(round_half_up_to(self.0, unit))
    }

    /// Absolute value.
    pub fn abs(self) -> Amount {
        Amount(self.0.abs())
    }

    /// True when the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Checked addition; `None` on overflow.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// Checked subtraction; `None` on overflow.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).map(Amount)
    }
}

impl From<Decimal> for Amount {
    fn from(d: Decimal) -> Self {
        Amount(d)
    }
}

impl From<i64> for Amount {
    fn from(k: i64) -> Self {
        Amount::kr(k)
    }
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0 + rhs.0)
    }
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl AddAssign for Amount {
    fn add_assign(&mut self, rhs: Amount) {
        self.0 += rhs.0;
    }
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl Sub for Amount {
    type Output = Amount;
    fn sub(self, rhs: Amount) -> Amount {
        Amount(self.0 - rhs.0)
    }
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl SubAssign for Amount {
    fn sub_assign(&mut self, rhs: Amount) {
        self.0 -= rhs.0;
    }
}

impl Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        Amount(negate(self.0))
    }
}

/// `-value`, total: a `Decimal`'s range is symmetric, so flipping the sign never overflows.
pub(crate) fn negate(value: Decimal) -> Decimal {
    let mut n = value;
    n.set_sign_negative(value.is_sign_positive());
    n
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + b)
    }
}

// Operators for tests and the app; the library uses `checked_*` on input-derived values.
#[allow(clippy::arithmetic_side_effects)]
impl<'a> Sum<&'a Amount> for Amount {
    fn sum<I: Iterator<Item = &'a Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + *b)
    }
}

/// Rounds `value` half-up (away from zero) to `dp` decimals.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds `value` half-up (away from zero) to a whole multiple of `unit` (e.g. 1, 100, 1 000).
/// A zero or negative unit leaves the value unchanged.
pub(crate) fn round_half_up_to(value: Decimal, unit: Decimal) -> Decimal {
    if unit <= Decimal::ZERO {
        return value;
    }
    match value.checked_div(unit) {
        Some(q) => q
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .checked_mul(unit)
            .unwrap_or(value),
        None => value,
    }
}

/// Floors `value` to a whole multiple of `unit` (towards negative infinity).
pub(crate) fn floor_to(value: Decimal, unit: Decimal) -> Decimal {
    if unit <= Decimal::ZERO {
        return value;
    }
    match value.checked_div(unit) {
        Some(q) => q.floor().checked_mul(unit).unwrap_or(value),
        None => value,
    }
}

/// How the largest remainder breaks a tie between two equal remainders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemainderTie {
    /// The earlier entry wins (parties in the order Staten, Region, Kommuner; cost groups in
    /// report order).
    Earlier,
    /// The larger exact value wins, then the earlier entry (members: the larger weight).
    LargerThenEarlier,
}

/// Largest remainder (Hamilton) in steps of `unit`: each exact value is floored to the unit,
/// then the units still missing to `target` (target − Σ floors, in whole units) go one each to
/// the entries with the largest remainders, ties broken by `tie`. When more units are missing
/// than there are entries (never, for exact values that sum to the target) the round starts
/// over, twice at most. `None` on overflow. The one rounding rule behind the party split, the
/// balanced member rounding and the whole-percent cost distribution.
pub(crate) fn largest_remainder(
    exact: &[Decimal],
    unit: Decimal,
    target: Decimal,
    tie: RemainderTie,
) -> Option<Vec<Decimal>> {
    let mut floors: Vec<Decimal> = exact.iter().map(|e| floor_to(*e, unit)).collect();
    let assigned = floors
        .iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))?;
    let missing = target.checked_sub(assigned)?.checked_div(unit)?.round();
    let remainders: Vec<Decimal> = exact
        .iter()
        .zip(&floors)
        .map(|(e, f)| e.checked_sub(*f))
        .collect::<Option<_>>()?;
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        let by_remainder = remainders.get(b).cmp(&remainders.get(a));
        match tie {
            RemainderTie::Earlier => by_remainder,
            RemainderTie::LargerThenEarlier => by_remainder
                .then(exact.get(b).cmp(&exact.get(a)))
                .then(a.cmp(&b)),
        }
    });
    let mut left = missing;
    for &i in order.iter().cycle().take(exact.len().saturating_mul(2)) {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(f) = floors.get_mut(i) {
            *f = f.checked_add(unit)?;
        }
        left = left.checked_sub(Decimal::ONE)?;
    }
    Some(floors)
}

/// `part / whole × 100`, or `None` when `whole` is zero (shown as "–").
pub(crate) fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_one_rule() {
        let d = |v: &str| v.parse::<Decimal>().unwrap();
        // Whole percents 33,3 / 33,3 / 33,3 → the earlier entry takes the missing point.
        let thirds = [d("33.34"), d("33.33"), d("33.33")];
        assert_eq!(
            largest_remainder(
                &thirds,
                Decimal::ONE,
                Decimal::ONE_HUNDRED,
                RemainderTie::Earlier
            ),
            Some(vec![d("34"), d("33"), d("33")])
        );
        // Equal remainders: the earlier entry, or the larger exact value first.
        let tied = [d("10.5"), d("20.5"), d("9")];
        assert_eq!(
            largest_remainder(&tied, Decimal::ONE, d("40"), RemainderTie::Earlier),
            Some(vec![d("11"), d("20"), d("9")])
        );
        assert_eq!(
            largest_remainder(
                &tied,
                Decimal::ONE,
                d("40"),
                RemainderTie::LargerThenEarlier
            ),
            Some(vec![d("10"), d("21"), d("9")])
        );
        // Units of 1 000 kr: 6 322 000 split 50/25/25.
        let parts = [d("3161000"), d("1580500"), d("1580500")];
        assert_eq!(
            largest_remainder(&parts, d("1000"), d("6322000"), RemainderTie::Earlier),
            Some(vec![d("3161000"), d("1581000"), d("1580000")])
        );
        assert_eq!(
            largest_remainder(&[], Decimal::ONE, Decimal::ZERO, RemainderTie::Earlier),
            Some(vec![])
        );
    }
    use rust_decimal_macros_free::d;

    /// Tiny local helper so tests read like the reports.
    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().expect("test literal")
        }
    }

    #[test]
    fn negate_is_total_and_exact() {
        assert_eq!(negate(d("1945000.50")), d("-1945000.50"));
        assert_eq!(negate(d("-12.3")), d("12.3"));
        assert_eq!(negate(Decimal::MAX), Decimal::MIN);
        assert_eq!(negate(Decimal::MIN), Decimal::MAX);
        assert_eq!(negate(negate(d("7.25"))), d("7.25"));
        assert!(negate(Decimal::ZERO).is_zero());
        assert_eq!(-Amount::kr(5), Amount::kr(-5));
    }

    #[test]
    fn rounding_to_a_unit_at_decimal_limits_does_not_panic() {
        assert_eq!(
            round_half_up_to(Decimal::MAX, d("1000")),
            d("79228162514264337593543950000")
        );
        // 2 × 5·10^28 does not fit in a Decimal: the value is left unrounded, not a panic.
        let unit = d("50000000000000000000000000000");
        assert_eq!(round_half_up_to(Decimal::MAX, unit), Decimal::MAX);
        assert_eq!(floor_to(Decimal::MIN, d("1000")), Decimal::MIN);
        assert_eq!(round_half_up_to(d("1500"), d("1000")), d("2000"));
        assert_eq!(floor_to(d("-1500"), d("1000")), d("-2000"));
    }

    #[test]
    fn half_up_rounding_table() {
        let cases = [
            ("0.5", "1", "1"),
            ("1.5", "1", "2"),
            ("2.5", "1", "3"),
            ("-2.5", "1", "-3"),
            ("4759.4956", "1", "4759"),
            ("1580500", "1000", "1581000"),
            ("1580499.99", "1000", "1580000"),
            ("150", "100", "200"),
            ("149.99", "100", "100"),
        ];
        for (v, unit, want) in cases {
            assert_eq!(round_half_up_to(d(v), d(unit)), d(want), "{v} to {unit}");
        }
    }

    #[test]
    fn floor_to_unit() {
        assert_eq!(floor_to(d("1580500"), d("1000")), d("1580000"));
        assert_eq!(floor_to(d("-1.5"), d("1")), d("-2"));
    }

    #[test]
    fn percent_of_zero_is_none() {
        assert_eq!(percent_of(d("5"), Decimal::ZERO), None);
        assert_eq!(percent_of(d("1"), d("4")), Some(d("25")));
    }

    #[test]
    fn amounts_sum() {
        let v = [Amount::kr(1), Amount::kr(2), Amount::kr(-4)];
        assert_eq!(v.iter().sum::<Amount>(), Amount::kr(-1));
    }
}
