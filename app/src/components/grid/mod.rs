//! A spreadsheet grid (docs/app.md). The grid only shows cells and collects typed text; the view
//! that owns it turns the text into engine edits (`on_write`) and gives back the Swedish reason
//! for every cell it refuses.
//!
//! **The grid source** (docs/workbook.md) is how a view feeds a grid and takes its input:
//! - rows come in as [`GridRows`]: built anew on each change, or kept by the view by row key
//!   (`GridRows::Keyed`, the Budget grid: one shared row per key of the engine's
//!   `KeyedStatement`; the Kommuner grid: one per member of the engine's `KeyedMembers`; each
//!   rebuilt only when the row's revision moved, so an edit hands the grid the same `Arc` for
//!   every other row and only the changed rows' signals are set);
//! - writes go out through [`write_cells`] (`source`): the view says what a row stands for
//!   (its row key: a line, a member, a year) and how one typed cell becomes an engine `Edit`;
//!   the edits are built on the live plan one after another and applied as one undo step
//!   (`Workbook::apply_batch`), the refused cells come back with their reasons.
//!
//! Behaviour:
//!
//! - click or arrow keys select a cell (Shift extends a range, Ctrl+arrow jumps to the edge);
//!   Enter, the arrows, PageUp/PageDown and Ctrl+Home/End stop only on rows where typing counts
//!   (see [`RowKind`]): headings, subtotals and totals are skipped;
//! - typing starts editing and replaces the cell; Enter or F2 edits the current text; typing on
//!   a cell that cannot be changed does nothing and a status message says why;
//! - Enter commits and moves down (Shift+Enter up), Tab / Shift+Tab commit and move right /
//!   left, Esc cancels, Delete clears the selected cells;
//! - Ctrl+C copies the selection as TSV (decimal comma, no grouping); Ctrl+V pastes a TSV block
//!   at the selected cell as one write (one undo step); a single value fills a selected range;
//! - refused input keeps the old value and shows the reason next to the cell (`role="alert"`);
//! - cells carry `data-row` / `data-col`; inputs are named by [`GridCell::label`].
//!
//! Only the rows in view (plus a margin) are in the DOM ([`window`]); everything else — the
//! selection, navigation, copy and paste — works on the row data, so it reaches every row.
//! Printing renders every row.
//!
//! Modules: `source` turns writes into edits; `sync` keeps one set of signals per row so an
//! edit re-renders only the rows that changed; `state` holds the grid's state and actions; `nav` decides where keys move;
//! `keys` and `clipboard` handle the keyboard and clipboard; `cell` renders rows and cells.

mod cell;
mod clipboard;
mod fill;
mod find;
mod keys;
mod layout;
mod nav;
mod paste;
mod source;
mod state;
mod sync;
mod window;

use std::sync::Arc;

use leptos::prelude::*;

pub use source::write_cells;

use cell::GridRowView;
pub use layout::{read as layout_read, write as layout_write};
pub use paste::PasteRows;
use state::{event_cell, GridState, Mode};

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

/// What a row is. Only lines can be edited: headings and computed rows (figures, subtotals,
/// totals) are read-only whatever their cells say, and navigation skips them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowKind {
    /// A group heading.
    Heading,
    /// An input row (a budget line, a member, a year).
    #[default]
    Line,
    /// An input row with a warning (e.g. a year over the equity ceiling).
    Flagged,
    /// An input row whose figures cannot be computed.
    Problem,
    /// A computed row shown like a line (e.g. the members' contributions).
    Figure,
    /// A subtotal.
    Subtotal,
    /// A total.
    Total,
}

impl RowKind {
    /// True when cells of this row can be edited.
    pub fn editable(self) -> bool {
        matches!(self, RowKind::Line | RowKind::Flagged | RowKind::Problem)
    }

    /// The row's CSS class.
    fn class(self) -> &'static str {
        match self {
            RowKind::Heading => "group",
            RowKind::Line | RowKind::Figure => "",
            RowKind::Flagged => "flagged",
            RowKind::Problem => "problem",
            RowKind::Subtotal => "sum",
            RowKind::Total => "total",
        }
    }

    /// Why typing on a read-only cell of this row does nothing (Swedish).
    fn read_only_reason(self) -> &'static str {
        match self {
            RowKind::Heading => "Rubrikrader kan inte ändras: välj en post under rubriken",
            RowKind::Figure | RowKind::Subtotal | RowKind::Total => {
                "Summeringsrader räknas fram och kan inte ändras"
            }
            RowKind::Line | RowKind::Flagged | RowKind::Problem => "Den här cellen kan inte ändras",
        }
    }
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
    /// True when the user can change it (and its row's [`RowKind`] is editable).
    pub editable: bool,
    /// Accessible name of the cell's input, e.g. `Kansli 2026`.
    pub label: String,
    /// Optional `data-testid`.
    pub testid: Option<String>,
    /// Shown greyed in an empty editable cell (e.g. `Ny post`).
    pub placeholder: Option<String>,
    /// The values offered as a list (the input becomes a combobox); typing is still allowed.
    pub options: Option<Arc<[String]>>,
    /// A note about the row, shown as a small marker in the row header (its text as the
    /// marker's tooltip and accessible name), e.g. a budget line's Notering.
    pub marker: Option<String>,
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
            ..GridCell::default()
        }
    }

    /// The same cell with a `data-testid`.
    pub fn with_testid(mut self, testid: impl Into<String>) -> Self {
        self.testid = Some(testid.into());
        self
    }

    /// The same cell with a placeholder.
    pub fn with_placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = Some(text.into());
        self
    }

    /// The same cell with a note marker (`None` or empty: no marker).
    pub fn with_marker(mut self, note: Option<String>) -> Self {
        self.marker = note.filter(|n| !n.trim().is_empty());
        self
    }

    /// The same cell offering `options` as a list.
    pub fn with_options(mut self, options: Arc<[String]>) -> Self {
        self.options = Some(options);
        self
    }
}

