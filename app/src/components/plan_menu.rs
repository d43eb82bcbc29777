//! The plan menu in the toolbar: choose a stored plan, new, duplicate, delete (with an inline
//! confirmation), save as file and open a file.

use leptos::prelude::*;
use samplan_engine::{plan_from_json, plan_to_json};

use crate::files;
use crate::session::Session;
use crate::state::AppState;

/// Plan choice and plan file actions.
#[component]
pub fn PlanMenu() -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let confirm_delete = RwSignal::new(false);
    let file_error = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let save_file = move |_| {
        let (name, json) = state
            .plan
            .with_untracked(|p| (files::file_stem(&p.settings.name), plan_to_json(p)));
        if let Err(e) = files::download(
            &format!("{name}.samplan.json"),
            json.as_bytes(),
            "application/json",
        ) {
            file_error.set(Some(format!("Filen kunde inte sparas: {e}")));
        }
    };
    let open_file = move |ev: leptos::ev::Event| {
        files::on_file_chosen(&ev, move |file_name, read| {
            let result = match read {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => plan_from_json(&text).map_err(|e| e.to_string()),
                    Err(_) => Err("filen är inte UTF-8-text".to_string()),
                },
                Err(e) => Err(e),
            };
            match result {
                Ok(plan) => {
                    file_error.set(None);
                    session.open_new(state, plan);
                }
                Err(e) => file_error.set(Some(format!(
                    "\"{file_name}\" kunde inte öppnas: {e}. Inget har ändrats."
                ))),
            }
        });
    };

    view! {
        <div class="plan-menu" role="group" aria-label="Planer och filer">
            <label class="inline">
                "Plan "
                <select
                    aria-label="Välj plan"
                    data-testid="välj-plan"
                    on:change=move |ev| session.switch(state, event_target_value(&ev))
                >
                    {move || {
                        let current = session.current_id.get();
                        session
                            .index
                            .get()
                            .plans
                            .into_iter()
                            .map(|p| {
                                let selected = p.id == current;
                                view! { <option value=p.id selected=selected>{p.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <button type="button" on:click=move |_| session.new_plan(state)>"Ny plan"</button>
            <button type="button" on:click=move |_| session.duplicate(state)>"Duplicera"</button>
            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>
                "Ta bort plan"
            </button>
            <button type="button" on:click=save_file>"Spara som fil"</button>
            <button type="button" on:click=move |_| {
                if let Some(input) = file_input.get() {
                    input.click();
                }
            }>"Öppna fil"</button>
            <input
                type="file"
                class="visually-hidden"
                accept=".json,.samplan.json,application/json"
                aria-label="Öppna planfil"
                tabindex="-1"
                node_ref=file_input
                on:change=open_file
            />
        </div>
        <Show when=move || confirm_delete.get()>
            <div class="banner warn" role="alertdialog" aria-label="Bekräfta borttagning">
                <span class="text">
                    "Ta bort planen \"" {move || state.plan.with(|p| p.settings.name.clone())}
                    "\" från webbläsaren? Det går inte att ångra."
                </span>
                <button type="button" class="danger" on:click=move |_| {
                    confirm_delete.set(false);
                    session.delete_current(state);
                }>"Ja, ta bort"</button>
                <button type="button" on:click=move |_| confirm_delete.set(false)>"Avbryt"</button>
            </div>
        </Show>
        {move || file_error.get().map(|e| view! {
            <div class="banner error" role="alert">
                <span class="text">{e}</span>
                <button type="button" on:click=move |_| file_error.set(None)>"Stäng"</button>
            </div>
        })}
    }
}
