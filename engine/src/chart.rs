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
//! - coordinates computed with [`Decimal`] (never floats), rounded half-up to two decimals and
//!   printed with `.` as SVG requires; amounts and percentages in the text use
//!   [`format_kr`] / [`format_percent`];
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

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{Allocation, MemberKind, Party};
use crate::distribution::CostDistribution;
use crate::equity::EquityYear;
use crate::format::{format_kr, format_percent, format_percent_opt};
use crate::money::{round_half_up, Amount};
use crate::plan::Year;

/// Width of every chart's `viewBox`, in SVG user units.
pub const CHART_WIDTH: i64 = 860;

/// Row height of the horizontal bar charts.
const ROW_H: i64 = 28;
/// Bar thickness of the horizontal bar charts.
const BAR_H: i64 = 18;
/// Right edge of the row labels (text anchored at the end).
const LABEL_END: i64 = 240;
/// Left edge of the bars.
const BAR_X: i64 = 250;
/// Width of the longest bar.
const BAR_MAX: i64 = 400;
/// Gap between a bar's end and its value text.
const VALUE_GAP: i64 = 8;
/// Margin above and below the rows.
const PAD: i64 = 10;
/// Labels longer than this are shortened in the picture (the table has the full text).
const LABEL_CHARS: usize = 30;

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

/// Escapes text for SVG/XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 (except tab and newlines).
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate for an SVG attribute: rounded half-up to 2 decimals, `.` as decimal point,
/// no trailing zeros, never `-0`.
fn num(value: Decimal) -> String {
    let r = round_half_up(value, 2).normalize();
    if r.is_zero() {
        "0".to_string()
    } else {
        r.to_string()
    }
}

fn int(value: i64) -> Decimal {
    Decimal::from(value)
}

/// `value / max × length`, clamped to `0..=length`; 0 when `max` is not positive.
fn scaled(value: Decimal, max: Decimal, length: Decimal) -> Decimal {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    value
        .checked_mul(length)
        .and_then(|v| v.checked_div(max))
        .map(|v| v.min(length))
        .unwrap_or(Decimal::ZERO)
}

/// Shortens a label for the picture: at most [`LABEL_CHARS`] characters, `…` when cut.
fn short_label(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// Opens the `<svg>` element with its title and description.
fn svg_open(class: &str, height: i64, title: &str, description: &str) -> String {
    let title = xml_escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" \
         role=\"img\" aria-label=\"{title}\"><title>{title}</title><desc>{}</desc>",
        xml_escape(description)
    )
}

/// The valid "Inga data" chart.
fn empty_chart(class: &str, title: &str, headers: Vec<String>) -> Chart {
    let description = format!("{title}: inga data att visa.");
    let mut svg = svg_open(class, 120, title, &description);
    let _ = write!(
        svg,
        "<text class=\"chart-empty\" x=\"{}\" y=\"64\" text-anchor=\"middle\">Inga data</text></svg>",
        CHART_WIDTH / 2
    );
    Chart {
        title: title.to_string(),
        description,
        svg,
        table: ChartTable {
            caption: title.to_string(),
            headers,
            rows: Vec::new(),
        },
    }
}

/// One bar of a horizontal bar chart.
struct HBar {
    label: String,
    value: Decimal,
    text: String,
    class: String,
}

/// A row of a horizontal bar chart: a section heading or a bar.
enum HRow {
    Section(String),
    Bar(HBar),
}

