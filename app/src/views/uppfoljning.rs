//! **Uppföljning** (docs/app.md, 2.3): budget vs outcome for the selected year in the
//! *driftredovisning* layout — budget, utfall, avvikelse, förbrukad % and återstår per line and
//! subtotal, all from the engine's follow-up. Outcome (year-to-date and full year) is typed in
//! the grid or imported from CSV.
//!
//! The budget column is the **active scenario**'s ([`Choices`]); the outcome is the same in
//! every scenario, so typing or importing it changes the base plan.

use std::sync::Arc;

use leptos::prelude::*;
use samplan_engine::{
    csv::{OutcomeImport, OutcomeKind},
    figures::{follow_up_with, FollowUp, FollowUpRowKind, OutcomeBasis},
    format::DisplayUnit,
    Amount, Edit, LineId, Plan, Year,
};

use std::collections::BTreeSet;

use crate::choices::Choices;
use crate::components::csv_import::{count, delimiter_select, page_nav, StepRead, PREVIEW_PAGE};
use crate::components::write_cells;
use crate::components::{
    CellWrite, CsvExport, Grid, GridCell, GridColumn, GridRow, InsatsFollowUp, RowKind,
    ScenarioNote, VersionSwitch, ViewChoice, WriteErrors, XlsxExport,
};
use crate::files;
use crate::format;
use crate::state::AppState;

/// Up to this many unknown accounts are listed one by one at once; more are a group with one
/// choice for all, listed one by one on demand (a page at a time).
const FEW_UNMATCHED: usize = 10;

/// The file lines of an entry: all of a few, else the first ten and the count.
fn rows_text(rows: &[usize]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(|r| r.to_string()).collect();
    if rows.len() > 10 {
        format!("{} … ({} rader)", shown.join(", "), count(rows.len()))
    } else {
        shown.join(", ")
    }
}

/// Column of the year-to-date outcome input.
const COL_YTD: usize = 3;
/// Column of the full-year outcome input.
const COL_FINAL: usize = 4;

fn money_cell(a: Amount, unit: DisplayUnit) -> GridCell {
    GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
}

/// Rows of the follow-up grid, and the line each row may edit. `plan` holds the outcome typed
/// (the draft's lines); a line in `undecided` has no decided budget ("–").
fn layout(
    plan: &Plan,
    fu: &FollowUp,
    unit: DisplayUnit,
    undecided: &BTreeSet<LineId>,
) -> (Vec<GridRow>, Vec<Option<LineId>>) {
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, r) in fu.rows.iter().enumerate() {
        let kind = match r.kind {
            FollowUpRowKind::Heading => RowKind::Heading,
            FollowUpRowKind::Line => RowKind::Line,
            FollowUpRowKind::Subtotal => RowKind::Subtotal,
            FollowUpRowKind::Total => RowKind::Total,
        };
        let label = r.display_label();
        let mut cells = vec![
            GridCell::read_only(label.clone(), label.clone()),
            GridCell::read_only(
                r.account.clone().unwrap_or_default(),
                r.account.clone().unwrap_or_default(),
            ),
        ];
        if r.kind == FollowUpRowKind::Heading {
            cells.extend(std::iter::repeat_n(GridCell::default(), 6));
            rows.push(GridRow {
                key: format!("f-{i}"),
                kind,
                cells,
            });
            lines.push(None);
            continue;
        }
        let f = &r.figures;
        let budget = if r.line.is_some_and(|id| undecided.contains(&id)) {
            GridCell::read_only("–", "")
        } else {
            money_cell(f.budget, unit)
        };
        cells.push(budget.with_testid(format!("uppf-budget-{}", r.label)));
        // Outcome inputs: on the line's first row (a split line shows its whole outcome there).
        let editable_line = r.line.filter(|id| seen.insert(*id));
        match editable_line.and_then(|id| plan.line(id)) {
            Some(line) => {
                let o = line.outcome.get(&fu.year).copied().unwrap_or_default();
                let whole = if line.is_split() {
                    " (hela posten)"
                } else {
                    ""
                };
                for (value, what) in [(o.ytd, "Ack. utfall"), (o.final_amount, "Utfall helår")] {
                    let (d, e, c) = match value {
                        Some(a) => (
                            format::money(a, unit),
                            format::money_edit(a, unit),
                            format::money_copy(a, unit),
                        ),
                        None => (String::new(), String::new(), String::new()),
                    };
                    cells.push(GridCell::editable(
                        d,
                        e,
                        c,
                        format!("{what} {}{whole} {}", line.name, fu.year),
                    ));
                }
            }
            None => {
                cells.push(GridCell::default());
                cells.push(GridCell::default());
            }
        }
        let outcome_known = r.has_outcome;
        cells.push(
            if outcome_known {
                money_cell(f.deviation, unit)
            } else {
                GridCell::default()
            }
            .with_testid(format!("uppf-avvikelse-{}", r.label)),
        );
        let used = if outcome_known {
            format::percent_opt(f.used_percent)
        } else {
            String::new()
        };
        cells.push(
            GridCell::read_only(used.clone(), used)
                .with_testid(format!("uppf-forbrukad-{}", r.label)),
        );
        cells.push(money_cell(f.remaining, unit).with_testid(format!("uppf-aterstar-{}", r.label)));
        rows.push(GridRow {
            key: format!("f-{i}"),
            kind,
            cells,
        });
        lines.push(editable_line);
    }
    (rows, lines)
}

