//! The members table of a year kept by member id ([`KeyedMembers`], docs/workbook.md): one row
//! per active municipality with its key values and its allocation this year and the year
//! before, and a revision per row, so a view redraws only the members whose row changed.

use std::collections::HashMap;

use crate::allocation::{MemberAllocation, MemberKind};
use crate::plan::{KeyValues, MemberId, Plan, Year};
use crate::report::Report;

/// What the members table shows of one municipality in a year (the Kommuner grid,
/// docs/app.md): its key values and its allocation this year and the year before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    /// The member.
    pub id: MemberId,
    /// Its name.
    pub name: String,
    /// Its key values in force in the year.
    pub values: KeyValues,
    /// Its allocation in the year (`None` when the year has none or the member is not in it).
    pub result: Option<MemberAllocation>,
    /// The year before: `None` when there is no previous year with an allocation, `Some(None)`
    /// when the member did not pay then (docs/allocation.md, "Change from the previous year").
    pub previous: Option<Option<MemberAllocation>>,
}

/// The rows of the members table of `year`: the municipalities active in it, in the plan's
/// order (`report` is the report of `plan`).
pub fn member_rows(plan: &Plan, report: &Report, year: Year) -> Vec<MemberRow> {
    let this = report
        .year(year)
        .and_then(|y| y.allocation.as_ref().ok())
        .map(|a| a.members_by_id());
    let prev = plan
        .previous_year(year)
        .and_then(|py| report.year(py))
        .and_then(|y| y.allocation.as_ref().ok())
        .map(|a| a.members_by_id());
    plan.members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun && m.is_active(year))
        .map(|m| MemberRow {
            id: m.id,
            name: m.name.clone(),
            values: m.values_for(year),
            result: this.as_ref().and_then(|a| a.get(m.id)).cloned(),
            previous: prev.as_ref().map(|a| a.get(m.id).cloned()),
        })
        .collect()
}

/// The members table of one year ([`member_rows`]) with a revision per row: a row keeps its
/// revision while it is the same, and gets a new one when anything it shows changed (its key
/// values, name or either year's allocation) or the year changed. Always equal to a full
/// [`member_rows`] of the plan, report and year it was last updated with.
#[derive(Clone, Debug, Default)]
pub struct KeyedMembers {
    year: Option<Year>,
    rows: Vec<(MemberRow, u64)>,
    /// The revision the rows changed last get (grows with every update that changed a row).
    revision: u64,
}

impl KeyedMembers {
    /// An empty table (the first [`KeyedMembers::update`] fills it).
    pub fn new() -> Self {
        KeyedMembers::default()
    }

    /// Brings the table up to date with `plan`, its `report` and `year`; true when any row
    /// changed, was added or removed. The rows are rebuilt (O(members), no formatting) and
    /// compared with the kept ones by member id.
    pub fn update(&mut self, plan: &Plan, report: &Report, year: Year) -> bool {
        let fresh = member_rows(plan, report, year);
        let same_year = self.year == Some(year);
        let next = self.revision.saturating_add(1);
        let mut kept: HashMap<MemberId, (MemberRow, u64)> = if same_year {
            std::mem::take(&mut self.rows)
                .into_iter()
                .map(|(row, rev)| (row.id, (row, rev)))
                .collect()
        } else {
            HashMap::new()
        };
        let mut changed = !same_year || kept.len() != fresh.len();
        let rows: Vec<(MemberRow, u64)> = fresh
            .into_iter()
            .map(|row| match kept.remove(&row.id) {
                Some((old, rev)) if old == row => (old, rev),
                _ => {
                    changed = true;
                    (row, next)
                }
            })
            .collect();
        // An order changed with the same rows still counts as a change of the table.
        changed |= !kept.is_empty();
        self.rows = rows;
        self.year = Some(year);
        if changed {
            self.revision = next;
        }
        changed
    }

    /// The year the table was last updated for.
    pub fn year(&self) -> Option<Year> {
        self.year
    }

    /// The rows in order, each with its revision.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = (&MemberRow, u64)> {
        self.rows.iter().map(|(row, rev)| (row, *rev))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compute, example_plan, Edit};

    #[test]
    fn a_key_value_edit_changes_the_rows_it_reaches_and_keeps_the_others() {
        let mut plan = example_plan();
        let year = plan.years[1];
        let mut table = KeyedMembers::new();
        assert!(table.update(&plan, &compute(&plan), year));
        let first: Vec<u64> = table.rows().map(|(_, r)| r).collect();
        assert!(first.iter().all(|r| *r == first[0]));
        // Nothing changed: every row keeps its revision.
        assert!(!table.update(&plan, &compute(&plan), year));
        assert_eq!(table.rows().map(|(_, r)| r).collect::<Vec<_>>(), first);
        // A population changes that member's row (and the amounts of the others it shifts).
        let member = table.rows().next().map(|(m, _)| m.id);
        let Some(member) = member else {
            panic!("the example plan has municipalities");
        };
        let edit = Edit::set_population(&plan, None, member, year, Some(1)).unwrap();
        crate::edit::apply(&mut plan, &edit).unwrap();
        assert!(table.update(&plan, &compute(&plan), year));
        let (row, rev) = table.rows().next().unwrap();
        assert_eq!(row.values.population, Some(1));
        assert!(rev > first[0]);
        assert_eq!(
            table.rows().map(|(m, _)| m.clone()).collect::<Vec<_>>(),
            member_rows(&plan, &compute(&plan), year)
        );
    }
}
