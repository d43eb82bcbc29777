//! **Budget** (docs/app.md, 2.3): the budget grid — lines × years grouped by category, with the
//! subtotals and results of the engine's report; add, delete and move lines; split lines
//! edited as percentages per category.
//!
//! The grid shows the **active scenario** ([`Choices`]): its amounts and figures, and typed
//! amounts become the scenario's overrides (a cleared cell drops the override, so the base
//! plan's amount applies again). Names, accounts, categories, splits and adding, deleting or
//! moving lines change the base plan, i.e. every scenario.

use leptos::prelude::*;
use samplan_engine::{
    Amount, BudgetFigures, BudgetLine, Category, Edit, LineField, LineId, Plan, Report, ScenarioId,
    SplitShare,
};

use crate::choices::Choices;
use crate::components::{
    shared_title, CellWrite, CsvExport, CsvImport, Grid, GridCell, GridColumn, GridRow,
    ImportPreview, ScenarioNote, SharedNote, WriteErrors,
};
use crate::format;
use crate::state::{report_problem, AppState};

/// Columns before the years: Post (row header), Konto, Kategori.
const FIXED_COLS: usize = 3;

/// What a grid row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowRef {
    /// A budget line.
    Line(LineId),
    /// A heading, subtotal or total (read-only).
    Other,
}

/// A group of lines in the grid.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Category(Category),
    Split,
    Uncategorized,
}

impl Group {
    fn of(line: &BudgetLine) -> Group {
        if line.is_split() {
            Group::Split
        } else {
            match line.category {
                Some(c) => Group::Category(c),
                None => Group::Uncategorized,
            }
        }
    }

    fn label(self) -> String {
        match self {
            Group::Category(c) => c.label().to_string(),
            Group::Split => "Fördelade poster (delas mellan kategorier)".to_string(),
            Group::Uncategorized => "Utan kategori".to_string(),
        }
    }
}

