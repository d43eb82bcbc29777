//! The settings as a form offers them (docs/allocation.md "Keys between members" and "Rounding
//! unit"): the municipal key as one of a few named choices, the key value columns a key needs,
//! the rounding units, and the year a year's change is measured against.

use std::str::FromStr;

use crate::allocation::{Allocation, AllocationError, Key, KeyMethod, Party, RoundingUnit};
use crate::money::Amount;
use crate::plan::{Plan, Year};

/// A key value a key reads from each member: the columns a members form shows for a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyValueColumn {
    /// `Invånare`.
    Population,
    /// `Andel` (percent of the party's amount).
    Percent,
    /// `Belopp` (fixed kronor).
    Amount,
}

/// The named choices of a key: `invanare`, `andel`, `lika`, `belopp`, and `blandad` for a key
/// that mixes methods (it can be shown, not picked).
pub const KEY_CHOICES: [(&str, &str); 4] = [
    ("invanare", "Invånare"),
    ("andel", "Andel (fast procent)"),
    ("lika", "Lika delar"),
    ("belopp", "Belopp (fast per kommun)"),
];

impl Key {
    /// The key value columns this key needs, in form order: Invånare, then Andel; `Belopp` for
    /// the amount key; none for equal shares.
    pub fn value_columns(&self) -> Vec<KeyValueColumn> {
        match self {
            Key::Amount => vec![KeyValueColumn::Amount],
            Key::Mix(_) => [
                (KeyMethod::Population, KeyValueColumn::Population),
                (KeyMethod::Percent, KeyValueColumn::Percent),
            ]
            .into_iter()
            .filter(|(m, _)| self.uses(*m))
            .map(|(_, c)| c)
            .collect(),
        }
    }

    /// The key's choice id (see [`KEY_CHOICES`]): a key of one method is that method's choice
    /// (whatever its weight), a mix of methods is `blandad`.
    pub fn choice_id(&self) -> &'static str {
        match self {
            Key::Amount => "belopp",
            Key::Mix(parts) => match parts.as_slice() {
                [only] => match only.method {
                    KeyMethod::Population => "invanare",
                    KeyMethod::Percent => "andel",
                    KeyMethod::Equal => "lika",
                },
                _ => "blandad",
            },
        }
    }

    /// The key of a choice id (`None` for `blandad` and unknown ids).
    pub fn from_choice_id(id: &str) -> Option<Key> {
        match id {
            "invanare" => Some(Key::single(KeyMethod::Population)),
            "andel" => Some(Key::single(KeyMethod::Percent)),
            "lika" => Some(Key::single(KeyMethod::Equal)),
            "belopp" => Some(Key::Amount),
            _ => None,
        }
    }
}

impl RoundingUnit {
    /// Every rounding unit, smallest first.
    pub const ALL: [RoundingUnit; 3] = [
        RoundingUnit::One,
        RoundingUnit::Hundred,
        RoundingUnit::Thousand,
    ];
}

impl FromStr for RoundingUnit {
    type Err = AllocationError;

    /// Parses a unit in kronor as a form or a file gives it: `1`, `100`, `1000`, `1 000`,
    /// `1 000 kr`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let t = text.trim();
        let t = t.strip_suffix("kr").unwrap_or(t);
        let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        digits
            .parse::<u32>()
            .ok()
            .and_then(|u| RoundingUnit::try_from(u).ok())
            .ok_or_else(|| AllocationError::BadUnit {
                unit: text.trim().to_string(),
            })
    }
}

impl Plan {
    /// The plan year before `year` (the one a change is measured against), if any.
    pub fn previous_year(&self, year: Year) -> Option<Year> {
        self.years.iter().copied().filter(|y| *y < year).max()
    }
}

impl Allocation {
    /// What the members of `party` pay this year minus what they paid in `previous`, in
    /// kronor; `None` when the party has no result in one of the years or on overflow.
    pub fn party_change(&self, previous: &Allocation, party: Party) -> Option<Amount> {
        let now = self.party(party)?.members_sum;
        let before = previous.party(party)?.members_sum;
        now.checked_sub(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::KeyPart;
    use rust_decimal::Decimal;

    #[test]
    fn key_columns_and_choices() {
        let pop = Key::single(KeyMethod::Population);
        assert_eq!(pop.value_columns(), vec![KeyValueColumn::Population]);
        assert_eq!(Key::Amount.value_columns(), vec![KeyValueColumn::Amount]);
        assert_eq!(Key::single(KeyMethod::Equal).value_columns(), vec![]);
        let mix = Key::Mix(vec![
            KeyPart {
                method: KeyMethod::Percent,
                weight: Decimal::from(20),
            },
            KeyPart {
                method: KeyMethod::Population,
                weight: Decimal::from(80),
            },
        ]);
        assert_eq!(
            mix.value_columns(),
            vec![KeyValueColumn::Population, KeyValueColumn::Percent]
        );
        assert_eq!(mix.choice_id(), "blandad");
        assert_eq!(Key::from_choice_id("blandad"), None);
        for (id, _) in KEY_CHOICES {
            let key = Key::from_choice_id(id).unwrap();
            assert_eq!(key.choice_id(), id);
        }
    }

    #[test]
    fn rounding_unit_from_text() {
        assert_eq!("1".parse(), Ok(RoundingUnit::One));
        assert_eq!("100".parse(), Ok(RoundingUnit::Hundred));
        assert_eq!("1 000 kr".parse(), Ok(RoundingUnit::Thousand));
        assert_eq!("1\u{a0}000".parse(), Ok(RoundingUnit::Thousand));
        assert_eq!(
            "10".parse::<RoundingUnit>().map_err(|e| e.to_string()),
            Err(AllocationError::BadUnit { unit: "10".into() }.to_string())
        );
        for u in RoundingUnit::ALL {
            assert_eq!(u.kronor().to_string().parse(), Ok(u));
        }
    }

    #[test]
    fn previous_year_is_the_nearest_earlier_plan_year() {
        let plan = crate::example::example_plan();
        let first = plan.years[0];
        assert_eq!(plan.previous_year(first), None);
        assert_eq!(plan.previous_year(plan.years[1]), Some(first));
        assert_eq!(plan.previous_year(first + 100), plan.years.last().copied());
    }
}
