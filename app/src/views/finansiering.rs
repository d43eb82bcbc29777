//! **Finansiering** (docs/app.md, 2.2): the year's *medelstilldelning* (total or the state's
//! amount), party shares, rounding, the key between the municipalities and each member's key
//! values; amounts, change vs the previous year, kr per invånare and the
//! *avrundningsdifferens* come from the engine's report.
//!
//! The view shows the **active scenario** ([`Choices`]); medelstilldelning, statens belopp,
//! party shares, member rounding, the municipal key and the key values are edited as its
//! overrides. The rounding unit, the population source, adding and removing members and the
//! members import change the base plan (marked "gäller alla scenarier").

use leptos::prelude::*;
use samplan_engine::{
    format_decimal, Allocation, DisplayUnit, Edit, EditBatch, FundingInput, Key, KeyValueColumn,
    MemberAction, MemberId, MemberKind, MemberRounding, Party, Plan, Report, RoundingUnit, Setting,
    Year, YearKeys, KEY_CHOICES,
};

use crate::choices::Choices;
use crate::components::{
    shared_title, CellWrite, CsvExport, CsvImport, Grid, GridCell, GridColumn, GridRow,
    ImportPreview, LiveInput, RowKind, ScenarioNote, SharedNote, WriteErrors,
};
use crate::format;
use crate::state::{report_problem, AppState};

