//! Input bounds (docs/bounds.md): the one definition of the valid range of every value a user
//! can type, import from CSV or open from a plan file.
//!
//! Every door checks the same functions, so a value refused in a cell is also refused in a CSV
//! file and in a plan file, each time with the door's own position (field, or line and column)
//! around the [`BoundsError`]. Within these bounds no engine computation can overflow
//! `rust_decimal` (whose range is about 7,9 · 10^28), so accepted input never makes the engine
//! fail for size reasons.

use rust_decimal::Decimal;
use thiserror::Error;

use crate::money::Amount;

/// The largest absolute amount in kronor: 10^12 kr (a thousand billion kronor).
pub const MAX_AMOUNT_KR: i64 = 1_000_000_000_000;
/// The most decimals an amount may have (öre).
pub(crate) const MAX_AMOUNT_DECIMALS: u32 = 2;
/// The largest population of one member.
pub const MAX_POPULATION: u64 = 1_000_000_000;
/// The earliest plan year.
pub const MIN_YEAR: i32 = 1990;
/// The latest plan year.
pub const MAX_YEAR: i32 = 2200;
/// The largest id of a line, member or scenario, so that a fresh id always exists.
pub const MAX_ID: u32 = 1_000_000_000;
/// The most decimals a percentage may have.
pub(crate) const MAX_PERCENT_DECIMALS: u32 = 6;

/// What a percentage means, which decides its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentKind {
    /// A share of a whole, 0–100 % (party shares, `Andel`, split shares, key-mix weights, the
    /// equity ceiling).
    Share,
    /// A change, −100 % to +1 000 % ("föregående år + p %", levers).
    Change,
}

impl PercentKind {
    /// The smallest and largest allowed value in percent points.
    pub fn range(self) -> (Decimal, Decimal) {
        match self {
            PercentKind::Share => (Decimal::ZERO, Decimal::ONE_HUNDRED),
            PercentKind::Change => (Decimal::from(-100), Decimal::from(1000)),
        }
    }
}

/// A value outside its bounds. The messages are Swedish and never echo absurd values back in
/// full (the door adds the field or the line and column, and the text as typed).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BoundsError {
    /// |amount| > 10^12 kr.
    #[error("beloppet är för stort: högst 1 000 000 000 000 kr (tusen miljarder) är tillåtet")]
    AmountTooLarge,
    /// More than two decimals.
    #[error("beloppet har fler än två decimaler (ören)")]
    AmountTooManyDecimals,
    /// A negative amount where only zero or more is allowed.
    #[error("beloppet får inte vara negativt")]
    AmountNegative,
    /// Population above 10^9.
    #[error("antalet invånare är för stort: högst 1 000 000 000 är tillåtet")]
    PopulationTooLarge,
    /// A year outside 1990–2200.
    #[error("året {year} ligger utanför 1990–2200")]
    YearOutOfRange {
        /// The year as given.
        year: i64,
    },
    /// A percentage outside its range.
    #[error("{} ligger utanför {}–{} %", describe_percent(*value), range_text(*kind).0, range_text(*kind).1)]
    PercentOutOfRange {
        /// The value in percent points.
        value: Decimal,
        /// What it means.
        kind: PercentKind,
    },
    /// A percentage with too many decimals.
    #[error("procentsatsen har fler än sex decimaler")]
    PercentTooManyDecimals,
    /// An id above [`MAX_ID`].
    #[error("id {id} är för stort: högst 1 000 000 000 är tillåtet")]
    IdTooLarge {
        /// The id as given.
        id: u64,
    },
    /// A date that is not `ÅÅÅÅ-MM-DD` (a forecast's date, docs/budget.md "Prognos").
    #[error("\"{text}\" är inget datum; skriv ÅÅÅÅ-MM-DD")]
    NotADate {
        /// The text as given.
        text: String,
    },
}

fn describe_percent(value: Decimal) -> String {
    // Values far outside the range are not echoed digit by digit.
    if value.abs() > Decimal::from(1_000_000) {
        "procentsatsen".to_string()
    } else {
        let mut s = value.normalize().to_string().replace('.', ",");
        if s.starts_with('-') {
            s = s.replacen('-', "\u{2212}", 1);
        }
        format!("{s} %")
    }
}

fn range_text(kind: PercentKind) -> (&'static str, &'static str) {
    match kind {
        PercentKind::Share => ("0", "100"),
        PercentKind::Change => ("\u{2212}100", "1\u{a0}000"),
    }
}

