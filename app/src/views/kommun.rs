//! **Kommun** (docs/app.md, 2.2): one municipality's page — what it pays in each plan year and
//! why (key, its own key value, the population's reference date and source, the municipal
//! quarter, kr per invånare, its share of the quarter and of T), the change vs the previous
//! year, the *avrundningsdifferens*, its *andel* of the association's costs, result and equity,
//! and the budget lines (interventions) located in it. Printable as one A4 page ("Skriv ut")
//! and exportable as CSV; the figures are the engine's [`MunicipalityReport`] for the active
//! scenario.

use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    allocation::{Key, KeyMethod, MemberKind, Party},
    format::{format_decimal, format_signed_money, format_signed_percent, DisplayUnit},
    municipality::{
        municipality_csv, municipality_report, municipality_report_view, MunicipalityReport,
        MunicipalityYear,
    },
    Amount, Year,
};

use crate::choices::Choices;
use crate::components::{CsvExport, VersionSwitch, ViewChoice, XlsxExport};
use crate::format;
use crate::print::print_page;
use crate::state::AppState;

/// One row of the per-year table: a label and one text per plan year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KommunRow {
    /// Row header, with the unit where it holds money.
    pub label: String,
    /// Test-id stem; cells are `kommun-<slug>-<year>`.
    pub slug: &'static str,
    /// CSS class of the row (`total`, `pres-hide`, …).
    pub class: &'static str,
    /// One text per plan year.
    pub cells: Vec<String>,
}

/// Swedish genitive of a name: `Älvstads`, `Norrfors`.
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

/// "Kommunernas del" / "Regionens del" / "Statens del".
fn party_part(party: Party) -> &'static str {
    match party {
        Party::Staten => "Statens del",
        Party::Region => "Regionens del",
        Party::Kommuner => "Kommunernas del",
    }
}

/// The same noun in the genitive plural for "… invånare" / "kr per invånare, …".
fn party_noun(party: Party) -> &'static str {
    match party {
        Party::Staten => "staten",
        Party::Region => "regionerna",
        Party::Kommuner => "kommunerna",
    }
}

fn membership(y: &MunicipalityYear) -> &'static str {
    match (y.is_member, y.joins, y.leaves) {
        (false, _, _) => "Nej",
        (true, true, true) => "Ja (in- och utträder)",
        (true, true, false) => "Ja (inträder)",
        (true, false, true) => "Ja (utträder)",
        (true, false, false) => "Ja",
    }
}

const DASH: &str = "–";

