//! How what the members pay changes from the previous year (docs/allocation.md, "Change from
//! the previous year"): one member's change ("ny medlem" when it did not pay the year before),
//! a party's change split into what the continuing members, the new members and the members
//! that left add, and the change of the year's *medelstilldelning* in percent.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::allocation::{Allocation, MemberAllocation, Party};
use crate::format::{format_signed_money, format_signed_percent, DisplayUnit};
use crate::money::Amount;
use crate::plan::MemberId;

/// What one member pays this year compared with the year before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// It paid the year before too: the difference in kronor.
    Changed(Amount),
    /// It did not pay the year before (it joined, or the year before has no such member).
    New,
}

impl MemberChange {
    /// The change of member `id` from `previous` to `now`; `None` when it pays nothing in
    /// `now` or there is no previous year to compare with (or on overflow).
    pub fn of(now: &Allocation, previous: Option<&Allocation>, id: MemberId) -> Option<Self> {
        MemberChange::between(now.member_by_id(id), previous.map(|p| p.member_by_id(id)))
    }

    /// [`MemberChange::of`] given the member's rows (found through
    /// [`Allocation::members_by_id`] for a table of many): its row now, and `previous` — `None`
    /// when there is no previous year, `Some(None)` when it was no member then.
    pub fn between(
        now: Option<&MemberAllocation>,
        previous: Option<Option<&MemberAllocation>>,
    ) -> Option<Self> {
        let amount = now?.amount;
        match previous? {
            Some(before) => amount.checked_sub(before.amount).map(MemberChange::Changed),
            None => Some(MemberChange::New),
        }
    }

    /// As shown in a change column: `+12 000`, `−3 400`, `0` or `ny medlem`.
    pub fn text(self, unit: DisplayUnit) -> String {
        match self {
            MemberChange::Changed(a) => format_signed_money(a.value(), unit),
            MemberChange::New => "ny medlem".to_string(),
        }
    }
}

/// A party's change from the previous year, in parts that add up: `total = continuing +
/// joined − left` (the members' amounts, rounding included, so the rows of a members table
/// and these parts give the party's sum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartyChange {
    /// What the party's members pay in total this year minus the year before.
    pub total: Amount,
    /// The change of the members that pay in both years (the sum of their rows).
    pub continuing: Amount,
    /// What the members new this year pay.
    pub joined: Amount,
    /// How many members are new.
    pub joined_count: usize,
    /// What the members that no longer pay paid the year before.
    pub left: Amount,
    /// How many members left.
    pub left_count: usize,
}

/// True when `m` (of one year) is the same member as `other` (of another): the same plan id,
/// or by name when either has none.
fn same_member(m: &MemberAllocation, other: &MemberAllocation) -> bool {
    match (m.id, other.id) {
        (Some(a), Some(b)) => a == b,
        _ => crate::names::names_match(&m.name, &other.name),
    }
}

