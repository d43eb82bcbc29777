//! CSV import with a preview (docs/csv.md, 4.3): pick a file, the owner reads and checks it with
//! the engine and returns a [`ImportPreview`] (or the exact error, naming line and column);
//! nothing in the plan changes until the user confirms, and then the whole import is one edit
//! (one undo step). The delimiter can be forced when detection guesses wrong.
//!
//! Bounded work per import (docs/app.md "Imports"): the preview table shows one page of
//! [`PREVIEW_PAGE`] rows with the row counts and page buttons, never one element per file row;
//! a file larger than [`BIG_IMPORT_BYTES`] says so (size, rows) before it is read, and is read
//! only when the user chooses "Läs in filen". Every file is read in steps by the engine's
//! [`TableReader`] ([`StepRead`]): between steps the page answers, a progress bar shows how far
//! the reading has come and "Avbryt" stops it with nothing changed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use samplan_engine::{
    csv::{CsvError, CsvTable, TableReader},
    format::{format_count, format_decimal},
    workbook::PreparedApply,
    Edit,
};

use crate::files;
use crate::state::AppState;

/// Rows of an import preview table shown at a time.
pub const PREVIEW_PAGE: usize = 50;
/// Files larger than this (2 MB, about 20 000 rows) are announced before they are read.
pub const BIG_IMPORT_BYTES: usize = 2_000_000;

/// "1 234 rader" style counts (Swedish grouping: the engine's [`format_count`]).
pub fn count(n: usize) -> String {
    format_count(n)
}

/// The notice for a big file before it is read: its size and lines.
pub fn big_file_notice(name: &str, bytes: &[u8]) -> String {
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    let mb = format_decimal(
        rust_decimal::Decimal::from(bytes.len() as u64 / 100_000) / rust_decimal::Decimal::from(10),
        1,
    );
    format!(
        "\"{name}\" är en stor fil ({mb} MB, {} rader). Den läses i delar och det kan ta några sekunder; \
         du kan avbryta medan den läses. Inget i planen ändras förrän du verkställer importen.",
        count(lines)
    )
}

/// Records read per step at least; a step goes on until [`STEP_MS`] have passed.
const STEP_RECORDS: usize = 500;
/// Milliseconds of reading per step before the page gets the turn again (a click waits at
/// most about this long).
const STEP_MS: u64 = 40;

/// Reading a file in steps (docs/app.md "Imports of any size"): the big-file notice, the
/// progress while it is read, and cancelling. Cancelling (or a new read) makes a running read
/// stop at its next step and never call its `done`.
#[derive(Clone, Copy)]
pub struct StepRead {
    /// Percent read (its digits) while a read runs; `None` when none runs.
    pub progress: RwSignal<Option<String>>,
    /// The notice of a big file waiting for "Läs in filen".
    pub notice: RwSignal<Option<String>>,
    generation: RwSignal<u64>,
}

impl Default for StepRead {
    fn default() -> Self {
        Self::new()
    }
}

