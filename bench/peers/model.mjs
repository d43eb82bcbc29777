// Builds the samplan engine's computation of a plan file as a spreadsheet: three sheets of
// values and formulas (HyperFormula's array format, row-major, 0-based), the same arithmetic the
// engine's `compute` does for the budget, the allocation and the equity:
//
// - Budget: one row per budget line: its category (or "Delad" for a split line), the split
//   percentages, and one amount column per year.
// - Medlemmar: one row per municipality: its population per year (the latest value at or
//   before the year) and its amount per year, ROUND(Kommuner × pop / Σpop, 0) — rounding
//   "each" at unit 1 kr, multiplication before division as in docs/allocation.md.
// - Resultat: one column per year: T (given, or ROUND(previous T × (100 + p) / 100, 0)), the
//   party split (each share floored, the missing kronor to the largest remainders, ties in the
//   order Staten, Region, Kommuner), Σpop, Summa medlemmar, the category sums (SUMIF per
//   category, plus SUMPRODUCT of the split percentages), the subtotals and Årets resultat as in
//   docs/budget.md (member revenue in the budget is T), and the equity roll-forward with EK-kvot and the ceiling flag
//   (docs/equity.md).
//
// Only what the two benchmark plans use is supported (unit 1 kr, rounding "each", population
// key, one Stat and one Region, no membership years, no closed years); anything else throws, so
// a peer never silently computes something else than the engine.

export const CATEGORIES = [
  ['Individinsatser', 'Individinsatser'],
  ['Strukturpaverkande', 'Strukturpåverkande insatser'],
  ['Processtod', 'Processtöd samverkansinsatser'],
  ['Styrelse', 'Styrelse'],
  ['Kansli', 'Kansli'],
  ['OvrigaIntakter', 'Övriga intäkter'],
  ['FinansiellaIntakter', 'Finansiella intäkter'],
  ['FinansiellaKostnader', 'Finansiella kostnader'],
];

