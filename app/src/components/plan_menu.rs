//! The plan menu in the toolbar: choose a stored plan, new, duplicate, delete (with an inline
//! confirmation), save as file and open a file; when the plan was last saved as a file (and a
//! reminder once changes not saved as a file are older than a week); and the stored data that
//! cannot be opened but is kept — plans saved by a newer samplan (download) and unreadable
//! data (download, and delete after a confirmation).

use leptos::prelude::*;
use samplan_engine::{plan_from_json, plan_to_json};

use crate::files;
use crate::session::Session;
use crate::state::AppState;
use crate::storage::{plan_key, Kept, KeptKind};

/// A time (milliseconds since 1970) as local `ÅÅÅÅ-MM-DD hh:mm`.
fn local_time(ms: i64) -> String {
    crate::format::local_date_time(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        ms as f64,
    )))
}

/// A download file name for kept data under `key`.
fn kept_file_name(key: &str) -> String {
    let tail: String = key
        .trim_start_matches("samplan:v1:")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("samplan-sparad-data-{tail}.json")
}

/// A plan read from a file whose name a stored plan already has, waiting for the user's
/// choice: "Ersätt", "Behåll båda" or "Avbryt".
#[derive(Clone)]
struct AlreadyStored {
    /// The stored plan's id.
    id: String,
    /// The stored plan's name.
    stored_name: String,
    /// The plan read from the file.
    plan: samplan_engine::Plan,
}

/// "Spara som fil": downloads the open plan as a plan file (works whatever the browser's
/// storage can hold) and says so with its check code; `Err` with the Swedish reason.
pub fn save_plan_file(state: AppState, session: Session) -> Result<(), String> {
    let (name, json) = state
        .plan
        .with_untracked(|p| (files::file_stem(&p.settings.name), plan_to_json(p)));
    files::download(
        &format!("{name}.samplan.json"),
        json.as_bytes(),
        "application/json",
    )
    .map_err(|e| format!("Filen kunde inte sparas: {e}"))?;
    session.mark_saved_as_file();
    crate::components::Toasts::say(format!(
        "Sparad som {name}.samplan.json · kontrollkod {}",
        samplan_engine::check_code::check_code_of(json.as_bytes())
    ));
    Ok(())
}

