//! Edits for where lines sit in the budget statement and how split lines are divided
//! (docs/budget.md, "Budget statement" and "Split lines"): insert a line in a group, move a
//! line within its group, split or unsplit a line, set one share.
//!
//! A *group* is a category of the statement, or `None` for the lines without one
//! ([`StatementGroup`]); a split line belongs to every group its shares are shown in.

use rust_decimal::Decimal;

use super::run::line_ref;
use super::{Edit, EditError, LineField, Result};
use crate::budget_statement::{line_in_group, StatementGroup};
use crate::plan::{Category, LineId, Plan, SplitShare};

impl Edit {
    /// Inserts a new line named `name` in `group` (its category): right after the line
    /// `after` when given and shown in the group, else after the group's last line, else at
    /// the end of the plan.
    pub fn insert_line_in_group(
        plan: &Plan,
        group: StatementGroup,
        after: Option<LineId>,
        name: impl Into<String>,
    ) -> Edit {
        let in_group = |i: usize| plan.lines.get(i).is_some_and(|l| line_in_group(l, group));
        let index = after
            .and_then(|id| plan.lines.iter().position(|l| l.id == id))
            .filter(|i| in_group(*i))
            .or_else(|| (0..plan.lines.len()).rev().find(|i| in_group(*i)))
            .map(|i| i.saturating_add(1))
            .unwrap_or(plan.lines.len());
        Edit::insert_new_line(plan, index, name, group)
    }

    /// Moves `line` one step up (or down) among the lines shown in `group`: it swaps places
    /// with the previous (next) line of the group. At the group's edge nothing changes (a
    /// no-op edit).
    pub fn move_line_in_group(
        plan: &Plan,
        line: LineId,
        group: StatementGroup,
        up: bool,
    ) -> Result<Edit> {
        let from = plan
            .lines
            .iter()
            .position(|l| l.id == line)
            .ok_or(EditError::NoLine(line))?;
        let in_group = |i: &usize| plan.lines.get(*i).is_some_and(|l| line_in_group(l, group));
        let target = if up {
            (0..from).rev().find(in_group)
        } else {
            (from.saturating_add(1)..plan.lines.len()).find(in_group)
        };
        Edit::move_line(plan, from, target.unwrap_or(from))
    }

    /// Makes `line` a split line: one share of 100 % in its own category when a line can be
    /// split over it, else in Kansli. The user then moves percent to the other categories.
    pub fn split_line(plan: &Plan, line: LineId) -> Result<Edit> {
        let l = line_ref(plan, line)?;
        if l.is_split() {
            // Already split: nothing changes.
            return Edit::set_line_field(plan, line, LineField::Split(l.split.clone()));
        }
        let category = l
            .category
            .filter(|c| c.is_splittable())
            .unwrap_or(Category::Kansli);
        Edit::set_line_split(
            plan,
            line,
            vec![SplitShare {
                category,
                percent: Decimal::ONE_HUNDRED,
            }],
        )
    }

    /// Makes `line` a plain line again (its category is the one it had).
    pub fn unsplit_line(plan: &Plan, line: LineId) -> Result<Edit> {
        Edit::set_line_split(plan, line, Vec::new())
    }