/// One row of a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridRow {
    /// Stable key (survives reordering), e.g. `rad-12` or `summa-Kansli`.
    pub key: String,
    /// What the row is (its look, and whether it can be edited).
    pub kind: RowKind,
    /// The cells, one per column.
    pub cells: Vec<GridCell>,
}

/// Where a grid's rows come from. A view either builds its rows anew on every change
/// ([`GridRows::Built`]; the grid compares each with the row it has) or keeps them by key
/// ([`GridRows::Keyed`]): a row that did not change is handed in as the same `Arc`, so the grid
/// finds the changed rows without comparing (the Budget grid, whose rows follow the engine's
/// keyed statement, docs/workbook.md).
#[derive(Clone, Copy)]
pub enum GridRows {
    /// Rows built anew by the view.
    Built(Signal<Vec<GridRow>>),
    /// Rows kept by key by the view.
    Keyed(Signal<Vec<Arc<GridRow>>>),
}

impl From<Memo<Vec<GridRow>>> for GridRows {
    fn from(rows: Memo<Vec<GridRow>>) -> Self {
        GridRows::Built(rows.into())
    }
}

impl From<Signal<Vec<GridRow>>> for GridRows {
    fn from(rows: Signal<Vec<GridRow>>) -> Self {
        GridRows::Built(rows)
    }
}

impl From<Memo<Vec<Arc<GridRow>>>> for GridRows {
    fn from(rows: Memo<Vec<Arc<GridRow>>>) -> Self {
        GridRows::Keyed(rows.into())
    }
}

/// The selected cell as the grid's owner keeps it: read as a position, set through `pick`. An
/// owner that keeps its selection by what the row stands for derives the position from it
/// (the Budget grid: the selection follows its line when rows move) and records what was
/// picked in its setter; a plain `RwSignal<Pos>` is one too.
#[derive(Clone, Copy)]
pub struct GridSelection {
    /// The selected cell.
    pub pos: Signal<Pos>,
    /// Selects a cell.
    pub pick: Callback<Pos>,
}

