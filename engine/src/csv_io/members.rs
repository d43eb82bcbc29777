//! The members CSV (docs/csv.md): `Medlem;Typ;Invånare|Andel|Belopp`.

use std::collections::HashMap;

use super::cells::{amount_cell, population_cell, share_cell, text_cell, Sign};
use super::dialect::{read_table, CsvRow, CsvTable};
use super::error::CsvError;
use super::write::{write_csv, Cell};
use crate::allocation::{Key, KeyMethod, MemberInput, MemberKind};
use crate::edit::{Edit, EditError};
use crate::plan::{KeyValues, Member, MemberId, Plan, Year, YearKeys};

/// Accepted headers of the member-name column, in priority order: when several are present
/// the first one in this list is the name column (`Kommun` is only used when neither `Medlem`
/// nor `Namn` exists).
pub(crate) const MEMBER_NAME_COLUMNS: [&str; 4] = ["Medlem", "Namn", "Medlemsnamn", "Kommun"];
/// Accepted headers of the `Typ` column.
pub(crate) const MEMBER_KIND_COLUMNS: [&str; 3] = ["Typ", "Medlemstyp", "Part"];
/// Accepted headers of the population key column (`Invånare`).
pub(crate) const POPULATION_COLUMNS: [&str; 6] = [
    "Invånare",
    "Invanare",
    "Antal invånare",
    "Befolkning",
    "Folkmängd",
    "Folkmangd",
];
/// Accepted headers of the percent key column (`Andel`, percent of the party's amount).
pub(crate) const PERCENT_COLUMNS: [&str; 6] = [
    "Andel",
    "Andel %",
    "Andel (%)",
    "Andel i %",
    "Andel procent",
    "Procent",
];
/// Accepted headers of the fixed-amount key column (`Belopp`, in kronor).
pub(crate) const AMOUNT_COLUMNS: [&str; 4] = ["Belopp", "Belopp kr", "Belopp (kr)", "Belopp, kr"];

/// The result of a members CSV import: the members in file order and the keys they carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembersImport {
    /// The members in file order; Stat and Region rows only if the file has them (otherwise
    /// [`allocate`](crate::allocation::allocate) implies them). Every non-empty key cell is stored, also in
    /// columns that are not the key (e.g. population next to a `Belopp` key).
    pub members: Vec<MemberInput>,
    /// The key of the Kommun rows: `Key::single(KeyMethod::Population)` for `Invånare`,
    /// `Key::single(KeyMethod::Percent)` for `Andel`, or `Key::Amount` for `Belopp`.
    pub kommun_key: Key,
    /// The key of the Region rows when the file has several regions; `None` for zero or one
    /// region (a single region pays the whole regional part).
    pub region_key: Option<Key>,
    /// The key columns the file has (the values an import replaces; a member's other values
    /// are kept).
    columns: Vec<KeyColumn>,
}

/// The three key columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyColumn {
    Population,
    Percent,
    Amount,
}

impl KeyColumn {
    const ALL: [KeyColumn; 3] = [KeyColumn::Population, KeyColumn::Percent, KeyColumn::Amount];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            KeyColumn::Population => &POPULATION_COLUMNS,
            KeyColumn::Percent => &PERCENT_COLUMNS,
            KeyColumn::Amount => &AMOUNT_COLUMNS,
        }
    }

    fn is_filled(self, m: &MemberInput) -> bool {
        match self {
            KeyColumn::Population => m.population.is_some(),
            KeyColumn::Percent => m.percent.is_some(),
            KeyColumn::Amount => m.amount.is_some(),
        }
    }

    /// Puts the file's value of this column (`None` for an empty cell) into `values`.
    fn replace(self, values: &mut KeyValues, m: &MemberInput) {
        match self {
            KeyColumn::Population => values.population = m.population,
            KeyColumn::Percent => values.percent = m.percent,
            KeyColumn::Amount => values.amount = m.amount,
        }
    }

    fn key(self) -> Key {
        match self {
            KeyColumn::Population => Key::single(KeyMethod::Population),
            KeyColumn::Percent => Key::single(KeyMethod::Percent),
            KeyColumn::Amount => Key::Amount,
        }
    }
}

/// Finds the one column matching `aliases`; two matching columns are an error.
fn unique_column(table: &CsvTable, aliases: &[&str]) -> Result<Option<usize>, CsvError> {
    match table.columns(aliases).as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [first, second, ..] => Err(CsvError::DuplicateColumn {
            column: table.header(*first).to_string(),
            other: table.header(*second).to_string(),
        }),
    }
}

