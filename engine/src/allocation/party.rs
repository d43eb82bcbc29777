//! The parties and their shares (docs/allocation.md "The split"): Staten, Region and Kommuner
//! split the total *medelstilldelning* T exactly, 50/25/25 by default; T from the state amount.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{AllocationError, Result};
use super::rounding::RoundingUnit;
use crate::money::{floor_to, largest_remainder, Amount, RemainderTie};

/// Name of the implied state member when the member list has no `Stat` row.
pub(crate) const DEFAULT_STATE_NAME: &str = "Staten (Försäkringskassan och Arbetsförmedlingen)";
/// Name of the implied region member when the member list has no `Region` row.
pub(crate) const DEFAULT_REGION_NAME: &str = "Region";

/// The three parties of a samordningsförbund.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Party {
    /// Försäkringskassan incl. Arbetsförmedlingen, one payer.
    Staten,
    /// One or more regions.
    Region,
    /// One or more municipalities.
    Kommuner,
}

impl Party {
    /// All parties in tie-break order (Staten, Region, Kommuner).
    pub const ALL: [Party; 3] = [Party::Staten, Party::Region, Party::Kommuner];

    /// Swedish label: `Staten`, `Region`, `Kommuner`.
    pub fn label(self) -> &'static str {
        match self {
            Party::Staten => "Staten",
            Party::Region => "Region",
            Party::Kommuner => "Kommuner",
        }
    }

    /// Swedish genitive, definite: `Statens`, `Regionens`, `Kommunernas` (as in "Regionens
    /// andel").
    pub fn genitive(self) -> &'static str {
        match self {
            Party::Staten => "Statens",
            Party::Region => "Regionens",
            Party::Kommuner => "Kommunernas",
        }
    }
}

/// The kind of a member, as in the `Typ` column: `Stat`, `Region` or `Kommun`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MemberKind {
    /// The state (one payer).
    Stat,
    /// A region.
    Region,
    /// A municipality.
    Kommun,
}

impl MemberKind {
    /// The party the member belongs to.
    pub fn party(self) -> Party {
        match self {
            MemberKind::Stat => Party::Staten,
            MemberKind::Region => Party::Region,
            MemberKind::Kommun => Party::Kommuner,
        }
    }

    /// Swedish label as in the CSV `Typ` column.
    pub fn label(self) -> &'static str {
        match self {
            MemberKind::Stat => "Stat",
            MemberKind::Region => "Region",
            MemberKind::Kommun => "Kommun",
        }
    }

    /// Parses a `Typ` value (case-insensitive; `Staten`, `Kommuner`, `Landsting` also accepted).
    pub fn parse(text: &str) -> Option<MemberKind> {
        match text.trim().to_lowercase().as_str() {
            "stat" | "staten" | "försäkringskassan" | "fk" => Some(MemberKind::Stat),
            "region" | "landsting" => Some(MemberKind::Region),
            "kommun" | "kommuner" => Some(MemberKind::Kommun),
            _ => None,
        }
    }
}

/// The party shares in percent points; default 50 / 25 / 25. They must sum to exactly 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyShares {
    /// Staten's share in percent.
    pub staten: Decimal,
    /// Region's share in percent.
    pub region: Decimal,
    /// Kommuner's share in percent.
    pub kommuner: Decimal,
}

impl Default for PartyShares {
    fn default() -> Self {
        PartyShares {
            staten: Decimal::from(50),
            region: Decimal::from(25),
            kommuner: Decimal::from(25),
        }
    }
}

impl PartyShares {
    /// The share of one party, in percent.
    pub fn of(&self, party: Party) -> Decimal {
        match party {
            Party::Staten => self.staten,
            Party::Region => self.region,
            Party::Kommuner => self.kommuner,
        }
    }

    /// Sets the share of one party, in percent.
    pub fn set(&mut self, party: Party, percent: Decimal) {
        match party {
            Party::Staten => self.staten = percent,
            Party::Region => self.region = percent,
            Party::Kommuner => self.kommuner = percent,
        }
    }

