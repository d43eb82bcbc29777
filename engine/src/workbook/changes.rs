//! What a change of the plan touched ([`Changes`]), for views that repaint only that.

use std::collections::BTreeSet;

use crate::edit::{Edit, LineField};
use crate::plan::{LineId, MemberId, Year};

/// What one change of a [`Workbook`](super::Workbook) touched (docs/workbook.md): the lines and
/// members whose own data changed, the years whose figures were recomputed, and whether the
/// shape changed. A view repaints the rows of the lines and members named and the figures of
/// the years named; on `structure` it looks at every row (the statement's row revisions still
/// say which rows differ).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Lines whose own data changed (an amount, an outcome, a field such as the name).
    pub lines: BTreeSet<LineId>,
    /// Members whose own data changed (key values, name, kind, years).
    pub members: BTreeSet<MemberId>,
    /// Years whose figures (allocation, budget, outcome, follow-up) were recomputed in the
    /// base plan's or the active scenario's report. Equity and the multi-year table are
    /// rolled forward on every change and are not listed.
    pub years: BTreeSet<Year>,
    /// The plan changed: what spans years (equity, the multi-year table, the warnings) was
    /// redone, even when no line, member or year is named (e.g. the opening equity).
    pub plan: bool,
    /// The rows themselves may have changed: lines added, deleted, moved or put in another
    /// group (category, split), members added or removed, the plan's years or scenarios
    /// changed, another plan or another active scenario, or an edit whose reach is not known.
    pub structure: bool,
}

impl Changes {
    /// Everything changed (another plan, another active scenario).
    pub fn everything() -> Self {
        Changes {
            plan: true,
            structure: true,
            ..Changes::default()
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.plan
            && !self.structure
            && self.lines.is_empty()
            && self.members.is_empty()
            && self.years.is_empty()
    }

    /// Adds what `other` touched.
    pub fn merge(&mut self, other: Changes) {
        self.lines.extend(other.lines);
        self.members.extend(other.members);
        self.years.extend(other.years);
        self.plan |= other.plan;
        self.structure |= other.structure;
    }

    /// The lines, members and shape `edit` touches (applied or reverted alike); the years come
    /// from the recompute.
    pub(crate) fn of_edit(edit: &Edit) -> Self {
        let mut c = Changes {
            plan: true,
            ..Changes::default()
        };
        c.add(edit);
        c
    }

    fn add(&mut self, edit: &Edit) {
        match edit {
            Edit::SetLineAmount { line, .. } | Edit::SetOutcome { line, .. } => {
                self.lines.insert(*line);
            }
            Edit::SetLineField { line, new, .. } => {
                self.lines.insert(*line);
                // The line's rows move to other groups.
                if matches!(new, LineField::Category(_) | LineField::Split(_)) {
                    self.structure = true;
                }
            }
            Edit::SetMemberValues { member, .. } | Edit::SetMemberField { member, .. } => {
                self.members.insert(*member);
            }
            Edit::AddMember { member, .. } | Edit::RemoveMember { member, .. } => {
                self.members.insert(member.id);
                self.structure = true;
            }
            // Which amounts a scenario overrides, and from which year, can change every line.
            Edit::SetScenarioSetting { .. }
            | Edit::AddScenario { .. }
            | Edit::RemoveScenario { .. } => self.structure = true,
            // Figures only.
            Edit::SetYearInput { .. }
            | Edit::SetFundingOverride { .. }
            | Edit::SetSetting { .. }
            | Edit::SetOpeningEquity { .. }
            | Edit::RenameScenario { .. } => {}
            // A version frozen or unfrozen: no row changes (`plan` repaints what reads the
            // versions).
            Edit::Freeze { .. } => {}
            Edit::Compound(edits) => {
                for e in edits {
                    self.add(e);
                }
            }
            // Lines inserted, deleted or moved, the plan's years, and any edit added later.
            _ => self.structure = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{example_plan, Amount};

    #[test]
    fn an_amount_names_its_line_and_a_category_changes_the_shape() {
        let plan = example_plan();
        let line = plan.lines[0].id;
        let amount =
            Edit::set_line_amount(&plan, None, line, plan.years[0], Amount::kr(5)).unwrap();
        let c = Changes::of_edit(&amount);
        assert_eq!(c.lines, BTreeSet::from([line]));
        assert!(!c.structure);
        let category = Edit::set_line_category(&plan, line, None).unwrap();
        assert!(Changes::of_edit(&Edit::Compound(vec![amount, category])).structure);
        assert!(Changes::everything().structure && !Changes::everything().is_empty());
        assert!(Changes::default().is_empty());
        let equity = Edit::set_opening_equity(&plan, Amount::kr(1));
        assert!(!Changes::of_edit(&equity).is_empty());
    }
}
