//! A spreadsheet grid (SPEC 4.2). The grid only shows cells and collects typed text; the view
//! that owns it turns the text into engine edits (`on_write`) and gives back the Swedish reason
//! for every cell it refuses. Behaviour:
//!
//! - click or arrow keys select a cell (Shift extends a range, Ctrl+arrow jumps to the edge);
//! - typing starts editing and replaces the cell; Enter or F2 edits the current text;
//! - Enter commits and moves down (Shift+Enter up), Tab / Shift+Tab commit and move right /
//!   left, Esc cancels, Delete clears the selected cells;
//! - Ctrl+C copies the selection as TSV (decimal comma, no grouping); Ctrl+V pastes a TSV block
//!   at the selected cell as one write (one undo step); a single value fills a selected range;
//! - refused input keeps the old value and shows the reason next to the cell (`role="alert"`);
//! - cells carry `data-row` / `data-col`; inputs are named by [`GridCell::label`].

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::tsv::{parse_tsv, write_tsv};

/// A column of a grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridColumn {
    /// Header text (with the unit when it holds money, e.g. `2026 (tkr)`).
    pub header: String,
    /// Right-aligned tabular numbers.
    pub numeric: bool,
    /// Extra CSS class of the header cell (column width: `col-narrow`, `col-wide`, …).
    pub class: &'static str,
}

/// One cell as the view wants it shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridCell {
    /// Text shown when not editing.
    pub display: String,
    /// Text put in the editor by Enter / F2 (exact; no display rounding).
    pub edit: String,
    /// Text copied with Ctrl+C (decimal comma, no grouping).
    pub copy: String,
    /// True when the user can change it.
    pub editable: bool,
    /// Accessible name of the cell's input, e.g. `Kansli 2026`.
    pub label: String,
    /// Optional `data-testid`.
    pub testid: Option<String>,
}

impl GridCell {
    /// A read-only cell showing `text` (copied as `copy`).
    pub fn read_only(text: impl Into<String>, copy: impl Into<String>) -> Self {
        GridCell {
            display: text.into(),
            copy: copy.into(),
            ..GridCell::default()
        }
    }

    /// An editable cell.
    pub fn editable(
        display: impl Into<String>,
        edit: impl Into<String>,
        copy: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        GridCell {
            display: display.into(),
            edit: edit.into(),
            copy: copy.into(),
            editable: true,
            label: label.into(),
            testid: None,
        }
    }

    /// The same cell with a `data-testid`.
    pub fn with_testid(mut self, testid: impl Into<String>) -> Self {
        self.testid = Some(testid.into());
        self
    }
}

/// One row of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRow {
    /// Stable key (survives reordering), e.g. `rad-12` or `summa-Kansli`.
    pub key: String,
    /// CSS class of the row: `""`, `"sum"`, `"total"` or `"group"`.
    pub class: &'static str,
    /// The cells, one per column.
    pub cells: Vec<GridCell>,
}

/// Text typed or pasted into one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellWrite {
    /// Row index.
    pub row: usize,
    /// Column index.
    pub col: usize,
    /// The text as typed ("" = cleared).
    pub text: String,
}

/// The cells the owner refused, with the Swedish reason for each.
pub type WriteErrors = Vec<(usize, usize, String)>;

/// How the current edit started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// By typing: arrows commit and move.
    Typing,
    /// By Enter / F2 / double click: arrows move the caret.
    Caret,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Editing {
    row: usize,
    col: usize,
    mode: Mode,
    original: String,
}

/// A cell position.
pub type Pos = (usize, usize);

