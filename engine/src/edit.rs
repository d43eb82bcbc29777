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

use std::collections::{BTreeMap, HashMap, VecDeque};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::allocation::{Key, MemberKind, MemberRounding, PartyShares, RoundingUnit};
use crate::money::Amount;
use crate::plan::{
    BudgetLine, Category, DistributionBase, EquityBase, FundingInput, KeyValues, LineId, Member,
    MemberId, Outcome, PercentRounding, Plan, Scenario, ScenarioId, SplitShare, Year, YearInput,
    YearKeys, NO_FREE_ID,
};
use crate::validate::{self as v, FieldError};

/// A field of a budget line, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineField {
    /// Name (*post*).
    Name(String),
    /// Account (*konto*).
    Account(Option<String>),
    /// Category.
    Category(Option<Category>),
    /// Municipality where the intervention operates.
    Municipality(Option<String>),
    /// Note.
    Note(String),
    /// Split shares (empty = not a split line).
    Split(Vec<SplitShare>),
}

impl LineField {
    fn read(&self, line: &BudgetLine) -> LineField {
        match self {
            LineField::Name(_) => LineField::Name(line.name.clone()),
            LineField::Account(_) => LineField::Account(line.account.clone()),
            LineField::Category(_) => LineField::Category(line.category),
            LineField::Municipality(_) => LineField::Municipality(line.municipality.clone()),
            LineField::Note(_) => LineField::Note(line.note.clone()),
            LineField::Split(_) => LineField::Split(line.split.clone()),
        }
    }

    fn write(&self, line: &mut BudgetLine) {
        match self {
            LineField::Name(v) => line.name = v.clone(),
            LineField::Account(v) => line.account = v.clone(),
            LineField::Category(v) => line.category = *v,
            LineField::Municipality(v) => line.municipality = v.clone(),
            LineField::Note(v) => line.note = v.clone(),
            LineField::Split(v) => line.split = v.clone(),
        }
    }
}

/// A field of a member, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberField {
    /// Name.
    Name(String),
    /// Stat, Region or Kommun.
    Kind(MemberKind),
    /// First year of membership.
    FirstYear(Option<Year>),
    /// Last year of membership.
    LastYear(Option<Year>),
}

impl MemberField {
    fn read(&self, m: &Member) -> MemberField {
        match self {
            MemberField::Name(_) => MemberField::Name(m.name.clone()),
            MemberField::Kind(_) => MemberField::Kind(m.kind),
            MemberField::FirstYear(_) => MemberField::FirstYear(m.first_year),
            MemberField::LastYear(_) => MemberField::LastYear(m.last_year),
        }
    }

    fn write(&self, m: &mut Member) {
        match self {
            MemberField::Name(v) => m.name = v.clone(),
            MemberField::Kind(v) => m.kind = *v,
            MemberField::FirstYear(v) => m.first_year = *v,
            MemberField::LastYear(v) => m.last_year = *v,
        }
    }
}

/// A plan setting, with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Setting {
    /// The association's name.
    Name(String),
    /// Organisation number.
    OrgNr(String),
    /// Party shares.
    Shares(PartyShares),
    /// Rounding unit of the computation.
    Unit(RoundingUnit),
    /// Member rounding mode.
    Rounding(MemberRounding),
    /// Key between the municipalities.
    KommunKey(Key),
    /// Key between the regions.
    RegionKey(Key),
    /// Reference date and source of the population figures.
    PopulationSource(String),
    /// Equity ceiling in percent.
    EquityCeiling(Decimal),
    /// Equity floor in kronor.
    EquityFloor(Option<Amount>),
    /// Base of the equity ratio.
    EquityBase(EquityBase),
    /// Whole-percent rounding of the cost distribution.
    PercentRounding(PercentRounding),
    /// What the cost distribution is measured against.
    DistributionBase(DistributionBase),
    /// Expected funding of the year after the plan (next-year equity base).
    ExpectedNextFunding(Option<Amount>),
    /// Key settings per year (see [`Edit::set_year_keys_from`]).
    YearKeys(BTreeMap<Year, YearKeys>),
}

impl Setting {
    fn read(&self, p: &Plan) -> Setting {
        let s = &p.settings;
        match self {
            Setting::Name(_) => Setting::Name(s.name.clone()),
            Setting::OrgNr(_) => Setting::OrgNr(s.org_nr.clone()),
            Setting::Shares(_) => Setting::Shares(s.shares),
            Setting::Unit(_) => Setting::Unit(s.unit),
            Setting::Rounding(_) => Setting::Rounding(s.rounding),
            Setting::KommunKey(_) => Setting::KommunKey(s.kommun_key.clone()),
            Setting::RegionKey(_) => Setting::RegionKey(s.region_key.clone()),
            Setting::PopulationSource(_) => Setting::PopulationSource(s.population_source.clone()),
            Setting::EquityCeiling(_) => Setting::EquityCeiling(s.equity_ceiling_percent),
            Setting::EquityFloor(_) => Setting::EquityFloor(s.equity_floor),
            Setting::EquityBase(_) => Setting::EquityBase(s.equity_base),
            Setting::PercentRounding(_) => Setting::PercentRounding(s.percent_rounding),
            Setting::DistributionBase(_) => Setting::DistributionBase(s.distribution_base),
            Setting::ExpectedNextFunding(_) => {
                Setting::ExpectedNextFunding(s.expected_next_funding)
            }
            Setting::YearKeys(_) => Setting::YearKeys(s.year_keys.clone()),
        }
    }

    fn write(&self, p: &mut Plan) {
        let s = &mut p.settings;
        match self {
            Setting::Name(v) => s.name = v.clone(),
            Setting::OrgNr(v) => s.org_nr = v.clone(),
            Setting::Shares(v) => s.shares = *v,
            Setting::Unit(v) => s.unit = *v,
            Setting::Rounding(v) => s.rounding = *v,
            Setting::KommunKey(v) => s.kommun_key = v.clone(),
            Setting::RegionKey(v) => s.region_key = v.clone(),
            Setting::PopulationSource(v) => s.population_source = v.clone(),
            Setting::EquityCeiling(v) => s.equity_ceiling_percent = *v,
            Setting::EquityFloor(v) => s.equity_floor = *v,
            Setting::EquityBase(v) => s.equity_base = *v,
            Setting::PercentRounding(v) => s.percent_rounding = *v,
            Setting::DistributionBase(v) => s.distribution_base = *v,
            Setting::ExpectedNextFunding(v) => s.expected_next_funding = *v,
            Setting::YearKeys(v) => s.year_keys = v.clone(),
        }
    }

    /// The same setting as a scenario override, when scenarios can override it.
    fn as_override(&self) -> Option<ScenarioSetting> {
        match self {
            Setting::Shares(v) => Some(ScenarioSetting::Shares(Some(*v))),
            Setting::KommunKey(v) => Some(ScenarioSetting::KommunKey(Some(v.clone()))),
            Setting::Rounding(v) => Some(ScenarioSetting::Rounding(Some(*v))),
            _ => None,
        }
    }

