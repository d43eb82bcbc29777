//! The message that says what an action did (docs/app.md, "Meddelanden"): deleting a member,
//! a line, a year or a scenario, saving to a file, a lever that replaces typed figures. It is a
//! `role="status"` region (read out by screen readers) at the bottom of the window, with
//! "Ångra" for an undoable step. "Ångra" undoes that step only: once the plan's history moves
//! on (another edit, undo or redo) the message goes.

use leptos::prelude::*;

use crate::state::AppState;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ToastMessage {
    text: String,
    /// The history version when the message was shown.
    shown_at: u64,
    /// True when "Ångra" undoes the step the message is about.
    undo: bool,
}

/// The app's action messages (context, cheap to copy).
#[derive(Clone, Copy)]
pub struct Toasts {
    message: RwSignal<Option<ToastMessage>>,
}

impl Toasts {
    /// Provides the messages as context (once, in `App`).
    pub fn provide() {
        provide_context(Toasts {
            message: RwSignal::new(None),
        });
    }

    /// The messages from context, if provided.
    pub fn get() -> Option<Toasts> {
        use_context::<Toasts>()
    }

    fn show(text: String, undo: bool) {
        if let (Some(t), Some(state)) = (Self::get(), use_context::<AppState>()) {
            t.message.set(Some(ToastMessage {
                text,
                shown_at: state.history_version(),
                undo,
            }));
        }
    }

    /// Shows `text` (no undo).
    pub fn say(text: impl Into<String>) {
        Self::show(text.into(), false);
    }

    /// Shows `text` with "Ångra" for the step just applied.
    pub fn undoable(text: impl Into<String>) {
        Self::show(text.into(), true);
    }

    /// Shows `text` with "Ångra" when `result` is Ok; passes `result` on.
    pub fn after(result: Result<(), String>, text: impl Into<String>) -> Result<(), String> {
        if result.is_ok() {
            Self::undoable(text);
        }
        result
    }
}

/// The message area (placed once in `App`).
#[component]
pub fn ToastArea() -> impl IntoView {
    let state = AppState::expect();
    let Some(toasts) = Toasts::get() else {
        return ().into_any();
    };
    let message = toasts.message;
    // The history moved on: the message is about an earlier step.
    Effect::new(move |_| {
        let now = state.history_version_tracked();
        if message.with_untracked(|m| m.as_ref().is_some_and(|m| m.shown_at != now)) {
            message.set(None);
        }
    });
    view! {
        <div class="toast-area" role="status" aria-live="polite" data-testid="meddelande">
            {move || message.get().map(|m| view! {
                <div class="toast">
                    <span class="text">{m.text}</span>
                    <Show when=move || m.undo>
                        <button type="button" on:click=move |_| {
                            message.set(None);
                            state.undo();
                        }>"Ångra"</button>
                    </Show>
                    <button type="button" class="small" aria-label="Stäng meddelandet" on:click=move |_| message.set(None)>
                        "Stäng"
                    </button>
                </div>
            })}
        </div>
    }
    .into_any()
}
