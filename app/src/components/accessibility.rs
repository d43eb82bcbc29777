//! The accessibility statement (docs/app.md, "Tillgänglighet"): a Swedish *tillgänglighets-
//! redogörelse* as public bodies publish under the law on accessibility of digital public
//! services (DOS-lagen), opened from the footer in a modal `<dialog>`. It is part of the app, so
//! it works offline.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Calls a method without arguments on `el` (`showModal`, `close`) if it has it.
fn call(el: &web_sys::Element, method: &str) {
    if let Ok(f) = js_sys::Reflect::get(el, &method.into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(el);
        }
    }
}

/// The footer link "Tillgänglighet" and the statement it opens.
#[component]
pub fn AccessibilityLink() -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            call(&d, "showModal");
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            call(&d, "close");
        }
    };
    view! {
        <button type="button" class="link-button" data-testid="tillganglighet-lank" on:click=open>
            "Tillgänglighet"
        </button>
        <dialog
            node_ref=dialog
            class="statement"
            aria-labelledby="tillganglighet-rubrik"
            data-testid="tillganglighet"
        >
            <h2 id="tillganglighet-rubrik">"Tillgänglighet för samplan"</h2>
            <p>
                "samplan är ett verktyg för samordningsförbundens budget och finansiering. "
                "Förbund som använder det omfattas av lagen (2018:1937) om tillgänglighet till "
                "digital offentlig service (DOS-lagen). Här beskriver vi hur samplan uppfyller "
                "lagen, vilka brister vi känner till och hur du kan meddela oss om fler."
            </p>
            <h3>"Hur tillgänglig är samplan?"</h3>
            <p>
                "Målet är att samplan uppfyller WCAG 2.1 på nivå AA. samplan är delvis förenlig "
                "med kraven, på grund av de brister som beskrivs nedan."
            </p>
            <h3>"Kända brister"</h3>
            <ul>
                <li>
                    "Diagrammen är bilder. Samma siffror finns i en tabell under varje diagram "
                    "(länken ”Visa som tabell”)."
                </li>
                <li>
                    "Budgeten är ett stort rutnät. Det går att använda med bara tangentbordet, men "
                    "det är tungt att läsa med skärmläsare."
                </li>
                <li>
                    "Utskrifter och nedladdade filer (CSV) har inte granskats för tillgänglighet."
                </li>
                <li>"samplan har ännu inte granskats manuellt med skärmläsare."</li>
            </ul>
            <h3>"Kortkommandon"</h3>
            <ul>
                <li>"Alt+P slår på och av presentationsläget; Esc lämnar det."</li>
                <li>"I presentationsläget byter PageDown och PageUp (och piltangenterna) vy."</li>
                <li>"Ctrl+Z ångrar och Ctrl+Y gör om en ändring."</li>
                <li>"Flikarna väljs med vänster- och högerpil."</li>
            </ul>
            <h3>"Så har vi testat"</h3>
            <p>
                "Redogörelsen bygger på en egen bedömning: en automatisk granskning med axe-core "
                "(reglerna för WCAG 2.0 och 2.1, nivå A och AA) av alla vyer, i vanligt läge och i "
                "presentationsläget, och ett test där en plan redigeras och skrivs ut med bara "
                "tangentbordet. Redogörelsen uppdaterades senast i november 2026."
            </p>
            <h3>"Rapportera brister"</h3>
            <p>
                "Om du inte kan ta del av något i samplan, eller hittar brister som inte står här, "
                "kontakta det samordningsförbund som gav dig planen. Beskriv vilken vy du använde "
                "och vad du försökte göra, så får du informationen på ett annat sätt och vi kan "
                "rätta felet."
            </p>
            <h3>"Tillsyn"</h3>
            <p>
                "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsynen över "
                "DOS-lagen. Om du inte är nöjd med hur dina synpunkter har hanterats kan du "
                "anmäla det till Digg (digg.se)."
            </p>
            <button type="button" autofocus on:click=close>
                "Stäng"
            </button>
        </dialog>
    }
}