    /// Swedish name of the setting.
    pub fn label(&self) -> &'static str {
        match self {
            Setting::Name(_) => "namn",
            Setting::OrgNr(_) => "organisationsnummer",
            Setting::Shares(_) => "partsandelar",
            Setting::Unit(_) => "avrundningsenhet",
            Setting::Rounding(_) => "avrundning per medlem",
            Setting::KommunKey(_) => "fördelningsnyckel för kommunerna",
            Setting::RegionKey(_) => "fördelningsnyckel för regionerna",
            Setting::PopulationSource(_) => "källa för invånarantal",
            Setting::EquityCeiling(_) => "tak för eget kapital",
            Setting::EquityFloor(_) => "golv för eget kapital",
            Setting::EquityBase(_) => "bas för eget kapital",
            Setting::PercentRounding(_) => "avrundning av kostnadsfördelningen",
            Setting::DistributionBase(_) => "bas för kostnadsfördelningen",
            Setting::ExpectedNextFunding(_) => "förväntad medelstilldelning året efter planen",
            Setting::YearKeys(_) => "fördelningsnyckel per år",
        }
    }
}

/// A setting a scenario can override; `None` = as in the base plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScenarioSetting {
    /// Party shares.
    Shares(Option<PartyShares>),
    /// The municipal key.
    KommunKey(Option<Key>),
    /// Member rounding mode.
    Rounding(Option<MemberRounding>),
}

impl ScenarioSetting {
    fn read(&self, s: &Scenario) -> ScenarioSetting {
        match self {
            ScenarioSetting::Shares(_) => ScenarioSetting::Shares(s.overrides.shares),
            ScenarioSetting::KommunKey(_) => {
                ScenarioSetting::KommunKey(s.overrides.kommun_key.clone())
            }
            ScenarioSetting::Rounding(_) => ScenarioSetting::Rounding(s.overrides.rounding),
        }
    }

    fn write(&self, s: &mut Scenario) {
        match self {
            ScenarioSetting::Shares(v) => s.overrides.shares = *v,
            ScenarioSetting::KommunKey(v) => s.overrides.kommun_key = v.clone(),
            ScenarioSetting::Rounding(v) => s.overrides.rounding = *v,
        }
    }
}

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
}

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

    // --- Names (docs/allocation.md "Member names"; checked in `names_edit` below) ---
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
    /// The base plan's name, which no scenario may take.
    #[error("namnet {name} är reserverat för planen utan scenario")]
    ReservedName {
        /// The reserved name.
        name: &'static str,
    },
}

type Result<T> = std::result::Result<T, EditError>;

fn stale(what: &'static str) -> EditError {
    EditError::Stale { what }
}

fn line_ref(plan: &Plan, id: LineId) -> Result<&BudgetLine> {
    plan.line(id).ok_or(EditError::NoLine(id))
}

fn member_mut(plan: &mut Plan, id: MemberId) -> Result<&mut Member> {
    plan.members
        .iter_mut()
        .find(|m| m.id == id)
        .ok_or(EditError::NoMember(id))
}

fn member_ref(plan: &Plan, id: MemberId) -> Result<&Member> {
    plan.member(id).ok_or(EditError::NoMember(id))
}

fn scenario_mut(plan: &mut Plan, id: ScenarioId) -> Result<&mut Scenario> {
    plan.scenarios
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or(EditError::NoScenario(id))
}

fn scenario_ref(plan: &Plan, id: ScenarioId) -> Result<&Scenario> {
    plan.scenario(id).ok_or(EditError::NoScenario(id))
}

fn set_entry<K: Ord, V>(map: &mut BTreeMap<K, V>, key: K, value: Option<V>) {
    match value {
        Some(v) => {
            map.insert(key, v);
        }
        None => {
            map.remove(&key);
        }
    }
}

/// Sets `map[k1][k2]`, removing an inner map that becomes empty.
fn set_nested<K1: Ord + Copy, K2: Ord, V>(
    map: &mut BTreeMap<K1, BTreeMap<K2, V>>,
    k1: K1,
    k2: K2,
    value: Option<V>,
) {
    match value {
        Some(v) => {
            map.entry(k1).or_default().insert(k2, v);
        }
        None => {
            if let Some(inner) = map.get_mut(&k1) {
                inner.remove(&k2);
                if inner.is_empty() {
                    map.remove(&k1);
                }
            }
        }
    }
}

fn same_field<T>(a: &T, b: &T) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn check_index(index: usize, len: usize) -> Result<()> {
    if index > len {
        Err(EditError::Index { index, len })
    } else {
        Ok(())
    }
}

fn line_overrides(plan: &Plan, id: LineId) -> Vec<(ScenarioId, BTreeMap<Year, Amount>)> {
    plan.scenarios
        .iter()
        .filter_map(|s| s.overrides.line_amounts.get(&id).map(|m| (s.id, m.clone())))
        .collect()
}

fn member_overrides(plan: &Plan, id: MemberId) -> Vec<(ScenarioId, BTreeMap<Year, KeyValues>)> {
    plan.scenarios
        .iter()
        .filter_map(|s| {
            s.overrides
                .member_values
                .get(&id)
                .map(|m| (s.id, m.clone()))
        })
        .collect()
}

fn insert_line(plan: &mut Plan, index: usize, line: &BudgetLine, next_before: u32) -> Result<()> {
    check_index(index, plan.lines.len())?;
    if plan.next_id != next_before {
        return Err(stale("nästa lediga id"));
    }
    // The caller has checked that the id is free (through its line index).
    plan.lines.insert(index, line.clone());
    plan.next_id = next_before.max(line.id.0.saturating_add(1).min(NO_FREE_ID));
    Ok(())
}

fn remove_line(plan: &mut Plan, index: usize, line: &BudgetLine) -> Result<()> {
    if plan.lines.get(index) != Some(line) {
        return Err(stale("raden"));
    }
    plan.lines.remove(index);
    Ok(())
}

fn insert_member(plan: &mut Plan, index: usize, m: &Member, next_before: u32) -> Result<()> {
    check_index(index, plan.members.len())?;
    if plan.next_id != next_before {
        return Err(stale("nästa lediga id"));
    }
    if plan.member(m.id).is_some() {
        return Err(EditError::DuplicateId { id: m.id.0 });
    }
    plan.members.insert(index, m.clone());
    plan.next_id = next_before.max(m.id.0.saturating_add(1).min(NO_FREE_ID));
    Ok(())
}

fn insert_scenario(plan: &mut Plan, index: usize, s: &Scenario, next_before: u32) -> Result<()> {
    check_index(index, plan.scenarios.len())?;
    if plan.next_id != next_before {
        return Err(stale("nästa lediga id"));
    }
    if plan.scenario(s.id).is_some() {
        return Err(EditError::DuplicateId { id: s.id.0 });
    }
    plan.scenarios.insert(index, s.clone());
    plan.next_id = next_before.max(s.id.0.saturating_add(1).min(NO_FREE_ID));
    Ok(())
}

