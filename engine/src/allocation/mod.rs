//! The financing allocation of docs/allocation.md: the total *medelstilldelning* T is split between the
//! parties (Staten, Region, Kommuner) exactly, then each party's amount is split between its
//! members by a *fördelningsnyckel*.
//!
//! Data flow: [`AllocationInput`] → [`allocate`] → [`Allocation`] (parties and members, with the
//! *avrundningsdifferens* per party and kr per invånare for population keys).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::MemberId;
use crate::money::{percent_of, round_half_up, Amount};
use crate::names::names_match;

mod error;
mod key;
mod party;
mod rounding;

pub use error::*;
pub use key::*;
pub use party::*;
pub use rounding::*;

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
    /// The member's *andel* of T in percent (full precision), by [`MemberAllocation::share_basis`]:
    /// the key's share (party share × the member's key share, Avesta's 44 % of the municipal
    /// 25 % = 11 %), or the paid share (amount / T) where the board decided `Belopp`.
    pub share_of_total: Option<Decimal>,
    /// The member's share of its party's amount in percent (full precision), on the same basis.
    pub share_of_party: Option<Decimal>,
    /// What the andel is measured by (docs/allocation.md, "A member's andel").
    #[serde(default)]
    pub share_basis: ShareBasis,
}

/// What a member's *andel* is measured by (docs/allocation.md, "A member's andel").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShareBasis {
    /// The key's share, before the amounts are rounded to the unit (`Invånare`, `Andel`,
    /// `Lika delar` and their mixes).
    #[default]
    Key,
    /// The share actually paid, amount / T: the board decided the amounts (`Belopp`).
    Paid,
}

impl ShareBasis {
    /// Swedish description: `enligt nyckeln` or `enligt beslutade belopp`.
    pub fn label(self) -> &'static str {
        match self {
            ShareBasis::Key => "enligt nyckeln",
            ShareBasis::Paid => "enligt beslutade belopp",
        }
    }
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

/// An allocation's plan members by id ([`Allocation::members_by_id`]).
#[derive(Clone, Debug, Default)]
pub struct MembersById<'a>(std::collections::HashMap<MemberId, &'a MemberAllocation>);

impl<'a> MembersById<'a> {
    /// The row of member `id`.
    pub fn get(&self, id: MemberId) -> Option<&'a MemberAllocation> {
        self.0.get(&id).copied()
    }
}

impl Allocation {
    /// The result for one party.
    pub fn party(&self, party: Party) -> Option<&PartyAllocation> {
        self.parties.iter().find(|p| p.party == party)
    }

    /// The result for one member by name (the names rule: [`crate::names::names_match`]).
    pub fn member(&self, name: &str) -> Option<&MemberAllocation> {
        self.members.iter().find(|m| names_match(&m.name, name))
    }

    /// The result for the plan member `id`.
    /// Fast while the members are in id order (see [`Plan::line`](crate::Plan::line)).
    pub fn member_by_id(&self, id: MemberId) -> Option<&MemberAllocation> {
        crate::plan::find_by_id(&self.members, Some(id), |m| m.id)
    }

    /// The plan members' rows by id, for looking up many (a members table of any size):
    /// [`Allocation::member_by_id`] searches the list.
    pub fn members_by_id(&self) -> MembersById<'_> {
        MembersById(
            self.members
                .iter()
                .filter_map(|m| m.id.map(|id| (id, m)))
                .collect(),
        )
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
        // A member's andel: the key's share, or what it pays where the board decided the
        // amounts (docs/allocation.md).
        let share_basis = if matches!(key, Key::Amount) {
            ShareBasis::Paid
        } else {
            ShareBasis::Key
        };
        let party_share = input.shares.of(party);
        for (m, (exact_m, amount_m)) in members.iter().zip(split) {
            let (share_of_party, share_of_total) = match share_basis {
                ShareBasis::Paid => (
                    percent_of(amount_m.value(), amount.value()),
                    percent_of(amount_m.value(), total.value()),
                ),
                ShareBasis::Key => {
                    let of_party = percent_of(exact_m, amount.value());
                    let of_total = of_party
                        .and_then(|p| p.checked_mul(party_share))
                        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED));
                    (of_party, of_total)
                }
            };
            member_results.push(MemberAllocation {
                id: m.id,
                name: m.name.clone(),
                kind: m.kind(),
                exact: exact_m,
                amount: amount_m,
                population: m.population,
                share_of_total,
                share_of_party,
                share_basis,
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