impl StepRead {
    /// No read, no notice.
    pub fn new() -> Self {
        StepRead {
            progress: RwSignal::new(None),
            notice: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    /// Stops a running read (its `done` is never called) and closes the notice.
    pub fn cancel(&self) {
        self.generation.update_untracked(|g| *g = g.wrapping_add(1));
        self.progress.set(None);
        self.notice.set(None);
    }

    /// The current read's number (a cancel or a new read changes it).
    fn generation(&self) -> u64 {
        self.generation.try_get_untracked().unwrap_or_default()
    }

    /// Whether `bytes` must be announced before they are read (and the notice set if so).
    pub fn announce(&self, name: &str, bytes: &[u8]) -> bool {
        let big = bytes.len() > BIG_IMPORT_BYTES;
        self.notice.set(big.then(|| big_file_notice(name, bytes)));
        big
    }

    /// Reads `bytes` into a table in steps and calls `done` with the table (or the error) once
    /// the whole file is read; a small file is read at once, before this returns.
    pub fn read(
        &self,
        bytes: &[u8],
        delimiter: Option<u8>,
        done: impl FnOnce(Result<CsvTable, CsvError>) + 'static,
    ) {
        self.cancel();
        let generation = self.generation.get_untracked();
        match TableReader::new(bytes, delimiter) {
            Ok(reader) => pump(*self, generation, reader, Box::new(done), false),
            Err(e) => done(Err(e)),
        }
    }

    /// The notice with "Läs in filen" / "Avbryt", and the progress bar with "Avbryt" while a
    /// file is read, each in a region named `region` (the import's panel's name).
    pub fn view(
        &self,
        region: &'static str,
        on_read: Callback<()>,
        on_cancel: Callback<()>,
    ) -> impl IntoView {
        let this = *self;
        move || {
            let progress = this.progress.get();
            let notice = this.notice.get();
            let reading = progress.is_some();
            (reading || notice.is_some()).then(|| {
                view! {
                    <div class="panel" role="region" aria-label=region>
                        <p role="status">
                            {progress.map(|p| view! {
                                <label>
                                    {format!("Läser filen … {p} % ")}
                                    <progress max="100" value=p></progress>
                                </label>
                            })}
                            {(!reading).then_some(notice).flatten()}
                        </p>
                        {(!reading).then(|| view! {
                            <button type="button" class="primary" on:click=move |_| {
                                this.notice.set(None);
                                on_read.run(());
                            }>"Läs in filen"</button>
                        })}
                        <button type="button" on:click=move |_| {
                            this.cancel();
                            on_cancel.run(());
                        }>"Avbryt"</button>
                    </div>
                }
            })
        }
    }
}

/// "Avgränsare" with its choices (automatic, `;`, `,`, tab) for `delimiter`; `on_change` reads
/// the file again.
pub fn delimiter_select(delimiter: RwSignal<Option<u8>>, on_change: Callback<()>) -> impl IntoView {
    let current = delimiter.get_untracked();
    view! {
        <label class="inline">
            "Avgränsare "
            <select on:change=move |ev| {
                delimiter.set(match event_target_value(&ev).as_str() {
                    "semikolon" => Some(b';'),
                    "komma" => Some(b','),
                    "tabb" => Some(b'\t'),
                    _ => None,
                });
                on_change.run(());
            }>
                <option value="auto" selected=current.is_none()>"Automatiskt"</option>
                <option value="semikolon" selected=current == Some(b';')>"Semikolon (;)"</option>
                <option value="komma" selected=current == Some(b',')>"Komma (,)"</option>
                <option value="tabb" selected=current == Some(b'\t')>"Tabb"</option>
            </select>
        </label>
    }
}

type ReadDone = Box<dyn FnOnce(Result<CsvTable, CsvError>)>;

/// Query flag of the page's address: read imported files in steps of 20 rows (tests only, so
/// that the progress and "Avbryt" can be seen with a modest file).
pub const TEST_SMALL_STEPS_FLAG: &str = "samplan-test-small-steps";

fn small_read_steps() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains(TEST_SMALL_STEPS_FLAG))
}

/// One step of a read: reads for about [`STEP_MS`], then either finishes (calls `done`) or
/// shows the progress and lets the page run before the next step. Stops silently when the
/// read was cancelled or replaced.
fn pump(read: StepRead, generation: u64, mut reader: TableReader, done: ReadDone, last: bool) {
    if read.generation.try_get_untracked() != Some(generation) {
        return;
    }
    if last {
        // The rows are checked against the plan in a task of their own, after the bar has
        // shown 100 %.
        read.progress.set(None);
        done(reader.finish());
        return;
    }
    // Whole milliseconds since 1970 (the clock's value is a whole number).
    let now = || js_sys::Date::now() as u64;
    let deadline = now().saturating_add(STEP_MS);
    let small = small_read_steps();
    let finished = loop {
        match reader.step(if small { 20 } else { STEP_RECORDS }) {
            Ok(false) if small => break Ok(false),
            Ok(false) if now() < deadline => {}
            other => break other,
        }
    };
    match finished {
        Ok(last) => {
            read.progress
                .set(Some(reader.progress().percent().to_string()));
            set_timeout(
                move || pump(read, generation, reader, done, last),
                std::time::Duration::ZERO,
            );
        }
        Err(e) => {
            read.progress.set(None);
            done(Err(e));
        }
    }
}

/// Single edits of an import applied per step at least; a step goes on until [`STEP_MS`]
/// have passed.
const APPLY_EDITS: usize = 2_000;

