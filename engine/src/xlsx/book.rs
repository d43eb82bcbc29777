//! The workbook model and its SpreadsheetML: sheets of cells (text, exact numbers, and formulas
//! with their value), a handful of styles with Swedish number formats, written as the XML parts
//! of an .xlsx file (docs/xlsx.md).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::zip::{write_zip, ZipTooLarge};
use crate::chart::xml_escape as escape;

/// How a cell looks. The number formats are Excel's own codes, which a Swedish Excel or
/// LibreOffice shows with a space between thousands and a decimal comma (`1 234 567`, `21,16 %`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Plain text or number.
    Plain = 0,
    /// Kronor: whole kronor with thousands grouping (`# ##0`); the value keeps its öre.
    Amount = 1,
    /// A heading or a label of a sum: bold.
    Bold = 2,
    /// A sum or result in kronor: bold, `# ##0`.
    BoldAmount = 3,
    /// A percent figure stored in percent units (21,16 means 21,16 %): `0,00 %`.
    Percent = 4,
    /// Two decimals with grouping (kr per invånare).
    Decimal2 = 5,
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Text, never read as a formula.
    Text(String),
    /// An exact number.
    Number(Decimal),
    /// A formula (without the leading `=`) and the number it gives, written as the cell's cached
    /// value for programs that do not recalculate.
    Formula(String, Decimal),
}

/// One cell: a value and a style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) value: Value,
    pub(crate) style: Style,
}

impl Cell {
    /// Text in `style`.
    pub(crate) fn text(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            value: Value::Text(text.into()),
            style,
        }
    }

    /// A number in `style`.
    pub(crate) fn number(value: Decimal, style: Style) -> Cell {
        Cell {
            value: Value::Number(value),
            style,
        }
    }

    /// The number the cell holds or gives, if any.
    pub(crate) fn numeric(&self) -> Option<Decimal> {
        match &self.value {
            Value::Number(n) | Value::Formula(_, n) => Some(*n),
            Value::Text(_) => None,
        }
    }
}

/// One worksheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sheet {
    /// The sheet's name (unique in the book, made valid by [`Book::add`]).
    pub(crate) name: String,
    /// The rows from the top; `None` is an empty cell.
    pub(crate) rows: Vec<Vec<Option<Cell>>>,
    /// Column widths in characters, from column A.
    pub(crate) widths: Vec<u16>,
}

impl Sheet {
    /// An empty sheet named `name`.
    pub(crate) fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            ..Sheet::default()
        }
    }

    /// Appends an empty row and returns its index (0-based).
    pub(crate) fn push_row(&mut self) -> usize {
        self.rows.push(Vec::new());
        self.rows.len().saturating_sub(1)
    }

    /// Sets the cell at `row`, `col` (0-based).
    pub(crate) fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row.saturating_add(1), Vec::new());
        }
        let Some(r) = self.rows.get_mut(row) else {
            return;
        };
        if r.len() <= col {
            r.resize(col.saturating_add(1), None);
        }
        if let Some(slot) = r.get_mut(col) {
            *slot = Some(cell);
        }
    }

    /// The number at `row`, `col`, if the cell holds one.
    pub(crate) fn numeric(&self, row: usize, col: usize) -> Option<Decimal> {
        self.rows.get(row)?.get(col)?.as_ref()?.numeric()
    }

    /// A formula adding and subtracting cells — `terms` are (row, column, +1 or −1) — or, when
    /// that would not give `expected` exactly (a term missing, or the engine's figure is made
    /// another way), `expected` itself as a number. So every sum in the book gives the engine's
    /// figure by construction (docs/xlsx.md, "Formulas").
    pub(crate) fn sum_cell(
        &self,
        terms: &[(usize, usize, i8)],
        expected: Decimal,
        style: Style,
    ) -> Cell {
        let mut total = Decimal::ZERO;
        for (row, col, sign) in terms {
            let Some(v) = self.numeric(*row, *col) else {
                return Cell::number(expected, style);
            };
            let next = if *sign < 0 {
                total.checked_sub(v)
            } else {
                total.checked_add(v)
            };
            match next {
                Some(t) => total = t,
                None => return Cell::number(expected, style),
            }
        }
        if terms.is_empty() || total != expected {
            return Cell::number(expected, style);
        }
        Cell {
            value: Value::Formula(linear_formula(terms), expected),
            style,
        }
    }

    /// [`Sheet::sum_cell`] over rows of one column, all added.
    pub(crate) fn column_sum(
        &self,
        col: usize,
        rows: &[usize],
        expected: Decimal,
        style: Style,
    ) -> Cell {
        let terms: Vec<(usize, usize, i8)> = rows.iter().map(|r| (*r, col, 1)).collect();
        self.sum_cell(&terms, expected, style)
    }
}

