//! Turning a checked members CSV ([`MembersImport`]) into one edit of the plan: the engine's
//! [`MembersImport::to_edit`] (kept as a function here for the views).

pub use samplan_engine::MemberAction;
use samplan_engine::{Edit, EditError, MembersImport, Plan, Year};

/// The import of `members` as key values for `year`: members matched by name
/// (case-insensitive) get the file's key values, others are added; the municipal (and
/// regional) key becomes the file's unless the plan's key already agrees. Members missing from
/// the file are kept unchanged.
pub fn members_import_edit(
    plan: &Plan,
    year: Year,
    import: &MembersImport,
) -> Result<(Edit, Vec<MemberAction>), EditError> {
    import.to_edit(plan, year)
}
