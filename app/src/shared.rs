//! The shared read-only file (docs/app.md, "Sharing"): "Dela med kommunen" in the Kommun view
//! and "Dela hela planen" in the plan menu download the single-file build of samplan with the
//! current plan embedded as the ordinary plan file JSON (docs/plan-file.md) in a data block
//! that never runs:
//!
//! ```html
//! <script type="application/json" id="samplan-delad-plan" data-kommun="3" data-scenario="bas"
//!   data-ar="2027" data-datum="2026-11-30" data-fran="Samordningsförbundet X">{"format":"samplan-plan",…}</script>
//! ```
//!
//! Every `<` of the JSON is written `\u003c`, so the text can never end the element early.
//!
//! Where the page's own single file comes from: in the single-file build the page itself —
//! [`capture_at_start`] keeps its text from before the app changes anything; in the hosted
//! `dist/` build the copy `samplan.html` next to `index.html` (written by `scripts/build.sh`
//! and cached by the service worker).
//!
//! A page started with such a block is **read-only**: it opens on the municipality (or
//! Översikt) in the year it was shared from, never reads or writes the browser's stored plans,
//! and the presentation mode's read-only guard is on ([`ReadOnly`]) until "Spara en kopia i
//! mina planer": editing controls are hidden (the class `read-only` on `<html>`,
//! `style/extra.css`) and an attempt to edit says [`READ_ONLY_TEXT`]. Its banner shows the
//! plan's check code ([`samplan_engine::check_code::plan_check_code`]), computed again from the plan the
//! file holds, so it can be compared with the code the sender wrote in the letter.

use std::cell::RefCell;

use leptos::prelude::*;
use samplan_engine::{
    check_code::{check_code_of, plan_check_code},
    names::shared_file_name,
    plan_from_json, plan_to_json, MemberId, Plan, ScenarioId, Year,
};
use wasm_bindgen::JsCast;

use crate::choices::{parse_scenario_option, scenario_option_value, Choices};
use crate::files;
use crate::session::Session;
use crate::state::AppState;

/// The id of the embedded plan's data block.
pub const DATA_ID: &str = "samplan-delad-plan";
/// The id of the single-file build's WebAssembly data block (scripts/single-html.mjs).
const WASM_ID: &str = "samplan-wasm";
/// What a shared file says when someone tries to change it.
pub const READ_ONLY_TEXT: &str = "Skrivskyddad – spara en kopia för att ändra.";
/// The class on `<html>` while a shared file is read-only (hides the editing controls).
pub const READ_ONLY_CLASS: &str = "read-only";
/// The single-file build next to `index.html` in the hosted build.
const SINGLE_FILE_URL: &str = "./samplan.html";

/// What a shared file says about its plan.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedInfo {
    /// The municipality the file was made for (`None`: the whole plan).
    pub kommun: Option<MemberId>,
    /// The scenario that was active when it was shared (`None` = Basplan).
    pub scenario: Option<ScenarioId>,
    /// The year selected when it was shared (the file opens on it); `None` in older files.
    pub year: Option<Year>,
    /// The sharing date, `ÅÅÅÅ-MM-DD`.
    pub date: String,
    /// The association that shared it.
    pub from: String,
}

/// The plan embedded in the page, read at start.
#[derive(Clone, Debug)]
pub struct Embedded {
    /// The plan, or the Swedish reason it could not be read.
    pub plan: Result<Plan, String>,
    /// The file's details.
    pub info: SharedInfo,
}

/// True while the page shows a shared plan read-only (context, cheap to copy).
#[derive(Clone, Copy)]
pub struct ReadOnly(pub RwSignal<bool>);

/// Counts refused attempts to edit a shared file, so its banner says [`READ_ONLY_TEXT`]
/// (context, cheap to copy).
#[derive(Clone, Copy)]
pub struct Refused(pub RwSignal<u32>);

impl Refused {
    /// Provides the counter as context (once, in `App`).
    pub fn provide() -> Self {
        let r = Refused(RwSignal::new(0));
        provide_context(r);
        r
    }

    /// Tells the banner that an edit was refused.
    pub fn say(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}

impl ReadOnly {
    /// True while read-only, not tracked (for event handlers); false without the context.
    pub fn is_on_untracked() -> bool {
        use_context::<ReadOnly>().is_some_and(|r| r.0.get_untracked())
    }

