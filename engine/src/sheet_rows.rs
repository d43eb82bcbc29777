//! The rows of a budget sheet that are not budget lines (docs/app.md, "Paste from Excel"):
//! a treasurer's Excel budget has headings (`Kansli`), subtotals and totals (`Summa kansli`,
//! `Totalt`, `Årets resultat`) and an income part (`Intäkter`: the members' contributions,
//! which samplan takes from Finansiering). Pasted as lines they would double the budget or book
//! the funding as a cost, so a row paste sorts them out first:
//!
//! - a **sum row** is one whose name starts with a sum word (`Summa`, `S:a`, `Delsumma`,
//!   `Totalt`, `Total`, `Resultat`, `Årets resultat`) or is one of the budget statement's own
//!   totals (`Verksamhetens kostnader`, …): skipped;
//! - a **heading** is a row with only its name filled in a *formatted sheet* (a block with
//!   amounts and a sum row or a category or income heading; in a plain list such a row is a
//!   line without amounts yet): skipped; a heading that names a category (`Kansli`, `Processtöd`) puts the rows
//!   below it without a `Kategori` of their own into that category;
//! - an **income heading** (`Intäkter`, `Finansiering`, `Medelstilldelning`, `Medlemsbidrag`
//!   and the statement's `Medlemsbidrag (medelstilldelningen)`) starts an income part: its rows
//!   are skipped unless their `Kategori` says what they are (`Övriga intäkter`); the next
//!   heading that is not income ends it. The statement's funding row itself is income.
//!
//! Everything skipped is counted and named in the paste's message, so nothing is dropped
//! without a word.

use crate::budget_statement::StatementTotal;
use crate::names::name_key;
use crate::plan::Category;

/// How the rows of a pasted block were sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkippedRows {
    /// Headings and sum rows skipped.
    pub layout: usize,
    /// Rows of an income part skipped (their names, in block order).
    pub income: Vec<String>,
}

