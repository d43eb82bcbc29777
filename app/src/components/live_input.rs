//! The one number field of the app (docs/app.md, "Money fields"): every number typed outside a
//! grid — medelstilldelning, statens belopp, the split shares, equity, the levers' percent, the
//! Ny plan form — is this component. It applies what the user types on every keystroke
//! (docs/app.md "instant totals"), keeps the typed text while focused, selects its content on
//! focus (typing 60 over "100" gives 60), and shows the Swedish parse error next to itself only
//! while the text is invalid.

use leptos::prelude::*;

/// Result of handing the typed text to the owner: `Err` carries the Swedish reason, and the
/// plan keeps its old value.
pub type ApplyResult = Result<(), String>;

/// A controlled text input for one number. While the user types, the text they typed stays
/// in the box (so `20 0` is not reformatted under their fingers); every keystroke is handed to
/// `on_text`, which parses it with the engine and updates the plan, or returns the reason it
/// cannot. On blur the box shows the plan's formatted value again and `on_done` runs; text that
/// was rejected stays in the box with its reason (nothing typed is lost, and no error stands next
/// to a valid value) until it is corrected or Escape restores the plan's value.
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
    /// Shown greyed while the field is empty (e.g. `t.ex. −10`).
    #[prop(optional, into)]
    placeholder: Option<String>,
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
        // A focused field removed with its view gets its `blur` after the view's signals are
        // gone: nothing is left to finish then.
        if error.is_disposed() || draft.is_disposed() {
            return;
        }
        // Accepted text gives way to the plan's formatted value; rejected text stays with its
        // reason.
        if error.with_untracked(Option::is_none) {
            draft.set(None);
        }
        if let Some(done) = on_done {
            let _ = done.try_run(());
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => finish(),
        "Escape" => {
            draft.set(None);
            error.set(None);
        }
        _ => {}
    };
    // Focus selects the whole text, so typing replaces it; the mouse-up of the click that
    // focused the box would put the caret back, so that one is cancelled.
    let just_focused = StoredValue::new(false);
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        event_target::<web_sys::HtmlInputElement>(&ev).select();
        just_focused.set_value(true);
    };
    let on_mouseup = move |ev: leptos::ev::MouseEvent| {
        if just_focused.get_value() {
            ev.prevent_default();
            just_focused.set_value(false);
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
                placeholder=placeholder
                id=id
                aria-label=move || aria_label.get()
                data-testid=testid
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=err_id.clone()
                prop:value=input_text
                on:input=on_input
                on:keydown=on_keydown
                on:focus=on_focus
                on:mouseup=on_mouseup
                on:blur=move |_| {
                    just_focused.set_value(false);
                    finish();
                }
            />
            <span class="field-error" role="alert" id=err_id>
                {move || error.get()}
            </span>
        </span>
    }
}