    /// True while read-only (reactive); false without the context.
    pub fn is_on() -> bool {
        use_context::<ReadOnly>().is_some_and(|r| r.0.get())
    }
}

thread_local! {
    /// The page's own single-file HTML, without an embedded plan (single-file build only).
    static PRISTINE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The embedded plan, until the app takes it.
    static EMBEDDED: RefCell<Option<Embedded>> = const { RefCell::new(None) };
}

/// Call once before the app is mounted: reads and removes the embedded plan's data block (if
/// any) and, in the single-file build, keeps the page's text for sharing.
pub fn capture_at_start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(block) = document.get_element_by_id(DATA_ID) {
        let attr = |name: &str| block.get_attribute(name).unwrap_or_default();
        let text = block.text_content().unwrap_or_default();
        let plan = plan_from_json(&text).map_err(|e| e.to_string());
        let kommun = attr("data-kommun").parse::<u32>().ok().map(MemberId);
        let info = SharedInfo {
            kommun,
            scenario: parse_scenario_option(&attr("data-scenario")),
            year: attr("data-ar").parse::<Year>().ok(),
            date: attr("data-datum"),
            from: attr("data-fran"),
        };
        block.remove();
        EMBEDDED.with(|e| *e.borrow_mut() = Some(Embedded { plan, info }));
    }
    if document.get_element_by_id(WASM_ID).is_some() {
        if let Some(root) = document.document_element() {
            let html = format!("<!DOCTYPE html>\n{}", root.outer_html());
            PRISTINE.with(|p| *p.borrow_mut() = Some(html));
        }
    }
}

/// True when the page carries an embedded plan that the app has not taken yet.
pub fn has_embedded() -> bool {
    EMBEDDED.with(|e| e.borrow().is_some())
}

/// The embedded plan read by [`capture_at_start`], once.
pub fn take_embedded() -> Option<Embedded> {
    EMBEDDED.with(|e| e.borrow_mut().take())
}

/// Escapes `text` for the inside of an HTML attribute in double quotes.
fn attr_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `html` (a single-file build) with `json` embedded as the shared plan described by `info`,
/// just before `</body>`. An older embedded block is replaced.
pub fn embed(html: &str, json: &str, info: &SharedInfo) -> Result<String, String> {
    let html = remove_block(html);
    let at = html
        .rfind("</body>")
        .ok_or("samplan-filen saknar </body>")?;
    // `<` only occurs inside JSON strings, where `\u003c` means the same character.
    let data = json.replace('<', "\\u003c");
    let kommun = info.kommun.map(|m| m.0.to_string()).unwrap_or_default();
    let year = info.year.map(|y| y.to_string()).unwrap_or_default();
    let block = format!(
        "<script type=\"application/json\" id=\"{DATA_ID}\" data-kommun=\"{}\" data-scenario=\"{}\" data-ar=\"{}\" data-datum=\"{}\" data-fran=\"{}\">{data}</script>\n",
        attr_escape(&kommun),
        attr_escape(&scenario_option_value(info.scenario)),
        attr_escape(&year),
        attr_escape(&info.date),
        attr_escape(&info.from),
    );
    Ok(format!("{}{block}{}", &html[..at], &html[at..]))
}

/// `html` without an embedded plan's data block.
fn remove_block(html: &str) -> String {
    let open = format!("<script type=\"application/json\" id=\"{DATA_ID}\"");
    let Some(start) = html.find(&open) else {
        return html.to_string();
    };
    match html[start..].find("</script>") {
        Some(len) => {
            let mut end = start + len + "</script>".len();
            if html[end..].starts_with('\n') {
                end += 1;
            }
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

/// Today as local `ÅÅÅÅ-MM-DD`.
pub(crate) fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn js_reason(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "okänt fel".to_string())
}

/// The page's own single-file build: kept at start, or `samplan.html` of the hosted build
/// (answered by the service worker's cache once it is installed).
async fn single_file() -> Result<String, String> {
    if let Some(html) = PRISTINE.with(|p| p.borrow().clone()) {
        return Ok(html);
    }
    let window = web_sys::window().ok_or("inget fönster")?;
    let missing = || {
        "den här installationen av samplan har ingen enfilsversion (samplan.html) att dela"
            .to_string()
    };
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(SINGLE_FILE_URL))
        .await
        .map_err(|_| missing())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| missing())?;
    if !response.ok() {
        return Err(missing());
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(js_reason)?)
        .await
        .map_err(js_reason)?
        .as_string()
        .ok_or_else(missing)?;
    if !text.contains(&format!("id=\"{WASM_ID}\"")) {
        return Err(missing());
    }
    Ok(text)
}