/// The Finansiering tab for the selected year.
#[component]
pub fn FinansieringView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let year = Memo::new(move |_| state.year());
    let allocation = Memo::new(move |_| {
        let y = year.get();
        choices.report.with(|r| {
            r.year(y).map(|yr| {
                yr.allocation.clone().map_err(|e| match e.awaits_input() {
                    true => (true, samplan_engine::allocation_problem_text(y, &e)),
                    false => (false, e.to_string()),
                })
            })
        })
    });
    let ok_allocation = Memo::new(move |_| allocation.with(|a| a.clone().and_then(Result::ok)));

    let total_text = Signal::derive(move || {
        ok_allocation.with(|a| a.as_ref().map(|a| format::kr(a.total)).unwrap_or_default())
    });
    let on_total = Callback::new(move |text: String| {
        let amount = format::parse_money_in(&text, DisplayUnit::Kr)?;
        let y = year.get_untracked();
        let scenario = choices.scenario_untracked();
        state.apply_live("medelstilldelning", |p| {
            Edit::set_funding(p, scenario, y, FundingInput::Total(amount))
        })
    });
    let state_text = Signal::derive(move || {
        ok_allocation.with(|a| {
            a.as_ref()
                .and_then(|a| a.party(Party::Staten))
                .map(|p| format::kr(p.amount))
                .unwrap_or_default()
        })
    });
    let on_state = Callback::new(move |text: String| {
        let amount = format::parse_money_in(&text, DisplayUnit::Kr)?;
        let y = year.get_untracked();
        let scenario = choices.scenario_untracked();
        state.apply_live("statens-belopp", |p| {
            Edit::set_funding(p, scenario, y, FundingInput::State(amount))
        })
    });
    let on_done = Callback::new(move |()| state.close_group());
    let funding_mode = Memo::new(move |_| {
        let y = year.get();
        let scenario = choices.scenario();
        let own = plan.with(|p| {
            scenario
                .and_then(|id| p.scenario(id))
                .filter(|s| s.overrides.funding.contains_key(&y))
                .map(|s| {
                    format!(
                        " Scenariot {} har en egen medelstilldelning för {y}.",
                        s.name
                    )
                })
                .unwrap_or_default()
        });
        let mode = choices.resolved.with(|p| match p.year_input(y).funding {
            FundingInput::Total(_) => "Anges som total medelstilldelning.".to_string(),
            FundingInput::State(_) => "Anges som statens belopp; totalen räknas fram.".to_string(),
            FundingInput::PreviousPlusPercent(pc) => format!(
                "Räknas fram som föregående års medelstilldelning {} %. Skriv ett belopp för att ange det direkt.",
                samplan_engine::format_signed_percent_edit(pc)
            ),
        });
        mode + &own
    });

    let rounding = Memo::new(move |_| choices.resolved.with(|p| p.settings.rounding));
    let set_rounding = move |r: MemberRounding| {
        let scenario = choices.scenario_untracked();
        report_problem(state.edit(|p| Edit::set_setting(p, scenario, Setting::Rounding(r))));
    };
    let unit_setting = Memo::new(move |_| plan.with(|p| p.settings.unit.kronor()));
    let set_unit = move |text: String| {
        let Ok(unit) = text.parse::<RoundingUnit>() else {
            return;
        };
        report_problem(state.edit(|p| Edit::set_setting(p, None, Setting::Unit(unit))));
    };

    view! {
        <section class="view" aria-labelledby="finansiering-rubrik">
            <h2 id="finansiering-rubrik">"Finansiering " {move || year.get()}</h2>
            <ScenarioNote text="Medelstilldelning, statens belopp, partsandelar, avrundning per medlem, fördelningsnyckel och nyckelvärden ändras bara i scenariot. Det som är märkt ”gäller alla scenarier” ändrar basplanen." />
            <div class="form-row">
                <div class="field">
                    <label for="medelstilldelning">"Medelstilldelning (kr)"</label>
                    <LiveInput id="medelstilldelning" class="num" value=total_text on_text=on_total on_done=on_done />
                </div>
                <div class="field">
                    <label for="statens-belopp">"Statens belopp (kr)"</label>
                    <LiveInput id="statens-belopp" class="num" value=state_text on_text=on_state on_done=on_done />
                </div>
                <fieldset class="field radios">
                    <legend>"Avrundning per medlem"</legend>
                    <label>
                        <input
                            type="radio"
                            name="avrundning"
                            prop:checked=move || rounding.get() == MemberRounding::Each
                            on:change=move |_| set_rounding(MemberRounding::Each)
                        />
                        "Var för sig (avrundningsdifferens visas)"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="avrundning"
                            prop:checked=move || rounding.get() == MemberRounding::Balanced
                            on:change=move |_| set_rounding(MemberRounding::Balanced)
                        />
                        "Balanserad (summerar exakt)"
                    </label>
                </fieldset>
                <div class="field">
                    <label for="avrundningsenhet">"Avrundningsenhet"</label>
                    <select
                        id="avrundningsenhet"
                        title=shared_title("avrundningsenheten kan inte ändras i ett scenario")
                        on:change=move |ev| set_unit(event_target_value(&ev))
                    >
                        {RoundingUnit::ALL
                            .into_iter()
                            .map(RoundingUnit::kronor)
                            .map(|u| {
                                view! {
                                    <option value=u.to_string() selected=move || unit_setting.get() == u>
                                        {format!("{} kr", format_decimal(u.into(), 0))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <SharedNote />
                </div>
            </div>
            <p class="hint">{move || funding_mode.get()}</p>
            {move || {
                allocation
                    .get()
                    .and_then(Result::err)
                    .map(|(hint, msg)| match hint {
                        true => view! { <p class="hint" role="status" data-testid="fordelning-vantar">{msg}</p> }.into_any(),
                        false => view! { <p class="problem" role="alert">"Fördelningen kan inte beräknas: " {msg}</p> }.into_any(),
                    })
            }}
            <FinansieringFiles year=year />
            <PartyGrid allocation=ok_allocation year=year />
            <AllowDifference year=year />
            <KeySettings year=year />
            <KommunGrid year=year />
            {crate::components::financing_chart_view()}
        </section>
    }
}

/// Rows of the party grid.
fn party_rows(a: &Allocation, unit: DisplayUnit) -> Vec<GridRow> {
    let mut rows: Vec<GridRow> = a
        .parties
        .iter()
        .map(|p| {
            let label = p.party.label();
            let share = format::percent_edit(p.share);
            let per = p
                .kr_per_inhabitant
                .map(|k| format_decimal(k, 2))
                .unwrap_or_else(|| "–".into());
            GridRow {
                key: label.to_string(),
                kind: RowKind::Line,
                cells: vec![
                    GridCell::read_only(label, label),
                    GridCell::editable(
                        format::percent(p.share),
                        share.clone(),
                        share,
                        format!("Andel {label}"),
                    ),
                    GridCell::read_only(
                        format::money(p.amount, unit),
                        format::money_copy(p.amount, unit),
                    )
                    .with_testid(format!("part-{label}")),
                    GridCell::read_only(
                        format::money(p.members_sum, unit),
                        format::money_copy(p.members_sum, unit),
                    ),
                    GridCell::read_only(
                        if p.deviation {
                            format!(
                                "{} (avvikelse från partens andel)",
                                format::money(p.rounding_difference, unit)
                            )
                        } else {
                            format::money(p.rounding_difference, unit)
                        },
                        format::money_copy(p.rounding_difference, unit),
                    )
                    .with_testid(format!("avrundningsdifferens-{label}")),
                    GridCell::read_only(per.clone(), per),
                ],
            }
        })
        .collect();
    rows.push(GridRow {
        key: "summa".into(),
        kind: RowKind::Subtotal,
        cells: vec![
            GridCell::read_only("Summa", "Summa"),
            GridCell::read_only("", ""),
            GridCell::read_only(
                format::money(a.total, unit),
                format::money_copy(a.total, unit),
            )
            .with_testid("medelstilldelning-summa"),
            GridCell::read_only(
                format::money(a.members_total(), unit),
                format::money_copy(a.members_total(), unit),
            ),
            GridCell::read_only(
                if a.parties.iter().any(|p| p.deviation) {
                    format!(
                        "{} (varav avvikelse från partens andel)",
                        format::money(a.rounding_difference(), unit)
                    )
                } else {
                    format::money(a.rounding_difference(), unit)
                },
                format::money_copy(a.rounding_difference(), unit),
            )
            .with_testid("avrundningsdifferens"),
            GridCell::read_only("", ""),
        ],
    });
    rows
}

/// The parties: share (editable), amount, members' sum, rounding difference, kr per invånare.
#[component]
fn PartyGrid(
    /// The selected year's allocation (`None` when it cannot be computed).
    allocation: Memo<Option<Allocation>>,
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let unit = state.unit;
    let rows = Memo::new(move |_| {
        let u = unit.get();
        allocation.with(|a| a.as_ref().map(|a| party_rows(a, u)).unwrap_or_default())
    });
    let columns = Signal::derive(move || {
        let u = unit.get();
        vec![
            GridColumn {
                header: "Part".into(),
                numeric: false,
                class: "",
            },
            GridColumn {
                header: "Andel (%)".into(),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format::with_unit("Belopp", u),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format::with_unit("Summa medlemmar", u),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: format::with_unit("Avrundningsdifferens", u),
                numeric: true,
                class: "",
            },
            GridColumn {
                header: "Kr per invånare".into(),
                numeric: true,
                class: "",
            },
        ]
    });
    let choices = Choices::expect();
    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let scenario = choices.scenario_untracked();
        let mut shares = choices.resolved.with_untracked(|p| p.settings.shares);
        let mut errors = Vec::new();
        for w in &writes {
            let Some(party) = Party::ALL.get(w.row).copied() else {
                continue;
            };
            if w.col != 1 {
                continue;
            }
            match format::parse_percent_text(&w.text) {
                Ok(v) => shares.set(party, v),
                Err(e) => errors.push((w.row, w.col, e)),
            }
        }
        if errors.is_empty() {
            if let Err(e) = state.edit(|p| Edit::set_setting(p, scenario, Setting::Shares(shares)))
            {
                errors.extend(writes.iter().map(|w| (w.row, w.col, e.clone())));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    });
    view! {
        <Grid
            id="parter-grid"
            caption=Signal::derive(move || format!("Parter {}", year.get()))
            columns=columns
            rows=rows
            on_write=on_write
        />
    }
}

/// The key between the municipalities and the population source, in force from the selected
/// year on ("gäller <år> och framåt"); in a scenario the key is the scenario's for every year.
#[component]
fn KeySettings(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let key = Memo::new(move |_| {
        let y = year.get();
        choices.resolved.with(|p| p.settings.kommun_key_for(y))
    });
    let key_choice = move || key.with(Key::choice_id);
    let set_key = move |choice: String| {
        let Some(k) = Key::from_choice_id(&choice) else {
            return;
        };
        let scenario = choices.scenario_untracked();
        let y = year.get_untracked();
        report_problem(state.edit(|p| match scenario {
            None => Ok(Edit::set_kommun_key_from(p, y, k)),
            Some(_) => Edit::set_setting(p, scenario, Setting::KommunKey(k)),
        }));
    };
    let source = Signal::derive(move || {
        let y = year.get();
        plan.with(|p| p.settings.population_source_for(y))
    });
    let on_source = Callback::new(move |text: String| {
        let y = year.get_untracked();
        state.apply_live("källa", |p| {
            Ok(Edit::set_year_keys_from(
                p,
                y,
                &YearKeys {
                    population_source: Some(text.trim().to_string()),
                    ..YearKeys::default()
                },
            ))
        })
    });
    let scope = move || match choices.scenario() {
        None => format!("gäller {} och framåt", year.get()),
        Some(_) => "gäller scenariots alla år".to_string(),
    };
    let done = Callback::new(move |()| state.close_group());
    view! {
        <div class="form-row">
            <div class="field">
                <label for="kommunnyckel">
                    "Fördelningsnyckel mellan kommunerna "
                    <span class="hint" data-testid="nyckel-giltighet">{scope}</span>
                </label>
                // `prop:value` too: once the user has picked an option, the options' `selected`
                // attributes no longer move the selection when the year changes.
                <select
                    id="kommunnyckel"
                    prop:value=key_choice
                    on:change=move |ev| set_key(event_target_value(&ev))
                >
                    {KEY_CHOICES
                        .into_iter()
                        .map(|(v, text)| view! { <option value=v selected=move || key_choice() == v>{text}</option> })
                        .collect_view()}
                    <Show when=move || key_choice() == "blandad">
                        <option value="blandad" selected=true>{move || key.get().label()}</option>
                    </Show>
                </select>
            </div>
            <div class="field">
                <label for="befolkningskalla">
                    "Källa och datum för invånarantal "
                    <span class="hint">{move || format!("gäller {} och framåt", year.get())}</span>
                </label>
                <LiveInput id="befolkningskalla" value=source on_text=on_source on_done=done />
                <SharedNote />
            </div>
        </div>
    }
}

/// "Godta avvikelse från partens andel": the board decided Belopp that do not add up to the
/// party's amount (base plan, the selected year).
#[component]
fn AllowDifference(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let checked = Memo::new(move |_| {
        let y = year.get();
        plan.with(|p| p.year_input(y).allow_difference)
    });
    let toggle = move |on: bool| {
        let y = year.get_untracked();
        report_problem(state.edit(|p| Ok(Edit::set_allow_difference(p, y, on))));
    };
    view! {
        <div class="form-row">
            <label class="inline" title=shared_title("valet gäller basplanen och alla scenarier")>
                <input
                    type="checkbox"
                    id="tillat-avvikelse"
                    prop:checked=move || checked.get()
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                {move || format!(
                    " Godta avvikelse från partens andel {} (beslutade belopp som inte summerar till partens belopp)",
                    year.get()
                )}
            </label>
            <SharedNote />
        </div>
    }
}

/// The municipality grid: rows, and the member of each row.
fn kommun_rows(
    plan: &Plan,
    report: &Report,
    year: Year,
    unit: DisplayUnit,
) -> (Vec<GridRow>, Vec<Option<MemberId>>, Vec<KeyValueColumn>) {
    let cols = plan.settings.kommun_key_for(year).value_columns();
    let this = report.year(year).and_then(|y| y.allocation.as_ref().ok());
    let prev_year = plan.previous_year(year);
    let prev = prev_year
        .and_then(|py| report.year(py))
        .and_then(|y| y.allocation.as_ref().ok());
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    let money = |a: samplan_engine::Amount| {
        GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
    };
    for m in plan
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun && m.is_active(year))
    {
        let v = m.values_for(year);
        let name = &m.name;
        let mut cells = vec![GridCell::read_only(name.clone(), name.clone())];
        for c in &cols {
            cells.push(match c {
                KeyValueColumn::Population => {
                    let t = v
                        .population
                        .map(|n| format_decimal(n.into(), 0))
                        .unwrap_or_default();
                    let copy = v.population.map(|n| n.to_string()).unwrap_or_default();
                    GridCell::editable(t.clone(), t, copy, format!("Invånare {name}"))
                }
                KeyValueColumn::Percent => {
                    let t = v.percent.map(format::percent_edit).unwrap_or_default();
                    GridCell::editable(t.clone(), t.clone(), t, format!("Andel {name}"))
                }
                KeyValueColumn::Amount => {
                    let (d, e, c) = match v.amount {
                        Some(a) => (
                            format::money(a, unit),
                            format::money_edit(a, unit),
                            format::money_copy(a, unit),
                        ),
                        None => Default::default(),
                    };
                    GridCell::editable(d, e, c, format!("Fast belopp {name}"))
                }
            });
        }
        let result = this.and_then(|a| a.member_by_id(m.id));
        let amount = result.map(|r| r.amount);
        cells.push(
            amount
                .map(money)
                .unwrap_or_default()
                .with_testid(format!("belopp-{name}")),
        );
        let before = prev.and_then(|a| a.member_by_id(m.id)).map(|r| r.amount);
        cells.push(
            before
                .map(money)
                .unwrap_or_else(|| GridCell::read_only("–", "")),
        );
        match this.zip(prev).and_then(|(a, b)| a.change_of(b, m.id)) {
            Some(d) => cells.push(money(d).with_testid(format!("forandring-{name}"))),
            None => cells.push(GridCell::read_only("–", "")),
        }
        let s = format::percent_opt(result.and_then(|r| r.share_of_total));
        cells.push(GridCell::read_only(s.clone(), s).with_testid(format!("andel-{name}")));
        let s = format::percent_opt(result.and_then(|r| r.share_of_party));
        cells.push(GridCell::read_only(s.clone(), s));
        rows.push(GridRow {
            key: format!("m-{}", m.id.0),
            kind: RowKind::Line,
            cells,
        });
        ids.push(Some(m.id));
    }
    // Sum rows.
    let party = this.and_then(|a| a.party(Party::Kommuner));
    let blank = || GridCell::read_only("", "");
    let mut sum = vec![GridCell::read_only("Summa", "Summa")];
    for c in &cols {
        sum.push(match (c, party.and_then(|p| p.population)) {
            (KeyValueColumn::Population, Some(n)) => {
                GridCell::read_only(format_decimal(n.into(), 0), n.to_string())
            }
            _ => blank(),
        });
    }
    sum.push(
        party
            .map(|p| money(p.members_sum))
            .unwrap_or_default()
            .with_testid("summa-kommuner"),
    );
    let prev_party = prev.and_then(|a| a.party(Party::Kommuner));
    sum.push(
        prev_party
            .map(|p| money(p.members_sum))
            .unwrap_or_else(blank),
    );
    sum.push(
        this.zip(prev)
            .and_then(|(a, b)| a.party_change(b, Party::Kommuner))
            .map(money)
            .unwrap_or_else(blank),
    );
    sum.push(blank());
    sum.push(blank());
    rows.push(GridRow {
        key: "summa".into(),
        kind: RowKind::Subtotal,
        cells: sum,
    });
    ids.push(None);
    let mut diff = vec![GridCell::read_only(
        "Avrundningsdifferens",
        "Avrundningsdifferens",
    )];
    diff.extend(cols.iter().map(|_| blank()));
    diff.push(
        party
            .map(|p| money(p.rounding_difference))
            .unwrap_or_default()
            .with_testid("avrundningsdifferens-kommuner"),
    );
    diff.extend([blank(), blank(), blank(), blank()]);
    rows.push(GridRow {
        key: "differens".into(),
        kind: RowKind::Subtotal,
        cells: diff,
    });
    ids.push(None);
    (rows, ids, cols)
}

/// The municipalities: key values (editable), amount, previous year, change and shares.
#[component]
fn KommunGrid(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    // The base plan (with its scenarios): edits are built from it and members added to it.
    let plan = state.plan;
    let unit = state.unit;
    // What the grid shows: the active scenario's key values and amounts.
    let built = Memo::new(move |_| {
        let y = year.get();
        let u = unit.get();
        choices
            .resolved
            .with(|p| choices.report.with(|r| kommun_rows(p, r, y, u)))
    });
    let rows = Memo::new(move |_| built.with(|b| b.0.clone()));
    let columns = Signal::derive(move || {
        let u = unit.get();
        let prev = plan.with(|p| p.previous_year(year.get()));
        let mut cols = vec![GridColumn {
            header: "Kommun".into(),
            numeric: false,
            class: "",
        }];
        built.with(|b| {
            for c in &b.2 {
                cols.push(GridColumn {
                    header: match c {
                        KeyValueColumn::Population => "Invånare".into(),
                        KeyValueColumn::Percent => "Andel av kommunernas del (%)".into(),
                        KeyValueColumn::Amount => format::with_unit("Fast belopp", u),
                    },
                    numeric: true,
                    class: "",
                });
            }
        });
        cols.push(GridColumn {
            header: format::with_unit("Belopp", u),
            numeric: true,
            class: "",
        });
        cols.push(GridColumn {
            header: match prev {
                Some(py) => format::with_unit(&format!("Belopp {py}"), u),
                None => format::with_unit("Föregående år", u),
            },
            numeric: true,
            class: "",
        });
        cols.push(GridColumn {
            header: format::with_unit("Förändring", u),
            numeric: true,
            class: "",
        });
        cols.push(GridColumn {
            header: "Andel av total".into(),
            numeric: true,
            class: "",
        });
        cols.push(GridColumn {
            header: "Andel av kommunerna".into(),
            numeric: true,
            class: "",
        });
        cols
    });
    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let u = unit.get_untracked();
        let y = year.get_untracked();
        let scenario = choices.scenario_untracked();
        let (ids, cols) = built.with_untracked(|b| (b.1.clone(), b.2.clone()));
        let mut batch = plan.with_untracked(EditBatch::new);
        let mut errors = Vec::new();
        for w in &writes {
            let Some(Some(id)) = ids.get(w.row).copied() else {
                continue;
            };
            let Some(col) = w.col.checked_sub(1).and_then(|c| cols.get(c).copied()) else {
                continue;
            };
            let t = w.text.trim();
            let pushed = match col {
                KeyValueColumn::Population => {
                    let v = if t.is_empty() {
                        Ok(None)
                    } else {
                        samplan_engine::parse_count(t)
                            .map(Some)
                            .map_err(|e| e.message())
                    };
                    v.and_then(|v| {
                        batch
                            .push(|p| Edit::set_population(p, scenario, id, y, v))
                            .map_err(|e| e.to_string())
                    })
                }
                KeyValueColumn::Percent => {
                    let v = if t.is_empty() {
                        Ok(None)
                    } else {
                        format::parse_percent_text(t).map(Some)
                    };
                    v.and_then(|v| {
                        batch
                            .push(|p| Edit::set_member_percent(p, scenario, id, y, v))
                            .map_err(|e| e.to_string())
                    })
                }
                KeyValueColumn::Amount => {
                    let v = if t.is_empty() {
                        Ok(None)
                    } else {
                        format::parse_money_in(t, u).map(Some)
                    };
                    v.and_then(|v| {
                        batch
                            .push(|p| Edit::set_member_amount(p, scenario, id, y, v))
                            .map_err(|e| e.to_string())
                    })
                }
            };
            if let Err(reason) = pushed {
                errors.push((w.row, w.col, reason));
            }
        }
        if let Err(reason) = state.apply_batch(batch) {
            errors.extend(writes.iter().map(|w| (w.row, w.col, reason.clone())));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    });

    let selection = RwSignal::new((0usize, 1usize));
    let selected_member = Memo::new(move |_| {
        let (r, _) = selection.get();
        built.with(|b| b.1.get(r).copied().flatten())
    });
    let new_name = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let add = move || {
        let name = new_name.get_untracked();
        match state.edit(|p| Edit::add_named_member(p, &name, MemberKind::Kommun)) {
            Ok(()) => {
                add_error.set(None);
                new_name.set(String::new());
            }
            Err(reason) => add_error.set(Some(reason)),
        }
    };
    let remove = move |_| {
        if let Some(id) = selected_member.get_untracked() {
            let name = plan
                .with_untracked(|p| p.member(id).map(|m| m.name.clone()))
                .unwrap_or_default();
            report_problem(crate::components::Toasts::after(
                state.edit(|p| Edit::remove_member(p, id)),
                format!("{name} togs bort ur medlemmarna."),
            ));
        }
    };
    let selected_name = move || {
        selected_member
            .get()
            .and_then(|id| plan.with(|p| p.member(id).map(|m| m.name.clone())))
    };

    view! {
        <Grid
            id="kommuner-grid"
            caption=Signal::derive(move || {
                let y = year.get();
                let key = choices.resolved.with(|p| p.settings.kommun_key_for(y).label());
                format!("Kommuner {y} – nyckel: {key}")
            })
            columns=columns
            rows=rows
            on_write=on_write
            selection=selection
        />
        <div class="row-actions" role="group" aria-label="Kommuner">
            <label class="inline">
                "Ny kommun "
                <input
                    type="text"
                    aria-label="Namn på ny kommun"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            add();
                        }
                    }
                />
            </label>
            <button
                type="button"
                title=shared_title("kommunen läggs till i basplanen och alla scenarier")
                on:click=move |_| add()
            >
                "Lägg till kommun"
            </button>
            <button
                type="button"
                class="danger"
                title=shared_title("kommunen tas bort ur basplanen och alla scenarier")
                on:click=remove
                prop:disabled=move || selected_member.get().is_none()
            >
                {move || match selected_name() {
                    Some(n) => format!("Ta bort {n}"),
                    None => "Ta bort kommun".to_string(),
                }}
            </button>
            <SharedNote />
            <span class="field-error" role="alert">{move || add_error.get()}</span>
        </div>
    }
}

