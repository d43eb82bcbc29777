//! The plan's identifiers: years, and the stable ids of lines, members and scenarios (never
//! reused within a plan). They sit below every other module, so the allocation, the plan and the
//! edits can all name them without importing each other.

use serde::{Deserialize, Serialize};

/// The id handed out when no id up to [`MAX_ID`](crate::bounds::MAX_ID) is free: one above the bound,
/// so that applying it fails with a typed error instead of reusing an id.
pub const NO_FREE_ID: u32 = crate::bounds::MAX_ID + 1;

/// A calendar year, e.g. 2025.
pub type Year = i32;

/// Stable identifier of a budget line within a plan (never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LineId(pub u32);

/// Stable identifier of a member within a plan (never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberId(pub u32);

/// Stable identifier of a scenario within a plan (never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScenarioId(pub u32);