/// Downloads the shared file of the open plan with the active scenario: for municipality
/// `kommun`, or the whole plan. A problem is shown in the toolbar notice.
pub fn share(kommun: Option<MemberId>) {
    let state = AppState::expect();
    let choices = Choices::expect();
    let scenario = choices.scenario_untracked();
    let (json, name, kommun_name, year) = state.plan.with_untracked(|p| {
        let kommun_name = kommun.and_then(|id| {
            p.members
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.clone())
        });
        (
            plan_to_json(p),
            p.settings.name.clone(),
            kommun_name,
            state
                .chosen_year
                .get_untracked()
                .filter(|y| p.years.contains(y))
                .or_else(|| p.years.first().copied())
                .unwrap_or(0),
        )
    });
    let info = SharedInfo {
        kommun,
        scenario,
        year: Some(year),
        date: today(),
        from: name.clone(),
    };
    let file_name = shared_file_name(&name, kommun_name.as_deref(), year);
    // The message is shown after the download, outside the click: with the click's owner.
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let result = async {
            let html = single_file().await?;
            let shared = embed(&html, &json, &info)?;
            files::download(&file_name, shared.as_bytes(), "text/html")
        }
        .await;
        match result {
            Ok(()) => {
                let text = format!(
                    "Sparad som {file_name} · kontrollkod {}",
                    check_code_of(json.as_bytes())
                );
                match &owner {
                    Some(o) => o.with(|| crate::components::Toasts::say(text)),
                    None => crate::components::Toasts::say(text),
                }
            }
            Err(e) => state
                .notice
                .set(Some(format!("Den delade filen kunde inte skapas: {e}."))),
        }
    });
}

/// "Dela med kommunen": the button of the Kommun view (hidden in a shared file), with the
/// plan's check code to write in the letter or protocol (docs/app.md, "Kontrollkod").
#[component]
pub fn ShareKommunButton() -> impl IntoView {
    let choices = Choices::expect();
    let state = AppState::expect();
    view! {
        <Show when=move || !ReadOnly::is_on()>
            <button
                type="button"
                data-testid="dela-med-kommunen"
                data-presentation="keep"
                title="Ladda ner en fil som kommunen kan öppna utan samplan: planen skrivskyddad, med kommunens vy först"
                on:click=move |_| share(untrack(|| choices.kommun()))
            >
                "Dela med kommunen"
            </button>
            <span
                class="check-code"
                data-testid="kontrollkod"
                title="Skriv koden i följebrevet eller protokollet. Den delade filen räknar fram koden igen ur planen den innehåller och visar den i sin rubrik: samma kod betyder samma plan."
            >
                "Kontrollkod " <strong>{move || state.plan.with(plan_check_code)}</strong>
            </span>
        </Show>
    }
}

/// "Dela hela planen": the plan menu's button.
#[component]
pub fn SharePlanButton() -> impl IntoView {
    view! {
        <button
            type="button"
            data-testid="dela-hela-planen"
            title="Ladda ner en fil som styrelsen kan öppna utan samplan: planen skrivskyddad, med Översikt först"
            on:click=move |_| share(None)
        >
            "Dela hela planen"
        </button>
    }
}