/// Members CSV import (key values for the selected year) and the allocation export.
#[component]
fn FinansieringFiles(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let parse = Callback::new(move |(bytes, delimiter): (Vec<u8>, Option<u8>)| {
        let y = year.get_untracked();
        let import =
            samplan_engine::read_members_csv(&bytes, delimiter).map_err(|e| e.to_string())?;
        let (edit, actions) = plan
            .with_untracked(|p| import.to_edit(p, y))
            .map_err(|e| e.to_string())?;
        let fmt_opt = |v: Option<String>| v.unwrap_or_default();
        let rows = import
            .members
            .iter()
            .zip(&actions)
            .map(|(m, a)| {
                vec![
                    m.name.clone(),
                    m.kind.map(|k| k.label().to_string()).unwrap_or_default(),
                    fmt_opt(m.population.map(|n| format_decimal(n.into(), 0))),
                    fmt_opt(m.percent.map(format::percent)),
                    fmt_opt(m.amount.map(format::kr)),
                    match a {
                        MemberAction::Update => format!("Nyckelvärden {y} ersätts"),
                        MemberAction::Add => "Ny medlem".to_string(),
                    },
                ]
            })
            .collect();
        let added = actions.iter().filter(|a| **a == MemberAction::Add).count();
        Ok(ImportPreview {
            summary: vec![
                format!("{} medlemmar i filen", import.members.len()),
                format!("{added} nya"),
                format!("fördelningsnyckel: {}", import.kommun_key.label()),
            ],
            headers: ["Medlem", "Typ", "Invånare", "Andel", "Belopp (kr)", "Åtgärd"].map(String::from).to_vec(),
            rows,
            notes: std::iter::once(format!("Medlemmar som inte finns i filen behålls oförändrade. Värdena gäller {y} och framåt."))
                .chain(choices.scenario_untracked().map(|id| format!(
                    "Importen ändrar basplanen och gäller alla scenarier, inte bara {}.",
                    plan.with_untracked(|p| p.scenario_name(Some(id)))
                )))
                .collect(),
            edit,
            alternative: None,
        })
    });
    let export = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::export_allocation_csv(p, scenario))
    });
    view! {
        <div class="row-actions" role="group" aria-label="Filer för finansiering">
            <CsvImport label="Importera medlemmar (CSV)" parse=parse />
            <CsvExport label="Exportera fördelning (CSV)" what="fördelning" bytes=export />
        </div>
    }
}
