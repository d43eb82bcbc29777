//! Simple SVG charts (docs/app.md): financing by party and member, cost distribution, equity over
//! the years. Pure presentation math with no web dependency, so it is tested natively.
//!
//! Each function returns a [`Chart`]: the SVG markup as a `String` plus the same figures as a
//! [`ChartTable`] so the app can show a `<table>` next to (or instead of) the picture.
//!
//! The SVG is self-contained and safe to inline:
//! - `role="img"`, `aria-label`, a `<title>` and a `<desc>` in Swedish;
//! - a fixed `viewBox` (width [`CHART_WIDTH`]; the height follows the number of rows), so it
//!   scales with its container;
//! - coordinates computed with [`Decimal`](rust_decimal::Decimal) (never floats), rounded half-up to two decimals and
//!   printed with `.` as SVG requires; amounts and percentages in the text use
//!   [`format_kr`](crate::format::format_kr) / [`format_percent`](crate::format::format_percent);
//! - colours, fonts and dashes come from CSS classes only (no inline styles, fonts or URLs);
//! - all text is XML-escaped.
//!
//! CSS classes used (style them in the app's stylesheet):
//! `chart` (root) with `chart--financing` / `chart--distribution` / `chart--equity`;
//! `chart-section` (section heading), `chart-label` (row label), `chart-value` (value text),
//! `chart-bar` (every bar) with `chart-party` / `chart-member` and the party colour
//! `chart-staten` / `chart-region` / `chart-kommuner`; `chart-group` plus
//! `chart-direct` / `chart-admin` for cost groups; `chart-grid`, `chart-axis`, `chart-tick`
//! (value axis), `chart-year` (year labels), `chart-ceiling` (ceiling segments), `chart-floor`
//! (floor line), `chart-above-ceiling` / `chart-below-floor` / `chart-negative` (bar states),
//! `chart-legend`, `chart-legend-swatch`, and `chart-empty` for the "Inga data" text.

use serde::{Deserialize, Serialize};

mod bars;
mod equity;
mod svg;

pub use bars::*;
pub use equity::*;
pub use svg::*;

/// A chart: SVG markup plus the same data as a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// The chart's title (also the SVG `<title>` and the table caption).
    pub title: String,
    /// A one-sentence Swedish description (also the SVG `<desc>`).
    pub description: String,
    /// The SVG markup, ready to inline.
    pub svg: String,
    /// The chart's figures as a table (the accessible fallback).
    pub table: ChartTable,
}

impl Chart {
    /// A chart whose table has the chart's title as its caption.
    pub(crate) fn new(
        title: &str,
        description: String,
        svg: String,
        headers: Vec<String>,
        rows: Vec<ChartRow>,
    ) -> Chart {
        Chart {
            title: title.to_string(),
            description,
            svg,
            table: ChartTable {
                caption: title.to_string(),
                headers,
                rows,
            },
        }
    }

    /// True when the chart had nothing to draw (the SVG says "Inga data").
    pub fn is_empty(&self) -> bool {
        self.table.rows.is_empty()
    }
}

/// The data of a chart as a table: a caption, column headers and rows of formatted text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartTable {
    /// Caption (the chart's title).
    pub caption: String,
    /// Column headers; the first one heads the row labels.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<ChartRow>,
}

/// One row of a [`ChartTable`]: the label (a row header) and the formatted values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartRow {
    /// Row label, e.g. a member's name or a year.
    pub label: String,
    /// Formatted values, one per header after the first (`2 698 345`, `14,2 %`).
    pub values: Vec<String>,
}

