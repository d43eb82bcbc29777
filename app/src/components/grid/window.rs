//! Row virtualisation: only the rows in view plus a margin are in the DOM. Two spacer rows
//! stand in for the rows above and below the rendered window (every row is taken to be as high
//! as the rendered ones are on average), so the scroll bar and the sticky headers behave as if
//! every row were there. The window follows scrolling (of the grid's wrapper or the page) and
//! the selection ([`reveal`]); while printing every row is rendered.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::GridState;

/// Rows rendered beyond the visible ones, above and below.
pub(super) const MARGIN: usize = 40;
/// The fewest rows rendered: a grid of up to this many rows is rendered whole.
pub(super) const MIN_ROWS: usize = 100;
/// The row height assumed until one is measured, in CSS pixels.
pub(super) const DEFAULT_ROW_HEIGHT: i32 = 33;

/// A client coordinate in whole CSS pixels (the layout is measured in integers: no float
/// arithmetic in the app).
fn px(v: f64) -> i32 {
    v.round() as i32
}

/// The element id of the grid's `<tbody>`.
pub(super) fn body_id(grid_id: &str) -> String {
    format!("{grid_id}-rader")
}

/// What the grid's view reads: the keys of the rendered rows and the spacers' heights.
#[derive(Clone, Copy)]
pub(super) struct Window {
    pub keys: Memo<Vec<String>>,
    pub top: Signal<String>,
    pub bottom: Signal<String>,
}

/// The grid's `<tbody>` and its scrolling wrapper.
fn elements(st: GridState) -> Option<(web_sys::Element, web_sys::Element)> {
    let body = st
        .id
        .with_value(|id| document().get_element_by_id(&body_id(id)))?;
    let wrap = body.closest(".table-wrap").ok()??;
    Some((body, wrap))
}

/// Measures the rendered rows' average height (between the two spacers).
fn measure(st: GridState, body: &web_sys::Element) -> i32 {
    let (first, last) = (
        body.first_element_child()
            .and_then(|s| s.next_element_sibling()),
        body.last_element_child()
            .and_then(|s| s.previous_element_sibling()),
    );
    if let (Some(first), Some(last)) = (first, last) {
        let n = i32::try_from(body.child_element_count().saturating_sub(2)).unwrap_or(0);
        let height = px(last.get_bounding_client_rect().bottom())
            - px(first.get_bounding_client_rect().top());
        if n > 0 && height >= n {
            let h = height / n;
            st.row_height.set_value(h);
            return h;
        }
    }
    st.row_height.get_value()
}

/// The part of the viewport where the grid's rows can be seen: (top, bottom) in client
/// coordinates, and whether the wrapper scrolls itself.
fn viewport(wrap: &web_sys::Element) -> (i32, i32, bool) {
    let inner = window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(800, px);
    let rect = wrap.get_bounding_client_rect();
    let scrolls = wrap.scroll_height() > wrap.client_height();
    (px(rect.top()).max(0), px(rect.bottom()).min(inner), scrolls)
}

/// Moves the rendered window to cover the visible rows (plus the margin); called on scroll,
/// resize and when the rows change.
pub(super) fn update(st: GridState) {
    // Called a frame after a change: the grid may be gone by then.
    if !st.alive() || st.render_all.is_disposed() || st.render_all.get_untracked() {
        return;
    }
    let n = st.n_rows();
    let Some((body, wrap)) = elements(st) else {
        return;
    };
    let h = measure(st, &body);
    let (top, bottom, _) = viewport(&wrap);
    let body_top = px(body.get_bounding_client_rect().top());
    let row_at = |y: i32| {
        usize::try_from((y - body_top) / h.max(1))
            .unwrap_or(0)
            .min(n)
    };
    let (vis_first, vis_end) = if bottom > top {
        (row_at(top), (row_at(bottom) + 1).min(n))
    } else {
        (0, 0)
    };
    // Keep the window while the visible rows and half the margin are in it (fewer re-renders).
    let (first, end) = st.window.get_untracked();
    let end = end.min(n);
    let first = first.min(end);
    if first <= vis_first.saturating_sub(MARGIN / 2)
        && (vis_end + MARGIN / 2).min(n) <= end
        && end - first <= vis_end - vis_first + 3 * MARGIN
        && end - first >= MIN_ROWS.min(n)
    {
        return;
    }
    let mut new_first = vis_first.saturating_sub(MARGIN);
    let mut new_end = (vis_end + MARGIN).min(n);
    if new_end - new_first < MIN_ROWS {
        new_end = (new_first + MIN_ROWS).min(n);
        new_first = new_end.saturating_sub(MIN_ROWS);
    }
    if (new_first, new_end) == (first, end) {
        return;
    }
    rescue_focus(&body, &wrap, new_first, new_end);
    st.window.set((new_first, new_end));
}

