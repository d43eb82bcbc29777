import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// axe-core (pinned in tests/package.json) run inside the page. Its source is injected with
// page.addScriptTag({ content }); the app's Content-Security-Policy would refuse that inline
// script, so the specs that use this helper open their pages in a context with
// `bypassCSP: true` (only those specs: every other spec keeps the real CSP).

const require = createRequire(import.meta.url);
let source: string | undefined;

async function axeSource(): Promise<string> {
  source ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** The WCAG 2.0 and 2.1 rules of levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe on the whole page with the WCAG 2.0/2.1 A and AA rules and fails with one line per
 * violation (rule id, impact, help and the target selectors) unless there are none. `label`
 * names the state of the page in the message, e.g. "Budget (presentationsläge)".
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: await axeSource() });
  const violations = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      // WCAG 2.5.3 "Label in Name" is an experimental rule in axe: turned on explicitly.
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, WCAG_TAGS)) as AxeViolation[];
  const lines = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'okänd'}): ${v.help} – ${v.nodes
        .map((n) => n.target.map(String).join(' '))
        .join(', ')}`,
  );
  expect(lines, `axe violations on ${label}`).toEqual([]);
}
