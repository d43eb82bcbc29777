//! The parties' table (Staten, Region, Kommuner) of the year's allocation.

use super::*;

/// Rows of the party grid.
pub(super) fn party_rows(a: &Allocation, unit: DisplayUnit) -> Vec<GridRow> {
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
pub(super) fn PartyGrid(
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
    // Through the grid source like every grid: a row stands for its party, a typed share
    // becomes that party's share in force (the active scenario's override in a scenario); a
    // paste of several shares is one undo step.
    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let scenario = choices.scenario_untracked();
        crate::components::write_cells(
            state,
            &writes,
            |row| Party::ALL.get(row).copied(),
            |plan, party, col, text| {
                if col != 1 {
                    return Ok(None);
                }
                let share = format::parse_percent_text(text)?;
                Edit::set_party_share(plan, scenario, *party, share)
                    .map(Some)
                    .map_err(|e| e.to_string())
            },
        )
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
