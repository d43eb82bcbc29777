//! Name edits of members and scenarios: one rule (docs/allocation.md "Member names"),
//! empty and duplicate names refused.

use super::{Edit, EditError, Result};
use crate::allocation::MemberKind;
use crate::names::{clean_name, names_match};
use crate::plan::{MemberId, Plan, ScenarioId};
use crate::scenario::BASE_PLAN_NAME;

fn whose(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::Stat => "statens",
        MemberKind::Region => "regionens",
        MemberKind::Kommun => "kommunens",
    }
}

impl Plan {
    /// `name` cleaned (trimmed, white space folded) when it can name a member of `kind`
    /// (other than `except`): not empty, and no other member has it by [`names_match`].
    pub fn check_member_name(
        &self,
        name: &str,
        kind: MemberKind,
        except: Option<MemberId>,
    ) -> Result<String> {
        let clean = clean_name(name);
        if clean.is_empty() {
            return Err(EditError::EmptyName { what: whose(kind) });
        }
        if self
            .members
            .iter()
            .any(|m| Some(m.id) != except && names_match(&m.name, &clean))
        {
            return Err(EditError::DuplicateName {
                what: "en medlem",
                name: clean,
            });
        }
        Ok(clean)
    }

    /// `name` cleaned when it can name a scenario (other than `except`): not empty, not the
    /// base plan's name, and no other scenario has it by [`names_match`].
    pub fn check_scenario_name(&self, name: &str, except: Option<ScenarioId>) -> Result<String> {
        let clean = clean_name(name);
        if clean.is_empty() {
            return Err(EditError::EmptyName { what: "scenariots" });
        }
        if names_match(&clean, BASE_PLAN_NAME) {
            return Err(EditError::ReservedName {
                name: BASE_PLAN_NAME,
            });
        }
        if self
            .scenarios
            .iter()
            .any(|s| Some(s.id) != except && names_match(&s.name, &clean))
        {
            return Err(EditError::DuplicateName {
                what: "ett scenario",
                name: clean,
            });
        }
        Ok(clean)
    }

    /// A free name for a copy of a scenario named `name`: `Kopia av X`, else
    /// `Kopia av X (2)`, `Kopia av X (3)`, … (free by [`names_match`]).
    pub fn copy_name(&self, name: &str) -> String {
        let base = format!("Kopia av {}", clean_name(name));
        let free = |c: &str| !self.scenarios.iter().any(|s| names_match(&s.name, c));
        if free(&base) {
            return base;
        }
        (2u32..)
            .map(|n| format!("{base} ({n})"))
            .find(|c| free(c))
            .unwrap_or(base)
    }
}

impl Edit {
    /// Adds a member named `name` (checked by [`Plan::check_member_name`]) of `kind`.
    pub fn add_named_member(plan: &Plan, name: &str, kind: MemberKind) -> Result<Edit> {
        let name = plan.check_member_name(name, kind, None)?;
        Ok(Edit::add_member(plan, name, kind))
    }

    /// Adds a scenario named `name` (checked by [`Plan::check_scenario_name`]).
    pub fn add_named_scenario(plan: &Plan, name: &str) -> Result<Edit> {
        let name = plan.check_scenario_name(name, None)?;
        Ok(Edit::add_scenario(plan, name))
    }

    /// Adds a copy of scenario `source` named by [`Plan::copy_name`].
    pub fn copy_scenario(plan: &Plan, source: ScenarioId) -> Result<Edit> {
        let name = plan
            .scenario(source)
            .map(|s| plan.copy_name(&s.name))
            .ok_or(EditError::NoScenario(source))?;
        Edit::duplicate_scenario(plan, source, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    #[test]
    fn member_names_one_rule() {
        let mut p = example_plan();
        let first = p.members[0].clone();
        let upper = format!("  {} ", first.name.to_uppercase());
        assert_eq!(
            Edit::add_named_member(&p, &upper, MemberKind::Kommun),
            Err(EditError::DuplicateName {
                what: "en medlem",
                name: first.name.to_uppercase()
            })
        );
        assert_eq!(
            Edit::add_named_member(&p, " \t", MemberKind::Kommun).map_err(|e| e.to_string()),
            Err("skriv kommunens namn".to_string())
        );
        let e = Edit::add_named_member(&p, "  Nya  Staden ", MemberKind::Kommun).unwrap();
        crate::apply(&mut p, &e).unwrap();
        assert_eq!(p.members.last().unwrap().name, "Nya Staden");
        let err = Edit::add_named_member(&p, "nya staden", MemberKind::Kommun).unwrap_err();
        assert_eq!(
            err.to_string(),
            "det finns redan en medlem som heter nya staden"
        );
        // A member may keep its own name in another case.
        assert!(Edit::rename_member(&p, first.id, first.name.to_lowercase()).is_ok());
        let other = p.members[1].name.clone();
        assert!(Edit::rename_member(&p, first.id, other).is_err());
        assert!(Edit::rename_member(&p, first.id, "").is_err());
    }

    #[test]
    fn scenario_names_and_copies() {
        let mut p = example_plan();
        let e = Edit::add_named_scenario(&p, "Stram budget").unwrap();
        crate::apply(&mut p, &e).unwrap();
        let id = p.scenarios.last().unwrap().id;
        assert_eq!(
            Edit::add_named_scenario(&p, "stram  BUDGET").map_err(|e| e.to_string()),
            Err("det finns redan ett scenario som heter stram BUDGET".to_string())
        );
        assert_eq!(
            Edit::add_named_scenario(&p, "basplan").map_err(|e| e.to_string()),
            Err("namnet Basplan är reserverat för planen utan scenario".to_string())
        );
        assert_eq!(
            Edit::add_named_scenario(&p, " ").map_err(|e| e.to_string()),
            Err("skriv scenariots namn".to_string())
        );
        assert!(Edit::rename_scenario(&p, id, "Stram Budget").is_ok());
        assert_eq!(p.copy_name("Stram budget"), "Kopia av Stram budget");
        let e = Edit::copy_scenario(&p, id).unwrap();
        crate::apply(&mut p, &e).unwrap();
        assert_eq!(p.scenarios.last().unwrap().name, "Kopia av Stram budget");
        let e = Edit::copy_scenario(&p, id).unwrap();
        crate::apply(&mut p, &e).unwrap();
        assert_eq!(
            p.scenarios.last().unwrap().name,
            "Kopia av Stram budget (2)"
        );
        assert_eq!(
            p.scenarios.last().unwrap().overrides,
            p.scenario(id).unwrap().overrides
        );
    }
}