/// The Uppföljning tab.
#[component]
pub fn UppfoljningView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    // The base plan: outcome edits are built from it (outcome is not a scenario override).
    let plan = state.plan;
    let unit = state.unit;
    let year = Memo::new(move |_| state.year());
    let basis = RwSignal::new(OutcomeBasis::Best);
    // Which version's budget (docs/budget.md "Vyerna och beslutet"): the decision in force by
    // default; `None` = the draft's (or the active scenario's) own report.
    let version = ViewChoice::new();
    let shown = version.report();

    // The follow-up of the shown budget.
    let fu = Memo::new(move |_| {
        let y = year.get();
        let b = basis.get();
        if let Some(f) = shown.with(|v| v.as_ref().and_then(|v| v.follow_up(y, b))) {
            return f;
        }
        // The budget books the decided total; the outcome what the members actually pay.
        let (budget_income, paid) = choices.report.with(|r| {
            r.year(y)
                .map(|yr| {
                    let paid = yr
                        .allocation
                        .as_ref()
                        .map(|a| a.members_total())
                        .unwrap_or(yr.budget.member_income);
                    (yr.budget.member_income, paid)
                })
                .unwrap_or_default()
        });
        choices
            .resolved
            .with(|p| follow_up_with(p, y, b, budget_income, paid))
    });
    let built = Memo::new(move |_| {
        let u = unit.get();
        if shown.with(Option::is_some) {
            // The decided budget beside the draft's outcome (typed into the draft's lines).
            let c = version.get();
            return plan.with(|p| {
                let undecided = p.lines_without_decided_budget(fu.with(|f| f.year), c);
                fu.with(|f| layout(p, f, u, &undecided))
            });
        }
        choices
            .resolved
            .with(|p| fu.with(|f| layout(p, f, u, &BTreeSet::new())))
    });
    let rows = Memo::new(move |_| built.with(|b| b.0.clone()));
    let columns = Signal::derive(move || {
        let u = unit.get().label();
        vec![
            GridColumn {
                header: "Post".into(),
                numeric: false,
                class: "col-wide",
            },
            GridColumn {
                header: "Konto".into(),
                numeric: false,
                class: "col-narrow",
            },
            GridColumn {
                header: format!("Budget ({u})"),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format!("Ack. utfall ({u})"),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format!("Utfall helår ({u})"),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format!("Avvikelse ({u})"),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: "Förbrukad".into(),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format!("Återstår ({u})"),
                numeric: true,
                class: "",
            },
        ]
    });
    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let u = unit.get_untracked();
        let y = year.get_untracked();
        let lines = built.with_untracked(|b| b.1.clone());
        // Each edit sees the previous ones (ytd and final of one line pasted together touch the
        // same outcome); the write is one undo step.
        write_cells(
            state,
            &writes,
            |row| lines.get(row).copied().flatten(),
            |p, &id, col, text| {
                let t = text.trim();
                let value = if t.is_empty() {
                    None
                } else {
                    Some(format::parse_money_in(t, u)?)
                };
                let edit = match col {
                    COL_YTD => Edit::set_outcome_ytd(p, id, y, value),
                    COL_FINAL => Edit::set_outcome_final(p, id, y, value),
                    _ => return Ok(None),
                };
                edit.map(Some).map_err(|e| e.to_string())
            },
        )
    });

    let basis_radio = move |b: OutcomeBasis, text: &'static str| {
        view! {
            <label>
                <input
                    type="radio"
                    name="utfallsbas"
                    prop:checked=move || basis.get() == b
                    on:change=move |_| basis.set(b)
                />
                {text}
            </label>
        }
    };

    let export = Callback::new(move |()| {
        let (y, b) = (year.get_untracked(), basis.get_untracked());
        if let Some(bytes) = shown.with_untracked(|v| {
            v.as_ref()
                .and_then(|v| v.plan_of(y))
                .map(|p| samplan_engine::csv::export_follow_up_csv(p, None, y, b))
        }) {
            return bytes;
        }
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::csv::export_follow_up_csv(p, scenario, y, b))
    });
    view! {
        <section class="view" aria-labelledby="uppfoljning-rubrik">
            <h2 id="uppfoljning-rubrik">"Uppföljning " {move || year.get()}</h2>
            <VersionSwitch choice=version id="uppf-version" />
            <ScenarioNote text="Budgeten är scenariots. Utfallet (ack. utfall, utfall helår och import) gäller alla scenarier." />
            {move || {
                let y = year.get();
                let error = |r: &samplan_engine::Report| {
                    r.year(y)
                        .and_then(|yr| yr.allocation.as_ref().err())
                        .map(|e| {
                            format!(
                                "Fördelningen {y} kan inte beräknas: {e}. Medel från huvudmännen, intäkter och resultat saknar därför värde."
                            )
                        })
                };
                match shown.with(|v| v.as_ref().map(|v| error(&v.report))) {
                    Some(e) => e,
                    None => choices.report.with(error),
                }
                .map(|msg| view! { <p class="problem" role="alert">{msg}</p> })
            }}
            <div class="form-row">
                <fieldset class="field radios">
                    <legend>"Jämför budget med"</legend>
                    {basis_radio(OutcomeBasis::Best, "Utfall helår om det finns, annars ack. utfall")}
                    {basis_radio(OutcomeBasis::YearToDate, "Ack. utfall")}
                    {basis_radio(OutcomeBasis::Final, "Utfall helår")}
                </fieldset>
                <p class="hint">
                    "Avvikelse = budget − utfall för kostnader (positivt = under budget) och utfall − budget för intäkter. "
                    "Förbrukad = utfall / budget. Återstår = budget − utfall."
                </p>
            </div>
            <div class="row-actions">
                <OutcomeImportButton year=year />
                <CsvExport label="Exportera uppföljning (CSV)" what="uppföljning" bytes=export />
                <XlsxExport label="Exportera uppföljning (.xlsx)" what="uppföljning" bytes=crate::components::table_xlsx(samplan_engine::xlsx::XlsxTable::Uppfoljning) />
            </div>
            <Grid
                id="uppfoljning-grid"
                caption=Signal::derive(move || format!("Driftredovisning {} ({})", year.get(), unit.get().label()))
                columns=columns
                rows=rows
                on_write=on_write
            />
            <crate::components::PrognosPanel />
            <InsatsFollowUp />
        </section>
    }
}

