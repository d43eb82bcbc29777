//! # samplan-engine
//!
//! The pure planning engine of samplan, a budget and financing planner for Swedish
//! *samordningsförbund* (Finsam). No web dependencies, no clock, no randomness: the same input
//! always gives the same output, and all money is exact ([`Amount`] over `rust_decimal`). Every
//! rule lives here; the app only shows and edits. The rules are written down in `docs/*.md`.
//!
//! ## A short tour
//!
//! **Plan → compute → report.** A [`Plan`] (years, [`Member`]s, [`BudgetLine`]s, settings and
//! [`Scenario`]s; saved as JSON by [`plan_to_json`] / [`plan_from_json`], docs/plan-file.md) is
//! turned by [`compute`] (or [`compute_scenario`]) into a [`Report`]: per year the allocation,
//! budget and outcome figures, cost distribution, follow-up and equity, plus the [`Warning`]s.
//! Views read it through [`figures`] (the budget statement, the follow-up, the equity),
//! [`municipality`] (one member's view), [`compare`] and the [`chart`]s.
//!
//! The allocation of one year on its own, in [`allocation`]: `AllocationInput` → `allocate` →
//! `Allocation`, the 50/25/25 split to the parties and then to the members by a `Key`
//! (docs/allocation.md):
//!
//! ```
//! use samplan_engine::{Amount, allocation::{AllocationInput, Funding, MemberInput, MemberKind, Party, allocate}};
//!
//! let kommun = |name: &str, population| MemberInput {
//!     population: Some(population),
//!     ..MemberInput::new(name, MemberKind::Kommun)
//! };
//! let input = AllocationInput::new(
//!     Funding::Total(Amount::kr(1_000_000)),
//!     vec![kommun("Arboga", 30_000), kommun("Kungsör", 10_000)],
//! );
//! let allocation = allocate(&input)?;
//! let party = |p: Party| allocation.parties.iter().find(|a| a.party == p).map(|a| a.amount);
//! assert_eq!(party(Party::Staten), Some(Amount::kr(500_000)));
//! assert_eq!(party(Party::Kommuner), Some(Amount::kr(250_000)));
//! let arboga = allocation.members.iter().find(|m| m.name == "Arboga").map(|m| m.amount);
//! assert_eq!(arboga, Some(Amount::kr(187_500)));
//! # Ok::<(), samplan_engine::allocation::AllocationError>(())
//! ```
//!
//! **Edit → undo.** Every change is an [`Edit`] that records the old and the new value, built
//! from the plan by a constructor such as [`Edit::set_line_amount`]; [`apply`] and [`revert`]
//! are exact inverses, and an [`UndoStack`] keeps the steps (docs/app.md "Undo"). [`Recalc`]
//! keeps the report up to date edit by edit, recomputing only what an edit can change
//! (docs/recalc.md).
//!
//! ```
//! use samplan_engine::{compute, example_plan, Amount, Edit, UndoStack};
//!
//! let mut plan = example_plan();
//! let before = plan.clone();
//! let line = plan.lines[0].id;
//! let year = plan.years[0];
//! let edit = Edit::set_line_amount(&plan, None, line, year, Amount::kr(123_456))?;
//! let mut undo = UndoStack::new();
//! undo.apply(&mut plan, edit)?;
//! assert_eq!(plan.lines[0].amounts.get(&year), Some(&Amount::kr(123_456)));
//! assert_eq!(compute(&plan).years.len(), plan.years.len());
//! assert!(undo.undo(&mut plan)?);
//! assert_eq!(plan, before);
//! # Ok::<(), samplan_engine::EditError>(())
//! ```
//!
//! **CSV in and out** (docs/csv.md) is in [`csv`]: it reads any Swedish Excel dialect, checks
//! a whole file (all or nothing, errors naming line and column) and returns a preview whose
//! `to_edit` is one undoable edit; it writes CSV for Excel and the key figures for the command
//! line (docs/cli.md). [`xlsx`] writes the whole plan as an Excel workbook (docs/xlsx.md).
//!
//! **Numbers and names.** [`input`] reads Swedish numbers and [`format`](mod@format) writes them
//! (docs/numbers.md); [`names`] is the one rule for when two names are the same, used for
//! members, scenarios and plan names; [`bounds`] keeps input within what the engine computes
//! exactly (docs/bounds.md).
//!
//! **Scenarios** (docs/scenarios.md): a [`Scenario`] overrides inputs of the base plan; the quick
//! levers in [`lever`] each return an [`Edit`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No panic paths on input (docs/bounds.md); tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

pub mod allocation;
pub mod bounds;
mod budget;
mod budget_statement;
pub mod chart;
pub mod check_code;
mod csv_io;
pub mod diff;
mod distribution;
mod edit;
mod equity;
mod example;
mod fill;
mod followup;
mod forecast;
pub mod format;
mod formula;
mod ids;
mod insats;
mod key_choice;
mod levers;
mod line_name;
mod line_place;
mod member_change;
mod money;
pub mod municipality;
pub mod names;
pub mod new_plan;
mod parse;
mod paste;
mod plan;
mod plan_file;
mod recalc;
mod report;
mod scenario;
mod sheet_rows;
mod validate;
pub mod versions;
pub mod workbook;
mod workshop;
pub mod xlsx;

