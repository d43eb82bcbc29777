//! Presentation mode (docs/app.md, "a workshop on a projector"): large type, high contrast and
//! read-only. [`Presentation::provide`] (called once by `App`) holds the mode, installs the
//! keyboard shortcut **Alt+P** (by key position, so it also works where Alt+P types a letter),
//! and while the mode is on: **Esc** leaves it, **PageDown/PageUp** (and the arrow keys outside
//! grids, fields and the tab list) step through the views, and a refused keystroke shows a short
//! message. [`PresentationToggle`] is the toolbar button (`aria-pressed`, "Presentationsläge på –
//! Esc avslutar" while on). [`ProjectorBoard`] is what Översikt shows in the mode: the key
//! figures and every municipality's amount at once, with the lever panel (± % on the
//! medelstilldelning or one budget line, one undo step each, the target's amount before and
//! now). The levers never write to the plan the board showed: they work on a workshop scenario
//! made on the first click ([`crate::components::workshop`]); "Återställ" removes it, and
//! leaving the mode says where the changes are. PageDown / PageUp scroll a long view before
//! they move on to the next / previous view.
//!
//! While the mode is on:
//! - the root element (`<html>`) has the class `presentation`; `style/extra.css` enlarges the
//!   type, raises the contrast, hides editing controls and elements marked `pres-hide` (columns
//!   and rows that are not essential) and shows inputs as plain text;
//! - a capture-phase guard on the window refuses everything that could change the plan inside
//!   the view (`#innehall`): typing, Delete, F2, paste, cut, drop, clicks on buttons, selects,
//!   checkboxes and radios, and the undo/redo shortcuts anywhere. Navigation stays: tabs,
//!   the year and kr/tkr in the toolbar, Tab and the arrow keys in grids, Ctrl+C, and any control
//!   marked `data-presentation="keep"` (choosing the municipality or the compared scenarios).

use std::time::Duration;

use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    allocation::{MemberKind, Party},
    lever::{lever_value, LeverTarget},
    LineId, Plan,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::choices::Choices;
use crate::components::workshop::Workshop;
use crate::format;
use crate::state::AppState;

/// The class put on `<html>` while presentation mode is on.
pub const PRESENTATION_CLASS: &str = "presentation";

/// Events the read-only guard looks at (capture phase, on the window).
const GUARDED: [&str; 8] = [
    "keydown",
    "beforeinput",
    "paste",
    "cut",
    "drop",
    "mousedown",
    "click",
    "dblclick",
];

/// Adds or removes `class` on `<html>`, keeping its other classes.
pub fn set_root_class(class: &str, on: bool) {
    let Some(root) = document().document_element() else {
        return;
    };
    let mut classes: Vec<String> = root
        .class_name()
        .split_whitespace()
        .filter(|c| *c != class)
        .map(str::to_string)
        .collect();
    if on {
        classes.push(class.to_string());
    }
    root.set_class_name(&classes.join(" "));
}

/// True for Alt+P (by key position) without Ctrl, Meta or Shift.
fn is_shortcut(ev: &web_sys::KeyboardEvent) -> bool {
    ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() && ev.code() == "KeyP"
}

/// Keys that only move around or copy: allowed in the view while read-only.
fn is_navigation(ev: &web_sys::KeyboardEvent, choice_control: bool) -> bool {
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    if ctrl {
        // Ctrl+F: the grid's own search only reads (issue 17).
        return matches!(key.to_lowercase().as_str(), "c" | "a" | "f");
    }
    match key.as_str() {
        "Tab" | "Escape" | "Shift" | "Control" | "Alt" | "Meta" | "AltGraph" => true,
        // Arrows change a radio or select: not allowed on those.
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
        | "PageDown" => !choice_control,
        "F2" => false,
        k => k.len() > 1 && k.starts_with('F') && k[1..].chars().all(|c| c.is_ascii_digit()),
    }
}

