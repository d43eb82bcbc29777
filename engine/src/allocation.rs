//! The financing allocation of docs/allocation.md: the total *medelstilldelning* T is split between the
//! parties (Staten, Region, Kommuner) exactly, then each party's amount is split between its
//! members by a *fördelningsnyckel*.
//!
//! Data flow: [`AllocationInput`] → [`allocate`] → [`Allocation`] (parties and members, with the
//! *avrundningsdifferens* per party and kr per invånare for population keys).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::format::{format_decimal, format_kr, format_percent_exact};
use crate::money::{
    floor_to, largest_remainder, percent_of, round_half_up, round_half_up_to, Amount, RemainderTie,
};
use crate::names::names_match;
use crate::plan::MemberId;

/// Name of the implied state member when the member list has no `Stat` row.
pub const DEFAULT_STATE_NAME: &str = "Staten (Försäkringskassan och Arbetsförmedlingen)";
/// Name of the implied region member when the member list has no `Region` row.
pub const DEFAULT_REGION_NAME: &str = "Region";

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

/// What the user enters for the year's allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "typ", content = "belopp")]
pub enum Funding {
    /// The total *medelstilldelning* T in kronor.
    Total(Amount),
    /// The state's amount S; then T = S / state share.
    State(Amount),
}

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

    fn kind(&self) -> MemberKind {
        self.kind.unwrap_or(MemberKind::Kommun)
    }
}

/// Everything the allocation of one year needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationInput {
    /// Total or state amount.
    pub funding: Funding,
    /// Party shares (default 50 / 25 / 25).
    pub shares: PartyShares,
    /// Rounding unit of the computation.
    pub unit: RoundingUnit,
    /// Member rounding mode.
    pub rounding: MemberRounding,
    /// The key for the municipalities.
    pub kommun_key: Key,
    /// The key for the regions, used when there are several.
    pub region_key: Key,
    /// The members (Stat and Region rows may be left out; then they are implied).
    pub members: Vec<MemberInput>,
    /// The year, to leave out members that have not joined or have left; `None` = all.
    pub year: Option<i32>,
    /// Accept `Belopp` that do not add up to the party's amount (the board decided amounts
    /// that deviate): the difference is then reported as a deviation, not refused.
    #[serde(default)]
    pub allow_difference: bool,
    /// The members' amounts in the previous year's allocation (name, amount): the reference
    /// for naming the member that most likely explains `Belopp` that do not add up.
    #[serde(default)]
    pub previous: Vec<(String, Amount)>,
}

impl AllocationInput {
    /// An input with default shares, unit 1 kr, rounding `each`, population keys.
    pub fn new(funding: Funding, members: Vec<MemberInput>) -> Self {
        AllocationInput {
            funding,
            shares: PartyShares::default(),
            unit: RoundingUnit::One,
            rounding: MemberRounding::Each,
            kommun_key: Key::default(),
            region_key: Key::default(),
            members,
            year: None,
            allow_difference: false,
            previous: Vec::new(),
        }
    }
}

/// A party's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyAllocation {
    /// Which party.
    pub party: Party,
    /// Its share in percent.
    pub share: Decimal,
    /// The exact party amount (T × share, before rounding to the unit).
    pub exact: Decimal,
    /// The party amount in kronor (a multiple of the rounding unit).
    pub amount: Amount,
    /// Sum of the members' amounts.
    pub members_sum: Amount,
    /// *Avrundningsdifferens*: members' sum − party amount (e.g. −1 kr).
    pub rounding_difference: Amount,
    /// True when `rounding_difference` is larger than rounding can explain (more than half a
    /// unit per member) and was accepted with [`AllocationInput::allow_difference`]: an
    /// *avvikelse från partens andel*, not an *avrundningsdifferens*.
    #[serde(default)]
    pub deviation: bool,
    /// The key used between the party's members.
    pub key: Key,
    /// Total population of the party's members, when the key uses population.
    pub population: Option<u64>,
    /// Party amount / total population, 2 decimals half-up, for population keys.
    pub kr_per_inhabitant: Option<Decimal>,
}