/// The name column: the highest-priority alias present; duplicates of it are an error.
fn name_column(table: &CsvTable) -> Result<Option<usize>, CsvError> {
    for alias in MEMBER_NAME_COLUMNS {
        if let Some(idx) = unique_column(table, &[alias])? {
            return Ok(Some(idx));
        }
    }
    Ok(None)
}

/// Reads a members CSV (docs/csv.md) in any dialect [`read_table`] accepts.
///
/// Columns (case-insensitive, trimmed): `Medlem` (required; `Namn`, or `Kommun` when neither
/// exists), `Typ` (`Stat`, `Region` or `Kommun`; without the column every row is a
/// municipality unless its name is the state's or a region's, [`kind_by_name`]), and at least
/// one key column:
/// `Invånare` (whole number; also `Invanare`, `Befolkning`), `Andel` (percent of the party's
/// amount, `44` or `44,0`; also `Andel %`) or `Belopp` (kronor, Swedish number, `tkr` allowed).
/// The key of the Kommun rows is the one key column that is filled for every Kommun row (the
/// same rule for Region rows when there are several). Numbers are parsed with the Swedish
/// parser, never by the CSV library.
///
/// Values are checked against the input bounds (docs/bounds.md): `Invånare` at most
/// 10^9, `Andel` 0–100 % with at most six decimals, `Belopp` 0 to 10^12 kr with at most two
/// decimals. Text cells are trimmed and the export's formula guard is undone ([`text_cell`]).
///
/// All or nothing: the first problem is returned as a [`CsvError`] naming line and column,
/// and nothing is imported.
pub fn read_members_csv(bytes: &[u8], delimiter: Option<u8>) -> Result<MembersImport, CsvError> {
    read_members(&read_table(bytes, delimiter)?, None)
}

/// Reads a members CSV for an import into `plan` in `year`: like [`read_members_csv`], except
/// that when several key columns are filled for every member of a group and one of them is the
/// plan's key in `year`, that one is the file's key (instead of [`CsvError::AmbiguousKey`]): an
/// export of a plan with population and amounts for every municipality reads back.
pub fn read_members_csv_for(
    bytes: &[u8],
    delimiter: Option<u8>,
    plan: &Plan,
    year: Year,
) -> Result<MembersImport, CsvError> {
    read_members_table_for(&read_table(bytes, delimiter)?, plan, year)
}

/// [`read_members_csv_for`] of a table already read (by [`read_table`] or, in steps, by a
/// [`TableReader`](super::TableReader)).
pub fn read_members_table_for(
    table: &CsvTable,
    plan: &Plan,
    year: Year,
) -> Result<MembersImport, CsvError> {
    let keys = (
        plan.settings.kommun_key_for(year),
        plan.settings.region_key_for(year),
    );
    read_members(table, Some(&keys))
}

fn read_members(
    table: &CsvTable,
    plan_keys: Option<&(Key, Key)>,
) -> Result<MembersImport, CsvError> {
    let name_idx = name_column(table)?.ok_or_else(|| CsvError::MissingColumn {
        column: MEMBER_NAME_COLUMNS[0].to_string(),
    })?;
    // Without a `Typ` column the rows are municipalities unless named as the state or a
    // region ([`kind_by_name`]).
    let kind_idx = unique_column(table, &MEMBER_KIND_COLUMNS)?;
    let mut key_columns = Vec::new();
    for kc in KeyColumn::ALL {
        if let Some(idx) = unique_column(table, kc.aliases())? {
            key_columns.push((kc, idx));
        }
    }
    if table.rows.is_empty() {
        return Err(CsvError::NoRows);
    }

    let mut members: Vec<(usize, MemberInput)> = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(table.rows.len());
    let mut state_line: Option<usize> = None;
    for row in &table.rows {
        let member = read_member(table, row, name_idx, kind_idx, &key_columns)?;
        match seen.entry(crate::names::name_key(&member.name)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                return Err(CsvError::DuplicateMember {
                    line: row.line,
                    column: table.header(name_idx).to_string(),
                    value: member.name,
                    first_line: *first.get(),
                });
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(row.line);
            }
        }
        if member.kind == Some(MemberKind::Stat) {
            if let Some(first_line) = state_line {
                return Err(CsvError::SecondState {
                    line: row.line,
                    column: table.header(kind_idx.unwrap_or(name_idx)).to_string(),
                    first_line,
                });
            }
            state_line = Some(row.line);
        }
        members.push((row.line, member));
    }

    let of_kind = |kind: MemberKind| -> Vec<(usize, &MemberInput)> {
        members
            .iter()
            .filter(|(_, m)| m.kind == Some(kind))
            .map(|(line, m)| (*line, m))
            .collect()
    };
    let kommuner = of_kind(MemberKind::Kommun);
    if kommuner.is_empty() {
        return Err(CsvError::NoMunicipalities);
    }
    let kommun_key = determine_key(
        table,
        &kommuner,
        &key_columns,
        "kommuner",
        plan_keys.map(|k| &k.0),
    )?;
    let regions = of_kind(MemberKind::Region);
    let region_key = if regions.len() > 1 {
        Some(determine_key(
            table,
            &regions,
            &key_columns,
            "regioner",
            plan_keys.map(|k| &k.1),
        )?)
    } else {
        None
    };
    Ok(MembersImport {
        members: members.into_iter().map(|(_, m)| m).collect(),
        kommun_key,
        region_key,
        columns: key_columns.iter().map(|(kc, _)| *kc).collect(),
    })
}

