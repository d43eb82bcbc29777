//! Why an allocation cannot be computed (docs/allocation.md), with Swedish messages that name
//! the member most likely mistyped.
//!
//! An import circle within `allocation/` that we keep on purpose: the errors name the party,
//! the key method and the member they are about (`key`, `party`), and those modules return these
//! errors. Splitting the data types from their rules into a fifth file would only move the
//! circle's names around; the circle never leaves the `allocation` module.

use rust_decimal::Decimal;
use thiserror::Error;

use super::key::{KeyMethod, MemberInput};
use super::party::Party;
use crate::format::{format_decimal, format_kr, format_percent_exact};
use crate::money::Amount;
use crate::names::names_match;

/// Why an allocation cannot be computed. Messages are Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AllocationError {
    /// Party shares do not sum to 100 %.
    #[error("partsandelarna summerar till {} %, inte 100 %", format_percent_exact(*sum))]
    SharesNot100 {
        /// The actual sum in percent.
        sum: Decimal,
    },
    /// A party share is negative.
    #[error("andelen för {} är negativ ({} %)", party.label(), format_decimal(*share, 2))]
    NegativeShare {
        /// The party.
        party: Party,
        /// Its share.
        share: Decimal,
    },
    /// The total is negative.
    #[error("medelstilldelningen får inte vara negativ ({} kr)", format_kr(*total))]
    NegativeTotal {
        /// The total.
        total: Decimal,
    },
    /// The total is not a whole multiple of the rounding unit.
    #[error("medelstilldelningen {} kr är inte en jämn multipel av avrundningsenheten {} kr; närmaste giltiga belopp är {} kr och {} kr", kr_text(*total), unit, kr_text(*lower), kr_text(*upper))]
    TotalNotMultipleOfUnit {
        /// The total.
        total: Decimal,
        /// The rounding unit in kronor.
        unit: u32,
        /// The nearest valid total below.
        lower: Decimal,
        /// The nearest valid total above.
        upper: Decimal,
    },
    /// The state amount is not a multiple of the unit, or does not come back as Staten's part
    /// of the total it gives.
    #[error("statens belopp {} kr går inte att fördela med avrundningsenheten {} kr; närmaste giltiga belopp är {} kr och {} kr", kr_text(*state), unit, kr_text(*lower), kr_text(*upper))]
    StateAmountInvalid {
        /// The state amount as given.
        state: Decimal,
        /// The rounding unit in kronor.
        unit: u32,
        /// The nearest valid state amount below.
        lower: Decimal,
        /// The nearest valid state amount above.
        upper: Decimal,
    },
    /// A `Belopp` typed on the Stat row, or on the single Region row, differs from the party's
    /// part of the total.
    #[error("{member} har beloppet {} kr, men {} andel av medelstilldelningen är {} kr", kr_text(*typed), party.genitive(), kr_text(*computed))]
    PartyAmountMismatch {
        /// Member name.
        member: String,
        /// The party.
        party: Party,
        /// The amount typed on the row.
        typed: Decimal,
        /// The party's part of the total.
        computed: Decimal,
    },
    /// The members' `Belopp` differ from the party's amount by more than rounding explains
    /// (half a unit per member).
    #[error("{}", amounts_message(*party, *sum, *party_amount, *difference, likely_member.as_deref(), *not_member_in))]
    AmountsDoNotAddUp {
        /// The party.
        party: Party,
        /// Σ the members' amounts.
        sum: Decimal,
        /// The party's amount.
        party_amount: Decimal,
        /// sum − party amount.
        difference: Decimal,
        /// The member whose amount most likely explains the difference.
        likely_member: Option<String>,
        /// Set when that member is left out of this year by its first or last year (its
        /// `Belopp` is exactly what is missing): the year.
        not_member_in: Option<i32>,
    },
    /// The year's funding is "previous year + p %" and the previous year cannot be computed.
    #[error("medelstilldelningen {year} bygger på {previous}, som inte kan beräknas")]
    PreviousYearFailed {
        /// The year.
        year: i32,
        /// The year it builds on.
        previous: i32,
    },
    /// The first plan year's funding is "previous year + p %": there is no previous year.
    #[error("Medelstilldelningen {year} bygger på föregående år, men {year} är planens första år: ange ett belopp")]
    FirstYearBuildsOnPrevious {
        /// The year.
        year: i32,
    },
    /// A plan year has no funding input.
    #[error("Medelstilldelning saknas för {year}")]
    FundingMissing {
        /// The year.
        year: i32,
    },
    /// The state amount was given but the state share is zero.
    #[error("statens andel är 0 %, så totalen kan inte räknas fram från statens belopp")]
    StateShareZero,
    /// Unknown rounding unit.
    #[error("avrundningsenheten \"{unit}\" finns inte: välj 1, 100 eller 1000 kr")]
    BadUnit {
        /// The unit as given.
        unit: String,
    },
    /// More than one state member.
    #[error("det finns {count} rader av typen Stat; staten är en betalare")]
    SeveralStates {
        /// How many.
        count: usize,
    },
    /// A party with a non-zero share has no members.
    #[error("{} har andelen {} % men inga medlemmar", party.label(), format_decimal(*share, 2))]
    NoMembers {
        /// The party.
        party: Party,
        /// Its share.
        share: Decimal,
    },
    /// A member lacks the value its key needs.
    #[error("{member} saknar värde för nyckeln {key}")]
    MissingKeyValue {
        /// Member name.
        member: String,
        /// The key method's label.
        key: String,
    },
    /// A key's values sum to zero (e.g. no population at all).
    #[error("nyckeln {key} för {} summerar till 0", party.label())]
    ZeroKeyTotal {
        /// The party.
        party: Party,
        /// The key method's label.
        key: String,
    },
    /// `Andel` values do not sum to 100 %.
    #[error("andelarna för {} summerar till {} %, inte 100 %", party.label(), format_percent_exact(*sum))]
    PercentKeyNot100 {
        /// The party.
        party: Party,
        /// The sum.
        sum: Decimal,
    },
    /// A weight of a mixed key is negative.
    #[error("vikten för {} i nyckeln för {} är negativ ({} %): varje vikt ska vara 0–100 %", method.label(), party.label(), format_percent_exact(*weight))]
    MixWeightNegative {
        /// The party.
        party: Party,
        /// The method whose weight is negative.
        method: KeyMethod,
        /// The weight in percent points.
        weight: Decimal,
    },
    /// The weights of a mixed key do not sum to 100 %.
    #[error("vikterna i nyckeln för {} summerar till {} %, inte 100 %", party.label(), format_percent_exact(*sum))]
    MixNot100 {
        /// The party.
        party: Party,
        /// The sum.
        sum: Decimal,
    },
    /// A negative key value.
    #[error("{member} har ett negativt värde för nyckeln {key}")]
    NegativeKeyValue {
        /// Member name.
        member: String,
        /// The key method's label.
        key: String,
    },
    /// The total (given, or derived from the state's amount or the previous year's total) is
    /// above the largest amount samplan computes with (docs/bounds.md).
    #[error("medelstilldelningen blir större än 1 000 000 000 000 kr (tusen miljarder), det största belopp samplan räknar med")]
    TotalTooLarge,
    /// A computation overflowed (absurdly large input).
    #[error("beloppen är för stora att räkna med")]
    Overflow,
}

