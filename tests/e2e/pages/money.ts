// Swedish numbers as the app shows and accepts them (docs/numbers.md), for expectations computed in
// the tests with BigInt integer arithmetic (öre), never floats.

export const NBSP = '\u00a0';
export const MINUS = '\u2212';

/**
 * Parses a Swedish amount as shown or typed ("1 234 567", "−1 945 000", "1 234,5", "12 kr")
 * into öre. Grouping spaces may be U+0020, U+00A0 or U+202F; minus may be `-`, `−` or `–`.
 */
export function toOre(text: string): bigint {
  let t = text.trim().replace(/\s*kr$/i, '').replace(/[\s\u00a0\u202f]/g, '');
  let negative = false;
  if (/^[-\u2212\u2013]/.test(t)) {
    negative = true;
    t = t.slice(1);
  }
  const m = /^(\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`not a Swedish amount: ${JSON.stringify(text)}`);
  const ore = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return negative ? -ore : ore;
}

/** Whole kronor of a shown amount ("1 234 567" → 1234567n); refuses decimals. */
export function toKr(text: string): bigint {
  const ore = toOre(text);
  if (ore % 100n !== 0n) throw new Error(`not whole kronor: ${JSON.stringify(text)}`);
  return ore / 100n;
}

/** Groups digits in threes with `sep`. */
function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Display of whole kronor: grouped with U+00A0, minus U+2212 ("−1 945 000"). */
export function formatKr(kr: bigint): string {
  const abs = kr < 0n ? -kr : kr;
  return (kr < 0n ? MINUS : '') + group(abs.toString(), NBSP);
}

/** öre rounded half away from zero to whole kronor (the engine's display rounding). */
export function roundToKr(ore: bigint): bigint {
  const abs = ore < 0n ? -ore : ore;
  const kr = (abs + 50n) / 100n;
  return ore < 0n ? -kr : kr;
}

/** Display of an amount in öre as whole kronor (rounded half away from zero). */
export function formatOre(ore: bigint): string {
  return formatKr(roundToKr(ore));
}

/** Display in tkr: kr / 1 000 rounded half away from zero, grouped ("4 760"). */
export function formatTkr(ore: bigint): string {
  const abs = ore < 0n ? -ore : ore;
  const tkr = (abs + 50_000n) / 100_000n;
  return formatKr(ore < 0n ? -tkr : tkr);
}

/** Text a user types with ordinary spaces as grouping ("1 234 567"). */
export function typedKr(kr: bigint): string {
  const abs = kr < 0n ? -kr : kr;
  return (kr < 0n ? '-' : '') + group(abs.toString(), ' ');
}

/** CSV / clipboard form: decimal comma, no grouping, ASCII minus ("-1945000", "1234,5"). */
export function plainOre(ore: bigint): string {
  const abs = ore < 0n ? -ore : ore;
  const kr = abs / 100n;
  const frac = abs % 100n;
  let text = kr.toString();
  if (frac !== 0n) text += ',' + frac.toString().padStart(2, '0').replace(/0$/, '');
  return (ore < 0n ? '-' : '') + text;
}

/** round_half_up(num / den) for num >= 0, den > 0. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}