/// The kind of a member in a file without a `Typ` column (docs/csv.md, "Members CSV"): the
/// state when the name is the state's (`Stat`, `Staten`, `Staten (…)`, `Försäkringskassan`,
/// `Arbetsförmedlingen`, `FK`), a region when it names one (`Region`, `Regionen`,
/// `Region Västmanland`, `Landsting`, `Västmanlands läns landsting`), otherwise a municipality.
/// Compared trimmed and case-insensitively, white space folded.
pub fn kind_by_name(name: &str) -> MemberKind {
    let key = crate::names::name_key(name);
    let word = |w: &str| key == w || key.starts_with(&format!("{w} "));
    if [
        "stat",
        "staten",
        "försäkringskassan",
        "arbetsförmedlingen",
        "fk",
    ]
    .iter()
    .any(|w| key == *w)
        || word("staten")
    {
        MemberKind::Stat
    } else if word("region") || key == "regionen" || key.contains("landsting") {
        MemberKind::Region
    } else {
        MemberKind::Kommun
    }
}

fn read_member(
    table: &CsvTable,
    row: &CsvRow,
    name_idx: usize,
    kind_idx: Option<usize>,
    key_columns: &[(KeyColumn, usize)],
) -> Result<MemberInput, CsvError> {
    let missing = |idx: usize| CsvError::MissingValue {
        line: row.line,
        column: table.header(idx).to_string(),
    };
    let name = text_cell(row.get(name_idx)).ok_or_else(|| missing(name_idx))?;
    let kind = match kind_idx {
        Some(kind_idx) => {
            let kind_text = text_cell(row.get(kind_idx)).ok_or_else(|| missing(kind_idx))?;
            MemberKind::parse(kind_text).ok_or_else(|| CsvError::UnknownKind {
                line: row.line,
                column: table.header(kind_idx).to_string(),
                value: kind_text.to_string(),
            })?
        }
        None => kind_by_name(name),
    };
    let mut member = MemberInput::new(name, kind);
    for &(kc, idx) in key_columns {
        let text = row.get(idx);
        if text.trim().is_empty() {
            continue;
        }
        match kc {
            KeyColumn::Population => {
                member.population = Some(population_cell(table, row, idx, text)?)
            }
            KeyColumn::Percent => member.percent = Some(share_cell(table, row, idx, text)?),
            KeyColumn::Amount => {
                member.amount = Some(amount_cell(table, row, idx, text, Sign::NonNegative)?)
            }
        }
    }
    Ok(member)
}

/// What a members import does to one file row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemberAction {
    /// A member with this name exists (compared trimmed, case-insensitively): its key values
    /// for the year become the file's (no edit when they already are).
    Update,
    /// A new member.
    Add,
}

/// True when the plan's `current` key already means the file's `imported` key: the same key,
/// or a mix whose only computed method is the file's (e.g. 20 % Lika delar + 80 % Invånare for
/// a file keyed by `Invånare`; equal parts need no column).
fn key_agrees(current: &Key, imported: &Key) -> bool {
    if current == imported {
        return true;
    }
    match (current, imported) {
        (Key::Mix(parts), Key::Mix(file)) => match file.as_slice() {
            [only] => {
                parts.iter().any(|p| p.method == only.method)
                    && parts
                        .iter()
                        .all(|p| p.method == only.method || p.method == KeyMethod::Equal)
            }
            _ => false,
        },
        _ => false,
    }
}

use crate::names::name_key as member_key;

/// The key column a plan's key reads its values from: the column of a single key or of a mix
/// whose only computed method is one column's (equal parts need none); `None` otherwise.
fn key_column(key: &Key) -> Option<KeyColumn> {
    let of = |m: KeyMethod| match m {
        KeyMethod::Population => Some(KeyColumn::Population),
        KeyMethod::Percent => Some(KeyColumn::Percent),
        _ => None,
    };
    match key {
        Key::Amount => Some(KeyColumn::Amount),
        Key::Mix(parts) => {
            let mut computed = parts.iter().filter(|p| p.method != KeyMethod::Equal);
            match (computed.next(), computed.next()) {
                (Some(only), None) => of(only.method),
                _ => None,
            }
        }
    }
}

