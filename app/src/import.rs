//! Turning a checked members CSV ([`MembersImport`]) into one edit of the plan.
//!
//! TODO(engine): this mapping belongs in the engine (like `BudgetImport::to_edit`); it is kept
//! here, built only from engine edits, until the engine offers it.

use samplan_engine::{
    apply, Edit, EditError, KeyValues, Member, MemberId, MembersImport, Plan, Year, YearKeys,
};

/// What a members import does to each file row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberAction {
    /// A member with this name exists: its key values for the year are replaced.
    Update,
    /// A new member.
    Add,
}

/// The import of `members` as key values for `year`: members matched by name
/// (case-insensitive) get the file's key values, others are added; the municipal (and
/// regional) key becomes the file's from `year` on. Members missing from the file are kept
/// unchanged.
pub fn members_import_edit(
    plan: &Plan,
    year: Year,
    import: &MembersImport,
) -> Result<(Edit, Vec<MemberAction>), EditError> {
    let mut scratch = plan.clone();
    let mut edits = Vec::new();
    let mut actions = Vec::new();
    let push = |scratch: &mut Plan, e: Edit, edits: &mut Vec<Edit>| -> Result<(), EditError> {
        if !e.is_noop() {
            apply(scratch, &e)?;
            edits.push(e);
        }
        Ok(())
    };
    let keys = YearKeys {
        kommun_key: Some(import.kommun_key.clone()),
        region_key: import.region_key.clone(),
        population_source: None,
    };
    let e = Edit::set_year_keys_from(&scratch, year, &keys);
    push(&mut scratch, e, &mut edits)?;
    for m in &import.members {
        let values = KeyValues {
            population: m.population,
            percent: m.percent,
            amount: m.amount,
        };
        let existing = scratch
            .members
            .iter()
            .find(|p| p.name.trim().to_lowercase() == m.name.trim().to_lowercase())
            .map(|p| p.id);
        match existing {
            Some(id) => {
                let e = Edit::set_member_values(&scratch, None, id, year, values)?;
                push(&mut scratch, e, &mut edits)?;
                actions.push(MemberAction::Update);
            }
            None => {
                let mut member = Member {
                    id: MemberId(scratch.free_id()),
                    name: m.name.trim().to_string(),
                    kind: m.kind.unwrap_or(samplan_engine::MemberKind::Kommun),
                    first_year: m.first_year,
                    last_year: m.last_year,
                    values: Default::default(),
                };
                if values != KeyValues::default() {
                    member.values.insert(year, values);
                }
                let e = Edit::insert_member(&scratch, scratch.members.len(), member);
                push(&mut scratch, e, &mut edits)?;
                actions.push(MemberAction::Add);
            }
        }
    }
    Ok((Edit::Compound(edits), actions))
}
