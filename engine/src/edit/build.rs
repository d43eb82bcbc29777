//! Constructors of [`Edit`]: each reads the current value from the plan as `old`, so a caller
//! never computes it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::run::{line_overrides, line_ref, member_overrides, member_ref, scenario_ref};
use super::{Edit, EditError, LineField, MemberField, Result, ScenarioSetting, Setting};
use crate::allocation::{Key, MemberKind};
use crate::money::Amount;
use crate::plan::{
    BudgetLine, Category, FundingInput, KeyValues, LineId, Member, MemberId, Outcome, Plan,
    Scenario, ScenarioId, SplitShare, Year, YearInput, YearKeys, NO_FREE_ID,
};

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
        let new =
            new.filter(|o| o.ytd.is_some() || o.final_amount.is_some() || o.forecast.is_some());
        Ok(Edit::SetOutcome {
            line,
            year,
            old,
            new,
        })
    }

    /// Sets a line's outcome for `year` to `change` of its current one (the default when it
    /// has none): the one way the ytd, final and forecast setters keep the other parts.
    fn change_outcome(
        plan: &Plan,
        line: LineId,
        year: Year,
        change: impl FnOnce(Outcome) -> Outcome,
    ) -> Result<Edit> {
        let cur = line_ref(plan, line)?
            .outcome
            .get(&year)
            .copied()
            .unwrap_or_default();
        Self::set_outcome(plan, line, year, Some(change(cur)))
    }

    /// Sets a line's year-to-date outcome for `year`, keeping its final outcome.
    pub fn set_outcome_ytd(
        plan: &Plan,
        line: LineId,
        year: Year,
        ytd: Option<Amount>,
    ) -> Result<Edit> {
        Self::change_outcome(plan, line, year, |cur| Outcome { ytd, ..cur })
    }

    /// Sets a line's full-year forecast for `year` (`None` removes it), keeping its outcome
    /// (docs/budget.md "Prognos").
    pub fn set_forecast(
        plan: &Plan,
        line: LineId,
        year: Year,
        forecast: Option<Amount>,
    ) -> Result<Edit> {
        Self::change_outcome(plan, line, year, |cur| Outcome { forecast, ..cur })
    }

    /// Sets when the forecasts of `year` were made (`None` = not recorded).
    pub fn set_forecast_period(
        plan: &Plan,
        year: Year,
        period: Option<crate::forecast::ForecastPeriod>,
    ) -> Edit {
        Self::year_input_edit(plan, year, |y| y.forecast_period = period)
    }

    /// Sets a line's final outcome for `year`, keeping its year-to-date outcome.
    pub fn set_outcome_final(
        plan: &Plan,
        line: LineId,
        year: Year,
        final_amount: Option<Amount>,
    ) -> Result<Edit> {
        Self::change_outcome(plan, line, year, |cur| Outcome {
            final_amount,
            ..cur
        })
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

    /// Sets the equity at the end of `year` as the annual report states it (`None` = computed
    /// from the year's result): the year's *EK UB* is then that figure (docs/equity.md).
    pub fn set_closing_equity(plan: &Plan, year: Year, equity: Option<Amount>) -> Edit {
        Self::year_input_edit(plan, year, |y| y.closing_equity = equity)
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

    /// Sets one party's share (in percent) of the funding, as the Parter grid's cell does: the
    /// other parties keep the shares in force — the scenario's override when it has one, else
    /// the base plan's. With `scenario` the new shares become its override. A share outside
    /// 0–100 % is refused when the edit is applied; the shares need not sum to 100 % (the
    /// allocation says so).
    pub fn set_party_share(
        plan: &Plan,
        scenario: Option<ScenarioId>,
        party: crate::allocation::Party,
        percent: Decimal,
    ) -> Result<Edit> {
        let mut shares = match scenario {
            Some(sid) => scenario_ref(plan, sid)?
                .overrides
                .shares
                .unwrap_or(plan.settings.shares),
            None => plan.settings.shares,
        };
        shares.set(party, percent);
        Self::set_setting(plan, scenario, Setting::Shares(shares))
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
                LineField::Formulas(_) => "ändra formel",
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
            Edit::Freeze { version, .. } => match version.status {
                crate::versions::VersionStatus::Beslutad(_) => "anta budget",
                crate::versions::VersionStatus::Forslag => "spara förslag",
            },
        }
    }
}
