// screenshot.mjs PAGE.html OUT.png: the top of a report page in headless
// Chromium (1280 x 1400 CSS px), for the README (make screenshot).  Written
// to OUT.png.tmp, then renamed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [page_, out] = process.argv.slice(2);
if (!page_ || !out || !fs.existsSync(page_)) {
  console.error(`screenshot.mjs: usage: node screenshot.mjs PAGE.html OUT.png (${page_ || 'no page'} not found)`);
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'actbench-shot-'));
let ctx, status = 0;
try {
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1400 },
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto('file://' + path.resolve(page_), { waitUntil: 'load' });
  await page.screenshot({ path: out + '.tmp.png' });
  fs.renameSync(out + '.tmp.png', out);
  console.log(`wrote ${out}`);
} catch (e) {
  console.error(`screenshot.mjs: ${e.message}`);
  status = 1;
} finally {
  if (ctx) await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