/// The rows of the per-year table (pure: from the engine's report to display text).
pub fn kommun_rows(r: &MunicipalityReport, unit: DisplayUnit) -> Vec<KommunRow> {
    let u = unit.label();
    let money = |a: Option<Amount>| a.map(|a| format::money(a, unit)).unwrap_or(DASH.into());
    let pct = |p: Option<Decimal>| p.map(format::percent).unwrap_or(DASH.into());
    let count = |n: Option<u64>| {
        n.map(|n| format_decimal(Decimal::from(n), 0))
            .unwrap_or(DASH.into())
    };
    let kr2 = |k: Option<Decimal>| k.map(|k| format_decimal(k, 2)).unwrap_or(DASH.into());
    let party = r.years.first().map(|y| y.party).unwrap_or(Party::Kommuner);
    let noun = party_noun(party);
    let row = |label: String,
               slug: &'static str,
               class: &'static str,
               f: &dyn Fn(&MunicipalityYear) -> String| KommunRow {
        label,
        slug,
        class,
        cells: r.years.iter().map(f).collect(),
    };
    let any = |f: &dyn Fn(&MunicipalityYear) -> bool| r.years.iter().any(f);

    let mut rows = vec![
        row("Medlem".into(), "medlem", "pres-hide", &|y| {
            membership(y).into()
        }),
        row(format!("Belopp ({u})"), "belopp", "total", &|y| {
            money(y.amount)
        }),
        row(
            format!("Förändring mot föregående år ({u})"),
            "forandring",
            "",
            &|y| {
                y.change
                    .map(|c| format_signed_money(c.value(), unit))
                    .unwrap_or(DASH.into())
            },
        ),
        row("Förändring (%)".into(), "forandring-procent", "", &|y| {
            y.change_percent
                .map(format_signed_percent)
                .unwrap_or(DASH.into())
        }),
        row("Fördelningsnyckel".into(), "nyckel", "", &|y| {
            y.key_label.clone()
        }),
    ];
    if any(&|y| y.population.is_some()) {
        rows.push(row("Invånare".into(), "invanare", "", &|y| {
            count(y.population)
        }));
    }
    if any(&|y| y.key_percent.is_some()) {
        rows.push(row(
            "Andel enligt nyckeln".into(),
            "nyckelandel",
            "",
            &|y| pct(y.key_percent),
        ));
    }
    if any(&|y| y.fixed_amount.is_some()) {
        rows.push(row(format!("Fast belopp ({u})"), "fast-belopp", "", &|y| {
            money(y.fixed_amount)
        }));
    }
    if any(&|y| y.population_source.is_some()) {
        rows.push(row(
            "Befolkningsuppgift (källa, datum)".into(),
            "kalla",
            "",
            &|y| y.population_source.clone().unwrap_or(DASH.into()),
        ));
    }
    rows.push(row(
        format!("Medelstilldelning ({u})"),
        "medelstilldelning",
        "",
        &|y| money(y.total),
    ));
    // The board's request, where it differs from the decided total.
    if any(&|y| y.requested.is_some_and(|a| Some(a) != y.total)) {
        rows.push(row(format!("Äskande ({u})"), "askande", "", &|y| {
            money(y.requested)
        }));
    }
    rows.push(row(
        format!("{} ({u})", party_part(party)),
        "partens-del",
        "",
        &|y| money(y.party_amount),
    ));
    if any(&|y| y.party_population.is_some()) {
        rows.push(row(
            format!("Invånare, {noun}"),
            "partens-invanare",
            "",
            &|y| count(y.party_population),
        ));
    }
    if any(&|y| y.kr_per_inhabitant.is_some()) {
        rows.push(row(
            format!("Kronor per invånare, {noun}"),
            "kr-per-invanare",
            "",
            &|y| kr2(y.kr_per_inhabitant),
        ));
    }
    if any(&|y| y.own_kr_per_inhabitant.is_some()) {
        rows.push(row(
            format!("Kronor per invånare, {}", r.name),
            "egen-kr-per-invanare",
            "pres-hide",
            &|y| kr2(y.own_kr_per_inhabitant),
        ));
    }
    rows.push(row(
        format!("Andel av {}", party_part(party).to_lowercase()),
        "andel-av-parten",
        "",
        &|y| pct(y.share_of_party),
    ));
    // The andel's basis (docs/allocation.md): the key's share, or the paid share.
    let basis = r
        .years
        .iter()
        .find_map(|y| y.share_basis)
        .map(|b| format!(" ({})", b.label()))
        .unwrap_or_default();
    rows.push(row(
        format!("Andel av medelstilldelningen{basis}"),
        "andel-av-total",
        "",
        &|y| pct(y.share_of_total),
    ));
    rows.push(row(
        format!("Avrundningsdifferens, {noun} ({u})"),
        "avrundningsdifferens",
        "",
        &|y| {
            if y.deviation {
                format!(
                    "{} (avvikelse från partens andel)",
                    money(y.rounding_difference)
                )
            } else {
                money(y.rounding_difference)
            }
        },
    ));
    rows.push(row(
        format!("Andel av verksamhetens kostnader ({u})"),
        "andel-kostnader",
        "",
        &|y| money(y.share_of_costs),
    ));
    rows.push(row(
        format!("Andel av årets resultat ({u})"),
        "andel-resultat",
        "",
        &|y| money(y.share_of_result),
    ));
    rows.push(row(
        format!("Andel av eget kapital vid årets slut ({u})"),
        "andel-eget-kapital",
        "",
        &|y| money(y.share_of_equity),
    ));
    rows.push(row(
        "Resultatet räknas på".into(),
        "resultatbas",
        "",
        &|y| {
            match y.result_basis {
                samplan_engine::figures::ResultBasis::Budget => "budget",
                samplan_engine::figures::ResultBasis::Outcome => "utfall",
                samplan_engine::figures::ResultBasis::Typed => "angivet resultat",
                samplan_engine::figures::ResultBasis::ClosingEquity => "angivet eget kapital",
                samplan_engine::figures::ResultBasis::Forecast => "prognos",
            }
            .to_string()
        },
    ));
    if any(&|y| y.allocation_error.is_some()) {
        rows.push(row("Fördelningen".into(), "fel", "problem-row", &|y| {
            y.allocation_error
                .as_ref()
                .map(|e| format!("kan inte beräknas: {e}"))
                .unwrap_or_default()
        }));
    }
    rows
}