impl MembersImport {
    /// True when importing changes the plan's key `current` of `kind`'s group into the file's
    /// `imported`: not when they agree ([`key_agrees`]), and not when the file has the column
    /// of the plan's key with a value for at least one member of the group (the file updates
    /// the values of the plan's key; e.g. the export of a plan keyed by `Belopp` in which some
    /// municipalities have no amount yet, but all have a population).
    /// A member's kind is the one it has in the plan after the import (`kind_in_plan`: an
    /// existing member keeps its kind).
    fn changes_key(
        &self,
        current: &Key,
        imported: &Key,
        kind: MemberKind,
        kinds: &[Option<MemberKind>],
    ) -> bool {
        if key_agrees(current, imported) {
            return false;
        }
        let carried = key_column(current).is_some_and(|kc| {
            self.columns.contains(&kc)
                && self
                    .members
                    .iter()
                    .zip(kinds)
                    .any(|(m, k)| *k == Some(kind) && kc.is_filled(m))
        });
        !carried
    }

    /// The import as one compound edit of `plan` (the base plan), with what it does to each
    /// file row (in file order):
    ///
    /// - the municipal key (and the regional key when the file has several regions) becomes
    ///   the file's, unless the plan's key already agrees with it (see the members CSV in
    ///   docs/csv.md: a mix such as 20 % Lika delar + 80 % Invånare is kept for a file keyed by
    ///   `Invånare`);
    /// - a member whose name matches by the one names rule ([`crate::names::names_match`]: trimmed,
    ///   white space folded, case-insensitive) gets the file's values for
    ///   `year` in the key columns the file has (an empty cell clears that value); its values
    ///   in the other columns, in force in `year`, are kept (no edit when nothing changes);
    /// - other rows become new members at the end, with fresh ids.
    ///
    /// Members missing from the file are kept unchanged. Exporting with
    /// [`export_members_csv`] and importing the file again changes nothing. A `year` that is
    /// not one of the plan's years is refused ([`EditError::NotPlanYear`]).
    pub fn to_edit(&self, plan: &Plan, year: Year) -> Result<(Edit, Vec<MemberAction>), EditError> {
        if !plan.years.contains(&year) {
            return Err(EditError::NotPlanYear(year));
        }
        let mut edits = Vec::new();
        let mut by_name: HashMap<String, &Member> = HashMap::with_capacity(plan.members.len());
        for m in &plan.members {
            by_name.entry(member_key(&m.name)).or_insert(m);
        }
        // Each file row's member in the plan (by the one names rule), and its kind there.
        let existing: Vec<Option<&Member>> = self
            .members
            .iter()
            .map(|m| by_name.get(&member_key(&m.name)).copied())
            .collect();
        let kind_in_plan: Vec<Option<MemberKind>> = self
            .members
            .iter()
            .zip(&existing)
            .map(|(m, e)| e.map(|e| e.kind).or(m.kind))
            .collect();
        // The file's key is in force from `year` on, unless the plan's key there already agrees.
        let kommun_key = self
            .changes_key(
                &plan.settings.kommun_key_for(year),
                &self.kommun_key,
                MemberKind::Kommun,
                &kind_in_plan,
            )
            .then(|| self.kommun_key.clone());
        let region_key = self
            .region_key
            .as_ref()
            .filter(|k| {
                self.changes_key(
                    &plan.settings.region_key_for(year),
                    k,
                    MemberKind::Region,
                    &kind_in_plan,
                )
            })
            .cloned();
        if kommun_key.is_some() || region_key.is_some() {
            edits.push(Edit::set_year_keys_from(
                plan,
                year,
                &YearKeys {
                    kommun_key,
                    region_key,
                    population_source: None,
                },
            ));
        }
        let mut actions = Vec::with_capacity(self.members.len());
        let new_count = existing.iter().filter(|e| e.is_none()).count();
        let mut fresh = plan.free_ids(new_count).into_iter();
        let mut next = plan.next_id;
        let mut index = plan.members.len();
        for (m, existing) in self.members.iter().zip(&existing) {
            let values = KeyValues {
                population: m.population,
                percent: m.percent,
                amount: m.amount,
            };
            match existing {
                Some(existing) => {
                    let now = existing.values_for(year);
                    let mut values = now.clone();
                    for kc in &self.columns {
                        kc.replace(&mut values, m);
                    }
                    if now != values {
                        edits.push(Edit::SetMemberValues {
                            scenario: None,
                            member: existing.id,
                            year,
                            old: existing.values.get(&year).cloned(),
                            new: Some(values),
                        });
                    }
                    actions.push(MemberAction::Update);
                }
                None => {
                    if m.kind == Some(MemberKind::Stat) {
                        if let Some(state) =
                            plan.members.iter().find(|p| p.kind == MemberKind::Stat)
                        {
                            return Err(EditError::SecondState {
                                name: m.name.trim().to_string(),
                                existing: state.name.clone(),
                            });
                        }
                    }
                    let id = fresh.next().unwrap_or(crate::plan::NO_FREE_ID);
                    let mut member = Member {
                        id: MemberId(id),
                        name: m.name.trim().to_string(),
                        kind: m.kind.unwrap_or(MemberKind::Kommun),
                        first_year: m.first_year,
                        last_year: m.last_year,
                        values: Default::default(),
                    };
                    if values != KeyValues::default() {
                        member.values.insert(year, values);
                    }
                    edits.push(Edit::AddMember {
                        index,
                        member,
                        next_id_before: next,
                    });
                    next = next.max(id.saturating_add(1));
                    index = index.saturating_add(1);
                    actions.push(MemberAction::Add);
                }
            }
        }
        Ok((Edit::Compound(edits), actions))
    }
}

