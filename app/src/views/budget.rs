//! **Budget** (docs/app.md, 2.3): the budget grid — the engine's budget statement
//! (`budget_statement`: headings, lines, subtotals and results in their order, split lines by
//! share inside each category) as lines × years; add, delete and move lines (engine edits within
//! the selected row's group); split lines edited as percentages per category in a panel beside
//! the grid.
//!
//! The grid shows the **active scenario** ([`Choices`]): its amounts and figures, and typed
//! amounts become the scenario's overrides (a cleared cell drops the override, so the base
//! plan's amount applies again). Names, accounts, categories, splits and adding, deleting or
//! moving lines change the base plan, i.e. every scenario.

use std::sync::Arc;

use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    figures::{group_label, RowKey, StatementGroup, StatementRow, StatementTotal},
    format::DisplayUnit,
    input::{line_municipality_options, parse_line_municipality, parse_statement_category},
    workbook::KeyedStatement,
    Amount, BudgetLine, Category, Edit, LineField, LineId, Plan, ScenarioId,
};

use crate::choices::Choices;
use crate::components::{
    shared_title, write_cells, CellWrite, CsvExport, CsvImport, Grid, GridCell, GridColumn,
    GridRow, ImportPreview, LiveInput, PreviewRows, RowKind, ScenarioNote, SharedNote, WriteErrors,
    XlsxExport,
};
use crate::format;
use crate::state::{report_problem, AppState};

/// Columns before the years: Post (row header), Konto, Kategori. After the years comes the
/// Kommun column (where the intervention operates), unless it is hidden.
const FIXED_COLS: usize = 3;

/// What a grid row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowRef {
    /// A budget line (or one share of a split line) shown in a group.
    Line(LineId, StatementGroup),
    /// A heading or subtotal of a group (read-only).
    Group(StatementGroup),
    /// A total or result (read-only).
    Other,
}

/// What the statement row with `key` stands for in the grid.
fn row_ref(key: RowKey) -> RowRef {
    match key {
        RowKey::Line(line, group) => RowRef::Line(line, group),
        RowKey::Heading(group) | RowKey::Subtotal(group) => RowRef::Group(group),
        RowKey::Total(_) => RowRef::Other,
    }
}

/// How the grid shows the statement, as the user chose: the unit, the Kommun and Notering
/// columns, the user's shape (collapsed groups, hidden years).
#[derive(Clone, Debug, PartialEq)]
struct Look {
    unit: DisplayUnit,
    with_kommun: bool,
    with_notes: bool,
    shape: Shape,
}

impl Look {
    /// What rows of `plan` are built with: the look and the Kommun column's list (the plan's
    /// municipalities, one shared list for every row).
    fn built_with(&self, plan: &Plan) -> BuiltWith {
        let kommuner = self
            .with_kommun
            .then(|| line_municipality_options(plan).into());
        (self.clone(), kommuner)
    }
}

/// What grid rows are built with: the look and the Kommun column's list.
type BuiltWith = (Look, Option<Arc<[String]>>);

/// The Budget grid's rows kept by the engine's row key (docs/workbook.md): a row is built
/// again only when its statement row's revision moved (its figures or its line changed), or
/// when the unit, the Kommun or Notering column, the user's shape or the plan's
/// municipalities changed (then every row). An unchanged row is handed to the grid as the
/// same `Arc`.
#[derive(Default)]
struct RowCache {
    /// What the kept rows were built with: unit, Kommun column (with its list), Notering
    /// column, the user's shape (collapsed groups, hidden years).
    built_with: Option<BuiltWith>,
    /// The kept rows by key: (revision, row, the layout that last showed it).
    rows: rustc_hash::FxHashMap<RowKey, (u64, Arc<GridRow>, u64)>,
    /// The number of the last layout.
    layouts: u64,
    /// Rows built ahead of an import's swap ([`crate::ahead`]), not yet the grid's.
    ahead: Option<RowsAhead>,
}

/// Provides the Budget grid's rows kept for the app's lifetime ([`crate::ahead::Kept`]).
pub fn provide_kept_budget_rows() {
    crate::ahead::Kept::<RowCache>::provide();
}

/// Rows built ahead of a swap: with what, the rows by key and revision, and the statement
/// row the next step starts at.
struct RowsAhead {
    built_with: BuiltWith,
    /// As [`RowCache::rows`].
    rows: rustc_hash::FxHashMap<RowKey, (u64, Arc<GridRow>, u64)>,
    next: usize,
}

impl RowCache {
    /// The grid rows of the statement, and what each row stands for.
    fn layout(
        &mut self,
        statement: &KeyedStatement,
        plan: &Plan,
        look: &Look,
    ) -> (Vec<Arc<GridRow>>, Vec<RowRef>) {
        let built_with = look.built_with(plan);
        let kommuner = built_with.1.clone();
        if self.built_with.as_ref() != Some(&built_with) {
            self.rows.clear();
            self.built_with = Some(built_with);
        }
        let (unit, shape) = (look.unit, &look.shape);
        let shown = Shown::of(statement, look);
        let n = statement.rows().len();
        let mut rows = Vec::with_capacity(n);
        let mut refs = Vec::with_capacity(n);
        let mut collapsed = Collapsed::new(shape);
        // Rows are looked up in place (one lookup per row); rows not shown by this layout are
        // dropped only when there are any.
        self.layouts = self.layouts.wrapping_add(1);
        let this = self.layouts;
        for (key, row, revision) in statement.rows() {
            if collapsed.hides(row) {
                continue;
            }
            let shared = match self.rows.get_mut(&key) {
                Some((r, shared, seen)) if *r == revision => {
                    *seen = this;
                    Arc::clone(shared)
                }
                _ => match grid_row(statement, row, plan, &shown, unit, kommuner.as_ref()) {
                    Some(r) => {
                        let shared = Arc::new(r);
                        self.rows.insert(key, (revision, Arc::clone(&shared), this));
                        shared
                    }
                    None => continue,
                },
            };
            rows.push(shared);
            refs.push(row_ref(key));
        }
        if self.rows.len() > rows.len() {
            self.rows.retain(|_, (_, _, seen)| *seen == this);
        }
        (rows, refs)
    }

