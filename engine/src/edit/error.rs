//! Why an edit is refused ([`EditError`]); the plan is then unchanged (docs/bounds.md).

use thiserror::Error;

use crate::plan::{Category, LineId, MemberId, ScenarioId, Year};
use crate::validate::FieldError;

/// Why an edit cannot be applied or reverted. The plan is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// No line with this id.
    #[error("posten finns inte längre i planen")]
    NoLine(LineId),
    /// No member with this id.
    #[error("medlemmen finns inte längre i planen")]
    NoMember(MemberId),
    /// No scenario with this id.
    #[error("scenariot finns inte längre i planen")]
    NoScenario(ScenarioId),
    /// An index outside the list.
    #[error("position {index} finns inte (listan har {len} rader)")]
    Index {
        /// The index.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// The plan no longer holds the value the edit expects.
    #[error("planen har ändrats sedan ändringen gjordes ({what}); ändringen kan inte göras")]
    Stale {
        /// What differs.
        what: &'static str,
    },
    /// An id that is already used.
    #[error("id {id} används redan i planen")]
    DuplicateId {
        /// The id.
        id: u32,
    },
    /// Old and new value of a field edit are different fields.
    #[error("ändringen blandar olika fält")]
    FieldMismatch,
    /// A value outside the input bounds (docs/bounds.md), with its place.
    #[error("{0}")]
    OutOfBounds(FieldError),
    /// A setting a scenario cannot override.
    #[error("{setting} kan inte ändras i ett scenario, bara i basplanen")]
    NotOverridable {
        /// The setting's Swedish name.
        setting: &'static str,
    },
    /// An import into a year that is not one of the plan's years.
    #[error("{0} är inte ett av planens år")]
    NotPlanYear(Year),
    /// A split share in a category a line cannot be split over (docs/budget.md, split lines).
    #[error("en post kan inte fördelas på {}: välj Individinsatser, Strukturpåverkande insatser, Processtöd samverkansinsatser, Styrelse eller Kansli", .0.label())]
    NotSplittable(Category),

    // --- Names (docs/allocation.md "Member names"; checked in `names.rs`) ---
    /// A member or scenario name that is empty once trimmed.
    #[error("skriv {what} namn")]
    EmptyName {
        /// Whose name, in the genitive: `kommunens`, `scenariots`.
        what: &'static str,
    },
    /// A name another member (or scenario) already has, by the one names rule.
    #[error("det finns redan {what} som heter {name}")]
    DuplicateName {
        /// `en medlem` or `ett scenario`.
        what: &'static str,
        /// The name as typed (trimmed).
        name: String,
    },
    /// A members import would add a second state to a plan that has one (docs/csv.md).
    #[error("\"{name}\" kan inte läggas till som stat: planen har redan staten \"{existing}\" (staten är en enda betalare)")]
    SecondState {
        /// The new member's name.
        name: String,
        /// The plan's state.
        existing: String,
    },
    /// The draft is locked on a frozen version (docs/budget.md "Versioner"): start a new
    /// draft from it first ([`Plan::start_draft`](crate::Plan::start_draft)).
    #[error("versionen {version} är låst; starta ett nytt utkast från den för att ändra")]
    Frozen {
        /// The version's label (`Beslutad 2026-11-20, § 45`).
        version: String,
    },
    /// The base plan's name, which no scenario may take.
    #[error("namnet {name} är reserverat för planen utan scenario")]
    ReservedName {
        /// The reserved name.
        name: &'static str,
    },
}

pub(crate) type Result<T> = std::result::Result<T, EditError>;