/// One sentence or three saying why the municipality pays what it pays in `year`.
pub fn why_text(r: &MunicipalityReport, year: Year, unit: DisplayUnit) -> Option<String> {
    let y = r.year(year)?;
    let name = &r.name;
    if !y.is_member {
        return Some(format!("{name} är inte medlem {year}."));
    }
    if let Some(e) = &y.allocation_error {
        return Some(format!("Fördelningen {year} kan inte beräknas: {e}."));
    }
    let u = unit.label();
    let money = |a: Amount| format!("{} {u}", format::money(a, unit));
    let amount = y.amount?;
    let mut out = String::new();
    if let (Some(t), Some(k)) = (y.total, y.party_amount) {
        out.push_str(&format!(
            "{year} är medelstilldelningen {} och {} {}. ",
            money(t),
            party_part(y.party).to_lowercase(),
            money(k)
        ));
    }
    let noun = party_noun(y.party);
    let share_party = format::percent_opt(y.share_of_party);
    let single = match &y.key {
        Key::Mix(parts) if parts.len() == 1 => Some(parts[0].method),
        _ => None,
    };
    let key_text = match (&y.key, single) {
        (Key::Amount, _) => format!(
            "{name} betalar ett fast belopp enligt beslut{}. ",
            y.fixed_amount
                .map(|f| format!(" ({})", money(f)))
                .unwrap_or_default()
        ),
        (_, Some(KeyMethod::Population)) => {
            let source = y
                .population_source
                .as_ref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let pop = y
                .population
                .map(|n| format_decimal(Decimal::from(n), 0))
                .unwrap_or(DASH.into());
            let total_pop = y
                .party_population
                .map(|n| format_decimal(Decimal::from(n), 0))
                .unwrap_or(DASH.into());
            let per = y
                .kr_per_inhabitant
                .map(|k| format!(", {} kr per invånare", format_decimal(k, 2)))
                .unwrap_or_default();
            format!(
                "Den fördelas efter invånare{source}: {name} har {pop} av {noun}s {total_pop} invånare, {share_party} av {}{per}. ",
                party_part(y.party).to_lowercase()
            )
        }
        (_, Some(KeyMethod::Percent)) => format!(
            "Den fördelas med fasta andelar: {} andel är {}. ",
            genitive(name),
            format::percent_opt(y.key_percent)
        ),
        (_, Some(KeyMethod::Equal)) => format!("Den fördelas i lika delar mellan {noun}. "),
        _ => format!(
            "Den fördelas enligt nyckeln {}: {} andel är {share_party}. ",
            y.key_label,
            genitive(name)
        ),
    };
    out.push_str(&key_text);
    out.push_str(&format!(
        "{name} betalar {}, {} av medelstilldelningen.",
        money(amount),
        format::percent_opt(y.share_of_total)
    ));
    if let (Some(c), Some(p)) = (y.change, y.change_percent) {
        out.push_str(&format!(
            " Det är {} {u} ({}) jämfört med året före.",
            format_signed_money(c.value(), unit),
            format_signed_percent(p)
        ));
    }
    Some(out)
}

