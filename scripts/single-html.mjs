#!/usr/bin/env node
// Turns the release build in DIST (scripts/build.sh) into ONE self-contained HTML file that
// works when opened by double-click from disk (file://), with no server and no network:
//
//   node scripts/single-html.mjs dist dist-single/samplan.html
//
// - the stylesheet is inlined in a <style> element;
// - the wasm-bindgen JavaScript module is inlined in one <script type="module"> with its
//   `export` statements removed, followed by a small loader;
// - the WebAssembly is embedded as base64 in a <script type="application/octet-stream">
//   element (never executed) and instantiated from the decoded bytes: nothing is fetched;
// - Trunk's loader, preload links and the service-worker registration are left out;
// - the Content-Security-Policy allows only that one inline module script (by its sha256
//   hash), WebAssembly compilation, inline styles and data:/blob: images; no network at all.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [dist, out] = process.argv.slice(2);
if (!dist || !out) {
  console.error('usage: single-html.mjs DIST_DIR OUT.html');
  process.exit(2);
}

function fail(msg) {
  console.error(`single-html: ${msg}`);
  process.exit(1);
}

/** Local file of a relative URL from dist/index.html ("./x.js" -> dist/x.js). */
function local(url) {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) fail(`not a local file: ${url}`);
  return join(dist, decodeURIComponent(url.replace(/^\.\//, '').replace(/[?#].*$/, '')));
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

let html = readFileSync(join(dist, 'index.html'), 'utf8');

// --- Trunk's module loader: names the JS module and the WebAssembly file ----------------
let jsUrl;
let wasmUrl;
html = html.replace(/<script\b[^>]*\btype=["']module["'][^>]*>([\s\S]*?)<\/script>\s*/gi, (all, body) => {
  const js = body.match(/^\s*import\s+init\b[^'"]*from\s+['"]([^'"]+)['"]/m);
  const wasm = body.match(/module_or_path:\s*['"]([^'"]+)['"]/);
  if (!js || !wasm) return all;
  if (jsUrl) fail('more than one Trunk loader script in index.html');
  jsUrl = js[1];
  wasmUrl = wasm[1];
  return '';
});
if (!jsUrl) fail('no Trunk loader script (import init from "…"; module_or_path: "…") in index.html');

// --- preload hints, the service-worker registration, stylesheets ------------------------
html = html.replace(/<link\b[^>]*\brel=["'](?:modulepreload|preload)["'][^>]*>\s*/gi, '');
html = html.replace(/<script\b[^>]*\bsrc=["'][^"']*sw-register[^"']*["'][^>]*>\s*<\/script>\s*/gi, '');
// The trap handler (static/trap.js) goes first into the one module script.
let trapJs = '';
html = html.replace(/<script\b[^>]*\bsrc=["']([^"']*trap[^"']*\.js)["'][^>]*>\s*<\/script>\s*/gi, (all, src) => {
  trapJs = readFileSync(local(src), 'utf8').trimEnd();
  return '';
});
if (!trapJs) fail('no trap script (static/trap.js) in index.html');
// Comments (the development notes on the CSP of index.html) do not apply to this file;
// neither do the blank lines left by the removed elements.
html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n[ \t]*(?=\n)/g, '');

let cssCount = 0;
html = html.replace(/<link\b[^>]*\brel=["']stylesheet["'][^>]*>/gi, (tag) => {
  const href = tag.match(/\bhref=["']([^"']+)["']/i);
  if (!href) fail(`stylesheet without href: ${tag}`);
  const css = readFileSync(local(href[1]), 'utf8');
  if (/<\/style/i.test(css)) fail(`${href[1]} contains "</style"`);
  cssCount++;
  return `<style>\n${css.trimEnd()}\n</style>`;
});

// Nothing may still point at another file or run another script.
for (const m of html.matchAll(/<(script|link|img|iframe|object|embed|source)\b[^>]*>/gi)) {
  const tag = m[0];
  const ref = tag.match(/\b(?:src|href)=["']([^"']*)["']/i);
  if (ref && !/^data:/i.test(ref[1])) fail(`index.html still refers to ${ref[1]}: ${tag}`);
  if (/^<script/i.test(tag)) fail(`unexpected script left in index.html: ${tag}`);
}

// --- the wasm-bindgen module, exports removed -------------------------------------------
let js = readFileSync(local(jsUrl), 'utf8').replace(/\r\n?/g, '\n');
const exported = [];
let defaultExport;
js = js.replace(/^export\s+default\s+([A-Za-z_$][\w$]*)\s*;?[ \t]*$/gm, (_, name) => {
  defaultExport = name;
  return '';
});
js = js.replace(/^export\s*\{([^}]*)\}\s*;?[ \t]*$/gm, (_, list) => {
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [local_, as] = item.split(/\s+as\s+/);
    // wasm-bindgen ≥ 0.2.10x: `export { initSync, __wbg_init as default };`
    if (as === 'default') defaultExport = local_;
    else exported.push([as ?? local_, local_]);
  }
  return '';
});
js = js.replace(
  /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
  (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  },
);
if (/^\s*export\b/m.test(js)) fail(`${jsUrl}: an export statement this script does not understand`);
if (/^\s*import\b(?!\s*\.|\s*\()/m.test(js)) {
  fail(`${jsUrl} imports other modules (wasm-bindgen snippets?); they would have to be inlined too`);
}
if (!defaultExport) fail(`${jsUrl}: no "export default" (the wasm-bindgen init function)`);

const WASM_ID = 'samplan-wasm';
const bindings = exported.map(([name, loc]) => (name === loc ? name : `${JSON.stringify(name)}: ${loc}`));
const loader = `
// --- samplan single-file loader (scripts/single-html.mjs) ---
{
  const text = document.getElementById(${JSON.stringify(WASM_ID)}).textContent.replace(/\\s+/g, '');
  let bytes;
  if (typeof Uint8Array.fromBase64 === 'function') {
    bytes = Uint8Array.fromBase64(text);
  } else {
    const bin = atob(text);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  const wasm = await ${defaultExport}({ module_or_path: bytes });
  window.wasmBindings = { ${[...bindings, `default: ${defaultExport}`].join(', ')} };
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
`;
const moduleScript = `\n${trapJs}\n${js.trimEnd()}\n${loader}`;
if (/<\/script|<!--/i.test(moduleScript)) fail(`${jsUrl} contains "</script" or "<!--"`);

// --- the WebAssembly, base64 in a data block ---------------------------------------------
const wasm = readFileSync(local(wasmUrl));
const b64 = wasm.toString('base64').replace(/.{1,120}/g, '$&\n');

// --- Content-Security-Policy ------------------------------------------------------------
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(moduleScript)}' 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const cspMeta = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;
if (!cspMeta.test(html)) fail('index.html has no Content-Security-Policy meta tag');
html = html.replace(cspMeta, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`);

const body = html.lastIndexOf('</body>');
if (body < 0) fail('index.html has no </body>');
const tail =
  `<script type="application/octet-stream" id="${WASM_ID}">\n${b64}</script>\n` +
  `<script type="module">${moduleScript}</script>\n`;
html = html.slice(0, body) + tail + html.slice(body);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(
  `${out}: ${Buffer.byteLength(html)} bytes (wasm ${wasm.length} bytes as base64, ${cssCount} stylesheet(s), ` +
    `${exported.length} JS exports)`,
);
