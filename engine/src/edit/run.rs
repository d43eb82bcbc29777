//! Applying and reverting an edit: the stale check (the plan must hold `old`), the bounds
//! check (docs/bounds.md) and the change itself, with a line index for large compound edits.

use std::collections::{BTreeMap, HashMap};

use super::{Edit, EditError, LineField, MemberField, Result, ScenarioSetting};
use crate::money::Amount;
use crate::plan::{
    BudgetLine, KeyValues, LineId, Member, MemberId, Plan, Scenario, ScenarioId, Year, NO_FREE_ID,
};
use crate::validate::{self as v, FieldError};

pub(super) fn stale(what: &'static str) -> EditError {
    EditError::Stale { what }
}

pub(super) fn line_ref(plan: &Plan, id: LineId) -> Result<&BudgetLine> {
    plan.line(id).ok_or(EditError::NoLine(id))
}

pub(super) fn member_ref(plan: &Plan, id: MemberId) -> Result<&Member> {
    plan.member(id).ok_or(EditError::NoMember(id))
}

pub(super) fn scenario_mut(plan: &mut Plan, id: ScenarioId) -> Result<&mut Scenario> {
    plan.scenarios
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or(EditError::NoScenario(id))
}

pub(super) fn scenario_ref(plan: &Plan, id: ScenarioId) -> Result<&Scenario> {
    plan.scenario(id).ok_or(EditError::NoScenario(id))
}

