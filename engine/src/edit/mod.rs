//! Edits of a plan (STYLE: IronCalc's `Diff`): every change is an [`Edit`] value that records
//! the old and the new value, so it can be applied ([`apply`]) and reverted ([`revert`]) exactly:
//! `revert(apply(plan, e)) == plan`. A paste or an import is one [`Edit::Compound`].
//!
//! The helper constructors (`Edit::set_line_amount(&plan, …)` and friends) read the current
//! value from the plan as `old`, so the app never computes it. [`apply`] checks that the plan
//! still holds `old` (and [`revert`] that it holds `new`); otherwise the edit is stale and
//! refused with [`EditError::Stale`], leaving the plan unchanged.
//!
//! [`UndoStack`] keeps applied edits for undo/redo (at least 100 steps).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::money::Amount;
use crate::plan::{
    BudgetLine, FundingInput, KeyValues, LineId, Member, MemberId, Outcome, Plan, Scenario,
    ScenarioId, Year, YearInput,
};

mod batch;
mod build;
mod error;
mod feedback;
mod fields;
mod line_group;
mod names;
mod run;
mod undo;
mod years;

pub use batch::EditBatch;
pub use error::EditError;
pub(crate) use error::Result;
pub use feedback::*;
pub use fields::{LineField, MemberField, ScenarioSetting, Setting};
use run::{run, LineIndex};
pub use undo::{UndoStack, DEFAULT_UNDO_CAPACITY};
pub use years::*;

