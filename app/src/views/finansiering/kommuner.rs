//! The members' table: key values, amounts, change and kr per invånare.

use std::sync::Arc;

use samplan_engine::workbook::{KeyedMembers, MemberRow};

use super::*;
use crate::components::write_cells;

/// What the kept member rows were built with: the year, the unit and the key's columns.
type MembersBuiltWith = (Year, DisplayUnit, Vec<KeyValueColumn>);

/// The municipality grid's rows kept by the engine's row key (member id + revision,
/// [`KeyedMembers`], docs/workbook.md): a member's row is formatted again only when its
/// revision moved (its key values, name or allocation changed) or the year, unit or key
/// columns changed (then every row); an unchanged row is handed to the grid as the same `Arc`.
/// The Summa and Avrundningsdifferens rows are built on every change (two rows).
#[derive(Default)]
pub(super) struct MemberRowCache {
    built_with: Option<MembersBuiltWith>,
    table: KeyedMembers,
    rows: rustc_hash::FxHashMap<MemberId, (u64, Arc<GridRow>)>,
    /// Rows built ahead of an import's swap ([`crate::ahead`]), not yet the grid's.
    ahead: Option<MembersAhead>,
    /// The table was just adopted from what was built ahead: it is up to date with the
    /// swapped-in plan, so the next layout need not bring it up to date again.
    adopted: bool,
    /// The workbook's revision the table was last brought up to date with: coming back to
    /// the view with nothing changed meanwhile does not compare 100 000 members again.
    table_at: Option<u64>,
}

/// Provides the municipality grid's rows kept for the app's lifetime
/// ([`crate::ahead::Kept`]).
pub fn provide_kept_member_rows() {
    crate::ahead::Kept::<MemberRowCache>::provide();
}

/// Member rows built ahead of a swap: with what, the table they are of (a copy of the kept
/// table brought up to date with the swap's plan), the rows, and the row the next step
/// starts at (`None` while the table is still to be brought up to date).
struct MembersAhead {
    built_with: MembersBuiltWith,
    table: KeyedMembers,
    rows: rustc_hash::FxHashMap<MemberId, (u64, Arc<GridRow>)>,
    next: Option<usize>,
}

/// The grid's rows, the member of each row and the key's value columns.
pub(super) type MemberGrid = (
    Vec<Arc<GridRow>>,
    Vec<Option<MemberId>>,
    Vec<KeyValueColumn>,
);

impl MemberRowCache {
    /// The municipality grid of `year`: rows, and the member of each row.
    pub(super) fn layout(
        &mut self,
        plan: &Plan,
        report: &Report,
        year: Year,
        unit: DisplayUnit,
        revision: Option<u64>,
    ) -> MemberGrid {
        let cols = plan.settings.kommun_key_for(year).value_columns();
        let built_with = Some((year, unit, cols.clone()));
        if self.built_with != built_with {
            self.rows.clear();
            self.built_with = built_with;
        }
        // Right after a swap the adopted table is the swapped-in plan's (a swap is refused
        // after any other change of the workbook, crate::ahead).
        // The same revision of the workbook: the same plan and report (every change moves it).
        let same_year = self.table.year() == Some(year);
        let unchanged = revision.is_some() && self.table_at == revision;
        if !((std::mem::take(&mut self.adopted) || unchanged) && same_year) {
            self.table.update(plan, report, year);
        }
        self.table_at = revision;
        let n = self.table.rows().len();
        let mut rows = Vec::with_capacity(n + 2);
        let mut ids = Vec::with_capacity(n + 2);
        // One lookup per member, in place; rows of members no longer shown are dropped only
        // when there are any.
        for (member, revision) in self.table.rows() {
            let shared = match self.rows.get(&member.id) {
                Some((r, shared)) if *r == revision => Arc::clone(shared),
                _ => {
                    let shared = Arc::new(member_row(member, &cols, unit));
                    self.rows.insert(member.id, (revision, Arc::clone(&shared)));
                    shared
                }
            };
            rows.push(shared);
            ids.push(Some(member.id));
        }
        if self.rows.len() > n {
            let shown: std::collections::HashSet<MemberId> =
                self.table.rows().map(|(m, _)| m.id).collect();
            self.rows.retain(|id, _| shown.contains(id));
        }
        let (sum, diff) = sum_rows(plan, report, year, unit, &cols);
        rows.push(Arc::new(sum));
        ids.push(None);
        rows.push(Arc::new(diff));
        ids.push(None);
        (rows, ids, cols)
    }