pub(super) fn set_entry<K: Ord, V>(map: &mut BTreeMap<K, V>, key: K, value: Option<V>) {
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
pub(super) fn set_nested<K1: Ord + Copy, K2: Ord, V>(
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

pub(super) fn same_field<T>(a: &T, b: &T) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

pub(super) fn check_index(index: usize, len: usize) -> Result<()> {
    if index > len {
        Err(EditError::Index { index, len })
    } else {
        Ok(())
    }
}

pub(super) fn line_overrides(plan: &Plan, id: LineId) -> Vec<(ScenarioId, BTreeMap<Year, Amount>)> {
    plan.scenarios
        .iter()
        .filter_map(|s| s.overrides.line_amounts.get(&id).map(|m| (s.id, m.clone())))
        .collect()
}

pub(super) fn member_overrides(
    plan: &Plan,
    id: MemberId,
) -> Vec<(ScenarioId, BTreeMap<Year, KeyValues>)> {
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

pub(super) fn insert_line(
    plan: &mut Plan,
    index: usize,
    line: &BudgetLine,
    next_before: u32,
) -> Result<()> {
    check_index(index, plan.lines.len())?;
    if plan.next_id != next_before {
        return Err(stale("nästa lediga id"));
    }
    // The caller has checked that the id is free (through its line index).
    plan.lines.insert(index, line.clone());
    plan.next_id = next_before.max(line.id.0.saturating_add(1).min(NO_FREE_ID));
    Ok(())
}

pub(super) fn remove_line(plan: &mut Plan, index: usize, line: &BudgetLine) -> Result<()> {
    if plan.lines.get(index) != Some(line) {
        return Err(stale("raden"));
    }
    plan.lines.remove(index);
    Ok(())
}

/// Inserts member `m` at `index`; `exists`: the id is already taken (looked up by the caller,
/// through the [`LineIndex`] in a batch).
pub(super) fn insert_member(
    plan: &mut Plan,
    index: usize,
    m: &Member,
    next_before: u32,
    exists: bool,
) -> Result<()> {
    let at = Inserted {
        index,
        id: m.id.0,
        exists,
        next_before,
    };
    insert_with_id(&mut plan.members, &mut plan.next_id, at, m)
}

pub(super) fn insert_scenario(
    plan: &mut Plan,
    index: usize,
    s: &Scenario,
    next_before: u32,
) -> Result<()> {
    let exists = plan.scenario(s.id).is_some();
    let at = Inserted {
        index,
        id: s.id.0,
        exists,
        next_before,
    };
    insert_with_id(&mut plan.scenarios, &mut plan.next_id, at, s)
}

/// Where an item with an id goes back into its list, and what the plan held before.
struct Inserted {
    index: usize,
    id: u32,
    exists: bool,
    next_before: u32,
}

/// Inserts `item` into `list` at `at.index`, moving the plan's id counter past its id; refused
/// when the counter is not the one recorded (stale) or the id is taken.
fn insert_with_id<T: Clone>(
    list: &mut Vec<T>,
    next_id: &mut u32,
    at: Inserted,
    item: &T,
) -> Result<()> {
    check_index(at.index, list.len())?;
    if *next_id != at.next_before {
        return Err(stale("nästa lediga id"));
    }
    if at.exists {
        return Err(EditError::DuplicateId { id: at.id });
    }
    list.insert(at.index, item.clone());
    *next_id = at.next_before.max(at.id.saturating_add(1).min(NO_FREE_ID));
    Ok(())
}

pub(super) fn move_item<T>(v: &mut Vec<T>, from: usize, to: usize) -> Result<()> {
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
pub(super) fn check_bounds(
    plan: &Plan,
    edit: &Edit,
    forward: bool,
) -> std::result::Result<(), FieldError> {
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
                ScenarioSetting::FromYear(Some(y)) => v::year_ok(*y),
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

/// Where each line and each member is, by id, so that a compound edit of many lines or
/// members (an import of 100 000 rows) finds each in constant time instead of scanning the
/// list per edit (which made a members import quadratic). Built lazily, once per compound
/// edit; kept in step when items are appended or removed at the end, and dropped (rebuilt on
/// the next lookup) after any other change of the list. Single edits scan the list, which is
/// cheaper than building a map.
pub(super) struct LineIndex {
    enabled: bool,
    lines: Positions<LineId>,
    members: Positions<MemberId>,
}

impl LineIndex {
    pub(super) fn new() -> Self {
        LineIndex {
            enabled: false,
            lines: Positions::default(),
            members: Positions::default(),
        }
    }

    /// Looks items up by id from now on (for many edits applied one at a time).
    pub(super) fn enable(&mut self) {
        self.enabled = true;
    }

    fn member_position(&mut self, plan: &Plan, id: MemberId) -> Option<usize> {
        self.members
            .position(self.enabled, &plan.members, id, |m| m.id)
    }

    /// After member `id` was inserted at `index` (`len_after` members now).
    fn member_inserted(&mut self, id: MemberId, index: usize, len_after: usize) {
        self.members.inserted(id, index, len_after);
    }

    /// After member `id` was removed from `index` (`len_after` members now).
    fn member_removed(&mut self, id: MemberId, index: usize, len_after: usize) {
        self.members.removed(id, index, len_after);
    }

    fn position(&mut self, plan: &Plan, id: LineId) -> Option<usize> {
        self.lines.position(self.enabled, &plan.lines, id, |l| l.id)
    }

    /// After `id` was inserted at `index` (`len_after` lines now).
    fn inserted(&mut self, id: LineId, index: usize, len_after: usize) {
        self.lines.inserted(id, index, len_after);
    }

    /// After `id` was removed from `index` (`len_after` lines now).
    fn removed(&mut self, id: LineId, index: usize, len_after: usize) {
        self.lines.removed(id, index, len_after);
    }
}

/// The positions of a list's items by id (lines or members), for [`LineIndex`].
struct Positions<Id> {
    map: Option<HashMap<Id, usize>>,
}

impl<Id> Default for Positions<Id> {
    fn default() -> Self {
        Positions { map: None }
    }
}

impl<Id: Copy + Eq + std::hash::Hash> Positions<Id> {
    /// Where the item `id` is in `items`: a scan when the index is not `enabled`, else the map
    /// (built on first use), checked against the list.
    fn position<T>(
        &mut self,
        enabled: bool,
        items: &[T],
        id: Id,
        id_of: impl Fn(&T) -> Id,
    ) -> Option<usize> {
        if !enabled {
            return items.iter().position(|t| id_of(t) == id);
        }
        let map = self.map.get_or_insert_with(|| {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (id_of(t), i))
                .collect()
        });
        map.get(&id)
            .copied()
            .filter(|&i| items.get(i).is_some_and(|t| id_of(t) == id))
    }

    /// After `id` was inserted at `index` (`len_after` items now): kept when appended.
    fn inserted(&mut self, id: Id, index: usize, len_after: usize) {
        match &mut self.map {
            Some(map) if index.checked_add(1) == Some(len_after) => {
                map.insert(id, index);
            }
            _ => self.map = None,
        }
    }

    /// After `id` was removed from `index` (`len_after` items now): kept when it was last.
    fn removed(&mut self, id: Id, index: usize, len_after: usize) {
        match &mut self.map {
            Some(map) if index == len_after => {
                map.remove(&id);
            }
            _ => self.map = None,
        }
    }
}

pub(super) fn line_mut_ix<'a>(
    plan: &'a mut Plan,
    ix: &mut LineIndex,
    id: LineId,
) -> Result<&'a mut BudgetLine> {
    let i = ix.position(plan, id).ok_or(EditError::NoLine(id))?;
    plan.lines.get_mut(i).ok_or(EditError::NoLine(id))
}

fn member_mut_ix<'a>(
    plan: &'a mut Plan,
    ix: &mut LineIndex,
    id: MemberId,
) -> Result<&'a mut Member> {
    let i = ix
        .member_position(plan, id)
        .ok_or(EditError::NoMember(id))?;
    plan.members.get_mut(i).ok_or(EditError::NoMember(id))
}