/// One change of a plan, recording the old and the new value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// A line's budget amount for a year. In a scenario it is the scenario's override
    /// (`None` = no override); in the base plan `None` = no amount (empty cell).
    SetLineAmount {
        /// `None` = base plan.
        scenario: Option<ScenarioId>,
        /// The line.
        line: LineId,
        /// The year.
        year: Year,
        /// Value before.
        old: Option<Amount>,
        /// Value after.
        new: Option<Amount>,
    },
    /// A field of a line (both values the same field).
    SetLineField {
        /// The line.
        line: LineId,
        /// Value before.
        old: LineField,
        /// Value after.
        new: LineField,
    },
    /// A line's outcome for a year (`None` = no outcome).
    SetOutcome {
        /// The line.
        line: LineId,
        /// The year.
        year: Year,
        /// Value before.
        old: Option<Outcome>,
        /// Value after.
        new: Option<Outcome>,
    },
    /// Inserts `line` at `index`; the plan's next id becomes at least `line.id + 1`.
    InsertLine {
        /// Position in the line list.
        index: usize,
        /// The line.
        line: BudgetLine,
        /// The plan's `next_id` before (restored on revert).
        next_id_before: u32,
    },
    /// Deletes the line at `index`, with the scenario overrides of its amounts.
    DeleteLine {
        /// Position in the line list.
        index: usize,
        /// The removed line.
        line: BudgetLine,
        /// The removed overrides per scenario.
        overrides: Vec<(ScenarioId, BTreeMap<Year, Amount>)>,
    },
    /// Moves a line from one position to another.
    MoveLine {
        /// Position before.
        from: usize,
        /// Position after.
        to: usize,
    },
    /// A member's key values for a year (base plan, or a scenario's override).
    SetMemberValues {
        /// `None` = base plan.
        scenario: Option<ScenarioId>,
        /// The member.
        member: MemberId,
        /// The year.
        year: Year,
        /// Value before (`None` = no entry for the year).
        old: Option<KeyValues>,
        /// Value after.
        new: Option<KeyValues>,
    },
    /// Inserts a member at `index`.
    AddMember {
        /// Position in the member list.
        index: usize,
        /// The member.
        member: Member,
        /// The plan's `next_id` before.
        next_id_before: u32,
    },
    /// Removes the member at `index`, with the scenario overrides of its key values.
    RemoveMember {
        /// Position in the member list.
        index: usize,
        /// The removed member.
        member: Member,
        /// The removed overrides per scenario.
        overrides: Vec<(ScenarioId, BTreeMap<Year, KeyValues>)>,
    },
    /// A field of a member (rename, kind, membership years).
    SetMemberField {
        /// The member.
        member: MemberId,
        /// Value before.
        old: MemberField,
        /// Value after.
        new: MemberField,
    },
    /// The base plan's inputs of a year (funding, request, capital contribution, actual result);
    /// `None` = no entry.
    SetYearInput {
        /// The year.
        year: Year,
        /// Value before.
        old: Option<YearInput>,
        /// Value after.
        new: Option<YearInput>,
    },
    /// A scenario's funding override of a year (`None` = as in the base plan).
    SetFundingOverride {
        /// The scenario.
        scenario: ScenarioId,
        /// The year.
        year: Year,
        /// Value before.
        old: Option<FundingInput>,
        /// Value after.
        new: Option<FundingInput>,
    },
    /// A plan setting (both values the same setting).
    SetSetting {
        /// Value before.
        old: Setting,
        /// Value after.
        new: Setting,
    },
    /// A scenario's override of a setting.
    SetScenarioSetting {
        /// The scenario.
        scenario: ScenarioId,
        /// Value before.
        old: ScenarioSetting,
        /// Value after.
        new: ScenarioSetting,
    },
    /// *EK IB* of the first year.
    SetOpeningEquity {
        /// Value before.
        old: Amount,
        /// Value after.
        new: Amount,
    },
    /// The plan's years.
    SetYears {
        /// Value before.
        old: Vec<Year>,
        /// Value after.
        new: Vec<Year>,
    },
    /// Inserts a scenario at `index`.
    AddScenario {
        /// Position in the scenario list.
        index: usize,
        /// The scenario.
        scenario: Scenario,
        /// The plan's `next_id` before.
        next_id_before: u32,
    },
    /// Removes the scenario at `index`.
    RemoveScenario {
        /// Position in the scenario list.
        index: usize,
        /// The removed scenario.
        scenario: Scenario,
    },
    /// Renames a scenario.
    RenameScenario {
        /// The scenario.
        scenario: ScenarioId,
        /// Name before.
        old: String,
        /// Name after.
        new: String,
    },
    /// Several edits as one step (a paste, an import). Applied in order, reverted backwards;
    /// all or nothing.
    Compound(Vec<Edit>),
    /// Freezes the draft as a new version (a förslag or an adopted version) and locks the
    /// draft on it (docs/budget.md "Versioner"); built by
    /// [`Plan::freeze_edit`](crate::Plan::freeze_edit). One undo step: undoing it removes the
    /// version again and gives the draft back its state before ("Ångra after adopting").
    Freeze {
        /// The new version (the last of the list once applied).
        version: Box<crate::versions::PlanVersion>,
        /// The version the draft was locked on before.
        locked_before: Option<crate::versions::VersionId>,
        /// The version the draft was started from before.
        draft_from_before: Option<crate::versions::VersionId>,
    },
}

/// Applies `edit` to `plan`. On error the plan is unchanged.
pub fn apply(plan: &mut Plan, edit: &Edit) -> Result<()> {
    refuse_frozen(plan, edit)?;
    run(plan, edit, true, &mut LineIndex::new())
}

/// Applies one edit in steps of a bounded number of single edits (the leaves of its
/// [`Edit::Compound`]s, in the order [`apply`] takes them), for a caller that lets the page
/// run between steps (a large import, docs/app.md "Imports of any size"). The steps change a
/// copy of the plan the caller keeps: on an error the copy is dropped, so nothing needs to be
/// undone. The result after the last step equals [`apply`] of the whole edit (a test proves
/// it).
#[derive(Default)]
pub struct StepApply {
    ix: Option<LineIndex>,
    done: usize,
    total: usize,
}

impl StepApply {
    /// A stepped application of `edit` (nothing applied yet).
    pub fn new(edit: &Edit) -> Self {
        let mut ix = LineIndex::new();
        // Many single edits in steps: look them up by id, as a large compound does.
        ix.enable();
        StepApply {
            ix: Some(ix),
            done: 0,
            total: leaves(edit),
        }
    }

