// report.test.mjs: the report's site (reports/index.html and one page per
// activation) in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is downloaded).
//
// Builds its own small site (a quick sweep of three elementwise activations
// and one row operation, a short benchmark) in a temporary directory, then
// checks the overview and every activation page, reached by clicking the
// overview's links: every link resolves (file and #fragment), nothing is
// fetched from the network, no console errors, one SVG per plot, unique
// element ids, the descriptions, formulas and commit of the accuracy CSV,
// series that hide and show, sorting by a click on a header, and a
// screenshot that is not blank.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = process.env.ACTBENCH_BIN || path.join(root, 'build/actbench');
const browser = process.env.CHROMIUM || '/usr/bin/chromium';
const ACTS = ['sigmoid', 'tanh', 'softplus', 'softmax'];
const ROW_OPS = new Set(['softmax']);
// error full, error core, histogram, pareto, throughput; a row operation has
// no error profiles (its input is a row).
const plotsPerPrecision = (a) => (ROW_OPS.has(a) ? 3 : 5);

let failures = 0, checks = 0;
function check(cond, what) {
  checks++;
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures++;
}

// Distinct colours of an 8-bit RGB(A) non-interlaced PNG (Chromium's output).
function pngColours(buf) {
  let pos = 8, width = 0, height = 0, ctype = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unexpected PNG format');
      ctype = data[9];
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = ctype === 6 ? 4 : ctype === 2 ? 3 : 0;
  if (!bpp) throw new Error(`PNG colour type ${ctype}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp, out = Buffer.alloc(stride * height), colours = new Set();
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0, b = y ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y ? out[(y - 1) * stride + x - bpp] : 0;
      let p;
      switch (f) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        default: { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      }
      out[y * stride + x] = (src[x] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = y * stride + x * bpp;
      colours.add((out[o] << 16) | (out[o + 1] << 8) | out[o + 2]);
    }
  }
  return colours.size;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actbench-e2e-'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'actbench-e2e-chromium-'));
let ctx;
try {
  const t0 = Date.now();
  const run = (args) => execFileSync(bin, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['sweep', '--activation', ACTS.join(','), '--samples', '2048', '--quiet',
       '-o', `${tmp}/accuracy.csv`, '--profile', `${tmp}/profile`,
       '--special-values', `${tmp}/special_values.csv`]);
  run(['bench', '--activation', ACTS.join(','), '--sizes', '4K,64K', '--reps', '3', '--quiet',
       '-o', `${tmp}/throughput.csv`]);
  const html = `${tmp}/index.html`;
  run(['report', '-i', `${tmp}/accuracy.csv`, '-t', `${tmp}/throughput.csv`, '--profile',
       `${tmp}/profile`, '--special-values', `${tmp}/special_values.csv`, '-o', html,
       '--scripts', path.join(root, 'scripts'), '--quiet']);
  console.log(`report generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const cells = (line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .map((m) => m[1].replace(/^"(.*)"$/s, '$1').replace(/""/g, '"'));
  const [head, row1] = fs.readFileSync(`${tmp}/accuracy.csv`, 'utf8').split('\n', 2).map(cells);
  const csvCommit = row1[head.indexOf('env_commit')];
  const pages = fs.readdirSync(tmp).filter((f) => f.endsWith('.html')).sort();
  check(JSON.stringify(pages) === JSON.stringify(['index.html', ...ACTS.map((a) => a + '.html')].sort()),
        `the site is the overview and one page per activation (${pages.join(', ')})`);
  for (const p of pages) {
    const text = fs.readFileSync(path.join(tmp, p), 'utf8');
    check(!/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i.test(text), `${p}: no src/href to the network`);
    check(text.length < 1024 * 1024, `${p}: ${(text.length / 1024).toFixed(0)} KB, under 1 MB`);
  }

  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: browser,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });

  // Every <a href> of the page in the browser resolves: a file of the site
  // (relative, file://) and, with a #fragment, an element of that id there.
  const idsOf = new Map();
  const ids = (file) => {
    if (!idsOf.has(file)) idsOf.set(file, new Set([...fs.readFileSync(file, 'utf8')
      .matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    return idsOf.get(file);
  };
  async function linksResolve(name) {
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    const broken = [];
    for (const h of hrefs) {
      const u = new URL(h);
      if (u.protocol !== 'file:') { broken.push(h); continue; }
      const file = decodeURIComponent(u.pathname);
      if (!fs.existsSync(file)) { broken.push(h); continue; }
      if (u.hash && !ids(file).has(decodeURIComponent(u.hash.slice(1)))) broken.push(h);
    }
    check(hrefs.length > 0 && broken.length === 0,
          `${name}: all ${hrefs.length} links resolve${broken.length ? ' (broken: ' + broken[0] + ')' : ''}`);
  }
  async function uniqueIds(name) {
    const dup = await page.$$eval('[id]', (els) => {
      const seen = new Set(), d = [];
      for (const e of els) { if (seen.has(e.id)) d.push(e.id); seen.add(e.id); }
      return d;
    });
    check(dup.length === 0, `${name}: element ids are unique${dup.length ? ' (dup: ' + dup[0] + ')' : ''}`);
  }

  // The overview.
  await page.goto('file://' + html, { waitUntil: 'load' });
  const recRows = await page.$$eval('#recommendations tbody tr', (r) => r.length);
  check(recRows === ACTS.length, `overview: a recommendation row per activation (${recRows})`);
  const indexed = await page.$$eval('#activation-index tbody td:first-child a', (a) => a.map((x) => x.textContent));
  check(JSON.stringify([...indexed].sort()) === JSON.stringify([...ACTS].sort()), `overview: the index links every activation (${indexed.join(', ')})`);
  const nones = await page.$$eval('#recommendations td.none', (t) => t.map((x) => x.textContent));
  check(nones.every((t) => /closest: /.test(t)), `overview: every "none" names its closest variant (${nones.length} cells)`);
  const commit = await page.$eval('#environment', (e) =>
    [...e.querySelectorAll('tr')].find((r) => r.cells[0].textContent === 'git commit')?.cells[1].textContent);
  check(commit !== undefined && commit === csvCommit, `overview: the commit is the CSV's (${commit})`);
  await linksResolve('overview');
  await uniqueIds('overview');
  const png = await page.screenshot({ path: path.join(tmp, 'screenshot.png') });
  const colours = pngColours(png);
  check(png.length > 20000 && colours > 50, `overview: screenshot is not blank (${png.length} bytes, ${colours} colours)`);

  // Each activation's page, reached by its link on the overview.
  for (const act of ACTS) {
    await page.goto('file://' + html, { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('#activation-index a', { hasText: new RegExp(`^${act}$`) }).click()]);
    check(page.url().endsWith(`/${act}.html`), `${act}: the overview's link opens ${path.basename(page.url())}`);
    const sections = await page.$$eval('section.activation', (s) => s.map((x) => x.dataset.activation));
    check(sections.length === 1 && sections[0] === act, `${act}: one section (${sections.join(', ')})`);
    const figs = await page.$$eval('figure.plot', (f) => f.map((x) => x.querySelectorAll('svg').length));
    const expected = 2 * plotsPerPrecision(act);
    check(figs.length === expected && figs.every((n) => n === 1),
          `${act}: one SVG per plot (${figs.filter((n) => n === 1).length} of ${figs.length} figures, expected ${expected})`);
    const notes = await page.$$eval('.note', (n) => n.map((x) => x.textContent));
    check(notes.length === 0, `${act}: no notes in place of plots${notes.length ? ': ' + notes[0] : ''}`);
    const described = await page.$$eval('section.activation h2 + p', (p) => p.filter((x) => x.textContent.trim()).length);
    check(described === 1, `${act}: shows its description`);
    const untitled = await page.$$eval('table.summary td.name', (t) => t.filter((x) => !x.title).length);
    check(untitled === 0, `${act}: every variant name has its formula as a tooltip (${untitled} without)`);
    if (ROW_OPS.has(act)) {
      const rows = await page.$$eval('table.rows tbody tr', (r) => r.length);
      check(rows > 0, `${act}: the row table (row-sum error, all -inf policy, worst row): ${rows} rows`);
    }
    const svgSizes = await page.$$eval('figure.plot svg', (s) => s.map((x) => x.getBoundingClientRect().width));
    check(svgSizes.every((w) => w > 200), `${act}: every plot is rendered at a readable width`);
    await linksResolve(act);
    await uniqueIds(act);
  }

  // Hiding and showing a series: the first figure's first key button hides
  // the SVG groups it names (data-plots: gnuplot's plot clauses), and
  // shows them again.
  await page.goto(`file://${tmp}/sigmoid.html`, { waitUntil: 'load' });
  const toggle = page.locator('figure.plot .serieskey button[data-plots]').first();
  if (await toggle.count()) {
    const shown = () => page.evaluate(() => {
      const b = document.querySelector('figure.plot .serieskey button[data-plots]');
      const fig = b.closest('figure');
      const gs = b.dataset.plots.split(' ').filter(Boolean).flatMap((n) =>
        [...fig.querySelectorAll(`svg g[id$="-gnuplot_plot_${n}"]`)]);
      if (!gs.length) return null;
      const vis = gs.map((g) => g.getBoundingClientRect().width > 0 && getComputedStyle(g).display !== 'none');
      return vis.every(Boolean) ? true : vis.some(Boolean) ? 'partly' : false;
    });
    const s0 = await shown();
    await toggle.click();
    const s1 = await shown();
    await toggle.click();
    const s2 = await shown();
    check(s0 === true && s1 === false && s2 === true, `a series hides and shows again (${s0}, ${s1}, ${s2})`);
  } else {
    check(false, 'the figures have series toggles (.serieskey button[data-plots])');
  }

  // Sorting: sigmoid's first summary table, by variant name, then by max ULP.
  const table = page.locator('table.summary').first();
  const col = async (i) => table.locator('tbody tr').evaluateAll((rows, i) =>
    rows.map((r) => r.cells[i].getAttribute('data-v') ?? r.cells[i].textContent.trim()), i);
  const before = await col(0);
  await table.locator('thead th').nth(0).click();
  const asc = await col(0);
  await table.locator('thead th').nth(0).click();
  const desc = await col(0);
  const sorted = [...before].sort((a, b) => a.localeCompare(b));
  check(JSON.stringify(asc) === JSON.stringify(sorted), `click sorts ascending (${asc.join(', ')})`);
  check(JSON.stringify(desc) === JSON.stringify([...sorted].reverse()), 'second click sorts descending');
  check(JSON.stringify(asc) !== JSON.stringify(desc), 'clicking reorders the rows');
  await table.locator('thead th').nth(3).click();
  const ulps = (await col(3)).map((v) => (v === '' ? Infinity : parseFloat(v)));
  check(ulps.every((v, i) => i === 0 || ulps[i - 1] <= v), `numeric sort on max ULP (${ulps.join(', ')})`);

  check(errors.length === 0, `no console errors on any page${errors.length ? ': ' + errors.join(' | ') : ''}`);
  check(requests.length === 0, `no network requests${requests.length ? ': ' + requests[0] : ''}`);
} catch (e) {
  console.error(e);
  failures++;
} finally {
  if (ctx) await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
// The plain closing line CI systems read: 'N passed, N failed'.
console.log(`e2e: ${checks - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