impl SkippedRows {
    /// The message's tail for what was skipped (empty when nothing was):
    /// `; 4 rubrik- och summarader hoppades över; 3 intäktsrader hoppades över (Försäkringskassan,
    /// Regionen, Kommunerna): medelstilldelningen anges under Finansiering`.
    pub fn message(&self) -> String {
        let mut text = String::new();
        match self.layout {
            0 => {}
            1 => text.push_str("; 1 rubrik- eller summarad hoppades över"),
            n => text.push_str(&format!("; {n} rubrik- och summarader hoppades över")),
        }
        let names = |list: &[String]| {
            let shown: Vec<&str> = list.iter().take(5).map(String::as_str).collect();
            let more = list.len().saturating_sub(shown.len());
            if more > 0 {
                format!("{} m.fl.", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        match self.income.len() {
            0 => {}
            1 => text.push_str(&format!(
                "; 1 intäktsrad hoppades över ({}): medelstilldelningen anges under Finansiering, andra intäkter med Kategori",
                names(&self.income)
            )),
            n => text.push_str(&format!(
                "; {n} intäktsrader hoppades över ({}): medelstilldelningen anges under Finansiering, andra intäkter med Kategori",
                names(&self.income)
            )),
        }
        text
    }
}

/// Where the sorter finds a row's cells.
#[derive(Clone, Debug, Default)]
pub struct SheetColumns {
    /// The name (`Post`) column.
    pub name: usize,
    /// The `Kategori` column, if the block has one.
    pub category: Option<usize>,
    /// The amount (year) columns.
    pub amounts: Vec<usize>,
}

/// True when `name` is a subtotal, total or result row of a sheet (see the module docs).
pub fn is_sum_row(name: &str) -> bool {
    let key = name_key(name);
    if STATEMENT_SUMS.iter().any(|t| name_key(t.label()) == key) {
        return true;
    }
    let first = key.split(' ').next().unwrap_or("");
    matches!(
        first,
        "summa" | "s:a" | "delsumma" | "totalsumma" | "totalt" | "total" | "resultat"
    ) || key.starts_with("årets resultat")
}

/// The statement totals that are sums (the funding row is income, not a sum).
const STATEMENT_SUMS: [StatementTotal; 6] = [
    StatementTotal::Direct,
    StatementTotal::Admin,
    StatementTotal::OperatingCosts,
    StatementTotal::OperatingIncome,
    StatementTotal::OperatingResult,
    StatementTotal::Result,
];

/// True when `name` heads the income part of a sheet (not an income category of its own).
fn is_income_heading(name: &str) -> bool {
    let key = name_key(name);
    if key == name_key(StatementTotal::MemberIncome.label()) {
        return true;
    }
    let first = key.split(' ').next().unwrap_or("");
    matches!(
        first,
        "intäkter" | "finansiering" | "medelstilldelning" | "medlemsbidrag" | "medlemsavgifter"
    )
}

/// What the sorter is inside of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Cost rows, in the category of the last category heading (if any).
    Costs(Option<Category>),
    /// The income part.
    Income,
}

/// A kept row: its number in the block, its cells, and the category of the heading above it
/// (`None` below no category heading).
pub type SortedRow = (usize, Vec<String>, Option<Category>);

/// Sorts a block's data rows (without its header) into budget lines and skipped rows (see the
/// module docs). The kept rows are unchanged; [`with_heading_categories`] writes their
/// headings' categories into them.
pub fn sort_sheet_rows(
    rows: Vec<(usize, Vec<String>)>,
    cols: &SheetColumns,
) -> (Vec<SortedRow>, SkippedRows) {
    let filled = |row: &[String], i: usize| row.get(i).is_some_and(|c| !c.trim().is_empty());
    let has_amounts = rows
        .iter()
        .any(|(_, r)| cols.amounts.iter().any(|&i| filled(r, i)));
    let only_name = |row: &[String]| {
        row.iter()
            .enumerate()
            .all(|(i, c)| i == cols.name || c.trim().is_empty())
    };
    let name_of = |row: &[String]| row.get(cols.name).map(|c| c.trim().to_string());
    // A block with a sum row or a category or income heading is a formatted sheet: its other
    // rows with only a name (`Kostnader`, `Personal`) are headings too. In a plain list they
    // are lines without amounts yet.
    let sheet = has_amounts
        && rows.iter().any(|(_, r)| {
            let name = name_of(r).unwrap_or_default();
            !name.is_empty()
                && (is_sum_row(&name)
                    || (only_name(r)
                        && (Category::parse(&name).is_some() || is_income_heading(&name))))
        });
    let mut skipped = SkippedRows::default();
    let mut part = Part::Costs(None);
    let mut kept = Vec::with_capacity(rows.len());
    for (n, row) in rows {
        let name = name_of(&row).unwrap_or_default();
        if name.is_empty() {
            kept.push((n, row, None));
            continue;
        }
        let only_name = only_name(&row);
        if is_sum_row(&name) {
            skipped.layout = skipped.layout.saturating_add(1);
            continue;
        }
        if is_income_heading(&name) && only_name && sheet {
            skipped.layout = skipped.layout.saturating_add(1);
            part = Part::Income;
            continue;
        }
        if name_key(&name) == name_key(StatementTotal::MemberIncome.label()) {
            skipped.income.push(name);
            continue;
        }
        if only_name && sheet {
            skipped.layout = skipped.layout.saturating_add(1);
            part = match (Category::parse(&name), part) {
                (Some(c), _) => Part::Costs(Some(c)),
                (None, Part::Income) => Part::Costs(None),
                (None, costs) => costs,
            };
            continue;
        }
        let own_category = cols.category.is_some_and(|i| filled(&row, i));
        match part {
            Part::Income if !own_category => skipped.income.push(name),
            Part::Income => kept.push((n, row, None)),
            Part::Costs(c) => kept.push((n, row, c.filter(|_| !own_category))),
        }
    }
    (kept, skipped)
}

/// Writes each kept row's heading category into its `Kategori` cell (`category`: that column)
/// or, when the block has no such column and some row has a heading category, into a new
/// `Kategori` column added after the last header and cell. Returns the rows as cells.
pub fn with_heading_categories(
    headers: &mut Vec<String>,
    rows: Vec<SortedRow>,
    category: Option<usize>,
) -> Vec<(usize, Vec<String>)> {
    let column = match category {
        Some(i) => Some(i),
        None if rows.iter().any(|(_, _, c)| c.is_some()) => {
            let widest = rows.iter().map(|(_, r, _)| r.len()).max().unwrap_or(0);
            let at = widest.max(headers.len());
            headers.resize(at, String::new());
            headers.push("Kategori".into());
            Some(at)
        }
        None => None,
    };
    rows.into_iter()
        .map(|(n, mut row, c)| {
            if let (Some(i), Some(c)) = (column, c) {
                if row.len() <= i {
                    row.resize(i.saturating_add(1), String::new());
                }
                if let Some(cell) = row.get_mut(i) {
                    *cell = c.label().to_string();
                }
            }
            (n, row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
            .collect()
    }

    /// The kept rows with their heading categories written (a `Kategori` column added when
    /// there is none).
    fn names(kept: Vec<SortedRow>, category: Option<usize>) -> Vec<String> {
        let mut headers = vec!["Post".to_string()];
        with_heading_categories(&mut headers, kept, category)
            .iter()
            .map(|(_, r)| r.join("|"))
            .collect()
    }

    const COLS: SheetColumns = SheetColumns {
        name: 0,
        category: None,
        amounts: Vec::new(),
    };

    #[test]
    fn sum_words_and_the_statements_totals_are_sum_rows() {
        for name in [
            "Summa kansli",
            "SUMMA KOSTNADER",
            "S:a styrelse",
            "Delsumma",
            "Totalt",
            "Total",
            "Resultat",
            "Årets resultat",
            "Verksamhetens kostnader",
            "Summa administrativa kostnader",
        ] {
            assert!(is_sum_row(name), "{name}");
        }
        for name in [
            "Totalförsvarsutbildning",
            "Lokalhyra",
            "Summering av projekt x",
            "Resultatdialog",
        ] {
            assert!(!is_sum_row(name), "{name}");
        }
    }

    #[test]
    fn a_treasurers_sheet_keeps_only_its_lines() {
        let cols = SheetColumns {
            name: 0,
            category: None,
            amounts: vec![2],
        };
        let block = rows(
            "Intäkter\t\t\n\
             Försäkringskassan\t\t2 500 000\n\
             Region Västmanland\t\t1 250 000\n\
             Kommunerna\t\t1 250 000\n\
             Summa intäkter\t\t5 000 000\n\
             Kostnader\t\t\n\
             Kansli\t\t\n\
             Lokalhyra\t5040\t110 000\n\
             Förbundschef\t5010\t1 080 000\n\
             Summa kansli\t\t1 190 000\n\
             Individinsatser\t\t\n\
             Steget vidare\t6110\t1 400 000\n\
             Summa kostnader\t\t2 590 000\n\
             Årets resultat\t\t2 410 000",
        );
        let (kept, skipped) = sort_sheet_rows(block, &cols);
        assert_eq!(
            names(kept, None),
            [
                "Lokalhyra|5040|110 000|Kansli",
                "Förbundschef|5010|1 080 000|Kansli",
                "Steget vidare|6110|1 400 000|Individinsatser",
            ]
        );
        assert_eq!(skipped.layout, 8);
        assert_eq!(
            skipped.income,
            ["Försäkringskassan", "Region Västmanland", "Kommunerna"]
        );
        assert_eq!(
            skipped.message(),
            "; 8 rubrik- och summarader hoppades över; 3 intäktsrader hoppades över \
             (Försäkringskassan, Region Västmanland, Kommunerna): medelstilldelningen anges \
             under Finansiering, andra intäkter med Kategori"
        );
    }

    #[test]
    fn an_income_row_with_its_own_category_is_kept_and_a_category_cell_is_filled_only_when_empty() {
        let cols = SheetColumns {
            name: 0,
            category: Some(1),
            amounts: vec![2],
        };
        let block = rows(
            "Intäkter\t\t\n\
             ESF-medel\tÖvriga intäkter\t300 000\n\
             Medlemsavgifter FK\t\t2 000 000\n\
             Processtöd\t\t\n\
             Samverkansledare\t\t600 000\n\
             Utvärdering\tKansli\t50 000",
        );
        let (kept, skipped) = sort_sheet_rows(block, &cols);
        assert_eq!(
            names(kept, Some(1)),
            [
                "ESF-medel|Övriga intäkter|300 000",
                "Samverkansledare|Processtöd samverkansinsatser|600 000",
                "Utvärdering|Kansli|50 000",
            ]
        );
        assert_eq!(skipped.income, ["Medlemsavgifter FK"]);
        assert_eq!(skipped.layout, 2);
    }

    #[test]
    fn in_a_plain_list_a_line_without_amounts_is_a_line() {
        let cols = SheetColumns {
            name: 0,
            category: None,
            amounts: vec![1],
        };
        let (kept, skipped) = sort_sheet_rows(rows("Lokal\t60 000\nNy insats\t\nIT\t1 000"), &cols);
        assert_eq!(
            names(kept, None),
            ["Lokal|60 000", "Ny insats|", "IT|1 000"]
        );
        assert_eq!(skipped, SkippedRows::default());
    }

    #[test]
    fn a_block_of_names_only_is_lines_not_headings() {
        let (kept, skipped) = sort_sheet_rows(rows("Ny insats\nKansli\nProjekt B"), &COLS);
        assert_eq!(names(kept, None), ["Ny insats", "Kansli", "Projekt B"]);
        assert_eq!(skipped, SkippedRows::default());
        assert_eq!(skipped.message(), "");
    }

    #[test]
    fn the_statements_funding_row_is_income_and_its_sums_are_skipped() {
        let cols = SheetColumns {
            name: 0,
            category: Some(1),
            amounts: vec![2],
        };
        let block = rows(
            "Lokalhyra\tKansli\t110 000\n\
             Summa Kansli\t\t110 000\n\
             Verksamhetens kostnader\t\t110 000\n\
             Medlemsbidrag (medelstilldelningen)\t\t5 000 000\n\
             Årets resultat\t\t4 890 000",
        );
        let (kept, skipped) = sort_sheet_rows(block, &cols);
        assert_eq!(names(kept, Some(1)), ["Lokalhyra|Kansli|110 000"]);
        assert_eq!(skipped.layout, 3);
        assert_eq!(skipped.income, ["Medlemsbidrag (medelstilldelningen)"]);
        assert_eq!(
            SkippedRows {
                layout: 1,
                income: (1..=7).map(|i| format!("R{i}")).collect()
            }
            .message(),
            "; 1 rubrik- eller summarad hoppades över; 7 intäktsrader hoppades över \
             (R1, R2, R3, R4, R5 m.fl.): medelstilldelningen anges under Finansiering, andra \
             intäkter med Kategori"
        );
    }
}