/// The banner of a shared file, with "Spara en kopia i mina planer" (shown instead of the
/// plan menu while read-only).
#[component]
pub fn SharedBar(
    /// The file's details.
    info: SharedInfo,
    /// Why the embedded plan could not be read, if it could not.
    problem: Option<String>,
) -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let read_only = expect_context::<ReadOnly>().0;
    let error = RwSignal::new(None::<String>);
    let scenario = info.scenario;
    let scenario_name = move || state.plan.with(|p| p.scenario_name(scenario));
    // "Från" is the plan's own name (covered by the check code), not the data block's text.
    let fallback = info.from.clone();
    let readable = problem.is_none();
    let from = move || {
        if readable {
            state.plan.with(|p| p.settings.name.clone())
        } else {
            fallback.clone()
        }
    };
    let date = info.date.clone();
    // Computed again from the plan this file holds (docs/app.md, "Kontrollkod").
    let code = Memo::new(move |_| state.plan.with(plan_check_code));
    let refused = use_context::<Refused>();
    let hint = RwSignal::new(false);
    if let Some(r) = refused {
        Effect::new(move |prev: Option<u32>| {
            let n = r.0.get();
            if prev.is_some_and(|p| p != n) {
                hint.set(true);
                set_timeout(
                    move || {
                        if r.0.try_get_untracked() == Some(n) {
                            hint.set(false);
                        }
                    },
                    std::time::Duration::from_secs(6),
                );
            }
            n
        });
    }
    let can_save = problem.is_none();
    let save = move |_| match session.adopt(state) {
        Ok(()) => {
            error.set(None);
            read_only.set(false);
        }
        Err(e) => error.set(Some(format!(
            "Planen kunde inte sparas i webbläsaren: {e}."
        ))),
    };
    view! {
        <div class="banner info shared-banner" role="status" data-testid="delad-plan">
            <span class="text">
                {move || format!(
                    "Delad plan – skrivskyddad. Från {}, {date}, scenario {}.",
                    from(),
                    scenario_name()
                )}
                <Show when=move || can_save>
                    " "
                    <span class="check-code" data-testid="delad-kontrollkod">
                        "Kontrollkod " <strong>{move || code.get()}</strong>
                    </span>
                </Show>
            </span>
            <span class="read-only-hint" role="status" data-testid="skrivskyddad-meddelande">
                {move || hint.get().then_some(READ_ONLY_TEXT)}
            </span>
            <Show when=move || can_save>
                <button type="button" class="primary" on:click=save>
                    "Spara en kopia i mina planer"
                </button>
            </Show>
        </div>
        {problem.map(|p| view! {
            <div class="banner error" role="alert">
                <span class="text">{format!("Den delade planen kunde inte läsas: {p}")}</span>
            </div>
        })}
        {move || error.get().map(|e| view! {
            <div class="banner error" role="alert"><span class="text">{e}</span></div>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> SharedInfo {
        SharedInfo {
            kommun: Some(MemberId(4)),
            scenario: None,
            year: Some(2027),
            date: "2026-11-30".into(),
            from: "Förbund \"A\" & <B>".into(),
        }
    }

    #[test]
    fn the_plan_goes_before_the_body_end_and_cannot_close_the_element() {
        let html = "<html><body><script type=\"module\">x</script></body></html>";
        let json = r#"{"a":"</script><!--"}"#;
        let out = embed(html, json, &info()).unwrap();
        assert_eq!(
            out,
            "<html><body><script type=\"module\">x</script><script type=\"application/json\" \
             id=\"samplan-delad-plan\" data-kommun=\"4\" data-scenario=\"bas\" \
             data-ar=\"2027\" data-datum=\"2026-11-30\" data-fran=\"Förbund &quot;A&quot; &amp; &lt;B&gt;\">\
             {\"a\":\"\\u003c/script>\\u003c!--\"}</script>\n</body></html>"
        );
        // Still the same JSON.
        let start = out.find('{').unwrap();
        let end = out.rfind("}</script>").unwrap() + 1;
        let back: serde_json::Value = serde_json::from_str(&out[start..end]).unwrap();
        assert_eq!(back["a"], "</script><!--");
    }

    #[test]
    fn sharing_a_shared_file_replaces_its_plan() {
        let html = "<html><body></body></html>";
        let once = embed(html, "{\"n\":1}", &info()).unwrap();
        let twice = embed(&once, "{\"n\":2}", &info()).unwrap();
        assert_eq!(twice.matches(DATA_ID).count(), 1);
        assert!(twice.contains("{\"n\":2}") && !twice.contains("{\"n\":1}"));
        assert!(embed("<html></html>", "{}", &info()).is_err());
    }
}
