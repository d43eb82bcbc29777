//! "Lägg till år" and "Ta bort år" (docs/app.md): a year is added before the first or after
//! the last; the first or the last year is removed after a confirmation. Both are one engine
//! edit ([`Edit::add_year`], [`Edit::remove_year`]), undoable, and say what they did in the
//! action message with "Ångra".

use leptos::prelude::*;
use samplan_engine::{Edit, Year, YearEnd};

use crate::components::Toasts;
use crate::state::{report_problem, AppState};

/// The plan's year buttons (placed in the Budget view's toolbar).
#[component]
pub fn YearControls() -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let to_add = move |end: YearEnd| plan.with(|p| p.year_to_add(end).ok());
    let ends = Memo::new(move |_| {
        plan.with(|p| match (p.years.first(), p.years.last()) {
            (Some(f), Some(l)) if p.years.len() > 1 => vec![*f, *l],
            _ => Vec::new(),
        })
    });
    let confirm = RwSignal::new(false);
    let add = move |end: YearEnd| {
        let Some(year) = plan.with_untracked(|p| p.year_to_add(end).ok()) else {
            return;
        };
        let result = plan
            .with_untracked(|p| Edit::add_year(p, end))
            .map_err(|e| e.to_string())
            .and_then(|edit| state.apply(edit));
        report_problem(Toasts::after(result, format!("Året {year} lades till.")));
    };
    let remove = move |year: Year| {
        confirm.set(false);
        let result = plan
            .with_untracked(|p| Edit::remove_year(p, year))
            .map_err(|e| e.to_string())
            .and_then(|edit| state.apply(edit));
        report_problem(Toasts::after(
            result,
            format!("Året {year} togs bort. Dess siffror finns kvar i planen och kommer tillbaka om året läggs till igen."),
        ));
    };
    let add_button = move |end: YearEnd| {
        view! {
            {move || to_add(end).map(|y| view! {
                <button type="button" on:click=move |_| add(end)>
                    {format!("Lägg till år {y}")}
                </button>
            })}
        }
    };
    view! {
        <span class="year-controls" role="group" aria-label="Planens år">
            {add_button(YearEnd::Before)}
            {add_button(YearEnd::After)}
            <button
                type="button"
                class="danger"
                prop:disabled=move || ends.with(Vec::is_empty)
                on:click=move |_| confirm.set(true)
            >
                "Ta bort år…"
            </button>
            <Show when=move || confirm.get()>
                <span class="banner warn" role="alertdialog" aria-label="Bekräfta att ett år tas bort">
                    <span class="text">
                        "Vilket år ska tas bort ur planen? Årets siffror finns kvar i planen, syns inte, och kommer tillbaka om året läggs till igen. "
                    </span>
                    {move || ends.get().into_iter().map(|y| view! {
                        <button type="button" class="danger" on:click=move |_| remove(y)>
                            {format!("Ta bort {y}")}
                        </button>
                    }).collect_view()}
                    <button type="button" on:click=move |_| confirm.set(false)>"Avbryt"</button>
                </span>
            </Show>
        </span>
    }
}
