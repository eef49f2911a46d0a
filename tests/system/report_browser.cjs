// Browser test of the page `krapte report` writes: headless Chromium (Debian's package)
// opens it from a file with every network request refused, and the test checks that each
// chart and both maps rendered, the month slider and hover work, and nothing was logged as
// an error or fetched from anywhere. Saves a full-page screenshot.
//
//   node report_browser.cjs PAGE.html SCREENSHOT.png MODULES_DIR [--scenarios N]
//
// The page must come from files of the real 342 municipalities (the maps are checked shaded).
//
// Exit 0: passed; 1: failed; 77: skipped (no usable Chromium), with a line saying why.
'use strict';

const fs = require('fs');
const path = require('path');

const SKIP = 77;
const [page, screenshot, modules, ...rest] = process.argv.slice(2);
const scenarios = rest.includes('--scenarios') ? Number(rest[rest.indexOf('--scenarios') + 1]) : 1;
const CHROMIUM = process.env.KRAPTE_CHROMIUM || '/usr/bin/chromium';

function skip(why) {
  console.log('SKIPPED: ' + why);
  process.exit(SKIP);
}
function fail(why) {
  console.error('FAILED: ' + why);
  process.exitCode = 1;
}

async function main() {
  if (!page || !screenshot || !modules) throw new Error('usage: report_browser.cjs PAGE.html SCREENSHOT.png MODULES_DIR');
  if (!fs.existsSync(CHROMIUM)) skip(CHROMIUM + ' is not installed (Debian package chromium; tools/install-deps.sh installs it)');
  const { chromium } = require(path.resolve(modules, 'playwright-core'));
  const userDataDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'krapte-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    skip('Chromium at ' + CHROMIUM + ' could not be started: ' + String(error.message).split('\n')[0]);
  }
  const problems = [];
  const requests = new Set();
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      requests.add(url);
      return route.abort();
    });
    const tab = await context.newPage();
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push('console ' + message.type() + ': ' + message.text());
    });
    tab.on('pageerror', (error) => problems.push('page error: ' + error.message));
    tab.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) requests.add(url);
    });

    const started = Date.now();
    await tab.goto('file://' + path.resolve(page));
    await tab.waitForFunction(() => document.body.dataset.rendered === 'true' || document.body.dataset.renderError,
      null, { timeout: 60000 });
    const renderError = await tab.evaluate(() => document.body.dataset.renderError || '');
    if (renderError) fail('a chart failed: ' + renderError);
    console.log('rendered in ' + (Date.now() - started) + ' ms');

    // Every chart and both maps: an SVG with marks.
    const charts = ['chart-vacancy-fte', 'chart-vacancy-rate', 'chart-flows', 'chart-age', 'chart-regions', 'chart-top20',
      'map-municipalities', 'map-regions'];
    for (const id of charts) {
      const marks = await tab.evaluate((id) => {
        const box = document.getElementById(id);
        if (!box || box.dataset.rendered !== 'true') return -1;
        return box.querySelectorAll('svg .mark-area path, svg .mark-line path, svg .mark-rect path, svg .mark-text text, ' +
          'svg .mark-shape path, svg .mark-rule line, svg .mark-symbol path, svg .mark-tick path').length;
      }, id);
      if (marks <= 0) fail(id + ': not rendered (' + (marks < 0 ? 'no rendered chart' : 'no marks') + ')');
      else console.log(id + ': ' + marks + ' marks');
    }

    // Fan charts: a line per scenario in a panel per job family and one for all families.
    const families = await tab.evaluate(() => JSON.parse(document.getElementById('krapte-data').textContent).families.length);
    for (const id of ['chart-vacancy-fte', 'chart-vacancy-rate']) {
      const lines = await tab.evaluate((id) => document.querySelectorAll('#' + id + ' svg .mark-line path').length, id);
      if (lines !== (families + 1) * scenarios) fail(id + ': ' + lines + ' lines, expected ' + (families + 1) * scenarios);
    }

    // The maps: 342 municipality shapes and 35 region shapes in the background layer.
    const shapes = await tab.evaluate(() => ({
      municipalities: document.querySelectorAll('#map-municipalities svg .mark-shape')[0]?.querySelectorAll('path').length || 0,
      shadedMunicipalities: document.querySelectorAll('#map-municipalities svg .mark-shape')[1]?.querySelectorAll('path').length || 0,
      regions: document.querySelectorAll('#map-regions svg .mark-shape')[0]?.querySelectorAll('path').length || 0,
      shadedRegions: document.querySelectorAll('#map-regions svg .mark-shape')[1]?.querySelectorAll('path').length || 0,
    }));
    console.log('map shapes: ' + JSON.stringify(shapes));
    if (shapes.municipalities !== 342) fail('municipality map: ' + shapes.municipalities + ' outlines, expected 342');
    if (shapes.regions !== 35) fail('region map: ' + shapes.regions + ' outlines, expected 35');
    if (shapes.shadedMunicipalities !== 342) fail('municipality map: ' + shapes.shadedMunicipalities + ' shaded, expected 342');
    if (shapes.shadedRegions !== 35) fail('region map: ' + shapes.shadedRegions + ' shaded, expected 35');

    // Hover over a municipality: the tooltip names it and gives its figures.
    await tab.locator('#map-municipalities').scrollIntoViewIfNeeded();
    const spot = await tab.evaluate(() => {
      const layer = document.querySelectorAll('#map-municipalities svg g.mark-shape')[1];
      const paths = layer ? [...layer.querySelectorAll('path')] : [];
      paths.sort((a, b) => {
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        return rb.width * rb.height - ra.width * ra.height;
      });
      for (const path of paths) {  // the first whose centre lies on itself
        const r = path.getBoundingClientRect();
        const x = r.x + r.width / 2;
        const y = r.y + r.height / 2;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
      return null;
    });
    if (!spot) {
      fail('map hover: no shaded municipality to point at');
    } else {
      await tab.mouse.move(spot.x, spot.y);
      await tab.waitForTimeout(300);
      const tooltip = await tab.evaluate(() => {
        const tip = document.getElementById('vg-tooltip-element');
        return tip && tip.classList.contains('visible') ? tip.innerText : '';
      });
      if (!/Gemeente/.test(tooltip) || !/Vacaturegraad\s+\d+,\d%/.test(tooltip)) fail('map hover: tooltip "' + tooltip + '"');
      else console.log('map hover: ' + tooltip.replace(/\s+/g, ' '));
      await tab.mouse.move(0, 0);
    }

    // The month slider redraws the maps for another month.
    const before = await tab.evaluate(() => document.getElementById('map-month-label').textContent);
    const fillsBefore = await tab.evaluate(() => [...document.querySelectorAll('#map-regions svg g.mark-shape')[1]?.querySelectorAll('path') || []].map((p) => p.getAttribute('fill')).join());
    await tab.evaluate(() => {
      const slider = document.getElementById('map-month');
      slider.value = '0';
      slider.dispatchEvent(new Event('input'));
    });
    await tab.waitForTimeout(400);
    const after = await tab.evaluate(() => document.getElementById('map-month-label').textContent);
    const fillsAfter = await tab.evaluate(() => [...document.querySelectorAll('#map-regions svg g.mark-shape')[1]?.querySelectorAll('path') || []].map((p) => p.getAttribute('fill')).join());
    if (before === after) fail('month slider: the label stayed "' + before + '"');
    if (fillsBefore === fillsAfter) fail('month slider: the region map did not change colour');
    console.log('month slider: ' + before + ' -> ' + after);
    await tab.evaluate(() => {
      const slider = document.getElementById('map-month');
      slider.value = slider.max;
      slider.dispatchEvent(new Event('input'));
    });
    await tab.waitForTimeout(300);

    // Several files: the overlay has a colour per scenario and a table of differences each.
    if (scenarios > 1) {
      const tables = await tab.evaluate(() => document.querySelectorAll('table[id^=differences-]').length);
      if (tables !== scenarios - 1) fail('differences: ' + tables + ' tables, expected ' + (scenarios - 1));
      const legend = await tab.evaluate(() => document.querySelectorAll('#chart-vacancy-fte svg .role-legend-symbol path').length);
      if (legend < scenarios) fail('fan chart legend: ' + legend + ' entries, expected ' + scenarios);
      const scenarioOptions = await tab.evaluate(() => document.querySelectorAll('#map-scenario option').length);
      if (scenarioOptions !== scenarios) fail('map scenario selector: ' + scenarioOptions + ' options');
    }

    // Attribution of the map data.
    const attribution = await tab.evaluate(() => document.getElementById('map-attribution')?.textContent || '');
    if (!attribution.includes('CBS') || !attribution.includes('PDOK')) fail('map attribution missing: "' + attribution + '"');

    await tab.screenshot({ path: screenshot, fullPage: true });
    console.log('screenshot: ' + screenshot);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  for (const problem of problems) fail(problem);
  for (const url of requests) fail('network request: ' + url);
  if (!process.exitCode) console.log('PASSED');
}

main().catch((error) => {
  console.error('FAILED: ' + (error && error.stack ? error.stack : error));
  process.exit(1);
});
