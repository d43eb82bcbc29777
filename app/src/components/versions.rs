//! Version notes shown in the views (docs/budget.md "Versioner"): which decision the budget is
//! ("Beslutad 2026-11-20, § 45") and, for one municipality, what changed since the version it
//! was told about. The figures are the engine's ([`Plan::latest_adopted`], [`diff_plans`]).

use leptos::prelude::*;
use samplan_engine::{
    diff::{diff_plans, DiffSection},
    versions::VersionRef,
    MemberId, Plan, Year,
};

use crate::format;
use crate::state::AppState;

/// The decision of `year` in force and whether the draft still is it, in Swedish.
fn decided_text(p: &Plan, year: Year) -> Option<String> {
    let v = p.latest_adopted(year)?;
    Some(if p.is_unchanged_since(v.id) {
        format!("Budget {year}: {}.", v.long_label())
    } else {
        format!(
            "Budget {year}: utkastet skiljer sig från {} – se Versioner.",
            v.label()
        )
    })
}

/// "Budget 2027: Budget 2027, beslutad av styrelsen 2026-11-20, § 45." for the selected year;
/// nothing when the year has no adopted version.
#[component]
pub fn DecidedNote() -> impl IntoView {
    let state = AppState::expect();
    let text = Memo::new(move |_| {
        let y = state.year();
        state.plan.with(|p| decided_text(p, y))
    });
    move || {
        text.get()
            .map(|t| view! { <p class="hint beslutad-not" data-testid="beslutad-not">{t}</p> })
    }
}

/// What changed for `member` since the latest adopted version: its payment per year and the
/// funding, each from → to. In the shared Kommun file this is "what changed since we were
/// told" (the file carries the plan's versions).
#[component]
pub fn ChangeSinceDecided(member: Memo<Option<MemberId>>) -> impl IntoView {
    let state = AppState::expect();
    let rows = Memo::new(move |_| {
        let id = member.get()?;
        state.plan.with(|p| {
            let name = p.member(id)?.name.clone();
            let v = p.latest_adopted_any()?;
            let decided = p.content_of(VersionRef::Version(v.id)).ok()?;
            let d = diff_plans(&decided, &p.content(), &v.label(), "planen nu");
            let lines: Vec<String> = d
                .for_member(&name)
                .map(|r| {
                    let what = match r.section {
                        DiffSection::Medelstilldelning => "Medelstilldelning".to_string(),
                        _ => format!("{name} betalar"),
                    };
                    let from = r
                        .from
                        .map(|a| format::kr(samplan_engine::Amount(a)))
                        .unwrap_or_else(|| "–".into());
                    let to =
                        r.to.map(|a| format::kr(samplan_engine::Amount(a)))
                            .unwrap_or_else(|| "–".into());
                    format!(
                        "{} {what}: {from} → {to} kr ({} kr)",
                        r.year,
                        samplan_engine::format::format_signed_kr_ore(r.diff)
                    )
                })
                .collect();
            Some((v.label(), lines))
        })
    });
    move || {
        rows.get().map(|(label, lines)| {
            let heading = format!("Ändrat sedan {label}");
            view! {
                <section class="kommun-andrat" data-testid="kommun-andrat" aria-labelledby="kommun-andrat-rubrik">
                    <h3 id="kommun-andrat-rubrik">{heading}</h3>
                    {if lines.is_empty() {
                        view! { <p>"Inga ändringar för kommunen sedan beslutet."</p> }.into_any()
                    } else {
                        view! {
                            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        }
                        .into_any()
                    }}
                </section>
            }
        })
    }
}