/// A confirmed import applied in steps (docs/app.md "Imports of any size"): the engine
/// prepares the imported plan, its reports and statement beside the workbook
/// ([`AppState::prepare`]) while the page answers between steps; a progress bar and "Avbryt"
/// show meanwhile, and the result is swapped in at once as one undo step. "Avbryt" before
/// the swap leaves the plan untouched; a change of the plan during the steps (an undo, a
/// typed cell) makes the import start over on the changed plan. The steps outlive the view
/// that started them: going to another tab meanwhile does not stop the import.
#[derive(Clone)]
pub struct StepApply {
    /// Percent prepared while an import is applied; `None` when none is.
    pub progress: ArcRwSignal<Option<u8>>,
    generation: Arc<AtomicU64>,
}

impl Default for StepApply {
    fn default() -> Self {
        Self::new()
    }
}

type ApplyDone = Box<dyn FnOnce(Result<(), String>)>;

impl StepApply {
    /// Nothing applied.
    pub fn new() -> Self {
        StepApply {
            progress: ArcRwSignal::new(None),
            generation: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Stops a running import before its swap: nothing of the plan changes.
    pub fn cancel(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
        self.progress.set(None);
    }

    /// Applies `prepared` in steps, then calls `done` (not after "Avbryt").
    pub fn start(
        &self,
        state: AppState,
        prepared: PreparedApply,
        done: impl FnOnce(Result<(), String>) + 'static,
    ) {
        self.cancel();
        self.progress.set(Some(0));
        let generation = self.generation.load(Ordering::Relaxed);
        apply_step(self.clone(), state, generation, prepared, Box::new(done), 0);
    }

    fn current(&self, generation: u64) -> bool {
        self.generation.load(Ordering::Relaxed) == generation
    }

    /// The progress bar with "Avbryt" while an import is applied (its "Avbryt" says so in
    /// `message`).
    pub fn view(&self, message: RwSignal<Option<String>>) -> impl IntoView {
        let this = self.clone();
        move || {
            let cancel = this.clone();
            this.progress.get().map(|p| {
                view! {
                    <div class="panel" role="region" aria-label="Import pågår">
                        <p role="status">
                            <label>
                                {format!("Importerar … {p} % ")}
                                <progress max="100" value=p.to_string()></progress>
                            </label>
                        </p>
                        <button type="button" on:click=move |_| {
                            cancel.cancel();
                            message.set(Some("Importen avbröts. Inget i planen har ändrats.".to_string()));
                        }>"Avbryt"</button>
                    </div>
                }
            })
        }
    }
}

/// One step of an import's apply: prepares for about [`STEP_MS`] (20 single edits with the
/// test flag [`TEST_SMALL_STEPS_FLAG`]), then commits when ready or lets the page run before
/// the next step. A refused commit (the plan changed meanwhile) prepares again from the
/// changed plan, a few times at most.
fn apply_step(
    apply: StepApply,
    state: AppState,
    generation: u64,
    mut prepared: PreparedApply,
    done: ApplyDone,
    restarts: u8,
) {
    if !apply.current(generation) {
        return;
    }
    let now = || js_sys::Date::now() as u64;
    let deadline = now().saturating_add(STEP_MS);
    let small = small_read_steps();
    let ready = loop {
        match state.prepare_step(&mut prepared, if small { 20 } else { APPLY_EDITS }) {
            // A report's year or the statement is a step of its own.
            Ok(false) if !small && now() < deadline && prepared.in_small_steps() => {}
            other => break other,
        }
    };
    match ready {
        Ok(true) => {
            // The views build their rows of the result ahead of the swap, in steps too.
            apply.progress.set(Some(99));
            state.ahead.forget();
            set_timeout(
                move || ahead_step(apply, state, generation, prepared, done, restarts),
                std::time::Duration::ZERO,
            );
        }
        Ok(false) => {
            apply.progress.set(Some(prepared.percent().min(98)));
            set_timeout(
                move || apply_step(apply, state, generation, prepared, done, restarts),
                std::time::Duration::ZERO,
            );
        }
        Err(e) => {
            apply.progress.set(None);
            done(Err(e));
        }
    }
}

/// One step of the views' rows built ahead of a ready import's swap ([`crate::ahead`]): builds
/// for about [`STEP_MS`], then swaps when every view is done or lets the page run before the
/// next step.
fn ahead_step(
    apply: StepApply,
    state: AppState,
    generation: u64,
    prepared: PreparedApply,
    done: ApplyDone,
    restarts: u8,
) {
    if !apply.current(generation) {
        state.ahead.forget();
        return;
    }
    let now = || js_sys::Date::now() as u64;
    let deadline = now().saturating_add(STEP_MS);
    let over = move || now() >= deadline;
    if !state.build_ahead(&prepared, &over) {
        set_timeout(
            move || ahead_step(apply, state, generation, prepared, done, restarts),
            std::time::Duration::ZERO,
        );
        return;
    }
    // The swap, in a task of its own after the bar has shown 100 %.
    apply.progress.set(Some(100));
    set_timeout(
        move || {
            if !apply.current(generation) {
                state.ahead.forget();
                return;
            }
            match state.commit(prepared) {
                Ok(()) => {
                    apply.progress.set(None);
                    done(Ok(()));
                }
                Err(_) if restarts >= 3 => {
                    apply.progress.set(None);
                    done(Err("planen ändrades under importen".to_string()));
                }
                Err(stale) => {
                    let again = state.with_book_untracked(|b| b.prepare(stale.into_edit()));
                    apply_step(apply, state, generation, again, done, restarts + 1);
                }
            }
        },
        std::time::Duration::ZERO,
    );
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

/// The rows of an import preview, formatted a page at a time (never all at once).
#[derive(Clone)]
pub struct PreviewRows {
    /// Rows in the file.
    pub total: usize,
    /// The display cells of the rows `first..first + n` (fewer at the end).
    pub page: Arc<dyn Fn(usize, usize) -> Vec<Vec<String>> + Send + Sync>,
}

impl PreviewRows {
    /// Rows formatted by `row` from the items of `items` (kept, not copied).
    pub fn of<T: Send + Sync + 'static>(
        items: Vec<T>,
        row: impl Fn(&T) -> Vec<String> + Send + Sync + 'static,
    ) -> Self {
        PreviewRows {
            total: items.len(),
            page: Arc::new(move |first, n| items.iter().skip(first).take(n).map(&row).collect()),
        }
    }
}

/// What an import would do.
#[derive(Clone)]
pub struct ImportPreview {
    /// One-line summaries, e.g. "12 nya poster, 30 uppdaterade".
    pub summary: Vec<String>,
    /// A table of the rows read: headers and cells (display text).
    pub headers: Vec<String>,
    /// Rows of the preview table.
    pub rows: PreviewRows,
    /// Things to notice (e.g. years outside the plan).
    pub notes: Vec<String>,
    /// The edit that performs the import (built against the current plan).
    pub edit: Edit,
    /// Another way to import, offered next to "Verkställ import": its button text and edit
    /// (e.g. adding the file's years outside the plan first).
    pub alternative: Option<(String, Edit)>,
}

/// Checks the table read from the picked file against the current plan.
pub type ImportParser = Callback<CsvTable, Result<Checked, String>>;

/// What a parser gives back: the preview, or the next part of the check, run in a task of its
/// own so that the page answers between the parts (a file of 100 000 rows: its rows read in
/// one part, checked against the plan in the next; docs/app.md "Imports of any size").
pub enum Checked {
    /// The check is done.
    Preview(Box<ImportPreview>),
    /// The check goes on in the next task.
    Then(Box<dyn FnOnce() -> Result<Checked, String>>),
}

impl From<ImportPreview> for Checked {
    fn from(preview: ImportPreview) -> Self {
        Checked::Preview(Box::new(preview))
    }
}

impl Checked {
    /// The next part of a check: `next` runs in a task of its own, on the plan as it is then.
    /// When the plan changed since `state`'s revision `at` (an edit between the parts), the
    /// check stops with a message and nothing is imported.
    pub fn then(
        state: AppState,
        next: impl FnOnce() -> Result<Checked, String> + 'static,
    ) -> Checked {
        let at = state.with_book_untracked(|b| b.revision());
        Checked::Then(Box::new(move || {
            if state.with_book_untracked(|b| b.revision()) != at {
                return Err(
                    "planen ändrades medan filen kontrollerades; läs in filen igen".to_string(),
                );
            }
            next()
        }))
    }
}

/// Runs the parts of a check, each in a task of its own, and calls `done` with the preview;
/// stops silently when `still()` says the read was cancelled or replaced meanwhile.
fn settle(
    checked: Result<Checked, String>,
    still: impl Fn() -> bool + 'static,
    done: impl FnOnce(Result<ImportPreview, String>) + 'static,
) {
    match checked {
        Ok(Checked::Then(next)) => set_timeout(
            move || {
                if still() {
                    settle(next(), still, done);
                }
            },
            std::time::Duration::ZERO,
        ),
        Ok(Checked::Preview(preview)) => done(Ok(*preview)),
        Err(e) => done(Err(e)),
    }
}

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
    // The big-file notice and the reading in steps.
    let reading = StepRead::new();
    // The confirmed import, prepared in steps.
    let applying = StoredValue::new(StepApply::new());
    let input = NodeRef::<leptos::html::Input>::new();

    let run = move || {
        let Some(name) = bytes.with_untracked(|b| b.as_ref().map(|(n, _)| n.clone())) else {
            return;
        };
        result.set(None);
        let finish = move |table: Result<CsvTable, CsvError>| {
            let checked = table.map_err(|e| e.to_string()).and_then(|t| parse.run(t));
            let generation = reading.generation();
            settle(
                checked,
                move || reading.generation() == generation,
                move |r| {
                    let r = r.map_err(|e| {
                        format!("\"{name}\" kunde inte importeras: {e}. Inget har ändrats.")
                    });
                    page.set(0);
                    result.set(Some(r));
                },
            );
        };
        bytes.with_untracked(|b| {
            if let Some((_, b)) = b {
                reading.read(b, delimiter.get_untracked(), finish);
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let chosen = files::on_file_chosen(&ev, move |name, read| match read {
            Ok(b) => {
                reading.cancel();
                result.set(None);
                let big = reading.announce(&name, &b);
                bytes.set(Some((name, b)));
                if !big {
                    run();
                }
            }
            Err(e) => result.set(Some(Err(format!("\"{name}\" kunde inte läsas: {e}")))),
        });
        if chosen {
            done.set(None);
        }
    };
    let close = move || {
        reading.cancel();
        bytes.set(None);
        result.set(None);
    };
    let confirm = move |alternative: bool| {
        // Taken, not cloned (the edit of a big import is large); the panel closes either way.
        let Some(Some(Ok(preview))) = result.try_update_untracked(Option::take) else {
            return;
        };
        let summary = preview.summary.join(", ");
        let edit = match preview.alternative {
            Some((_, edit)) if alternative => edit,
            _ => preview.edit,
        };
        close();
        // Prepared in steps beside the plan and swapped in at once (one undo step).
        let prepared = match state.prepare(edit) {
            Ok(p) => p,
            Err(e) => {
                result.set(Some(Err(e)));
                return;
            }
        };
        // The view may be gone when the import ends (another tab): its messages then too.
        let applying = applying.get_value();
        applying.start(state, prepared, move |outcome| match outcome {
            Ok(()) => {
                done.try_set(Some(format!("Importerat: {summary}. Ångra med Ctrl+Z.")));
            }
            Err(e) => {
                result.try_set(Some(Err(format!(
                    "Importen kunde inte göras ({e}); planen har ändrats sedan filen lästes. Välj filen igen."
                ))));
            }
        });
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
        {reading.view("Import", Callback::new(move |()| run()), Callback::new(move |()| close()))}
        {applying.with_value(|a| a.view(done))}
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
                                p.rows.total,
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
                                    Some(Ok(preview)) => (preview.rows.page)(
                                        p.saturating_mul(PREVIEW_PAGE),
                                        PREVIEW_PAGE,
                                    ),
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
                            {delimiter_select(delimiter, Callback::new(move |()| run()))}
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
            "\"stor.csv\" är en stor fil (2,4 MB, 600\u{a0}000 rader). Den läses i delar och det kan ta några sekunder; \
             du kan avbryta medan den läses. Inget i planen ändras förrän du verkställer importen."
        );
        assert_eq!(count(100_000), "100\u{a0}000");
    }
}
