//! Paste that understands rows (docs/app.md, "Paste from Excel"): before the grid pastes a
//! block cell by cell, the owner may take it as rows ([`PasteRows`]); the engine decides
//! (`samplan_engine::csv::paste_budget_rows`) and the grid only shows the summary or the reason.

use leptos::prelude::*;

use super::state::GridState;
use super::Pos;

/// The owner's row paste: gets the pasted cells and the selected cell; `None` = not a row
/// paste (the grid pastes cell by cell), `Some(Ok(summary))` = applied as one undo step,
/// `Some(Err(reason))` = nothing changed.
pub type PasteRows = Callback<(Vec<Vec<String>>, Pos), Option<Result<String, String>>>;

/// Offers `block` to the owner's row paste; true when it was taken (applied or refused).
pub(super) fn offer(
    st: GridState,
    rows: Option<PasteRows>,
    block: &[Vec<String>],
    at: Pos,
) -> bool {
    let Some(rows) = rows else {
        return false;
    };
    match rows.run((block.to_vec(), at)) {
        None => false,
        Some(Ok(summary)) => {
            crate::components::Toasts::undoable(summary.clone());
            st.hint.set(summary);
            true
        }
        Some(Err(reason)) => {
            crate::components::Toasts::say(reason.clone());
            st.hint.set(reason);
            true
        }
    }
}