/// The members with their key values in force in `year` as a members CSV (docs/csv.md):
/// `Medlem;Typ;Invånare;Andel;Belopp`, one row per member in plan order (Stat and Region rows
/// only when the plan has them), every value the member has (empty cells for none), written
/// like every export ([`write_csv`]). [`read_members_csv`] reads it back to the same members
/// and values, and [`MembersImport::to_edit`] of that import changes nothing.
pub fn export_members_csv(
    plan: &Plan,
    scenario: Option<crate::plan::ScenarioId>,
    year: Year,
) -> Vec<u8> {
    let p = plan.resolved(scenario);
    let mut rows = Vec::with_capacity(p.members.len().saturating_add(1));
    rows.push(
        [
            MEMBER_NAME_COLUMNS[0],
            MEMBER_KIND_COLUMNS[0],
            POPULATION_COLUMNS[0],
            PERCENT_COLUMNS[0],
            AMOUNT_COLUMNS[0],
        ]
        .into_iter()
        .map(Cell::from)
        .collect::<Vec<_>>(),
    );
    for m in &p.members {
        let v = m.values_for(year);
        rows.push(vec![
            Cell::Text(m.name.clone()),
            Cell::from(m.kind.label()),
            v.population
                .map(|n| Cell::Number(n.into()))
                .unwrap_or(Cell::Empty),
            Cell::from(v.percent),
            Cell::from(v.amount),
        ]);
    }
    write_csv(&rows)
}

/// The template offered for download next to the members import (docs/csv.md, "Members
/// CSV"): the smallest sheet a treasurer keeps, `Kommun;Invånare`, with two example rows, in
/// the export's dialect ([`write_csv`]). [`read_members_csv`] reads it as two municipalities
/// keyed by population.
pub fn members_csv_template() -> Vec<u8> {
    let rows = vec![
        vec![Cell::from("Kommun"), Cell::from(POPULATION_COLUMNS[0])],
        vec![Cell::Text("Exempelby".into()), Cell::Integer(12_345)],
        vec![Cell::Text("Provsta".into()), Cell::Integer(4_321)],
    ];
    write_csv(&rows)
}

