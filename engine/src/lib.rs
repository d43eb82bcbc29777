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
//! Views read it through [`budget_statement`], [`follow_up`], [`municipality_report`],
//! [`compare`] and the charts ([`financing_chart`], [`cost_distribution_chart`],
//! [`equity_chart`]).
//!
//! The allocation of one year on its own: [`AllocationInput`] → [`allocate`] → [`Allocation`],
//! the 50/25/25 split to the parties and then to the members by a [`Key`]
//! (docs/allocation.md):
//!
//! ```
//! use samplan_engine::{allocate, AllocationInput, Amount, Funding, MemberInput, MemberKind, Party};
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
//! # Ok::<(), samplan_engine::AllocationError>(())
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
//! **CSV in and out** (docs/csv.md): [`read_table`] reads any Swedish Excel dialect;
//! [`read_members_csv`], [`read_budget_csv`] and [`read_outcome_csv`] check a whole file (all or
//! nothing, errors naming line and column) and return a preview whose `to_edit` is one undoable
//! edit; [`write_csv`] and the `export_*` functions write CSV for Excel, [`report_to_csv`] the
//! key figures for the command line (docs/cli.md).
//!
//! **Numbers and names.** [`parse_amount`] and the `format_*` functions read and write Swedish
//! numbers (docs/numbers.md); [`names_match`] is the one rule for when two names are the same,
//! used for members, scenarios and plan names ([`unique_plan_name`]); [`check_amount`] and the
//! other bounds keep input within what the engine computes exactly (docs/bounds.md).
//!
//! **Scenarios** (docs/scenarios.md): a [`Scenario`] overrides inputs of the base plan; the quick
//! levers ([`Lever`], `lever_*`) each return an [`Edit`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No panic paths on input (docs/bounds.md); tests may unwrap.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

mod allocation;
mod bounds;
mod budget;
mod budget_statement;
mod chart;
mod check_code;
mod csv_io;
mod distribution;
mod edit;
mod equity;
mod example;
mod fill;
mod followup;
mod format;
mod formula;
mod key_choice;
mod levers;
mod line_name;
mod line_place;
mod member_change;
mod money;
mod municipality;
mod names;
mod new_plan;
mod parse;
mod paste;
mod plan;
mod plan_file;
mod recalc;
mod report;
mod scenario;
mod validate;
mod workshop;
pub mod xlsx;