/// CSV in and out (docs/csv.md): [`read_table`](csv::read_table) reads any Swedish Excel
/// dialect; the `read_*_csv` functions check a whole file (all or nothing) and return a preview
/// whose `to_edit` is one undoable edit; the `export_*` functions and [`write_csv`](csv::write_csv)
/// write CSV for Excel; [`report_to_csv`](csv::report_to_csv) the key figures for the command line.
pub mod csv {
    pub use crate::budget_statement::export_budget_statement_csv;
    pub use crate::csv_io::{
        export_allocation_csv, export_budget_csv, export_distribution_csv, export_equity_csv,
        export_equity_csv_of, export_follow_up_csv, export_members_csv, guard_formula,
        kind_by_name, members_csv_template, normalize_header, parse_category_cell, read_budget_csv,
        read_members_csv, read_members_csv_for, read_outcome_csv, read_table, report_to_csv,
        text_cell, unguard_formula, write_csv, write_csv_with, BudgetImport, Cell, CsvError,
        CsvRow, CsvTable, CsvWriteOptions, ImportedLine, MatchBy, MemberAction, MembersImport,
        OutcomeImport, OutcomeKind, OutcomeMatch, PlanCsvError, ReportError, UnmatchedOutcome,
        MAX_IMPORT_YEARS_ADDED,
    };
    /// Reading an import in steps (docs/app.md "Imports of any size").
    pub use crate::csv_io::{
        read_budget_table, read_members_table_for, read_outcome_table, ReadProgress, TableReader,
    };
    /// The clipboard's tab-separated text (docs/app.md).
    pub use crate::csv_io::{read_tsv, write_tsv};
    /// A block pasted from Excel into a grid: rows that add and update lines or members.
    pub use crate::paste::{
        paste_budget_rows, paste_member_rows, paste_summary, BudgetColumn, BudgetPaste, PasteError,
        PastedRows,
    };
}

/// The figures the views show, derived from a plan's [`Report`]: budget and outcome figures
/// (docs/budget.md), the budget statement, the cost distribution, the follow-up, the equity
/// roll-forward (docs/equity.md), the forecast (docs/budget.md "Prognos"), the follow-up per insats over all years, and the change per
/// member and party from the year before.
pub mod figures {
    pub use crate::budget::{
        budget_figures, has_outcome, outcome_figures, BudgetFigures, CategoryTotals, OutcomeBasis,
    };
    pub use crate::budget_statement::{
        budget_statement, group_label, line_in_group, BudgetStatement, RowKey, StatementGroup,
        StatementRow, StatementTotal,
    };
    pub use crate::distribution::{
        cost_distribution, cost_distribution_on, CostDistribution, CostGroup, CostShare,
    };
    pub use crate::equity::{equity_roll_forward, EquityInput, EquityYear, ResultBasis};
    pub use crate::followup::{
        follow_up, follow_up_figures, follow_up_with, FollowUp, FollowUpFigures, FollowUpRow,
        FollowUpRowKind,
    };
    pub use crate::forecast::{forecast_follow_up, ForecastFollowUp, ForecastPeriod, ForecastRow};
    pub use crate::insats::{insats_table, InsatsRow, InsatsTable, InsatsYear};
    pub use crate::member_change::{
        funding_change_percent, funding_change_text, previous_plus_percent_text, MemberChange,
        PartyChange,
    };
}

/// Reading what a user types (docs/numbers.md): Swedish numbers, amounts, formulas and percentages, a
/// line's municipality, a statement category, and the key value columns a user can choose.
pub mod input {
    pub use crate::budget_statement::{parse_statement_category, CategoryError};
    pub use crate::formula::{
        evaluate_formula, is_formula, AmountInputError, FormulaError, FormulaErrorKind, LineFormula,
    };
    pub use crate::key_choice::{KeyValueColumn, KEY_CHOICES};
    pub use crate::line_place::{
        line_municipality_options, parse_line_municipality, LinePlaceError,
    };
    pub use crate::parse::{
        parse_amount, parse_amount_in, parse_count, parse_number, parse_percent, NumberError,
        NumberErrorKind,
    };
}

/// The quick levers of a scenario and the workshop built on them (docs/scenarios.md): each
/// returns an [`Edit`].
pub mod lever {
    pub use crate::fill::IndexError;
    pub use crate::levers::{
        lever_change_line, lever_change_state, lever_change_total, lever_copy_forward,
        lever_index_lines, lever_restore, Lever, LeverError,
    };
    pub use crate::workshop::{
        lever_value, workshop_lever, workshop_name, workshop_save, LeverTarget, WorkshopStep,
        WORKSHOP_PREFIX,
    };
}

pub use edit::{
    apply, check_not_frozen, replaced_line_amounts, revert, Edit, EditBatch, EditError, LineField,
    MemberField, ScenarioSetting, Setting, StepApply, UndoStack, YearEditError, YearEnd,
    DEFAULT_UNDO_CAPACITY,
};
pub use example::{example_plan, generated_plan, vm2024_plan, VM_2024_KOMMUNER};
pub use line_name::UNNAMED_LINE;
pub use money::{round_half_up, Amount, RemainderTie};
pub use plan::{
    BudgetLine, Category, DistributionBase, EquityBase, FundingInput, KeyValues, LineId, Member,
    MemberId, Outcome, Overrides, PercentRounding, Plan, Scenario, ScenarioId, Settings,
    SplitShare, Year, YearInput, YearKeys, NO_FREE_ID,
};
pub use plan_file::{
    plan_from_json, plan_to_json, plan_to_json_compact, validate_plan, PlanFileError,
};
pub use recalc::{Recalc, RecalcSteps};
pub use report::{
    compare, compute, compute_scenario, compute_view, year_is_closed, AmountDiff, Comparison,
    LineDiff, MemberDiff, MultiYearRow, Report, Severity, ViewReport, Warning, YearDiff,
    YearReport,
};
pub use scenario::BASE_PLAN_NAME;
pub use validate::{check_plan_bounds, FieldError};
