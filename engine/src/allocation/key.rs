//! Member keys (docs/allocation.md "Keys"): a *fördelningsnyckel* of one or more methods and
//! the member inputs it reads, and each member's fraction of its party.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{AllocationError, Result};
use super::party::{MemberKind, Party};
use crate::format::format_decimal;
use crate::ids::MemberId;
use crate::money::Amount;

/// One method of a *fördelningsnyckel*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyMethod {
    /// `Invånare`: proportional to population.
    Population,
    /// `Andel`: a fixed percentage of the party's amount per member (must sum to 100).
    Percent,
    /// `Lika delar`: equal parts.
    Equal,
}

impl KeyMethod {
    /// Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            KeyMethod::Population => "Invånare",
            KeyMethod::Percent => "Andel",
            KeyMethod::Equal => "Lika delar",
        }
    }
}

/// One weighted part of a mixed key, e.g. 20 % equal parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KeyPart {
    /// The method of this part.
    pub method: KeyMethod,
    /// Weight of this part in percent; the weights of a key sum to 100.
    pub weight: Decimal,
}

/// A *fördelningsnyckel*: how a party's amount is split between its members.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Key {
    /// A computed key, possibly a mix (e.g. 20 % equal parts + 80 % population).
    Mix(Vec<KeyPart>),
    /// `Belopp`: a fixed amount typed per member; no computation.
    Amount,
}

impl Default for Key {
    fn default() -> Self {
        Key::single(KeyMethod::Population)
    }
}

impl Key {
    /// A key with one method at 100 %.
    pub fn single(method: KeyMethod) -> Key {
        Key::Mix(vec![KeyPart {
            method,
            weight: Decimal::ONE_HUNDRED,
        }])
    }

    /// True if any part of the key uses population.
    pub fn uses(&self, method: KeyMethod) -> bool {
        matches!(self, Key::Mix(parts) if parts.iter().any(|p| p.method == method))
    }

    /// Swedish description: `Invånare`, `Belopp`, `20 % Lika delar + 80 % Invånare`.
    pub fn label(&self) -> String {
        match self {
            Key::Amount => "Belopp".to_string(),
            Key::Mix(parts)
                if parts.len() == 1
                    && parts
                        .first()
                        .is_some_and(|p| p.weight == Decimal::ONE_HUNDRED) =>
            {
                parts
                    .first()
                    .map(|p| p.method.label().to_string())
                    .unwrap_or_default()
            }
            Key::Mix(parts) => parts
                .iter()
                .map(|p| {
                    format!(
                        "{} % {}",
                        format_decimal(p.weight, if p.weight.fract().is_zero() { 0 } else { 1 }),
                        p.method.label()
                    )
                })
                .collect::<Vec<_>>()
                .join(" + "),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// A member as the allocation sees it for one year: who, and its key values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInput {
    /// The plan member this input is for (`None` for a member that is only in a file).
    #[serde(default)]
    pub id: Option<MemberId>,
    /// Member name, e.g. `Fagersta`.
    pub name: String,
    /// Stat, Region or Kommun.
    pub kind: Option<MemberKind>,
    /// Population (key `Invånare`).
    pub population: Option<u64>,
    /// Percent of the party's amount (key `Andel`).
    pub percent: Option<Decimal>,
    /// Fixed amount in kronor (key `Belopp`).
    pub amount: Option<Amount>,
    /// First year of membership (inclusive), if the member joined.
    pub first_year: Option<i32>,
    /// Last year of membership (inclusive), if the member left.
    pub last_year: Option<i32>,
}

impl MemberInput {
    /// A member of `kind` with no key values.
    pub fn new(name: impl Into<String>, kind: MemberKind) -> Self {
        MemberInput {
            name: name.into(),
            kind: Some(kind),
            ..Default::default()
        }
    }

    /// True when the member is a member in `year`.
    pub fn is_active(&self, year: i32) -> bool {
        self.first_year.is_none_or(|f| year >= f) && self.last_year.is_none_or(|l| year <= l)
    }

    pub(super) fn kind(&self) -> MemberKind {
        self.kind.unwrap_or(MemberKind::Kommun)
    }
}

/// Each member's fraction of the party amount under one key method.
pub(super) fn fractions(
    party: Party,
    members: &[MemberInput],
    method: KeyMethod,
) -> Result<Vec<(Decimal, Decimal)>> {
    // Returned as (numerator, denominator) pairs so the division happens last.
    let missing = |m: &MemberInput| AllocationError::MissingKeyValue {
        member: m.name.clone(),
        key: method.label().to_string(),
    };
    match method {
        KeyMethod::Equal => {
            let n = Decimal::from(members.len().max(1) as u64);
            Ok(members.iter().map(|_| (Decimal::ONE, n)).collect())
        }
        KeyMethod::Population => {
            let pops = members
                .iter()
                .map(|m| m.population.ok_or_else(|| missing(m)))
                .collect::<Result<Vec<u64>>>()?;
            let total: u128 = pops.iter().map(|p| *p as u128).sum();
            if total == 0 {
                return Err(AllocationError::ZeroKeyTotal {
                    party,
                    key: method.label().to_string(),
                });
            }
            // `try_`: beyond 2^96 a `Decimal` cannot hold the sum (the plain form panics).
            let total = i128::try_from(total)
                .ok()
                .and_then(|t| Decimal::try_from_i128_with_scale(t, 0).ok())
                .ok_or(AllocationError::Overflow)?;
            Ok(pops.iter().map(|p| (Decimal::from(*p), total)).collect())
        }
        KeyMethod::Percent => {
            let pcts = members
                .iter()
                .map(|m| m.percent.ok_or_else(|| missing(m)))
                .collect::<Result<Vec<Decimal>>>()?;
            for (m, p) in members.iter().zip(&pcts) {
                if p.is_sign_negative() && !p.is_zero() {
                    return Err(AllocationError::NegativeKeyValue {
                        member: m.name.clone(),
                        key: method.label().to_string(),
                    });
                }
            }
            let sum = pcts
                .iter()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
                .ok_or(AllocationError::Overflow)?;
            if sum != Decimal::ONE_HUNDRED {
                return Err(AllocationError::PercentKeyNot100 { party, sum });
            }
            Ok(pcts.iter().map(|p| (*p, Decimal::ONE_HUNDRED)).collect())
        }
    }
}
