//! The rendered rows and cells. Each reads only its row's signals (see [`super::sync`]); the
//! cells' events are handled by the table (see [`super::state::event_cell`]).

use std::sync::Arc;

use leptos::prelude::*;

use super::{GridColumn, GridRow};

/// Grid state shared with the rows.
#[derive(Clone, Copy)]
pub(super) struct GridCtx {
    pub grid_id: Signal<String>,
    pub draft: RwSignal<String>,
    pub grid: super::state::GridState,
    pub columns: RwSignal<Vec<GridColumn>>,
    pub header_col: usize,
    /// The grid's option lists (see [`super::state::GridState::lists`]).
    pub lists: RwSignal<Vec<Arc<[String]>>>,
}

/// The element id of the grid's `k`th option list.
pub(super) fn list_id(grid_id: &str, k: usize) -> String {
    format!("{grid_id}-lista-{k}")
}

/// One row's signals (a `RowSlot` as `Copy` handles owned by the row's view).
#[derive(Clone, Copy)]
struct RowCtx {
    data: RwSignal<Arc<GridRow>>,
    index: RwSignal<usize>,
    selected: RwSignal<Option<usize>>,
    editing: RwSignal<Option<usize>>,
    range: RwSignal<Option<(usize, usize)>>,
    errors: RwSignal<Vec<(usize, String)>>,
}

/// One row of the grid (its index follows the row's position).
#[component]
pub(super) fn GridRowView(
    /// The row's key.
    row_key: String,
    /// Grid state.
    ctx: GridCtx,
) -> impl IntoView {
    let Some(slot) = super::sync::slot_for(ctx.grid, &row_key) else {
        // Not possible: the keys are set after the rows.
        return ().into_any();
    };
    let row = RowCtx {
        data: slot.data.into(),
        index: slot.index.into(),
        selected: slot.selected.into(),
        editing: slot.editing.into(),
        range: slot.range.into(),
        errors: slot.errors.into(),
    };
    let data = row.data;
    let class = move || data.with(|r| r.kind.class());
    let n_cols = move || ctx.columns.with(Vec::len);
    // The header row is 1.
    let row_index = move || (row.index.get() + 2).to_string();
    view! {
        <tr class=class aria-rowindex=row_index>
            <For
                each=move || 0..n_cols()
                key=|c| *c
                children=move |c| {
                    view! { <GridCellView row=row col=c ctx=ctx /> }
                }
            />
        </tr>
    }
    .into_any()
}

/// One cell: an input when editable (a combobox when it offers a list), text otherwise; the
/// row header column is a `<th>`.
#[component]
fn GridCellView(
    /// The row's state.
    row: RowCtx,
    /// Column index.
    col: usize,
    /// Grid state.
    ctx: GridCtx,
) -> impl IntoView {
    let cell = Memo::new(move |_| {
        row.data.with(|r| {
            r.cells.get(col).map(|c| {
                let mut c = c.clone();
                c.editable &= r.kind.editable();
                c
            })
        })
    });
    let editable = Memo::new(move |_| cell.with(|c| c.as_ref().is_some_and(|c| c.editable)));
    let index = row.index;
    let is_editing = move || row.editing.with(|e| *e == Some(col));
    let is_selected = move || row.selected.with(|s| *s == Some(col));
    let in_range = move || {
        row.range
            .with(|r| r.is_some_and(|(c1, c2)| c1 <= col && col <= c2))
    };
    let has_error = move || row.errors.with(|e| e.iter().any(|(c, _)| *c == col));
    let error = move || {
        row.errors.with(|e| {
            e.iter()
                .find(|(c, _)| *c == col)
                .map(|(_, msg)| msg.clone())
        })
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
        if is_editing() {
            s.push_str(" editing");
        }
        if has_error() {
            s.push_str(" invalid");
        }
        s
    };
    let display = move || cell.with(|c| c.as_ref().map(|c| c.display.clone()).unwrap_or_default());
    let value = move || {
        if is_editing() {
            ctx.draft.get()
        } else {
            display()
        }
    };
    let label = move || cell.with(|c| c.as_ref().map(|c| c.label.clone()).unwrap_or_default());
    let testid = move || cell.with(|c| c.as_ref().and_then(|c| c.testid.clone()));
    let placeholder = move || cell.with(|c| c.as_ref().and_then(|c| c.placeholder.clone()));
    let options = Memo::new(move |_| cell.with(|c| c.as_ref().and_then(|c| c.options.clone())));
    let tabindex = move || if is_selected() { "0" } else { "-1" };
    let err_id = move || format!("{}-fel-{}-{}", ctx.grid_id.get(), index.get(), col);
    // The `<datalist>` of the cell's options (which makes the input a combobox).
    let list = move || {
        let k = options.with(|o| {
            let o = o.as_ref()?;
            ctx.lists.with(|ls| ls.iter().position(|l| l == o))
        })?;
        Some(list_id(&ctx.grid_id.get(), k))
    };
    let data_row = move || index.get();

    // (Events are handled by the table: see `event_cell`.)
    let input = move || {
        view! {
            <input
                type="text"
                autocomplete="off"
                spellcheck="false"
                aria-label=label
                aria-invalid=move || has_error().to_string()
                aria-describedby=move || has_error().then(err_id)
                placeholder=placeholder
                list=list
                tabindex=tabindex
                prop:value=value
            />
        }
    };
    let text = move || view! { <span>{display}</span> };
    // Hook (issue 17): the row's note marker.
    let marker = move || {
        cell.with(|c| c.as_ref().and_then(|c| c.marker.clone()))
            .map(|note| {
                let name = format!("Notering: {note}");
                view! { <span class="note-marker" role="img" aria-label=name title=note>"✎"</span> }
            })
    };
    let error_view = move || {
        error().map(|msg| view! { <span class="cell-error" role="alert" id=err_id()>{msg}</span> })
    };
    // Rebuilt only when the cell becomes editable or read-only; a read-only cell is focusable
    // itself.
    let header = col == ctx.header_col;
    move || match (header, editable.get()) {
        (true, true) => view! {
            <th scope="row" class=class data-row=data_row data-col=col data-testid=testid>
                {input()}
                {marker}
                {error_view}
            </th>
        }
        .into_any(),
        (true, false) => view! {
            <th
                scope="row"
                class=class
                data-row=data_row
                data-col=col
                data-testid=testid
                tabindex=tabindex
            >
                {text()}
                {marker}
                {error_view}
            </th>
        }
        .into_any(),
        (false, true) => view! {
            <td class=class data-row=data_row data-col=col data-testid=testid>
                {input()}
                {error_view}
            </td>
        }
        .into_any(),
        (false, false) => view! {
            <td class=class data-row=data_row data-col=col data-testid=testid tabindex=tabindex>
                {text()}
                {error_view}
            </td>
        }
        .into_any(),
    }
}