/// `SUM(B3:B9)` for a run of three or more consecutive added cells of one column, else
/// `B3+B5-C7`.
fn linear_formula(terms: &[(usize, usize, i8)]) -> String {
    let consecutive = terms.len() > 2
        && terms.iter().all(|(_, _, s)| *s > 0)
        && terms
            .windows(2)
            .all(|w| matches!(w, [a, b] if b.1 == a.1 && b.0 == a.0.saturating_add(1)));
    if let (true, Some(first), Some(last)) = (consecutive, terms.first(), terms.last()) {
        return format!(
            "SUM({}:{})",
            cell_ref(first.0, first.1),
            cell_ref(last.0, last.1)
        );
    }
    let mut f = String::new();
    for (i, (row, col, sign)) in terms.iter().enumerate() {
        if *sign < 0 {
            f.push('-');
        } else if i > 0 {
            f.push('+');
        }
        f.push_str(&cell_ref(*row, *col));
    }
    f
}

/// The column letters of a 0-based column (`0` → `A`, `26` → `AA`).
pub(crate) fn column_name(col: usize) -> String {
    let mut n = col.saturating_add(1);
    let mut s = Vec::new();
    while n > 0 {
        let r = n.saturating_sub(1) % 26;
        s.push(b'A'.saturating_add(r as u8));
        n = n.saturating_sub(1) / 26;
    }
    s.iter().rev().map(|b| char::from(*b)).collect()
}

/// The A1 reference of a 0-based row and column.
pub(crate) fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row.saturating_add(1))
}

/// A whole workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Book {
    pub(crate) sheets: Vec<Sheet>,
}

impl Book {
    /// Adds `sheet`, its name made valid for Excel (no `[]:*?/\`, at most 31 characters, not
    /// empty) and unique in the book (case-insensitive; ` (2)` added).
    pub(crate) fn add(&mut self, mut sheet: Sheet) {
        let cleaned: String = sheet
            .name
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let cleaned = cleaned.trim().trim_matches('\'').trim().to_string();
        let base = if cleaned.is_empty() {
            "Blad".to_string()
        } else {
            cleaned
        };
        let fit = |s: &str, room: usize| s.chars().take(room).collect::<String>();
        let taken = |n: &str| {
            self.sheets
                .iter()
                .any(|s| s.name.to_lowercase() == n.to_lowercase())
        };
        let mut name = fit(&base, 31);
        let mut k: u32 = 2;
        while taken(&name) {
            let suffix = format!(" ({k})");
            name = format!(
                "{}{suffix}",
                fit(&base, 31usize.saturating_sub(suffix.chars().count()))
            );
            k = k.saturating_add(1);
        }
        sheet.name = name;
        self.sheets.push(sheet);
    }

    /// The .xlsx file: a ZIP of the SpreadsheetML parts.
    pub(crate) fn to_xlsx(&self) -> Result<Vec<u8>, ZipTooLarge> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let n = self.sheets.len();
        let mut types = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        ));
        for i in 1..=n {
            let _ = write!(
                types,
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            );
        }
        types.push_str("</Types>");
        parts.push(("[Content_Types].xml".to_string(), types.into_bytes()));
        parts.push((
            "_rels/.rels".to_string(),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
                "</Relationships>"
            )
            .as_bytes()
            .to_vec(),
        ));
        let mut workbook = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            "<sheets>"
        ));
        let mut rels = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        ));
        for (i, sheet) in self.sheets.iter().enumerate() {
            let id = i.saturating_add(1);
            let _ = write!(
                workbook,
                r#"<sheet name="{}" sheetId="{id}" r:id="rId{id}"/>"#,
                escape(&sheet.name)
            );
            let _ = write!(
                rels,
                r#"<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{id}.xml"/>"#
            );
        }
        // Recalculate on opening, so the formulas are live; the cached values serve readers
        // that do not calculate.
        workbook.push_str(r#"</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#);
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
            n.saturating_add(1)
        );
        parts.push(("xl/workbook.xml".to_string(), workbook.into_bytes()));
        parts.push(("xl/_rels/workbook.xml.rels".to_string(), rels.into_bytes()));
        parts.push(("xl/styles.xml".to_string(), STYLES.as_bytes().to_vec()));
        for (i, sheet) in self.sheets.iter().enumerate() {
            parts.push((
                format!("xl/worksheets/sheet{}.xml", i.saturating_add(1)),
                sheet_xml(sheet).into_bytes(),
            ));
        }
        write_zip(&parts)
    }
}

