//! The recovery screen: what the page shows when the app panics, and the restart it offers.
//!
//! [`install_panic_hook`] runs first thing in `main`. When anything panics, the hook replaces
//! the page with a Swedish recovery screen built with plain `web_sys` DOM calls (Leptos may be
//! in any state, and in release builds — `panic = "abort"` — the WebAssembly instance traps
//! right after the hook returns). The screen needs no more Rust code after that:
//! - "Ladda ner alla sparade data" is a link to a `Blob` made by the hook: one JSON file with
//!   every samplan key of `localStorage` and its text (plans, last good snapshots, backups and
//!   unreadable data);
//! - "Starta om med senast fungerande plan" is a link to the page with the query
//!   `?samplan-restore`. On that load, [`restore_if_asked`] (before the app mounts) puts the
//!   open plan's last good snapshot back under its plan key (the replaced text is kept under a
//!   backup key, listed in the plan menu), or — if the plan has none — [`avoided_plan`] tells
//!   the app to open another plan (or the example) instead; the failing plan stays stored and
//!   listed. The query is then removed from the address. If the app panics again on the load
//!   that restored, the restart link becomes `?samplan-restore=annan-plan`, which opens another
//!   plan (or the example) without restoring, so a snapshot that itself fails can never trap
//!   the user in a loop.
//!
//! Test hook: a page opened with the query `?samplan-test-panic` panics right after the app
//! is mounted (see [`panic_if_asked`]), so end-to-end tests can reach the recovery screen with
//! an engine that no longer panics on any input. It only shows the recovery screen; nothing
//! stored is changed.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;

use crate::storage::Store;

/// Query flag: restore the last good plan (set by the recovery screen's restart link).
pub const RESTORE_FLAG: &str = "samplan-restore";
/// Query flag: panic after mount (tests only; see the module docs).
pub const TEST_PANIC_FLAG: &str = "samplan-test-panic";

/// Value of [`RESTORE_FLAG`]: open another plan instead of restoring.
const OTHER_PLAN: &str = "annan-plan";

static SHOWN: AtomicBool = AtomicBool::new(false);
/// This load restored a snapshot (or avoided a plan) on the recovery screen's request.
static RESTORED: AtomicBool = AtomicBool::new(false);
/// The page was opened with [`TEST_PANIC_FLAG`] (read before the address is tidied).
static TEST_PANIC: AtomicBool = AtomicBool::new(false);
/// The page was opened with [`TEST_OOM_FLAG`].
static TEST_OOM: AtomicBool = AtomicBool::new(false);
/// Query flag: fail like an exhausted memory after mount (tests only; see [`panic_if_asked`]).
pub const TEST_OOM_FLAG: &str = "samplan-test-oom";

thread_local! {
    static AVOID: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook that shows the recovery screen (once; later panics only log).
pub fn install_panic_hook() {
    TEST_PANIC.store(query_has(TEST_PANIC_FLAG), Ordering::SeqCst);
    TEST_OOM.store(query_has(TEST_OOM_FLAG), Ordering::SeqCst);
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("samplan: {info}").into());
        if !SHOWN.swap(true, Ordering::SeqCst) {
            show_recovery_screen();
        }
    }));
}

/// The value of query flag `flag` of the page's address (`Some("")` when it has none).
fn query_value(flag: &str) -> Option<String> {
    let query = web_sys::window()?.location().search().ok()?;
    query.trim_start_matches('?').split('&').find_map(|part| {
        let mut kv = part.splitn(2, '=');
        (kv.next() == Some(flag)).then(|| kv.next().unwrap_or("").to_string())
    })
}

fn query_has(flag: &str) -> bool {
    query_value(flag).is_some()
}