/// A member's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAllocation {
    /// The plan member (from [`MemberInput::id`]; `None` for a member only in a file and for
    /// the unnamed state or region the allocation stands in when the plan has none).
    #[serde(default)]
    pub id: Option<MemberId>,
    /// Member name.
    pub name: String,
    /// Stat, Region or Kommun.
    pub kind: MemberKind,
    /// The exact (unrounded) amount in kronor.
    pub exact: Decimal,
    /// The rounded amount in kronor.
    pub amount: Amount,
    /// Population, if given.
    pub population: Option<u64>,
    /// The member's *andel* of T in percent (full precision).
    pub share_of_total: Option<Decimal>,
    /// The member's share of its party's amount in percent (full precision).
    pub share_of_party: Option<Decimal>,
}

/// The allocation of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// The total *medelstilldelning* T.
    pub total: Amount,
    /// The rounding unit used.
    pub unit: RoundingUnit,
    /// The rounding mode used.
    pub rounding: MemberRounding,
    /// The parties in order Staten, Region, Kommuner.
    pub parties: Vec<PartyAllocation>,
    /// The members: Staten, then regions, then municipalities, each in input order.
    pub members: Vec<MemberAllocation>,
}

impl Allocation {
    /// The result for one party.
    pub fn party(&self, party: Party) -> Option<&PartyAllocation> {
        self.parties.iter().find(|p| p.party == party)
    }

    /// The result for one member by name (the names rule: [`crate::names_match`]).
    pub fn member(&self, name: &str) -> Option<&MemberAllocation> {
        self.members.iter().find(|m| names_match(&m.name, name))
    }

    /// The result for the plan member `id`.
    pub fn member_by_id(&self, id: MemberId) -> Option<&MemberAllocation> {
        self.members.iter().find(|m| m.id == Some(id))
    }

    /// What plan member `id` pays this year minus what it paid in `previous`, in kronor;
    /// `None` when it is not a member in one of the years or the difference overflows.
    pub fn change_of(&self, previous: &Allocation, id: MemberId) -> Option<Amount> {
        let now = self.member_by_id(id)?.amount;
        let before = previous.member_by_id(id)?.amount;
        now.checked_sub(before)
    }

    /// What the members pay in total (T plus the rounding differences).
    pub fn members_total(&self) -> Amount {
        self.members.iter().map(|m| m.amount).sum()
    }

    /// What member `name` pays this year minus what it paid in `previous` (another year's
    /// allocation), in kronor; `None` when it is not a member in one of the years or the
    /// difference overflows.
    pub fn change_from(&self, previous: &Allocation, name: &str) -> Option<Amount> {
        let now = self.member(name)?.amount;
        let before = previous.member(name)?.amount;
        now.checked_sub(before)
    }

    /// Total rounding difference over all parties (including any accepted deviation).
    pub fn rounding_difference(&self) -> Amount {
        self.parties.iter().map(|p| p.rounding_difference).sum()
    }

    /// The part of [`Allocation::rounding_difference`] that is rounding (parties without an
    /// accepted deviation).
    pub fn rounding_only(&self) -> Amount {
        self.parties
            .iter()
            .filter(|p| !p.deviation)
            .map(|p| p.rounding_difference)
            .sum()
    }

    /// The accepted *avvikelse från partens andel* over all parties (0 when none).
    pub fn deviation(&self) -> Amount {
        self.parties
            .iter()
            .filter(|p| p.deviation)
            .map(|p| p.rounding_difference)
            .sum()
    }
}

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

type Result<T> = std::result::Result<T, AllocationError>;

/// Kronor for a message: whole kronor, or with öre when there are any.
fn kr_text(value: Decimal) -> String {
    if value.fract().is_zero() {
        format_kr(value)
    } else {
        format_decimal(value, 2)
    }
}