/// True when the guard must refuse `ev` (presentation mode is on).
fn must_block(ev: &web_sys::Event) -> bool {
    let kind = ev.type_();
    if let Some(k) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
        if is_shortcut(k) {
            return false;
        }
        // Undo / redo / paste / cut change the plan wherever the focus is.
        if (k.ctrl_key() || k.meta_key())
            && matches!(k.key().to_lowercase().as_str(), "z" | "y" | "v" | "x")
        {
            return true;
        }
    }
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let inside = |selector: &str| target.closest(selector).ok().flatten().is_some();
    // `data-read="keep"`: a control that only reads the plan (a CSV export), allowed in a
    // read-only file but hidden in presentation mode.
    if !inside("#innehall") || inside("[data-presentation=\"keep\"], [data-read=\"keep\"]") {
        return false;
    }
    let control = "button, select, input, textarea, label, [contenteditable]";
    match kind.as_str() {
        "keydown" => ev.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| {
            let choice = inside("select, input[type=\"radio\"], input[type=\"checkbox\"]");
            !is_navigation(k, choice)
        }),
        "beforeinput" | "paste" | "cut" | "drop" => true,
        "dblclick" => inside("table.grid") || inside(control),
        // mousedown / click
        _ => inside(control),
    }
}

/// Scrolls the page by most of a screen in `direction` (1 down, −1 up); false when the page is
/// already at that end (then the caller moves on to the next view).
fn scroll_page(direction: i32) -> bool {
    let w = window();
    let Some(root) = document().document_element() else {
        return false;
    };
    // Whole pixels (no float arithmetic in the app).
    let height = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0) as i32;
    let top = w.scroll_y().unwrap_or(0.0).round() as i32;
    let max = root.scroll_height().saturating_sub(height);
    let can = if direction > 0 {
        top < max.saturating_sub(2)
    } else {
        top > 2
    };
    if can {
        // Most of a screen, so the last lines of the one before stay in view.
        let by = (height.saturating_mul(85) / 100)
            .max(1)
            .saturating_mul(direction);
        w.scroll_by_with_x_and_y(0.0, f64::from(by));
    }
    can
}

/// The message shown when a keystroke or a paste is refused in presentation mode.
pub const READ_ONLY_HINT: &str =
    "Presentationsläget är skrivskyddat. Tryck Esc för att lämna det och redigera.";

/// Installs the read-only guard on the window (capture phase) for as long as the calling
/// component lives: while `active` is true it refuses every event that could change the plan
/// inside the view (see the module docs), and calls `on_refused` for refused keystrokes, pastes
/// and drops (to tell the user why nothing happens). Presentation mode uses it with its own
/// signal; anything else that must make the view read-only can pass another signal.
pub fn install_read_only_guard(active: Signal<bool>, on_refused: impl Fn() + 'static) {
    let guard = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if active.get_untracked() && must_block(&ev) {
            ev.prevent_default();
            ev.stop_propagation();
            if matches!(ev.type_().as_str(), "keydown" | "paste" | "drop" | "click") {
                on_refused();
            }
        }
    });
    let target: web_sys::EventTarget = window().into();
    for kind in GUARDED {
        let _ = target.add_event_listener_with_callback_and_bool(
            kind,
            guard.as_ref().unchecked_ref(),
            true,
        );
    }
    let guard = StoredValue::new_local(Some(guard));
    on_cleanup(move || {
        guard.update_value(|g| {
            if let Some(g) = g.take() {
                let target: web_sys::EventTarget = window().into();
                for kind in GUARDED {
                    let _ = target.remove_event_listener_with_callback_and_bool(
                        kind,
                        g.as_ref().unchecked_ref(),
                        true,
                    );
                }
            }
        });
    });
}

/// Presentation mode: provided as context by `App` (cheap to copy).
#[derive(Clone, Copy)]
pub struct Presentation {
    /// True while the mode is on.
    pub on: RwSignal<bool>,
    /// A short message for the user (a refused keystroke, a lever), cleared after a while.
    pub message: RwSignal<Option<String>>,
    /// Counts messages, so an older message's timer does not clear a newer one.
    message_seq: StoredValue<u32>,
    /// The plan as it was when the mode was entered (the lever panel's "Före").
    snapshot: StoredValue<Option<Plan>>,
    /// The workshop scenario the levers write to.
    workshop: Workshop,
    /// The view choices (the scenario the board shows).
    choices: Choices,
}