    /// Builds, until `over()`, the rows of `statement` that the next [`RowCache::layout`]
    /// would build anew (new or changed rows); true when all are built ([`crate::ahead`]).
    fn build_ahead(
        &mut self,
        statement: &KeyedStatement,
        plan: &Plan,
        look: &Look,
        over: &dyn Fn() -> bool,
    ) -> bool {
        // The Kommun column's list is made once per import, not once per step.
        let ahead = match self.ahead.take() {
            Some(a) if a.built_with.0 == *look => a,
            _ => RowsAhead {
                built_with: look.built_with(plan),
                rows: Default::default(),
                next: 0,
            },
        };
        let ahead = self.ahead.insert(ahead);
        let (unit, shape) = (look.unit, &look.shape);
        let shown = Shown::of(statement, look);
        // A kept row counts only when it was built with the same settings.
        let same = self.built_with.as_ref() == Some(&ahead.built_with);
        let kommuner = ahead.built_with.1.clone();
        let start = ahead.next;
        let mut collapsed = Collapsed::new(shape);
        for (at, (key, row, revision)) in statement.rows().enumerate().skip(start) {
            // Every step builds at least 64 rows.
            if at > start && at % 64 == 0 && over() {
                ahead.next = at;
                return false;
            }
            if collapsed.hides(row) {
                continue;
            }
            let kept = same && self.rows.get(&key).is_some_and(|(r, _, _)| *r == revision);
            if kept || ahead.rows.get(&key).is_some_and(|(r, _, _)| *r == revision) {
                continue;
            }
            if let Some(r) = grid_row(statement, row, plan, &shown, unit, kommuner.as_ref()) {
                ahead.rows.insert(key, (revision, Arc::new(r), 0));
            }
        }
        ahead.next = statement.rows().len();
        true
    }

    /// The swap was made: the rows built ahead become the kept ones.
    fn adopt(&mut self) {
        let Some(ahead) = self.ahead.take() else {
            return;
        };
        if self.built_with.as_ref() != Some(&ahead.built_with) {
            self.rows.clear();
            self.built_with = Some(ahead.built_with);
        }
        // The rows built ahead win; the kept ones are added to them (an import of 100 000
        // lines builds far more rows ahead than were kept).
        let mut rows = ahead.rows;
        for (key, row) in self.rows.drain() {
            rows.entry(key).or_insert(row);
        }
        self.rows = rows;
    }
}

/// The Budget grid's rows built ahead of an import's swap ([`crate::ahead`]), with the grid's
/// current settings.
struct BudgetAhead {
    cache: StoredValue<RowCache>,
    unit: RwSignal<DisplayUnit>,
    with_kommun: RwSignal<bool>,
    with_notes: RwSignal<bool>,
    shape: Memo<Shape>,
}

impl crate::ahead::BuildAhead for BudgetAhead {
    fn step(&mut self, ready: crate::ahead::Ready<'_>, over: &dyn Fn() -> bool) -> bool {
        let Some(shape) = self.shape.try_get_untracked() else {
            return true;
        };
        let look = Look {
            unit: self.unit.get_untracked(),
            with_kommun: self.with_kommun.get_untracked(),
            with_notes: self.with_notes.get_untracked(),
            shape,
        };
        self.cache
            .try_update_value(|c| c.build_ahead(ready.statement, ready.plan, &look, over))
            .unwrap_or(true)
    }

    fn adopt(&mut self) {
        self.cache.try_update_value(RowCache::adopt);
    }

    fn forget(&mut self) {
        self.cache.try_update_value(|c| c.ahead = None);
    }
}

/// What of the statement the grid shows: the years not hidden (their positions in the
/// statement's years), the Notering column, the user's shape.
struct Shown<'a> {
    years: Vec<samplan_engine::Year>,
    keep: Vec<usize>,
    with_notes: bool,
    shape: &'a Shape,
}

impl<'a> Shown<'a> {
    /// What of `statement` the grid shows with `look`: hidden years are left out (the user's
    /// layout, issue 17).
    fn of(statement: &KeyedStatement, look: &'a Look) -> Self {
        let all_years = &statement.statement().years;
        let keep: Vec<usize> = (0..all_years.len())
            .filter(|i| {
                all_years
                    .get(*i)
                    .is_some_and(|y| !look.shape.hidden_years.contains(y))
            })
            .collect();
        let years = keep
            .iter()
            .filter_map(|i| all_years.get(*i).copied())
            .collect();
        Shown {
            years,
            keep,
            with_notes: look.with_notes,
            shape: &look.shape,
        }
    }

    /// The amounts of the shown years.
    fn pick(&self, v: &[Option<Amount>]) -> Vec<Option<Amount>> {
        self.keep
            .iter()
            .map(|i| v.get(*i).copied().flatten())
            .collect()
    }
}

/// The grid row of one statement row (`None` for a line the plan lacks).
fn grid_row(
    statement: &KeyedStatement,
    row: &StatementRow,
    plan: &Plan,
    shown: &Shown<'_>,
    unit: DisplayUnit,
    kommuner: Option<&Arc<[String]>>,
) -> Option<GridRow> {
    let with_kommun = kommuner.is_some();
    let with_notes = shown.with_notes;
    let years = &shown.years;
    let money =
        |a: Amount| GridCell::read_only(format::money(a, unit), format::money_copy(a, unit));
    // A sum or result row: label, two empty cells, one figure per year ("–" when unknown).
    let figure_row = |key: String, label: &str, kind: RowKind, amounts: Vec<Option<Amount>>| {
        let mut cells = vec![
            GridCell::read_only(label, label),
            GridCell::default(),
            GridCell::default(),
        ];
        for (y, a) in years.iter().zip(amounts) {
            let cell = match a {
                Some(a) => money(a),
                None => GridCell::read_only("–", ""),
            };
            cells.push(cell.with_testid(format!("budget-{label}-{y}")));
        }
        if with_kommun {
            cells.push(GridCell::default());
        }
        if with_notes {
            cells.push(GridCell::default());
        }
        GridRow { key, kind, cells }
    };
    let line = row.line().and_then(|l| statement.line(plan, l));
    let label = row.label_of(line);
    Some(match row {
        StatementRow::Heading { group } => {
            let label = if shown.shape.collapsed.contains(&group_key(*group)) {
                format!("{label} (hopfälld)")
            } else {
                label
            };
            let mut cells = vec![GridCell::read_only(label.clone(), label)];
            cells.extend(vec![
                GridCell::default();
                FIXED_COLS - 1
                    + years.len()
                    + usize::from(with_kommun)
                    + usize::from(with_notes)
            ]);
            GridRow {
                key: format!("rubrik-{}", group_key(*group)),
                kind: RowKind::Heading,
                cells,
            }
        }
        StatementRow::Subtotal { group, amounts } => figure_row(
            format!("summa-{}", group_key(*group)),
            &label,
            RowKind::Subtotal,
            shown.pick(&amounts.iter().copied().map(Some).collect::<Vec<_>>()),
        ),
        StatementRow::Total { total, amounts } => {
            let kind = match total {
                StatementTotal::Direct | StatementTotal::Admin => RowKind::Subtotal,
                StatementTotal::MemberIncome => RowKind::Figure,
                _ => RowKind::Total,
            };
            figure_row(
                format!("total-{total:?}"),
                &label,
                kind,
                shown.pick(amounts),
            )
        }
        StatementRow::Line {
            group,
            share,
            amounts,
            ..
        } => line_row(
            line?,
            *group,
            *share,
            &shown.pick(amounts),
            years,
            unit,
            label,
            kommuner.cloned(),
            with_notes,
        ),
    })
}

