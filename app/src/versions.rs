//! Versions in the app (docs/budget.md "Versioner"): the question asked before the first
//! change of a frozen version. The rule (which edits a locked draft refuses) is the engine's
//! [`check_not_frozen`]; this only asks and, on yes, unlocks the draft.

use leptos::prelude::*;
use samplan_engine::{check_not_frozen, Edit};

use crate::state::AppState;

/// Before `edit` enters the plan: when the draft is locked on a frozen version and `edit`
/// changes what was decided, asks "start a new draft?". Yes unlocks the draft (the frozen
/// version stays as it is) and the edit goes on; no refuses it with a Swedish reason.
pub fn confirm_unlock(state: AppState, edit: &Edit) -> Result<(), String> {
    let plan = state.plan;
    let Err(refusal) = plan.with_untracked(|p| check_not_frozen(p, edit)) else {
        return Ok(());
    };
    if ask_unlock(state) {
        Ok(())
    } else {
        Err(format!("Ingen ändring gjordes: {refusal}"))
    }
}

/// Asks "Versionen … är låst. Starta ett nytt utkast från den?" and, on yes, unlocks the draft
/// (only the draft's state changes, not its content: the kept reports stay valid). True when
/// the user said yes.
pub fn ask_unlock(state: AppState) -> bool {
    let label = state
        .plan
        .with_untracked(|p| p.locked_version().map(|v| v.label()).unwrap_or_default());
    let question = format!(
        "Versionen {label} är låst.\n\nStarta ett nytt utkast från den? Den låsta versionen sparas oförändrad."
    );
    let yes = window().confirm_with_message(&question).unwrap_or(false);
    if yes {
        state.change_versions(|b| b.unlock_draft());
    }
    yes
}