    /// Builds, until `over()`, the rows of `year` that the next [`MemberRowCache::layout`]
    /// of `plan` and `report` would format anew; true when all are built ([`crate::ahead`]).
    /// The table is brought up to date in a step of its own (no formatting), then the changed
    /// rows are formatted a part per step.
    fn build_ahead(
        &mut self,
        plan: &Plan,
        report: &Report,
        year: Year,
        unit: DisplayUnit,
        over: &dyn Fn() -> bool,
    ) -> bool {
        let cols = plan.settings.kommun_key_for(year).value_columns();
        let built_with = (year, unit, cols);
        let ahead = match self.ahead.take() {
            Some(a) if a.built_with == built_with => a,
            _ => MembersAhead {
                built_with,
                table: self.table.clone(),
                rows: Default::default(),
                next: None,
            },
        };
        let ahead = self.ahead.insert(ahead);
        let Some(next) = ahead.next else {
            ahead.table.update(plan, report, year);
            ahead.next = Some(0);
            return false;
        };
        let same = self.built_with.as_ref() == Some(&ahead.built_with);
        let (_, unit, cols) = &ahead.built_with;
        for (at, (member, revision)) in ahead.table.rows().enumerate().skip(next) {
            // Every step builds at least 64 rows.
            if at > next && at % 64 == 0 && over() {
                ahead.next = Some(at);
                return false;
            }
            let kept = same
                && self
                    .rows
                    .get(&member.id)
                    .is_some_and(|(r, _)| *r == revision);
            if kept
                || ahead
                    .rows
                    .get(&member.id)
                    .is_some_and(|(r, _)| *r == revision)
            {
                continue;
            }
            ahead.rows.insert(
                member.id,
                (revision, Arc::new(member_row(member, cols, *unit))),
            );
        }
        ahead.next = Some(ahead.table.rows().len());
        true
    }

    /// The swap was made: the table and rows built ahead become the kept ones.
    fn adopt(&mut self) {
        let Some(ahead) = self.ahead.take() else {
            return;
        };
        if ahead.next.is_none() {
            return;
        }
        if self.built_with.as_ref() != Some(&ahead.built_with) {
            self.rows.clear();
            self.built_with = Some(ahead.built_with);
        }
        self.table = ahead.table;
        self.adopted = true;
        // The rows built ahead win; the kept ones are added to them.
        let mut rows = ahead.rows;
        for (id, row) in self.rows.drain() {
            rows.entry(id).or_insert(row);
        }
        self.rows = rows;
    }
}

/// The municipality grid's rows built ahead of an import's swap ([`crate::ahead`]).
struct MembersGridAhead {
    cache: StoredValue<MemberRowCache>,
    year: Memo<Year>,
    unit: RwSignal<DisplayUnit>,
}

impl crate::ahead::BuildAhead for MembersGridAhead {
    fn step(&mut self, ready: crate::ahead::Ready<'_>, over: &dyn Fn() -> bool) -> bool {
        let (Some(year), u) = (self.year.try_get_untracked(), self.unit.get_untracked()) else {
            return true;
        };
        self.cache
            .try_update_value(|c| c.build_ahead(ready.plan, ready.report, year, u, over))
            .unwrap_or(true)
    }

    fn adopt(&mut self) {
        self.cache.try_update_value(MemberRowCache::adopt);
    }

    fn forget(&mut self) {
        self.cache.try_update_value(|c| c.ahead = None);
    }
}