impl PartyChange {
    /// The change of `party` from `previous` to `now`; `None` when the party has no result in
    /// one of the years or on overflow.
    pub fn of(now: &Allocation, previous: &Allocation, party: Party) -> Option<Self> {
        let total = now.party_change(previous, party)?;
        let kind_of = |m: &&MemberAllocation| m.kind.party() == party;
        // Plan members are matched by id through a set (a party of any size); a row without
        // an id, or against one, by name (as `same_member`).
        struct Index<'a> {
            ids: HashSet<MemberId>,
            no_id: Vec<&'a MemberAllocation>,
            all: &'a [MemberAllocation],
        }
        fn index(a: &Allocation) -> Index<'_> {
            Index {
                ids: a.members.iter().filter_map(|m| m.id).collect(),
                no_id: a.members.iter().filter(|m| m.id.is_none()).collect(),
                all: &a.members,
            }
        }
        let (now_index, previous_index) = (index(now), index(previous));
        let in_list = |m: &MemberAllocation, i: &Index<'_>| match m.id {
            Some(id) => i.ids.contains(&id) || i.no_id.iter().any(|o| same_member(m, o)),
            None => i.all.iter().any(|o| same_member(m, o)),
        };
        let mut joined = Amount::ZERO;
        let mut joined_count: usize = 0;
        for m in now.members.iter().filter(kind_of) {
            if !in_list(m, &previous_index) {
                joined = joined.checked_add(m.amount)?;
                joined_count = joined_count.saturating_add(1);
            }
        }
        let mut left = Amount::ZERO;
        let mut left_count: usize = 0;
        for m in previous.members.iter().filter(kind_of) {
            if !in_list(m, &now_index) {
                left = left.checked_add(m.amount)?;
                left_count = left_count.saturating_add(1);
            }
        }
        let continuing = total.checked_sub(joined)?.checked_add(left)?;
        Some(PartyChange {
            total,
            continuing,
            joined,
            joined_count,
            left,
            left_count,
        })
    }

    /// As shown in the Summa row of a change column: the total with its sign, and what new
    /// and departed members add when there are any: `+3 001 995 (varav ny medlem +1 200 000)`,
    /// `−40 000 (varav 2 nya medlemmar +90 000, utträdd medlem −130 000)`.
    pub fn text(&self, unit: DisplayUnit) -> String {
        let total = format_signed_money(self.total.value(), unit);
        let mut parts = Vec::new();
        match self.joined_count {
            0 => {}
            1 => parts.push(format!(
                "ny medlem {}",
                format_signed_money(self.joined.value(), unit)
            )),
            n => parts.push(format!(
                "{n} nya medlemmar {}",
                format_signed_money(self.joined.value(), unit)
            )),
        }
        // Negating a decimal flips its sign and never fails.
        let minus_left = Decimal::ZERO
            .checked_sub(self.left.value())
            .unwrap_or(Decimal::ZERO);
        match self.left_count {
            0 => {}
            1 => parts.push(format!(
                "utträdd medlem {}",
                format_signed_money(minus_left, unit)
            )),
            n => parts.push(format!(
                "{n} utträdda medlemmar {}",
                format_signed_money(minus_left, unit)
            )),
        }
        if parts.is_empty() {
            total
        } else {
            format!("{total} (varav {})", parts.join(", "))
        }
    }
}