/// The Kommun tab.
#[component]
pub fn KommunView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let year = Memo::new(move |_| state.year());

    let kommuner = Memo::new(move |_| {
        plan.with(|p| {
            p.members
                .iter()
                .filter(|m| m.kind == MemberKind::Kommun)
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let member = Memo::new(move |_| choices.kommun());
    // Which version each year shows (docs/budget.md "Vyerna och beslutet"): the decision in
    // force by default; a scenario is the draft's.
    let version = ViewChoice::new();
    let report = Memo::new(move |_| {
        let scenario = choices.scenario();
        let m = member.get()?;
        let c = version.get();
        Some(plan.with(|p| {
            if scenario.is_some() {
                municipality_report(p, scenario, m)
            } else {
                municipality_report_view(p, c, m)
            }
            .map_err(|e| e.to_string())
        }))
    });
    // Each year's source label (`Beslutad 2026-11-20, § 45` or `Utkast`), when the plan has
    // decisions.
    let sources = Memo::new(move |_| {
        let c = version.get();
        plan.with(|p| {
            p.has_adopted().then(|| {
                p.years
                    .iter()
                    .map(|y| p.source_label(p.year_source(*y, c)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let ok = Memo::new(move |_| report.with(|r| r.clone().and_then(Result::ok)));
    let name = move || ok.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());

    let export = Callback::new(move |()| {
        ok.with_untracked(|r| r.as_ref().map(municipality_csv).unwrap_or_default())
    });

    view! {
        <section class="view kommun-view" aria-labelledby="kommun-rubrik">
            <h2 id="kommun-rubrik">
                "Kommun"
                {move || ok.with(|r| r.as_ref().map(|r| format!(": {}", r.name)))}
            </h2>
            <div class="form-row kommun-controls">
                <div class="field">
                    <label for="kommun-val">"Kommun"</label>
                    <select
                        id="kommun-val"
                        data-testid="kommun-val"
                        data-presentation="keep"
                        on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse::<u32>() {
                                choices.set_kommun(samplan_engine::MemberId(id));
                            }
                        }
                    >
                        {move || {
                            let chosen = member.get();
                            kommuner
                                .get()
                                .into_iter()
                                .map(|(id, n)| {
                                    view! {
                                        <option value=id.0.to_string() selected=Some(id) == chosen>
                                            {n}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="row-actions kommun-actions">
                    <button type="button" class="primary" data-testid="kommun-skriv-ut" data-presentation="keep" on:click=move |_| print_page()>
                        "Skriv ut"
                    </button>
                    {move || {
                        let what = format!("kommun {}", name());
                        view! {
                            <span data-presentation="keep">
                                <CsvExport label="Exportera CSV" what=what.clone() bytes=export />
                                " "
                                {member.get_untracked().map(|id| view! {
                                    <XlsxExport label="Exportera .xlsx" what=what.clone() bytes=crate::components::table_xlsx(samplan_engine::xlsx::XlsxTable::Kommun(id)) />
                                })}
                            </span>
                        }
                    }}
                    <crate::shared::ShareKommunButton />
                </div>
            </div>
            <VersionSwitch choice=version id="kommun-version" across=true />
            {move || match report.get() {
                None => view! { <p class="muted">"Planen har inga kommuner."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                Some(Ok(_)) => view! { <KommunReport report=ok year=year sources=sources /> }.into_any(),
            }}
            <crate::components::ChangeSinceDecided member=member />
        </section>
    }
}

/// The report part of the page (shown when there is a municipality).
#[component]
fn KommunReport(
    /// The municipality's report.
    report: Memo<Option<MunicipalityReport>>,
    /// The selected year (highlighted, and the year of the "why" text).
    year: Memo<Year>,
    /// Each plan year's version label, when the plan has decisions.
    sources: Memo<Option<Vec<String>>>,
) -> impl IntoView {
    let state = AppState::expect();
    let unit = state.unit;
    let years = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.years.iter().map(|y| y.year).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| {
        let u = unit.get();
        let mut rows = report.with(|r| r.as_ref().map(|r| kommun_rows(r, u)).unwrap_or_default());
        if let Some(labels) = sources.get() {
            rows.insert(
                0,
                KommunRow {
                    label: "Budget enligt".into(),
                    slug: "version",
                    class: "",
                    cells: labels,
                },
            );
        }
        rows
    });
    let why = Memo::new(move |_| {
        let (y, u) = (year.get(), unit.get());
        report.with(|r| r.as_ref().and_then(|r| why_text(r, y, u)))
    });
    let name = move || report.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let meta = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    let mut parts = vec![
                        format!("Förbund: {}", r.association),
                        format!("Scenario: {}", r.scenario_name),
                        format!("Belopp i {}", unit.get().label()),
                    ];
                    if let Some(f) = r.first_year {
                        parts.push(format!("Medlem från {f}"));
                    }
                    if let Some(l) = r.last_year {
                        parts.push(format!("Medlem till och med {l}"));
                    }
                    parts.join(" · ")
                })
                .unwrap_or_default()
        })
    };
    let year_headers = move || {
        let selected = year.get();
        years
            .get()
            .into_iter()
            .map(|y| view! { <th scope="col" class="num" class:current=y == selected>{y}</th> })
            .collect_view()
    };

    view! {
        <p class="kommun-meta" data-testid="kommun-meta">{meta}</p>
        <p class="kommun-why" data-testid="kommun-varfor">{move || why.get()}</p>
        <table class="data kommun-table" data-testid="kommun-tabell">
            <caption>{move || format!("Vad {} betalar per år och varför", name())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Per år"</th>
                    {year_headers}
                </tr>
            </thead>
            <tbody>
                {move || {
                    let selected = year.get();
                    let ys = years.get();
                    rows.get()
                        .into_iter()
                        .map(|row| {
                            let cells = row
                                .cells
                                .into_iter()
                                .zip(ys.iter().copied())
                                .map(|(text, y)| {
                                    view! {
                                        <td
                                            class="num"
                                            class:current=y == selected
                                            data-testid=format!("kommun-{}-{y}", row.slug)
                                        >
                                            {text}
                                        </td>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr class=row.class>
                                    <th scope="row">{row.label}</th>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        <KommunLines report=report year=year />
        <p class="hint kommun-note">
            "Medlemmens andel av medelstilldelningen är också dess andel av förbundets kostnader, "
            "tillgångar och skulder (Finsam 9 § p. 8). Andelarna av kostnader, resultat och eget kapital "
            "är räknade med den andelen. Avrundningsdifferensen är summan av kommunernas avrundade "
            "belopp minus kommunernas del."
        </p>
    }
}

/// The budget lines located in the municipality, per year, with their sum.
#[component]
fn KommunLines(
    /// The municipality's report.
    report: Memo<Option<MunicipalityReport>>,
    /// The selected year (highlighted).
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let unit = state.unit;
    view! {
        {move || {
            let u = unit.get();
            let selected = year.get();
            report.with(|r| {
                let r = r.as_ref()?;
                let years: Vec<Year> = r.years.iter().map(|y| y.year).collect();
                if r.lines.is_empty() {
                    return Some(
                        view! {
                            <p class="muted" data-testid="kommun-inga-insatser">
                                {format!(
                                    "Inga poster i budgeten är kopplade till {}. Koppla en post i Budget, kolumnen Kommun.",
                                    r.name
                                )}
                            </p>
                        }
                            .into_any(),
                    );
                }
                let head = years
                    .iter()
                    .map(|y| {
                        view! {
                            <th scope="col" class="num" class:current=*y == selected>
                                {format::with_unit(&y.to_string(), u)}
                            </th>
                        }
                    })
                    .collect_view();
                let body = r
                    .lines
                    .iter()
                    .map(|l| {
                        let cells = years
                            .iter()
                            .map(|y| {
                                view! {
                                    <td class="num" class:current=*y == selected>
                                        {format::money(l.amount(*y), u)}
                                    </td>
                                }
                            })
                            .collect_view();
                        view! {
                            <tr>
                                <td class="pres-hide">{l.account.clone().unwrap_or_default()}</td>
                                <th scope="row">{l.name.clone()}</th>
                                <td class="pres-hide">{l.category_label.clone()}</td>
                                {cells}
                                <td class="pres-hide note">{l.note.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let sums = years
                    .iter()
                    .map(|y| {
                        view! {
                            <td class="num" class:current=*y == selected data-testid=format!("kommun-insatser-summa-{y}")>
                                {r.lines_total(*y).map_or_else(|| "–".to_string(), |a| format::money(a, u))}
                            </td>
                        }
                    })
                    .collect_view();
                Some(
                    view! {
                        <table class="data kommun-lines" data-testid="kommun-insatser">
                            <caption>{format!("Insatser i {} (budgetposter)", r.name)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="pres-hide">"Konto"</th>
                                    <th scope="col">"Post"</th>
                                    <th scope="col" class="pres-hide">"Kategori"</th>
                                    {head}
                                    <th scope="col" class="pres-hide">"Notering"</th>
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                            <tfoot>
                                <tr class="sum">
                                    <td class="pres-hide"></td>
                                    <th scope="row">"Summa"</th>
                                    <td class="pres-hide"></td>
                                    {sums}
                                    <td class="pres-hide"></td>
                                </tr>
                            </tfoot>
                        </table>
                    }
                        .into_any(),
                )
            })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::example_plan;

    fn report_of(name: &str) -> MunicipalityReport {
        let plan = example_plan();
        let id = plan
            .members
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.id)
            .expect("example member");
        municipality_report(&plan, None, id).expect("report")
    }

    #[test]
    fn rows_have_one_cell_per_year_and_units_in_labels() {
        let r = report_of("Älvstad");
        let rows = kommun_rows(&r, DisplayUnit::Kr);
        for row in &rows {
            assert_eq!(row.cells.len(), r.years.len(), "row {}", row.label);
        }
        let belopp = rows.iter().find(|r| r.slug == "belopp").expect("belopp");
        assert_eq!(belopp.label, "Belopp (kr)");
        assert!(rows.iter().any(|r| r.slug == "invanare"));
        assert!(rows.iter().any(|r| r.slug == "kalla"));
        let tkr = kommun_rows(&r, DisplayUnit::Tkr);
        assert!(tkr.iter().any(|r| r.label == "Belopp (tkr)"));
        // The first year has no change.
        let change = rows
            .iter()
            .find(|r| r.slug == "forandring")
            .expect("change");
        assert_eq!(change.cells[0], DASH);
    }

    #[test]
    fn why_text_names_key_source_and_amount() {
        let r = report_of("Älvstad");
        let y = r.years[1].year;
        let text = why_text(&r, y, DisplayUnit::Kr).expect("text");
        assert!(text.contains("efter invånare (SCB"), "{text}");
        assert!(text.contains("Älvstad betalar"), "{text}");
        assert!(text.contains("jämfört med året före"), "{text}");
    }

    #[test]
    fn genitive_of_names() {
        assert_eq!(genitive("Älvstad"), "Älvstads");
        assert_eq!(genitive("Norrfors"), "Norrfors");
    }
}