/// Outcome CSV import for the selected year: preview, mapping or ignoring of accounts that
/// match no line (never silently dropped), then one edit.
#[component]
fn OutcomeImportButton(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let input = NodeRef::<leptos::html::Input>::new();
    let file = RwSignal::new(None::<(String, Vec<u8>)>);
    let kind = RwSignal::new(OutcomeKind::YearToDate);
    // The file is the year's final ledger: budgeted lines absent from it get outcome 0
    // (docs/csv.md); offered for a final outcome and for a year that has ended.
    let final_ledger = RwSignal::new(false);
    let delimiter = RwSignal::new(None::<u8>);
    // Shared, not copied, by every redraw of the preview (an import of 100 000 unknown
    // accounts is large); changed in place by the choices.
    let import = RwSignal::new(None::<Result<Arc<OutcomeImport>, String>>);
    let done = RwSignal::new(None::<String>);

    // The file is read in steps ([`StepRead`]) and checked against the plan; again when the
    // kind of outcome, the final ledger or the delimiter is chosen.
    let reading = StepRead::new();
    let read = move || {
        let Some(name) = file.with_untracked(|f| f.as_ref().map(|(n, _)| n.clone())) else {
            return;
        };
        import.set(None);
        let y = year.get_untracked();
        let done = move |t: Result<
            samplan_engine::csv::CsvTable,
            samplan_engine::csv::CsvError,
        >| {
            let r = t
                .map_err(samplan_engine::csv::PlanCsvError::from)
                .and_then(|t| {
                    plan.with_untracked(|p| {
                        samplan_engine::csv::read_outcome_table(&t, p, y, kind.get_untracked())
                    })
                })
                .map(|mut i| {
                    i.set_final_ledger(final_ledger.get_untracked());
                    Arc::new(i)
                })
                .map_err(|e| format!("\"{name}\" kunde inte importeras: {e}. Inget har ändrats."));
            import.set(Some(r));
        };
        file.with_untracked(|f| {
            if let Some((_, bytes)) = f {
                reading.read(bytes, delimiter.get_untracked(), done);
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let chosen = files::on_file_chosen(&ev, move |name, bytes| match bytes {
            Ok(b) => {
                reading.cancel();
                import.set(None);
                let big = reading.announce(&name, &b);
                file.set(Some((name, b)));
                if !big {
                    read();
                }
            }
            Err(e) => import.set(Some(Err(format!("\"{name}\" kunde inte läsas: {e}")))),
        });
        if chosen {
            done.set(None);
        }
    };
    let close = move || {
        reading.cancel();
        file.set(None);
        import.set(None);
        final_ledger.set(false);
    };
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let ledger_offer = move || {
        import.with(|i| match i {
            Some(Ok(imp)) if imp.offers_final_ledger(this_year) => {
                Some(plan.with(|p| imp.final_ledger_note(p)))
            }
            _ => None,
        })
    };
    let confirm = move |_| {
        let Some(Ok(imp)) = import.get_untracked() else {
            return;
        };
        let result = state.edit(|p| imp.to_edit(p));
        match result {
            Ok(()) => {
                done.set(Some(format!(
                    "Utfall importerat för {} poster. Ångra med Ctrl+Z.",
                    count(imp.matched.len())
                )));
                close();
            }
            Err(e) => import.set(Some(Err(format!("Importen kunde inte göras: {e}")))),
        }
    };
    let line_names = Memo::new(move |_| {
        plan.with(|p| {
            p.lines
                .iter()
                .map(|l| (l.id, l.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let resolve = move |key: String, choice: String| {
        import.update(|i| {
            if let Some(Ok(imp)) = i {
                let imp = Arc::make_mut(imp);
                if choice == "ignorera" {
                    imp.ignore(&key);
                } else if let Ok(n) = choice.parse::<u32>() {
                    imp.map(&key, LineId(n));
                }
            }
        });
    };
    // Bounded work (docs/app.md "Imports"): one page of matched lines, the unknown accounts
    // as one group with one choice for all ("Ignorera alla"), each account only on demand and a
    // page at a time.
    let matched_page = RwSignal::new(0usize);
    let unmatched_page = RwSignal::new(0usize);
    let one_by_one = RwSignal::new(false);
    let ignore_all = move || {
        import.update(|i| {
            if let Some(Ok(imp)) = i {
                Arc::make_mut(imp).ignore_all();
            }
        });
        unmatched_page.set(0);
    };

    view! {
        <button type="button" on:click=move |_| {
            if let Some(i) = input.get() {
                i.click();
            }
        }>"Importera utfall (CSV)"</button>
        <input
            type="file"
            class="visually-hidden"
            accept=".csv,.txt,text/csv"
            tabindex="-1"
            aria-label="Importera utfall (CSV)"
            node_ref=input
            on:change=on_file
        />
        {move || done.get().map(|d| view! { <p class="hint" role="status">{d}</p> })}
        {reading.view("Import av utfall", Callback::new(move |()| read()), Callback::new(move |()| close()))}
        {move || {
            import.get().map(|r| {
                let body = match r {
                    Err(e) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                    Ok(imp) => {
                        let unit = state.unit.get_untracked();
                        let names = line_names.get_untracked();
                        let name_of = move |id: LineId| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default();
                        let n_unmatched = imp.unmatched.len();
                        let can_apply = n_unmatched == 0;
                        // Redrawn on a page change or "Välj konto för konto".
                        matched_page.track();
                        unmatched_page.track();
                        one_by_one.track();
                        let skipped = (!imp.skipped.is_empty()).then(|| {
                            let rows = imp.skipped.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
                            let which = if imp.skipped.len() == 1 { "Rad" } else { "Raderna" };
                            format!("{which} {rows} saknar belopp och hoppas över (inget utfall, inte 0 kr).")
                        });
                        view! {
                            <p>
                                {format!("{} {} får {} {}.", count(imp.matched.len()), if imp.matched.len() == 1 { "post" } else { "poster" }, imp.target_label(), imp.year)}
                            </p>
                            {skipped.map(|t| view! { <p class="hint" role="status">{t}</p> })}
                            <div class="table-wrap preview">
                                <table class="data">
                                    <caption>"Utfall som importeras"</caption>
                                    <thead><tr><th scope="col">"Post"</th><th scope="col" class="num">{format::with_unit("Utfall", unit)}</th><th scope="col">"Rader i filen"</th></tr></thead>
                                    <tbody>
                                        {imp.matched.iter().skip(matched_page.get_untracked() * PREVIEW_PAGE).take(PREVIEW_PAGE).map(|m| view! {
                                            <tr>
                                                <th scope="row">{name_of(m.line)}</th>
                                                <td class="num">{format::money(m.amount, unit)}</td>
                                                <td>{rows_text(&m.rows)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {page_nav(imp.matched.len(), matched_page, "poster")}
                            {(!can_apply).then(|| view! {
                                <p role="alert">"Konton eller poster i filen som inte finns i planen – koppla dem till en post eller ignorera dem:"</p>
                            })}
                            {(!imp.unmatched.is_empty()).then(|| {
                                let n = imp.unmatched.len();
                                let sum = imp.unmatched_sum().map(format::kr).unwrap_or_else(|| "mycket stor".into());
                                view! {
                                    <p class="unmatched-group">
                                        {format!("{} konton eller poster saknas i planen (summa {sum} kr). ", count(n))}
                                        <button type="button" on:click=move |_| ignore_all()>
                                            {format!("Ignorera alla {}", count(n))}
                                        </button>
                                        {(n > FEW_UNMATCHED).then(|| view! {
                                            " "
                                            <button type="button" aria-expanded=move || one_by_one.get().to_string() on:click=move |_| one_by_one.update(|o| *o = !*o)>
                                                "Välj konto för konto"
                                            </button>
                                        })}
                                    </p>
                                }
                            })}
                            <Show when=move || { n_unmatched > FEW_UNMATCHED && one_by_one.get() }>
                                {page_nav(n_unmatched, unmatched_page, "konton")}
                            </Show>
                            <ul class="unmatched">
                                {(n_unmatched <= FEW_UNMATCHED || one_by_one.get_untracked()).then(|| imp.unmatched.iter().skip(unmatched_page.get_untracked() * PREVIEW_PAGE).take(PREVIEW_PAGE).map(|u| {
                                    let key = u.key.clone();
                                    let label = format!("{} ({} kr, rad {})", u.key, format::kr(u.amount), rows_text(&u.rows));
                                    let options = line_names.get_untracked();
                                    view! {
                                        <li>
                                            <label class="inline">
                                                {label.clone()}
                                                <select aria-label=format!("Koppla {}", u.key) on:change=move |ev| resolve(key.clone(), event_target_value(&ev))>
                                                    <option value="" selected=true>"Välj…"</option>
                                                    <option value="ignorera">"Ignorera"</option>
                                                    {options.into_iter().map(|(id, n)| view! { <option value=id.0.to_string()>{n}</option> }).collect_view()}
                                                </select>
                                            </label>
                                        </li>
                                    }
                                }).collect_view())}
                                {if imp.ignored.len() <= FEW_UNMATCHED {
                                    imp.ignored.iter().map(|u| view! { <li class="muted">{format!("{} ignoreras ({} kr)", u.key, format::kr(u.amount))}</li> }).collect_view().into_any()
                                } else {
                                    let sum = imp.ignored_sum().map(format::kr).unwrap_or_else(|| "mycket stor".into());
                                    view! { <li class="muted">{format!("{} konton eller poster ignoreras (summa {sum} kr)", count(imp.ignored.len()))}</li> }.into_any()
                                }}
                            </ul>
                            <button type="button" class="primary" prop:disabled=!can_apply on:click=confirm>"Verkställ import"</button>
                        }.into_any()
                    }
                };
                view! {
                    <div class="panel" role="region" aria-label="Import av utfall">
                        {body}
                        <label class="inline">
                            "Filen innehåller "
                            <select on:change=move |ev| {
                                kind.set(match event_target_value(&ev).as_str() {
                                    "helar" => OutcomeKind::Final,
                                    "prognos" => OutcomeKind::Forecast,
                                    _ => OutcomeKind::YearToDate,
                                });
                                read();
                            }>
                                <option value="ack" selected=move || kind.get() == OutcomeKind::YearToDate>"Ack. utfall"</option>
                                <option value="helar" selected=move || kind.get() == OutcomeKind::Final>"Utfall helår"</option>
                                <option value="prognos" selected=move || kind.get() == OutcomeKind::Forecast>"Prognos helår"</option>
                            </select>
                        </label>
                        {move || ledger_offer().map(|note| view! {
                            <label class="inline">
                                <input
                                    type="checkbox"
                                    data-testid="slutlig-huvudbok"
                                    prop:checked=move || final_ledger.get()
                                    on:change=move |ev| {
                                        final_ledger.set(event_target_checked(&ev));
                                        read();
                                    }
                                />
                                " Filen är årets slutliga huvudbok (poster med budget som saknas får utfall 0 kr)"
                            </label>
                            <p class="hint" role="status" data-testid="slutlig-huvudbok-text">{note.unwrap_or_default()}</p>
                        })}
                        {delimiter_select(delimiter, Callback::new(move |()| read()))}
                        <button type="button" on:click=move |_| close()>"Avbryt"</button>
                    </div>
                }
            })
        }}
    }
}
