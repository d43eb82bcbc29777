//! Line names (docs/budget.md, "Years and lines"): a new line starts unnamed, so the first
//! thing typed in its name cell is its whole name; an unnamed line is shown and exported as
//! [`UNNAMED_LINE`]; a name once given cannot be emptied again.

use crate::budget_statement::StatementGroup;
use crate::edit::{Edit, EditError};
use crate::plan::{BudgetLine, LineId, Plan};

/// How a line without a name is shown read-only and written in the statement and budget CSV
/// files (the budget CSV import matches it to the unnamed line again).
pub const UNNAMED_LINE: &str = "(namnlös post)";

impl BudgetLine {
    /// True while the line has no name (a new line, until one is typed).
    pub fn is_unnamed(&self) -> bool {
        self.name.trim().is_empty()
    }

    /// The line's name as shown and exported: its name, or [`UNNAMED_LINE`].
    pub fn shown_name(&self) -> &str {
        if self.is_unnamed() {
            UNNAMED_LINE
        } else {
            &self.name
        }
    }
}

impl Edit {
    /// A new, unnamed line in `group` (see [`Edit::insert_line_in_group`] for where it goes).
    pub fn insert_unnamed_line_in_group(
        plan: &Plan,
        group: StatementGroup,
        after: Option<LineId>,
    ) -> Edit {
        Edit::insert_line_in_group(plan, group, after, "")
    }

    /// The edit a typed name makes (trimmed; inner white space, a pasted tab too, is kept):
    /// `None` when nothing
    /// changes (the same name, or nothing typed for a line that is still unnamed). A named
    /// line cannot be emptied: `skriv postens namn`.
    pub fn rename_line(plan: &Plan, line: LineId, typed: &str) -> Result<Option<Edit>, EditError> {
        let current = plan.line(line).ok_or(EditError::NoLine(line))?;
        let name = typed.trim();
        if name.is_empty() {
            return if current.is_unnamed() {
                Ok(None)
            } else {
                Err(EditError::EmptyName { what: "postens" })
            };
        }
        if name == current.name {
            return Ok(None);
        }
        Edit::set_line_name(plan, line, name.to_string()).map(Some)
    }
}