impl ChartRow {
    fn new(label: impl Into<String>, values: Vec<String>) -> Self {
        ChartRow {
            label: label.into(),
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::allocation::{
        allocate, Allocation, AllocationInput, Funding, Key, MemberInput, MemberKind,
    };
    use crate::budget::BudgetFigures;
    use crate::distribution::cost_distribution;
    use crate::equity::{EquityYear, ResultBasis};
    use crate::money::{round_half_up, Amount};
    use crate::plan::{Category, PercentRounding, Year};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn kommun(name: &str, amount: i64) -> MemberInput {
        MemberInput {
            amount: Some(Amount::kr(amount)),
            ..MemberInput::new(name, MemberKind::Kommun)
        }
    }

    fn vm_2024() -> Allocation {
        let members = crate::example::VM_2024_KOMMUNER
            .map(|(n, a)| kommun(n, a))
            .to_vec();
        let mut input = AllocationInput::new(Funding::Total(Amount::kr(19_038_000)), members);
        input.kommun_key = Key::Amount;
        allocate(&input).unwrap()
    }

    /// The `width` attributes of the elements whose class starts with `class`, in order.
    fn widths(svg: &str, class: &str) -> Vec<Decimal> {
        let needle = format!("class=\"{class}");
        svg.match_indices(&needle)
            .map(|(i, _)| {
                let rest = &svg[i..];
                let w = rest.find("width=\"").unwrap() + 7;
                let end = rest[w..].find('"').unwrap();
                d(&rest[w..w + end])
            })
            .collect()
    }

    fn assert_well_formed(svg: &str) {
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>") && svg.contains("<desc>"));
        assert!(svg.contains("viewBox=\"0 0 860 "));
        for bad in ["NaN", "inf", "style=", "font", "url(", "href", "<script"] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        // Every attribute value that looks like a number uses '.' not ','.
        for attr in [" x=\"", " y=\"", " width=\"", " height=\""] {
            for (i, _) in svg.match_indices(attr) {
                let v = &svg[i + attr.len()..];
                let v = &v[..v.find('"').unwrap()];
                assert!(v.parse::<Decimal>().is_ok(), "{attr}{v}");
            }
        }
        // Balanced tags (a cheap well-formedness check).
        for tag in ["svg", "g", "text", "title", "desc"] {
            let open =
                svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count();
            let close = svg.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "<{tag}> in {svg}");
        }
    }

    #[test]
    fn financing_chart_vm_2024() {
        let a = vm_2024();
        let c = financing_chart(&a);
        assert_well_formed(&c.svg);
        assert!(c
            .svg
            .contains("<title>Finansiering per part och medlem</title>"));
        assert!(c.description.contains("19\u{a0}038\u{a0}000 kr"));
        assert!(c.description.contains("Avrundningsdifferens \u{2212}1 kr"));
        // One bar per member (state, region, ten municipalities) and per party.
        let members = widths(&c.svg, "chart-bar chart-member");
        assert_eq!(members.len(), a.members.len());
        assert_eq!(members.len(), 12);
        let parties = widths(&c.svg, "chart-bar chart-party");
        assert_eq!(parties.len(), 3);
        // The largest (Staten 9 519 000) gets the full width; the rest are proportional.
        assert_eq!(parties[0], int(BAR_MAX));
        assert_eq!(members[0], int(BAR_MAX));
        let vasteras = members[11];
        assert_eq!(
            vasteras,
            round_half_up(d("2698345") * int(BAR_MAX) / d("9519000"), 2)
        );
        assert!(c.svg.contains("2\u{a0}698\u{a0}345 kr (14,2\u{a0}%)"));
        // Table fallback.
        assert_eq!(c.table.rows.len(), 15);
        let row = c.table.rows.iter().find(|r| r.label == "Västerås").unwrap();
        assert_eq!(
            row.values,
            vec!["Kommun", "2\u{a0}698\u{a0}345", "14,2\u{a0}%"]
        );
        assert_eq!(c.table.headers.len(), row.values.len() + 1);
    }

    #[test]
    fn members_beyond_the_cap_are_one_bar() {
        let n = CHART_MAX_MEMBERS + 40;
        let members = (0..n).map(|i| kommun(&format!("Kommun {i}"), 5)).collect();
        let mut input = AllocationInput::new(Funding::Total(Amount::kr(2_000)), members);
        input.kommun_key = Key::Amount;
        let a = allocate(&input).unwrap();
        let c = financing_chart(&a);
        assert_well_formed(&c.svg);
        // The implied state and the first municipalities, then one bar for the rest.
        assert_eq!(
            widths(&c.svg, "chart-bar chart-member").len(),
            CHART_MAX_MEMBERS + 1
        );
        let others = a.members.len() - CHART_MAX_MEMBERS;
        let sum: Amount = a.members[CHART_MAX_MEMBERS..]
            .iter()
            .fold(Amount::ZERO, |s, m| s.checked_add(m.amount).unwrap());
        let row = c.table.rows.last().unwrap();
        assert_eq!(row.label, format!("Övriga {others} medlemmar"));
        assert_eq!(row.values[0], "Flera");
        assert_eq!(row.values[1], crate::format::format_kr(sum.value()));
        assert_eq!(c.table.rows.len(), a.parties.len() + CHART_MAX_MEMBERS + 1);
        assert!(c.description.contains(&format!(
            " Diagrammet visar de 60 första medlemmarna och övriga {others} tillsammans."
        )));
    }

    #[test]
    fn names_are_escaped_and_long_names_shortened() {
        let mut input = AllocationInput::new(
            Funding::Total(Amount::kr(400)),
            vec![
                kommun("A & B <script>", 50),
                kommun("\"Citat\" 'kommun'", 50),
            ],
        );
        input.kommun_key = Key::Amount;
        let c = financing_chart(&allocate(&input).unwrap());
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("A &amp; B &lt;script&gt;"));
        assert!(!c.svg.contains("<script>"));
        assert!(c.svg.contains("&quot;Citat&quot; &#39;kommun&#39;"));
        // The implied state's long name is cut in the picture, whole in the row title.
        assert!(c.svg.contains("Staten (Försäkringskassan och…</text>"));
        assert!(c
            .svg
            .contains("<title>Staten (Försäkringskassan och Arbetsförmedlingen): 200 kr"));
        // The table keeps the raw names (the app escapes when rendering).
        assert!(c.table.rows.iter().any(|r| r.label == "A & B <script>"));
    }

