//! Rounding (docs/allocation.md "Rounding"): the rounding unit, the member rounding mode, and
//! the split of one party's amount between its members with the remainder placed exactly.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{AllocationError, Result};
use super::key::{fractions, Key, MemberInput};
use super::party::Party;
use crate::money::{largest_remainder, round_half_up_to, Amount, RemainderTie};

/// The rounding unit of the computation (not the display unit): 1, 100 or 1 000 kr.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub enum RoundingUnit {
    /// Whole kronor (default).
    #[default]
    One,
    /// Hundreds of kronor.
    Hundred,
    /// Thousands of kronor.
    Thousand,
}

impl RoundingUnit {
    /// The unit in kronor.
    pub fn kronor(self) -> u32 {
        match self {
            RoundingUnit::One => 1,
            RoundingUnit::Hundred => 100,
            RoundingUnit::Thousand => 1000,
        }
    }

    /// The unit as a decimal number of kronor.
    pub fn value(self) -> Decimal {
        Decimal::from(self.kronor())
    }
}

impl TryFrom<u32> for RoundingUnit {
    type Error = AllocationError;
    fn try_from(v: u32) -> std::result::Result<Self, Self::Error> {
        match v {
            1 => Ok(RoundingUnit::One),
            100 => Ok(RoundingUnit::Hundred),
            1000 => Ok(RoundingUnit::Thousand),
            other => Err(AllocationError::BadUnit {
                unit: other.to_string(),
            }),
        }
    }
}

impl From<RoundingUnit> for u32 {
    fn from(u: RoundingUnit) -> u32 {
        u.kronor()
    }
}

/// How member amounts are rounded to the rounding unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberRounding {
    /// Each member rounded half-up independently; the sum may differ from the party amount
    /// (the *avrundningsdifferens*). This is how the associations' own spreadsheets work.
    #[default]
    Each,
    /// Largest remainder: members sum exactly to the party amount; ties go to the larger
    /// weight, then to the earlier member in the list.
    Balanced,
}

impl MemberRounding {
    /// Parses `each` / `balanced` (also Swedish `var för sig` / `balanserad`).
    pub fn parse(text: &str) -> Option<MemberRounding> {
        match text.trim().to_lowercase().as_str() {
            "each" | "var för sig" | "varje" => Some(MemberRounding::Each),
            "balanced" | "balanserad" | "balanserat" => Some(MemberRounding::Balanced),
            _ => None,
        }
    }
}

/// The sum of `amounts`, or `None` on overflow.
pub(super) fn checked_total(amounts: impl IntoIterator<Item = Amount>) -> Option<Amount> {
    amounts
        .into_iter()
        .try_fold(Amount::ZERO, |acc, a| acc.checked_add(a))
}

/// Splits a party amount between members; returns (exact, rounded) per member in input order.
pub(super) fn split_members(
    party: Party,
    amount: Amount,
    members: &[MemberInput],
    key: &Key,
    rounding: MemberRounding,
    unit: RoundingUnit,
) -> Result<Vec<(Decimal, Amount)>> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let parts = match key {
        Key::Amount => {
            return members
                .iter()
                .map(|m| {
                    let a = m.amount.ok_or_else(|| AllocationError::MissingKeyValue {
                        member: m.name.clone(),
                        key: "Belopp".to_string(),
                    })?;
                    if a.value().is_sign_negative() && !a.is_zero() {
                        return Err(AllocationError::NegativeKeyValue {
                            member: m.name.clone(),
                            key: "Belopp".to_string(),
                        });
                    }
                    Ok((a.value(), a))
                })
                .collect();
        }
        Key::Mix(parts) => parts,
    };
    let weight_sum = parts
        .iter()
        .map(|p| p.weight)
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
        .ok_or(AllocationError::Overflow)?;
    if let Some(p) = parts
        .iter()
        .find(|p| p.weight.is_sign_negative() && !p.weight.is_zero())
    {
        return Err(AllocationError::MixWeightNegative {
            party,
            method: p.method,
            weight: p.weight,
        });
    }
    if weight_sum != Decimal::ONE_HUNDRED {
        return Err(AllocationError::MixNot100 {
            party,
            sum: weight_sum,
        });
    }
    let mut exact = vec![Decimal::ZERO; members.len()];
    for part in parts.iter().filter(|p| !p.weight.is_zero()) {
        let fr = fractions(party, members, part.method)?;
        for (e, (num, den)) in exact.iter_mut().zip(fr) {
            // amount × weight × num / (100 × den): multiply first, divide last.
            let v = amount
                .value()
                .checked_mul(part.weight)
                .and_then(|v| v.checked_mul(num))
                .and_then(|v| v.checked_div(den.checked_mul(Decimal::ONE_HUNDRED)?))
                .ok_or(AllocationError::Overflow)?;
            *e = e.checked_add(v).ok_or(AllocationError::Overflow)?;
        }
    }
    let u = unit.value();
    let rounded = match rounding {
        MemberRounding::Each => exact
            .iter()
            .map(|e| Amount(round_half_up_to(*e, u)))
            .collect::<Vec<_>>(),
        MemberRounding::Balanced => {
            largest_remainder(&exact, u, amount.value(), RemainderTie::LargerThenEarlier)
                .ok_or(AllocationError::Overflow)?
                .into_iter()
                .map(Amount)
                .collect()
        }
    };
    Ok(exact.into_iter().zip(rounded).collect())
}
