//! View choices that outlive a tab switch and are not part of the plan document: the
//! **active scenario** (the one the Kommun view, the quick levers and the print header use, and
//! the one the grids should edit), the municipality chosen in *Kommun*, and the two scenarios
//! compared in *Scenarier*.
//!
//! Every getter checks its choice against the current plan, so a deleted scenario or member (or
//! a plan switch) falls back to the base plan / the first municipality instead of pointing at
//! nothing.
//!
//! A view that edits the active scenario reads [`Choices::resolved`] / [`Choices::report`]
//! instead of the base plan and passes [`Choices::scenario_untracked`] as the `scenario` of the
//! engine's scenario-aware edits (`Edit::set_line_amount`, `set_funding`, `set_population`, …).

use leptos::prelude::*;
use samplan_engine::versions::ViewVersion;
use samplan_engine::{allocation::MemberKind, MemberId, Plan, Report, ScenarioId, BASE_PLAN_NAME};

use crate::state::{AppState, PlanRead};

/// The choices, provided as context by `App` (cheap to copy).
#[derive(Clone, Copy)]
pub struct Choices {
    plan: PlanRead,
    state: AppState,
    scenario: RwSignal<Option<ScenarioId>>,
    kommun: RwSignal<Option<MemberId>>,
    compare_a: RwSignal<Option<ScenarioId>>,
    /// `None` until the user picks one: then the active scenario or the first scenario is used.
    compare_b: RwSignal<Option<Option<ScenarioId>>>,
    /// The plan as the active scenario sees it ([`Plan::resolved`]): the base plan itself
    /// when no scenario is active. Views that edit the active scenario read their inputs from
    /// here.
    pub resolved: Resolved,
    /// The engine's report of the active scenario (kept up to date by the workbook).
    pub report: ActiveReport,
    /// Whether the Budget grid shows its Kommun column (a view choice; on by default).
    pub budget_kommun: RwSignal<bool>,
    /// The version Uppföljning, Kommun and Eget kapital show (docs/budget.md "Vyerna och
    /// beslutet"): one choice for the three views, kept while the user moves between them;
    /// read through [`Choices::view_version`].
    view_version: RwSignal<ViewVersion>,
    /// Whether the Budget grid shows its Notering column (a view choice; off by default, so
    /// every year fits beside the split panel at 1280 px; a line's note has a marker anyway).
    pub budget_notes: RwSignal<bool>,
}

/// The report of the active scenario, read by reference from the workbook with
/// [`ActiveReport::with`] (the base plan's report when no scenario is active).
#[derive(Clone, Copy)]
pub struct ActiveReport {
    state: AppState,
}

impl ActiveReport {
    /// Reads the active scenario's report (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Report) -> T) -> T {
        self.state.with_book(|b| f(b.active_report()))
    }

    /// Reads the active scenario's report (not tracked; for event handlers).
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Report) -> T) -> T {
        self.state.with_book_untracked(|b| f(b.active_report()))
    }
}

/// The plan as the active scenario sees it, read by reference from the workbook with
/// [`Resolved::with`]. With no active scenario (the common case) it is the base plan.
#[derive(Clone, Copy)]
pub struct Resolved {
    state: AppState,
}

impl Resolved {
    /// Reads the active scenario's plan (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.state.with_book(|b| f(b.resolved()))
    }

    /// Reads the active scenario's plan (not tracked; for event handlers).
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.state.with_book_untracked(|b| f(b.resolved()))
    }
}

/// `id` when the plan still has that scenario, else the base plan.
fn existing(plan: &Plan, id: Option<ScenarioId>) -> Option<ScenarioId> {
    id.filter(|id| plan.scenario(*id).is_some())
}

impl Choices {
    /// Creates the choices for `state`'s plan and provides them as context.
    pub fn provide(state: AppState) -> Self {
        let choices = Choices {
            plan: state.plan,
            state,
            scenario: RwSignal::new(None::<ScenarioId>),
            kommun: RwSignal::new(None),
            compare_a: RwSignal::new(None),
            compare_b: RwSignal::new(None),
            budget_kommun: RwSignal::new(true),
            budget_notes: RwSignal::new(false),
            view_version: RwSignal::new(ViewVersion::InForce),
            resolved: Resolved { state },
            report: ActiveReport { state },
        };
        state.set_scenario(None);
        provide_context(choices);
        choices
    }

