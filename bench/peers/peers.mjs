// The two spreadsheet engines behind one small interface: build a workbook from the sheets of
// model.mjs (and compute it), set one cell (and recompute what depends on it), read a cell.

import { readFileSync } from 'node:fs';
import { HyperFormula } from 'hyperformula';
import { initSync, Model } from '@ironcalc/wasm';

export const versions = {
  hyperformula: HyperFormula.version,
  ironcalc: JSON.parse(readFileSync(new URL('./node_modules/@ironcalc/wasm/package.json', import.meta.url))).version,
};

/** HyperFormula 3.x: `buildFromSheets` parses and computes; `setCellContents` recomputes the
 * dependents of the changed cell only. */
export const hyperformula = {
  name: 'HyperFormula',
  build(sheets) {
    const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
    const ids = Object.fromEntries(Object.keys(sheets).map((n) => [n, hf.getSheetId(n)]));
    return {
      set(cell, value) {
        hf.setCellContents({ sheet: ids[cell.sheet], row: cell.row, col: cell.col }, [[value]]);
      },
      // No API recomputes a built workbook without rebuilding it.
      recompute: null,
      get(cell) {
        const v = hf.getCellValue({ sheet: ids[cell.sheet], row: cell.row, col: cell.col });
        if (v !== null && typeof v === 'object') throw new Error(`HyperFormula: ${v.type} ${v.message ?? ''} in ${JSON.stringify(cell)}`);
        return v;
      },
      free() {
        hf.destroy();
      },
    };
  },
};

let ironcalcReady = false;

/** IronCalc (wasm): cells are set with evaluation paused, then the workbook is evaluated once;
 * an edit through `setUserInput` re-evaluates the workbook, as in IronCalc's own app. */
export const ironcalc = {
  name: 'IronCalc',
  build(sheets) {
    if (!ironcalcReady) {
      initSync({ module: readFileSync(new URL('./node_modules/@ironcalc/wasm/wasm_bg.wasm', import.meta.url)) });
      ironcalcReady = true;
    }
    const m = new Model('samplan', 'en', 'UTC', 'en');
    const names = Object.keys(sheets);
    names.forEach((n, i) => {
      if (i > 0) m.newSheet();
      m.renameSheet(i, n);
    });
    const index = Object.fromEntries(names.map((n, i) => [n, i]));
    m.pauseEvaluation();
    names.forEach((n, i) => {
      sheets[n].forEach((row, r) => {
        row.forEach((v, c) => {
          if (v !== null && v !== undefined) m.setUserInput(i, r + 1, c + 1, String(v));
        });
      });
    });
    m.resumeEvaluation();
    m.evaluate();
    return {
      set(cell, value) {
        m.setUserInput(index[cell.sheet], cell.row + 1, cell.col + 1, String(value));
      },
      recompute() {
        m.evaluate();
      },
      get(cell) {
        const t = m.getFormattedCellValue(index[cell.sheet], cell.row + 1, cell.col + 1);
        if (t === 'TRUE') return true;
        if (t === 'FALSE') return false;
        if (t === '') return '';
        const n = Number(t);
        if (Number.isNaN(n)) throw new Error(`IronCalc: "${t}" in ${JSON.stringify(cell)}`);
        return n;
      },
      free() {
        m.free();
      },
    };
  },
};
