#!/usr/bin/env node
// Adds the sha256 hash of every inline <script> of an HTML file to the script-src
// directive of its Content-Security-Policy <meta> tag. Browsers ignore 'unsafe-inline'
// once a hash is present, so only these exact inline scripts (Trunk's module loader)
// may run. Idempotent. Fails (exit 1) when there is no inline script to hash, so the build
// never ships a policy where 'unsafe-inline' takes effect.
//
//   node scripts/csp-hash.mjs dist/index.html
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: csp-hash.mjs FILE.html');
  process.exit(2);
}
let html = readFileSync(file, 'utf8');

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/i.test(attrs) || body.length === 0) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

// Without a hash, 'unsafe-inline' in script-src would let every inline script run: refuse to
// build rather than ship that (e.g. when Trunk changes how it emits its loader).
if (hashes.length === 0) {
  console.error(
    `${file}: no inline <script> found to hash; the Content-Security-Policy would fall back ` +
      `to 'unsafe-inline'. Check how Trunk emits its module loader.`,
  );
  process.exit(1);
}

const meta = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)(")/i;
const found = html.match(meta);
if (!found) {
  console.error(`${file}: no Content-Security-Policy meta tag`);
  process.exit(1);
}
const directives = found[2].split(';').map((d) => d.trim()).filter(Boolean);
const i = directives.findIndex((d) => d.split(/\s+/)[0] === 'script-src');
if (i < 0) {
  console.error(`${file}: CSP has no script-src directive`);
  process.exit(1);
}
const tokens = directives[i].split(/\s+/);
for (const h of hashes) if (!tokens.includes(h)) tokens.push(h);
directives[i] = tokens.join(' ');
html = html.replace(meta, (_, a, _b, c) => a + directives.join('; ') + c);
writeFileSync(file, html);
console.log(`${file}: ${hashes.length} inline script hash(es) in script-src`);