/// The change of the *medelstilldelning* from `previous` to `now` in percent, rounded half-up
/// (away from zero) to one decimal; `None` when `previous` is zero.
pub fn funding_change_percent(now: Amount, previous: Amount) -> Option<Decimal> {
    let diff = now.value().checked_sub(previous.value())?;
    crate::money::percent_of(diff, previous.value())
        .map(|p| p.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

/// [`funding_change_percent`] as a signed hint: `+2,0 %`, `−1,5 %`, `0,0 %`; `–` without a
/// previous amount to compare with.
pub fn funding_change_text(now: Amount, previous: Amount) -> String {
    funding_change_percent(now, previous)
        .map(format_signed_percent)
        .unwrap_or_else(|| "–".to_string())
}

/// A "föregående år + p %" funding as a hint: `föregående år + 2 %`, `föregående år − 1,5 %`,
/// `föregående år + 0 %` (the sign always written, p with all its decimals).
pub fn previous_plus_percent_text(percent: Decimal) -> String {
    let sign = if percent < Decimal::ZERO {
        '\u{2212}'
    } else {
        '+'
    };
    format!(
        "föregående år {sign} {}\u{a0}%",
        crate::format::format_percent_edit(percent.abs())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::MemberKind;
    use crate::allocation::{allocate, AllocationInput, Funding, Key, KeyMethod, MemberInput};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn kommun(name: &str, id: u32, population: u64) -> MemberInput {
        let mut m = MemberInput::new(name, MemberKind::Kommun);
        m.id = Some(MemberId(id));
        m.population = Some(population);
        m
    }

    fn year(total: i64, members: Vec<MemberInput>) -> Allocation {
        let mut input = AllocationInput::new(Funding::Total(Amount::kr(total)), members);
        input.kommun_key = Key::single(KeyMethod::Population);
        allocate(&input).unwrap()
    }

    #[test]
    fn a_new_member_reads_ny_medlem_and_the_sum_says_what_it_adds() {
        let before = year(
            4_000_000,
            vec![kommun("Aby", 1, 3_000), kommun("Bby", 2, 1_000)],
        );
        let now = year(
            4_400_000,
            vec![
                kommun("Aby", 1, 3_000),
                kommun("Bby", 2, 1_000),
                kommun("Cby", 3, 1_000),
            ],
        );
        assert_eq!(
            MemberChange::of(&now, Some(&before), MemberId(3)),
            Some(MemberChange::New)
        );
        assert_eq!(MemberChange::New.text(DisplayUnit::Kr), "ny medlem");
        // Kommuner: 1 000 000 before, 1 100 000 now; Cby pays a fifth of it.
        let change = PartyChange::of(&now, &before, Party::Kommuner).unwrap();
        assert_eq!(change.total, Amount::kr(100_000));
        assert_eq!(change.joined, Amount::kr(220_000));
        assert_eq!(change.joined_count, 1);
        assert_eq!(change.continuing, Amount::kr(-120_000));
        // The rows above the Summa add up to `continuing`.
        let rows: Amount = [1, 2]
            .iter()
            .filter_map(
                |id| match MemberChange::of(&now, Some(&before), MemberId(*id)) {
                    Some(MemberChange::Changed(a)) => Some(a),
                    _ => None,
                },
            )
            .sum();
        assert_eq!(rows, change.continuing);
        assert_eq!(
            change.text(DisplayUnit::Kr),
            "+100\u{a0}000 (varav ny medlem +220\u{a0}000)"
        );
        assert_eq!(
            MemberChange::of(&now, Some(&before), MemberId(1))
                .unwrap()
                .text(DisplayUnit::Kr),
            "\u{2212}90\u{a0}000"
        );
        // No previous year: nothing to compare with.
        assert_eq!(MemberChange::of(&now, None, MemberId(1)), None);
    }

    #[test]
    fn members_that_left_are_named_in_the_sum() {
        let before = year(
            4_000_000,
            vec![
                kommun("Aby", 1, 1_000),
                kommun("Bby", 2, 1_000),
                kommun("Cby", 3, 2_000),
            ],
        );
        let now = year(
            4_000_000,
            vec![kommun("Aby", 1, 1_000), kommun("Bby", 2, 1_000)],
        );
        let change = PartyChange::of(&now, &before, Party::Kommuner).unwrap();
        assert_eq!(change.total, Amount::ZERO);
        assert_eq!(change.left, Amount::kr(500_000));
        assert_eq!(change.continuing, Amount::kr(500_000));
        assert_eq!(
            change.text(DisplayUnit::Kr),
            "0 (varav utträdd medlem \u{2212}500\u{a0}000)"
        );
        let same = PartyChange::of(&now, &now, Party::Kommuner).unwrap();
        assert_eq!(same.text(DisplayUnit::Kr), "0");
    }

    #[test]
    fn previous_plus_percent_reads_with_its_sign() {
        assert_eq!(
            previous_plus_percent_text(d("2")),
            "föregående år + 2\u{a0}%"
        );
        assert_eq!(
            previous_plus_percent_text(d("-1.5")),
            "föregående år \u{2212} 1,5\u{a0}%"
        );
        assert_eq!(
            previous_plus_percent_text(d("0")),
            "föregående år + 0\u{a0}%"
        );
    }

    #[test]
    fn funding_change_is_signed_with_one_decimal() {
        let t = |now: i64, before: i64| funding_change_text(Amount::kr(now), Amount::kr(before));
        assert_eq!(t(10_200_000, 10_000_000), "+2,0\u{a0}%");
        assert_eq!(t(9_850_000, 10_000_000), "\u{2212}1,5\u{a0}%");
        assert_eq!(t(10_000_000, 10_000_000), "0,0\u{a0}%");
        // A change that rounds to zero shows no sign.
        assert_eq!(t(10_000_001, 10_000_000), "0,0\u{a0}%");
        assert_eq!(t(1, 0), "–");
        assert_eq!(
            funding_change_percent(Amount::kr(1_000_500), Amount::kr(1_000_000)),
            Some(d("0.1"))
        );
        assert_eq!(
            funding_change_percent(Amount::kr(999_500), Amount::kr(1_000_000)),
            Some(d("-0.1"))
        );
    }
}