    /// Checks that no share is negative and that they sum to exactly 100 %.
    pub fn validate(&self) -> Result<()> {
        for p in Party::ALL {
            if self.of(p).is_sign_negative() && !self.of(p).is_zero() {
                return Err(AllocationError::NegativeShare {
                    party: p,
                    share: self.of(p),
                });
            }
        }
        let sum = self
            .staten
            .checked_add(self.region)
            .and_then(|s| s.checked_add(self.kommuner))
            .ok_or(AllocationError::Overflow)?;
        if sum != Decimal::ONE_HUNDRED {
            return Err(AllocationError::SharesNot100 { sum });
        }
        Ok(())
    }
}

/// What the user enters for the year's allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "typ", content = "belopp")]
pub enum Funding {
    /// The total *medelstilldelning* T in kronor.
    Total(Amount),
    /// The state's amount S; then T = S / state share.
    State(Amount),
}

/// The multiples of `unit` just below and just above `value`.
pub(super) fn nearest_multiples(value: Decimal, unit: Decimal) -> (Decimal, Decimal) {
    let lower = floor_to(value, unit);
    (lower, lower.saturating_add(unit))
}

/// True when the state amount `s` gives a total that is a multiple of the unit and whose
/// Staten part is `s` again.
pub(super) fn state_reproduces(s: Decimal, shares: &PartyShares, unit: RoundingUnit) -> bool {
    let Ok(t) = total_from(Funding::State(Amount(s)), shares) else {
        return false;
    };
    if t.value()
        .checked_rem(unit.value())
        .is_none_or(|r| !r.is_zero())
    {
        return false;
    }
    split_parties(t, shares, unit).is_ok_and(|[(_, staten), _, _]| staten.value() == s)
}

/// Checks a state amount: a multiple of the unit that reproduces itself as Staten's part.
/// Otherwise the nearest valid amounts (searched up to 1 000 units each way) are suggested.
pub(super) fn check_state(s: Amount, shares: &PartyShares, unit: RoundingUnit) -> Result<()> {
    let u = unit.value();
    let v = s.value();
    if v.checked_rem(u).is_some_and(|r| r.is_zero()) && state_reproduces(v, shares, unit) {
        return Ok(());
    }
    let (mut lower, mut upper) = nearest_multiples(v, u);
    if lower == v {
        lower = lower.saturating_sub(u);
    }
    for _ in 0..1000 {
        if lower <= Decimal::ZERO || state_reproduces(lower, shares, unit) {
            break;
        }
        lower = lower.saturating_sub(u);
    }
    for _ in 0..1000 {
        if state_reproduces(upper, shares, unit) {
            break;
        }
        upper = upper.saturating_add(u);
    }
    Err(AllocationError::StateAmountInvalid {
        state: v,
        unit: unit.kronor(),
        lower: lower.max(Decimal::ZERO),
        upper,
    })
}

/// Computes T from the funding input (T itself, or S / state share).
pub(crate) fn total_from(funding: Funding, shares: &PartyShares) -> Result<Amount> {
    match funding {
        Funding::Total(t) => Ok(t),
        Funding::State(s) => {
            if shares.staten.is_zero() {
                return Err(AllocationError::StateShareZero);
            }
            s.value()
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(shares.staten))
                .map(Amount)
                .ok_or(AllocationError::Overflow)
        }
    }
}

/// Splits `total` between the parties: each T × share floored to the unit, the remaining
/// units to the largest remainders, ties in the order Staten, Region, Kommuner.
pub fn split_parties(
    total: Amount,
    shares: &PartyShares,
    unit: RoundingUnit,
) -> Result<[(Decimal, Amount); 3]> {
    let u = unit.value();
    let t = total.value();
    let mut exact = [Decimal::ZERO; 3];
    for (e, p) in exact.iter_mut().zip(Party::ALL.iter()) {
        *e = t
            .checked_mul(shares.of(*p))
            .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
            .ok_or(AllocationError::Overflow)?;
    }
    let floors =
        largest_remainder(&exact, u, t, RemainderTie::Earlier).ok_or(AllocationError::Overflow)?;
    let [f0, f1, f2] = [0, 1, 2].map(|i| floors.get(i).copied().unwrap_or_default());
    let [e0, e1, e2] = exact;
    Ok([(e0, Amount(f0)), (e1, Amount(f1)), (e2, Amount(f2))])
}