/// Checks an amount in kronor: |amount| ≤ 10^12 kr with at most two decimals.
pub fn check_amount(value: Decimal) -> Result<Amount, BoundsError> {
    if value.abs() > Decimal::from(MAX_AMOUNT_KR) {
        return Err(BoundsError::AmountTooLarge);
    }
    if value.normalize().scale() > MAX_AMOUNT_DECIMALS {
        return Err(BoundsError::AmountTooManyDecimals);
    }
    Ok(Amount(value))
}

/// Checks an amount that must be zero or more (Belopp, funding, the request, the equity floor;
/// budget lines and outcome may be negative: a negative cost is net income).
pub fn check_non_negative_amount(value: Decimal) -> Result<Amount, BoundsError> {
    let a = check_amount(value)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(BoundsError::AmountNegative);
    }
    Ok(a)
}

/// Checks a population: at most 10^9.
pub(crate) fn check_population(value: u64) -> Result<u64, BoundsError> {
    if value > MAX_POPULATION {
        return Err(BoundsError::PopulationTooLarge);
    }
    Ok(value)
}

/// Checks a year: 1990–2200.
pub(crate) fn check_year(year: i64) -> Result<i32, BoundsError> {
    if !(i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) {
        return Err(BoundsError::YearOutOfRange { year });
    }
    i32::try_from(year).map_err(|_| BoundsError::YearOutOfRange { year })
}

/// Checks a percentage in percent points against the range of `kind`, with at most six
/// decimals.
pub fn check_percent(value: Decimal, kind: PercentKind) -> Result<Decimal, BoundsError> {
    let (min, max) = kind.range();
    if value < min || value > max {
        return Err(BoundsError::PercentOutOfRange { value, kind });
    }
    if value.normalize().scale() > MAX_PERCENT_DECIMALS {
        return Err(BoundsError::PercentTooManyDecimals);
    }
    Ok(value)
}

/// Checks an id of a line, member or scenario: at most [`MAX_ID`].
pub(crate) fn check_id(id: u64) -> Result<u32, BoundsError> {
    u32::try_from(id)
        .ok()
        .filter(|i| *i <= MAX_ID)
        .ok_or(BoundsError::IdTooLarge { id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts() {
        assert!(check_amount(d("1000000000000")).is_ok());
        assert!(check_amount(d("-1000000000000")).is_ok());
        assert!(check_amount(d("12.50")).is_ok());
        assert!(
            check_amount(d("12.500")).is_ok(),
            "trailing zeros are not decimals"
        );
        assert_eq!(
            check_amount(d("1000000000000.01")),
            Err(BoundsError::AmountTooLarge)
        );
        assert_eq!(check_amount(Decimal::MAX), Err(BoundsError::AmountTooLarge));
        assert_eq!(
            check_amount(d("1.005")),
            Err(BoundsError::AmountTooManyDecimals)
        );
        assert_eq!(
            check_non_negative_amount(d("-1")),
            Err(BoundsError::AmountNegative)
        );
        assert!(check_non_negative_amount(d("-0")).is_ok());
    }

    #[test]
    fn populations_years_ids() {
        assert_eq!(check_population(1_000_000_000), Ok(1_000_000_000));
        assert_eq!(
            check_population(1_000_000_001),
            Err(BoundsError::PopulationTooLarge)
        );
        assert_eq!(check_year(1990), Ok(1990));
        assert_eq!(check_year(2200), Ok(2200));
        assert_eq!(
            check_year(1989).unwrap_err().to_string(),
            "året 1989 ligger utanför 1990–2200"
        );
        assert!(check_year(i64::MAX).is_err());
        assert_eq!(check_id(u64::from(MAX_ID)), Ok(MAX_ID));
        assert!(check_id(u64::from(u32::MAX)).is_err());
    }

    #[test]
    fn percentages() {
        assert!(check_percent(d("0"), PercentKind::Share).is_ok());
        assert!(check_percent(d("100"), PercentKind::Share).is_ok());
        assert!(check_percent(d("14.1735"), PercentKind::Share).is_ok());
        assert_eq!(
            check_percent(d("100.5"), PercentKind::Share)
                .unwrap_err()
                .to_string(),
            "100,5 % ligger utanför 0–100 %"
        );
        assert_eq!(
            check_percent(d("-101"), PercentKind::Change)
                .unwrap_err()
                .to_string(),
            "\u{2212}101 % ligger utanför \u{2212}100–1\u{a0}000 %"
        );
        assert_eq!(
            check_percent(Decimal::MAX, PercentKind::Change)
                .unwrap_err()
                .to_string(),
            "procentsatsen ligger utanför \u{2212}100–1\u{a0}000 %"
        );
        assert_eq!(
            check_percent(d("1.0000001"), PercentKind::Share),
            Err(BoundsError::PercentTooManyDecimals)
        );
    }
}
