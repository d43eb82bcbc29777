//! CSV import with a preview (docs/csv.md, 4.3): pick a file, the owner reads and checks it with
//! the engine and returns a [`ImportPreview`] (or the exact error, naming line and column);
//! nothing in the plan changes until the user confirms, and then the whole import is one edit
//! (one undo step). The delimiter can be forced when detection guesses wrong.

use leptos::prelude::*;
use samplan_engine::Edit;

use crate::files;
use crate::state::AppState;

/// What an import would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// One-line summaries, e.g. "12 nya poster, 30 uppdaterade".
    pub summary: Vec<String>,
    /// A table of the rows read: headers and cells (display text).
    pub headers: Vec<String>,
    /// Rows of the preview table.
    pub rows: Vec<Vec<String>>,
    /// Things to notice (e.g. years outside the plan).
    pub notes: Vec<String>,
    /// The edit that performs the import (built against the current plan).
    pub edit: Edit,
    /// Another way to import, offered next to "Verkställ import": its button text and edit
    /// (e.g. adding the file's years outside the plan first).
    pub alternative: Option<(String, Edit)>,
}

/// Reads the picked file's bytes with an optional forced delimiter.
pub type ImportParser = Callback<(Vec<u8>, Option<u8>), Result<ImportPreview, String>>;

/// A button that imports a CSV file after a preview.
#[component]
pub fn CsvImport(
    /// Button text, e.g. `Importera budget (CSV)`.
    #[prop(into)]
    label: String,
    /// Reads and checks the file against the current plan.
    parse: ImportParser,
) -> impl IntoView {
    let state = AppState::expect();
    let bytes = RwSignal::new(None::<(String, Vec<u8>)>);
    let delimiter = RwSignal::new(None::<u8>);
    let result = RwSignal::new(None::<Result<ImportPreview, String>>);
    let done = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();

    let run = move || {
        if let Some((name, b)) = bytes.get_untracked() {
            let r = parse
                .run((b, delimiter.get_untracked()))
                .map_err(|e| format!("\"{name}\" kunde inte importeras: {e}. Inget har ändrats."));
            result.set(Some(r));
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let chosen = files::on_file_chosen(&ev, move |name, read| match read {
            Ok(b) => {
                bytes.set(Some((name, b)));
                run();
            }
            Err(e) => result.set(Some(Err(format!("\"{name}\" kunde inte läsas: {e}")))),
        });
        if chosen {
            done.set(None);
        }
    };
    let close = move || {
        bytes.set(None);
        result.set(None);
    };
    let confirm = move |alternative: bool| {
        let Some(Ok(preview)) = result.get_untracked() else {
            return;
        };
        let count = preview.summary.join(", ");
        let edit = match preview.alternative {
            Some((_, edit)) if alternative => edit,
            _ => preview.edit,
        };
        match state.apply(edit) {
            Ok(()) => {
                done.set(Some(format!("Importerat: {count}. Ångra med Ctrl+Z.")));
                close();
            }
            Err(e) => result.set(Some(Err(format!(
                "Importen kunde inte göras ({e}); planen har ändrats sedan filen lästes. Välj filen igen."
            )))),
        }
    };
    let label_for_input = label.clone();
    view! {
        <span class="csv-import">
            <button type="button" on:click=move |_| {
                if let Some(i) = input.get() {
                    i.click();
                }
            }>{label.clone()}</button>
            <input
                type="file"
                class="visually-hidden"
                accept=".csv,.txt,text/csv"
                tabindex="-1"
                aria-label=label_for_input
                node_ref=input
                on:change=on_file
            />
        </span>
        {move || done.get().map(|d| view! { <p class="hint" role="status">{d}</p> })}
        {move || {
            result
                .get()
                .map(|r| {
                    let body = match r {
                        Err(e) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                        Ok(p) => {
                            view! {
                                <ul class="import-summary">
                                    {p.summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                                    {p.notes.into_iter().map(|s| view! { <li class="note">{s}</li> }).collect_view()}
                                </ul>
                                <div class="table-wrap preview">
                                    <table class="data">
                                        <caption>"Förhandsgranskning"</caption>
                                        <thead>
                                            <tr>
                                                {p.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {p
                                                .rows
                                                .into_iter()
                                                .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <button type="button" class="primary" on:click=move |_| confirm(false)>"Verkställ import"</button>
                                {p.alternative.map(|(text, _)| view! {
                                    <button type="button" on:click=move |_| confirm(true)>{text}</button>
                                })}
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <div class="panel" role="region" aria-label="Import">
                            {body}
                            <label class="inline">
                                "Avgränsare "
                                <select on:change=move |ev| {
                                    delimiter.set(match event_target_value(&ev).as_str() {
                                        "semikolon" => Some(b';'),
                                        "komma" => Some(b','),
                                        "tabb" => Some(b'\t'),
                                        _ => None,
                                    });
                                    run();
                                }>
                                    <option value="auto" selected=move || delimiter.get().is_none()>"Automatiskt"</option>
                                    <option value="semikolon" selected=move || delimiter.get() == Some(b';')>"Semikolon (;)"</option>
                                    <option value="komma" selected=move || delimiter.get() == Some(b',')>"Komma (,)"</option>
                                    <option value="tabb" selected=move || delimiter.get() == Some(b'\t')>"Tabb"</option>
                                </select>
                            </label>
                            <button type="button" on:click=move |_| close()>"Avbryt"</button>
                        </div>
                    }
                })
        }}
    }
}
