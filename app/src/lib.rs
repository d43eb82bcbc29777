//! # samplan-app
//!
//! The browser front end of samplan: a thin Leptos (CSR) view over `samplan-engine`.
//! [`App`] provides one [`state::AppState`] (a single `RwSignal<Plan>` plus undo history) as
//! context; every figure on screen is derived from the plan through the engine; views change
//! the plan only through the state's edit dispatch.
//!
//! Modules: `state` (source of truth, undo), `format` (glue to the engine's Swedish
//! formatting), `components` (reusable widgets), `views` (one per tab), `storage` (the only
//! user of localStorage), `session` (stored plans, autosave, cross-tab conflicts), `files`
//! (downloads and picked files), `recovery` (the panic hook's recovery screen and restart),
//! `shared` (the shared read-only file).
#![forbid(unsafe_code)]

pub mod ahead;
pub mod choices;
pub mod components;
pub mod files;
pub mod format;
pub mod print;
pub mod recovery;
pub mod session;
pub mod shared;
pub mod state;
pub mod storage;
pub mod versions;
pub mod views;

use leptos::prelude::*;
use samplan_engine::format::DisplayUnit;
use wasm_bindgen::JsCast;

use components::{Banners, PlanMenu};
use session::Session;
use state::AppState;
use views::{
    BudgetView, EgetKapitalView, FinansieringView, OversiktView, Tab, UppfoljningView,
    VersionerView,
};
use views::{KommunView, ScenarierView};

/// The tab shown when the URL has no (known) fragment.
const DEFAULT_TAB: Tab = Tab::Finansiering;

