//! Messages above the page about stored data: unreadable data (with a download of the kept
//! copy), a plan list that could not be read (read-only until the user chooses), a failed
//! save, and another tab changing the same plan.

use leptos::prelude::*;

use crate::files;
use crate::session::{Banner, Session};
use crate::state::AppState;

/// All banners of the session.
#[component]
pub fn Banners() -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let dismiss = move |i: usize| {
        session.banners.update(|b| {
            if i < b.len() {
                b.remove(i);
            }
        })
    };
    view! {
        <div class="banners">
            {move || {
                session
                    .banners
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, banner)| match banner {
                        Banner::Unreadable(u) => {
                            let where_kept = match &u.backup_key {
                                Some(k) => format!("Den finns kvar oförändrad under nyckeln {k}."),
                                None => format!("Den finns kvar oförändrad under nyckeln {}.", u.key),
                            };
                            let text = u.text.clone();
                            let has_text = !text.is_empty();
                            let name = format!(
                                "samplan-sparad-data-{}.json",
                                u.backup_key.as_deref().unwrap_or(&u.key).rsplit(':').next().unwrap_or("1"),
                            );
                            view! {
                                <div class="banner error" role="alert" data-testid="banner-oläsbar">
                                    <span class="text">
                                        "Sparad data kunde inte läsas (" {u.reason.clone()} "). " {where_kept}
                                    </span>
                                    <Show when=move || has_text>
                                        <button
                                            type="button"
                                            on:click={
                                                let text = text.clone();
                                                let name = name.clone();
                                                move |_| {
                                                    if let Err(e) = files::download(&name, text.as_bytes(), "application/json") {
                                                        state.notice.set(Some(format!("Kunde inte ladda ner: {e}")));
                                                    }
                                                }
                                            }
                                        >
                                            "Ladda ner sparad data"
                                        </button>
                                    </Show>
                                    <button type="button" on:click=move |_| dismiss(i)>"Stäng"</button>
                                </div>
                            }
                                .into_any()
                        }
                        Banner::NoStorage(reason) => {
                            view! {
                                <div class="banner warn" role="alert">
                                    <span class="text">
                                        "Planen kan inte sparas i webbläsaren (" {reason}
                                        "). Använd \"Spara som fil\" för att inte förlora ändringar."
                                    </span>
                                    <button type="button" on:click=move |_| dismiss(i)>"Stäng"</button>
                                </div>
                            }
                                .into_any()
                        }
                        Banner::Info(text) => {
                            view! {
                                <div class="banner warn" role="status">
                                    <span class="text">{text}</span>
                                    <button type="button" on:click=move |_| dismiss(i)>"Stäng"</button>
                                </div>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()
            }}
            {move || session.read_only.get().map(|r| view! {
                <div class="banner error" role="alert" data-testid="banner-skrivskydd">
                    <span class="text">{r.message()}</span>
                    <button type="button" on:click=move |_| session.retry_index(state)>
                        "Försök läsa igen"
                    </button>
                    <button type="button" on:click=move |_| session.write_anyway(state)>
                        "Spara i webbläsaren ändå (ny planlista från de sparade planerna)"
                    </button>
                </div>
            })}
            <Show when=move || session.save_error.with(Option::is_some)>
                <div class="banner error" role="alert" data-testid="banner-sparfel">
                    <span class="text">
                        {move || session.save_error.get()}
                        " Dina ändringar finns bara i den här fliken. \"Spara som fil\" sparar allt i en fil på datorn \
                         (det fungerar även när webbläsarens lagring är full); du kan också ta bort en annan plan och försöka igen."
                    </span>
                    <button type="button" on:click=move |_| {
                        if let Err(e) = crate::components::plan_menu::save_plan_file(state, session) {
                            crate::components::Toasts::say(e);
                        }
                    }>"Spara som fil"</button>
                    <button type="button" on:click=move |_| session.save_now(state)>"Försök igen"</button>
                </div>
            </Show>
            <Show when=move || session.conflict.get()>
                <div class="banner warn" role="alert" data-testid="banner-konflikt">
                    <span class="text">
                        "Planen har ändrats i en annan flik eller ett annat fönster. "
                        "Ändringar här sparas inte förrän du väljer vilken version som gäller."
                    </span>
                    <button type="button" on:click=move |_| session.take_theirs(state)>
                        "Läs in den andra versionen"
                    </button>
                    <button type="button" on:click=move |_| session.keep_mine(state)>
                        "Behåll min version"
                    </button>
                </div>
            </Show>
        </div>
    }
}
