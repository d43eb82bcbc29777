//! The projector mode's workshop (docs/app.md, "Projector mode"): the live levers never write
//! to the plan the board showed when the mode was entered. The first lever click makes a
//! scenario `Workshop <datum>` (the engine's [`workshop_lever`]) and makes it the active
//! scenario, so the board shows its figures; every later click writes to it. Leaving the mode
//! with such a scenario shows [`WorkshopNotice`]: where the changes are, and "Ångra",
//! "Återställ" (remove the workshop scenario) or "Spara i basplanen" (the engine's
//! [`workshop_save`]: write the changes into the plan the board showed). Each is one undo step.

use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    lever::{workshop_lever, workshop_save, LeverTarget},
    Edit, ScenarioId, Year,
};

use crate::choices::Choices;
use crate::components::Toasts;
use crate::state::AppState;

/// The workshop of the projector mode (context, cheap to copy).
#[derive(Clone, Copy)]
pub struct Workshop {
    /// The workshop scenario, once the first lever click has made it.
    pub scenario: RwSignal<Option<ScenarioId>>,
    /// The scenario the board showed when the mode was entered (`None` = the base plan).
    pub origin: RwSignal<Option<ScenarioId>>,
    /// The history version when the mode was left with a workshop scenario: the notice shows
    /// until the history moves on.
    left_at: RwSignal<Option<u64>>,
}

impl Workshop {
    /// Provides the workshop as context (once, by `Presentation::provide`).
    pub fn provide(state: AppState, choices: Choices) -> Self {
        let w = Workshop {
            scenario: RwSignal::new(None),
            origin: RwSignal::new(None),
            left_at: RwSignal::new(None),
        };
        provide_context(w);
        // Undoing the first click (or removing the scenario elsewhere) ends the workshop: the
        // board shows the plan it showed before.
        Effect::new(move |_| {
            let Some(id) = w.scenario.get() else {
                return;
            };
            if state.plan.with(|p| p.scenario(id).is_none()) {
                w.scenario.set(None);
                w.left_at.set(None);
                choices.set_scenario(w.origin.get_untracked());
            }
        });
        // The notice is about the workshop just left: it goes once the history moves on.
        Effect::new(move |_| {
            let now = state.history_version_tracked();
            if w.left_at.get_untracked().is_some_and(|at| at != now) {
                w.left_at.set(None);
            }
        });
        w
    }

    /// The workshop from context (panics only if `App` forgot to provide it: a bug).
    pub fn expect() -> Self {
        expect_context::<Workshop>()
    }

    /// The mode is entered: a new workshop starts from the scenario the board shows.
    pub fn start(&self, choices: Choices) {
        self.origin.set(choices.scenario_untracked());
        self.scenario.set(None);
        self.left_at.set(None);
    }

    /// The mode is left: with a workshop scenario, the notice says where the changes are.
    pub fn leave(&self, state: AppState) {
        let exists = self
            .scenario
            .get_untracked()
            .is_some_and(|id| state.plan.with_untracked(|p| p.scenario(id).is_some()));
        self.left_at.set(exists.then(|| state.history_version()));
    }

    /// One lever click: `target` of `year` ± `percent` % in the workshop scenario (made on the
    /// first click and made the active scenario).
    pub fn lever(
        &self,
        state: AppState,
        choices: Choices,
        year: Year,
        target: LeverTarget,
        percent: Decimal,
    ) -> Result<(), String> {
        let step = state
            .plan
            .with_untracked(|p| {
                workshop_lever(
                    p,
                    self.origin.get_untracked(),
                    self.scenario.get_untracked(),
                    &crate::shared::today(),
                    year,
                    target,
                    percent,
                )
            })
            .map_err(|e| e.to_string())?;
        state.apply(step.edit)?;
        self.scenario.set(Some(step.scenario));
        choices.set_scenario(Some(step.scenario));
        Ok(())
    }

