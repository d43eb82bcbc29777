//! # samplan-engine
//!
//! The pure planning engine of samplan, a budget and financing planner for Swedish
//! *samordningsförbund* (Finsam). No web dependencies, no clock, no randomness: the same input
//! always gives the same output, and all money is exact ([`Amount`] over `rust_decimal`).
//!
//! Main types and data flow:
//! - [`parse_amount`] / [`format_kr`]: Swedish number input and display (docs/numbers.md).
//! - [`AllocationInput`] → [`allocate`] → [`Allocation`]: the 50/25/25 split to parties and
//!   members by a [`Key`] (docs/allocation.md).
//! - [`read_members_csv`]: members from a CSV file in any Swedish Excel dialect (docs/csv.md, 3.3).
//! - [`municipality_report`] → [`MunicipalityReport`] / [`municipality_csv`]: what one member pays
//!   per year and why (docs/app.md Kommun).
//! - [`budget_statement`] → [`BudgetStatement`]: the rows of the Budget view in order (headings,
//!   lines and split shares, subtotals, results; docs/budget.md), also as CSV
//!   ([`export_budget_statement_csv`]).
//! - [`Recalc`]: the report kept up to date edit by edit, recomputing only what an edit can
//!   change (docs/recalc.md).
//! - [`Lever`] / `lever_*`: scenario quick levers, each returning an [`Edit`] (docs/scenarios.md).
//! - [`financing_chart`], [`cost_distribution_chart`], [`equity_chart`]: SVG charts with table
//!   fallbacks (docs/app.md).
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
mod csv_io;
mod distribution;
mod edit;
mod edit_batch;
mod edit_feedback;
mod edit_years;
mod equity;
mod example;
mod followup;
mod format;
mod key_choice;
mod levers;
mod line_name;
mod money;
mod municipality;
mod names;
mod naming;
mod new_plan;
mod parse;
mod plan;
mod plan_csv;
mod plan_file;
mod recalc;
mod report;
mod report_csv;
mod scenario;
mod validate;

pub use allocation::*;
pub use bounds::*;
pub use budget::*;
pub use budget_statement::*;
pub use chart::*;
pub use csv_io::*;
pub use distribution::*;
pub use edit::*;
pub use edit_batch::EditBatch;
pub use edit_feedback::*;
pub use edit_years::*;
pub use equity::*;
pub use example::*;
pub use followup::*;
pub use format::*;
pub use key_choice::{KeyValueColumn, KEY_CHOICES};
pub use levers::*;
pub use line_name::UNNAMED_LINE;
pub use money::*;
pub use municipality::*;
pub use names::{clean_name, name_key, names_match};
pub use naming::*;
pub use new_plan::*;
pub use parse::*;
pub use plan::*;
pub use plan_csv::*;
pub use plan_file::*;
pub use recalc::*;
pub use report::*;
pub use report_csv::*;
pub use scenario::*;
pub use validate::*;
