import { EXAMPLE_NAME } from './pages/app';
import { expect, test } from './pages/fixtures';
import { BudgetView } from './pages/views';

// "Exportera Excel (.xlsx)" (docs/xlsx.md): the whole plan as a workbook with one sheet per
// view and per municipality, the amounts as numbers and the sums as formulas whose stored
// values are samplan's figures. The file's parts are stored uncompressed, so its XML can be
// read straight from the bytes.

/** The text of `name` inside the .xlsx archive, read from its local file headers (the parts
 * are stored, not compressed). */
function part(bytes: Buffer, name: string): string {
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const method = bytes.readUInt16LE(at + 8);
    const size = bytes.readUInt32LE(at + 18);
    const nameLen = bytes.readUInt16LE(at + 26);
    const extraLen = bytes.readUInt16LE(at + 28);
    const entry = bytes.subarray(at + 30, at + 30 + nameLen).toString('utf8');
    const data = at + 30 + nameLen + extraLen;
    if (entry === name) {
      expect(method, `${name} is stored`).toBe(0);
      return bytes.subarray(data, data + size).toString('utf8');
    }
    at = data + size;
  }
  throw new Error(`${name} is not in the archive`);
}

test('the plan menu exports the plan as an .xlsx workbook with live sums equal to the Budget view', async ({ app }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const year = Number(await app.yearSelect.inputValue());
  const result = await budget.sumKr('Årets resultat', year);

  const file = await app.download(app.planMenu.getByRole('button', { name: 'Exportera Excel (.xlsx)' }));
  expect(file.name).toBe(`${EXAMPLE_NAME}.xlsx`);
  expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  await expect(app.page.getByText(`Sparad som ${EXAMPLE_NAME}.xlsx`)).toBeVisible();

  const workbook = part(file.bytes, 'xl/workbook.xml');
  const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets.slice(0, 4)).toEqual(['Finansiering', 'Budget', 'Uppföljning', 'Eget kapital']);
  expect(sheets).toContain('Älvstad');

  // The Budget sheet: the year's column holds Årets resultat as a formula whose value is the
  // figure the Budget view shows.
  const sheet = part(file.bytes, 'xl/worksheets/sheet2.xml');
  const header = [...sheet.matchAll(/<c r="([A-Z]+)1"[^>]*><is><t[^>]*>(\d{4})<\/t>/g)];
  const col = header.find((m) => Number(m[2]) === year)?.[1];
  expect(col, `a column for ${year}`).toBeTruthy();
  const resultRow = sheet.match(/<row r="(\d+)"><c r="A\d+"[^>]*><is><t[^>]*>Årets resultat<\/t>/)?.[1];
  expect(resultRow).toBeTruthy();
  const cell = sheet.match(new RegExp(`<c r="${col}${resultRow}"[^>]*><f>([^<]+)</f><v>([^<]+)</v>`));
  expect(cell, 'Årets resultat is a formula').toBeTruthy();
  expect(BigInt(cell![2])).toBe(result);
  expect(sheet).toContain('<f>SUM(');
});

test('one table as .xlsx: the Budget, Eget kapital and a municipality each export their own sheet', async ({ app }) => {
  await app.open('#budget');
  const budget = new BudgetView(app);
  const year = Number(await app.yearSelect.inputValue());
  const result = await budget.sumKr('Årets resultat', year);
  const file = await app.download(app.panel.getByRole('button', { name: 'Exportera budget (.xlsx)' }));
  expect(file.name).toBe(`${EXAMPLE_NAME} budget.xlsx`);
  const sheets = [...part(file.bytes, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets).toEqual(['Budget']);
  const sheet = part(file.bytes, 'xl/worksheets/sheet1.xml');
  const header = [...sheet.matchAll(/<c r="([A-Z]+)1"[^>]*><is><t[^>]*>(\d{4})<\/t>/g)];
  const col = header.find((m) => Number(m[2]) === year)?.[1];
  const resultRow = sheet.match(/<row r="(\d+)"><c r="A\d+"[^>]*><is><t[^>]*>Årets resultat<\/t>/)?.[1];
  const cell = sheet.match(new RegExp(`<c r="${col}${resultRow}"[^>]*><f>([^<]+)</f><v>([^<]+)</v>`));
  expect(cell, 'Årets resultat is a formula').toBeTruthy();
  expect(BigInt(cell![2])).toBe(result);

  await app.goTo('Eget kapital');
  const ek = await app.download(app.panel.getByRole('button', { name: 'Exportera eget kapital (.xlsx)' }));
  expect([...part(ek.bytes, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Eget kapital']);

  await app.goTo('Kommun');
  const kommun = await app.download(app.panel.getByRole('button', { name: 'Exportera .xlsx' }));
  expect(kommun.name).toMatch(/ kommun .+\.xlsx$/);
  expect([...part(kommun.bytes, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toHaveLength(1);
});
