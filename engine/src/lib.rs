//! # samplan-engine
//!
//! The pure planning engine of samplan, a budget and financing planner for Swedish
//! *samordningsförbund* (Finsam). No web dependencies, no clock, no randomness: the same input
//! always gives the same output, and all money is exact ([`Amount`] over `rust_decimal`).
//!
//! Main types and data flow:
//! - [`parse_amount`] / [`format_kr`]: Swedish number input and display (SPEC 2.6).
//! - [`AllocationInput`] → [`allocate`] → [`Allocation`]: the 50/25/25 split to parties and
//!   members by a [`Key`] (SPEC 2.2).
//! - [`read_members_csv`]: members from a CSV file in any Swedish Excel dialect (SPEC 3.2, 3.3).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod allocation;
mod csv_io;
mod format;
mod money;
mod parse;
mod plan;

pub use allocation::*;
pub use csv_io::*;
pub use format::*;
pub use money::*;
pub use parse::*;
pub use plan::*;