fn move_item<T>(v: &mut Vec<T>, from: usize, to: usize) -> Result<()> {
    let len = v.len();
    if from >= len {
        return Err(EditError::Index { index: from, len });
    }
    if to >= len {
        return Err(EditError::Index { index: to, len });
    }
    let item = v.remove(from);
    v.insert(to, item);
    Ok(())
}

/// Checks the values `edit` sets (the new values forward, the old ones backward) against the
/// input bounds; values it only removes or expects are not checked.
fn check_bounds(plan: &Plan, edit: &Edit, forward: bool) -> std::result::Result<(), FieldError> {
    fn pick<'a, T>(old: &'a T, new: &'a T, forward: bool) -> &'a T {
        if forward {
            new
        } else {
            old
        }
    }
    // The places are looked up only for an error message (a paste of many values stays
    // linear).
    let line_place = |id: LineId| {
        plan.line(id)
            .map(v::line_place)
            .unwrap_or_else(|| "posten".to_string())
    };
    let member_place = |id: MemberId| {
        plan.member(id)
            .map(v::member_place)
            .unwrap_or_else(|| "medlemmen".to_string())
    };
    let scenario_place = |id: Option<ScenarioId>| {
        id.and_then(|id| plan.scenario(id))
            .map(v::scenario_place)
            .unwrap_or_default()
    };
    let join = |a: String, b: String| {
        if a.is_empty() {
            b
        } else {
            format!("{a}, {b}")
        }
    };
    match edit {
        Edit::SetLineAmount {
            scenario,
            line,
            year,
            old,
            new,
        } => {
            if let Some(a) = pick(old, new, forward) {
                v::line_amount_ok(*year, *a, "")
                    .map_err(|e| e.within(&join(scenario_place(*scenario), line_place(*line))))?;
            }
        }
        Edit::SetLineField { line, old, new } => {
            if let LineField::Split(split) = pick(old, new, forward) {
                v::split_ok(split, "").map_err(|e| e.within(&line_place(*line)))?;
            }
        }
        Edit::SetOutcome {
            line,
            year,
            old,
            new,
        } => {
            if let Some(o) = pick(old, new, forward) {
                v::outcome_ok(*year, o, "").map_err(|e| e.within(&line_place(*line)))?;
            }
        }
        Edit::InsertLine { line, .. } if forward => v::line_ok(line)?,
        Edit::DeleteLine { line, .. } if !forward => v::line_ok(line)?,
        Edit::SetMemberValues {
            scenario,
            member,
            year,
            old,
            new,
        } => {
            if let Some(kv) = pick(old, new, forward) {
                v::key_values_ok(*year, kv, "").map_err(|e| {
                    e.within(&join(scenario_place(*scenario), member_place(*member)))
                })?;
            }
        }
        Edit::AddMember { member, .. } if forward => v::member_ok(member)?,
        Edit::RemoveMember { member, .. } if !forward => v::member_ok(member)?,
        Edit::SetMemberField { member, old, new } => {
            let checked = match pick(old, new, forward) {
                MemberField::FirstYear(y) => v::membership_year_ok(*y, "", "första år"),
                MemberField::LastYear(y) => v::membership_year_ok(*y, "", "sista år"),
                MemberField::Name(_) | MemberField::Kind(_) => Ok(()),
            };
            checked.map_err(|e| e.within(&member_place(*member)))?;
        }
        Edit::SetYearInput { year, old, new } => {
            if let Some(y) = pick(old, new, forward) {
                v::year_input_ok(*year, y)?;
            }
        }
        Edit::SetFundingOverride {
            scenario,
            year,
            old,
            new,
        } => {
            if let Some(f) = pick(old, new, forward) {
                v::year_ok(*year)
                    .and_then(|()| v::funding_ok(f, &format!("medelstilldelning {year}")))
                    .map_err(|e| e.within(&scenario_place(Some(*scenario))))?;
            }
        }
        Edit::SetSetting { old, new } => {
            let mut scratch = Plan::empty("", crate::bounds::MIN_YEAR, 0);
            scratch.settings = plan.settings.clone();
            pick(old, new, forward).write(&mut scratch);
            v::settings_ok(&scratch.settings)?;
        }
        Edit::SetScenarioSetting { scenario, old, new } => {
            let checked = match pick(old, new, forward) {
                ScenarioSetting::Shares(Some(sh)) => v::shares_ok(sh, ""),
                ScenarioSetting::KommunKey(Some(k)) => {
                    v::key_ok(k, "fördelningsnyckeln för kommunerna")
                }
                _ => Ok(()),
            };
            checked.map_err(|e| e.within(&scenario_place(Some(*scenario))))?;
        }
        Edit::SetOpeningEquity { old, new } => {
            let a = pick(old, new, forward);
            crate::bounds::check_amount(a.value()).map_err(|error| FieldError {
                field: "ingående eget kapital".to_string(),
                error,
            })?;
        }
        Edit::SetYears { old, new } => {
            for y in pick(old, new, forward) {
                v::year_ok(*y)?;
            }
        }
        Edit::AddScenario { scenario, .. } if forward => v::scenario_ok(plan, scenario)?,
        Edit::RemoveScenario { scenario, .. } if !forward => v::scenario_ok(plan, scenario)?,
        _ => {}
    }
    Ok(())
}

/// Where each line is, by id, so that a compound edit of many lines (an import of 100 000
/// rows) finds each line in constant time instead of scanning the list per edit. Built lazily,
/// once per compound edit; kept in step when lines are appended or removed at the end, and
/// dropped (rebuilt on the next lookup) after any other change of the line list. Single edits
/// scan the list, which is cheaper than building a map.
struct LineIndex {
    enabled: bool,
    map: Option<HashMap<LineId, usize>>,
}

impl LineIndex {
    fn new() -> Self {
        LineIndex {
            enabled: false,
            map: None,
        }
    }

    fn position(&mut self, plan: &Plan, id: LineId) -> Option<usize> {
        if !self.enabled {
            return plan.lines.iter().position(|l| l.id == id);
        }
        let map = self.map.get_or_insert_with(|| {
            plan.lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id, i))
                .collect()
        });
        map.get(&id)
            .copied()
            .filter(|&i| plan.lines.get(i).is_some_and(|l| l.id == id))
    }

    /// After `id` was inserted at `index` (`len_after` lines now).
    fn inserted(&mut self, id: LineId, index: usize, len_after: usize) {
        match &mut self.map {
            Some(map) if index.checked_add(1) == Some(len_after) => {
                map.insert(id, index);
            }
            _ => self.map = None,
        }
    }

    /// After `id` was removed from `index` (`len_after` lines now).
    fn removed(&mut self, id: LineId, index: usize, len_after: usize) {
        match &mut self.map {
            Some(map) if index == len_after => {
                map.remove(&id);
            }
            _ => self.map = None,
        }
    }
}