/// Draws horizontal bars, all on one scale: the largest value gets the full width.
fn horizontal_bars(class: &str, title: &str, description: &str, rows: &[HRow]) -> String {
    let max = rows
        .iter()
        .filter_map(|r| match r {
            HRow::Bar(b) => Some(b.value),
            HRow::Section(_) => None,
        })
        .fold(Decimal::ZERO, Decimal::max);
    let rows_i64 = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let height = (PAD * 2).saturating_add(ROW_H.saturating_mul(rows_i64));
    let mut svg = svg_open(class, height, title, description);
    for (i, row) in rows.iter().enumerate() {
        let top = PAD.saturating_add(ROW_H.saturating_mul(i64::try_from(i).unwrap_or(i64::MAX)));
        let baseline = top.saturating_add(ROW_H / 2 + 5);
        match row {
            HRow::Section(text) => {
                let _ = write!(
                    svg,
                    "<text class=\"chart-section\" x=\"0\" y=\"{baseline}\">{}</text>",
                    xml_escape(text)
                );
            }
            HRow::Bar(bar) => {
                let width = scaled(bar.value, max, int(BAR_MAX));
                let y = top.saturating_add((ROW_H - BAR_H) / 2);
                let _ = write!(
                    svg,
                    "<g class=\"chart-row\"><title>{full}: {text}</title>\
                     <text class=\"chart-label\" x=\"{LABEL_END}\" y=\"{baseline}\" text-anchor=\"end\">{label}</text>\
                     <rect class=\"chart-bar {class}\" x=\"{BAR_X}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_H}\"/>\
                     <text class=\"chart-value\" x=\"{vx}\" y=\"{baseline}\">{text}</text></g>",
                    full = xml_escape(&bar.label),
                    label = xml_escape(&short_label(&bar.label)),
                    class = bar.class,
                    w = num(width),
                    vx = num(int(BAR_X + VALUE_GAP).saturating_add(width)),
                    text = xml_escape(&bar.text),
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

fn party_class(party: Party) -> &'static str {
    match party {
        Party::Staten => "chart-staten",
        Party::Region => "chart-region",
        Party::Kommuner => "chart-kommuner",
    }
}

/// Financing by party and by member: one bar per party (Staten, Region, Kommuner), then one bar
/// per member, all on one scale (the largest amount gets the full width). Bars are labelled
/// `2 698 345 kr (14,2 %)`: the amount in kronor and its share of the *medelstilldelning* T.
/// The table lists the same rows (name, type, kr, share of T). An allocation without members
/// or with T = 0 gives the "Inga data" chart.
pub fn financing_chart(allocation: &Allocation) -> Chart {
    let title = "Finansiering per part och medlem";
    let headers = vec![
        "Part eller medlem".to_string(),
        "Typ".to_string(),
        "Belopp (kr)".to_string(),
        "Andel av medelstilldelningen".to_string(),
    ];
    if allocation.members.is_empty() || allocation.total.is_zero() {
        return empty_chart("chart--financing", title, headers);
    }
    let share = |amount: Amount| crate::money::percent_of(amount.value(), allocation.total.value());
    let bar_text = |amount: Amount| match share(amount) {
        Some(p) => format!("{} kr ({})", format_kr(amount.value()), format_percent(p)),
        None => format!("{} kr", format_kr(amount.value())),
    };
    let mut rows = vec![HRow::Section("Parter".to_string())];
    let mut table = Vec::new();
    for p in &allocation.parties {
        rows.push(HRow::Bar(HBar {
            label: p.party.label().to_string(),
            value: p.amount.value(),
            text: bar_text(p.amount),
            class: format!("chart-party {}", party_class(p.party)),
        }));
        table.push(ChartRow::new(
            p.party.label(),
            vec![
                "Part".to_string(),
                format_kr(p.amount.value()),
                format_percent_opt(share(p.amount)),
            ],
        ));
    }
    rows.push(HRow::Section("Medlemmar".to_string()));
    for m in &allocation.members {
        rows.push(HRow::Bar(HBar {
            label: m.name.clone(),
            value: m.amount.value(),
            text: bar_text(m.amount),
            class: format!("chart-member {}", party_class(m.kind.party())),
        }));
        table.push(ChartRow::new(
            m.name.clone(),
            vec![
                m.kind.label().to_string(),
                format_kr(m.amount.value()),
                format_percent_opt(share(m.amount)),
            ],
        ));
    }
    let kommuner = allocation
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Kommun)
        .count();
    let mut description = format!(
        "Medelstilldelningen {} kr fördelas på {} och {} medlemmar, varav {} kommuner.",
        format_kr(allocation.total.value()),
        allocation
            .parties
            .iter()
            .map(|p| format!("{} {} kr", p.party.label(), format_kr(p.amount.value())))
            .collect::<Vec<_>>()
            .join(", "),
        allocation.members.len(),
        kommuner
    );
    let diff = allocation.rounding_difference();
    if !diff.is_zero() {
        let _ = write!(
            description,
            " Avrundningsdifferens {} kr.",
            format_kr(diff.value())
        );
    }
    let svg = horizontal_bars("chart--financing", title, &description, &rows);
    Chart {
        title: title.to_string(),
        description,
        svg,
        table: ChartTable {
            caption: title.to_string(),
            headers,
            rows: table,
        },
    }
}

/// The cost distribution (*Kostnaderna har fördelats enligt följande*): one horizontal bar per
/// group (Individinsatser, Strukturpåverkande insatser, Processtöd samverkansinsatser,
/// Administration) labelled with its share of *verksamhetens kostnader* with one decimal
/// (`66,4 %`); the largest share gets the full width. The description also gives the direct
/// share. A zero base gives the "Inga data" chart.
pub fn cost_distribution_chart(distribution: &CostDistribution) -> Chart {
    let title = "Kostnadsfördelning";
    let headers = vec![
        "Kostnadsslag".to_string(),
        "Belopp (kr)".to_string(),
        "Andel av verksamhetens kostnader".to_string(),
    ];
    if distribution.base.is_zero() || distribution.groups.is_empty() {
        return empty_chart("chart--distribution", title, headers);
    }
    let mut rows = Vec::new();
    let mut table = Vec::new();
    for (group, share) in &distribution.groups {
        let text = format_percent_opt(share.percent);
        let kind = if group.is_direct() {
            "chart-direct"
        } else {
            "chart-admin"
        };
        rows.push(HRow::Bar(HBar {
            label: group.label().to_string(),
            value: share.percent.unwrap_or(Decimal::ZERO),
            text: text.clone(),
            class: format!("chart-group {kind}"),
        }));
        table.push(ChartRow::new(
            group.label(),
            vec![format_kr(share.amount.value()), text],
        ));
    }
    table.push(ChartRow::new(
        "Direkta insatskostnader totalt",
        vec![
            format_kr(distribution.direct.amount.value()),
            format_percent_opt(distribution.direct.percent),
        ],
    ));
    let description = format!(
        "Verksamhetens kostnader {} kr fördelas: {}. Direkta insatskostnader totalt {}.",
        format_kr(distribution.base.value()),
        distribution
            .groups
            .iter()
            .map(|(g, s)| format!("{} {}", g.label(), format_percent_opt(s.percent)))
            .collect::<Vec<_>>()
            .join(", "),
        format_percent_opt(distribution.direct.percent)
    );
    let svg = horizontal_bars("chart--distribution", title, &description, &rows);
    Chart {
        title: title.to_string(),
        description,
        svg,
        table: ChartTable {
            caption: title.to_string(),
            headers,
            rows: table,
        },
    }
}

/// One year of the equity chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityPoint {
    /// The year.
    pub year: Year,
    /// *EK UB* in kronor.
    pub equity: Amount,
    /// The ceiling in kronor (ceiling % × the ratio's base), when the base is known.
    pub ceiling: Option<Amount>,
    /// The equity ratio in percent, when known (shown in the table).
    pub ratio: Option<Decimal>,
}

impl EquityPoint {
    /// The point of one year of the equity roll-forward: the ceiling amount is
    /// `base × ceiling % / 100` at full precision.
    pub fn from_equity_year(y: &EquityYear) -> EquityPoint {
        let ceiling = y.base.and_then(|b| {
            b.value()
                .checked_mul(y.ceiling_percent)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                .map(Amount)
        });
        EquityPoint {
            year: y.year,
            equity: y.closing,
            ceiling,
            ratio: y.ratio,
        }
    }
}

/// The points of an equity roll-forward (e.g. `report.years.iter().map(|y| &y.equity)`).
pub fn equity_points<'a>(years: impl IntoIterator<Item = &'a EquityYear>) -> Vec<EquityPoint> {
    years
        .into_iter()
        .map(EquityPoint::from_equity_year)
        .collect()
}

// Layout of the equity chart.
const EQ_HEIGHT: i64 = 380;
const EQ_LEFT: i64 = 110;
const EQ_RIGHT: i64 = 20;
const EQ_TOP: i64 = 24;
const EQ_PLOT_H: i64 = 280;

/// The largest absolute value the equity chart's scale works with (10^25 kr).
const SCALE_LIMIT: Decimal = Decimal::from_parts(1_241_513_984, 370_409_800, 542_101, false, 0);

/// A "nice" grid step (1, 2 or 5 × 10ⁿ kr, at least 1 kr) giving about four intervals.
fn nice_step(range: Decimal) -> Decimal {
    let raw = range.checked_div(int(4)).unwrap_or(Decimal::ONE);
    let mut p = Decimal::ONE;
    while let Some(next) = p.checked_mul(Decimal::TEN) {
        if next > raw {
            break;
        }
        p = next;
    }
    for m in [1, 2, 5, 10] {
        let step = p.checked_mul(int(m)).unwrap_or(p);
        if step >= raw {
            return step;
        }
    }
    p
}

/// Equity over the years: one vertical bar of *EK UB* per year, the year's ceiling as a
/// horizontal segment over its bar (class `chart-ceiling`), the floor as a line across the plot
/// (class `chart-floor`), a value axis with grid lines in kronor and a legend. Bars above the
/// ceiling, below the floor or negative get the classes `chart-above-ceiling`,
/// `chart-below-floor`, `chart-negative`. The table lists per year EK UB, the ceiling, the ratio
/// and a status text. No years gives the "Inga data" chart.
pub fn equity_chart(points: &[EquityPoint], floor: Option<Amount>) -> Chart {
    let title = "Eget kapital per år";
    let headers = vec![
        "År".to_string(),
        "Eget kapital UB (kr)".to_string(),
        "Tak (kr)".to_string(),
        "Andel av medelstilldelningen".to_string(),
        "Status".to_string(),
    ];
    if points.is_empty() {
        return empty_chart("chart--equity", title, headers);
    }
    let above = |p: &EquityPoint| p.ceiling.is_some_and(|c| p.equity > c);
    let below = |p: &EquityPoint| floor.is_some_and(|f| p.equity < f);
    let status = |p: &EquityPoint| {
        let mut s = Vec::new();
        if above(p) {
            s.push("Över taket");
        }
        if below(p) {
            s.push("Under golvet");
        }
        if s.is_empty() && p.ceiling.is_none() {
            // The ratio's base is unknown: whether it is over the ceiling cannot be told.
            "–".to_string()
        } else if s.is_empty() {
            "Inom gränserna".to_string()
        } else {
            s.join(", ")
        }
    };

    // Value range: always include 0, every EK UB, every ceiling and the floor.
    let values = points
        .iter()
        .flat_map(|p| [Some(p.equity), p.ceiling])
        .chain([floor])
        .flatten()
        .map(Amount::value);
    // The scale's arithmetic stays exact and far from `Decimal`'s limits: values beyond
    // ±10^25 kr (far outside docs/bounds.md) are drawn at that edge; the texts show them as they are.
    let (lo, hi) = values.fold((Decimal::ZERO, Decimal::ZERO), |(lo, hi), v| {
        let v = v.clamp(-SCALE_LIMIT, SCALE_LIMIT);
        (lo.min(v), hi.max(v))
    });
    // Layout only: the values are clamped to ±SCALE_LIMIT above, so the saturating operations
    // below never saturate in practice; a saturated pixel is still a drawable pixel.
    let step = nice_step(hi.saturating_sub(lo));
    let y_min = lo
        .checked_div(step)
        .unwrap_or_default()
        .floor()
        .saturating_mul(step);
    let mut y_max = hi
        .checked_div(step)
        .unwrap_or_default()
        .ceil()
        .saturating_mul(step);
    if y_max <= y_min {
        y_max = y_min.saturating_add(step);
    }
    let span = y_max.saturating_sub(y_min);
    let plot_w = int(CHART_WIDTH - EQ_LEFT - EQ_RIGHT);
    let y_of = |v: Decimal| -> Decimal {
        let off = y_max
            .saturating_sub(v.clamp(y_min, y_max))
            .checked_mul(int(EQ_PLOT_H))
            .and_then(|d| d.checked_div(span))
            .unwrap_or(Decimal::ZERO);
        int(EQ_TOP).saturating_add(off)
    };

    let description = {
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            return empty_chart("chart--equity", title, headers);
        };
        let mut d = format!(
            "Eget kapital vid årets slut {}–{}: från {} kr till {} kr.",
            first.year,
            last.year,
            format_kr(first.equity.value()),
            format_kr(last.equity.value())
        );
        let over: Vec<String> = points
            .iter()
            .filter(|p| above(p))
            .map(|p| p.year.to_string())
            .collect();
        let unknown: Vec<String> = points
            .iter()
            .filter(|p| p.ceiling.is_none())
            .map(|p| p.year.to_string())
            .collect();
        if !over.is_empty() {
            let _ = write!(d, " Över taket: {}.", over.join(", "));
        } else if unknown.is_empty() {
            d.push_str(" Inget år över taket.");
        }
        if !unknown.is_empty() {
            let _ = write!(
                d,
                " Taket okänt (kvoten kan inte beräknas): {}.",
                unknown.join(", ")
            );
        }
        if let Some(f) = floor {
            let under: Vec<String> = points
                .iter()
                .filter(|p| below(p))
                .map(|p| p.year.to_string())
                .collect();
            let _ = write!(d, " Golv {} kr", format_kr(f.value()));
            if under.is_empty() {
                d.push_str(", inget år under golvet.");
            } else {
                let _ = write!(d, "; under golvet: {}.", under.join(", "));
            }
        }
        d
    };

    let mut svg = svg_open("chart--equity", EQ_HEIGHT, title, &description);
    let left = int(EQ_LEFT);
    let right = int(CHART_WIDTH - EQ_RIGHT);
    // Grid and value axis.
    let mut tick = y_min;
    while tick <= y_max {
        let y = num(y_of(tick));
        let _ = write!(
            svg,
            "<line class=\"chart-grid\" x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\"/>\
             <text class=\"chart-tick\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>",
            l = num(left),
            r = num(right),
            tx = EQ_LEFT - 8,
            ty = num(y_of(tick).saturating_add(int(4))),
            label = format_kr(tick),
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    let zero = num(y_of(Decimal::ZERO));
    let _ = write!(
        svg,
        "<line class=\"chart-axis\" x1=\"{l}\" y1=\"{zero}\" x2=\"{r}\" y2=\"{zero}\"/>",
        l = num(left),
        r = num(right),
    );

    // Bars, ceilings and labels.
    let n = int(i64::try_from(points.len()).unwrap_or(i64::MAX));
    let slot = plot_w.checked_div(n).unwrap_or_default();
    let half = |v: Decimal| v.checked_div(int(2)).unwrap_or_default();
    let eighth = |v: Decimal| v.checked_div(int(8)).unwrap_or_default();
    let bar_w = half(slot);
    let y_zero = y_of(Decimal::ZERO);
    for (i, p) in points.iter().enumerate() {
        let slot_x =
            left.saturating_add(slot.saturating_mul(int(i64::try_from(i).unwrap_or(i64::MAX))));
        let x = slot_x.saturating_add(half(slot.saturating_sub(bar_w)));
        let y_v = y_of(p.equity.value());
        let (top, height) = if y_v <= y_zero {
            (y_v, y_zero.saturating_sub(y_v))
        } else {
            (y_zero, y_v.saturating_sub(y_zero))
        };
        let mut class = String::from("chart-bar chart-equity");
        if above(p) {
            class.push_str(" chart-above-ceiling");
        }
        if below(p) {
            class.push_str(" chart-below-floor");
        }
        if p.equity.value().is_sign_negative() && !p.equity.is_zero() {
            class.push_str(" chart-negative");
        }
        let center = slot_x.saturating_add(half(slot));
        let label_y = if p.equity.value().is_sign_negative() && !p.equity.is_zero() {
            top.saturating_add(height).saturating_add(int(14))
        } else {
            top.saturating_sub(int(6))
        };
        let _ = write!(
            svg,
            "<g class=\"chart-row\"><title>{year}: eget kapital {ek} kr{ceil}, {status}</title>\
             <rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"/>\
             <text class=\"chart-value\" x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\">{ek}</text>",
            year = p.year,
            ek = format_kr(p.equity.value()),
            ceil = p
                .ceiling
                .map(|c| format!(", tak {} kr", format_kr(c.value())))
                .unwrap_or_default(),
            status = status(p).to_lowercase(),
            x = num(x),
            y = num(top),
            w = num(bar_w),
            h = num(height),
            cx = num(center),
            ly = num(label_y),
        );
        if let Some(c) = p.ceiling {
            let cy = num(y_of(c.value()));
            let _ = write!(
                svg,
                "<line class=\"chart-ceiling\" x1=\"{x1}\" y1=\"{cy}\" x2=\"{x2}\" y2=\"{cy}\"/>",
                x1 = num(slot_x.saturating_add(eighth(slot))),
                x2 = num(slot_x.saturating_add(slot).saturating_sub(eighth(slot))),
            );
        }
        let _ = write!(
            svg,
            "<text class=\"chart-year\" x=\"{cx}\" y=\"{yy}\" text-anchor=\"middle\">{year}</text></g>",
            cx = num(center),
            yy = EQ_TOP + EQ_PLOT_H + 20,
            year = p.year,
        );
    }
    if let Some(f) = floor {
        let fy = num(y_of(f.value()));
        let _ = write!(
            svg,
            "<line class=\"chart-floor\" x1=\"{l}\" y1=\"{fy}\" x2=\"{r}\" y2=\"{fy}\"/>",
            l = num(left),
            r = num(right),
        );
    }

    // Legend.
    let ly = EQ_TOP + EQ_PLOT_H + 52;
    let _ = write!(
        svg,
        "<g class=\"chart-legend\">\
         <rect class=\"chart-legend-swatch chart-bar chart-equity\" x=\"{EQ_LEFT}\" y=\"{sy}\" width=\"14\" height=\"14\"/>\
         <text class=\"chart-label\" x=\"{t1}\" y=\"{ly}\">Eget kapital UB</text>\
         <line class=\"chart-ceiling\" x1=\"{c1}\" y1=\"{my}\" x2=\"{c2}\" y2=\"{my}\"/>\
         <text class=\"chart-label\" x=\"{t2}\" y=\"{ly}\">Tak</text>",
        sy = ly - 11,
        t1 = EQ_LEFT + 20,
        c1 = EQ_LEFT + 170,
        c2 = EQ_LEFT + 200,
        my = ly - 4,
        t2 = EQ_LEFT + 206,
    );
    if floor.is_some() {
        let _ = write!(
            svg,
            "<line class=\"chart-floor\" x1=\"{c1}\" y1=\"{my}\" x2=\"{c2}\" y2=\"{my}\"/>\
             <text class=\"chart-label\" x=\"{t}\" y=\"{ly}\">Golv</text>",
            c1 = EQ_LEFT + 270,
            c2 = EQ_LEFT + 300,
            my = ly - 4,
            t = EQ_LEFT + 306,
        );
    }
    // The bar colours that differ from the plain one each get a swatch of their own, so the
    // legend's colours are the bars' colours.
    let mut x: i64 = if floor.is_some() {
        EQ_LEFT + 370
    } else {
        EQ_LEFT + 270
    };
    let swatches = [
        (
            points.iter().any(above),
            "chart-above-ceiling",
            "Över taket",
            120,
        ),
        (
            points
                .iter()
                .any(|p| below(p) || (p.equity.value().is_sign_negative() && !p.equity.is_zero())),
            "chart-below-floor",
            "Under golvet eller negativt",
            0,
        ),
    ];
    for (shown, class, label, width) in swatches {
        if shown {
            let _ = write!(
                svg,
                "<rect class=\"chart-legend-swatch chart-bar {class}\" x=\"{x}\" y=\"{sy}\" width=\"14\" height=\"14\"/>\
                 <text class=\"chart-label\" x=\"{t}\" y=\"{ly}\">{label}</text>",
                sy = ly - 11,
                t = x.saturating_add(20),
            );
            x = x.saturating_add(width);
        }
    }
    svg.push_str("</g></svg>");

    let rows = points
        .iter()
        .map(|p| {
            ChartRow::new(
                p.year.to_string(),
                vec![
                    format_kr(p.equity.value()),
                    p.ceiling
                        .map(|c| format_kr(c.value()))
                        .unwrap_or_else(|| "–".to_string()),
                    format_percent_opt(p.ratio),
                    status(p),
                ],
            )
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::{allocate, AllocationInput, Funding, Key, MemberInput};
    use crate::budget::BudgetFigures;
    use crate::distribution::cost_distribution;
    use crate::equity::ResultBasis;
    use crate::plan::{Category, PercentRounding};

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
        };
        let p = equity_points([&y]);
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