/// Plan choice and plan file actions.
#[component]
pub fn PlanMenu() -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let confirm_delete = RwSignal::new(false);
    let new_plan_open = RwSignal::new(false);
    let file_error = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let already_stored = RwSignal::new(None::<AlreadyStored>);

    let save_file = move || {
        if let Err(e) = save_plan_file(state, session) {
            file_error.set(Some(e));
        }
    };
    // The whole plan (the scenario shown) as an Excel workbook (docs/xlsx.md).
    let export_xlsx = move || {
        let scenario = crate::choices::Choices::expect().scenario_untracked();
        let (name, bytes) = state.plan.with_untracked(|p| {
            (
                files::file_stem(&p.settings.name),
                samplan_engine::xlsx::export_plan_xlsx(p, scenario),
            )
        });
        let result = bytes.map_err(|e| e.to_string()).and_then(|b| {
            files::download(
                &format!("{name}.xlsx"),
                &b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        });
        match result {
            Ok(()) => crate::components::Toasts::say(format!("Sparad som {name}.xlsx")),
            Err(e) => file_error.set(Some(format!("Excel-filen kunde inte sparas: {e}"))),
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
                    let name = plan.settings.name.trim().to_string();
                    let stored = session
                        .stored_names()
                        .into_iter()
                        .find(|(_, n)| n.trim() == name);
                    match stored {
                        // Already stored: ask before anything changes.
                        Some((id, stored_name)) => already_stored.set(Some(AlreadyStored {
                            id,
                            stored_name,
                            plan,
                        })),
                        None => session.open_new(state, plan, false),
                    }
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
                    title=move || state.plan.with(|p| p.settings.name.clone())
                    on:change=move |ev| session.switch(state, event_target_value(&ev))
                >
                    {move || {
                        let current = session.current_id.get();
                        let too_new: Vec<String> = session.kept.with(|k| {
                            k.iter()
                                .filter(|k| matches!(k.kind, KeptKind::TooNew { .. }))
                                .map(|k| k.key.clone())
                                .collect()
                        });
                        session
                            .index
                            .get()
                            .plans
                            .into_iter()
                            .filter(|p| p.id == current || !too_new.contains(&plan_key(&p.id)))
                            .map(|p| {
                                let selected = p.id == current;
                                view! { <option value=p.id selected=selected>{p.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <button type="button" on:click=move |_| new_plan_open.set(true)>"Ny plan"</button>
            <crate::components::NewPlanDialog open=new_plan_open />
            <button type="button" on:click=move |_| session.duplicate(state)>"Duplicera"</button>
            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>
                "Ta bort plan"
            </button>
            <button type="button" on:click=move |_| save_file()>"Spara som fil"</button>
            <button type="button" data-testid="exportera-xlsx" on:click=move |_| export_xlsx()>
                "Exportera Excel (.xlsx)"
            </button>
            <button type="button" on:click=move |_| {
                if let Some(input) = file_input.get() {
                    input.click();
                }
            }>"Öppna fil"</button>
            <crate::shared::SharePlanButton />
            <input
                type="file"
                class="visually-hidden"
                accept=".json,.samplan.json,application/json"
                aria-label="Öppna planfil"
                tabindex="-1"
                node_ref=file_input
                on:change=open_file
            />
            <span class="file-saved" data-testid="senast-sparad-som-fil">
                {move || match session.current_entry().and_then(|e| e.file_saved) {
                    Some(ms) => format!("Senast sparad som fil: {}", local_time(ms)),
                    None => "Aldrig sparad som fil".to_string(),
                }}
            </span>
        </div>
        <Show when=move || session.needs_file_reminder()>
            <div class="banner warn" role="status" data-testid="påminnelse-spara-som-fil">
                <span class="text">
                    "Planen har ändringar som inte har sparats som fil på över en vecka. "
                    "Webbläsaren kan radera sparad data, så spara planen som fil."
                </span>
                <button type="button" on:click=move |_| save_file()>"Spara som fil"</button>
            </div>
        </Show>
        <KeptData />
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
        {move || already_stored.get().map(|a| {
            let AlreadyStored { id, stored_name, plan } = a;
            let copy = plan.clone();
            view! {
                <div
                    class="banner warn"
                    role="alertdialog"
                    aria-label="Planen finns redan"
                    data-testid="planen-finns-redan"
                >
                    <span class="text">
                        {format!(
                            "Planen \"{stored_name}\" finns redan i webbläsaren. Ersätt den med planen från filen, behåll båda (filens plan sparas som en ny plan) eller avbryt?"
                        )}
                    </span>
                    <button type="button" class="danger" on:click=move |_| {
                        already_stored.set(None);
                        session.replace_stored(state, id.clone(), plan.clone());
                    }>"Ersätt"</button>
                    <button type="button" on:click=move |_| {
                        already_stored.set(None);
                        session.open_as_copy(state, copy.clone());
                    }>"Behåll båda"</button>
                    <button type="button" on:click=move |_| already_stored.set(None)>"Avbryt"</button>
                </div>
            }
        })}
        {move || file_error.get().map(|e| view! {
            <div class="banner error" role="alert">
                <span class="text">{e}</span>
                <button type="button" on:click=move |_| file_error.set(None)>"Stäng"</button>
            </div>
        })}
    }
}

/// The stored data that cannot be opened: each entry with a download button; unreadable data
/// also with "Ta bort", which asks for a confirmation first.
#[component]
fn KeptData() -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let confirm = RwSignal::new(None::<String>);
    let row = move |k: Kept| {
        let (label, deletable) = match &k.kind {
            KeptKind::TooNew { name } => (
                format!(
                    "\"{}\" – sparad av en nyare version av samplan",
                    name.clone().unwrap_or_else(|| k.key.clone())
                ),
                false,
            ),
            KeptKind::Unreadable => (format!("Oläsbar data ({})", k.key), true),
            KeptKind::SetAside { name } => (
                format!("\"{name}\" – undanlagd version av en plan ({})", k.key),
                true,
            ),
        };
        let file_name = kept_file_name(&k.key);
        let text = k.text.clone();
        let key = k.key.clone();
        let key_for_confirm = k.key.clone();
        let download = move |_| {
            if let Err(e) = files::download(&file_name, text.as_bytes(), "application/json") {
                state.notice.set(Some(format!("Kunde inte ladda ner: {e}")));
            }
        };
        let asking = {
            let key = key.clone();
            move || confirm.get().as_deref() == Some(key.as_str())
        };
        view! {
            <li data-key=k.key.clone()>
                <span class="text">{label.clone()}</span>
                " "
                <button type="button" aria-label=format!("Ladda ner {label}") on:click=download>
                    "Ladda ner"
                </button>
                <Show when=move || deletable>
                    <button
                        type="button"
                        class="danger"
                        aria-label=format!("Ta bort {label}")
                        on:click={
                            let key = key_for_confirm.clone();
                            move |_| confirm.set(Some(key.clone()))
                        }
                    >
                        "Ta bort"
                    </button>
                </Show>
                <Show when=asking.clone()>
                    <span role="alertdialog" aria-label="Bekräfta att sparad data tas bort">
                        "Ta bort datan för alltid? Det går inte att ångra. "
                        <button type="button" class="danger" on:click={
                            let key = key.clone();
                            move |_| {
                                confirm.set(None);
                                session.delete_kept(&key);
                            }
                        }>"Ja, ta bort"</button>
                        <button type="button" on:click=move |_| confirm.set(None)>"Avbryt"</button>
                    </span>
                </Show>
            </li>
        }
    };
    view! {
        <Show when=move || session.kept.with(|k| !k.is_empty())>
            <section class="banner warn kept-data" aria-label="Sparad data som inte kan öppnas">
                <span class="text">"Sparad data som inte kan öppnas här (finns kvar tills du tar bort den):"</span>
                <ul>
                    {move || session.kept.get().into_iter().map(row).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