/** Column letters of a 0-based column index. */
export function col(i) {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function fail(msg) {
  throw new Error(`bench/peers: the plan uses something the spreadsheet model lacks: ${msg}`);
}

function isPopulationKey(key) {
  const mix = key && key.Mix;
  return (
    key === 'Population' ||
    (Array.isArray(mix) && mix.length === 1 && mix[0].method === 'Population' && Number(mix[0].weight) === 100)
  );
}

/** The member's key values in force in `year` (latest entry at or before, else the earliest). */
function valuesFor(member, year) {
  const ys = Object.keys(member.values || {}).map(Number).sort((a, b) => a - b);
  const at = ys.filter((y) => y <= year);
  const y = at.length ? at[at.length - 1] : ys[0];
  return y === undefined ? {} : member.values[String(y)];
}

// Rows of the Resultat sheet (0-based).
export const R = {
  T: 0, exS: 1, exR: 2, exK: 3, flS: 4, flR: 5, flK: 6, extra: 7,
  Staten: 8, Region: 9, Kommuner: 10, popSum: 11, kommunSum: 12, members: 13,
  cat0: 14, // 8 category rows 14..21
  direct: 22, admin: 23, opCosts: 24, opIncome: 25, opResult: 26, finNet: 27, result: 28,
  ekIb: 29, capital: 30, ekUb: 31, ratio: 32, above: 33,
};
const LABELS = [
  'Medelstilldelning', 'Staten exakt', 'Region exakt', 'Kommuner exakt', 'Staten golv',
  'Region golv', 'Kommuner golv', 'Kvar att fördela', 'Staten', 'Region', 'Kommuner',
  'Summa invånare', 'Summa kommuner', 'Summa medlemmar',
  ...CATEGORIES.map((c) => c[1]),
  'Summa direkta insatskostnader', 'Summa administrativa kostnader', 'Verksamhetens kostnader',
  'Verksamhetens intäkter', 'Verksamhetens resultat', 'Finansiellt netto', 'Årets resultat',
  'EK IB', 'Kapitaltillskott', 'EK UB', 'EK-kvot %', 'Över taket',
];

/**
 * The workbook of `plan` (the `plan` object of a plan file): `{ sheets, years, lines,
 * kommuner, editCell(line, year), readCells(year) }`. Cell addresses are `{ sheet, row, col }`
 * with the sheet's name and 0-based row and column.
 */
export function buildModel(plan) {
  const s = plan.settings;
  if (Number(s.unit) !== 1) fail(`rounding unit ${s.unit}`);
  if (s.rounding !== 'each') fail(`member rounding ${s.rounding}`);
  if (!isPopulationKey(s.kommun_key)) fail('a municipal key other than population');
  if (s.equity_base !== 'SameYear') fail(`equity base ${s.equity_base}`);
  const shares = [s.shares.staten, s.shares.region, s.shares.kommuner].map(Number);
  const years = plan.years;
  const Y = years.length;
  const members = plan.members || [];
  for (const m of members) if (m.first_year != null || m.last_year != null) fail('membership years');
  if (members.filter((m) => m.kind === 'Stat').length > 1) fail('several states');
  if (members.filter((m) => m.kind === 'Region').length > 1) fail('several regions');
  const kommuner = members.filter((m) => m.kind === 'Kommun');
  const lines = plan.lines;

  // Budget sheet: A = category, then one percent column per split category, then the years.
  const splitCats = [];
  for (const l of lines) {
    if (!l.category && !(l.split || []).length) fail(`line ${l.name} without a category`);
    const sum = (l.split || []).reduce((a, x) => a + Number(x.percent), 0);
    if ((l.split || []).length && sum !== 100) fail(`split of ${l.name} summing to ${sum}`);
    for (const x of l.split || []) if (!splitCats.includes(x.category)) splitCats.push(x.category);
  }
  const amountCol0 = 1 + splitCats.length;
  const budget = lines.map((l) => {
    const split = l.split || [];
    const row = [split.length ? 'Delad' : l.category];
    for (const c of splitCats) {
      const x = split.find((p) => p.category === c);
      row.push(x ? Number(x.percent) : null);
    }
    for (const y of years) row.push(Number(l.amounts[String(y)] ?? 0));
    return row;
  });
  const L = lines.length;
  const budgetRange = (c) => `Budget!$${col(c)}$1:$${col(c)}$${L}`;

  // Medlemmar sheet: population per year (columns 0..Y-1), amount per year (Y..2Y-1).
  const K = kommuner.length;
  const resultatCol = (k) => col(1 + k); // Resultat: A = labels, B.. = years
  const medlemmar = kommuner.map((m, i) => {
    const row = [];
    for (const y of years) {
      const p = valuesFor(m, y).population;
      if (p == null) fail(`${m.name} without a population in ${y}`);
      row.push(Number(p));
    }
    for (let k = 0; k < Y; k++) {
      const rc = resultatCol(k);
      row.push(`=ROUND(Resultat!${rc}$${R.Kommuner + 1}*${col(k)}${i + 1}/Resultat!${rc}$${R.popSum + 1},0)`);
    }
    return row;
  });

  // Resultat sheet.
  const resultat = LABELS.map((label) => [label, ...new Array(Y).fill(null)]);
  const set = (r, k, v) => {
    resultat[r][1 + k] = v;
  };
  for (let k = 0; k < Y; k++) {
    const y = years[k];
    const c = resultatCol(k);
    const p = k > 0 ? resultatCol(k - 1) : null;
    const a = (r) => `${c}${r + 1}`;
    const yi = plan.year_inputs[String(y)] || { funding: { typ: 'PreviousPlusPercent', värde: '0' } };
    if (yi.actual_result != null) fail(`a closed year ${y}`);
    const f = yi.funding;
    if (f.typ === 'Total') set(R.T, k, Number(f['värde']));
    else if (f.typ === 'PreviousPlusPercent') {
      set(R.T, k, p ? `=ROUND(${p}${R.T + 1}*(100+${Number(f['värde'])})/100,0)` : 0);
    } else fail(`funding ${f.typ}`);
    set(R.exS, k, `=${a(R.T)}*${shares[0]}/100`);
    set(R.exR, k, `=${a(R.T)}*${shares[1]}/100`);
    set(R.exK, k, `=${a(R.T)}*${shares[2]}/100`);
    set(R.flS, k, `=INT(${a(R.exS)})`);
    set(R.flR, k, `=INT(${a(R.exR)})`);
    set(R.flK, k, `=INT(${a(R.exK)})`);
    set(R.extra, k, `=${a(R.T)}-${a(R.flS)}-${a(R.flR)}-${a(R.flK)}`);
    const rem = (e, fl) => `(${a(e)}-${a(fl)})`;
    const [rS, rR, rK] = [rem(R.exS, R.flS), rem(R.exR, R.flR), rem(R.exK, R.flK)];
    const extra = a(R.extra);
    set(R.Staten, k, `=${a(R.flS)}+IF(1+IF(${rR}>${rS},1,0)+IF(${rK}>${rS},1,0)<=${extra},1,0)`);
    set(R.Region, k, `=${a(R.flR)}+IF(1+IF(${rS}>=${rR},1,0)+IF(${rK}>${rR},1,0)<=${extra},1,0)`);
    set(R.Kommuner, k, `=${a(R.flK)}+IF(1+IF(${rS}>=${rK},1,0)+IF(${rR}>=${rK},1,0)<=${extra},1,0)`);
    set(R.popSum, k, `=SUM(Medlemmar!${col(k)}1:${col(k)}${K})`);
    set(R.kommunSum, k, `=SUM(Medlemmar!${col(Y + k)}1:${col(Y + k)}${K})`);
    // Staten and the single Region take their whole party amount.
    set(R.members, k, `=${a(R.Staten)}+${a(R.Region)}+${a(R.kommunSum)}`);
    const amt = budgetRange(amountCol0 + k);
    CATEGORIES.forEach(([key], i) => {
      let fx = `=SUMIF(${budgetRange(0)},"${key}",${amt})`;
      const sc = splitCats.indexOf(key);
      if (sc >= 0) fx += `+SUMPRODUCT(${budgetRange(1 + sc)},${amt})/100`;
      set(R.cat0 + i, k, fx);
    });
    const cat = (key) => a(R.cat0 + CATEGORIES.findIndex((x) => x[0] === key));
    set(R.direct, k, `=${cat('Individinsatser')}+${cat('Strukturpaverkande')}+${cat('Processtod')}`);
    set(R.admin, k, `=${cat('Styrelse')}+${cat('Kansli')}`);
    set(R.opCosts, k, `=${a(R.direct)}+${a(R.admin)}`);
    // In the budget the member revenue is the decided total T, not Σ members' payments
    // (docs/budget.md, "Member revenue differs between budget and outcome").
    set(R.opIncome, k, `=${a(R.T)}+${cat('OvrigaIntakter')}`);
    set(R.opResult, k, `=${a(R.opIncome)}-${a(R.opCosts)}`);
    set(R.finNet, k, `=${cat('FinansiellaIntakter')}-${cat('FinansiellaKostnader')}`);
    set(R.result, k, `=${a(R.opResult)}+${a(R.finNet)}`);
    set(R.ekIb, k, p ? `=${p}${R.ekUb + 1}` : Number(plan.opening_equity || 0));
    set(R.capital, k, Number(yi.capital_contribution || 0));
    set(R.ekUb, k, `=${a(R.ekIb)}+${a(R.capital)}+${a(R.result)}`);
    set(R.ratio, k, `=IF(${a(R.T)}=0,"",${a(R.ekUb)}/${a(R.T)}*100)`);
    set(R.above, k, `=IF(${a(R.T)}=0,FALSE,${a(R.ratio)}>${Number(s.equity_ceiling_percent)})`);
  }

  const yearIndex = (year) => {
    const k = years.indexOf(year);
    if (k < 0) fail(`year ${year}`);
    return k;
  };
  return {
    sheets: { Budget: budget, Medlemmar: medlemmar, Resultat: resultat },
    years,
    lines: L,
    kommuner,
    /** The budget cell of line `line` (index) in `year`. */
    editCell: (line, year) => ({ sheet: 'Budget', row: line, col: amountCol0 + yearIndex(year) }),
    /**
     * The totals an edit in `year` changes, as the app shows them: that year's category sums,
     * subtotals, result, and every year's EK UB and EK-kvot.
     */
    affectedCells(year) {
      const k = yearIndex(year);
      const out = [];
      for (let r = R.cat0; r <= R.result; r++) out.push({ sheet: 'Resultat', row: r, col: 1 + k });
      for (let j = k; j < Y; j++) {
        out.push({ sheet: 'Resultat', row: R.ekUb, col: 1 + j });
        out.push({ sheet: 'Resultat', row: R.ratio, col: 1 + j });
      }
      return out;
    },
    /** Cells checked against `samplan report`: `[year, section, post, cell, kind]`. */
    checks() {
      const out = [];
      years.forEach((y, k) => {
        const c = (row) => ({ sheet: 'Resultat', row, col: 1 + k });
        out.push([y, 'Finansiering', 'Medelstilldelning', c(R.T), 'kr']);
        out.push([y, 'Parter', 'Staten', c(R.Staten), 'kr']);
        out.push([y, 'Parter', 'Region', c(R.Region), 'kr']);
        out.push([y, 'Parter', 'Kommuner', c(R.Kommuner), 'kr']);
        kommuner.forEach((m, i) =>
          out.push([y, 'Finansiering', m.name, { sheet: 'Medlemmar', row: i, col: Y + k }, 'kr']));
        out.push([y, 'Finansiering', 'Summa medlemmar', c(R.members), 'kr']);
        CATEGORIES.forEach(([, label], i) => out.push([y, 'Budget', label, c(R.cat0 + i), 'kr']));
        out.push([y, 'Budget', 'Summa direkta insatskostnader', c(R.direct), 'kr']);
        out.push([y, 'Budget', 'Summa administrativa kostnader', c(R.admin), 'kr']);
        out.push([y, 'Budget', 'Verksamhetens kostnader', c(R.opCosts), 'kr']);
        out.push([y, 'Budget', 'Verksamhetens intäkter', c(R.opIncome), 'kr']);
        out.push([y, 'Budget', 'Verksamhetens resultat', c(R.opResult), 'kr']);
        out.push([y, 'Budget', 'Årets resultat', c(R.result), 'kr']);
        out.push([y, 'Eget kapital', 'EK IB', c(R.ekIb), 'kr']);
        out.push([y, 'Eget kapital', 'EK UB', c(R.ekUb), 'kr']);
        out.push([y, 'Eget kapital', 'EK-kvot %', c(R.ratio), 'pct']);
        out.push([y, 'Eget kapital', 'Över taket', c(R.above), 'bool']);
      });
      return out;
    },
  };
}