    /// Applies the next `n` (at least one) single edits of `edit` — the edit given to
    /// [`StepApply::new`] — to `plan`, the copy every earlier step changed. `Ok(true)` once
    /// the whole edit is applied. The first step refuses an edit of a locked draft as
    /// [`apply`] does. On `Err` the copy is half changed: drop it.
    pub fn step(&mut self, plan: &mut Plan, edit: &Edit, n: usize) -> Result<bool> {
        if self.done == 0 {
            refuse_frozen(plan, edit)?;
        }
        let ix = self.ix.get_or_insert_with(LineIndex::new);
        let mut skip = self.done;
        let mut budget = n.max(1);
        let before = budget;
        walk_leaves(plan, edit, &mut skip, &mut budget, ix)?;
        self.done = self.done.saturating_add(before.saturating_sub(budget));
        Ok(self.done >= self.total)
    }

    /// Single edits applied so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
    }
}

/// Single edits (leaves of its compounds) in `edit`.
fn leaves(edit: &Edit) -> usize {
    match edit {
        Edit::Compound(edits) => edits.iter().map(leaves).sum(),
        _ => 1,
    }
}

/// Applies up to `budget` leaves of `edit` after skipping `skip` of them, in [`apply`]'s order.
fn walk_leaves(
    plan: &mut Plan,
    edit: &Edit,
    skip: &mut usize,
    budget: &mut usize,
    ix: &mut LineIndex,
) -> Result<()> {
    match edit {
        Edit::Compound(edits) => {
            for e in edits {
                if *budget == 0 {
                    break;
                }
                walk_leaves(plan, e, skip, budget, ix)?;
            }
        }
        leaf if *skip > 0 => {
            let _ = leaf;
            *skip = skip.saturating_sub(1);
        }
        leaf => {
            run(plan, leaf, true, ix)?;
            *budget = budget.saturating_sub(1);
        }
    }
    Ok(())
}

/// Reverts `edit` (previously applied) on `plan`. On error the plan is unchanged.
pub fn revert(plan: &mut Plan, edit: &Edit) -> Result<()> {
    refuse_frozen(plan, edit)?;
    run(plan, edit, false, &mut LineIndex::new())
}

/// A draft locked on a frozen version takes no edit of what was decided (docs/budget.md
/// "Versioner"); what becomes known later — outcome, forecast, the year's closing inputs — is
/// not part of the decision and may be entered. [`EditError::Frozen`] when `edit` would be
/// refused for that reason (the app then asks to start a new draft).
pub fn check_not_frozen(plan: &Plan, edit: &Edit) -> Result<()> {
    refuse_frozen(plan, edit)
}

fn refuse_frozen(plan: &Plan, edit: &Edit) -> Result<()> {
    match plan.versions.locked {
        None => Ok(()),
        Some(_) if known_later(edit) => Ok(()),
        Some(id) => Err(EditError::Frozen {
            version: plan.version_label(crate::versions::VersionRef::Version(id)),
        }),
    }
}

/// True for an edit of what becomes known after a decision only: a line's outcome and
/// forecast, and a year's Bokslut klart, typed result, typed closing equity and forecast
/// period.
fn known_later(edit: &Edit) -> bool {
    match edit {
        Edit::SetOutcome { .. } => true,
        Edit::SetYearInput {
            old: Some(old),
            new: Some(new),
            ..
        } => {
            let decided = |y: &YearInput| YearInput {
                closed: false,
                actual_result: None,
                closing_equity: None,
                forecast_period: None,
                ..y.clone()
            };
            decided(old) == decided(new)
        }
        Edit::Compound(edits) => edits.iter().all(known_later),
        // Freezing a locked draft (adopting it again) and undoing a freeze are version steps,
        // not edits of the decided content.
        Edit::Freeze { .. } => true,
        _ => false,
    }
}