impl AllocationError {
    /// True when the allocation only waits for input a new plan does not have yet (no
    /// municipalities, or key values that are all zero): a neutral hint, not an error, until
    /// the user has entered members (docs/allocation.md).
    pub fn awaits_input(&self) -> bool {
        matches!(
            self,
            AllocationError::NoMembers {
                party: Party::Kommuner,
                ..
            } | AllocationError::ZeroKeyTotal { .. }
        )
    }

    /// What to do next when the allocation [awaits input](Self::awaits_input), in Swedish;
    /// `None` for a real error.
    pub fn input_hint(&self) -> Option<&'static str> {
        match self {
            AllocationError::NoMembers {
                party: Party::Kommuner,
                ..
            } => Some(
                "lägg till förbundets kommuner under Finansiering (eller importera en medlemslista), så räknas fördelningen",
            ),
            AllocationError::ZeroKeyTotal { .. } => Some(
                "fyll i medlemmarnas nyckelvärden (t.ex. invånare) under Finansiering, så räknas fördelningen",
            ),
            _ => None,
        }
    }
}

/// The Swedish text about a year whose allocation cannot be computed: a hint of what to enter
/// when it [awaits input](AllocationError::awaits_input), else the error.
pub fn allocation_problem_text(year: i32, error: &AllocationError) -> String {
    match error.input_hint() {
        Some(hint) => format!("Fördelningen {year} väntar på uppgifter: {hint}."),
        None => format!("Fördelningen {year} kan inte beräknas: {error}."),
    }
}

pub(super) type Result<T> = std::result::Result<T, AllocationError>;

/// Kronor for a message: whole kronor, or with öre when there are any.
pub(super) fn kr_text(value: Decimal) -> String {
    if value.fract().is_zero() {
        format_kr(value)
    } else {
        format_decimal(value, 2)
    }
}