/// Panics when the page was opened with `?samplan-test-panic` (call after mounting); with
/// `?samplan-test-oom`, fails as an exhausted memory does: the allocation error handler, which
/// aborts the instance without the panic hook (static/trap.js shows the screen then).
pub fn panic_if_asked() {
    if TEST_PANIC.load(Ordering::SeqCst) {
        panic!("samplan-test-panic: testutlöst fel");
    }
    if TEST_OOM.load(Ordering::SeqCst) {
        // From a timer, as a real allocation failure in an event handler would surface.
        let _ = leptos::prelude::set_timeout_with_handle(
            || std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 20]>()),
            std::time::Duration::from_millis(10),
        );
    }
}

/// The plan the app must not open at start (set by [`restore_if_asked`] when the open plan had
/// no last good snapshot).
pub fn avoided_plan() -> Option<String> {
    AVOID.with(|a| a.borrow().clone())
}

/// On a load with `?samplan-restore`: restores the open plan's last good snapshot (or marks
/// the plan to be avoided) and removes the query from the address. Call before mounting.
pub fn restore_if_asked() {
    let Some(how) = query_value(RESTORE_FLAG) else {
        return;
    };
    RESTORED.store(true, Ordering::SeqCst);
    // For static/trap.js: a trap on this load offers another plan, like the panic hook.
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-samplan-restored", "1");
    }
    if let Ok(store) = Store::open() {
        let load = store.load_index();
        // A failed read of the index restores nothing: the session starts read-only.
        let current = load
            .read_failed
            .is_none()
            .then_some(load.index.current)
            .flatten();
        if let Some(id) = current {
            if how == OTHER_PLAN || !store.restore_good(&id) {
                AVOID.with(|a| *a.borrow_mut() = Some(id));
            }
        }
    }
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let path = location.pathname().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{hash}")),
            );
        }
    }
}

/// Replaces the page with the recovery screen. Plain DOM calls only; every failure is ignored
/// (there is nothing better left to do).
fn show_recovery_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    body.set_inner_html("");
    let el = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Ok(screen) = document.create_element("main") else {
        return;
    };
    screen.set_class_name("recovery");
    let _ = screen.set_attribute("role", "alert");
    let _ = screen.set_attribute("aria-labelledby", "recovery-rubrik");
    if let Some(h) = el("h1", "samplan stötte på ett fel och har stannat") {
        h.set_id("recovery-rubrik");
        let _ = screen.append_child(&h);
    }
    let texts = [
        "Dina planer finns kvar i webbläsaren. Ladda gärna ner alla sparade data först, så har du en kopia av allt.",
        "Starta sedan om: samplan öppnar den senaste versionen av planen som gick att räkna. Den version som orsakade felet sparas som en kopia och listas i planmenyn.",
    ];
    for t in texts {
        if let Some(p) = el("p", t) {
            let _ = screen.append_child(&p);
        }
    }
    let actions = document.create_element("p").ok();
    if let Some(actions) = &actions {
        actions.set_class_name("recovery-actions");
        if let Some(a) = download_link(&document) {
            let _ = actions.append_child(&a);
        }
        if let Some(a) = el("a", "Starta om med senast fungerande plan") {
            // Back to the same tab (a relative `?query` link drops the fragment).
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            let how = if RESTORED.load(Ordering::SeqCst) {
                format!("={OTHER_PLAN}")
            } else {
                String::new()
            };
            let _ = a.set_attribute("href", &format!("?{RESTORE_FLAG}{how}{hash}"));
            a.set_class_name("button");
            let _ = actions.append_child(&a);
        }
        let _ = screen.append_child(actions);
    }
    let _ = body.append_child(&screen);
}

/// "Ladda ner alla sparade data": a link to a JSON blob of every samplan key.
fn download_link(document: &web_sys::Document) -> Option<web_sys::Element> {
    let data = match Store::open() {
        Ok(store) => store.all_data(),
        Err(_) => "{}".to_string(),
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&data));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_text_content(Some("Ladda ner alla sparade data"));
    a.set_href(&url);
    a.set_download("samplan-alla-sparade-data.json");
    a.set_class_name("button");
    Some(a.into())
}