    /// Sets the share of `line` in `category` to `percent` (`None` or 0 removes the share).
    /// The shares stay in the order of [`Category::SPLITTABLE`]. Removing the last share makes
    /// the line a plain line. Shares outside 0–100 % are refused when the edit is applied.
    pub fn set_split_share(
        plan: &Plan,
        line: LineId,
        category: Category,
        percent: Option<Decimal>,
    ) -> Result<Edit> {
        if !category.is_splittable() {
            return Err(EditError::NotSplittable(category));
        }
        let l = line_ref(plan, line)?;
        let mut split: Vec<SplitShare> = l
            .split
            .iter()
            .filter(|s| s.category != category)
            .cloned()
            .collect();
        if let Some(p) = percent.filter(|p| !p.is_zero()) {
            split.push(SplitShare {
                category,
                percent: p,
            });
        }
        split.sort_by_key(|s| {
            Category::SPLITTABLE
                .iter()
                .position(|c| *c == s.category)
                .unwrap_or(Category::SPLITTABLE.len())
        });
        Edit::set_line_split(plan, line, split)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::plan::BudgetLine;

    fn plan() -> Plan {
        let mut p = Plan::empty("T", 2026, 0);
        let lines = [
            (1, "A", Some(Category::Kansli)),
            (2, "B", Some(Category::Styrelse)),
            (3, "C", Some(Category::Kansli)),
            (4, "D", None),
            (5, "E", Some(Category::Kansli)),
        ];
        for (id, name, c) in lines {
            p.lines.push(BudgetLine::new(LineId(id), name, c));
        }
        p
    }

    fn names(p: &Plan) -> Vec<&str> {
        p.lines.iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn a_new_line_goes_after_the_given_line_or_last_in_its_group() {
        let mut p = plan();
        let e = Edit::insert_line_in_group(&p, Some(Category::Kansli), Some(LineId(1)), "N");
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["A", "N", "B", "C", "D", "E"]);
        assert_eq!(p.lines[1].category, Some(Category::Kansli));

        // A line of another group is no anchor: last of the group instead.
        let mut p = plan();
        let e = Edit::insert_line_in_group(&p, Some(Category::Styrelse), Some(LineId(3)), "N");
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["A", "B", "N", "C", "D", "E"]);

        // An empty group: at the end, with the group's category.
        let mut p = plan();
        let e = Edit::insert_line_in_group(&p, Some(Category::Individinsatser), None, "N");
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["A", "B", "C", "D", "E", "N"]);
        assert_eq!(p.lines[5].category, Some(Category::Individinsatser));
    }

    #[test]
    fn a_line_moves_past_the_neighbour_of_its_own_group() {
        let mut p = plan();
        let e = Edit::move_line_in_group(&p, LineId(3), Some(Category::Kansli), true).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["C", "A", "B", "D", "E"]);
        let e = Edit::move_line_in_group(&p, LineId(3), Some(Category::Kansli), true).unwrap();
        assert!(e.is_noop(), "first of its group");
        let e = Edit::move_line_in_group(&p, LineId(1), Some(Category::Kansli), false).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["C", "B", "D", "E", "A"]);
        assert_eq!(
            Edit::move_line_in_group(&p, LineId(9), None, true),
            Err(EditError::NoLine(LineId(9)))
        );
    }

    #[test]
    fn a_split_line_moves_within_the_group_of_the_row() {
        let mut p = plan();
        p.lines[4].split = vec![
            SplitShare {
                category: Category::Styrelse,
                percent: Decimal::from(50),
            },
            SplitShare {
                category: Category::Kansli,
                percent: Decimal::from(50),
            },
        ];
        // Up in Styrelse: past B (the only other Styrelse line).
        let e = Edit::move_line_in_group(&p, LineId(5), Some(Category::Styrelse), true).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(names(&p), ["A", "E", "B", "C", "D"]);
    }

    #[test]
    fn split_defaults_and_share_edits() {
        let mut p = plan();
        let e = Edit::split_line(&p, LineId(2)).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(
            p.lines[1].split,
            vec![SplitShare {
                category: Category::Styrelse,
                percent: Decimal::ONE_HUNDRED
            }]
        );
        // No category: Kansli.
        let e = Edit::split_line(&p, LineId(4)).unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.lines[3].split[0].category, Category::Kansli);

        // Shares keep the order of SPLITTABLE; 0 or none removes one.
        let e = Edit::set_split_share(&p, LineId(2), Category::Individinsatser, Some(40.into()))
            .unwrap();
        apply(&mut p, &e).unwrap();
        let e = Edit::set_split_share(&p, LineId(2), Category::Styrelse, Some(60.into())).unwrap();
        apply(&mut p, &e).unwrap();
        let shares: Vec<(Category, Decimal)> = p.lines[1]
            .split
            .iter()
            .map(|s| (s.category, s.percent))
            .collect();
        assert_eq!(
            shares,
            [
                (Category::Individinsatser, Decimal::from(40)),
                (Category::Styrelse, Decimal::from(60))
            ]
        );
        let e = Edit::set_split_share(&p, LineId(2), Category::Individinsatser, Some(0.into()))
            .unwrap();
        apply(&mut p, &e).unwrap();
        assert_eq!(p.lines[1].split.len(), 1);

        // Undo restores the shares.
        let before = p.clone();
        let e = Edit::set_split_share(&p, LineId(2), Category::Kansli, Some(25.into())).unwrap();
        apply(&mut p, &e).unwrap();
        crate::edit::revert(&mut p, &e).unwrap();
        assert_eq!(p, before);

        // Not a cost category of verksamheten; outside 0–100 %.
        let err = Edit::set_split_share(&p, LineId(2), Category::OvrigaIntakter, Some(10.into()))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "en post kan inte fördelas på Övriga intäkter: välj Individinsatser, Strukturpåverkande insatser, Processtöd samverkansinsatser, Styrelse eller Kansli"
        );
        let e = Edit::set_split_share(&p, LineId(2), Category::Kansli, Some(120.into())).unwrap();
        assert!(apply(&mut p, &e).is_err());
        assert_eq!(p, before, "a refused share changes nothing");

        let e = Edit::unsplit_line(&p, LineId(2)).unwrap();
        apply(&mut p, &e).unwrap();
        assert!(!p.lines[1].is_split());
        assert_eq!(p.lines[1].category, Some(Category::Styrelse));
    }
}
