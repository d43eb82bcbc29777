//! CSV import with a preview (docs/csv.md, 4.3): pick a file, the owner reads and checks it with
//! the engine and returns a [`ImportPreview`] (or the exact error, naming line and column);
//! nothing in the plan changes until the user confirms, and then the whole import is one edit
//! (one undo step). The delimiter can be forced when detection guesses wrong.
//!
//! Bounded work per import (docs/app.md "Imports"): the preview table shows one page of
//! [`PREVIEW_PAGE`] rows with the row counts and page buttons, never one element per file row;
//! a file larger than [`BIG_IMPORT_BYTES`] says so (size, rows) before it is read, and is read
//! only when the user chooses "Läs in filen".

use leptos::prelude::*;
use samplan_engine::{format::format_decimal, Edit};

use crate::files;
use crate::state::AppState;

/// Rows of an import preview table shown at a time.
pub const PREVIEW_PAGE: usize = 50;
/// Files larger than this (2 MB, about 20 000 rows) are announced before they are read.
pub const BIG_IMPORT_BYTES: usize = 2_000_000;

/// "1 234 rader" style counts (Swedish grouping, from the engine).
pub fn count(n: usize) -> String {
    format_decimal(rust_decimal::Decimal::from(n as u64), 0)
}

/// The notice for a big file before it is read: its size and lines.
pub fn big_file_notice(name: &str, bytes: &[u8]) -> String {
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    let mb = format_decimal(
        rust_decimal::Decimal::from(bytes.len() as u64 / 100_000) / rust_decimal::Decimal::from(10),
        1,
    );
    format!(
        "\"{name}\" är en stor fil ({mb} MB, {} rader). Att läsa och granska den kan ta några sekunder, \
         och sidan svarar inte under tiden. Inget i planen ändras förrän du verkställer importen.",
        count(lines)
    )
}

/// The page buttons and "Visar rad 1–50 av 1 000" of a paged table of `total` rows (`page`
/// 0-based; `what` names the rows: "rad", "konton"); nothing for a single page.
pub fn page_nav(total: usize, page: RwSignal<usize>, what: &'static str) -> impl IntoView {
    let pages = total.div_ceil(PREVIEW_PAGE).max(1);
    let label = move || {
        let p = page.get().min(pages - 1);
        let first = p * PREVIEW_PAGE + 1;
        let last = ((p + 1) * PREVIEW_PAGE).min(total);
        format!(
            "Visar {} {}–{} av {}",
            what,
            count(first),
            count(last),
            count(total)
        )
    };
    (total > PREVIEW_PAGE).then(|| view! {
            <p class="page-nav" role="group" aria-label="Sidor i förhandsgranskningen">
                <span role="status">{label}</span>
                " "
                <button type="button" prop:disabled={move || page.get() == 0} on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    "Föregående sida"
                </button>
                <button type="button" prop:disabled={move || page.get() + 1 >= pages} on:click=move |_| page.update(|p| *p = (*p + 1).min(pages - 1))>
                    "Nästa sida"
                </button>
            </p>
    })
}

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
    let page = RwSignal::new(0usize);
    // A big file waiting for "Läs in filen" (the notice), or being read (the status).
    let big = RwSignal::new(None::<String>);
    let reading = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();

    let run = move || {
        if let Some((name, b)) = bytes.get_untracked() {
            let r = parse
                .run((b, delimiter.get_untracked()))
                .map_err(|e| format!("\"{name}\" kunde inte importeras: {e}. Inget har ändrats."));
            page.set(0);
            result.set(Some(r));
        }
        reading.set(false);
    };
    // Reads after the "Läser filen …" status has been painted.
    let run_later = move || {
        reading.set(true);
        big.set(None);
        set_timeout(run, std::time::Duration::from_millis(30));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let chosen = files::on_file_chosen(&ev, move |name, read| match read {
            Ok(b) => {
                let notice = (b.len() > BIG_IMPORT_BYTES).then(|| big_file_notice(&name, &b));
                bytes.set(Some((name, b)));
                match notice {
                    Some(n) => {
                        result.set(None);
                        big.set(Some(n));
                    }
                    None => run(),
                }
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
        big.set(None);
    };
    let confirm = move |alternative: bool| {
        let Some(Ok(preview)) = result.get_untracked() else {
            return;
        };
        let summary = preview.summary.join(", ");
        let edit = match preview.alternative {
            Some((_, edit)) if alternative => edit,
            _ => preview.edit,
        };
        match state.apply(edit) {
            Ok(()) => {
                done.set(Some(format!("Importerat: {summary}. Ångra med Ctrl+Z.")));
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
        {move || reading.get().then(|| view! {
            <p class="hint" role="status">
                "Läser filen … " <progress aria-label="Läser filen"></progress>
            </p>
        })}
        {move || big.get().map(|notice| view! {
            <div class="panel" role="region" aria-label="Import">
                <p role="status">{notice}</p>
                <button type="button" class="primary" on:click=move |_| run_later()>"Läs in filen"</button>
                <button type="button" on:click=move |_| close()>"Avbryt"</button>
            </div>
        })}
        {move || {
            // Only the shape is read here (never a clone of every row): a page change
            // redraws only the table below.
            let shape = result.with(|r| {
                r.as_ref().map(|r| {
                    r.as_ref()
                        .map(|p| {
                            (
                                p.summary.clone(),
                                p.notes.clone(),
                                p.headers.clone(),
                                p.rows.len(),
                                p.alternative.as_ref().map(|(t, _)| t.clone()),
                            )
                        })
                        .map_err(Clone::clone)
                })
            });
            shape
                .map(|r| {
                    let body = match r {
                        Err(e) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                        Ok((summary, notes, headers, total, alternative)) => {
                            let page_rows = move || {
                                let p = page.get();
                                result.with_untracked(|r| match r {
                                    Some(Ok(preview)) => preview
                                        .rows
                                        .iter()
                                        .skip(p.saturating_mul(PREVIEW_PAGE))
                                        .take(PREVIEW_PAGE)
                                        .cloned()
                                        .collect::<Vec<_>>(),
                                    _ => Vec::new(),
                                })
                            };
                            view! {
                                <ul class="import-summary">
                                    {summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                                    {notes.into_iter().map(|s| view! { <li class="note">{s}</li> }).collect_view()}
                                </ul>
                                {page_nav(total, page, "rad")}
                                <div class="table-wrap preview">
                                    <table class="data">
                                        <caption>{format!("Förhandsgranskning ({} rader)", count(total))}</caption>
                                        <thead>
                                            <tr>
                                                {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {move || page_rows()
                                                .into_iter()
                                                .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <button type="button" class="primary" on:click=move |_| confirm(false)>"Verkställ import"</button>
                                {alternative.map(|text| view! {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_file_is_announced_with_its_size_and_rows() {
        let bytes = "a;b\n".repeat(600_000).into_bytes();
        assert_eq!(
            big_file_notice("stor.csv", &bytes),
            "\"stor.csv\" är en stor fil (2,4 MB, 600\u{a0}000 rader). Att läsa och granska den kan ta några sekunder, \
             och sidan svarar inte under tiden. Inget i planen ändras förrän du verkställer importen."
        );
        assert_eq!(count(100_000), "100\u{a0}000");
    }
}