/// The row layout: which rows the grid has and what they stand for.
fn layout(
    plan: &Plan,
    report: &Report,
    unit: samplan_engine::DisplayUnit,
) -> (Vec<GridRow>, Vec<RowRef>) {
    let years = &plan.years;
    let mut rows = Vec::new();
    let mut refs = Vec::new();
    let figures: Vec<Option<&BudgetFigures>> = years
        .iter()
        .map(|y| report.year(*y).map(|r| &r.budget))
        .collect();

    let empty_cells = |n: usize| vec![GridCell::default(); n];
    let push_heading =
        |rows: &mut Vec<GridRow>, refs: &mut Vec<RowRef>, key: String, label: String| {
            let mut cells = vec![GridCell::read_only(label.clone(), label)];
            cells.extend(empty_cells(FIXED_COLS - 1 + years.len()));
            rows.push(GridRow {
                key,
                class: "group",
                cells,
            });
            refs.push(RowRef::Other);
        };
    // Years whose allocation fails: the members' revenue, income and results are unknown.
    let failed: Vec<bool> = years
        .iter()
        .map(|y| report.year(*y).is_some_and(|r| r.allocation.is_err()))
        .collect();
    let figure_row = |key: String,
                      label: &str,
                      class: &'static str,
                      pick: &dyn Fn(&BudgetFigures) -> Amount,
                      needs_funding: bool| {
        let mut cells = vec![
            GridCell::read_only(label, label),
            GridCell::default(),
            GridCell::default(),
        ];
        for ((y, f), failed) in years.iter().zip(&figures).zip(&failed) {
            let cell = if needs_funding && *failed {
                GridCell::read_only("–", "")
            } else {
                let a = f.map(pick).unwrap_or_default();
                GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
            };
            cells.push(cell.with_testid(format!("budget-{label}-{y}")));
        }
        GridRow { key, class, cells }
    };
    let sum_row =
        |key: String, label: &str, class: &'static str, pick: &dyn Fn(&BudgetFigures) -> Amount| {
            figure_row(key, label, class, pick, false)
        };
    let income_row =
        |key: String, label: &str, class: &'static str, pick: &dyn Fn(&BudgetFigures) -> Amount| {
            figure_row(key, label, class, pick, true)
        };
    let line_row = |line: &BudgetLine| {
        let name = line.name.clone();
        let mut cells = vec![
            GridCell::editable(
                name.clone(),
                name.clone(),
                name.clone(),
                format!("Post {name}"),
            ),
            {
                let acc = line.account.clone().unwrap_or_default();
                GridCell::editable(acc.clone(), acc.clone(), acc, format!("Konto {name}"))
            },
        ];
        if line.is_split() {
            let text = line
                .split
                .iter()
                .map(|s| {
                    format!(
                        "{} % {}",
                        format::percent_edit(s.percent),
                        s.category.label()
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ");
            cells.push(GridCell::read_only(text.clone(), text));
        } else {
            let cat = line
                .category
                .map(|c| c.label().to_string())
                .unwrap_or_default();
            cells.push(GridCell::editable(
                cat.clone(),
                cat.clone(),
                cat,
                format!("Kategori {name}"),
            ));
        }
        for y in years {
            let a = line.amounts.get(y).copied();
            let (display, edit, copy) = match a {
                Some(a) => (
                    format::money(a, unit),
                    format::money_edit(a, unit),
                    format::money_copy(a, unit),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            cells.push(
                GridCell::editable(display, edit, copy, format!("{name} {y}"))
                    .with_testid(format!("budget-belopp-{}-{y}", line.id.0)),
            );
        }
        GridRow {
            key: format!("rad-{}", line.id.0),
            class: "",
            cells,
        }
    };

    let group_lines =
        |group: Group, rows: &mut Vec<GridRow>, refs: &mut Vec<RowRef>, always: bool| {
            let lines: Vec<&BudgetLine> = plan
                .lines
                .iter()
                .filter(|l| Group::of(l) == group)
                .collect();
            if lines.is_empty() && !always {
                return;
            }
            push_heading(
                rows,
                refs,
                format!("rubrik-{}", group.label()),
                group.label(),
            );
            for l in lines {
                rows.push(line_row(l));
                refs.push(RowRef::Line(l.id));
            }
            if let Group::Category(c) = group {
                rows.push(sum_row(
                    format!("summa-{}", c.label()),
                    &format!("Summa {}", c.label()),
                    "sum",
                    &|f| f.category(c),
                ));
                refs.push(RowRef::Other);
            }
        };

    for c in [
        Category::Individinsatser,
        Category::Strukturpaverkande,
        Category::Processtod,
    ] {
        group_lines(Group::Category(c), &mut rows, &mut refs, true);
    }
    rows.push(sum_row(
        "summa-direkta".into(),
        "Summa direkta insatskostnader",
        "sum",
        &|f| f.direct_costs,
    ));
    refs.push(RowRef::Other);
    for c in [Category::Styrelse, Category::Kansli] {
        group_lines(Group::Category(c), &mut rows, &mut refs, true);
    }
    rows.push(sum_row(
        "summa-admin".into(),
        "Summa administrativa kostnader",
        "sum",
        &|f| f.admin_costs,
    ));
    refs.push(RowRef::Other);
    group_lines(Group::Split, &mut rows, &mut refs, false);
    group_lines(Group::Uncategorized, &mut rows, &mut refs, false);
    rows.push(sum_row(
        "verksamhetens-kostnader".into(),
        "Verksamhetens kostnader",
        "total",
        &|f| f.operating_costs,
    ));
    refs.push(RowRef::Other);

    rows.push(income_row(
        "medlemsbidrag".into(),
        "Medlemsbidrag (medelstilldelningen)",
        "",
        &|f| f.member_income,
    ));
    refs.push(RowRef::Other);
    group_lines(
        Group::Category(Category::OvrigaIntakter),
        &mut rows,
        &mut refs,
        true,
    );
    rows.push(income_row(
        "verksamhetens-intakter".into(),
        "Verksamhetens intäkter",
        "total",
        &|f| f.operating_income,
    ));
    refs.push(RowRef::Other);
    rows.push(income_row(
        "verksamhetens-resultat".into(),
        "Verksamhetens resultat",
        "total",
        &|f| f.operating_result,
    ));
    refs.push(RowRef::Other);
    group_lines(
        Group::Category(Category::FinansiellaIntakter),
        &mut rows,
        &mut refs,
        true,
    );
    group_lines(
        Group::Category(Category::FinansiellaKostnader),
        &mut rows,
        &mut refs,
        true,
    );
    rows.push(income_row(
        "arets-resultat".into(),
        "Årets resultat",
        "total",
        &|f| f.result,
    ));
    refs.push(RowRef::Other);
    (rows, refs)
}

/// Turns one typed cell into an edit (or the reason it cannot be one). Amounts go to
/// `scenario` (`None` = the base plan); the other columns always edit the base plan.
fn cell_edit(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    line: LineId,
    col: usize,
    text: &str,
    unit: samplan_engine::DisplayUnit,
) -> Result<Option<Edit>, String> {
    let text_trim = text.trim();
    let e = |r: Result<Edit, samplan_engine::EditError>| r.map(Some).map_err(|e| e.to_string());
    match col {
        0 => {
            if text_trim.is_empty() {
                return Err("posten måste ha ett namn".to_string());
            }
            e(Edit::set_line_name(plan, line, text_trim))
        }
        1 => e(Edit::set_line_field(
            plan,
            line,
            LineField::Account((!text_trim.is_empty()).then(|| text_trim.to_string())),
        )),
        2 => {
            if text_trim.is_empty() {
                return e(Edit::set_line_category(plan, line, None));
            }
            let c = Category::parse(text_trim).ok_or_else(|| {
                format!(
                    "\"{text_trim}\" är ingen kategori: skriv t.ex. Individinsatser, Strukturpåverkande insatser, Processtöd, Styrelse, Kansli eller Övriga intäkter"
                )
            })?;
            e(Edit::set_line_category(plan, line, Some(c)))
        }
        c => {
            let Some(year) = plan.years.get(c - FIXED_COLS).copied() else {
                return Ok(None);
            };
            if text_trim.is_empty() {
                return e(Edit::clear_line_amount(plan, scenario, line, year));
            }
            let amount = format::parse_money_in(text_trim, unit)?;
            e(Edit::set_line_amount(plan, scenario, line, year, amount))
        }
    }
}

/// The Budget tab.
#[component]
pub fn BudgetView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    // The base plan (with its scenarios): edits are built from it.
    let plan = state.plan;
    let unit = state.unit;
    let selection = RwSignal::new((1usize, 0usize));

    // What the grid shows: the plan and figures of the active scenario.
    let built = Memo::new(move |_| {
        let u = unit.get();
        choices
            .resolved
            .with(|p| choices.report.with(|r| layout(p, r, u)))
    });
    let rows = Memo::new(move |_| built.with(|b| b.0.clone()));
    let columns = Signal::derive(move || {
        let u = unit.get();
        let mut cols = vec![
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
                header: "Kategori".into(),
                numeric: false,
                class: "col-medium",
            },
        ];
        plan.with(|p| {
            for y in &p.years {
                cols.push(GridColumn {
                    header: format!("{y} ({})", u.label()),
                    numeric: true,
                    class: "",
                });
            }
        });
        cols
    });

    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let u = unit.get_untracked();
        let scenario = choices.scenario_untracked();
        let refs = built.with_untracked(|b| b.1.clone());
        let mut edits = Vec::new();
        let mut errors = Vec::new();
        plan.with_untracked(|p| {
            for w in &writes {
                let Some(RowRef::Line(id)) = refs.get(w.row).copied() else {
                    continue;
                };
                match cell_edit(p, scenario, id, w.col, &w.text, u) {
                    Ok(Some(edit)) => edits.push(edit),
                    Ok(None) => {}
                    Err(reason) => errors.push((w.row, w.col, reason)),
                }
            }
        });
        if let Err(reason) = state.apply_many(edits) {
            errors.extend(writes.iter().map(|w| (w.row, w.col, reason.clone())));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    });

    // The line of the selected row, if it is a line.
    let selected_line = Memo::new(move |_| {
        let (r, _) = selection.get();
        built.with(|b| match b.1.get(r) {
            Some(RowRef::Line(id)) => Some(*id),
            _ => None,
        })
    });
    // The group of the selected row (for "new line" in an empty group: the heading above).
    let selected_group = Memo::new(move |_| {
        let (r, _) = selection.get();
        built.with(|b| {
            b.0.iter()
                .take(r + 1)
                .rev()
                .find(|row| row.class == "group")
                .map(|row| row.key.trim_start_matches("rubrik-").to_string())
        })
    });

    let add_line = move |_| {
        let u = selected_line.get_untracked();
        let group_label = selected_group.get_untracked();
        let result = state.edit(|p| {
            let (index, category) = match u.and_then(|id| p.lines.iter().position(|l| l.id == id)) {
                Some(i) => (i + 1, p.lines[i].category),
                None => {
                    let cat = group_label.as_deref().and_then(Category::parse);
                    let last_of_group = p
                        .lines
                        .iter()
                        .rposition(|l| !l.is_split() && l.category == cat && cat.is_some());
                    (last_of_group.map(|i| i + 1).unwrap_or(p.lines.len()), cat)
                }
            };
            Ok(Edit::insert_new_line(p, index, "Ny post", category))
        });
        report_problem(result);
    };
    let delete_line = move |_| {
        if let Some(id) = selected_line.get_untracked() {
            let name = plan
                .with_untracked(|p| p.line(id).map(|l| l.name.clone()))
                .unwrap_or_default();
            report_problem(crate::components::Toasts::after(
                state.edit(|p| Edit::delete_line_id(p, id)),
                format!("Posten \"{name}\" togs bort."),
            ));
        }
    };
    let move_line = move |up: bool| {
        let Some(id) = selected_line.get_untracked() else {
            return;
        };
        let result = state.edit(|p| {
            let from = p
                .lines
                .iter()
                .position(|l| l.id == id)
                .ok_or(samplan_engine::EditError::NoLine(id))?;
            let group = Group::of(&p.lines[from]);
            let target = if up {
                p.lines[..from].iter().rposition(|l| Group::of(l) == group)
            } else {
                p.lines[from + 1..]
                    .iter()
                    .position(|l| Group::of(l) == group)
                    .map(|i| from + 1 + i)
            };
            Edit::move_line(p, from, target.unwrap_or(from))
        });
        report_problem(result);
        // Keep the moved line selected.
        let row = built.with_untracked(|b| b.1.iter().position(|r| *r == RowRef::Line(id)));
        if let Some(r) = row {
            selection.update(|s| s.0 = r);
        }
    };
    let has_line = move || selected_line.get().is_some();

    let parse_budget = Callback::new(move |(bytes, delimiter): (Vec<u8>, Option<u8>)| {
        plan.with_untracked(|p| {
            let import =
                samplan_engine::read_budget_csv(&bytes, delimiter, p).map_err(|e| e.to_string())?;
            let edit = import.to_edit(p).map_err(|e| e.to_string())?;
            let mut headers = vec![
                "Rad".to_string(),
                "Konto".into(),
                "Post".into(),
                "Kategori".into(),
            ];
            headers.extend(import.years.iter().map(|y| y.to_string()));
            headers.push("Åtgärd".into());
            let rows = import
                .lines
                .iter()
                .map(|l| {
                    let mut r = vec![
                        l.row.to_string(),
                        l.account.clone().unwrap_or_default(),
                        l.name.clone(),
                        l.category
                            .map(|c| c.label().to_string())
                            .unwrap_or_default(),
                    ];
                    r.extend(import.years.iter().map(|y| {
                        l.amounts
                            .get(y)
                            .copied()
                            .flatten()
                            .map(format::kr)
                            .unwrap_or_default()
                    }));
                    r.push(
                        if l.matched.is_some() {
                            "Uppdateras"
                        } else {
                            "Ny post"
                        }
                        .to_string(),
                    );
                    r
                })
                .collect();
            let mut notes = Vec::new();
            if let Some(id) = choices.scenario_untracked() {
                notes.push(format!(
                    "Importen ändrar basplanen och gäller alla scenarier, inte bara {}.",
                    p.scenario_name(Some(id))
                ));
            }
            let add_years = import.years_to_add(p);
            let alternative = (!add_years.is_empty()).then(|| import.to_edit_adding_years(p).ok()).flatten().map(|e| (format!("Lägg till {} i planen och verkställ import", add_years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")), e));
            if !import.years_outside_plan.is_empty() {
                notes.push(format!(
                    "År som inte finns i planen (sparas men visas inte, om du inte lägger till dem): {}",
                    import
                        .years_outside_plan
                        .iter()
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            Ok(ImportPreview {
                summary: vec![
                    format!("{} nya poster", import.new_lines().count()),
                    format!("{} poster uppdateras", import.updated_lines().count()),
                ],
                headers,
                rows,
                notes,
                edit,
                alternative,
            })
        })
    });
    let export_budget = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::export_budget_csv(p, scenario))
    });
    let add_title = shared_title("posten läggs till i basplanen och alla scenarier");
    let delete_title = shared_title("posten tas bort ur basplanen och alla scenarier");
    let move_title = shared_title("postens plats är densamma i alla scenarier");

    view! {
        <section class="view" aria-labelledby="budget-rubrik">
            <h2 id="budget-rubrik">"Budget"</h2>
            <ScenarioNote text="Beloppen du skriver gäller bara scenariot (en tömd cell visar basplanens belopp igen; skriv 0 för inget belopp). Post, konto, kategori, fördelning, import och att lägga till, ta bort eller flytta poster gäller alla scenarier." />
            <div class="row-actions" role="group" aria-label="Poster">
                <button type="button" on:click=add_line title=add_title>"Lägg till post"</button>
                <button type="button" on:click=delete_line prop:disabled=move || !has_line() title=delete_title>
                    "Ta bort post"
                </button>
                <button type="button" on:click=move |_| move_line(true) prop:disabled=move || !has_line() title=move_title>
                    "Flytta upp"
                </button>
                <button type="button" on:click=move |_| move_line(false) prop:disabled=move || !has_line() title=move_title>
                    "Flytta ned"
                </button>
                <SharedNote />
                <crate::components::YearControls />
                <CsvImport label="Importera budget (CSV)" parse=parse_budget />
                <CsvExport label="Exportera budget (CSV)" what="budget" bytes=export_budget />
                <span class="hint">
                    "Markera en cell och skriv. Enter sparar, Esc ångrar inmatningen, Ctrl+V klistrar in från Excel."
                </span>
            </div>
            <Grid
                id="budget-grid"
                caption=Signal::derive(move || format!("Budget per år ({})", unit.get().label()))
                columns=columns
                rows=rows
                on_write=on_write
                selection=selection
            />
            {move || selected_line.get().map(|id| view! { <SplitEditor line=id /> })}
        </section>
    }
}

/// The cost categories a split line can be divided between.
const SPLIT_CATEGORIES: [Category; 5] = [
    Category::Individinsatser,
    Category::Strukturpaverkande,
    Category::Processtod,
    Category::Styrelse,
    Category::Kansli,
];

/// Division of the selected line between categories in percent (a split line).
#[component]
fn SplitEditor(
    /// The line.
    line: LineId,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let data = Memo::new(move |_| {
        plan.with(|p| {
            p.line(line)
                .map(|l| (l.name.clone(), l.split.clone(), l.category))
        })
    });
    let error = RwSignal::new(None::<String>);
    let is_split = move || data.with(|d| d.as_ref().is_some_and(|d| !d.1.is_empty()));
    let toggle = move |_| {
        let Some((_, split, category)) = data.get_untracked() else {
            return;
        };
        let new = if split.is_empty() {
            vec![SplitShare {
                category: category.unwrap_or(Category::Kansli),
                percent: 100.into(),
            }]
        } else {
            Vec::new()
        };
        report_problem(state.edit(|p| Edit::set_line_split(p, line, new)));
    };
    let set_percent = move |category: Category, text: String| {
        let Some((_, split, _)) = data.get_untracked() else {
            return;
        };
        let t = text.trim();
        let percent = if t.is_empty() {
            None
        } else {
            match format::parse_percent_text(t) {
                Ok(p) => Some(p),
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            }
        };
        error.set(None);
        let mut new: Vec<SplitShare> = split
            .into_iter()
            .filter(|s| s.category != category)
            .collect();
        if let Some(p) = percent.filter(|p| !p.is_zero()) {
            new.push(SplitShare {
                category,
                percent: p,
            });
        }
        new.sort_by_key(|s| SPLIT_CATEGORIES.iter().position(|c| *c == s.category));
        report_problem(state.edit(|p| Edit::set_line_split(p, line, new)));
    };
    let warning = Memo::new(move |_| {
        choices.report.with(|r| {
            r.warnings
                .iter()
                .find(|w| matches!(w, samplan_engine::Warning::SplitNot100 { line: l, .. } if *l == line))
                .map(|w| w.message())
        })
    });
    let name = move || data.with(|d| d.as_ref().map(|d| d.0.clone()).unwrap_or_default());
    view! {
        <div class="panel" aria-labelledby="fordelning-rubrik">
            <h3 id="fordelning-rubrik">"Fördelning av " {name}</h3>
            <SharedNote />
            <label class="inline">
                <input type="checkbox" prop:checked=is_split on:change=toggle />
                "Fördela posten mellan kategorier i procent"
            </label>
            <Show when=is_split>
                <table class="data">
                    <caption>"Fördelning i procent av " {name}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Kategori"</th>
                            <th scope="col" class="num">"Andel (%)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {SPLIT_CATEGORIES
                            .into_iter()
                            .map(|c| {
                                let value = move || {
                                    data.with(|d| {
                                        d.as_ref()
                                            .and_then(|d| d.1.iter().find(|s| s.category == c))
                                            .map(|s| format::percent_edit(s.percent))
                                            .unwrap_or_default()
                                    })
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{c.label()}</th>
                                        <td class="num">
                                            <input
                                                type="text"
                                                class="num"
                                                inputmode="decimal"
                                                aria-label=move || format!("Andel {} {}", c.label(), name())
                                                prop:value=value
                                                on:change=move |ev| set_percent(c, event_target_value(&ev))
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <p class="hint" role="status">{move || warning.get()}</p>
            </Show>
        </div>
    }
}
