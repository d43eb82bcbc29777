//! An input that applies what the user types on every keystroke (docs/app.md "instant totals"),
//! keeps the typed text while focused, and shows the Swedish parse error next to itself.

use leptos::prelude::*;

/// Result of handing the typed text to the owner: `Err` carries the Swedish reason, and the
/// plan keeps its old value.
pub type ApplyResult = Result<(), String>;

/// A controlled text input for one number. While the user types, the text they typed stays
/// in the box (so `20 0` is not reformatted under their fingers); every keystroke is handed to
/// `on_text`, which parses it with the engine and updates the plan, or returns the reason it
/// cannot. On blur the box shows the plan's formatted value again and `on_done` runs.
#[component]
pub fn LiveInput(
    /// The plan's current value, formatted for display.
    #[prop(into)]
    value: Signal<String>,
    /// Parses and applies typed text; `Err(reason)` leaves the plan unchanged.
    on_text: Callback<String, ApplyResult>,
    /// Called when editing ends (blur): closes the undo group.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
    /// Element id, for a `<label for>`.
    #[prop(optional, into)]
    id: Option<String>,
    /// Accessible name when there is no visible label (`aria-label`).
    #[prop(optional, into)]
    aria_label: MaybeProp<String>,
    /// Test id of the input.
    #[prop(optional, into)]
    testid: Option<String>,
    /// Extra CSS class of the input.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let input_text = move || draft.get().unwrap_or_else(|| value.get());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        draft.set(Some(text.clone()));
        match on_text.run(text) {
            Ok(()) => error.set(None),
            Err(reason) => error.set(Some(reason)),
        }
    };
    let finish = move || {
        // The reason for a rejected value stays visible until the next accepted one.
        draft.set(None);
        if let Some(done) = on_done {
            done.run(());
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            finish();
        }
    };
    let err_id = id.clone().map(|i| format!("{i}-fel"));
    view! {
        <span class="live-input">
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                class=class.unwrap_or_default()
                id=id
                aria-label=move || aria_label.get()
                data-testid=testid
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=err_id.clone()
                prop:value=input_text
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| finish()
            />
            <span class="field-error" role="alert" id=err_id>
                {move || error.get()}
            </span>
        </span>
    }
}