/// When the focused cell's row is about to leave the DOM, the wrapper takes the focus, so the
/// grid still gets the keys.
fn rescue_focus(body: &web_sys::Element, wrap: &web_sys::Element, first: usize, end: usize) {
    let Some(active) = document().active_element() else {
        return;
    };
    if !body.contains(Some(&*active)) {
        return;
    }
    let row = active
        .closest("[data-row]")
        .ok()
        .flatten()
        .and_then(|c| c.get_attribute("data-row"))
        .and_then(|r| r.parse::<usize>().ok());
    if row.is_some_and(|r| r < first || r >= end) {
        if let Some(wrap) = wrap.dyn_ref::<web_sys::HtmlElement>() {
            let _ = wrap.focus();
        }
    }
}

/// Scrolls row `i` into view (below the sticky header) and moves the window over it, so that
/// moving the selection anywhere renders the selected row.
pub(super) fn reveal(st: GridState, i: usize) {
    if st.render_all.get_untracked() {
        return;
    }
    let Some((body, wrap)) = elements(st) else {
        return;
    };
    let h = measure(st, &body);
    let (mut top, bottom, scrolls) = viewport(&wrap);
    if scrolls {
        // The sticky header covers the top of the wrapper.
        if let Some(head) = body.previous_element_sibling() {
            top += px(head.get_bounding_client_rect().height());
        }
    }
    let row_top = px(body.get_bounding_client_rect().top())
        .saturating_add(i32::try_from(i).unwrap_or(i32::MAX).saturating_mul(h));
    let row_top = st.id.with_value(|id| {
        document()
            .query_selector(&format!("#{id} tr[aria-rowindex=\"{}\"]", i + 2))
            .ok()
            .flatten()
            .map(|tr| px(tr.get_bounding_client_rect().top()))
            .unwrap_or(row_top)
    });
    let delta = if row_top < top {
        row_top - top
    } else if row_top.saturating_add(h) > bottom {
        row_top.saturating_add(h) - bottom
    } else {
        0
    };
    if delta != 0 {
        if scrolls {
            wrap.set_scroll_top(wrap.scroll_top().saturating_add(delta));
        } else {
            window().scroll_by_with_x_and_y(0.0, f64::from(delta));
        }
    }
    update(st);
}

/// Installs the listeners (page scroll, resize, print) and returns what the view reads.
pub(super) fn install(st: GridState) -> Window {
    let keys = Memo::new(move |_| {
        let all = st.render_all.get();
        let (first, end) = st.window.get();
        st.row_keys.with(|k| {
            let n = k.len();
            if all {
                k.clone()
            } else {
                k[first.min(n)..end.min(n)].to_vec()
            }
        })
    });
    let spacer = move |rows: usize| {
        let rows = i64::try_from(rows).unwrap_or(0);
        format!(
            "{}px",
            rows.saturating_mul(i64::from(st.row_height.get_value()))
        )
    };
    let top = Signal::derive(move || {
        if st.render_all.get() {
            return spacer(0);
        }
        let (first, _) = st.window.get();
        spacer(first.min(st.row_keys.with(Vec::len)))
    });
    let bottom = Signal::derive(move || {
        if st.render_all.get() {
            return spacer(0);
        }
        let (_, end) = st.window.get();
        let n = st.row_keys.with(Vec::len);
        spacer(n - end.min(n))
    });
    // After the rows change (e.g. a plan was opened), once they are laid out. This effect
    // writes no signal: it asks for a frame, in which the window is measured against the DOM
    // as a scroll does (DOM work by its nature; the grid's other effects are the row slots'
    // firewall in `sync.rs`, which says why they stay).
    Effect::new(move |_| {
        st.row_keys.track();
        request_animation_frame(move || update(st));
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| update(st));
    let resize = window_event_listener(leptos::ev::resize, move |_| update(st));
    // `beforeprint` fires before the page is laid out for print; the rows are rendered by the
    // render effects that run before it returns to the browser.
    let before = window_event_listener_untyped("beforeprint", move |_| st.render_all.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| {
        st.render_all.set(false);
        request_animation_frame(move || update(st));
    });
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
        before.remove();
        after.remove();
    });
    Window { keys, top, bottom }
}