    /// The choices from context (panics only if `App` forgot to provide them: a bug).
    pub fn expect() -> Self {
        expect_context::<Choices>()
    }

    /// The version the three views show (reactive): the decision in force until the user
    /// picks another; an earlier decision this plan does not have (another plan was opened,
    /// or the decision was undone) falls back to the decision in force.
    pub fn view_version(&self) -> ViewVersion {
        match self.view_version.get() {
            ViewVersion::Adopted(id) if self.plan.with(|p| p.version(id).is_none()) => {
                ViewVersion::InForce
            }
            c => c,
        }
    }

    /// Picks the version the three views show.
    pub fn set_view_version(&self, choice: ViewVersion) {
        self.view_version.set(choice);
    }

    /// The active scenario (`None` = Basplan); reactive.
    pub fn scenario(&self) -> Option<ScenarioId> {
        let id = self.scenario.get();
        self.plan.with(|p| existing(p, id))
    }

    /// The active scenario, not tracked (for event handlers).
    pub fn scenario_untracked(&self) -> Option<ScenarioId> {
        let id = self.scenario.get_untracked();
        self.plan.with_untracked(|p| existing(p, id))
    }

    /// Makes `id` the active scenario (`None` = Basplan).
    pub fn set_scenario(&self, id: Option<ScenarioId>) {
        self.state.set_scenario(id);
        self.scenario.set(id);
    }

    /// The active scenario's display name (`Basplan` for the base plan); reactive.
    pub fn scenario_name(&self) -> String {
        let id = self.scenario();
        self.plan.with(|p| p.scenario_name(id))
    }

    /// The municipality shown in *Kommun*: the chosen one if the plan still has it, else the
    /// plan's first municipality; reactive.
    pub fn kommun(&self) -> Option<MemberId> {
        let chosen = self.kommun.get();
        self.plan.with(|p| {
            let kommuner = || p.members.iter().filter(|m| m.kind == MemberKind::Kommun);
            chosen
                .filter(|id| kommuner().any(|m| m.id == *id))
                .or_else(|| kommuner().next().map(|m| m.id))
        })
    }

    /// Chooses the municipality shown in *Kommun*.
    pub fn set_kommun(&self, id: MemberId) {
        self.kommun.set(Some(id));
    }

    /// The two scenarios compared in *Scenarier* (`None` = Basplan): a defaults to the base
    /// plan, b to the active scenario or, when that is the base plan, the plan's first scenario.
    pub fn compared(&self) -> (Option<ScenarioId>, Option<ScenarioId>) {
        let a = self.compare_a.get();
        let b = self.compare_b.get();
        let active = self.scenario.get();
        self.plan.with(|p| {
            let a = existing(p, a);
            let b = match b {
                Some(b) => existing(p, b),
                None => existing(p, active).or_else(|| p.scenarios.first().map(|s| s.id)),
            };
            (a, b)
        })
    }

    /// Sets scenario a of the comparison.
    pub fn set_compare_a(&self, id: Option<ScenarioId>) {
        self.compare_a.set(id);
    }

    /// Sets scenario b of the comparison.
    pub fn set_compare_b(&self, id: Option<ScenarioId>) {
        self.compare_b.set(Some(id));
    }
}

/// `(id, name)` of Basplan and every scenario of `plan`, for a scenario `<select>`.
pub fn scenario_options(plan: &Plan) -> Vec<(Option<ScenarioId>, String)> {
    std::iter::once((None, BASE_PLAN_NAME.to_string()))
        .chain(plan.scenarios.iter().map(|s| (Some(s.id), s.name.clone())))
        .collect()
}

/// The value of a scenario `<option>`: `bas` for the base plan, else the id.
pub fn scenario_option_value(id: Option<ScenarioId>) -> String {
    id.map(|s| s.0.to_string())
        .unwrap_or_else(|| "bas".to_string())
}

/// The scenario named by an `<option>` value (see [`scenario_option_value`]).
pub fn parse_scenario_option(value: &str) -> Option<ScenarioId> {
    value.parse::<u32>().ok().map(ScenarioId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_round_trip() {
        for id in [None, Some(ScenarioId(7))] {
            assert_eq!(parse_scenario_option(&scenario_option_value(id)), id);
        }
    }
}