/// The styles, in the order of [`Style`]'s values.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00&quot; %&quot;"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="6">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    "</cellXfs>",
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

/// One worksheet's XML: the first row frozen (the header), column widths, the cells.
fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
    ));
    if !sheet.widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let _ = write!(
                x,
                r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
                i.saturating_add(1)
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        if row.iter().all(Option::is_none) {
            continue;
        }
        let _ = write!(x, r#"<row r="{}">"#, r.saturating_add(1));
        for (c, cell) in row.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let at = cell_ref(r, c);
            let s = cell.style as u8;
            match &cell.value {
                Value::Text(t) => {
                    let _ = write!(
                        x,
                        r#"<c r="{at}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(t)
                    );
                }
                Value::Number(n) => {
                    let _ = write!(x, r#"<c r="{at}" s="{s}"><v>{}</v></c>"#, n.normalize());
                }
                Value::Formula(f, n) => {
                    let _ = write!(
                        x,
                        r#"<c r="{at}" s="{s}"><f>{}</f><v>{}</v></c>"#,
                        escape(f),
                        n.normalize()
                    );
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn column_names_go_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_ref(0, 1), "B1");
    }

    #[test]
    fn a_sum_is_a_formula_only_when_it_gives_the_figure() {
        let mut s = Sheet::new("T");
        for (r, v) in [dec("100"), dec("250.5"), dec("-50")]
            .into_iter()
            .enumerate()
        {
            s.set(r, 1, Cell::number(v, Style::Amount));
        }
        let ok = s.column_sum(1, &[0, 1, 2], dec("300.5"), Style::BoldAmount);
        assert_eq!(ok.value, Value::Formula("SUM(B1:B3)".into(), dec("300.5")));
        let diff = s.sum_cell(&[(0, 1, 1), (2, 1, -1)], dec("150"), Style::Amount);
        assert_eq!(diff.value, Value::Formula("B1-B3".into(), dec("150")));
        // The engine's figure wins when the cells do not add up to it.
        let off = s.column_sum(1, &[0, 1], dec("999"), Style::Amount);
        assert_eq!(off.value, Value::Number(dec("999")));
        // A missing term: the figure as a number.
        let gap = s.column_sum(1, &[0, 7], dec("100"), Style::Amount);
        assert_eq!(gap.value, Value::Number(dec("100")));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut b = Book::default();
        b.add(Sheet::new("Budget"));
        b.add(Sheet::new("budget"));
        b.add(Sheet::new("Kommun: Avesta/Hedemora [2027]"));
        b.add(Sheet::new(
            "En mycket lång kommun med ett mycket långt namn",
        ));
        b.add(Sheet::new(
            "En mycket lång kommun med ett mycket långt namn",
        ));
        b.add(Sheet::new("''"));
        let names: Vec<&str> = b.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names[0], "Budget");
        assert_eq!(names[1], "budget (2)");
        assert_eq!(names[2], "Kommun- Avesta-Hedemora -2027-");
        assert_eq!(names[3].chars().count(), 31);
        assert!(names[4].ends_with(" (2)") && names[4].chars().count() == 31);
        assert_eq!(names[5], "Blad");
    }

    #[test]
    fn text_is_escaped_and_never_a_formula() {
        let mut s = Sheet::new("T");
        s.set(
            0,
            0,
            Cell::text("=HYPERLINK(\"x\") & <b>\u{1}", Style::Plain),
        );
        let xml = sheet_xml(&s);
        assert!(xml.contains(
            r#"t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;x&quot;) &amp; &lt;b&gt;</t>"#
        ));
        assert!(!xml.contains("<f>"));
    }
}