    #[test]
    fn empty_inputs_give_an_inga_data_chart() {
        let empty = Allocation {
            total: Amount::ZERO,
            unit: Default::default(),
            rounding: Default::default(),
            parties: vec![],
            members: vec![],
        };
        let c = financing_chart(&empty);
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("Inga data"));
        assert!(c.is_empty());

        let dist = cost_distribution(
            &BudgetFigures::from_totals(crate::budget::CategoryTotals::zero(), Amount::ZERO),
            PercentRounding::LargestRemainder,
        );
        let c = cost_distribution_chart(&dist);
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("Inga data"));

        let c = equity_chart(&[], None);
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("Inga data"));
        assert_eq!(c.table.headers.len(), 5);
    }

    #[test]
    fn cost_distribution_bars_and_percent_labels() {
        let mut totals = crate::budget::CategoryTotals::zero();
        totals.add_to(Some(Category::Individinsatser), Amount::kr(664_000));
        totals.add_to(Some(Category::Strukturpaverkande), Amount::kr(106_000));
        totals.add_to(Some(Category::Processtod), Amount::kr(100_000));
        totals.add_to(Some(Category::Kansli), Amount::kr(130_000));
        let f = BudgetFigures::from_totals(totals, Amount::kr(1_000_000));
        let c = cost_distribution_chart(&cost_distribution(&f, PercentRounding::LargestRemainder));
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("<title>Kostnadsfördelning</title>"));
        assert!(c.svg.contains(">66,4\u{a0}%</text>"));
        assert!(c.svg.contains(">13,0\u{a0}%</text>"));
        let w = widths(&c.svg, "chart-bar chart-group");
        assert_eq!(w.len(), 4);
        assert_eq!(w[0], int(BAR_MAX));
        // 10,6 / 66,4 × 400 = 63,855… → 63.86
        assert_eq!(w[1], d("63.86"));
        assert!(c
            .description
            .contains("Direkta insatskostnader totalt 87,0\u{a0}%"));
        assert_eq!(c.table.rows.len(), 5);
        assert_eq!(c.table.rows[4].values[1], "87,0\u{a0}%");
    }

    fn point(year: Year, equity: i64, ceiling: Option<i64>) -> EquityPoint {
        EquityPoint {
            year,
            equity: Amount::kr(equity),
            ceiling: ceiling.map(Amount::kr),
            ratio: None,
        }
    }

    #[test]
    fn equity_chart_flags_and_scale() {
        let points = [
            point(2025, 4_000_000, Some(3_800_000)),
            point(2026, 2_000_000, Some(3_800_000)),
            point(2027, -300_000, Some(3_900_000)),
        ];
        let c = equity_chart(&points, Some(Amount::kr(500_000)));
        assert_well_formed(&c.svg);
        assert!(c.svg.contains("<title>Eget kapital per år</title>"));
        assert_eq!(c.svg.matches("class=\"chart-bar chart-equity").count(), 3);
        // One bar above the ceiling, one below the floor, each with its legend swatch.
        assert_eq!(c.svg.matches("chart-above-ceiling").count(), 2);
        assert!(c.svg.contains("chart-below-floor chart-negative"));
        assert!(c.svg.contains(
            "<rect class=\"chart-legend-swatch chart-bar chart-above-ceiling\" x=\"480\""
        ));
        assert!(c.svg.contains(">Över taket</text>"));
        assert!(c
            .svg
            .contains("<rect class=\"chart-legend-swatch chart-bar chart-below-floor\" x=\"600\""));
        assert!(c.svg.contains(">Under golvet eller negativt</text>"));
        assert_eq!(c.svg.matches("<line class=\"chart-ceiling\"").count(), 4); // 3 + legend
        assert_eq!(c.svg.matches("<line class=\"chart-floor\"").count(), 2); // line + legend
        assert!(c.description.contains("Över taket: 2025."));
        assert!(c.description.contains("under golvet: 2027."));
        assert!(c.svg.contains(">\u{2212}300\u{a0}000</text>"));
        // Range −2 000 000 … 4 000 000 in steps of 2 000 000: zero line at 24 + 280 × 4/6.
        assert!(c
            .svg
            .contains("<line class=\"chart-axis\" x1=\"110\" y1=\"210.67\""));
        assert_eq!(c.svg.matches("<text class=\"chart-tick\"").count(), 4);
        // The 4 000 000 bar runs from the top of the plot to the zero line.
        assert!(c
            .svg
            .contains("y=\"24\" width=\"121.67\" height=\"186.67\""));
        assert_eq!(
            c.table.rows[0].values,
            vec![
                "4\u{a0}000\u{a0}000",
                "3\u{a0}800\u{a0}000",
                "–",
                "Över taket"
            ]
        );
        assert_eq!(c.table.rows[2].values[3], "Under golvet");
        assert_eq!(c.table.rows[1].values[3], "Inom gränserna");
    }

    #[test]
    fn equity_chart_all_zero_and_single_year() {
        let c = equity_chart(&[point(2026, 0, None)], None);
        assert_well_formed(&c.svg);
        assert!(!c.svg.contains("chart-floor"));
        let c = equity_chart(&[point(2026, 1, Some(1))], None);
        assert_well_formed(&c.svg);
        // Nothing above the ceiling or below the floor: only the plain swatch.
        assert!(!c.svg.contains("Över taket"));
        assert!(!c.svg.contains("Under golvet"));
    }

    #[test]
    fn equity_points_from_roll_forward() {
        let y = EquityYear {
            year: 2024,
            opening: Amount::kr(0),
            capital_contribution: Amount::ZERO,
            budgeted_result: Amount::ZERO,
            actual_result: None,
            outcome_result: None,
            basis: ResultBasis::Budget,
            result: Amount::ZERO,
            closing: Amount::kr(3_800_000),
            base: Some(Amount::kr(19_038_000)),
            base_assumed: false,
            ratio: Some(d("19.96")),
            ceiling_percent: d("20"),
            above_ceiling: false,
            below_floor: false,
            known: true,
            opening_known: true,
            result_known: true,
            missing_result: None,
            no_result: false,
            no_budget: false,
        };
        let p = equity_points([&y]);
        let mut unknown = y.clone();
        unknown.known = false;
        assert!(
            equity_points([&unknown]).is_empty(),
            "no bar for an unknown year"
        );
        assert_eq!(p[0].ceiling, Some(Amount::kr(3_807_600)));
        assert_eq!(p[0].equity, Amount::kr(3_800_000));
    }

    #[test]
    fn scale_limit_is_ten_to_the_25() {
        assert_eq!(SCALE_LIMIT, d("10000000000000000000000000"));
    }

    #[test]
    fn equity_chart_survives_the_extremes() {
        // Used to panic ("Multiplication overflowed") on the scale.
        let points = [
            EquityPoint {
                year: 2026,
                equity: Amount(Decimal::MAX),
                ceiling: Some(Amount(Decimal::MAX)),
                ratio: Some(Decimal::MAX),
            },
            EquityPoint {
                year: 2027,
                equity: Amount(Decimal::MIN),
                ceiling: None,
                ratio: None,
            },
        ];
        let c = equity_chart(&points, Some(Amount(Decimal::MIN)));
        assert_well_formed(&c.svg);
        // 2027: no ceiling known, so no "Inom gränserna" and no "Inget år över taket".
        assert_eq!(c.table.rows[1].values[3], "–");
        assert!(
            c.description
                .contains(" Taket okänt (kvoten kan inte beräknas): 2027."),
            "{}",
            c.description
        );
        assert!(!c.description.contains("Inget år över taket"));
        assert!(c.table.rows[0].values[1].starts_with("79\u{a0}228\u{a0}162"));
    }

    #[test]
    fn nice_steps() {
        for (range, step) in [
            ("5000000", "2000000"),
            ("4000000", "1000000"),
            ("1", "1"),
            ("0", "1"),
            ("30", "10"),
            ("7", "2"),
        ] {
            assert_eq!(nice_step(d(range)), d(step), "{range}");
        }
    }
}