impl Presentation {
    /// Creates the mode, provides it as context and installs its keys and the read-only guard.
    /// `step` shows the view `n` places away (±1), for PageDown/PageUp and the arrow keys.
    pub fn provide(state: AppState, step: impl Fn(isize) + 'static) -> Self {
        let choices = Choices::expect();
        let p = Presentation {
            on: RwSignal::new(false),
            message: RwSignal::new(None),
            message_seq: StoredValue::new(0),
            snapshot: StoredValue::new(None),
            workshop: Workshop::provide(state, choices),
            choices,
        };
        provide_context(p);

        // Sync with the outside world: the class on <html>.
        let on = p.on;
        Effect::new(move |_| set_root_class(PRESENTATION_CLASS, on.get()));
        on_cleanup(move || set_root_class(PRESENTATION_CLASS, false));

        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if is_shortcut(&ev) {
                ev.prevent_default();
                p.toggle(state);
                return;
            }
            if !on.get_untracked() {
                return;
            }
            if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                return;
            }
            let key = ev.key();
            if key == "Escape" {
                // A dialog open on top closes first.
                if document()
                    .query_selector("dialog[open]")
                    .ok()
                    .flatten()
                    .is_none()
                {
                    ev.prevent_default();
                    p.set(state, false);
                }
                return;
            }
            if ev.default_prevented() {
                return;
            }
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let inside = |selector: &str| {
                target
                    .as_ref()
                    .and_then(|t| t.closest(selector).ok().flatten())
                    .is_some()
            };
            // Typing outside the view (the guard answers inside it) also gets the message;
            // selects keep their type-to-choose.
            if key.chars().count() == 1
                && !key.trim().is_empty()
                && !inside("select, input, textarea, [data-presentation=\"keep\"]")
            {
                p.say(READ_ONLY_HINT.to_string());
                return;
            }
            if ev.shift_key() {
                return;
            }
            let own_arrows = "input, select, textarea, [contenteditable], table, \
                              [role=\"tablist\"], [role=\"grid\"], [role=\"radiogroup\"], \
                              [role=\"listbox\"], [role=\"menu\"]";
            let direction = match key.as_str() {
                // A presenter remote: a long view scrolls before the next one comes.
                "PageDown" if !inside("select") => {
                    ev.prevent_default();
                    if !scroll_page(1) {
                        step(1);
                        window().scroll_to_with_x_and_y(0.0, 0.0);
                    }
                    return;
                }
                "PageUp" if !inside("select") => {
                    ev.prevent_default();
                    if !scroll_page(-1) {
                        step(-1);
                        window().scroll_to_with_x_and_y(0.0, 0.0);
                    }
                    return;
                }
                "ArrowRight" | "ArrowDown" if !inside(own_arrows) => 1,
                "ArrowLeft" | "ArrowUp" if !inside(own_arrows) => -1,
                _ => return,
            };
            ev.prevent_default();
            step(direction);
        });
        on_cleanup(move || keys.remove());

        install_read_only_guard(on.into(), move || p.say(READ_ONLY_HINT.to_string()));
        p
    }

    /// The mode from context (panics only if `App` forgot to provide it: a bug).
    pub fn expect() -> Self {
        expect_context::<Presentation>()
    }

    /// Shows `text` for a few seconds.
    pub fn say(&self, text: String) {
        let message = self.message;
        let seq = self.message_seq;
        seq.update_value(|n| *n = n.wrapping_add(1));
        let mine = seq.get_value();
        message.set(Some(text));
        set_timeout(
            move || {
                if seq.try_get_value() == Some(mine) {
                    message.set(None);
                }
            },
            Duration::from_secs(5),
        );
    }

    /// Turns the mode on or off.
    pub fn set(&self, state: AppState, next: bool) {
        if next == self.on.get_untracked() {
            return;
        }
        if next {
            // A field being typed in ends first, so its undo group closes.
            if let Some(el) = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.blur();
            }
            state.close_group();
            self.snapshot.set_value(Some(state.plan.get_untracked()));
            self.workshop.start(self.choices);
            // Old messages stay off the board.
            state.notice.set(None);
        } else {
            self.snapshot.set_value(None);
            self.workshop.leave(state);
        }
        self.message.set(None);
        self.on.set(next);
    }

    /// Turns the mode on when off and off when on.
    pub fn toggle(&self, state: AppState) {
        self.set(state, !self.on.get_untracked());
    }
}