/// The spreadsheet grid.
#[component]
pub fn Grid(
    /// Unique element id of the table (used to find cells for focus).
    #[prop(into)]
    id: String,
    /// Table caption (the table's accessible name).
    #[prop(into)]
    caption: Signal<String>,
    /// Column headers.
    #[prop(into)]
    columns: Signal<Vec<GridColumn>>,
    /// Rows, derived from the plan.
    #[prop(into)]
    rows: Signal<Vec<GridRow>>,
    /// Receives typed / pasted / cleared text; returns the refused cells with their reasons.
    /// All accepted cells of one call must become one undo step.
    on_write: Callback<Vec<CellWrite>, Result<(), WriteErrors>>,
    /// The selected cell (owned by the caller so row actions can use it).
    #[prop(optional)]
    selection: Option<RwSignal<Pos>>,
    /// Index of the column rendered as the row header (`<th scope="row">`).
    #[prop(optional)]
    header_col: usize,
) -> impl IntoView {
    let sel = selection.unwrap_or_else(|| RwSignal::new((0, 0)));
    let anchor = RwSignal::new(sel.get_untracked());
    let editing = RwSignal::new(None::<Editing>);
    let draft = RwSignal::new(String::new());
    // Errors by (row key, column), so they stay with their row when rows move.
    let errors = RwSignal::new(HashMap::<(String, usize), String>::new());

    let n_rows = move || rows.with(Vec::len);
    let n_cols = move || columns.with(Vec::len);
    let cell_at = move |r: usize, c: usize| {
        rows.with_untracked(|rs| rs.get(r).and_then(|row| row.cells.get(c).cloned()))
    };
    let key_at = move |r: usize| rows.with_untracked(|rs| rs.get(r).map(|row| row.key.clone()));

    let table_id = id.clone();
    let focus_cell = move |(r, c): Pos| {
        let selector = format!("#{} [data-row=\"{r}\"][data-col=\"{c}\"]", table_id);
        let Some(el) = document().query_selector(&selector).ok().flatten() else {
            return;
        };
        let target = el
            .query_selector("input")
            .ok()
            .flatten()
            .unwrap_or(el)
            .dyn_into::<web_sys::HtmlElement>();
        if let Ok(t) = target {
            let _ = t.focus();
            if let Some(input) = t.dyn_ref::<web_sys::HtmlInputElement>() {
                input.select();
            }
        }
    };
    let focus_cell = StoredValue::new(focus_cell);

    let select = move |p: Pos, extend: bool| {
        let rows_n = n_rows();
        let cols_n = n_cols();
        if rows_n == 0 || cols_n == 0 {
            return;
        }
        let p = (p.0.min(rows_n - 1), p.1.min(cols_n - 1));
        sel.set(p);
        if !extend {
            anchor.set(p);
        }
        focus_cell.with_value(|f| f(p));
    };

    let set_errors = move |results: &[(usize, usize, String)], cleared: &[Pos]| {
        errors.update(|e| {
            for &(r, c) in cleared {
                if let Some(k) = key_at(r) {
                    e.remove(&(k, c));
                }
            }
            for (r, c, msg) in results {
                if let Some(k) = key_at(*r) {
                    e.insert((k, *c), msg.clone());
                }
            }
        });
    };

    // Hands writes to the owner; returns true when all were accepted.
    let write = move |writes: Vec<CellWrite>| -> bool {
        if writes.is_empty() {
            return true;
        }
        let positions: Vec<Pos> = writes.iter().map(|w| (w.row, w.col)).collect();
        match on_write.run(writes) {
            Ok(()) => {
                set_errors(&[], &positions);
                true
            }
            Err(errs) => {
                set_errors(&errs, &positions);
                errs.is_empty()
            }
        }
    };

    let start_edit = move |p: Pos, mode: Mode, text: String| {
        let Some(cell) = cell_at(p.0, p.1) else {
            return;
        };
        if !cell.editable {
            return;
        }
        draft.set(text);
        editing.set(Some(Editing {
            row: p.0,
            col: p.1,
            mode,
            original: cell.edit,
        }));
    };

    // Ends the edit; returns false when the text was refused (the cell keeps its old value).
    let commit = move || -> bool {
        let Some(ed) = editing.get_untracked() else {
            return true;
        };
        editing.set(None);
        let text = draft.get_untracked();
        if text == ed.original {
            return true;
        }
        write(vec![CellWrite {
            row: ed.row,
            col: ed.col,
            text,
        }])
    };

    let cancel = move || {
        editing.set(None);
    };

    let range = move || {
        let (r1, c1) = sel.get();
        let (r2, c2) = anchor.get();
        (r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2))
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let shift = ev.shift_key();
        let (r, c) = sel.get_untracked();
        let rows_n = n_rows();
        let cols_n = n_cols();
        if rows_n == 0 || cols_n == 0 {
            return;
        }
        if let Some(ed) = editing.get_untracked() {
            match key.as_str() {
                "Enter" => {
                    ev.prevent_default();
                    if commit() {
                        let next = if shift {
                            r.saturating_sub(1)
                        } else {
                            (r + 1).min(rows_n - 1)
                        };
                        select((next, c), false);
                    } else {
                        select((r, c), false);
                    }
                }
                "Tab" => {
                    if commit() {
                        let next = if shift {
                            c.checked_sub(1)
                        } else {
                            (c + 1 < cols_n).then_some(c + 1)
                        };
                        // At the last column Tab leaves the grid.
                        if let Some(nc) = next {
                            ev.prevent_default();
                            select((r, nc), false);
                        }
                    } else {
                        ev.prevent_default();
                        select((r, c), false);
                    }
                }
                "Escape" => {
                    ev.prevent_default();
                    cancel();
                    select((r, c), false);
                }
                "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if ed.mode == Mode::Typing => {
                    ev.prevent_default();
                    if commit() {
                        let p = step((r, c), &key, false, rows_n, cols_n);
                        select(p, false);
                    } else {
                        select((r, c), false);
                    }
                }
                "z" | "Z" | "y" | "Y" if ctrl => {
                    // Undo while editing = cancel the edit (and not the previous change).
                    ev.prevent_default();
                    cancel();
                    select((r, c), false);
                }
                _ => {}
            }
            return;
        }
        match key.as_str() {
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
            | "PageDown" => {
                ev.prevent_default();
                let p = step((r, c), &key, ctrl, rows_n, cols_n);
                select(p, shift);
            }
            "Tab" => {
                let next = if shift {
                    c.checked_sub(1)
                } else {
                    (c + 1 < cols_n).then_some(c + 1)
                };
                if let Some(nc) = next {
                    ev.prevent_default();
                    select((r, nc), false);
                }
            }
            "Enter" | "F2" => {
                ev.prevent_default();
                if let Some(cell) = cell_at(r, c) {
                    if cell.editable {
                        start_edit((r, c), Mode::Caret, cell.edit.clone());
                    } else if key == "Enter" {
                        select(((r + 1).min(rows_n - 1), c), false);
                    }
                }
            }
            "Delete" => {
                ev.prevent_default();
                let (r1, c1, r2, c2) = range();
                let writes: Vec<CellWrite> = (r1..=r2)
                    .flat_map(|rr| (c1..=c2).map(move |cc| (rr, cc)))
                    .filter(|&(rr, cc)| {
                        cell_at(rr, cc).is_some_and(|cell| cell.editable && !cell.edit.is_empty())
                    })
                    .map(|(row, col)| CellWrite {
                        row,
                        col,
                        text: String::new(),
                    })
                    .collect();
                write(writes);
            }
            "Backspace" => {
                ev.prevent_default();
                start_edit((r, c), Mode::Typing, String::new());
            }
            "Escape" => {
                anchor.set((r, c));
            }
            k if !ctrl && !ev.alt_key() && k.chars().count() == 1 => {
                // Type-to-edit: the character replaces the cell's text (default action inserts it
                // into the now empty input).
                if cell_at(r, c).is_some_and(|cell| cell.editable) {
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.set_value("");
                    }
                    start_edit((r, c), Mode::Typing, String::new());
                } else {
                    ev.prevent_default();
                }
            }
            _ => {}
        }
    };

    let on_copy = move |ev: leptos::ev::ClipboardEvent| {
        if editing.get_untracked().is_some() {
            return; // copying text inside the editor
        }
        let (r1, c1, r2, c2) = range();
        let block: Vec<Vec<String>> = (r1..=r2)
            .map(|r| {
                (c1..=c2)
                    .map(|c| cell_at(r, c).map(|cell| cell.copy).unwrap_or_default())
                    .collect()
            })
            .collect();
        if let Some(data) = ev.clipboard_data() {
            if data.set_data("text/plain", &write_tsv(&block)).is_ok() {
                ev.prevent_default();
            }
        }
    };

    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if editing.get_untracked().is_some() {
            return; // pasting text into the editor
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        ev.prevent_default();
        let block = parse_tsv(&text);
        let (r1, c1, r2, c2) = range();
        let rows_n = n_rows();
        let cols_n = n_cols();
        let single = block.len() == 1 && block[0].len() == 1;
        let mut writes = Vec::new();
        if single && (r1, c1) != (r2, c2) {
            for r in r1..=r2 {
                for c in c1..=c2 {
                    writes.push(CellWrite {
                        row: r,
                        col: c,
                        text: block[0][0].clone(),
                    });
                }
            }
        } else {
            for (i, line) in block.iter().enumerate() {
                for (j, text) in line.iter().enumerate() {
                    let (r, c) = (r1 + i, c1 + j);
                    if r < rows_n && c < cols_n {
                        writes.push(CellWrite {
                            row: r,
                            col: c,
                            text: text.clone(),
                        });
                    }
                }
            }
        }
        writes.retain(|w| cell_at(w.row, w.col).is_some_and(|cell| cell.editable));
        if let (Some(first), Some(last)) = (writes.first().cloned(), writes.last().cloned()) {
            write(writes);
            sel.set((last.row, last.col));
            anchor.set((first.row, first.col));
        }
    };

    let grid_id = Signal::stored(id.clone());
    let ctx = GridCtx {
        grid_id,
        sel,
        anchor,
        editing,
        draft,
        errors,
        rows,
        columns,
        header_col,
    };
    let on_cell_input = move |p: Pos, text: String| {
        if editing.with_untracked(|e| e.as_ref().map(|e| (e.row, e.col)) != Some(p)) {
            // Text arrived without a key press first (autofill, a test's fill()).
            start_edit(p, Mode::Typing, String::new());
        }
        draft.set(text);
    };
    let on_cell_focus = move |p: Pos| {
        if sel.get_untracked() != p {
            if editing.with_untracked(Option::is_some) {
                commit();
            }
            sel.set(p);
            anchor.set(p);
        }
    };
    let on_cell_blur = move |p: Pos| {
        if editing.with_untracked(|e| e.as_ref().map(|e| (e.row, e.col)) == Some(p)) {
            commit();
        }
    };
    let on_cell_mousedown = move |p: Pos, shift: bool| {
        if shift {
            sel.set(p);
        } else {
            if editing.with_untracked(Option::is_some) && sel.get_untracked() != p {
                commit();
            }
            sel.set(p);
            anchor.set(p);
        }
    };
    let on_cell_dblclick = move |p: Pos| {
        if let Some(cell) = cell_at(p.0, p.1) {
            start_edit(p, Mode::Caret, cell.edit);
        }
    };
    let handlers = CellHandlers {
        input: Callback::new(move |(p, t): (Pos, String)| on_cell_input(p, t)),
        focus: Callback::new(on_cell_focus),
        blur: Callback::new(on_cell_blur),
        mousedown: Callback::new(move |(p, s): (Pos, bool)| on_cell_mousedown(p, s)),
        dblclick: Callback::new(on_cell_dblclick),
    };

    let row_keys = move || rows.with(|rs| rs.iter().map(|r| r.key.clone()).collect::<Vec<_>>());
    view! {
        <div class="table-wrap">
            <table
                class="data grid"
                id=id
                on:keydown=on_keydown
                on:copy=on_copy
                on:paste=on_paste
            >
                <caption>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .map(|col| {
                                    view! {
                                        <th scope="col" class=col.class class:num=col.numeric>
                                            {col.header}
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=row_keys
                        key=|k| k.clone()
                        children=move |key| view! { <GridRowView row_key=key ctx=ctx handlers=handlers /> }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// The moved position for a navigation key.
fn step((r, c): Pos, key: &str, jump: bool, rows_n: usize, cols_n: usize) -> Pos {
    let last_r = rows_n.saturating_sub(1);
    let last_c = cols_n.saturating_sub(1);
    match key {
        "ArrowUp" if jump => (0, c),
        "ArrowDown" if jump => (last_r, c),
        "ArrowLeft" if jump => (r, 0),
        "ArrowRight" if jump => (r, last_c),
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(last_r), c),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(last_c)),
        "Home" if jump => (0, 0),
        "End" if jump => (last_r, last_c),
        "Home" => (r, 0),
        "End" => (r, last_c),
        "PageUp" => (r.saturating_sub(10), c),
        "PageDown" => ((r + 10).min(last_r), c),
        _ => (r, c),
    }
}

/// Grid state shared with the rows.
#[derive(Clone, Copy)]
struct GridCtx {
    grid_id: Signal<String>,
    sel: RwSignal<Pos>,
    anchor: RwSignal<Pos>,
    editing: RwSignal<Option<Editing>>,
    draft: RwSignal<String>,
    errors: RwSignal<HashMap<(String, usize), String>>,
    rows: Signal<Vec<GridRow>>,
    columns: Signal<Vec<GridColumn>>,
    header_col: usize,
}

/// Per-cell event handlers of the grid.
#[derive(Clone, Copy)]
struct CellHandlers {
    input: Callback<(Pos, String)>,
    focus: Callback<Pos>,
    blur: Callback<Pos>,
    mousedown: Callback<(Pos, bool)>,
    dblclick: Callback<Pos>,
}

/// One row of the grid (its index follows the row's position).
#[component]
fn GridRowView(
    /// The row's key.
    row_key: String,
    /// Grid state.
    ctx: GridCtx,
    /// Cell event handlers.
    handlers: CellHandlers,
) -> impl IntoView {
    let key = row_key.clone();
    let row = Memo::new(move |_| {
        ctx.rows.with(|rs| {
            rs.iter()
                .position(|r| r.key == key)
                .map(|i| (i, rs[i].clone()))
        })
    });
    let class = move || row.with(|r| r.as_ref().map(|(_, r)| r.class).unwrap_or(""));
    let n_cols = move || ctx.columns.with(Vec::len);
    view! {
        <tr class=class>
            <For
                each=move || 0..n_cols()
                key=|c| *c
                children=move |c| {
                    view! { <GridCellView row=row row_key=row_key.clone() col=c ctx=ctx handlers=handlers /> }
                }
            />
        </tr>
    }
}

/// One cell: an input when editable, text otherwise; the row header column is a `<th>`.
#[component]
fn GridCellView(
    /// The row (index and data).
    row: Memo<Option<(usize, GridRow)>>,
    /// The row's key.
    row_key: String,
    /// Column index.
    col: usize,
    /// Grid state.
    ctx: GridCtx,
    /// Cell event handlers.
    handlers: CellHandlers,
) -> impl IntoView {
    let cell =
        Memo::new(move |_| row.with(|r| r.as_ref().and_then(|(_, r)| r.cells.get(col).cloned())));
    let index = Memo::new(move |_| row.with(|r| r.as_ref().map(|(i, _)| *i).unwrap_or(0)));
    let pos = move || (index.get(), col);
    let editable = Memo::new(move |_| cell.with(|c| c.as_ref().is_some_and(|c| c.editable)));
    let is_editing = Memo::new(move |_| {
        let p = (index.get(), col);
        ctx.editing
            .with(|e| e.as_ref().map(|e| (e.row, e.col)) == Some(p))
    });
    let is_selected = move || ctx.sel.get() == pos();
    let in_range = move || {
        let (r, c) = pos();
        let (r1, c1) = ctx.sel.get();
        let (r2, c2) = ctx.anchor.get();
        (r1 != r2 || c1 != c2)
            && r >= r1.min(r2)
            && r <= r1.max(r2)
            && c >= c1.min(c2)
            && c <= c1.max(c2)
    };
    let err_key = (row_key, col);
    let error = {
        let k = err_key.clone();
        Memo::new(move |_| ctx.errors.with(|e| e.get(&k).cloned()))
    };
    let numeric = move || {
        ctx.columns
            .with(|cs| cs.get(col).is_some_and(|c| c.numeric))
    };
    let class = move || {
        let mut s = String::from("cell");
        s.push_str(if numeric() { " num" } else { " text" });
        if !editable.get() {
            s.push_str(" readonly");
        }
        if is_selected() {
            s.push_str(" selected");
        }
        if in_range() {
            s.push_str(" in-range");
        }
        if is_editing.get() {
            s.push_str(" editing");
        }
        if error.with(Option::is_some) {
            s.push_str(" invalid");
        }
        s
    };
    let display = move || cell.with(|c| c.as_ref().map(|c| c.display.clone()).unwrap_or_default());
    let value = move || {
        if is_editing.get() {
            ctx.draft.get()
        } else {
            display()
        }
    };
    let label = move || cell.with(|c| c.as_ref().map(|c| c.label.clone()).unwrap_or_default());
    let testid = move || cell.with(|c| c.as_ref().and_then(|c| c.testid.clone()));
    let tabindex = move || if is_selected() { "0" } else { "-1" };
    let err_id = move || format!("{}-fel-{}-{}", ctx.grid_id.get(), index.get(), col);

    let content = move || {
        if editable.get() {
            view! {
                <input
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-label=label
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=move || error.with(Option::is_some).then(err_id)
                    tabindex=tabindex
                    prop:value=value
                    on:input=move |ev| handlers.input.run((pos(), event_target_value(&ev)))
                    on:focus=move |_| handlers.focus.run(pos())
                    on:blur=move |_| handlers.blur.run(pos())
                    on:dblclick=move |_| handlers.dblclick.run(pos())
                />
            }
            .into_any()
        } else {
            view! { <span>{display}</span> }.into_any()
        }
    };
    let error_view = move || {
        error
            .get()
            .map(|msg| view! { <span class="cell-error" role="alert" id=err_id()>{msg}</span> })
    };
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        handlers.mousedown.run((pos(), ev.shift_key()));
    };
    let readonly_tabindex = move || (!editable.get()).then(tabindex);
    if col == ctx.header_col {
        view! {
            <th
                scope="row"
                class=class
                data-row=move || index.get()
                data-col=col
                data-testid=testid
                tabindex=readonly_tabindex
                on:mousedown=on_mousedown
                on:focus=move |_| handlers.focus.run(pos())
            >
                {content}
                {error_view}
            </th>
        }
        .into_any()
    } else {
        view! {
            <td
                class=class
                data-row=move || index.get()
                data-col=col
                data-testid=testid
                tabindex=readonly_tabindex
                on:mousedown=on_mousedown
                on:focus=move |_| handlers.focus.run(pos())
            >
                {content}
                {error_view}
            </td>
        }
        .into_any()
    }
}