pub(super) fn run(plan: &mut Plan, edit: &Edit, forward: bool, ix: &mut LineIndex) -> Result<()> {
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
            ix.lines.map = None;
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
                    let m = member_mut_ix(plan, ix, *member)?;
                    if m.values.get(year) != expect.as_ref() {
                        return Err(stale("nyckelvärdet"));
                    }
                    set_entry(&mut m.values, *year, set.clone());
                }
                Some(sid) => {
                    ix.member_position(plan, *member)
                        .ok_or(EditError::NoMember(*member))?;
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
                let exists = ix.member_position(plan, member.id).is_some();
                insert_member(plan, *index, member, *next_id_before, exists)?;
                ix.member_inserted(member.id, *index, plan.members.len());
            } else {
                if plan.members.get(*index) != Some(member) {
                    return Err(stale("medlemmen"));
                }
                plan.members.remove(*index);
                ix.member_removed(member.id, *index, plan.members.len());
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
                ix.member_removed(member.id, *index, plan.members.len());
                for s in &mut plan.scenarios {
                    s.overrides.member_values.remove(&member.id);
                }
            } else {
                check_index(*index, plan.members.len())?;
                if ix.member_position(plan, member.id).is_some() {
                    return Err(EditError::DuplicateId { id: member.id.0 });
                }
                for (sid, _) in overrides {
                    scenario_ref(plan, *sid)?;
                }
                plan.members.insert(*index, member.clone());
                ix.member_inserted(member.id, *index, plan.members.len());
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
            let m = member_mut_ix(plan, ix, *member)?;
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
        Edit::Freeze {
            version,
            locked_before,
            draft_from_before,
        } => {
            let v = &mut plan.versions;
            if forward {
                if v.get(version.id).is_some() {
                    return Err(EditError::DuplicateId { id: version.id.0 });
                }
                v.list.push((**version).clone());
                v.locked = Some(version.id);
                v.draft_from = Some(version.id);
            } else {
                if v.list.last().map(|l| l.id) != Some(version.id) {
                    return Err(stale("versionen"));
                }
                v.list.pop();
                v.locked = *locked_before;
                v.draft_from = *draft_from_before;
            }
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