fn line_mut_ix<'a>(
    plan: &'a mut Plan,
    ix: &mut LineIndex,
    id: LineId,
) -> Result<&'a mut BudgetLine> {
    let i = ix.position(plan, id).ok_or(EditError::NoLine(id))?;
    plan.lines.get_mut(i).ok_or(EditError::NoLine(id))
}

/// Applies `edit` to `plan`. On error the plan is unchanged.
pub fn apply(plan: &mut Plan, edit: &Edit) -> Result<()> {
    run(plan, edit, true, &mut LineIndex::new())
}

/// Reverts `edit` (previously applied) on `plan`. On error the plan is unchanged.
pub fn revert(plan: &mut Plan, edit: &Edit) -> Result<()> {
    run(plan, edit, false, &mut LineIndex::new())
}

fn run(plan: &mut Plan, edit: &Edit, forward: bool, ix: &mut LineIndex) -> Result<()> {
    check_bounds(plan, edit, forward).map_err(EditError::OutOfBounds)?;
    // (expected current value, value to set)
    fn dir<'a, T>(old: &'a T, new: &'a T, forward: bool) -> (&'a T, &'a T) {
        if forward {
            (old, new)
        } else {
            (new, old)
        }
    }
    match edit {
        Edit::SetLineAmount {
            scenario,
            line,
            year,
            old,
            new,
        } => {
            let (expect, set) = dir(old, new, forward);
            match scenario {
                None => {
                    let l = line_mut_ix(plan, ix, *line)?;
                    if l.amounts.get(year) != expect.as_ref() {
                        return Err(stale("beloppet"));
                    }
                    set_entry(&mut l.amounts, *year, *set);
                }
                Some(sid) => {
                    ix.position(plan, *line).ok_or(EditError::NoLine(*line))?;
                    let s = scenario_mut(plan, *sid)?;
                    let cur = s.overrides.line_amounts.get(line).and_then(|m| m.get(year));
                    if cur != expect.as_ref() {
                        return Err(stale("scenariots belopp"));
                    }
                    set_nested(&mut s.overrides.line_amounts, *line, *year, *set);
                }
            }
        }
        Edit::SetLineField { line, old, new } => {
            if !same_field(old, new) {
                return Err(EditError::FieldMismatch);
            }
            let (expect, set) = dir(old, new, forward);
            let l = line_mut_ix(plan, ix, *line)?;
            if &expect.read(l) != expect {
                return Err(stale("postens fält"));
            }
            set.write(l);
        }
        Edit::SetOutcome {
            line,
            year,
            old,
            new,
        } => {
            let (expect, set) = dir(old, new, forward);
            let l = line_mut_ix(plan, ix, *line)?;
            if l.outcome.get(year) != expect.as_ref() {
                return Err(stale("utfallet"));
            }
            set_entry(&mut l.outcome, *year, *set);
        }
        Edit::InsertLine {
            index,
            line,
            next_id_before,
        } => {
            if forward {
                if ix.position(plan, line.id).is_some() {
                    return Err(EditError::DuplicateId { id: line.id.0 });
                }
                insert_line(plan, *index, line, *next_id_before)?;
                ix.inserted(line.id, *index, plan.lines.len());
            } else {
                remove_line(plan, *index, line)?;
                ix.removed(line.id, *index, plan.lines.len());
                plan.next_id = *next_id_before;
            }
        }
        Edit::DeleteLine {
            index,
            line,
            overrides,
        } => {
            if forward {
                if &line_overrides(plan, line.id) != overrides {
                    return Err(stale("scenariernas belopp"));
                }
                remove_line(plan, *index, line)?;
                ix.removed(line.id, *index, plan.lines.len());
                for s in &mut plan.scenarios {
                    s.overrides.line_amounts.remove(&line.id);
                }
            } else {
                check_index(*index, plan.lines.len())?;
                if ix.position(plan, line.id).is_some() {
                    return Err(EditError::DuplicateId { id: line.id.0 });
                }
                for (sid, _) in overrides {
                    scenario_ref(plan, *sid)?;
                }
                plan.lines.insert(*index, line.clone());
                ix.inserted(line.id, *index, plan.lines.len());
                for (sid, m) in overrides {
                    if let Ok(s) = scenario_mut(plan, *sid) {
                        s.overrides.line_amounts.insert(line.id, m.clone());
                    }
                }
            }
        }
        Edit::MoveLine { from, to } => {
            let (a, b) = if forward { (*from, *to) } else { (*to, *from) };
            move_item(&mut plan.lines, a, b)?;
            ix.map = None;
        }
        Edit::SetMemberValues {
            scenario,
            member,
            year,
            old,
            new,
        } => {
            let (expect, set) = dir(old, new, forward);
            match scenario {
                None => {
                    let m = member_mut(plan, *member)?;
                    if m.values.get(year) != expect.as_ref() {
                        return Err(stale("nyckelvärdet"));
                    }
                    set_entry(&mut m.values, *year, set.clone());
                }
                Some(sid) => {
                    member_ref(plan, *member)?;
                    let s = scenario_mut(plan, *sid)?;
                    let cur = s
                        .overrides
                        .member_values
                        .get(member)
                        .and_then(|m| m.get(year));
                    if cur != expect.as_ref() {
                        return Err(stale("scenariots nyckelvärde"));
                    }
                    set_nested(&mut s.overrides.member_values, *member, *year, set.clone());
                }
            }
        }
        Edit::AddMember {
            index,
            member,
            next_id_before,
        } => {
            if forward {
                insert_member(plan, *index, member, *next_id_before)?;
            } else {
                if plan.members.get(*index) != Some(member) {
                    return Err(stale("medlemmen"));
                }
                plan.members.remove(*index);
                plan.next_id = *next_id_before;
            }
        }
        Edit::RemoveMember {
            index,
            member,
            overrides,
        } => {
            if forward {
                if &member_overrides(plan, member.id) != overrides {
                    return Err(stale("scenariernas nyckelvärden"));
                }
                if plan.members.get(*index) != Some(member) {
                    return Err(stale("medlemmen"));
                }
                plan.members.remove(*index);
                for s in &mut plan.scenarios {
                    s.overrides.member_values.remove(&member.id);
                }
            } else {
                check_index(*index, plan.members.len())?;
                if plan.member(member.id).is_some() {
                    return Err(EditError::DuplicateId { id: member.id.0 });
                }
                for (sid, _) in overrides {
                    scenario_ref(plan, *sid)?;
                }
                plan.members.insert(*index, member.clone());
                for (sid, m) in overrides {
                    if let Ok(s) = scenario_mut(plan, *sid) {
                        s.overrides.member_values.insert(member.id, m.clone());
                    }
                }
            }
        }
        Edit::SetMemberField { member, old, new } => {
            if !same_field(old, new) {
                return Err(EditError::FieldMismatch);
            }
            let (expect, set) = dir(old, new, forward);
            let m = member_mut(plan, *member)?;
            if &expect.read(m) != expect {
                return Err(stale("medlemmens fält"));
            }
            set.write(m);
        }
        Edit::SetYearInput { year, old, new } => {
            let (expect, set) = dir(old, new, forward);
            if plan.year_inputs.get(year) != expect.as_ref() {
                return Err(stale("årets indata"));
            }
            set_entry(&mut plan.year_inputs, *year, set.clone());
        }
        Edit::SetFundingOverride {
            scenario,
            year,
            old,
            new,
        } => {
            let (expect, set) = dir(old, new, forward);
            let s = scenario_mut(plan, *scenario)?;
            if s.overrides.funding.get(year) != expect.as_ref() {
                return Err(stale("scenariots medelstilldelning"));
            }
            set_entry(&mut s.overrides.funding, *year, *set);
        }
        Edit::SetSetting { old, new } => {
            if !same_field(old, new) {
                return Err(EditError::FieldMismatch);
            }
            let (expect, set) = dir(old, new, forward);
            if &expect.read(plan) != expect {
                return Err(stale("inställningen"));
            }
            set.write(plan);
        }
        Edit::SetScenarioSetting { scenario, old, new } => {
            if !same_field(old, new) {
                return Err(EditError::FieldMismatch);
            }
            let (expect, set) = dir(old, new, forward);
            let s = scenario_mut(plan, *scenario)?;
            if &expect.read(s) != expect {
                return Err(stale("scenariots inställning"));
            }
            set.write(s);
        }
        Edit::SetOpeningEquity { old, new } => {
            let (expect, set) = dir(old, new, forward);
            if plan.opening_equity != *expect {
                return Err(stale("ingående eget kapital"));
            }
            plan.opening_equity = *set;
        }
        Edit::SetYears { old, new } => {
            let (expect, set) = dir(old, new, forward);
            if &plan.years != expect {
                return Err(stale("planens år"));
            }
            plan.years = set.clone();
        }
        Edit::AddScenario {
            index,
            scenario,
            next_id_before,
        } => {
            if forward {
                insert_scenario(plan, *index, scenario, *next_id_before)?;
            } else {
                if plan.scenarios.get(*index) != Some(scenario) {
                    return Err(stale("scenariot"));
                }
                plan.scenarios.remove(*index);
                plan.next_id = *next_id_before;
            }
        }
        Edit::RemoveScenario { index, scenario } => {
            if forward {
                if plan.scenarios.get(*index) != Some(scenario) {
                    return Err(stale("scenariot"));
                }
                plan.scenarios.remove(*index);
            } else {
                check_index(*index, plan.scenarios.len())?;
                if plan.scenario(scenario.id).is_some() {
                    return Err(EditError::DuplicateId { id: scenario.id.0 });
                }
                plan.scenarios.insert(*index, scenario.clone());
            }
        }
        Edit::RenameScenario { scenario, old, new } => {
            let (expect, set) = dir(old, new, forward);
            let s = scenario_mut(plan, *scenario)?;
            if &s.name != expect {
                return Err(stale("scenariots namn"));
            }
            s.name = set.clone();
        }
        Edit::Compound(edits) => {
            // A few edits scan; a batch (an import, a paste) uses the id index.
            ix.enabled |= edits.len() > 8;
            if forward {
                for (i, e) in edits.iter().enumerate() {
                    if let Err(err) = run(plan, e, true, ix) {
                        for done in edits.iter().take(i).rev() {
                            // Undoing what was just applied cannot be stale.
                            let _ = run(plan, done, false, ix);
                        }
                        return Err(err);
                    }
                }
            } else {
                for (i, e) in edits.iter().enumerate().rev() {
                    if let Err(err) = run(plan, e, false, ix) {
                        for done in edits.iter().skip(i.saturating_add(1)) {
                            let _ = run(plan, done, true, ix);
                        }
                        return Err(err);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Helper constructors: each reads the current value from the plan as `old`.
impl Edit {
    /// Sets a line's budget amount for `year` (in `scenario`: the scenario's override).
    pub fn set_line_amount(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        line: LineId,
        year: Year,
        new: Amount,
    ) -> Result<Edit> {
        Self::line_amount(plan, scenario, line, year, Some(new))
    }

    /// Clears a line's amount for `year` (in a scenario: removes the override, so the base
    /// plan's amount applies again).
    pub fn clear_line_amount(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        line: LineId,
        year: Year,
    ) -> Result<Edit> {
        Self::line_amount(plan, scenario, line, year, None)
    }

    fn line_amount(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        line: LineId,
        year: Year,
        new: Option<Amount>,
    ) -> Result<Edit> {
        let l = line_ref(plan, line)?;
        let old = match scenario {
            None => l.amounts.get(&year).copied(),
            Some(sid) => scenario_ref(plan, sid)?
                .overrides
                .line_amounts
                .get(&line)
                .and_then(|m| m.get(&year))
                .copied(),
        };
        Ok(Edit::SetLineAmount {
            scenario,
            line,
            year,
            old,
            new,
        })
    }

    /// Sets a field of a line (name, account, category, municipality, note, split).
    pub fn set_line_field(plan: &Plan, line: LineId, new: LineField) -> Result<Edit> {
        let old = new.read(line_ref(plan, line)?);
        Ok(Edit::SetLineField { line, old, new })
    }

    /// Renames a line.
    pub fn set_line_name(plan: &Plan, line: LineId, name: impl Into<String>) -> Result<Edit> {
        Self::set_line_field(plan, line, LineField::Name(name.into()))
    }

    /// Sets a line's category.
    pub fn set_line_category(plan: &Plan, line: LineId, c: Option<Category>) -> Result<Edit> {
        Self::set_line_field(plan, line, LineField::Category(c))
    }

    /// Sets a line's split shares (empty = no split).
    pub fn set_line_split(plan: &Plan, line: LineId, split: Vec<SplitShare>) -> Result<Edit> {
        Self::set_line_field(plan, line, LineField::Split(split))
    }

    /// Sets a line's outcome for `year` (`None` removes it).
    pub fn set_outcome(
        plan: &Plan,
        line: LineId,
        year: Year,
        new: Option<Outcome>,
    ) -> Result<Edit> {
        let old = line_ref(plan, line)?.outcome.get(&year).copied();
        let new = new.filter(|o| o.ytd.is_some() || o.final_amount.is_some());
        Ok(Edit::SetOutcome {
            line,
            year,
            old,
            new,
        })
    }

    /// Sets a line's year-to-date outcome for `year`, keeping its final outcome.
    pub fn set_outcome_ytd(
        plan: &Plan,
        line: LineId,
        year: Year,
        ytd: Option<Amount>,
    ) -> Result<Edit> {
        let cur = line_ref(plan, line)?
            .outcome
            .get(&year)
            .copied()
            .unwrap_or_default();
        Self::set_outcome(plan, line, year, Some(Outcome { ytd, ..cur }))
    }

    /// Sets a line's final outcome for `year`, keeping its year-to-date outcome.
    pub fn set_outcome_final(
        plan: &Plan,
        line: LineId,
        year: Year,
        final_amount: Option<Amount>,
    ) -> Result<Edit> {
        let cur = line_ref(plan, line)?
            .outcome
            .get(&year)
            .copied()
            .unwrap_or_default();
        Self::set_outcome(
            plan,
            line,
            year,
            Some(Outcome {
                final_amount,
                ..cur
            }),
        )
    }

    /// Inserts `line` (with its own id) at `index`.
    pub fn insert_line(plan: &Plan, index: usize, line: BudgetLine) -> Edit {
        Edit::InsertLine {
            index,
            line,
            next_id_before: plan.next_id,
        }
    }

    /// Inserts a new empty line with a fresh id at `index`.
    pub fn insert_new_line(
        plan: &Plan,
        index: usize,
        name: impl Into<String>,
        category: Option<Category>,
    ) -> Edit {
        let id = LineId(plan.free_id());
        Self::insert_line(plan, index, BudgetLine::new(id, name, category))
    }

    /// Inserts `lines` from `index` on, giving them fresh ids (their own ids are replaced), as
    /// one compound edit (a paste).
    pub fn insert_lines(plan: &Plan, index: usize, lines: Vec<BudgetLine>) -> Edit {
        let mut next = plan.next_id;
        let ids = plan.free_ids(lines.len());
        let mut edits = Vec::with_capacity(lines.len());
        for ((i, mut line), id) in lines.into_iter().enumerate().zip(ids) {
            line.id = LineId(id);
            edits.push(Edit::InsertLine {
                index: index.saturating_add(i),
                line,
                next_id_before: next,
            });
            // As `apply` moves it.
            next = next.max(id.saturating_add(1).min(NO_FREE_ID));
        }
        Edit::Compound(edits)
    }

    /// Deletes the line at `index`.
    pub fn delete_line(plan: &Plan, index: usize) -> Result<Edit> {
        let line = plan
            .lines
            .get(index)
            .ok_or(EditError::Index {
                index,
                len: plan.lines.len(),
            })?
            .clone();
        let overrides = line_overrides(plan, line.id);
        Ok(Edit::DeleteLine {
            index,
            line,
            overrides,
        })
    }

    /// Deletes the line with `id`.
    pub fn delete_line_id(plan: &Plan, id: LineId) -> Result<Edit> {
        let index = plan
            .lines
            .iter()
            .position(|l| l.id == id)
            .ok_or(EditError::NoLine(id))?;
        Self::delete_line(plan, index)
    }

    /// Moves the line at `from` to `to`.
    pub fn move_line(plan: &Plan, from: usize, to: usize) -> Result<Edit> {
        let len = plan.lines.len();
        for index in [from, to] {
            if index >= len {
                return Err(EditError::Index { index, len });
            }
        }
        Ok(Edit::MoveLine { from, to })
    }

    /// Sets a member's key values for `year` (in a scenario: the override).
    pub fn set_member_values(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        member: MemberId,
        year: Year,
        new: KeyValues,
    ) -> Result<Edit> {
        let m = member_ref(plan, member)?;
        let old = match scenario {
            None => m.values.get(&year).cloned(),
            Some(sid) => scenario_ref(plan, sid)?
                .overrides
                .member_values
                .get(&member)
                .and_then(|v| v.get(&year))
                .cloned(),
        };
        Ok(Edit::SetMemberValues {
            scenario,
            member,
            year,
            old,
            new: Some(new),
        })
    }

    /// The key values in force for `member` in `year` (the scenario's override when present).
    fn current_values(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        member: MemberId,
        year: Year,
    ) -> Result<KeyValues> {
        let m = member_ref(plan, member)?;
        if let Some(sid) = scenario {
            if let Some(v) = scenario_ref(plan, sid)?
                .overrides
                .member_values
                .get(&member)
                .and_then(|v| v.get(&year))
            {
                return Ok(v.clone());
            }
        }
        Ok(m.values_for(year))
    }

    /// Sets a member's population (`Invånare`) for `year`, keeping its other key values.
    pub fn set_population(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        member: MemberId,
        year: Year,
        population: Option<u64>,
    ) -> Result<Edit> {
        let v = Self::current_values(plan, scenario, member, year)?;
        Self::set_member_values(plan, scenario, member, year, KeyValues { population, ..v })
    }

    /// Sets a member's percent (`Andel`) for `year`, keeping its other key values.
    pub fn set_member_percent(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        member: MemberId,
        year: Year,
        percent: Option<Decimal>,
    ) -> Result<Edit> {
        let v = Self::current_values(plan, scenario, member, year)?;
        Self::set_member_values(plan, scenario, member, year, KeyValues { percent, ..v })
    }

    /// Sets a member's fixed amount (`Belopp`) for `year`, keeping its other key values.
    pub fn set_member_amount(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        member: MemberId,
        year: Year,
        amount: Option<Amount>,
    ) -> Result<Edit> {
        let v = Self::current_values(plan, scenario, member, year)?;
        Self::set_member_values(plan, scenario, member, year, KeyValues { amount, ..v })
    }

    /// Adds a new member (fresh id) at the end of the member list.
    pub fn add_member(plan: &Plan, name: impl Into<String>, kind: MemberKind) -> Edit {
        let member = Member {
            id: MemberId(plan.free_id()),
            name: name.into(),
            kind,
            first_year: None,
            last_year: None,
            values: BTreeMap::new(),
        };
        Edit::AddMember {
            index: plan.members.len(),
            member,
            next_id_before: plan.next_id,
        }
    }

    /// Inserts `member` (with its own id) at `index`.
    pub fn insert_member(plan: &Plan, index: usize, member: Member) -> Edit {
        Edit::AddMember {
            index,
            member,
            next_id_before: plan.next_id,
        }
    }

    /// Removes a member (and its scenario overrides).
    pub fn remove_member(plan: &Plan, member: MemberId) -> Result<Edit> {
        let index = plan
            .members
            .iter()
            .position(|m| m.id == member)
            .ok_or(EditError::NoMember(member))?;
        Ok(Edit::RemoveMember {
            index,
            member: plan
                .members
                .get(index)
                .cloned()
                .ok_or(EditError::NoMember(member))?,
            overrides: member_overrides(plan, member),
        })
    }

    /// Sets a field of a member.
    pub fn set_member_field(plan: &Plan, member: MemberId, new: MemberField) -> Result<Edit> {
        let old = new.read(member_ref(plan, member)?);
        Ok(Edit::SetMemberField { member, old, new })
    }

    /// Renames a member; the name is checked and cleaned by [`Plan::check_member_name`].
    pub fn rename_member(plan: &Plan, member: MemberId, name: impl Into<String>) -> Result<Edit> {
        let kind = member_ref(plan, member)?.kind;
        let name = plan.check_member_name(&name.into(), kind, Some(member))?;
        Self::set_member_field(plan, member, MemberField::Name(name))
    }

    fn year_input_edit(plan: &Plan, year: Year, f: impl FnOnce(&mut YearInput)) -> Edit {
        let old = plan.year_inputs.get(&year).cloned();
        let mut new = old.clone().unwrap_or_default();
        f(&mut new);
        Edit::SetYearInput {
            year,
            old,
            new: Some(new),
        }
    }

    /// Sets the funding of `year` (in a scenario: the scenario's override).
    pub fn set_funding(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        year: Year,
        new: FundingInput,
    ) -> Result<Edit> {
        match scenario {
            None => Ok(Self::year_input_edit(plan, year, |y| y.funding = new)),
            Some(sid) => {
                let old = scenario_ref(plan, sid)?
                    .overrides
                    .funding
                    .get(&year)
                    .copied();
                Ok(Edit::SetFundingOverride {
                    scenario: sid,
                    year,
                    old,
                    new: Some(new),
                })
            }
        }
    }

    /// Removes a scenario's funding override of `year`.
    pub fn clear_funding_override(plan: &Plan, scenario: ScenarioId, year: Year) -> Result<Edit> {
        let old = scenario_ref(plan, scenario)?
            .overrides
            .funding
            .get(&year)
            .copied();
        Ok(Edit::SetFundingOverride {
            scenario,
            year,
            old,
            new: None,
        })
    }

    /// Sets the *kapitaltillskott* of `year`.
    pub fn set_capital_contribution(plan: &Plan, year: Year, amount: Amount) -> Edit {
        Self::year_input_edit(plan, year, |y| y.capital_contribution = amount)
    }

    /// Sets the actual *årets resultat* of a closed year (`None` = use the budgeted result).
    pub fn set_actual_result(plan: &Plan, year: Year, result: Option<Amount>) -> Edit {
        Self::year_input_edit(plan, year, |y| y.actual_result = result)
    }

    /// Marks `year` closed (*Bokslut klart*) or open: a closed year rolls equity on its
    /// outcome result.
    pub fn set_closed(plan: &Plan, year: Year, closed: bool) -> Edit {
        Self::year_input_edit(plan, year, |y| y.closed = closed)
    }

    /// Accepts (or stops accepting) member `Belopp` that deviate from the party's amount in
    /// `year`.
    pub fn set_allow_difference(plan: &Plan, year: Year, allow: bool) -> Edit {
        Self::year_input_edit(plan, year, |y| y.allow_difference = allow)
    }

    /// Sets key settings "for `year` and later": each value given in `update` is in force
    /// from `year` on, and later years' entries for it are removed (undo restores them).
    pub fn set_year_keys_from(plan: &Plan, year: Year, update: &YearKeys) -> Edit {
        Edit::SetSetting {
            old: Setting::YearKeys(plan.settings.year_keys.clone()),
            new: Setting::YearKeys(plan.settings.year_keys_from(year, update)),
        }
    }

    /// Sets the key between the municipalities for `year` and later.
    pub fn set_kommun_key_from(plan: &Plan, year: Year, key: Key) -> Edit {
        Self::set_year_keys_from(
            plan,
            year,
            &YearKeys {
                kommun_key: Some(key),
                ..YearKeys::default()
            },
        )
    }

    /// Sets the board's request (*äskande*) of `year`.
    pub fn set_requested(plan: &Plan, year: Year, requested: Option<Amount>) -> Edit {
        Self::year_input_edit(plan, year, |y| y.requested = requested)
    }

    /// Sets a setting. In a scenario only the party shares, the municipal key and the rounding
    /// mode can be overridden (else [`EditError::NotOverridable`]).
    pub fn set_setting(plan: &Plan, scenario: Option<ScenarioId>, new: Setting) -> Result<Edit> {
        match scenario {
            None => Ok(Edit::SetSetting {
                old: new.read(plan),
                new,
            }),
            Some(sid) => {
                let ov = new.as_override().ok_or(EditError::NotOverridable {
                    setting: new.label(),
                })?;
                Self::set_scenario_setting(plan, sid, ov)
            }
        }
    }

    /// Sets (or with a `None` value, clears) a scenario's override of a setting.
    pub fn set_scenario_setting(
        plan: &Plan,
        scenario: ScenarioId,
        new: ScenarioSetting,
    ) -> Result<Edit> {
        let old = new.read(scenario_ref(plan, scenario)?);
        Ok(Edit::SetScenarioSetting { scenario, old, new })
    }

    /// Sets *EK IB* of the first year.
    pub fn set_opening_equity(plan: &Plan, new: Amount) -> Edit {
        Edit::SetOpeningEquity {
            old: plan.opening_equity,
            new,
        }
    }

    /// Sets the plan's years (sorted, each year once).
    pub fn set_years(plan: &Plan, mut new: Vec<Year>) -> Edit {
        new.sort_unstable();
        new.dedup();
        Edit::SetYears {
            old: plan.years.clone(),
            new,
        }
    }

    /// Adds a new scenario (fresh id, no overrides) at the end.
    pub fn add_scenario(plan: &Plan, name: impl Into<String>) -> Edit {
        let scenario = Scenario {
            id: ScenarioId(plan.free_id()),
            name: name.into(),
            overrides: Default::default(),
        };
        Edit::AddScenario {
            index: plan.scenarios.len(),
            scenario,
            next_id_before: plan.next_id,
        }
    }

    /// Adds a copy of `source`'s overrides under a new name (fresh id) at the end.
    pub fn duplicate_scenario(
        plan: &Plan,
        source: ScenarioId,
        name: impl Into<String>,
    ) -> Result<Edit> {
        let overrides = scenario_ref(plan, source)?.overrides.clone();
        let mut e = Self::add_scenario(plan, name);
        if let Edit::AddScenario { scenario, .. } = &mut e {
            scenario.overrides = overrides;
        }
        Ok(e)
    }

    /// Renames a scenario; the name is checked and cleaned by [`Plan::check_scenario_name`].
    pub fn rename_scenario(
        plan: &Plan,
        scenario: ScenarioId,
        name: impl Into<String>,
    ) -> Result<Edit> {
        let old = scenario_ref(plan, scenario)?.name.clone();
        let name = plan.check_scenario_name(&name.into(), Some(scenario))?;
        Ok(Edit::RenameScenario {
            scenario,
            old,
            new: name,
        })
    }

    /// Removes a scenario.
    pub fn remove_scenario(plan: &Plan, scenario: ScenarioId) -> Result<Edit> {
        let index = plan
            .scenarios
            .iter()
            .position(|s| s.id == scenario)
            .ok_or(EditError::NoScenario(scenario))?;
        Ok(Edit::RemoveScenario {
            index,
            scenario: plan
                .scenarios
                .get(index)
                .cloned()
                .ok_or(EditError::NoScenario(scenario))?,
        })
    }

    /// True when applying the edit changes nothing (e.g. typing the same value again).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::SetLineAmount { old, new, .. } => old == new,
            Edit::SetLineField { old, new, .. } => old == new,
            Edit::SetOutcome { old, new, .. } => old == new,
            Edit::MoveLine { from, to } => from == to,
            Edit::SetMemberValues { old, new, .. } => old == new,
            Edit::SetMemberField { old, new, .. } => old == new,
            Edit::SetYearInput { old, new, .. } => old == new,
            Edit::SetFundingOverride { old, new, .. } => old == new,
            Edit::SetSetting { old, new } => old == new,
            Edit::SetScenarioSetting { old, new, .. } => old == new,
            Edit::SetOpeningEquity { old, new } => old == new,
            Edit::SetYears { old, new } => old == new,
            Edit::RenameScenario { old, new, .. } => old == new,
            Edit::Compound(v) => v.iter().all(Edit::is_noop),
            _ => false,
        }
    }

    /// A short Swedish description for the undo/redo menu, e.g. `ändra belopp`.
    pub fn label(&self) -> &'static str {
        match self {
            Edit::SetLineAmount { .. } => "ändra belopp",
            Edit::SetLineField { new, .. } => match new {
                LineField::Name(_) => "byt namn på post",
                LineField::Account(_) => "ändra konto",
                LineField::Category(_) => "ändra kategori",
                LineField::Municipality(_) => "ändra kommun",
                LineField::Note(_) => "ändra notering",
                LineField::Split(_) => "ändra fördelning",
            },
            Edit::SetOutcome { .. } => "ändra utfall",
            Edit::InsertLine { .. } => "lägg till post",
            Edit::DeleteLine { .. } => "ta bort post",
            Edit::MoveLine { .. } => "flytta post",
            Edit::SetMemberValues { .. } => "ändra nyckelvärde",
            Edit::AddMember { .. } => "lägg till medlem",
            Edit::RemoveMember { .. } => "ta bort medlem",
            Edit::SetMemberField { .. } => "ändra medlem",
            Edit::SetYearInput { .. } | Edit::SetFundingOverride { .. } => "ändra årets indata",
            Edit::SetSetting { .. } | Edit::SetScenarioSetting { .. } => "ändra inställning",
            Edit::SetOpeningEquity { .. } => "ändra ingående eget kapital",
            Edit::SetYears { .. } => "ändra planens år",
            Edit::AddScenario { .. } => "lägg till scenario",
            Edit::RemoveScenario { .. } => "ta bort scenario",
            Edit::RenameScenario { .. } => "byt namn på scenario",
            Edit::Compound(_) => "flera ändringar",
        }
    }
}

/// The default number of undo steps kept.
pub const DEFAULT_UNDO_CAPACITY: usize = 200;

/// Undo/redo history of applied edits (docs/app.md: at least 100 steps). Pure: it only touches the
/// plan it is given. A new edit clears the redo list; beyond the capacity the oldest step is
/// dropped.
///
/// Keystrokes are grouped (docs/app.md "Undo"): consecutive edits applied with
/// [`UndoStack::apply_grouped`] under the same group (one field) form one open step, recorded
/// as a single undo step when the group is closed — by [`UndoStack::close_group`] (the field is
/// left), by an edit of another group, or by any other edit, undo or redo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoStack {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
    capacity: usize,
    group: Option<(String, Vec<Edit>)>,
}

impl Default for UndoStack {
    fn default() -> Self {
        UndoStack::new()
    }
}

impl UndoStack {
    /// An empty history with [`DEFAULT_UNDO_CAPACITY`] steps.
    pub fn new() -> Self {
        UndoStack::with_capacity(DEFAULT_UNDO_CAPACITY)
    }

    /// An empty history keeping at most `capacity` steps (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        UndoStack {
            undo: VecDeque::new(),
            redo: Vec::new(),
            capacity: capacity.max(1),
            group: None,
        }
    }

    /// Records an edit that has already been applied (after closing any open group); clears
    /// the redo list.
    pub fn push(&mut self, edit: Edit) {
        self.close_group();
        self.record(edit);
    }

    fn record(&mut self, edit: Edit) {
        self.redo.clear();
        self.undo.push_back(edit);
        while self.undo.len() > self.capacity {
            self.undo.pop_front();
        }
    }

    /// Applies `edit` to `plan` and records it. A no-op edit is applied but not recorded.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> Result<()> {
        self.close_group();
        apply(plan, &edit)?;
        if !edit.is_noop() {
            self.push(edit);
        }
        Ok(())
    }

    /// Applies `edit` as part of the keystroke group `group` (e.g. a field's id): it joins the
    /// open step when that step is of the same group, else the open step is recorded and a new
    /// one opens. A no-op edit is applied but not recorded. On error the plan and the history
    /// are unchanged.
    pub fn apply_grouped(&mut self, plan: &mut Plan, group: &str, edit: Edit) -> Result<()> {
        if self.group.as_ref().is_some_and(|(g, _)| g != group) {
            self.close_group();
        }
        apply(plan, &edit)?;
        if !edit.is_noop() {
            self.group
                .get_or_insert_with(|| (group.to_string(), Vec::new()))
                .1
                .push(edit);
        }
        Ok(())
    }

    /// Records the open keystroke group as one undo step (one edit, or a compound of its edits
    /// in order). Returns true when a step was recorded.
    pub fn close_group(&mut self) -> bool {
        let Some((_, mut edits)) = self.group.take() else {
            return false;
        };
        let step = match edits.len() {
            0 => return false,
            1 => match edits.pop() {
                Some(e) => e,
                None => return false,
            },
            _ => Edit::Compound(edits),
        };
        if step.is_noop() {
            return false;
        }
        self.record(step);
        true
    }

    /// True while a keystroke group is open (applied, not yet recorded).
    pub fn has_open_group(&self) -> bool {
        self.group.is_some()
    }

    /// Undoes the latest edit. `Ok(false)` when there is nothing to undo. On error the edit
    /// stays in the history and the plan is unchanged.
    pub fn undo(&mut self, plan: &mut Plan) -> Result<bool> {
        self.close_group();
        let Some(edit) = self.undo.pop_back() else {
            return Ok(false);
        };
        match revert(plan, &edit) {
            Ok(()) => {
                self.redo.push(edit);
                Ok(true)
            }
            Err(e) => {
                self.undo.push_back(edit);
                Err(e)
            }
        }
    }

    /// Redoes the latest undone edit. `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> Result<bool> {
        self.close_group();
        let Some(edit) = self.redo.pop() else {
            return Ok(false);
        };
        match apply(plan, &edit) {
            Ok(()) => {
                self.undo.push_back(edit);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(edit);
                Err(e)
            }
        }
    }

    /// True when there is something to undo (a recorded step or an open group).
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.group.is_some()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The edit [`UndoStack::undo`] would revert.
    pub fn peek_undo(&self) -> Option<&Edit> {
        self.undo.back()
    }

    /// The edit [`UndoStack::redo`] would apply.
    pub fn peek_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// Number of undo steps held.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of redo steps held.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// The capacity.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Forgets the whole history (e.g. after opening another plan).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

// ---- Line placement within a group and split shares (docs/budget.md): edits in
// `edit/line_group.rs`. ----
mod line_group;
// --- Names (docs/allocation.md "Member names"): one rule for members and scenarios ---
mod names_edit {
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
        pub fn check_scenario_name(
            &self,
            name: &str,
            except: Option<ScenarioId>,
        ) -> Result<String> {
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
}