pub(super) fn amounts_message(
    party: Party,
    sum: Decimal,
    party_amount: Decimal,
    difference: Decimal,
    likely: Option<&str>,
    not_member_in: Option<i32>,
) -> String {
    let sign = if difference > Decimal::ZERO { "+" } else { "" };
    let mut text = format!(
        "beloppen för {} summerar till {} kr men partens belopp är {} kr (skillnad {sign}{} kr), mer än avrundning kan förklara",
        party.label(),
        kr_text(sum),
        kr_text(party_amount),
        kr_text(difference)
    );
    match (likely, not_member_in) {
        (Some(name), Some(year)) => text.push_str(&format!(
            "; troligen saknas {name}, som enligt sitt första eller sista år inte är medlem {year}"
        )),
        (Some(name), None) => text.push_str(&format!("; troligen är beloppet för {name} fel")),
        (None, _) => {}
    }
    text
}

/// The member that most likely explains `difference` (Σ amounts − party amount): the one whose
/// amount, corrected by the difference, comes closest to its reference relative to how far it
/// is now. The reference is its population share of the party amount when every member has a
/// population, else its share in the previous year's allocation, else the median of the other
/// members' amounts.
pub(super) fn likely_member(
    members: &[MemberInput],
    amounts: &[Amount],
    party_amount: Amount,
    difference: Decimal,
    previous: &[(String, Amount)],
) -> Option<String> {
    let n = members.len();
    if n == 0 {
        return None;
    }
    let pops: Option<Vec<u64>> = members.iter().map(|m| m.population).collect();
    let pop_total: u128 = pops
        .as_ref()
        .map(|p| p.iter().map(|x| u128::from(*x)).sum())
        .unwrap_or(0);
    let prev: Option<Vec<Decimal>> = members
        .iter()
        .map(|m| {
            previous
                .iter()
                .find(|(name, _)| names_match(name, &m.name))
                .map(|(_, a)| a.value())
        })
        .collect();
    let prev_total = prev
        .as_ref()
        .map(|p| p.iter().fold(Decimal::ZERO, |a, b| a.saturating_add(*b)))
        .unwrap_or(Decimal::ZERO);
    let references: Vec<Option<Decimal>> = (0..n)
        .map(|i| {
            if let (Some(p), true) = (&pops, pop_total > 0) {
                let total =
                    Decimal::try_from_i128_with_scale(i128::try_from(pop_total).ok()?, 0).ok()?;
                party_amount
                    .value()
                    .checked_mul(Decimal::from(*p.get(i)?))?
                    .checked_div(total)
            } else if let (Some(p), true) = (&prev, prev_total > Decimal::ZERO) {
                party_amount
                    .value()
                    .checked_mul(*p.get(i)?)?
                    .checked_div(prev_total)
            } else {
                let mut others: Vec<Decimal> = amounts
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, a)| a.value())
                    .collect();
                if others.is_empty() {
                    return None;
                }
                others.sort();
                others.get(others.len() / 2).copied()
            }
        })
        .collect();
    // Distance of x from r as a ratio ≥ 1 (max(x/r, r/x)); `None` when not comparable.
    let ratio = |x: Decimal, r: Decimal| -> Option<Decimal> {
        if x <= Decimal::ZERO || r <= Decimal::ZERO {
            return None;
        }
        Some(x.checked_div(r)?.max(r.checked_div(x)?))
    };
    // A member whose amount is 0 (or missing, read as 0) is infinitely far from a positive
    // reference: when the correction brings it within a factor two of its reference, it is
    // the likeliest member of all.
    let far = Decimal::MAX;
    let mut best: Option<(Decimal, usize)> = None;
    for i in 0..n {
        let Some(r) = references.get(i).copied().flatten() else {
            continue;
        };
        let Some(a) = amounts.get(i).map(|a| a.value()) else {
            continue;
        };
        let corrected = a.saturating_sub(difference);
        let Some(after) = ratio(corrected, r) else {
            continue;
        };
        let score = match ratio(a, r) {
            Some(now) => match now.checked_div(after) {
                Some(score) => score,
                None => continue,
            },
            None if a <= Decimal::ZERO && after <= Decimal::TWO => far,
            None => continue,
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    // Only name a member when correcting it at least halves its distance from its reference
    // (a few kronor of difference point at nobody in particular).
    best.filter(|(score, _)| *score >= Decimal::TWO)
        .and_then(|(_, i)| members.get(i))
        .map(|m| m.name.clone())
}