pub use allocation::{
    allocate, allocation_problem_text, split_parties, Allocation, AllocationError, AllocationInput,
    Funding, Key, KeyMethod, KeyPart, MemberAllocation, MemberInput, MemberKind, MemberRounding,
    Party, PartyAllocation, PartyShares, RoundingUnit, ShareBasis,
};
pub use bounds::{
    check_amount, check_non_negative_amount, check_percent, BoundsError, PercentKind,
    MAX_AMOUNT_KR, MAX_ID, MAX_POPULATION, MAX_YEAR, MIN_YEAR,
};
pub use budget::{
    budget_figures, has_outcome, outcome_figures, BudgetFigures, CategoryTotals, OutcomeBasis,
};
pub use budget_statement::{
    budget_statement, export_budget_statement_csv, group_label, line_in_group,
    parse_statement_category, BudgetStatement, CategoryError, StatementGroup, StatementRow,
    StatementTotal,
};
pub use chart::{
    cost_distribution_chart, equity_chart, equity_points, financing_chart, xml_escape, Chart,
    ChartRow, ChartTable, EquityPoint, CHART_WIDTH,
};
pub use check_code::{check_code_of, plan_check_code, sha256};
pub use csv_io::{
    export_allocation_csv, export_budget_csv, export_distribution_csv, export_equity_csv,
    export_follow_up_csv, export_members_csv, guard_formula, kind_by_name, members_csv_template,
    normalize_header, parse_category_cell, read_budget_csv, read_members_csv, read_members_csv_for,
    read_outcome_csv, read_table, report_to_csv, text_cell, unguard_formula, write_csv,
    write_csv_with, BudgetImport, Cell, CsvError, CsvRow, CsvTable, CsvWriteOptions, ImportedLine,
    MatchBy, MemberAction, MembersImport, OutcomeImport, OutcomeKind, OutcomeMatch, PlanCsvError,
    ReportError, UnmatchedOutcome,
};
pub use distribution::{
    cost_distribution, cost_distribution_on, CostDistribution, CostGroup, CostShare,
};
pub use edit::{
    apply, replaced_line_amounts, revert, Edit, EditBatch, EditError, LineField, MemberField,
    ScenarioSetting, Setting, UndoStack, YearEditError, YearEnd, DEFAULT_UNDO_CAPACITY,
    MAX_IMPORT_YEARS_ADDED,
};
pub use equity::{equity_roll_forward, EquityInput, EquityYear, ResultBasis};
pub use example::{example_plan, generated_plan, vm2024_plan, VM_2024_KOMMUNER};
pub use fill::IndexError;
pub use followup::{
    follow_up, follow_up_figures, follow_up_with, FollowUp, FollowUpFigures, FollowUpRow,
    FollowUpRowKind,
};
pub use format::{
    format_decimal, format_kr, format_kr_ore, format_money, format_money_copy, format_money_edit,
    format_percent, format_percent_edit, format_percent_exact, format_percent_opt, format_plain,
    format_plain_natural, format_signed_kr_ore, format_signed_money, format_signed_percent,
    format_signed_percent_edit, format_signed_points, format_tkr, with_sign, DisplayUnit, MINUS,
    NBSP,
};
pub use formula::{
    evaluate_formula, is_formula, AmountInputError, FormulaError, FormulaErrorKind, LineFormula,
};
pub use key_choice::{KeyValueColumn, KEY_CHOICES};
pub use levers::{
    lever_change_line, lever_change_state, lever_change_total, lever_copy_forward,
    lever_index_lines, lever_restore, Lever, LeverError,
};
pub use line_name::UNNAMED_LINE;
pub use line_place::{line_municipality_options, parse_line_municipality, LinePlaceError};
pub use member_change::{
    funding_change_percent, funding_change_text, previous_plus_percent_text, MemberChange,
    PartyChange,
};
pub use money::{round_half_up, Amount, RemainderTie};
pub use municipality::{
    municipality_csv, municipality_report, MunicipalityError, MunicipalityLine, MunicipalityReport,
    MunicipalityYear,
};
pub use names::{clean_name, name_key, names_match, shared_file_name, unique_plan_name};
pub use new_plan::{
    FirstYearFunding, NewPlanError, NewPlanField, NewPlanSeed, DEFAULT_NEW_PLAN_YEARS,
    MAX_NEW_PLAN_YEARS,
};
pub use parse::{
    parse_amount, parse_amount_in, parse_count, parse_number, parse_percent, NumberError,
    NumberErrorKind,
};
pub use paste::{
    paste_budget_rows, paste_member_rows, paste_summary, BudgetColumn, BudgetPaste, PasteError,
    PastedRows,
};
pub use plan::{
    BudgetLine, Category, DistributionBase, EquityBase, FundingInput, KeyValues, LineId, Member,
    MemberId, Outcome, Overrides, PercentRounding, Plan, Scenario, ScenarioId, Settings,
    SplitShare, Year, YearInput, YearKeys, NO_FREE_ID,
};
pub use plan_file::{plan_from_json, plan_to_json, PlanFileError};
pub use recalc::Recalc;
pub use report::{
    compare, compute, compute_scenario, year_is_closed, AmountDiff, Comparison, LineDiff,
    MemberDiff, MultiYearRow, Report, Severity, Warning, YearDiff, YearReport,
};
pub use scenario::BASE_PLAN_NAME;
pub use validate::{check_plan_bounds, validate_plan, FieldError};
pub use workshop::{
    lever_value, workshop_lever, workshop_name, workshop_save, LeverTarget, WorkshopStep,
    WORKSHOP_PREFIX,
};