/// The user's shape of the budget grid (issue 17): collapsed groups (by [`group_key`]) and
/// hidden years. Kept per plan in this browser (see [`load_shape`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Shape {
    collapsed: std::collections::BTreeSet<String>,
    hidden_years: std::collections::BTreeSet<samplan_engine::Year>,
}

/// The storage key of a plan's budget grid shape.
fn shape_key(plan_id: &str) -> String {
    format!("samplan:v1:layout:{plan_id}:budget-shape")
}

/// The shape kept for a plan (the default when none is kept or it cannot be read).
fn load_shape(plan_id: &str) -> Shape {
    crate::components::layout_read(&shape_key(plan_id))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps a plan's shape (a full or blocked storage only loses the preference).
fn save_shape(plan_id: &str, shape: &Shape) {
    if let Ok(text) = serde_json::to_string(shape) {
        crate::components::layout_write(&shape_key(plan_id), &text);
    }
}

/// A stable key part for a group.
/// Whether the group of each line row is collapsed, asked row after row: the rows of one group
/// follow each other, so the group's key is made once per group, not once per row.
struct Collapsed<'a> {
    shape: &'a Shape,
    last: Option<(StatementGroup, bool)>,
}

impl<'a> Collapsed<'a> {
    fn new(shape: &'a Shape) -> Self {
        Collapsed { shape, last: None }
    }

    /// True when `row` is a line of a collapsed group (a collapsed group shows only its
    /// heading and subtotal).
    fn hides(&mut self, row: &StatementRow) -> bool {
        let StatementRow::Line { group, .. } = row else {
            return false;
        };
        match self.last {
            Some((g, hidden)) if g == *group => hidden,
            _ => {
                let hidden = self.shape.collapsed.contains(&group_key(*group));
                self.last = Some((*group, hidden));
                hidden
            }
        }
    }
}

fn group_key(group: StatementGroup) -> String {
    match group {
        Some(c) => format!("{c:?}"),
        None => "ingen".to_string(),
    }
}

/// The row of a line (or of one share of a split line, labelled with its group: typing an
/// amount there sets the whole line's amount, which Enter / F2 shows). With `kommuner` the row
/// ends with the line's Kommun cell offering them.
#[allow(clippy::too_many_arguments)]
fn line_row(
    line: &BudgetLine,
    group: StatementGroup,
    share: Option<Decimal>,
    amounts: &[Option<Amount>],
    years: &[samplan_engine::Year],
    unit: samplan_engine::format::DisplayUnit,
    label: String,
    kommuner: Option<std::sync::Arc<[String]>>,
    with_notes: bool,
) -> GridRow {
    let name = line.shown_name().to_string();
    // Share rows name their group, so every input has its own accessible name.
    let suffix = match share {
        Some(_) => format!(" ({})", group_label(group)),
        None => String::new(),
    };
    let acc = line.account.clone().unwrap_or_default();
    // An unnamed line's name cell is empty with a placeholder: the first thing typed is the
    // whole name (a share row shows its label, "(namnlös post) (60 %)").
    let name_cell = if line.is_unnamed() && share.is_none() {
        GridCell::editable("", "", label, format!("Post {name}{suffix}"))
            .with_placeholder("Ny post")
    } else {
        GridCell::editable(
            label.clone(),
            line.name.clone(),
            label,
            format!("Post {name}{suffix}"),
        )
    };
    // The note's marker on the line (also when the Notering column is hidden).
    let name_cell = name_cell.with_marker(Some(line.note.clone()));
    let mut cells = vec![
        name_cell,
        GridCell::editable(
            acc.clone(),
            acc.clone(),
            acc,
            format!("Konto {name}{suffix}"),
        ),
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
        cells.push(
            GridCell::editable(cat.clone(), cat.clone(), cat, format!("Kategori {name}"))
                .with_options(category_options()),
        );
    }
    for (y, shown) in years.iter().zip(amounts) {
        let whole = line.amounts.get(y).copied();
        let display = shown.map(|a| format::money(a, unit)).unwrap_or_default();
        let copy = shown
            .map(|a| format::money_copy(a, unit))
            .unwrap_or_default();
        // A formula typed in this unit is shown while editing (the cell keeps it).
        let edit = match line.formula(*y).filter(|f| f.unit == unit) {
            Some(f) => f.text.clone(),
            None => whole
                .map(|a| format::money_edit(a, unit))
                .unwrap_or_default(),
        };
        let testid = match share {
            None => format!("budget-belopp-{}-{y}", line.id.0),
            Some(_) => format!("budget-andel-{}-{}-{y}", line.id.0, group_key(group)),
        };
        cells.push(
            GridCell::editable(display, edit, copy, format!("{name} {y}{suffix}"))
                .with_testid(testid),
        );
    }
    if let Some(options) = kommuner {
        let place = line.municipality.clone().unwrap_or_default();
        cells.push(
            GridCell::editable(
                place.clone(),
                place.clone(),
                place,
                format!("Kommun {name}{suffix}"),
            )
            .with_options(options)
            .with_testid(match share {
                None => format!("budget-kommun-{}", line.id.0),
                Some(_) => format!("budget-kommun-{}-{}", line.id.0, group_key(group)),
            }),
        );
    }
    if with_notes {
        let note = line.note.clone();
        cells.push(
            GridCell::editable(
                note.clone(),
                note.clone(),
                note,
                format!("Notering {name}{suffix}"),
            )
            .with_testid(match share {
                None => format!("budget-notering-{}", line.id.0),
                Some(_) => format!("budget-notering-{}-{}", line.id.0, group_key(group)),
            }),
        );
    }
    GridRow {
        key: match share {
            None => format!("rad-{}", line.id.0),
            Some(_) => format!("rad-{}-{}", line.id.0, group_key(group)),
        },
        kind: RowKind::Line,
        cells,
    }
}