/// The whole app: header, toolbar, tabs and the current view.
#[component]
pub fn App() -> impl IntoView {
    // A shared read-only file never opens the browser's stored plans (crate::shared).
    let embedded = shared::take_embedded();
    let read_only = RwSignal::new(embedded.is_some());
    provide_context(shared::ReadOnly(read_only));
    let (session, plan) = match &embedded {
        Some(e) => (
            Session::detached(),
            e.plan.clone().unwrap_or_else(|_| {
                samplan_engine::Plan::empty(
                    &e.info.from,
                    js_sys::Date::new_0().get_full_year() as i32,
                    1,
                )
            }),
        ),
        None => Session::start(samplan_engine::example_plan, recovery::avoided_plan()),
    };
    let state = AppState::new(plan);
    provide_context(state);
    provide_context(session);
    session.install(state);
    let choices = choices::Choices::provide(state);
    views::provide_kept_budget_rows();
    views::finansiering::provide_kept_member_rows();
    components::Toasts::provide();
    let plan_name = Memo::new(move |_| state.plan.with(|p| p.settings.name.clone()));

    let first_tab = match &embedded {
        Some(e) => {
            choices.set_scenario(e.info.scenario);
            // The year it was shared from, so the municipality's headline shows its change.
            if let Some(y) = e
                .info
                .year
                .filter(|y| state.plan.with_untracked(|p| p.years.contains(y)))
            {
                state.chosen_year.set(Some(y));
            }
            match e.info.kommun {
                Some(k) => {
                    choices.set_kommun(k);
                    Tab::Kommun
                }
                None => Tab::Oversikt,
            }
        }
        None => current_fragment_tab().unwrap_or(DEFAULT_TAB),
    };
    let tab = RwSignal::new(first_tab);
    if embedded.is_some() {
        let _ = window().location().set_hash(first_tab.slug());
    }
    let shared_bar = embedded.map(|e| (e.info, e.plan.err()));
    // Back/forward and hand-edited fragments (also under file://).
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(t) = current_fragment_tab() {
            if t != tab.get_untracked() {
                leave_view();
                tab.set(t);
            }
        }
    });
    on_cleanup(move || hash_listener.remove());

    // Presentation mode: PageDown/PageUp (and arrows) step through the views.
    let presentation =
        components::Presentation::provide(state, move |n| go_to(tab, tab.get_untracked().step(n)));
    clear_stale_notice(state, tab, presentation.on);
    // A shared read-only file: the same guard, on until "Spara en kopia i mina planer"; its
    // editing controls are hidden and an attempt to edit says why (crate::shared).
    let refused = shared::Refused::provide();
    components::install_read_only_guard(read_only.into(), move || refused.say());
    Effect::new(move |_| components::set_root_class(shared::READ_ONLY_CLASS, read_only.get()));
    if read_only.get_untracked() {
        // The first Tab stop is the content, not the banner's button.
        request_animation_frame(|| {
            if let Some(main) = document()
                .get_element_by_id("innehall")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = main.focus();
            }
        });
    }

    // Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z anywhere (grids handle the keys themselves while editing
    // and mark the event as handled).
    let key_listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        let action = match key.as_str() {
            "z" if ev.shift_key() => Some(false),
            "z" => Some(true),
            "y" => Some(false),
            _ => None,
        };
        if let Some(is_undo) = action {
            ev.prevent_default();
            // A field being typed in shows its own text: end that first so it shows the plan.
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = &active {
                let _ = el.blur();
            }
            if is_undo {
                state.undo();
            } else {
                state.redo();
            }
            if let Some(el) = active {
                let _ = el.focus();
            }
        }
    });
    on_cleanup(move || key_listener.remove());

    view! {
        <components::SkipLink />
        <header class="topbar">
            <h1>"samplan"</h1>
            <span class="plan-name" data-testid="plan-namn">{move || plan_name.get()}</span>
            {move || match (read_only.get(), shared_bar.clone()) {
                (true, Some((info, problem))) => {
                    view! { <shared::SharedBar info=info problem=problem /> }.into_any()
                }
                _ => view! { <PlanMenu /> }.into_any(),
            }}
        </header>
        <Banners />
        <components::WorkshopNotice />
        <print::PrintHeader />
        <div class="navbar">
            <TabList tab=tab />
            <Toolbar />
        </div>
        <main
            id="innehall"
            role="tabpanel"
            tabindex=move || read_only.get().then_some("-1")
            aria-labelledby=move || format!("flik-{}", tab.get().slug())
        >
            {move || match tab.get() {
                Tab::Oversikt if presentation.on.get() => {
                    view! { <components::ProjectorBoard /> }.into_any()
                }
                Tab::Oversikt => view! { <OversiktView /> }.into_any(),
                Tab::Finansiering => view! { <FinansieringView /> }.into_any(),
                Tab::Budget => view! { <BudgetView /> }.into_any(),
                Tab::Uppfoljning => view! { <UppfoljningView /> }.into_any(),
                Tab::EgetKapital => view! { <EgetKapitalView /> }.into_any(),
                Tab::Kommun => view! { <KommunView /> }.into_any(),
                Tab::Scenarier => view! { <ScenarierView /> }.into_any(),
                Tab::Versioner => view! { <VersionerView /> }.into_any(),
            }}
        </main>
        <components::ToastArea />
        <footer class="site-footer">
            <components::AccessibilityLink />
        </footer>
    }
}

/// The toolbar notice belongs to what caused it (docs/app.md, "Errors belong to their cause"):
/// it goes when the history moves on (the action undone, redone or replaced by another), and it
/// never follows the user to another view, into or out of presentation mode, or to another plan.
fn clear_stale_notice(state: AppState, tab: RwSignal<Tab>, presentation: RwSignal<bool>) {
    // (notice, history version when it appeared, tab, presentation)
    type Seen = (Option<String>, u64, Tab, bool);
    Effect::new(move |prev: Option<Seen>| {
        let notice = state.notice.get();
        let version = state.history_version_tracked();
        let (t, p) = (tab.get(), presentation.get());
        match prev {
            Some((before, at, pt, pp)) if notice.is_some() && before == notice => {
                if at != version || pt != t || pp != p {
                    state.notice.set(None);
                    (None, version, t, p)
                } else {
                    (notice, at, t, p)
                }
            }
            _ => (notice, version, t, p),
        }
    });
}

