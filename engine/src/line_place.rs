//! Where a budget line's intervention operates (docs/budget.md, "Kommun"): the Budget grid's
//! Kommun column offers the plan's municipalities and reads what is typed there by the one
//! names rule (docs/allocation.md "Member names"). A line is "kopplad till" a municipality in
//! the Kommun view exactly when its municipality names that member by the same rule
//! ([`crate::municipality::municipality_report`]), so a line set in the grid is always listed there.

use thiserror::Error;

use crate::allocation::MemberKind;
use crate::names::{clean_name, names_match};
use crate::plan::Plan;

/// Why a typed municipality is refused. Messages are Swedish.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LinePlaceError {
    /// No municipality of the plan has this name.
    #[error("det finns ingen kommun som heter {0} i planen; välj en av förbundets kommuner eller lämna cellen tom")]
    Unknown(String),
}

/// The names the Kommun column offers: the plan's municipalities (members of kind Kommun) in
/// the plan's order.
pub fn line_municipality_options(plan: &Plan) -> Vec<String> {
    plan.members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
        .map(|m| m.name.clone())
        .collect()
}

/// Reads a typed municipality of a budget line: empty = none; otherwise the name of the plan's
/// municipality it matches by the names rule (`" västerås"` → `Västerås`), or
/// [`LinePlaceError::Unknown`].
pub fn parse_line_municipality(plan: &Plan, text: &str) -> Result<Option<String>, LinePlaceError> {
    let clean = clean_name(text);
    if clean.is_empty() {
        return Ok(None);
    }
    plan.members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
        .find(|m| names_match(&m.name, &clean))
        .map(|m| Some(m.name.clone()))
        .ok_or(LinePlaceError::Unknown(clean))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, Edit, LineField};
    use crate::example::example_plan;
    use crate::municipality::municipality_report;

    #[test]
    fn typed_names_follow_the_names_rule() {
        let p = example_plan();
        let options = line_municipality_options(&p);
        assert_eq!(options.len(), 10);
        let first = options[0].clone();
        assert_eq!(
            parse_line_municipality(&p, &format!("  {} ", first.to_uppercase())),
            Ok(Some(first.clone()))
        );
        assert_eq!(parse_line_municipality(&p, "   "), Ok(None));
        let e = parse_line_municipality(&p, "Atlantis  stad").unwrap_err();
        assert_eq!(
            e.to_string(),
            "det finns ingen kommun som heter Atlantis stad i planen; välj en av förbundets kommuner eller lämna cellen tom"
        );
    }

    #[test]
    fn a_line_set_in_the_grid_is_listed_in_the_kommun_view() {
        let mut p = example_plan();
        let member = p
            .members
            .iter()
            .filter(|m| m.kind == MemberKind::Kommun)
            .find(|m| {
                municipality_report(&p, None, m.id)
                    .unwrap()
                    .lines
                    .is_empty()
            })
            .unwrap()
            .clone();
        let line = p.lines[0].id;
        let name = parse_line_municipality(&p, &member.name.to_lowercase()).unwrap();
        let edit = Edit::set_line_field(&p, line, LineField::Municipality(name)).unwrap();
        apply(&mut p, &edit).unwrap();
        let r = municipality_report(&p, None, member.id).unwrap();
        assert_eq!(r.lines.len(), 1);
        assert_eq!(r.lines[0].id, line);
    }
}