/// The grid row of one member.
fn member_row(member: &MemberRow, cols: &[KeyValueColumn], unit: DisplayUnit) -> GridRow {
    let money = |a: samplan_engine::Amount| {
        GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
    };
    let v = &member.values;
    let name = &member.name;
    let mut cells = vec![GridCell::read_only(name.clone(), name.clone())];
    for c in cols {
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
    let result = member.result.as_ref();
    let amount = result.map(|r| r.amount);
    cells.push(
        amount
            .map(money)
            .unwrap_or_default()
            .with_testid(format!("belopp-{name}")),
    );
    let before_row = member.previous.as_ref().map(Option::as_ref);
    let before = before_row.flatten().map(|r| r.amount);
    cells.push(
        before
            .map(money)
            .unwrap_or_else(|| GridCell::read_only("–", "")),
    );
    // A member that did not pay the year before reads "ny medlem" (docs/allocation.md).
    match samplan_engine::figures::MemberChange::between(result, before_row) {
        Some(change) => {
            let copy = match change {
                samplan_engine::figures::MemberChange::Changed(d) => format::money_copy(d, unit),
                samplan_engine::figures::MemberChange::New => String::new(),
            };
            cells.push(
                GridCell::read_only(change.text(unit), copy)
                    .with_testid(format!("forandring-{name}")),
            )
        }
        None => cells.push(GridCell::read_only("–", "")),
    }
    let s = format::percent_opt(result.and_then(|r| r.share_of_total));
    cells.push(GridCell::read_only(s.clone(), s).with_testid(format!("andel-{name}")));
    let s = format::percent_opt(result.and_then(|r| r.share_of_party));
    cells.push(GridCell::read_only(s.clone(), s));
    GridRow {
        key: format!("m-{}", member.id.0),
        kind: RowKind::Line,
        cells,
    }
}

/// The Summa and Avrundningsdifferens rows of the municipalities in `year`.
fn sum_rows(
    plan: &Plan,
    report: &Report,
    year: Year,
    unit: DisplayUnit,
    cols: &[KeyValueColumn],
) -> (GridRow, GridRow) {
    let this = report.year(year).and_then(|y| y.allocation.as_ref().ok());
    let prev = plan
        .previous_year(year)
        .and_then(|py| report.year(py))
        .and_then(|y| y.allocation.as_ref().ok());
    let money = |a: samplan_engine::Amount| {
        GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
    };
    // Sum rows.
    let party = this.and_then(|a| a.party(Party::Kommuner));
    let blank = || GridCell::read_only("", "");
    let mut sum = vec![GridCell::read_only("Summa", "Summa")];
    for c in cols {
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
    // The Summa says what new and departed members add, so it reads as the sum of the rows.
    sum.push(
        this.zip(prev)
            .and_then(|(a, b)| samplan_engine::figures::PartyChange::of(a, b, Party::Kommuner))
            .map(|c| {
                GridCell::read_only(c.text(unit), format::money_copy(c.total, unit))
                    .with_testid("forandring-summa-kommuner")
            })
            .unwrap_or_else(blank),
    );
    sum.push(blank());
    sum.push(blank());
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
    (
        GridRow {
            key: "summa".into(),
            kind: RowKind::Subtotal,
            cells: sum,
        },
        GridRow {
            key: "differens".into(),
            kind: RowKind::Subtotal,
            cells: diff,
        },
    )
}

/// The municipalities: key values (editable), amount, previous year, change and shares.
#[component]
pub(super) fn KommunGrid(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    // The base plan (with its scenarios): edits are built from it and members added to it.
    let plan = state.plan;
    let unit = state.unit;
    // What the grid shows: the active scenario's key values and amounts.
    // Kept by member id and revision: an edit formats only the members whose row changed.
    // Kept for the app's lifetime: coming back to Finansiering finds its rows.
    let cache = crate::ahead::Kept::<MemberRowCache>::get();
    // A large import's new members are formatted ahead of its swap, in steps (crate::ahead).
    state.ahead.register(MembersGridAhead { cache, year, unit });
    let built = Memo::new(move |_| {
        let y = year.get();
        let u = unit.get();
        let revision = state.with_book_untracked(|b| b.revision());
        choices.resolved.with(|p| {
            choices.report.with(|r| {
                cache
                    .try_update_value(|c| c.layout(p, r, y, u, Some(revision)))
                    .unwrap_or_default()
            })
        })
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
        write_cells(
            state,
            &writes,
            |row| ids.get(row).copied().flatten(),
            |p, &id, col, text| {
                let Some(col) = col.checked_sub(1).and_then(|c| cols.get(c).copied()) else {
                    return Ok(None);
                };
                let t = text.trim();
                let edit = match col {
                    KeyValueColumn::Population => {
                        let v = if t.is_empty() {
                            None
                        } else {
                            Some(samplan_engine::input::parse_count(t).map_err(|e| e.message())?)
                        };
                        Edit::set_population(p, scenario, id, y, v)
                    }
                    KeyValueColumn::Percent => {
                        let v = if t.is_empty() {
                            None
                        } else {
                            Some(format::parse_percent_text(t)?)
                        };
                        Edit::set_member_percent(p, scenario, id, y, v)
                    }
                    KeyValueColumn::Amount => {
                        let v = if t.is_empty() {
                            None
                        } else {
                            Some(format::parse_money_in(t, u)?)
                        };
                        Edit::set_member_amount(p, scenario, id, y, v)
                    }
                };
                edit.map(Some).map_err(|e| e.to_string())
            },
        )
    });

    // Paste that understands rows (issue 17): `Kommun;Invånare` rows add and update members
    // (engine: `paste_member_rows`, the members import's rules), one undo step.
    let on_paste_rows = Callback::new(
        move |(block, (_, c)): (Vec<Vec<String>>, crate::components::Pos)| {
            let y = year.get_untracked();
            let cols = built.with_untracked(|b| b.2.clone());
            let mut names: Vec<&str> = vec!["Kommun"];
            names.extend(cols.iter().map(|k| match k {
                KeyValueColumn::Population => "Invånare",
                KeyValueColumn::Percent => "Andel",
                KeyValueColumn::Amount => "Belopp",
            }));
            let names: Vec<&str> = names.into_iter().skip(c).collect();
            let pasted = plan.with_untracked(|p| {
                samplan_engine::csv::paste_member_rows(p, &block, y, &names, unit.get_untracked())
            });
            match pasted {
                Ok(None) => None,
                Ok(Some(rows)) => {
                    let summary = rows.message();
                    Some(state.apply(rows.edit).map(|()| summary))
                }
                Err(e) => Some(Err(e.to_string())),
            }
        },
    );

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
            on_paste_rows=on_paste_rows
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

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::{csv::read_members_csv_for, example_plan, workbook::Workbook};

    impl MemberRowCache {
        /// The grid's rows of `book` as the view lays them out.
        fn grid(&mut self, book: &Workbook, year: Year, unit: DisplayUnit) -> Vec<Arc<GridRow>> {
            let (plan, report) = (book.resolved(), book.active_report());
            self.layout(plan, report, year, unit, Some(book.revision()))
                .0
        }
    }

    /// The members grid's rows built ahead of a members import's swap are the rows a layout
    /// of the swapped-in plan builds, and that layout uses them (crate::ahead).
    #[test]
    fn member_rows_built_ahead_are_the_layouts_rows_and_are_used() {
        let mut book = Workbook::new(example_plan());
        let year = book.plan().years[0];
        let mut csv = String::from("Medlem;Typ;Invånare\r\n");
        for i in 0..300 {
            csv.push_str(&format!("Kommun {i};Kommun;{}\r\n", 1000 + i));
        }
        let (edit, _) = read_members_csv_for(csv.as_bytes(), None, book.plan(), year)
            .unwrap()
            .to_edit(book.plan(), year)
            .unwrap();
        let mut p = book.prepare(edit);
        while !p.step(&book, 50).unwrap() {}
        let mut cache = MemberRowCache::default();
        let unit = DisplayUnit::Kr;
        let before = cache.grid(&book, year, unit);
        let (plan, report, _) = p.ready().unwrap();
        let mut steps = 0;
        while !cache.build_ahead(plan, report, year, unit, &|| true) {
            steps += 1;
            assert!(steps < 100, "never done");
        }
        // The table in a step of its own, then at least 64 rows a step.
        assert!(steps >= 5, "{steps} steps");
        let built: Vec<Arc<GridRow>> = cache
            .ahead
            .as_ref()
            .unwrap()
            .rows
            .values()
            .map(|(_, r)| Arc::clone(r))
            .collect();
        assert!(built.len() >= 300);
        assert_eq!(cache.grid(&book, year, unit), before);
        book.commit(p).ok().unwrap();
        cache.adopt();
        let after = cache.grid(&book, year, unit);
        let fresh = MemberRowCache::default().grid(&book, year, unit);
        assert_eq!(after, fresh);
        assert!(built
            .iter()
            .all(|b| after.iter().any(|a| Arc::ptr_eq(a, b))));
        // The next change is brought up to date as before.
        let id = book.plan().members.last().unwrap().id;
        let e = Edit::set_population(book.plan(), None, id, year, Some(7)).unwrap();
        book.apply(e).unwrap();
        assert_eq!(
            cache.grid(&book, year, unit),
            MemberRowCache::default().grid(&book, year, unit)
        );
    }
}
