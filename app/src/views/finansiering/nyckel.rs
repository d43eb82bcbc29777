//! The key and rounding settings and the year's *allow difference* choice.

use super::*;

/// The key between the municipalities and the population source, in force from the selected
/// year on ("gäller <år> och framåt"); in a scenario the key is the scenario's for every year.
#[component]
pub(super) fn KeySettings(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let key = Memo::new(move |_| {
        let y = year.get();
        choices.resolved.with(|p| p.settings.kommun_key_for(y))
    });
    let key_choice = move || key.with(Key::choice_id);
    let set_key = move |choice: String| {
        let Some(k) = Key::from_choice_id(&choice) else {
            return;
        };
        let scenario = choices.scenario_untracked();
        let y = year.get_untracked();
        report_problem(state.edit(|p| match scenario {
            None => Ok(Edit::set_kommun_key_from(p, y, k)),
            Some(_) => Edit::set_setting(p, scenario, Setting::KommunKey(k)),
        }));
    };
    let source = Signal::derive(move || {
        let y = year.get();
        plan.with(|p| p.settings.population_source_for(y))
    });
    let on_source = Callback::new(move |text: String| {
        let y = year.get_untracked();
        state.apply_live("källa", |p| {
            Ok(Edit::set_year_keys_from(
                p,
                y,
                &YearKeys {
                    population_source: Some(text.trim().to_string()),
                    ..YearKeys::default()
                },
            ))
        })
    });
    // From which year the active scenario's overrides apply (docs/scenarios.md).
    let from_year = move || {
        let scenario = choices.scenario();
        plan.with(|p| {
            scenario
                .and_then(|id| p.scenario(id))
                .and_then(|s| s.overrides.from_year)
        })
    };
    let from_text = Signal::derive(move || from_year().map(|y| y.to_string()).unwrap_or_default());
    let on_from = Callback::new(move |text: String| {
        let Some(id) = choices.scenario_untracked() else {
            return Ok(());
        };
        let v = if text.trim().is_empty() {
            None
        } else {
            let n = samplan_engine::input::parse_count(&text).map_err(|e| e.message())?;
            Some(Year::try_from(n).map_err(|_| format!("{n} är inget år"))?)
        };
        state.apply_live("scenario-fran-ar", |p| {
            Edit::set_scenario_setting(p, id, samplan_engine::ScenarioSetting::FromYear(v))
        })
    });
    let scope = move || match (choices.scenario(), from_year()) {
        (None, _) => format!("gäller {} och framåt", year.get()),
        (Some(_), None) => "gäller scenariots alla år".to_string(),
        (Some(_), Some(f)) => format!("gäller scenariot från {f}"),
    };
    let done = Callback::new(move |()| state.close_group());
    view! {
        <div class="form-row">
            <div class="field">
                <label for="kommunnyckel">
                    "Fördelningsnyckel mellan kommunerna "
                    <span class="hint" data-testid="nyckel-giltighet">{scope}</span>
                </label>
                // `prop:value` too: once the user has picked an option, the options' `selected`
                // attributes no longer move the selection when the year changes.
                <select
                    id="kommunnyckel"
                    prop:value=key_choice
                    on:change=move |ev| set_key(event_target_value(&ev))
                >
                    {KEY_CHOICES
                        .into_iter()
                        .map(|(v, text)| view! { <option value=v selected=move || key_choice() == v>{text}</option> })
                        .collect_view()}
                    <Show when=move || key_choice() == "blandad">
                        <option value="blandad" selected=true>{move || key.get().label()}</option>
                    </Show>
                </select>
            </div>
            <Show when=move || choices.scenario().is_some()>
                <div class="field">
                    <label for="scenario-fran-ar">"Scenariots ändringar gäller från (år, tomt = alla år)"</label>
                    <LiveInput id="scenario-fran-ar" class="num" value=from_text on_text=on_from on_done=done />
                    <p class="hint">"Tidigare år behåller basplanens nyckel, medelstilldelning, belopp och nyckelvärden."</p>
                </div>
            </Show>
            <div class="field">
                <label for="befolkningskalla">
                    "Källa och datum för invånarantal "
                    <span class="hint">{move || format!("gäller {} och framåt", year.get())}</span>
                </label>
                <LiveInput id="befolkningskalla" value=source on_text=on_source on_done=done />
                <SharedNote />
            </div>
        </div>
    }
}

/// "Godta avvikelse från partens andel": the board decided Belopp that do not add up to the
/// party's amount (base plan, the selected year).
#[component]
pub(super) fn AllowDifference(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let checked = Memo::new(move |_| {
        let y = year.get();
        plan.with(|p| p.year_input(y).allow_difference)
    });
    let toggle = move |on: bool| {
        let y = year.get_untracked();
        report_problem(state.edit(|p| Ok(Edit::set_allow_difference(p, y, on))));
    };
    view! {
        <div class="form-row">
            <label class="inline" title=shared_title("valet gäller basplanen och alla scenarier")>
                <input
                    type="checkbox"
                    id="tillat-avvikelse"
                    prop:checked=move || checked.get()
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                {move || format!(
                    " Godta avvikelse från partens andel {} (beslutade belopp som inte summerar till partens belopp)",
                    year.get()
                )}
            </label>
            <SharedNote />
        </div>
    }
}