fn amounts_message(
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

/// The multiples of `unit` just below and just above `value`.
fn nearest_multiples(value: Decimal, unit: Decimal) -> (Decimal, Decimal) {
    let lower = floor_to(value, unit);
    (lower, lower.saturating_add(unit))
}

/// True when the state amount `s` gives a total that is a multiple of the unit and whose
/// Staten part is `s` again.
fn state_reproduces(s: Decimal, shares: &PartyShares, unit: RoundingUnit) -> bool {
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
fn check_state(s: Amount, shares: &PartyShares, unit: RoundingUnit) -> Result<()> {
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

/// The member that most likely explains `difference` (Σ amounts − party amount): the one whose
/// amount, corrected by the difference, comes closest to its reference relative to how far it
/// is now. The reference is its population share of the party amount when every member has a
/// population, else its share in the previous year's allocation, else the median of the other
/// members' amounts.
fn likely_member(
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

/// Computes T from the funding input (T itself, or S / state share).
pub fn total_from(funding: Funding, shares: &PartyShares) -> Result<Amount> {
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

/// Computes the allocation of one year. Never panics; bad input gives an [`AllocationError`].
pub fn allocate(input: &AllocationInput) -> Result<Allocation> {
    input.shares.validate()?;
    let unit = input.unit;
    let total = total_from(input.funding, &input.shares)?;
    if let Funding::State(s) = input.funding {
        if s.value().is_sign_negative() && !s.is_zero() {
            return Err(AllocationError::NegativeTotal { total: s.value() });
        }
        check_state(s, &input.shares, unit)?;
    }
    if total.value() > Decimal::from(crate::bounds::MAX_AMOUNT_KR) {
        return Err(AllocationError::TotalTooLarge);
    }
    if total.value().is_sign_negative() && !total.is_zero() {
        return Err(AllocationError::NegativeTotal {
            total: total.value(),
        });
    }
    if total
        .value()
        .checked_rem(unit.value())
        .is_none_or(|r| !r.is_zero())
    {
        let (lower, upper) = nearest_multiples(total.value(), unit.value());
        return Err(AllocationError::TotalNotMultipleOfUnit {
            total: total.value(),
            unit: unit.kronor(),
            lower,
            upper,
        });
    }
    let parties = split_parties(total, &input.shares, unit)?;

    let active: Vec<&MemberInput> = input
        .members
        .iter()
        .filter(|m| input.year.is_none_or(|y| m.is_active(y)))
        .collect();
    let of_kind = |k: MemberKind| -> Vec<MemberInput> {
        active
            .iter()
            .filter(|m| m.kind() == k)
            .map(|m| (*m).clone())
            .collect()
    };
    let mut states = of_kind(MemberKind::Stat);
    if states.len() > 1 {
        return Err(AllocationError::SeveralStates {
            count: states.len(),
        });
    }
    if states.is_empty() {
        states.push(MemberInput::new(DEFAULT_STATE_NAME, MemberKind::Stat));
    }
    let mut regions = of_kind(MemberKind::Region);
    if regions.is_empty() {
        regions.push(MemberInput::new(DEFAULT_REGION_NAME, MemberKind::Region));
    }
    let kommuner = of_kind(MemberKind::Kommun);

    let mut party_results = Vec::with_capacity(3);
    let mut member_results = Vec::new();
    for (party, (exact, amount)) in Party::ALL.iter().copied().zip(parties) {
        let (members, key) = match party {
            Party::Staten => (&states, Key::single(KeyMethod::Equal)),
            Party::Region if regions.len() == 1 => (&regions, Key::single(KeyMethod::Equal)),
            Party::Region => (&regions, input.region_key.clone()),
            Party::Kommuner => (&kommuner, input.kommun_key.clone()),
        };
        if members.is_empty() && (!amount.is_zero() || !input.shares.of(party).is_zero()) {
            return Err(AllocationError::NoMembers {
                party,
                share: input.shares.of(party),
            });
        }
        // A Belopp typed on the Stat row or the single Region row must be the party's part.
        if matches!(key, Key::Mix(_)) && members.len() == 1 && party != Party::Kommuner {
            if let Some((typed, only)) = members.first().and_then(|m| Some((m.amount?, m))) {
                if typed != amount {
                    return Err(AllocationError::PartyAmountMismatch {
                        member: only.name.clone(),
                        party,
                        typed: typed.value(),
                        computed: amount.value(),
                    });
                }
            }
        }
        let split = split_members(party, amount, members, &key, input.rounding, unit)?;
        let members_sum =
            checked_total(split.iter().map(|(_, a)| *a)).ok_or(AllocationError::Overflow)?;
        let rounding_difference = members_sum
            .checked_sub(amount)
            .ok_or(AllocationError::Overflow)?;
        // Rounding explains at most half a unit per member; more is a deviation.
        let tolerance = Decimal::from(members.len() as u64)
            .checked_mul(unit.value())
            .and_then(|v| v.checked_div(Decimal::TWO))
            .ok_or(AllocationError::Overflow)?;
        let deviation = rounding_difference.value().abs() > tolerance;
        if deviation && !input.allow_difference {
            let amounts: Vec<Amount> = split.iter().map(|(_, a)| *a).collect();
            // A member left out of the year whose Belopp is just what is missing.
            let left_out = input.year.and_then(|year| {
                let missing = Decimal::ZERO.checked_sub(rounding_difference.value())?;
                input
                    .members
                    .iter()
                    .filter(|m| m.kind().party() == party && !m.is_active(year))
                    .find(|m| {
                        m.amount.is_some_and(|a| {
                            a.value().saturating_sub(missing).abs() <= tolerance
                                && missing > Decimal::ZERO
                        })
                    })
                    .map(|m| (m.name.clone(), year))
            });
            let (likely, not_member_in) = match left_out {
                Some((name, year)) => (Some(name), Some(year)),
                None => (
                    likely_member(
                        members,
                        &amounts,
                        amount,
                        rounding_difference.value(),
                        &input.previous,
                    ),
                    None,
                ),
            };
            return Err(AllocationError::AmountsDoNotAddUp {
                party,
                sum: members_sum.value(),
                party_amount: amount.value(),
                difference: rounding_difference.value(),
                likely_member: likely,
                not_member_in,
            });
        }
        let population = if key.uses(KeyMethod::Population) {
            // Checked: a sum beyond u64 is an error, never a wrapped figure.
            let mut sum = Some(0u64);
            for m in members.iter() {
                sum = match (sum, m.population) {
                    (Some(s), Some(p)) => Some(s.checked_add(p).ok_or(AllocationError::Overflow)?),
                    _ => None,
                };
            }
            sum
        } else {
            None
        };
        let kr_per_inhabitant = population
            .filter(|p| *p > 0)
            .and_then(|p| amount.value().checked_div(Decimal::from(p)))
            .map(|v| round_half_up(v, 2));
        for (m, (exact_m, amount_m)) in members.iter().zip(split) {
            member_results.push(MemberAllocation {
                id: m.id,
                name: m.name.clone(),
                kind: m.kind(),
                exact: exact_m,
                amount: amount_m,
                population: m.population,
                share_of_total: percent_of(amount_m.value(), total.value()),
                share_of_party: percent_of(amount_m.value(), amount.value()),
            });
        }
        party_results.push(PartyAllocation {
            party,
            share: input.shares.of(party),
            exact,
            amount,
            members_sum,
            rounding_difference,
            deviation,
            key,
            population,
            kr_per_inhabitant,
        });
    }
    // Manual amounts can be anything: make sure the totals the result offers cannot overflow.
    if checked_total(member_results.iter().map(|m| m.amount)).is_none()
        || checked_total(party_results.iter().map(|p| p.rounding_difference)).is_none()
    {
        return Err(AllocationError::Overflow);
    }
    Ok(Allocation {
        total,
        unit,
        rounding: input.rounding,
        parties: party_results,
        members: member_results,
    })
}

/// The sum of `amounts`, or `None` on overflow.
fn checked_total(amounts: impl IntoIterator<Item = Amount>) -> Option<Amount> {
    amounts
        .into_iter()
        .try_fold(Amount::ZERO, |acc, a| acc.checked_add(a))
}

/// Each member's fraction of the party amount under one key method.
fn fractions(
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

/// Splits a party amount between members; returns (exact, rounded) per member in input order.
fn split_members(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn kommun(name: &str, pop: u64) -> MemberInput {
        MemberInput {
            population: Some(pop),
            ..MemberInput::new(name, MemberKind::Kommun)
        }
    }

    #[test]
    fn party_split_spec_example_unit_1000() {
        let p = split_parties(
            Amount::kr(6_322_000),
            &PartyShares::default(),
            RoundingUnit::Thousand,
        )
        .unwrap();
        assert_eq!(
            p.map(|x| x.1),
            [
                Amount::kr(3_161_000),
                Amount::kr(1_581_000),
                Amount::kr(1_580_000)
            ]
        );
    }

    #[test]
    fn party_split_ties_go_staten_region_kommuner() {
        // 1 kr over three equal thirds: the single unit goes to Staten.
        let shares = PartyShares {
            staten: d("33.333"),
            region: d("33.333"),
            kommuner: d("33.334"),
        };
        let p = split_parties(Amount::kr(1000), &shares, RoundingUnit::Thousand).unwrap();
        assert_eq!(
            p.map(|x| x.1),
            [Amount::ZERO, Amount::ZERO, Amount::kr(1000)]
        );
        let even = PartyShares {
            staten: d("25"),
            region: d("25"),
            kommuner: d("50"),
        };
        let p = split_parties(Amount::kr(2000), &even, RoundingUnit::Thousand).unwrap();
        assert_eq!(
            p.map(|x| x.1),
            [Amount::kr(1000), Amount::ZERO, Amount::kr(1000)]
        );
    }

    #[test]
    fn state_amount_drives_total() {
        let t = total_from(
            Funding::State(Amount::kr(9_519_000)),
            &PartyShares::default(),
        )
        .unwrap();
        assert_eq!(t, Amount::kr(19_038_000));
    }

    #[test]
    fn shares_must_sum_to_100() {
        let mut input = AllocationInput::new(Funding::Total(Amount::kr(100)), vec![kommun("A", 1)]);
        input.shares.region = d("24");
        let e = allocate(&input).unwrap_err();
        assert_eq!(e, AllocationError::SharesNot100 { sum: d("99") });
        assert!(e.to_string().contains("inte 100 %"), "{e}");
    }

    #[test]
    fn total_must_be_multiple_of_unit() {
        let mut input =
            AllocationInput::new(Funding::Total(Amount::kr(6_322_500)), vec![kommun("A", 1)]);
        input.unit = RoundingUnit::Thousand;
        let e = allocate(&input).unwrap_err();
        assert!(matches!(
            e,
            AllocationError::TotalNotMultipleOfUnit { unit: 1000, .. }
        ));
        assert!(e.to_string().contains("avrundningsenheten 1000 kr"), "{e}");
    }

    #[test]
    fn empty_member_list_is_an_error_not_a_panic() {
        let input = AllocationInput::new(Funding::Total(Amount::kr(100)), vec![]);
        assert!(matches!(
            allocate(&input),
            Err(AllocationError::NoMembers {
                party: Party::Kommuner,
                ..
            })
        ));
    }

    #[test]
    fn zero_population_is_an_error() {
        let input = AllocationInput::new(Funding::Total(Amount::kr(100)), vec![kommun("A", 0)]);
        assert!(matches!(
            allocate(&input),
            Err(AllocationError::ZeroKeyTotal { .. })
        ));
    }

    #[test]
    fn missing_population_names_the_member() {
        let mut b = MemberInput::new("Bstad", MemberKind::Kommun);
        b.population = None;
        let input = AllocationInput::new(Funding::Total(Amount::kr(100)), vec![kommun("A", 5), b]);
        let e = allocate(&input).unwrap_err();
        assert_eq!(e.to_string(), "Bstad saknar värde för nyckeln Invånare");
    }

    #[test]
    fn equal_parts_and_mix() {
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(4_000_000)),
            vec![kommun("A", 300), kommun("B", 100)],
        );
        input.kommun_key = Key::Mix(vec![
            KeyPart {
                method: KeyMethod::Equal,
                weight: d("20"),
            },
            KeyPart {
                method: KeyMethod::Population,
                weight: d("80"),
            },
        ]);
        let a = allocate(&input).unwrap();
        // K = 1 000 000: A = 100 000 + 600 000, B = 100 000 + 200 000.
        assert_eq!(a.member("A").unwrap().amount, Amount::kr(700_000));
        assert_eq!(a.member("B").unwrap().amount, Amount::kr(300_000));
        assert_eq!(
            a.party(Party::Kommuner).unwrap().key.label(),
            "20 % Lika delar + 80 % Invånare"
        );
    }

    #[test]
    fn balanced_ties_go_to_larger_weight_then_earlier() {
        // K = 25 kr over populations 1,1,1 → 8,333… each; one extra krona to the earliest.
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(100)),
            vec![kommun("A", 1), kommun("B", 1), kommun("C", 1)],
        );
        input.rounding = MemberRounding::Balanced;
        let a = allocate(&input).unwrap();
        let got: Vec<_> = a
            .members
            .iter()
            .filter(|m| m.kind == MemberKind::Kommun)
            .map(|m| m.amount)
            .collect();
        assert_eq!(got, vec![Amount::kr(9), Amount::kr(8), Amount::kr(8)]);
        // Exact halves: 25 over weights 1 and 1 → 12,5 each; the tie goes to the earlier member.
        input.members = vec![kommun("A", 1), kommun("B", 1)];
        let a = allocate(&input).unwrap();
        assert_eq!(a.member("A").unwrap().amount, Amount::kr(13));
        assert_eq!(a.member("B").unwrap().amount, Amount::kr(12));
        assert_eq!(
            a.party(Party::Kommuner).unwrap().rounding_difference,
            Amount::ZERO
        );
        // Larger weight wins an equal remainder: 10 kr over 1:3 → 2,5 and 7,5.
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(40)),
            vec![kommun("A", 1), kommun("B", 3)],
        );
        input.rounding = MemberRounding::Balanced;
        let a = allocate(&input).unwrap();
        assert_eq!(a.member("A").unwrap().amount, Amount::kr(2));
        assert_eq!(a.member("B").unwrap().amount, Amount::kr(8));
    }

    #[test]
    fn members_join_and_leave() {
        let mut old = kommun("Gamla", 100);
        old.last_year = Some(2023);
        let mut new = kommun("Nya", 100);
        new.first_year = Some(2024);
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(400)),
            vec![old, new, kommun("Alltid", 100)],
        );
        input.year = Some(2023);
        let a = allocate(&input).unwrap();
        assert!(a.member("Nya").is_none());
        assert_eq!(a.member("Gamla").unwrap().amount, Amount::kr(50));
        input.year = Some(2024);
        let a = allocate(&input).unwrap();
        assert!(a.member("Gamla").is_none());
        assert_eq!(a.member("Nya").unwrap().amount, Amount::kr(50));
    }

    #[test]
    fn change_from_previous_year() {
        let mut new = kommun("Nya", 100);
        new.first_year = Some(2025);
        let mut input =
            AllocationInput::new(Funding::Total(Amount::kr(400)), vec![kommun("A", 100), new]);
        input.year = Some(2024);
        let before = allocate(&input).unwrap();
        input.year = Some(2025);
        input.funding = Funding::Total(Amount::kr(800));
        let now = allocate(&input).unwrap();
        // A: 100 kr alone in 2024, 100 kr of 200 in 2025.
        assert_eq!(now.change_from(&before, "A"), Some(Amount::ZERO));
        assert_eq!(
            now.change_from(&before, "Nya"),
            None,
            "not a member the year before"
        );
        assert_eq!(now.change_from(&before, "Finns inte"), None);
    }

    #[test]
    fn kr_per_inhabitant_two_decimals() {
        let input = AllocationInput::new(
            Funding::Total(Amount::kr(4_000_000)),
            vec![kommun("A", 3), kommun("B", 3)],
        );
        let a = allocate(&input).unwrap();
        assert_eq!(
            a.party(Party::Kommuner).unwrap().kr_per_inhabitant,
            Some(d("166666.67"))
        );
    }

    #[test]
    fn several_regions_split_by_region_key() {
        let mut r1 = MemberInput::new("Region A", MemberKind::Region);
        r1.percent = Some(d("60"));
        let mut r2 = MemberInput::new("Region B", MemberKind::Region);
        r2.percent = Some(d("40"));
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(1_000_000)),
            vec![r1, r2, kommun("K", 1)],
        );
        input.region_key = Key::single(KeyMethod::Percent);
        let a = allocate(&input).unwrap();
        assert_eq!(a.member("Region A").unwrap().amount, Amount::kr(150_000));
        assert_eq!(a.member("Region B").unwrap().amount, Amount::kr(100_000));
        assert_eq!(
            a.member(DEFAULT_STATE_NAME).unwrap().amount,
            Amount::kr(500_000)
        );
    }

    #[test]
    fn overflow_is_an_error() {
        let input = AllocationInput::new(
            Funding::Total(Amount(Decimal::MAX)),
            vec![kommun("A", u64::MAX), kommun("B", u64::MAX)],
        );
        assert!(allocate(&input).is_err());
    }
}