/// The presentation-mode toggle for the toolbar. While the mode is on it says so and how to
/// leave it, and a refused keystroke's message is shown next to it.
#[component]
pub fn PresentationToggle() -> impl IntoView {
    let state = AppState::expect();
    let p = Presentation::expect();
    let on = p.on;
    view! {
        <button
            type="button"
            class="presentation-toggle"
            aria-pressed=move || on.get().to_string()
            aria-keyshortcuts="Alt+P"
            title=move || {
                if on.get() {
                    "Presentationsläget är på: Esc eller Alt+P avslutar, PageDown/PageUp byter vy"
                } else {
                    "Presentationsläge: stor text, hög kontrast, skrivskyddat (Alt+P)"
                }
            }
            data-testid="presentationslage"
            on:click=move |_| p.toggle(state)
        >
            {move || if on.get() { "Presentationsläge på – Esc avslutar" } else { "Presentationsläge" }}
        </button>
        <span class="presentation-message" role="status" data-testid="presentationsmeddelande">
            {move || p.message.get()}
        </span>
    }
}

/// The percentage steps of the lever panel.
const STEPS: [(i64, &str); 4] = [(-5, "−5 %"), (-1, "−1 %"), (1, "+1 %"), (5, "+5 %")];

/// The projector layout (Översikt in presentation mode): the selected year's key figures and
/// every municipality's amount in large type, and the lever panel.
#[component]
pub fn ProjectorBoard() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let p = Presentation::expect();
    let unit = state.unit;
    let year = Memo::new(move |_| state.year());
    let shared_read_only = use_context::<crate::shared::ReadOnly>().map(|r| r.0);

    let figures = Memo::new(move |_| {
        let y = year.get();
        let u = unit.get();
        choices.report.with(|r| {
            let Some(yr) = r.year(y) else {
                return Vec::new();
            };
            let money = |a| format::money(a, u);
            let party = |party: Party| {
                yr.allocation
                    .as_ref()
                    .ok()
                    .and_then(|a| a.party(party))
                    .map(|pa| money(pa.amount))
                    .unwrap_or_else(|| "–".into())
            };
            let ok = yr.allocation.is_ok();
            let e = &yr.equity;
            vec![
                (
                    "Medelstilldelning",
                    yr.total.map(money).unwrap_or_else(|| "–".into()),
                    "projektor-medelstilldelning",
                ),
                ("Staten", party(Party::Staten), "projektor-staten"),
                ("Regionen", party(Party::Region), "projektor-regionen"),
                ("Kommunerna", party(Party::Kommuner), "projektor-kommunerna"),
                (
                    "Verksamhetens kostnader",
                    money(yr.budget.operating_costs),
                    "projektor-kostnader",
                ),
                (
                    "Årets resultat",
                    if ok && !e.no_budget {
                        money(yr.budget.result)
                    } else {
                        "–".into()
                    },
                    "projektor-resultat",
                ),
                (
                    "Eget kapital",
                    if e.known {
                        money(e.closing)
                    } else {
                        "–".into()
                    },
                    "projektor-ek",
                ),
                (
                    "EK-kvot",
                    if e.known {
                        format::percent_opt(e.ratio)
                    } else {
                        "–".into()
                    },
                    "projektor-ek-kvot",
                ),
            ]
        })
    });
    let municipalities = Memo::new(move |_| {
        let y = year.get();
        let u = unit.get();
        choices.report.with(|r| {
            r.year(y)
                .and_then(|yr| yr.allocation.as_ref().ok())
                .map(|a| {
                    a.members
                        .iter()
                        .filter(|m| m.kind == MemberKind::Kommun)
                        .map(|m| (m.name.clone(), format::money(m.amount, u)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let problem = Memo::new(move |_| {
        let y = year.get();
        choices.report.with(|r| {
            r.year(y)
                .and_then(|yr| yr.allocation.as_ref().err().map(|e| e.to_string()))
        })
    });
    let unit_name = move || match unit.get() {
        samplan_engine::format::DisplayUnit::Kr => "kr",
        samplan_engine::format::DisplayUnit::Tkr => "tkr",
    };

    view! {
        <section class="projector" aria-labelledby="projektor-rubrik" data-testid="projektor">
            <h2 id="projektor-rubrik">
                {move || state.plan.with(|pl| pl.settings.name.clone())} " – " {move || year.get()}
                ", " {move || choices.scenario_name()}
                <span class="projector-unit">" (" {unit_name} ")"</span>
            </h2>
            {move || problem.get().map(|e| view! { <p class="projector-problem" role="alert">{e}</p> })}
            <dl class="projector-figures">
                <For
                    each=move || figures.get()
                    key=|f| (f.0, f.1.clone())
                    children=|(label, value, id)| view! {
                        <div>
                            <dt>{label}</dt>
                            <dd data-testid=id>{value}</dd>
                        </div>
                    }
                />
            </dl>
            <h3 class="projector-subhead">"Kommunernas medlemsbidrag"</h3>
            <ul class="projector-municipalities" data-testid="projektor-kommuner">
                {move || {
                    municipalities
                        .get()
                        .into_iter()
                        .map(|(name, amount)| view! {
                            <li>
                                <span class="projector-name">{name}</span>
                                <span class="projector-amount">{amount}</span>
                            </li>
                        })
                        .collect_view()
                }}
            </ul>
            // A shared read-only file shows the board but never changes the plan.
            <Show when=move || !shared_read_only.is_some_and(|r| r.get())>
                <LeverPanel year=year snapshot=p.snapshot />
            </Show>
        </section>
    }
}

/// The projector mode's lever panel: ± % on the medelstilldelning or one budget line of the
/// selected year, written to the workshop scenario (made on the first click; each click one
/// undo step), the target's amount before the workshop and now, "Ångra" and "Återställ".
#[component]
fn LeverPanel(year: Memo<i32>, snapshot: StoredValue<Option<Plan>>) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let workshop = Workshop::expect();
    let unit = state.unit;
    let target = RwSignal::new(LeverTarget::Total);
    // The lines with an amount in the selected year (as the active scenario sees them).
    let lines = Memo::new(move |_| {
        let y = year.get();
        choices.resolved.with(|pl| {
            pl.lines
                .iter()
                .filter(|l| l.amounts.contains_key(&y))
                .map(|l| (l.id, l.shown_name().to_string()))
                .collect::<Vec<_>>()
        })
    });
    let status = RwSignal::new(None::<String>);
    // A message belongs to the year and target it was about.
    Effect::new(move |prev: Option<(i32, LeverTarget)>| {
        let now = (year.get(), target.get());
        if prev.is_some_and(|p| p != now) {
            status.set(None);
        }
        now
    });
    let what = move || match target.get() {
        LeverTarget::Total => format!("Medelstilldelning {}", year.get()),
        LeverTarget::Line(id) => state
            .plan
            .with(|pl| {
                pl.line(id)
                    .map(|l| format!("{} {}", l.shown_name(), year.get()))
            })
            .unwrap_or_default(),
    };
    let shown = move |a: Option<samplan_engine::Amount>| {
        a.map(|a| format::money(a, unit.get()))
            .unwrap_or_else(|| "–".to_string())
    };
    // Before the workshop: the plan the board showed when the mode was entered.
    let before = move || {
        let (y, t) = (year.get(), target.get());
        let origin = workshop.origin.get();
        snapshot.with_value(|snap| {
            snap.as_ref()
                .and_then(|pl| lever_value(pl, origin, y, t).ok().flatten())
        })
    };
    let now = move || {
        let (y, t) = (year.get(), target.get());
        let scenario = choices.scenario();
        state
            .plan
            .with(|pl| lever_value(pl, scenario, y, t).ok().flatten())
    };
    let run = move |percent: i64, label: &'static str| {
        let y = year.get_untracked();
        let t = target.get_untracked();
        let result = workshop.lever(state, choices, y, t, Decimal::from(percent));
        match result {
            Ok(()) => {
                let name = workshop
                    .scenario
                    .get_untracked()
                    .map(|id| state.plan.with_untracked(|pl| pl.scenario_name(Some(id))))
                    .unwrap_or_default();
                status.set(Some(format!(
                    "{} {label} i scenariot ”{name}”.",
                    untrack(what)
                )));
            }
            Err(e) => status.set(Some(format!("Ändringen gick inte: {e}."))),
        }
    };
    let restore = move |_| match workshop.restore(state, choices) {
        Ok(true) => status.set(Some(
            "Återställd: workshopscenariot är borttaget, tavlan visar planen som före.".to_string(),
        )),
        Ok(false) => status.set(Some(
            "Inget att återställa: planen är oförändrad.".to_string(),
        )),
        Err(e) => status.set(Some(format!("Återställningen gick inte: {e}."))),
    };

    view! {
        <fieldset class="projector-levers" data-presentation="keep" data-testid="projektor-spakar">
            <legend>"Ändra live"</legend>
            <label class="inline">
                "Vad som ändras "
                <select
                    data-presentation="keep"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let t = v
                            .strip_prefix("post-")
                            .and_then(|n| n.parse::<u32>().ok())
                            .map(|n| LeverTarget::Line(LineId(n)))
                            .unwrap_or(LeverTarget::Total);
                        target.set(t);
                    }
                >
                    <option value="medelstilldelning" selected=move || target.get() == LeverTarget::Total>
                        "Medelstilldelningen"
                    </option>
                    {move || {
                        lines
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option
                                        value=format!("post-{}", id.0)
                                        selected=move || target.get() == LeverTarget::Line(id)
                                    >
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <dl class="projector-before-after" data-testid="projektor-fore-efter">
                <div>
                    <dt>"Före"</dt>
                    <dd data-testid="projektor-fore">{move || shown(before())}</dd>
                </div>
                <div>
                    <dt>"Nu"</dt>
                    <dd data-testid="projektor-nu">{move || shown(now())}</dd>
                </div>
            </dl>
            <div class="projector-steps" role="group" aria-label="Ändra med procent">
                {STEPS
                    .into_iter()
                    .map(|(percent, label)| view! {
                        <button type="button" data-presentation="keep" on:click=move |_| run(percent, label)>
                            {label}
                        </button>
                    })
                    .collect_view()}
            </div>
            <button
                type="button"
                data-presentation="keep"
                on:click=move |_| state.undo()
                prop:disabled=move || workshop.scenario.get().is_none() || !state.can_undo()
            >
                "Ångra"
            </button>
            <button type="button" data-presentation="keep" on:click=restore>
                "Återställ"
            </button>
            <p class="projector-workshop" data-testid="projektor-workshop">
                {move || match workshop.scenario.get() {
                    Some(id) => format!(
                        "Ändringarna görs i scenariot ”{}”; {} är oförändrad{}.",
                        state.plan.with(|pl| pl.scenario_name(Some(id))),
                        workshop.origin_name(state),
                        if workshop.origin.get().is_some() { "t" } else { "" },
                    ),
                    None => format!(
                        "Första klicket gör ett scenario ”Workshop {}”; {} ändras inte.",
                        crate::shared::today(),
                        workshop.origin_name(state),
                    ),
                }}
            </p>
            <p class="projector-status" role="status" data-testid="projektor-status">
                {move || status.get()}
            </p>
        </fieldset>
    }
}