/// The key of a group of members: the one key column filled for all of them (of several, the
/// one that is the plan's key `preferred`, when given).
fn determine_key(
    table: &CsvTable,
    group: &[(usize, &MemberInput)],
    key_columns: &[(KeyColumn, usize)],
    group_name: &str,
    preferred: Option<&Key>,
) -> Result<Key, CsvError> {
    let Some((&first_column, other_columns)) = key_columns.split_first() else {
        return Err(CsvError::MissingKeyColumn {
            columns: vec![
                POPULATION_COLUMNS[0].to_string(),
                PERCENT_COLUMNS[0].to_string(),
                AMOUNT_COLUMNS[0].to_string(),
            ],
        });
    };
    let filled = |kc: KeyColumn| group.iter().filter(|(_, m)| kc.is_filled(m)).count();
    let full: Vec<(KeyColumn, usize)> = key_columns
        .iter()
        .copied()
        .filter(|(kc, _)| filled(*kc) == group.len())
        .collect();
    match full.as_slice() {
        [(kc, _)] => Ok(kc.key()),
        [] => {
            // The most-filled column (first on ties) names the first member lacking a value.
            let mut best = first_column;
            for &(kc, idx) in other_columns {
                if filled(kc) > filled(best.0) {
                    best = (kc, idx);
                }
            }
            let (kc, idx) = best;
            // Some member lacks this column (none is full); should none, it is the key.
            let Some(&(line, member)) = group.iter().find(|(_, m)| !kc.is_filled(m)) else {
                return Ok(kc.key());
            };
            Err(CsvError::IncompleteKey {
                line,
                column: table.header(idx).to_string(),
                member: member.name.clone(),
                group: group_name.to_string(),
            })
        }
        several
            if preferred
                .is_some_and(|p| several.iter().any(|(kc, _)| key_agrees(p, &kc.key()))) =>
        {
            Ok(several
                .iter()
                .map(|(kc, _)| kc.key())
                .find(|k| preferred.is_some_and(|p| key_agrees(p, k)))
                .unwrap_or(Key::Amount))
        }
        several => Err(CsvError::AmbiguousKey {
            columns: several
                .iter()
                .map(|(_, idx)| table.header(*idx).to_string())
                .collect(),
            group: group_name.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;
    use rust_decimal::Decimal;

    fn import(s: &str) -> Result<MembersImport, CsvError> {
        read_members_csv(s.as_bytes(), None)
    }

    /// Issue 21: an import could add a second state, and the plan's export then did not read
    /// back ("staten finns redan").
    #[test]
    fn an_import_never_adds_a_second_state() {
        let plan = crate::example::example_plan();
        let year = plan.years[0];
        let imp = import("Medlem;Typ;Invånare\nNya staten;Stat;\nÄlvstad;Kommun;1\n").unwrap();
        assert_eq!(
            imp.to_edit(&plan, year).unwrap_err().to_string(),
            "\"Nya staten\" kan inte läggas till som stat: planen har redan staten \
             \"Staten (Försäkringskassan och Arbetsförmedlingen)\" (staten är en enda betalare)"
        );
    }

    /// Issue 21 (fuzz/regressions/members-csv/members-reimport-seed777001.bin): a file that
    /// has the column of the plan's key with values keeps the key, and a tie of two full key
    /// columns is settled by the plan's key when read against the plan.
    #[test]
    fn the_plans_key_is_kept_when_the_file_carries_its_column() {
        let mut plan = crate::example::example_plan();
        let year = plan.years[0];
        plan.settings.kommun_key = Key::Amount;
        // Invånare full, Belopp for one municipality only: the file's own key is Invånare.
        let imp = import("Medlem;Typ;Invånare;Belopp\nÄlvstad;Kommun;5;100\nNorrfors;Kommun;6;\n")
            .unwrap();
        assert_eq!(imp.kommun_key, Key::single(KeyMethod::Population));
        let (edit, _) = imp.to_edit(&plan, year).unwrap();
        let mut after = plan.clone();
        crate::edit::apply(&mut after, &edit).unwrap();
        assert_eq!(after.settings.kommun_key_for(year), Key::Amount);
        // Both full: ambiguous alone, the plan's key against the plan.
        let both = "Medlem;Typ;Invånare;Belopp\nÄlvstad;Kommun;5;100\nNorrfors;Kommun;6;7\n";
        assert!(matches!(import(both), Err(CsvError::AmbiguousKey { .. })));
        let imp = read_members_csv_for(both.as_bytes(), None, &plan, year).unwrap();
        assert_eq!(imp.kommun_key, Key::Amount);
    }

    #[test]
    fn population_key_with_implied_parties() {
        let m = import("Medlem;Typ;Invånare\nAby;Kommun;1 000\nBby;kommun;3000\n").unwrap();
        assert_eq!(m.kommun_key, Key::single(KeyMethod::Population));
        assert_eq!(m.region_key, None);
        assert_eq!(m.members.len(), 2);
        assert_eq!(m.members[0].population, Some(1000));
        assert_eq!(m.members[1].kind, Some(MemberKind::Kommun));
    }

    #[test]
    fn percent_and_amount_keys() {
        let m = import("Namn;Typ;Andel %\nA;Kommun;44,0\nB;Kommun;56\n").unwrap();
        assert_eq!(m.kommun_key, Key::single(KeyMethod::Percent));
        assert_eq!(m.members[0].percent, Some(Decimal::new(440, 1)));
        let m = import(
            "Medlem;Typ;Invånare;Belopp\nStaten;Stat;;\nA;Kommun;;12 tkr\nB;Kommun;17;5 000 kr\n",
        )
        .unwrap();
        assert_eq!(m.kommun_key, Key::Amount);
        assert_eq!(m.members[1].amount, Some(Amount::kr(12_000)));
        // The non-key population is kept as information.
        assert_eq!(m.members[2].population, Some(17));
    }

    #[test]
    fn several_regions_get_their_own_key() {
        let m = import("Medlem;Typ;Andel\nR1;Region;60\nR2;Region;40\nK1;Kommun;100\n").unwrap();
        assert_eq!(m.region_key, Some(Key::single(KeyMethod::Percent)));
        let e = import("Medlem;Typ;Andel;Invånare\nR1;Region;60;\nR2;Region;;5\nK1;Kommun;100;\n")
            .unwrap_err();
        assert!(e.to_string().contains("regioner"), "{e}");
    }

    #[test]
    fn name_column_priority() {
        let m = import("Kommun;Medlem;Typ;Invånare\nx;A;Kommun;1\n").unwrap();
        assert_eq!(m.members[0].name, "A");
        let m = import("Kommun;Typ;Invånare\nA;Kommun;1\n").unwrap();
        assert_eq!(m.members[0].name, "A");
    }

    /// The treasurer's own sheet: `Kommun;Invånare`, no `Typ` column. Every row is a
    /// municipality unless it is named as the state or a region.
    #[test]
    fn a_sheet_without_typ_reads_municipalities() {
        let m = import("Kommun;Invånare\nAvesta;22 000\nHedemora;15 000\n").unwrap();
        assert_eq!(m.kommun_key, Key::single(KeyMethod::Population));
        assert_eq!(m.members.len(), 2);
        assert!(m.members.iter().all(|m| m.kind == Some(MemberKind::Kommun)));
        assert_eq!(m.members[1].population, Some(15_000));
        let m = import(
            "Medlem;Invånare\nStaten (Försäkringskassan och Arbetsförmedlingen);\nRegion Dalarna;\nAvesta;22 000\n",
        )
        .unwrap();
        let kinds: Vec<_> = m.members.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                Some(MemberKind::Stat),
                Some(MemberKind::Region),
                Some(MemberKind::Kommun)
            ]
        );
        // Imported into a plan, the new rows are municipalities.
        let plan = crate::example::vm2024_plan();
        let imp = import("Kommun;Invånare\nArboga;14 019\nNyby;1 000\n").unwrap();
        let (edit, actions) = imp.to_edit(&plan, 2024).unwrap();
        assert_eq!(actions, [MemberAction::Update, MemberAction::Add]);
        let mut p = plan.clone();
        crate::edit::apply(&mut p, &edit).unwrap();
        let nyby = p.members.iter().find(|m| m.name == "Nyby").unwrap();
        assert_eq!(nyby.kind, MemberKind::Kommun);
    }

    #[test]
    fn the_template_reads_back_as_two_municipalities() {
        let m = read_members_csv(&members_csv_template(), None).unwrap();
        assert_eq!(m.kommun_key, Key::single(KeyMethod::Population));
        let rows: Vec<_> = m
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.kind, m.population))
            .collect();
        assert_eq!(
            rows,
            [
                ("Exempelby", Some(MemberKind::Kommun), Some(12_345)),
                ("Provsta", Some(MemberKind::Kommun), Some(4_321)),
            ]
        );
    }

    #[test]
    fn kinds_by_name() {
        for (name, kind) in [
            ("Staten", MemberKind::Stat),
            ("  stat ", MemberKind::Stat),
            ("Försäkringskassan", MemberKind::Stat),
            ("Arbetsförmedlingen", MemberKind::Stat),
            ("Staten (FK och AF)", MemberKind::Stat),
            ("Region", MemberKind::Region),
            ("Region  Västmanland", MemberKind::Region),
            ("Regionen", MemberKind::Region),
            ("Västmanlands läns landsting", MemberKind::Region),
            ("Västerås", MemberKind::Kommun),
            ("Statensby", MemberKind::Kommun),
            ("Regionby", MemberKind::Kommun),
        ] {
            assert_eq!(kind_by_name(name), kind, "{name}");
        }
    }

    #[test]
    fn errors() {
        let cases: [(&str, &str); 14] = [
            ("Typ;Invånare\nKommun;1\n", "kolumnen \"Medlem\" saknas"),
            ("Kommun;Invånare\nStaten;\nFK;\nA;1\n", "rad 3, kolumn \"Kommun\": staten finns redan på rad 2 (staten är en enda betalare)"),
            ("Medlem;Typ\nA;Kommun\n", "det finns ingen nyckelkolumn: lägg till en av kolumnerna \"Invånare\", \"Andel\" och \"Belopp\""),
            ("Medlem;Typ;Invånare\n", "filen innehåller bara rubrikraden, inga rader med data"),
            ("Medlem;Typ;Invånare\nA;Kommun;1\nB;Kommun;12a\n", "rad 3, kolumn \"Invånare\": \"12a\" är inget tal"),
            ("Medlem;Typ;Invånare\nA;Kommunn;1\n", "rad 2, kolumn \"Typ\": \"Kommunn\" är ingen känd typ (Stat, Region eller Kommun)"),
            ("Medlem;Typ;Invånare\nA;;1\n", "rad 2, kolumn \"Typ\": värdet saknas"),
            ("Medlem;Typ;Invånare\n;Kommun;1\n", "rad 2, kolumn \"Medlem\": värdet saknas"),
            ("Medlem;Typ;Invånare\nSala;Kommun;1\nsala;Kommun;2\n", "rad 3, kolumn \"Medlem\": \"sala\" finns redan på rad 2"),
            ("Medlem;Typ;Invånare\nS;Stat;\nT;Stat;\nK;Kommun;1\n", "rad 3, kolumn \"Typ\": staten finns redan på rad 2 (staten är en enda betalare)"),
            ("Medlem;Typ;Invånare;Andel\nA;Kommun;1;50\nB;Kommun;2;50\n", "nyckeln är tvetydig: kolumnerna \"Invånare\" och \"Andel\" är ifyllda för alla kommuner; lämna bara en av dem ifylld"),
            ("Medlem;Typ;Invånare;Belopp\nA;Kommun;1;\nB;Kommun;;\nC;Kommun;;5\n", "rad 3, kolumn \"Invånare\": värdet saknas för B; nyckeln måste vara ifylld för alla kommuner"),
            ("Medlem;Typ;Invånare;Befolkning\nA;Kommun;1;1\n", "kolumnerna \"Invånare\" och \"Befolkning\" betyder samma sak; behåll en av dem"),
            ("Medlem;Typ;Invånare\nR;Region;1\n", "filen innehåller ingen medlem med typen Kommun"),
        ];
        for (input, want) in cases {
            let got = import(input).map(|_| ()).unwrap_err().to_string();
            assert_eq!(got, want, "input {input:?}");
        }
    }

    #[test]
    fn import_merges_the_file_columns_into_the_years_values() {
        let plan = crate::example::vm2024_plan();
        let file = include_str!("../../tests/fixtures/vm2024_invanare.csv");
        let imp = import(file).unwrap();
        let arboga = |p: &Plan| {
            p.members
                .iter()
                .find(|m| m.name == "Arboga")
                .unwrap()
                .values_for(2024)
        };
        assert_eq!(arboga(&plan).amount, Some(Amount::kr(236_975)));
        let (edit, _) = imp.to_edit(&plan, 2024).unwrap();
        let mut p = plan.clone();
        crate::edit::apply(&mut p, &edit).unwrap();
        // The population is the file's; the board-decided Belopp of 2024 is kept.
        assert_eq!(
            arboga(&p),
            KeyValues {
                population: Some(14_019),
                percent: None,
                amount: Some(Amount::kr(236_975)),
            }
        );
        for m in &plan.members {
            let now = p.members.iter().find(|n| n.id == m.id).unwrap();
            assert_eq!(
                now.values_for(2024).amount,
                m.values_for(2024).amount,
                "{}",
                m.name
            );
        }
        // Importing the same file again changes nothing.
        let (again, _) = imp.to_edit(&p, 2024).unwrap();
        assert!(again.is_noop());
        // An empty cell in a key column the file has clears that value only.
        let imp =
            import("Medlem;Typ;Andel;Invånare\nArboga;Kommun;12;\nFagersta;Kommun;88;5\n").unwrap();
        let (edit, _) = imp.to_edit(&p, 2024).unwrap();
        let mut q = p.clone();
        crate::edit::apply(&mut q, &edit).unwrap();
        assert_eq!(
            arboga(&q),
            KeyValues {
                population: None,
                percent: Some(Decimal::from(12)),
                amount: Some(Amount::kr(236_975)),
            }
        );
    }

    #[test]
    fn import_into_a_year_outside_the_plan_is_refused() {
        let plan = crate::example::vm2024_plan();
        let imp = import(include_str!("../../tests/fixtures/vm2024_invanare.csv")).unwrap();
        let e = imp.to_edit(&plan, 2031).unwrap_err();
        assert_eq!(e, EditError::NotPlanYear(2031));
        assert_eq!(e.to_string(), "2031 är inte ett av planens år");
    }

    #[test]
    fn bad_values_in_non_key_columns_are_errors_too() {
        let e = import("Medlem;Typ;Invånare;Belopp\nS;Stat;;9 519 000\nA;Kommun;5;1.234\n")
            .unwrap_err();
        assert!(matches!(e, CsvError::InvalidNumber { line: 3, .. }), "{e}");
    }
}