impl From<RwSignal<Pos>> for GridSelection {
    fn from(sel: RwSignal<Pos>) -> Self {
        GridSelection {
            pos: sel.into(),
            pick: Callback::new(move |p| sel.set(p)),
        }
    }
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
    /// Rows, derived from the plan (built anew or kept by key: [`GridRows`]).
    #[prop(into)]
    rows: GridRows,
    /// Receives typed / pasted / cleared text; returns the refused cells with their reasons.
    /// All accepted cells of one call must become one undo step.
    on_write: Callback<Vec<CellWrite>, Result<(), WriteErrors>>,
    /// The selected cell (owned by the caller so row actions can use it).
    #[prop(optional, into)]
    selection: Option<GridSelection>,
    /// Index of the column rendered as the row header (`<th scope="row">`).
    #[prop(optional)]
    header_col: usize,
    /// Takes a pasted block as rows (adds lines) before it is pasted cell by cell
    /// (`paste`).
    #[prop(optional)]
    on_paste_rows: Option<PasteRows>,
    /// Keep the column widths the user sets under this key (per plan; `layout`).
    #[prop(optional, into)]
    layout_key: Option<Signal<String>>,
) -> impl IntoView {
    let widths = layout::Widths::new(layout_key);
    let resizable = layout_key.is_some();
    let st = GridState::new(id.clone(), rows, columns, on_write, selection);
    sync::install(st);
    let win = window::install(st);

    // Hook (issue 17): Ctrl+F opens the grid's own search (it reaches every row).
    let finder = find::Find::new();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if find::is_find_key(&ev) {
            ev.prevent_default();
            find::open(st, finder);
            return;
        }
        // Hook (issue 17): Alt+Shift+←/→ narrows / widens the selected cell's column.
        if resizable && layout::is_width_key(&ev) {
            ev.prevent_default();
            let col = st.sel.get_untracked().1;
            let header = st
                .columns
                .with_untracked(|c| c.get(col).map(|c| c.header.clone()))
                .unwrap_or_default();
            let grid_id = st.id.get_value();
            let wider = ev.key() == "ArrowRight";
            st.hint
                .set(layout::nudge(widths, &grid_id, col, &header, wider));
            return;
        }
        keys::on_keydown(st, ev)
    };
    let on_copy = move |ev: leptos::ev::ClipboardEvent| clipboard::on_copy(st, ev);
    let on_paste = move |ev: leptos::ev::ClipboardEvent| clipboard::on_paste(st, ev, on_paste_rows);

    // The cells' events are handled here, once for the table (not one listener per cell): the
    // cell is the closest element with `data-row` / `data-col`. `focusin` / `focusout` are
    // `focus` / `blur` that bubble.
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        if !st.alive() {
            return;
        }
        if let Some((p, _)) = event_cell(&ev) {
            if st.sel.get_untracked() != p {
                if st.editing.with_untracked(Option::is_some) {
                    st.commit();
                }
                st.place(p);
            }
        }
    };
    // A focused cell removed with the grid gets its `blur` when the grid's signals are gone
    // (the view was replaced; the app blurs it first when it can: `lib.rs` `leave_view`).
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if !st.alive() {
            return;
        }
        if let Some((p, true)) = event_cell(&ev) {
            if st.is_editing(p) {
                st.commit();
            }
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        if let Some((p, true)) = event_cell(&ev) {
            if !st.is_editing(p) {
                // Text arrived without a key press first (autofill, a test's fill()).
                st.start_edit(p, Mode::Typing, String::new());
            }
            st.draft.set(event_target_value(&ev));
        }
    };
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        if let Some((p, _)) = event_cell(&ev) {
            if ev.shift_key() {
                st.extend_to(p);
            } else {
                if st.editing.with_untracked(Option::is_some) && st.sel.get_untracked() != p {
                    st.commit();
                }
                st.place(p);
            }
        }
    };
    let on_dblclick = move |ev: leptos::ev::MouseEvent| {
        if let Some((p, true)) = event_cell(&ev) {
            if let Some(cell) = st.cell_at(p.0, p.1) {
                st.start_edit(p, Mode::Caret, cell.edit);
            }
        }
    };

    let ctx = cell::GridCtx {
        grid_id: Signal::stored(id.clone()),
        draft: st.draft,
        grid: st,
        columns: st.view_columns,
        header_col,
        lists: st.lists,
    };
    let row_count = move || (st.row_keys.with(Vec::len) + 1).to_string();
    let hint_id = format!("{id}-hint");
    let body_id = window::body_id(&id);
    let lists_id = id.clone();

    view! {
        {find::view(st, finder)}
        // Keys, copy and paste are handled on the scrolling wrapper, which takes the focus when
        // the focused row scrolls out of the rendered window (so keys still reach the grid).
        <div
            class="table-wrap"
            tabindex="-1"
            on:keydown=on_keydown
            on:copy=on_copy
            on:paste=on_paste
            on:scroll=move |_| window::update(st)
        >
            <table
                class="data grid"
                id=id
                role="grid"
                aria-rowcount=row_count
                on:focusin=on_focusin
                on:focusout=on_focusout
                on:input=on_input
                on:mousedown=on_mousedown
                on:dblclick=on_dblclick
            >
                <caption>{move || caption.get()}</caption>
                <thead>
                    <tr aria-rowindex="1">
                        {move || {
                            st.view_columns
                                .get()
                                .into_iter()
                                .map(|col| {
                                    // Hook (issue 17): widths set by the user.
                                    let key = layout::column_key(&col.header);
                                    let (k1, k2) = (key.clone(), key);
                                    let header = col.header.clone();
                                    let name = resizable.then(|| col.header.clone());
                                    view! {
                                        <th
                                            scope="col"
                                            aria-label=name
                                            class=col.class
                                            class:num=col.numeric
                                            class:resizable=resizable
                                            style:width=move || widths.css(&k1)
                                            style:min-width=move || widths.css(&k2)
                                        >
                                            {col.header}
                                            {resizable.then(|| layout::handle(widths, header))}
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody id=body_id>
                    <tr class="grid-spacer" aria-hidden="true" style:height=move || win.top.get()></tr>
                    <For
                        each=move || win.keys.get()
                        key=|k| k.clone()
                        children=move |key| view! { <GridRowView row_key=key ctx=ctx /> }
                    />
                    <tr class="grid-spacer" aria-hidden="true" style:height=move || win.bottom.get()></tr>
                </tbody>
            </table>
            // The option lists of the cells that offer one (e.g. the categories).
            {
                move || {
                    st.lists
                        .get()
                        .iter()
                        .enumerate()
                        .map(|(k, list)| {
                            view! {
                                <datalist id=cell::list_id(&lists_id, k)>
                                    {list
                                        .iter()
                                        .map(|o| view! { <option value=o.clone()></option> })
                                        .collect_view()}
                                </datalist>
                            }
                        })
                        .collect_view()
                }
            }
        </div>
        <p class="grid-hint" id=hint_id role="status" aria-live="polite">
            {move || st.hint.get()}
        </p>
    }
}