/// The tab named by the page's URL fragment, if any.
fn current_fragment_tab() -> Option<Tab> {
    window()
        .location()
        .hash()
        .ok()
        .and_then(|h| Tab::from_fragment(&h))
}

/// Ends the focus inside the shown view before it is replaced: its field or grid cell handles
/// the `blur` (a cell being typed in commits, as when a tab is clicked) while the view still
/// lives. A focused element removed with its view would get the `blur` after the view's
/// signals are gone (the recovery screen: "reactive value … disposed"): a fragment typed in the
/// address bar or back / forward leaves the focus in the view.
fn leave_view() {
    let Some(active) = document().active_element() else {
        return;
    };
    let in_view = document()
        .get_element_by_id("innehall")
        .is_some_and(|main| main.contains(Some(&active)));
    if in_view {
        if let Ok(el) = active.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

/// Shows `t`: selects it and writes its fragment to the URL (works under `file://`).
fn go_to(tab: RwSignal<Tab>, t: Tab) {
    if t != tab.get_untracked() {
        leave_view();
    }
    tab.set(t);
    let _ = window().location().set_hash(t.slug());
}

/// The ARIA tablist: click, or arrow keys / Home / End with automatic activation.
#[component]
fn TabList(
    /// The selected tab.
    tab: RwSignal<Tab>,
) -> impl IntoView {
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = tab.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => current.step(1),
            "ArrowLeft" => current.step(-1),
            "Home" => Tab::ALL[0],
            "End" => Tab::ALL[Tab::ALL.len() - 1],
            _ => return,
        };
        ev.prevent_default();
        go_to(tab, next);
        if let Some(el) = document()
            .get_element_by_id(&format!("flik-{}", next.slug()))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    view! {
        <nav class="tabs" role="tablist" aria-label="Vyer" on:keydown=on_keydown>
            {Tab::ALL
                .into_iter()
                .map(|t| {
                    let selected = move || tab.get() == t;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=format!("flik-{}", t.slug())
                            aria-controls="innehall"
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| go_to(tab, t)
                        >
                            {t.label()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Year selector, the scenario shown and edited, kr/tkr toggle, undo and redo.
#[component]
fn Toolbar() -> impl IntoView {
    let state = AppState::expect();
    let years = Memo::new(move |_| state.plan.with(|p| p.years.clone()));
    let unit = state.unit;
    view! {
        <div class="toolbar" role="toolbar" aria-label="Visning">
            <label class="inline">
                "År "
                <select
                    aria-label="År"
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            state.chosen_year.set(Some(y));
                        }
                    }
                >
                    {move || {
                        let selected = state.year();
                        years
                            .get()
                            .into_iter()
                            .map(|y| view! { <option value=y.to_string() selected=y == selected>{y}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <components::ScenarioChoice />
            <div class="segmented" role="group" aria-label="Visningsenhet">
                <button
                    type="button"
                    aria-pressed=move || (unit.get() == DisplayUnit::Kr).to_string()
                    on:click=move |_| unit.set(DisplayUnit::Kr)
                >
                    "kr"
                </button>
                <button
                    type="button"
                    aria-pressed=move || (unit.get() == DisplayUnit::Tkr).to_string()
                    on:click=move |_| unit.set(DisplayUnit::Tkr)
                >
                    "tkr"
                </button>
            </div>
            <button type="button" on:click=move |_| state.undo() prop:disabled=move || !state.can_undo()>
                "Ångra"
            </button>
            <button type="button" on:click=move |_| state.redo() prop:disabled=move || !state.can_redo()>
                "Gör om"
            </button>
            <components::PresentationToggle />
            <print::PrintButton />
            {move || state.notice.get().map(|n| view! {
                <span class="notice" role="status">
                    {n}
                    <button type="button" class="small" on:click=move |_| state.notice.set(None)>"Stäng"</button>
                </span>
            })}
        </div>
    }
}