/// The grid's columns as a pasted block is read (Post, Konto, Kategori, the years, Kommun).
fn paste_columns(
    years: &[samplan_engine::Year],
    with_kommun: bool,
    with_notes: bool,
) -> Vec<samplan_engine::csv::BudgetColumn> {
    use samplan_engine::csv::BudgetColumn as C;
    let mut cols = vec![C::Name, C::Account, C::Category];
    cols.extend(years.iter().map(|y| C::Year(*y)));
    if with_kommun {
        cols.push(C::Municipality);
    }
    if with_notes {
        cols.push(C::Note);
    }
    cols
}

/// Every category's name, offered as a list by the Kategori column (one shared list).
fn category_options() -> std::sync::Arc<[String]> {
    static LIST: std::sync::OnceLock<std::sync::Arc<[String]>> = std::sync::OnceLock::new();
    std::sync::Arc::clone(LIST.get_or_init(|| {
        Category::ALL
            .iter()
            .map(|c| c.label().to_string())
            .collect()
    }))
}

/// Turns one typed cell into an edit (or the reason it cannot be one). Amounts go to
/// `scenario` (`None` = the base plan); the other columns always edit the base plan.
#[allow(clippy::too_many_arguments)]
fn cell_edit(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    line: LineId,
    col: usize,
    text: &str,
    unit: samplan_engine::format::DisplayUnit,
    with_kommun: bool,
    years: &[samplan_engine::Year],
) -> Result<Option<Edit>, String> {
    let text_trim = text.trim();
    let e = |r: Result<Edit, samplan_engine::EditError>| r.map(Some).map_err(|e| e.to_string());
    match col {
        0 => Edit::rename_line(plan, line, text).map_err(|e| e.to_string()),
        1 => e(Edit::set_line_field(
            plan,
            line,
            LineField::Account((!text_trim.is_empty()).then(|| text_trim.to_string())),
        )),
        2 => {
            let c = parse_statement_category(text_trim).map_err(|e| e.to_string())?;
            e(Edit::set_line_category(plan, line, c))
        }
        c if c == FIXED_COLS + years.len() + usize::from(with_kommun) => e(Edit::set_line_field(
            plan,
            line,
            LineField::Note(text.trim().to_string()),
        )),
        c if with_kommun && c == FIXED_COLS + years.len() => {
            let place = parse_line_municipality(plan, text).map_err(|e| e.to_string())?;
            e(Edit::set_line_field(
                plan,
                line,
                LineField::Municipality(place),
            ))
        }
        c => {
            let Some(year) = years.get(c - FIXED_COLS).copied() else {
                return Ok(None);
            };
            // A number or a formula (`=60000*1,02`, docs/numbers.md "Formulas").
            Edit::set_line_amount_text(plan, scenario, line, year, text, unit)
                .map(Some)
                .map_err(|e| e.to_string())
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
    // The cell the user (or an action) picked, with what its row stood for then; the selected
    // cell is derived from it (`selection` below).
    let picked = RwSignal::new(((1usize, 0usize), None::<RowRef>));

    // What the grid shows: the plan and figures of the active scenario.
    let with_kommun = choices.budget_kommun;
    let with_notes = choices.budget_notes;
    // Column widths are kept per plan (grid/layout.rs).
    let session = use_context::<crate::session::Session>();
    // The user's shape of the grid, kept per plan (collapsed groups, hidden years).
    let plan_id = Signal::derive(move || session.map(|s| s.current_id.get()).unwrap_or_default());
    // Derived: the shape changed here for the open plan, else the one kept for it (read again
    // when another plan is opened).
    let shape_here = RwSignal::new(None::<(String, Shape)>);
    let shape = Memo::new(move |_| {
        let id = plan_id.get();
        shape_here
            .with(|s| {
                s.as_ref()
                    .filter(|(at, _)| *at == id)
                    .map(|(_, s)| s.clone())
            })
            .unwrap_or_else(|| {
                if id.is_empty() {
                    Shape::default()
                } else {
                    load_shape(&id)
                }
            })
    });
    let change_shape = move |f: &dyn Fn(&mut Shape)| {
        let mut changed = shape.get_untracked();
        f(&mut changed);
        let id = plan_id.get_untracked();
        if !id.is_empty() {
            save_shape(&id, &changed);
        }
        shape_here.set(Some((id, changed)));
    };
    let shown_years = Memo::new(move |_| {
        let hidden = shape.with(|s| s.hidden_years.clone());
        plan.with(|p| {
            p.years
                .iter()
                .copied()
                .filter(|y| !hidden.contains(y))
                .collect::<Vec<_>>()
        })
    });
    // Empty (nothing kept, nothing read) without a stored plan, e.g. a shared read-only file.
    let layout_key = Signal::derive(move || {
        session
            .map(|s| s.current_id.get())
            .filter(|id| !id.is_empty())
            .map(|id| format!("{id}:budget"))
            .unwrap_or_default()
    });
    // Kept for the app's lifetime: coming back to Budget finds its rows.
    let cache = crate::ahead::Kept::<RowCache>::get();
    // A large import's new rows are built ahead of its swap, in steps (crate::ahead).
    state.ahead.register(BudgetAhead {
        cache,
        unit,
        with_kommun,
        with_notes,
        shape,
    });
    let built = Memo::new(move |_| {
        let look = Look {
            unit: unit.get(),
            with_kommun: with_kommun.get(),
            with_notes: with_notes.get(),
            shape: shape.get(),
        };
        state.with_statement(|statement, p| {
            cache
                .try_update_value(|c| c.layout(statement, p, &look))
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| built.with(|b| b.0.clone()));
    // The selected cell: the picked one, or, when the rows changed under it (an edit, undo or
    // redo adds, removes or moves rows), the row where the picked line now is (in the group
    // it was picked in, else its first row), keeping the column. Derived, never written back.
    let selection = Memo::new(move |_| {
        let ((r, c), what) = picked.get();
        built.with(|b| {
            let refs = &b.1;
            match what {
                Some(RowRef::Line(id, g)) if refs.get(r) != Some(&RowRef::Line(id, g)) => {
                    let t = refs
                        .iter()
                        .position(|x| *x == RowRef::Line(id, g))
                        .or_else(|| {
                            refs.iter()
                                .position(|x| matches!(x, RowRef::Line(l, _) if *l == id))
                        })
                        .unwrap_or(r);
                    (t, c)
                }
                _ => (r, c),
            }
        })
    });
    // Selects a cell (the grid's clicks and keys, and the actions below).
    let pick = move |p: crate::components::Pos| {
        let what = built.with_untracked(|b| b.1.get(p.0).copied());
        picked.set((p, what));
    };
    let grid_selection = crate::components::GridSelection {
        pos: selection.into(),
        pick: Callback::new(pick),
    };
    // The groups the grid has (for collapsing), in order.
    let groups = Memo::new(move |_| {
        built.with(|b| {
            let mut gs: Vec<StatementGroup> = Vec::new();
            for r in &b.1 {
                if let RowRef::Group(g) = r {
                    if !gs.contains(g) {
                        gs.push(*g);
                    }
                }
            }
            gs
        })
    });
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
                class: "col-account",
            },
            GridColumn {
                header: "Kategori".into(),
                numeric: false,
                class: "col-medium",
            },
        ];
        for y in shown_years.get() {
            cols.push(GridColumn {
                header: format!("{y} ({})", u.label()),
                numeric: true,
                class: "",
            });
        }
        if with_kommun.get() {
            cols.push(GridColumn {
                header: "Kommun".into(),
                numeric: false,
                class: "col-medium",
            });
        }
        if with_notes.get() {
            cols.push(GridColumn {
                header: "Notering".into(),
                numeric: false,
                class: "col-medium",
            });
        }
        cols
    });

    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let u = unit.get_untracked();
        let k = with_kommun.get_untracked();
        let shown = shown_years.get_untracked();
        let scenario = choices.scenario_untracked();
        let refs = built.with_untracked(|b| b.1.clone());
        write_cells(
            state,
            &writes,
            |row| match refs.get(row) {
                Some(RowRef::Line(id, _)) => Some(*id),
                _ => None,
            },
            |p, &id, col, text| cell_edit(p, scenario, id, col, text, u, k, &shown),
        )
    });

    // The line of the selected row (and the group it is shown in), if it is a line.
    let selected_line = Memo::new(move |_| {
        let (r, _) = selection.get();
        built.with(|b| match b.1.get(r) {
            Some(RowRef::Line(id, group)) => Some((*id, *group)),
            _ => None,
        })
    });
    // The group of the selected row (a new line goes there): its line, heading or subtotal;
    // for a total row, the group above it.
    let selected_group = Memo::new(move |_| {
        let (r, _) = selection.get();
        built.with(|b| {
            b.1.iter()
                .take(r.saturating_add(1))
                .rev()
                .find_map(|row| match row {
                    RowRef::Line(_, g) | RowRef::Group(g) => Some(*g),
                    RowRef::Other => None,
                })
        })
    });
    // Paste that understands rows (issue 17): the engine decides whether a pasted block adds
    // or updates lines (a header row, or a block at a new empty line or below the lines) and
    // builds it as one edit; `None` leaves it to the cell-by-cell paste.
    let on_paste_rows = Callback::new(
        move |(block, (r, c)): (Vec<Vec<String>>, crate::components::Pos)| {
            let row = built.with_untracked(|b| b.1.get(r).copied());
            let (line, category) = match row {
                Some(RowRef::Line(id, group)) => (Some(id), group),
                Some(RowRef::Group(group)) => (None, group),
                _ => (None, selected_group.get_untracked().flatten()),
            };
            let at = samplan_engine::csv::BudgetPaste {
                columns: paste_columns(
                    &shown_years.get_untracked(),
                    with_kommun.get_untracked(),
                    with_notes.get_untracked(),
                )
                .into_iter()
                .skip(c)
                .collect(),
                line,
                category,
                unit: unit.get_untracked(),
            };
            let pasted =
                plan.with_untracked(|p| samplan_engine::csv::paste_budget_rows(p, &block, &at));
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

    // The line whose split panel is open (the last selected line, while it exists), and the
    // group of the row it was selected in.
    let panel_line = Memo::new(move |prev: Option<&Option<(LineId, StatementGroup)>>| {
        selected_line.get().or_else(|| prev.copied().flatten())
    });
    let panel_id = Memo::new(move |_| {
        panel_line
            .get()
            .map(|(id, _)| id)
            .filter(|id| plan.with(|p| p.line(*id).is_some()))
    });
    // Selects the row of `line` in the group it was selected in (else its first row), keeping
    // the column, and scrolls it into view: a split line's rows move between groups.
    let select_line = move |line: LineId| {
        let group = panel_line
            .get_untracked()
            .filter(|(id, _)| *id == line)
            .map(|(_, g)| g);
        let row = built.with_untracked(|b| {
            group
                .and_then(|g| b.1.iter().position(|r| *r == RowRef::Line(line, g)))
                .or_else(|| {
                    b.1.iter()
                        .position(|r| matches!(r, RowRef::Line(id, _) if *id == line))
                })
        });
        let Some(r) = row else { return };
        pick((r, selection.get_untracked().1));
        // A frame later the view may be gone (left by its URL fragment): nothing to reveal then.
        request_animation_frame(move || {
            let Some((_, col)) = selection.try_get_untracked() else {
                return;
            };
            let selector = format!("#budget-grid [data-row=\"{r}\"][data-col=\"{col}\"]");
            if let Some(el) = document().query_selector(&selector).ok().flatten() {
                reveal_in_grid(&el);
            }
        });
    };

    let add_line = move |_| {
        let after = selected_line.get_untracked().map(|(id, _)| id);
        // Nothing selected: the Kansli group, the usual place of a new cost.
        let group = selected_group
            .get_untracked()
            .unwrap_or(Some(Category::Kansli));
        let before: std::collections::HashSet<LineId> =
            plan.with_untracked(|p| p.lines.iter().map(|l| l.id).collect());
        let result = state.edit(|p| Ok(Edit::insert_unnamed_line_in_group(p, group, after)));
        let added = result.is_ok().then(|| {
            plan.with_untracked(|p| p.lines.iter().map(|l| l.id).find(|id| !before.contains(id)))
        });
        report_problem(result);
        // Focus follows the action: the new line's name cell, where typing gives its name.
        if let Some(Some(id)) = added {
            request_animation_frame(move || {
                // `None` also when the view was left meanwhile.
                let row = built
                    .try_with_untracked(|b| {
                        b.1.iter()
                            .position(|r| matches!(r, RowRef::Line(l, _) if *l == id))
                    })
                    .flatten();
                if let Some(r) = row {
                    pick((r, 0));
                    crate::components::focus_selector(&format!(
                        "#budget-grid [data-row=\"{r}\"][data-col=\"0\"] input"
                    ));
                }
            });
        }
    };
    let delete_line = move |_| {
        if let Some((id, _)) = selected_line.get_untracked() {
            let name = plan
                .with_untracked(|p| p.line(id).map(|l| l.shown_name().to_string()))
                .unwrap_or_default();
            report_problem(crate::components::Toasts::after(
                state.edit(|p| Edit::delete_line_id(p, id)),
                format!("Posten \"{name}\" togs bort."),
            ));
        }
    };
    let move_line = move |up: bool| {
        let Some((id, group)) = selected_line.get_untracked() else {
            return;
        };
        report_problem(state.edit(|p| Edit::move_line_in_group(p, id, group, up)));
        // Keep the moved line selected (its row in the same group).
        let row = built.with_untracked(|b| b.1.iter().position(|r| *r == RowRef::Line(id, group)));
        if let Some(r) = row {
            pick((r, selection.get_untracked().1));
        }
    };
    let has_line = move || selected_line.get().is_some();

    // "Räkna upp med %" (issue 17): the selected line's later years from the selected year's
    // amount, a percentage more each year (engine: `Edit::index_line_years`), one undo step.
    let selected_year = Memo::new(move |_| {
        let (_, c) = selection.get();
        c.checked_sub(FIXED_COLS)
            .and_then(|i| shown_years.with(|ys| ys.get(i).copied()))
    });
    let can_index = move || has_line() && selected_year.get().is_some();
    let index_open = RwSignal::new(false);
    let index_text = RwSignal::new(String::new());
    let index_error = RwSignal::new(String::new());
    let run_index = move || {
        let (Some((id, _)), Some(year)) =
            (selected_line.get_untracked(), selected_year.get_untracked())
        else {
            return;
        };
        let percent = match format::parse_percent_text(&index_text.get_untracked()) {
            Ok(p) => p,
            Err(e) => {
                index_error.set(e);
                return;
            }
        };
        let scenario = choices.scenario_untracked();
        let result = plan
            .with_untracked(|p| Edit::index_line_years(p, scenario, id, year, percent))
            .map_err(|e| e.to_string())
            .and_then(|edit| state.apply(edit));
        match result {
            Ok(()) => {
                index_error.set(String::new());
                index_open.set(false);
                let name = plan
                    .with_untracked(|p| p.line(id).map(|l| l.shown_name().to_string()))
                    .unwrap_or_default();
                crate::components::Toasts::undoable(format!(
                    "{name}: åren efter {year} uppräknade med {} % per år",
                    format::percent_edit(percent)
                ));
            }
            Err(e) => index_error.set(e),
        }
    };

    // In two parts, each a task of its own (a file of 100 000 rows): the rows read, then
    // checked against the plan.
    let parse_budget = Callback::new(move |table: samplan_engine::csv::CsvTable| {
        let import = plan
            .with_untracked(|p| samplan_engine::csv::read_budget_table(&table, p))
            .map_err(|e| e.to_string())?;
        drop(table);
        Ok(crate::components::Checked::then(state, move || {
            budget_preview(state, choices, import)
        }))
    });
    let export_budget = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::csv::export_budget_csv(p, scenario))
    });
    let export_statement = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::csv::export_budget_statement_csv(p, scenario))
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
                <button
                    type="button"
                    data-testid="rakna-upp"
                    prop:disabled=move || !can_index()
                    title="Fyll postens senare år från det markerade året, med en procentsats per år"
                    on:click=move |_| index_open.update(|o| *o = !*o)
                >
                    "Räkna upp med %"
                </button>
                <SharedNote />
                <crate::components::YearControls />
                <CsvImport label="Importera budget (CSV)" parse=parse_budget />
                <CsvExport label="Exportera budget (CSV)" what="budget" bytes=export_budget />
                <XlsxExport label="Exportera budget (.xlsx)" what="budget" bytes=crate::components::table_xlsx(samplan_engine::xlsx::XlsxTable::Budget) />
                <CsvExport
                    label="Exportera budgetställning (CSV)"
                    what="budgetställning"
                    bytes=export_statement
                />
                <label class="inline checkbox" data-presentation="keep">
                    <input
                        type="checkbox"
                        data-testid="visa-kommun-kolumn"
                        prop:checked=move || with_kommun.get()
                        on:change=move |ev| with_kommun.set(event_target_checked(&ev))
                    />
                    "Visa kolumnen Kommun"
                </label>
                <label class="inline checkbox" data-presentation="keep">
                    <input
                        type="checkbox"
                        data-testid="visa-notering-kolumn"
                        prop:checked=move || with_notes.get()
                        on:change=move |ev| with_notes.set(event_target_checked(&ev))
                    />
                    "Visa kolumnen Notering"
                </label>
                <details class="grid-shape" data-presentation="keep">
                    <summary>"Grupper och år"</summary>
                    <fieldset>
                        <legend>"Visa grupperna (en hopfälld grupp visar bara rubrik och summa)"</legend>
                        {move || {
                            groups
                                .get()
                                .into_iter()
                                .map(|g| {
                                    let key = group_key(g);
                                    let (k1, k2) = (key.clone(), key);
                                    view! {
                                        <label class="inline checkbox">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || shape.with(|s| !s.collapsed.contains(&k1))
                                                on:change=move |ev| {
                                                    let show = event_target_checked(&ev);
                                                    let k = k2.clone();
                                                    change_shape(&move |s: &mut Shape| {
                                                        if show {
                                                            s.collapsed.remove(&k);
                                                        } else {
                                                            s.collapsed.insert(k.clone());
                                                        }
                                                    });
                                                }
                                            />
                                            {group_label(g)}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                    <fieldset>
                        <legend>"Visa åren"</legend>
                        {move || {
                            plan.with(|p| p.years.clone())
                                .into_iter()
                                .map(|y| {
                                    view! {
                                        <label class="inline checkbox">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || shape.with(|s| !s.hidden_years.contains(&y))
                                                on:change=move |ev| {
                                                    let show = event_target_checked(&ev);
                                                    change_shape(&move |s: &mut Shape| {
                                                        if show {
                                                            s.hidden_years.remove(&y);
                                                        } else {
                                                            s.hidden_years.insert(y);
                                                        }
                                                    });
                                                }
                                            />
                                            {y.to_string()}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }}
                    </fieldset>
                </details>
                <span class="hint">
                    "Markera en cell och skriv. Enter sparar, Esc ångrar inmatningen, Ctrl+V klistrar in från Excel. "
                    "Kolumnen Kommun kopplar posten till kommunen där insatsen finns (Kommun-vyn listar den)."
                </span>
            </div>
            <Show when=move || index_open.get() && can_index()>
                <form
                    class="row-actions index-form"
                    aria-label="Räkna upp med procent"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        run_index();
                    }
                >
                    <label class="inline">
                        {move || {
                            let name = selected_line
                                .get()
                                .and_then(|(id, _)| plan.with(|p| p.line(id).map(|l| l.shown_name().to_string())))
                                .unwrap_or_default();
                            let year = selected_year.get().map(|y| y.to_string()).unwrap_or_default();
                            format!("Räkna upp {name} från {year} med (% per år)")
                        }}
                        <input
                            type="text"
                            inputmode="decimal"
                            class="num"
                            data-testid="rakna-upp-procent"
                            prop:value=move || index_text.get()
                            on:input=move |ev| index_text.set(event_target_value(&ev))
                            aria-invalid=move || (!index_error.get().is_empty()).to_string()
                        />
                    </label>
                    <button type="submit">"Fyll senare år"</button>
                    <button type="button" on:click=move |_| index_open.set(false)>"Avbryt"</button>
                    <span class="hint" role="alert">{move || index_error.get()}</span>
                </form>
            </Show>
            <div class="budget-body">
                <div class="budget-grid">
                    <Grid
                        id="budget-grid"
                        caption=Signal::derive(move || format!("Budget per år ({})", unit.get().label()))
                        columns=columns
                        rows=rows
                        on_write=on_write
                        selection=grid_selection
                        on_paste_rows=on_paste_rows
                        layout_key=layout_key
                    />
                </div>
                {move || {
                    panel_id
                        .get()
                        .map(|id| view! { <SplitEditor line=id on_change=Callback::new(select_line) /> })
                }}
            </div>
        </section>
    }
}

/// Scrolls the grid's own scroll box (not the page) so `cell` is in view below the sticky
/// header: the split panel, which may sit below the grid, stays where the user is looking.
fn reveal_in_grid(cell: &web_sys::Element) {
    let Some(wrap) = cell.closest(".table-wrap").ok().flatten() else {
        return;
    };
    // Whole CSS pixels (the app does no float arithmetic).
    let header = wrap
        .query_selector("thead")
        .ok()
        .flatten()
        .map(|h| h.get_bounding_client_rect().height().ceil() as i32)
        .unwrap_or(0);
    let c = cell.get_bounding_client_rect();
    let w = wrap.get_bounding_client_rect();
    let (cell_top, cell_bottom) = (c.top().floor() as i32, c.bottom().ceil() as i32);
    let top = (w.top().floor() as i32).saturating_add(header);
    let bottom = w.bottom().floor() as i32;
    if cell_top < top {
        wrap.set_scroll_top(
            wrap.scroll_top()
                .saturating_sub(top.saturating_sub(cell_top)),
        );
    } else if cell_bottom > bottom {
        wrap.set_scroll_top(
            wrap.scroll_top()
                .saturating_add(cell_bottom.saturating_sub(bottom)),
        );
    }
}

/// Division of the selected line between categories in percent (a split line). Shown beside
/// the grid and kept open while the line exists; `on_change` gets the line after every change
/// (its rows move between groups), so the grid can keep it selected and in view.
#[component]
fn SplitEditor(
    /// The line.
    line: LineId,
    /// Called with the line after a change of its split.
    on_change: Callback<LineId>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let data =
        Memo::new(move |_| plan.with(|p| p.line(line).map(|l| (l.name.clone(), l.split.clone()))));
    let is_split = move || data.with(|d| d.as_ref().is_some_and(|d| !d.1.is_empty()));
    let toggle = move |_| {
        let split = is_split();
        report_problem(state.edit(|p| {
            if split {
                Edit::unsplit_line(p, line)
            } else {
                Edit::split_line(p, line)
            }
        }));
        on_change.run(line);
    };
    // A share typed into its field: applied on every keystroke (one undo step per field),
    // its error shown at the field only while the text is invalid (the one number field,
    // [`LiveInput`]).
    let set_percent = move |category: Category, text: String| -> Result<(), String> {
        let t = text.trim();
        let percent = if t.is_empty() {
            None
        } else {
            Some(format::parse_percent_text(t)?)
        };
        state.apply_live("fordelningsandel", |p| {
            Edit::set_split_share(p, line, category, percent)
        })?;
        on_change.run(line);
        Ok(())
    };
    let done = Callback::new(move |()| state.close_group());
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
        <aside class="panel split-panel" aria-labelledby="fordelning-rubrik">
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
                        {Category::SPLITTABLE
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
                                let slug = format!("andel-{c:?}").to_lowercase();
                                view! {
                                    <tr>
                                        <th scope="row">{c.label()}</th>
                                        <td class="num">
                                            <LiveInput
                                                id=slug.clone()
                                                class="num"
                                                testid=slug
                                                value=Signal::derive(value)
                                                aria_label=Signal::derive(move || Some(format!("Andel {} {}", c.label(), name())))
                                                on_text=Callback::new(move |t: String| set_percent(c, t))
                                                on_done=done
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="hint" role="status">{move || warning.get()}</p>
                <p class="hint">
                    "Posten visas i varje kategori med sin andel. Ett belopp du skriver i en andel gäller hela posten."
                </p>
            </Show>
        </aside>
    }
}

/// The preview of a budget import read from a file: each row as a new or updated line.
fn budget_preview(
    state: AppState,
    choices: Choices,
    mut import: samplan_engine::csv::BudgetImport,
) -> Result<crate::components::Checked, String> {
    state.plan.with_untracked(|p| {
            let edit = import.to_edit(p).map_err(|e| e.to_string())?;
            let mut headers = vec![
                "Rad".to_string(),
                "Konto".into(),
                "Post".into(),
                "Kategori".into(),
            ];
            headers.extend(import.years.iter().map(|y| y.to_string()));
            headers.push("Åtgärd".into());
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
            let summary = vec![
                format!("{} nya poster", crate::components::csv_import::count(import.new_lines().count())),
                format!("{} poster uppdateras", crate::components::csv_import::count(import.updated_lines().count())),
            ];
            let years = import.years.clone();
            let rows = PreviewRows::of(std::mem::take(&mut import.lines), move |l| {
                    let mut r = vec![
                        l.row.to_string(),
                        l.account.clone().unwrap_or_default(),
                        l.name.clone(),
                        l.category
                            .map(|c| c.label().to_string())
                            .unwrap_or_default(),
                    ];
                    r.extend(years.iter().map(|y| {
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
                });
            Ok(ImportPreview {
                summary,
                headers,
                rows,
                notes,
                edit,
                alternative,
            }.into())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::{csv::read_budget_csv, example_plan, workbook::Workbook};

    /// A budget file of `n` new lines and one line the plan has.
    fn budget_file(n: usize, amount: usize) -> String {
        let mut csv = String::from("Konto;Post;Kategori;2026;2027\r\n");
        for i in 0..n {
            csv.push_str(&format!(
                "{};Importpost {i};Kansli;{};7\r\n",
                100000 + i,
                amount + i
            ));
        }
        csv.push_str("4010;Löner;Kansli;1234567;\r\n");
        csv
    }

    /// A book with a budget import of `n` lines prepared, ready to commit.
    fn prepared(n: usize, amount: usize) -> (Workbook, samplan_engine::workbook::PreparedApply) {
        let book = Workbook::new(example_plan());
        let edit = read_budget_csv(budget_file(n, amount).as_bytes(), None, book.plan())
            .unwrap()
            .to_edit(book.plan())
            .unwrap();
        let mut p = book.prepare(edit);
        while !p.step(&book, 50).unwrap() {}
        (book, p)
    }

    /// The look the tests lay the grid out with.
    fn look() -> Look {
        Look {
            unit: DisplayUnit::Tkr,
            with_kommun: true,
            with_notes: false,
            shape: Shape::default(),
        }
    }

    fn layout(cache: &mut RowCache, book: &Workbook) -> Vec<Arc<GridRow>> {
        cache.layout(book.statement(), book.resolved(), &look()).0
    }

    /// Rows built ahead of a swap, in steps of 64, are the rows a layout of the swapped-in
    /// plan builds, and that layout uses them instead of building them again (crate::ahead).
    #[test]
    fn rows_built_ahead_are_the_layouts_rows_and_are_used() {
        let (mut book, p) = prepared(300, 1000);
        let mut cache = RowCache::default();
        let before = layout(&mut cache, &book);
        let (plan, _, statement) = p.ready().unwrap();
        let mut steps = 0;
        while !cache.build_ahead(statement, plan, &look(), &|| true) {
            steps += 1;
            assert!(steps < 100, "never done");
        }
        // 300 new lines and their group's changed rows, at least 64 a step.
        assert!(steps >= 4, "{steps} steps");
        let built: Vec<Arc<GridRow>> = cache
            .ahead
            .as_ref()
            .unwrap()
            .rows
            .values()
            .map(|(_, r, _)| Arc::clone(r))
            .collect();
        assert!(built.len() > 300);
        // Until the swap the grid's rows are the plan's before it.
        assert_eq!(layout(&mut cache, &book), before);
        book.commit(p).ok().unwrap();
        // The layout before the swap dropped nothing built ahead.
        cache.adopt();
        let after = layout(&mut cache, &book);
        assert_eq!(after, layout(&mut RowCache::default(), &book));
        assert!(built
            .iter()
            .all(|b| after.iter().any(|a| Arc::ptr_eq(a, b))));
    }

    /// The kept rows are the rows shown: a deleted line's row is dropped, an unchanged row is
    /// handed out again as the same `Arc`.
    #[test]
    fn the_kept_rows_follow_the_statement() {
        let mut book = Workbook::new(example_plan());
        let mut cache = RowCache::default();
        let first = layout(&mut cache, &book);
        assert_eq!(cache.rows.len(), first.len());
        let e = Edit::delete_line(book.plan(), 0).unwrap();
        book.apply(e).unwrap();
        let second = layout(&mut cache, &book);
        assert_eq!(second.len(), first.len() - 1);
        assert_eq!(cache.rows.len(), second.len());
        assert_eq!(second, layout(&mut RowCache::default(), &book));
        assert!(
            second
                .iter()
                .filter(|r| first.iter().any(|f| Arc::ptr_eq(f, r)))
                .count()
                > second.len() / 2
        );
    }

    /// What was built ahead of a swap that is not made is never shown: after it is dropped
    /// (as the import's steps do before building ahead), the next import's rows are built
    /// again — its new lines get the same ids and revisions with other figures.
    #[test]
    fn rows_built_ahead_of_a_swap_not_made_are_not_used() {
        let (book, p) = prepared(120, 1000);
        let mut cache = RowCache::default();
        let build = |cache: &mut RowCache, p: &samplan_engine::workbook::PreparedApply| {
            let (plan, _, statement) = p.ready().unwrap();
            while !cache.build_ahead(statement, plan, &look(), &|| false) {}
        };
        build(&mut cache, &p);
        assert!(cache.ahead.as_ref().is_some_and(|a| a.rows.len() > 120));
        // Avbryt: the swap is not made; the same import with other amounts is made instead.
        cache.ahead = None;
        let (mut other, p2) = prepared(120, 5000);
        assert_eq!(other.revision(), book.revision());
        build(&mut cache, &p2);
        other.commit(p2).ok().unwrap();
        cache.adopt();
        let rows = layout(&mut cache, &other);
        assert_eq!(rows, layout(&mut RowCache::default(), &other));
        // …and they are not the first import's rows.
        let mut first = book;
        first.commit(p).ok().unwrap();
        assert_ne!(rows, layout(&mut RowCache::default(), &first));
    }
}