    /// "Återställ": removes the workshop scenario (one undo step) and shows the plan the board
    /// showed. `Ok(false)` when there was nothing to remove.
    pub fn restore(&self, state: AppState, choices: Choices) -> Result<bool, String> {
        let Some(id) = self
            .scenario
            .get_untracked()
            .filter(|id| state.plan.with_untracked(|p| p.scenario(*id).is_some()))
        else {
            return Ok(false);
        };
        let edit = state
            .plan
            .with_untracked(|p| Edit::remove_scenario(p, id))
            .map_err(|e| e.to_string())?;
        state.apply(edit)?;
        self.scenario.set(None);
        self.left_at.set(None);
        choices.set_scenario(self.origin.get_untracked());
        Ok(true)
    }

    /// "Spara i basplanen": writes the workshop's changes into the plan the board showed and
    /// removes the workshop scenario (one undo step).
    pub fn save(&self, state: AppState, choices: Choices) -> Result<(), String> {
        let id = self
            .scenario
            .get_untracked()
            .ok_or("det finns inget workshopscenario att spara")?;
        let origin = self.origin.get_untracked();
        let edit = state
            .plan
            .with_untracked(|p| workshop_save(p, id, origin))
            .map_err(|e| e.to_string())?;
        state.apply(edit)?;
        self.scenario.set(None);
        self.left_at.set(None);
        choices.set_scenario(origin);
        Ok(())
    }

    /// The name of the plan the board showed: "basplanen" or "scenariot «namn»".
    pub fn origin_name(&self, state: AppState) -> String {
        match self.origin.get() {
            None => "basplanen".to_string(),
            Some(id) => format!(
                "scenariot {}",
                state.plan.with(|p| p.scenario_name(Some(id)))
            ),
        }
    }
}

/// Shown after leaving the projector mode with a workshop scenario: where the changes are, and
/// what can be done with them.
#[component]
pub fn WorkshopNotice() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let Some(w) = use_context::<Workshop>() else {
        return ().into_any();
    };
    let visible = move || {
        w.left_at.get().is_some()
            && w.scenario
                .get()
                .is_some_and(|id| state.plan.with(|p| p.scenario(id).is_some()))
    };
    let name = move || {
        w.scenario
            .get()
            .map(|id| state.plan.with(|p| p.scenario_name(Some(id))))
            .unwrap_or_default()
    };
    let error = RwSignal::new(None::<String>);
    let restore = move |_| match w.restore(state, choices) {
        Ok(_) => {
            error.set(None);
            Toasts::undoable(format!(
                "Workshoppens ändringar är borttagna; {} visas som före workshoppen.",
                w.origin_name(state)
            ));
        }
        Err(e) => error.set(Some(format!("Återställningen gick inte: {e}."))),
    };
    let save = move |_| {
        let into = untrack(|| w.origin_name(state));
        match w.save(state, choices) {
            Ok(()) => {
                error.set(None);
                Toasts::undoable(format!("Workshoppens ändringar är sparade i {into}."));
            }
            Err(e) => error.set(Some(format!("Ändringarna kunde inte sparas: {e}."))),
        }
    };
    view! {
        <Show when=visible>
            <div class="banner info workshop-notice" role="status" data-testid="workshop-meddelande">
                <span class="text">
                    {move || format!(
                        "Workshoppens ändringar finns i scenariot ”{}”, som visas nu. {} är oförändrad{}.",
                        name(),
                        capitalised(&w.origin_name(state)),
                        if w.origin.get().is_some() { "t" } else { "" },
                    )}
                </span>
                <button type="button" on:click=move |_| state.undo()>"Ångra"</button>
                <button type="button" on:click=restore>"Återställ"</button>
                <button type="button" class="primary" on:click=save>
                    {move || match w.origin.get() {
                        None => "Spara i basplanen".to_string(),
                        Some(_) => format!("Spara i {}", w.origin_name(state)),
                    }}
                </button>
                <button
                    type="button"
                    class="small"
                    aria-label="Stäng meddelandet om workshoppen"
                    on:click=move |_| w.left_at.set(None)
                >
                    "Stäng"
                </button>
            </div>
        </Show>
        {move || error.get().map(|e| view! {
            <div class="banner error" role="alert"><span class="text">{e}</span></div>
        })}
    }
    .into_any()
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
