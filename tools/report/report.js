// The page of `krapte report` (docs/report.md): lays out the figures that the command computed
// (the JSON in #krapte-data) as Vega-Lite charts and maps. It computes nothing a reader
// relies on: means, percentiles, the 20 largest rates and the differences come from krapte.
(function () {
  'use strict';

  const DATA = JSON.parse(document.getElementById('krapte-data').textContent);
  const GEO_GM = JSON.parse(document.getElementById('geo-gemeenten').textContent);
  const GEO_AM = JSON.parse(document.getElementById('geo-arbeidsmarktregios').textContent);

  // ---- words, numbers and months -------------------------------------------------------
  const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september',
    'oktober', 'november', 'december'];
  const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  const FORMAT_LOCALE = { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] };
  const TIME_FORMAT_LOCALE = {
    dateTime: '%a %e %B %Y %X', date: '%d-%m-%Y', time: '%H:%M:%S', periods: ['AM', 'PM'],
    days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'], months: MONTHS, shortMonths: SHORT_MONTHS,
  };
  const ALL_FAMILIES = 'Alle functiefamilies';
  const FLOW_LABELS = {
    hires_external: 'Instroom: werving van buiten de sector',
    hires_trainee: 'Instroom: trainees',
    exits_retirement: 'Uitstroom: AOW-pensioen',
    exits_early_retirement: 'Uitstroom: vervroegd pensioen',
    exits_quit: 'Uitstroom: vertrek uit de sector',
    exits_other: 'Uitstroom: overig (arbeidsongeschiktheid, ontslag, overlijden e.d.)',
    exits_trainee: 'Uitstroom: trainees na afloop van het traineeship',
  };
  const FLOW_COLOURS = {
    hires_external: '#2b6cb0', hires_trainee: '#7fb3e0', exits_retirement: '#8c2d04',
    exits_early_retirement: '#d9480f', exits_quit: '#f08c00', exits_other: '#a0a0a0', exits_trainee: '#f5c26b',
  };
  const SCENARIO_COLOURS = ['#1f5fa8', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666'];

  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
  const nl2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (x, digits = 1) => (x === null || x === undefined || !isFinite(x)) ? '–'
    : new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(100 * x) + '%';
  const fte = (x) => (x === null || x === undefined || !isFinite(x)) ? '–' : nl.format(x) + ' fte';
  const signed = (text, x) => (x > 0 ? '+' : '') + text;

  function monthLabel(ym) { const [y, m] = ym.split('-'); return MONTHS[Number(m) - 1] + ' ' + y; }
  function monthDate(ym) { const [y, m] = ym.split('-').map(Number); return Date.UTC(y, m - 1, 1); }
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'class') node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  const T = DATA.time.length;
  const LAST = T - 1;
  const LAST_MONTH = monthLabel(DATA.time[LAST]);
  const FAMILY_NAMES = DATA.families.map((f) => f.name).concat([ALL_FAMILIES]);
  const FAMILY_ORDER = [ALL_FAMILIES].concat(DATA.families.map((f) => f.name));
  const SCENARIOS = DATA.scenarios;
  const LABELS = SCENARIOS.map((s) => s.label);
  const MULTI = SCENARIOS.length > 1;
  const SCENARIO_SCALE = { domain: LABELS, range: LABELS.map((_, i) => SCENARIO_COLOURS[i % SCENARIO_COLOURS.length]) };
  const scenarioColour = {
    field: 'scenario', type: 'nominal', title: 'Scenario', scale: SCENARIO_SCALE,
    legend: MULTI ? { orient: 'top', labelLimit: 400, symbolOpacity: 1, symbolType: 'square' } : null,
  };
  const scenarioTooltip = MULTI ? [{ field: 'scenario', title: 'Scenario' }] : [];
  const MUNICIPALITIES = DATA.municipalities;
  const GM_CODES = new Set(GEO_GM.objects.gemeente_2024.geometries.map((g) => g.id));
  // A label every year, or every other year on runs of more than four years.
  const YEAR_STEP = DATA.years.length > 4 ? 2 : 1;
  const timeAxis = {
    field: 't', type: 'temporal', title: null, scale: { type: 'utc' },
    axis: { format: '%Y', tickCount: { interval: 'year', step: YEAR_STEP }, labelOverlap: 'greedy', grid: false },
  };

  // ---- vega-embed ------------------------------------------------------------------------
  const EMBED_OPTIONS = {
    renderer: 'svg',
    actions: { export: true, source: false, compiled: false, editor: false },
    formatLocale: FORMAT_LOCALE,
    timeFormatLocale: TIME_FORMAT_LOCALE,
    i18n: {
      CLICK_TO_VIEW_ACTIONS: 'Opslaan', PNG_ACTION: 'Opslaan als PNG', SVG_ACTION: 'Opslaan als SVG',
      COMPILED_ACTION: 'Vega-specificatie', EDITOR_ACTION: 'Editor', SOURCE_ACTION: 'Specificatie',
    },
    config: {
      font: 'Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif',
      axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#5b6775' },
      header: { labelFontSize: 13, labelFontWeight: 'bold' },
      legend: { labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: null },
    },
  };
  const pending = [];
  const views = {};
  function chart(id, spec) {
    const container = document.getElementById(id);
    const done = vegaEmbed(container, spec, EMBED_OPTIONS).then((result) => {
      views[id] = result.view;
      container.dataset.rendered = 'true';
      return result;
    }).catch((error) => {
      container.append(el('p', { class: 'warning' }, 'Deze grafiek kon niet worden getekend: ' + error.message));
      throw error;
    });
    pending.push(done);
    return done;
  }

  const main = document.getElementById('report');
  const toc = document.getElementById('toc');
  function section(id, title, ...notes) {
    const heading = el('h2', { id: id }, title);
    main.append(heading);
    for (const note of notes) main.append(el('p', { class: 'note' }, note));
    toc.append(el('a', { href: '#' + id }, title.replace(/,.*$/, '')));
    return heading;
  }
  function chartBox(id) { const box = el('div', { class: 'chart', id: id }); main.append(box); return box; }

  // ---- header -------------------------------------------------------------------------------
  function header() {
    const title = MULTI ? 'Personeelstekorten gemeenten: ' + LABELS.join(' en ') : 'Personeelstekorten gemeenten: ' + LABELS[0];
    document.getElementById('page-title').textContent = title;
    const reps = [...new Set(SCENARIOS.map((s) => s.replications))].join(' / ');
    document.getElementById('page-lead').textContent =
      'Simulatie van ' + monthLabel(DATA.time[1] || DATA.time[0]) + ' tot en met ' + LAST_MONTH + '. ' +
      'Elke lijn of staaf is het gemiddelde over ' + reps + ' replicaties (herhalingen met andere toevalsgetallen); ' +
      'de lichte band eromheen loopt van het 5e tot het 95e percentiel: 9 van de 10 uitkomsten vallen erbinnen. ' +
      'Vacatures zijn openstaande formatieplaatsen in fte; de vacaturegraad is het deel van de benodigde formatie ' +
      '(de vraag) dat niet is ingevuld.';

    const figures = document.getElementById('key-figures');
    const F = DATA.families.length;
    SCENARIOS.forEach((s) => {
      const v = s.national.vacancy_fte[F];
      const r = s.national.vacancy_rate[F];
      const prefix = MULTI ? s.label + ': ' : '';
      figures.append(
        el('div', { class: 'key-figure' },
          el('div', { class: 'label' }, prefix + 'openstaande vacatures, ' + LAST_MONTH),
          el('div', { class: 'value' }, fte(v.mean[LAST])),
          el('div', { class: 'range' }, '5e-95e percentiel: ' + nl.format(v.p05[LAST]) + ' tot ' + nl.format(v.p95[LAST]) + ' fte')),
        el('div', { class: 'key-figure' },
          el('div', { class: 'label' }, prefix + 'vacaturegraad, ' + LAST_MONTH),
          el('div', { class: 'value' }, pct(r.mean[LAST])),
          el('div', { class: 'range' }, 'was ' + pct(r.mean[0]) + ' in ' + monthLabel(DATA.time[0]))));
    });

    const table = el('table', { class: 'data' });
    table.append(el('thead', {}, el('tr', {}, ...['Naam in deze pagina', 'Bestand', 'Scenario', 'Seed', 'Replicaties',
      'Soort run', 'Gemaakt (UTC)', 'krapte-versie', 'Scenario-hash'].map((h) => el('th', {}, h)))));
    const body = el('tbody');
    SCENARIOS.forEach((s) => body.append(el('tr', {}, ...[s.label, s.file, s.scenario_name, String(s.seed),
      String(s.replications), s.mode === 'expected' ? 'verwachtingswaarde (projectie)' : 'agents', s.created, s.krapte_version + (s.git_commit ? ' (' + s.git_commit + ')' : ''),
      s.scenario_hash].map((c) => el('td', {}, c)))));
    table.append(body);
    document.getElementById('file-table').append(table);
  }

  // ---- fan charts ----------------------------------------------------------------------------
  function fanChart(id, metric, yTitle, axisFormat, tooltipFormat) {
    const rows = [];
    SCENARIOS.forEach((s) => {
      s.national[metric].forEach((band, j) => {
        for (let k = 0; k < T; ++k) {
          rows.push({
            scenario: s.label, family: FAMILY_NAMES[j], t: monthDate(DATA.time[k]), maand: monthLabel(DATA.time[k]),
            mean: band.mean[k], p05: band.p05[k], p95: band.p95[k],
          });
        }
      });
    });
    const y = { type: 'quantitative', title: yTitle, axis: { format: axisFormat, tickCount: 4 }, scale: { zero: true } };
    return chart(id, {
      data: { values: rows },
      facet: { field: 'family', type: 'nominal', title: null, sort: FAMILY_ORDER, header: { labelAnchor: 'start' } },
      columns: 4,
      resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
      spec: {
        width: 200, height: 130,
        encoding: { x: timeAxis },
        layer: [
          { mark: { type: 'area', opacity: 0.22 },
            encoding: { y: Object.assign({ field: 'p05' }, y), y2: { field: 'p95' }, color: scenarioColour } },
          { mark: { type: 'line', strokeWidth: 2 },
            encoding: { y: Object.assign({ field: 'mean' }, y), color: scenarioColour } },
          { mark: { type: 'point', opacity: 0, size: 70, filled: true },
            encoding: {
              y: { field: 'mean', type: 'quantitative' }, color: scenarioColour,
              tooltip: scenarioTooltip.concat([
                { field: 'family', title: 'Functiefamilie' }, { field: 'maand', title: 'Maand' },
                { field: 'mean', type: 'quantitative', title: 'Gemiddelde', format: tooltipFormat },
                { field: 'p05', type: 'quantitative', title: '5e percentiel', format: tooltipFormat },
                { field: 'p95', type: 'quantitative', title: '95e percentiel', format: tooltipFormat }]),
            } },
        ],
      },
    });
  }

  // ---- hires against exits -----------------------------------------------------------------
  function flowChart(id) {
    const rows = [];
    const yearLabel = (y, i) => DATA.months_in_year[i] < 12 ? y + ' (' + DATA.months_in_year[i] + ' mnd)' : y;
    const years = DATA.years.map(yearLabel);
    SCENARIOS.forEach((s) => {
      DATA.flows.forEach((flow, order) => {
        const sign = flow.startsWith('hires') ? 1 : -1;
        s.flows[flow].forEach((value, i) => rows.push({
          scenario: s.label, year: years[i], reason: FLOW_LABELS[flow] || flow, order: order,
          value: sign * value, persons: value,
        }));
      });
    });
    const net = [];
    SCENARIOS.forEach((s) => DATA.years.forEach((_, i) => {
      let value = 0;
      DATA.flows.forEach((flow) => { value += (flow.startsWith('hires') ? 1 : -1) * s.flows[flow][i]; });
      net.push({ scenario: s.label, year: years[i], net: value });
    }));
    const layers = {
      layer: [
        { data: { values: rows }, mark: { type: 'bar' },
          encoding: {
            x: { field: 'year', type: 'ordinal', title: 'Jaar', sort: years, axis: { labelAngle: 0 } },
            y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'Personen per jaar (instroom boven, uitstroom onder de nullijn)',
              axis: { labelExpr: "format(abs(datum.value), ',.0f')" } },
            color: { field: 'reason', type: 'nominal', title: null,
              scale: { domain: DATA.flows.map((f) => FLOW_LABELS[f] || f), range: DATA.flows.map((f) => FLOW_COLOURS[f] || '#888') },
              legend: { orient: 'right', labelLimit: 420, symbolType: 'square' } },
            order: { field: 'order' },
            tooltip: scenarioTooltip.concat([{ field: 'year', title: 'Jaar' }, { field: 'reason', title: 'Stroom' },
              { field: 'persons', type: 'quantitative', title: 'Personen', format: ',.0f' }]),
          } },
        { data: { values: net }, mark: { type: 'tick', color: '#1d2733', thickness: 3, size: 34 },
          encoding: {
            x: { field: 'year', type: 'ordinal', sort: years },
            y: { field: 'net', type: 'quantitative' },
            tooltip: scenarioTooltip.concat([{ field: 'year', title: 'Jaar' },
              { field: 'net', type: 'quantitative', title: 'Netto (instroom min uitstroom)', format: '+,.0f' }]),
          } },
        { mark: { type: 'rule', color: '#1d2733' }, data: { values: [{ zero: 0 }] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
      ],
    };
    if (!MULTI) return chart(id, Object.assign({ width: 560, height: 320 }, layers));
    // Several files: one panel per scenario, side by side, on one scale.
    return chart(id, {
      hconcat: SCENARIOS.map((s) => ({
        title: { text: s.label, anchor: 'start', fontSize: 13 },
        width: Math.max(220, 520 / SCENARIOS.length), height: 300,
        layer: layers.layer.map((layer) => {
          const copy = JSON.parse(JSON.stringify(layer));
          if (copy.data && copy.data.values && copy.data.values.length && copy.data.values[0].scenario !== undefined)
            copy.data.values = copy.data.values.filter((r) => r.scenario === s.label);
          return copy;
        }),
      })),
      resolve: { scale: { y: 'shared' } },
    });
  }

  // ---- age pyramid -------------------------------------------------------------------------
  function ageChart(id) {
    const start = 'Begin: ' + monthLabel(DATA.time[0]);
    const end = 'Eind: ' + LAST_MONTH;
    const rows = [];
    SCENARIOS.forEach((s) => DATA.age_bands.forEach((band, b) => {
      rows.push({ scenario: s.label, band: band, side: start, value: -s.age.start[b], persons: s.age.start[b] });
      rows.push({ scenario: s.label, band: band, side: end, value: s.age.end[b], persons: s.age.end[b] });
    }));
    const bands = DATA.age_bands.slice().reverse();
    const layer = {
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'band', type: 'ordinal', sort: bands, title: 'Leeftijd (jaren)' },
        x: { field: 'value', type: 'quantitative', title: 'Medewerkers (personen); links het begin, rechts het eind',
          axis: { labelExpr: "format(abs(datum.value), ',.0f')", tickCount: 6 } },
        color: { field: 'side', type: 'nominal', title: null, scale: { domain: [start, end], range: ['#9fb7d3', '#1f5fa8'] },
          legend: { orient: 'top' } },
        tooltip: scenarioTooltip.concat([{ field: 'side', title: 'Moment' }, { field: 'band', title: 'Leeftijd' },
          { field: 'persons', type: 'quantitative', title: 'Medewerkers', format: ',.0f' }]),
      },
    };
    if (!MULTI) return chart(id, Object.assign({ data: { values: rows }, width: 520, height: 300 }, layer));
    return chart(id, {
      data: { values: rows },
      facet: { field: 'scenario', type: 'nominal', title: null, sort: LABELS },
      columns: Math.min(SCENARIOS.length, 3),
      spec: Object.assign({ width: 340, height: 280 }, layer),
    });
  }

  // ---- regions: shaded table ---------------------------------------------------------------
  function regionTable(id) {
    const rows = [];
    let max = 0;
    SCENARIOS.forEach((s) => DATA.regions.forEach((region, g) => FAMILY_NAMES.forEach((family, j) => {
      const rate = s.region_last_rate[g][j];
      max = Math.max(max, rate);
      rows.push({ scenario: s.label, region: region, family: family, rate: rate });
    })));
    const columns = DATA.families.map((f) => f.name).concat([ALL_FAMILIES]);
    const cell = {
      width: { step: 64 }, height: { step: 19 },
      encoding: {
        x: { field: 'family', type: 'nominal', sort: columns, title: null,
          axis: { orient: 'top', labelAngle: -35, labelAlign: 'left', labelLimit: 240, domain: false, ticks: false } },
        y: { field: 'region', type: 'nominal', sort: 'ascending', title: null, axis: { domain: false, ticks: false, labelLimit: 220 } },
      },
      layer: [
        { mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
          encoding: {
            color: { field: 'rate', type: 'quantitative', title: 'Vacaturegraad',
              scale: { scheme: 'orangered', domain: [0, max || 0.01] }, legend: { format: '.0%', orient: 'right', gradientLength: 200 } },
            tooltip: scenarioTooltip.concat([{ field: 'region', title: 'Arbeidsmarktregio' }, { field: 'family', title: 'Functiefamilie' },
              { field: 'rate', type: 'quantitative', title: 'Vacaturegraad ' + LAST_MONTH, format: '.2%' }]),
          } },
        { mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'rate', type: 'quantitative', format: '.1%' },
            color: { condition: { test: 'datum.rate > ' + (0.6 * max), value: '#ffffff' }, value: '#1d2733' },
          } },
      ],
    };
    if (!MULTI) return chart(id, Object.assign({ data: { values: rows } }, cell));
    return chart(id, {
      data: { values: rows },
      facet: { row: { field: 'scenario', type: 'nominal', title: null, sort: LABELS, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
      spec: cell,
    });
  }

  // ---- the 20 largest vacancy rates --------------------------------------------------------
  function topChart(id) {
    const first = SCENARIOS[0];
    if (!first.municipality) {
      document.getElementById(id).append(el('p', { class: 'warning' },
        'Het eerste bestand bevat geen cijfers per gemeente (gemaakt met output.municipality_level: false).'));
      return null;
    }
    const rows = [];
    const names = first.municipality.top.map((m) => MUNICIPALITIES[m].name);
    first.municipality.top.forEach((m) => {
      SCENARIOS.forEach((s) => {
        if (!s.municipality) return;
        const last = s.municipality.last;
        const info = MUNICIPALITIES[m];
        rows.push({
          scenario: s.label, name: info.name, code: info.code, province: info.province, region: info.region,
          rate: last.rate_mean[m], p05: last.rate_p05[m], p95: last.rate_p95[m], vacancy: last.vacancy_fte[m], demand: last.demand_fte[m],
        });
      });
    });
    const tooltip = scenarioTooltip.concat([
      { field: 'name', title: 'Gemeente' }, { field: 'province', title: 'Provincie' }, { field: 'region', title: 'Arbeidsmarktregio' },
      { field: 'rate', type: 'quantitative', title: 'Vacaturegraad', format: '.1%' },
      { field: 'p05', type: 'quantitative', title: '5e percentiel', format: '.1%' },
      { field: 'p95', type: 'quantitative', title: '95e percentiel', format: '.1%' },
      { field: 'vacancy', type: 'quantitative', title: 'Openstaande vacatures (fte)', format: ',.1f' },
      { field: 'demand', type: 'quantitative', title: 'Benodigde formatie (fte)', format: ',.1f' }]);
    const y = { field: 'name', type: 'nominal', sort: names, title: null, axis: { labelLimit: 220 } };
    const offset = MULTI ? { yOffset: { field: 'scenario', sort: LABELS } } : {};
    return chart(id, {
      data: { values: rows },
      width: 560, height: { step: MULTI ? 11 : 19 },
      layer: [
        { mark: { type: 'bar', opacity: 0.85 },
          encoding: Object.assign({ y: y, x: { field: 'rate', type: 'quantitative', title: 'Vacaturegraad, ' + LAST_MONTH + ' (gemiddelde; lijn: 5e tot 95e percentiel)', axis: { format: '.0%' } },
            color: scenarioColour, tooltip: tooltip }, offset) },
        { mark: { type: 'rule', color: '#1d2733' },
          encoding: Object.assign({ y: y, x: { field: 'p05', type: 'quantitative' }, x2: { field: 'p95' }, tooltip: tooltip }, offset) },
      ],
    });
  }

  // ---- maps -----------------------------------------------------------------------------------
  function niceMax(values) {
    const sorted = values.filter((v) => isFinite(v)).sort((a, b) => a - b);
    if (!sorted.length) return 0.1;
    const q = sorted[Math.min(sorted.length - 1, Math.floor(0.98 * (sorted.length - 1)))];
    return Math.max(0.01, Math.ceil(q * 100) / 100);
  }

  function maps() {
    const gmTopo = { values: GEO_GM, format: { type: 'topojson', feature: 'gemeente_2024' } };
    const amTopo = { values: GEO_AM, format: { type: 'topojson', feature: 'arbeidsmarktregio_2024' } };
    const controls = el('div', { class: 'controls' });
    const slider = el('input', { type: 'range', id: 'map-month', min: '0', max: String(LAST), step: '1', value: String(LAST),
      'aria-label': 'Maand van de kaarten' });
    const output = el('output', { id: 'map-month-label', for: 'map-month' }, LAST_MONTH);
    controls.append(el('label', {}, 'Maand: ', slider, ' ', output));
    let select = null;
    if (MULTI) {
      select = el('select', { id: 'map-scenario', 'aria-label': 'Scenario van de kaarten' },
        ...LABELS.map((label, i) => el('option', { value: String(i) }, label)));
      controls.append(el('label', {}, 'Scenario: ', select));
    }
    main.append(controls);
    const box = el('div', { class: 'maps' });
    const gmFigure = el('figure', {}, el('figcaption', {}, 'Gemeenten'), el('div', { id: 'map-municipalities', class: 'chart' }));
    const amFigure = el('figure', {}, el('figcaption', {}, 'Arbeidsmarktregio\u2019s'), el('div', { id: 'map-regions', class: 'chart' }));
    box.append(gmFigure, amFigure);
    main.append(box);

    // Municipalities: one row per scenario, month and municipality with figures.
    const gmRows = [];
    const gmRates = [];
    let unmatched = 0;
    const monthNames = DATA.time.map(monthLabel);
    SCENARIOS.forEach((s, si) => {
      if (!s.municipality) return;
      for (let k = 0; k < T; ++k) {
        MUNICIPALITIES.forEach((m, i) => {
          if (si === 0 && k === 0 && !GM_CODES.has(m.code)) ++unmatched;
          gmRows.push({ s: si, k: k, maandnaam: monthNames[k], code: m.code, name: m.name, province: m.province, region: m.region,
            rate: s.municipality.rate[k][i], vacancy: s.municipality.vacancy_fte[k][i], demand: s.municipality.demand_fte[k][i] });
          gmRates.push(s.municipality.rate[k][i]);
        });
      }
    });
    const amRows = [];
    const amRates = [];
    SCENARIOS.forEach((s, si) => {
      for (let k = 0; k < T; ++k) {
        DATA.regions.forEach((region, g) => {
          amRows.push({ s: si, k: k, maandnaam: monthNames[k], region: region, rate: s.region_map.rate[k][g], vacancy: s.region_map.vacancy_fte[k][g],
            demand: s.region_map.demand_fte[k][g] });
          amRates.push(s.region_map.rate[k][g]);
        });
      }
    });
    const notes = [];
    if (!SCENARIOS.every((s) => s.municipality))
      notes.push('Een bestand zonder cijfers per gemeente (output.municipality_level: false) laat de gemeentekaart grijs.');
    if (unmatched)
      notes.push(unmatched + ' van de ' + MUNICIPALITIES.length + ' gemeenten in het resultaatbestand hebben een CBS-code ' +
        'die niet in de gemeentegrenzen van 2024 voorkomt; zij staan niet op de kaart.');
    notes.forEach((n) => main.insertBefore(el('p', { class: 'note' }, n), box));

    const colour = (max, title) => ({
      field: 'rate', type: 'quantitative', title: title,
      scale: { scheme: 'orangered', domain: [0, max], clamp: true },
      legend: { format: '.0%', orient: 'bottom-right', direction: 'vertical', gradientLength: 140 },
    });
    const params = [{ name: 'maand', value: LAST }, { name: 'scen', value: 0 }];
    const monthTooltip = { field: 'maandnaam', title: 'Maand' };
    chart('map-municipalities', {
      width: 470, height: 540, projection: { type: 'mercator' }, params: params,
      layer: [
        { data: gmTopo, mark: { type: 'geoshape', fill: '#e3e6ea', stroke: '#ffffff', strokeWidth: 0.4 } },
        { data: { values: gmRows },
          transform: [{ filter: 'datum.k == maand && datum.s == scen' },
            { lookup: 'code', from: { data: gmTopo, key: 'id' }, as: 'geo' }, { filter: 'isValid(datum.geo)' }],
          mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.4 },
          encoding: {
            shape: { field: 'geo', type: 'geojson' },
            color: colour(niceMax(gmRates), 'Vacaturegraad'),
            tooltip: [{ field: 'name', title: 'Gemeente' }, { field: 'province', title: 'Provincie' },
              { field: 'region', title: 'Arbeidsmarktregio' }, monthTooltip,
              { field: 'rate', type: 'quantitative', title: 'Vacaturegraad', format: '.1%' },
              { field: 'vacancy', type: 'quantitative', title: 'Openstaande vacatures (fte)', format: ',.1f' },
              { field: 'demand', type: 'quantitative', title: 'Benodigde formatie (fte)', format: ',.1f' }],
          } },
      ],
    });
    chart('map-regions', {
      width: 470, height: 540, projection: { type: 'mercator' }, params: params,
      layer: [
        { data: amTopo, mark: { type: 'geoshape', fill: '#e3e6ea', stroke: '#ffffff', strokeWidth: 0.8 } },
        { data: { values: amRows },
          transform: [{ filter: 'datum.k == maand && datum.s == scen' },
            { lookup: 'region', from: { data: amTopo, key: 'properties.statnaam' }, as: 'geo' }, { filter: 'isValid(datum.geo)' }],
          mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.8 },
          encoding: {
            shape: { field: 'geo', type: 'geojson' },
            color: colour(niceMax(amRates), 'Vacaturegraad'),
            tooltip: [{ field: 'region', title: 'Arbeidsmarktregio' }, monthTooltip,
              { field: 'rate', type: 'quantitative', title: 'Vacaturegraad', format: '.1%' },
              { field: 'vacancy', type: 'quantitative', title: 'Openstaande vacatures (fte)', format: ',.0f' },
              { field: 'demand', type: 'quantitative', title: 'Benodigde formatie (fte)', format: ',.0f' }],
          } },
      ],
    });
    const update = () => {
      const k = Number(slider.value);
      output.textContent = monthLabel(DATA.time[k]);
      const s = select ? Number(select.value) : 0;
      for (const id of ['map-municipalities', 'map-regions']) {
        if (views[id]) views[id].signal('maand', k).signal('scen', s).runAsync();
      }
    };
    slider.addEventListener('input', update);
    if (select) select.addEventListener('change', update);
  }

  // ---- differences against the first file ---------------------------------------------------
  function differenceTables() {
    DATA.differences.forEach((d) => {
      const base = SCENARIOS[0];
      const other = SCENARIOS[d.other];
      main.append(el('h3', {}, other.label + ' tegenover ' + base.label + ', ' + LAST_MONTH));
      main.append(el('p', { class: 'note' }, d.paired
        ? 'Gepaard per replicatie: beide bestanden hebben dezelfde seed (' + base.seed + ') en ' + base.replications +
          ' replicaties, dus dezelfde toevalsgetallen waar de maatregel niets verandert. Dat maakt het interval smaller dan bij losse steekproeven.'
        : 'Ongepaard (Welch): de bestanden verschillen in seed of aantal replicaties, en worden als losse steekproeven vergeleken.'));
      const table = el('table', { class: 'data', id: 'differences-' + d.other });
      const head = ['Functiefamilie', 'Vacatures ' + base.label + ' (fte)', 'Vacatures ' + other.label + ' (fte)', 'Verschil (fte)',
        '90%-interval (fte)', 'Vacaturegraad ' + base.label, 'Vacaturegraad ' + other.label, 'Verschil (procentpunt)', '90%-interval (procentpunt)'];
      table.append(el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))));
      const body = el('tbody');
      const pp = (x) => (x === null || !isFinite(x)) ? '–' : nl2.format(100 * x);
      const interval = (lo, hi, format) => (lo === null || hi === null) ? 'geen (minder dan 2 replicaties)' : format(lo) + ' tot ' + format(hi);
      const verdict = (stat) => {
        const classes = [stat.difference < 0 ? 'better' : (stat.difference > 0 ? 'worse' : '')];
        if (stat.low !== null && stat.high !== null && (stat.low > 0 || stat.high < 0)) classes.push('clear');
        return classes.join(' ');
      };
      d.rows.forEach((row) => {
        const family = row.family === null ? ALL_FAMILIES : DATA.families.find((f) => f.key === row.family).name;
        const f = row.vacancy_fte;
        const r = row.vacancy_rate;
        body.append(el('tr', { class: row.family === null ? 'total' : '' },
          el('td', {}, family), el('td', {}, nl.format(f.base)), el('td', {}, nl.format(f.other)),
          el('td', { class: verdict(f) }, signed(nl.format(f.difference), f.difference)),
          el('td', {}, interval(f.low, f.high, (x) => nl.format(x))),
          el('td', {}, pct(r.base)), el('td', {}, pct(r.other)),
          el('td', { class: verdict(r) }, signed(pp(r.difference), r.difference)),
          el('td', {}, interval(r.low, r.high, pp))));
      });
      table.append(body);
      main.append(el('div', { class: 'table-box' }, table));
    });
    main.append(el('p', { class: 'note' }, 'Groen: minder vacatures dan in ' + SCENARIOS[0].label + '; rood: meer. ' +
      'Vet: het 90%-interval van het verschil ligt helemaal aan een kant van nul. Dezelfde cijfers geeft krapte compare.'));
  }

  // ---- the page ------------------------------------------------------------------------------
  header();
  section('vacatures', 'Openstaande vacatures per functiefamilie',
    'Landelijk, in fte, aan het eind van elke maand. Lijn: gemiddelde; band: 5e tot 95e percentiel over de replicaties. ' +
    'Elk paneel heeft een eigen schaal.');
  chartBox('chart-vacancy-fte');
  fanChart('chart-vacancy-fte', 'vacancy_fte', 'Vacatures (fte)', ',.0f', ',.0f');
  section('vacaturegraad', 'Vacaturegraad per functiefamilie',
    'Openstaande vacatures als deel van de benodigde formatie (vraag), landelijk. Lijn: gemiddelde; band: 5e tot 95e percentiel.');
  chartBox('chart-vacancy-rate');
  fanChart('chart-vacancy-rate', 'vacancy_rate', 'Vacaturegraad', '.0%', '.2%');
  section('stromen', 'Instroom en uitstroom per jaar',
    'Personen per kalenderjaar, alle functiefamilies samen, gemiddelde over de replicaties. Boven de nullijn de instroom, ' +
    'eronder de uitstroom naar reden; het zwarte streepje is het saldo. Overstappen tussen gemeenten blijven binnen de sector en tellen hier niet mee.');
  chartBox('chart-flows');
  flowChart('chart-flows');
  section('leeftijd', 'Leeftijdsopbouw aan het begin en aan het eind',
    'Aantal medewerkers per leeftijdsklasse van vijf jaar, alle functiefamilies samen, gemiddelde over de replicaties.');
  chartBox('chart-age');
  ageChart('chart-age');
  section('regios', 'Vacaturegraad per arbeidsmarktregio, ' + LAST_MONTH,
    'Per regio en functiefamilie: openstaande vacatures als deel van de benodigde formatie, gemiddelde over de replicaties. ' +
    'Hoe donkerder, hoe groter het tekort.');
  chartBox('chart-regions');
  regionTable('chart-regions');
  section('gemeenten', 'De 20 gemeenten met de hoogste vacaturegraad, ' + LAST_MONTH,
    'Alle functiefamilies samen. Staaf: gemiddelde over de replicaties; lijn: 5e tot 95e percentiel. Kleine gemeenten ' +
    'schommelen meer: een paar vacatures maken daar al een hoge graad.' + (MULTI ? ' De gemeenten zijn die van ' + LABELS[0] + '.' : ''));
  chartBox('chart-top20');
  topChart('chart-top20');
  section('kaart', 'Kaart: vacaturegraad per gemeente en per arbeidsmarktregio',
    'Kies een maand met de schuifregelaar' + (MULTI ? ' en een scenario' : '') + '; wijs een gebied aan voor de cijfers. ' +
    'Alle functiefamilies samen, gemiddelde over de replicaties. Grijs: geen cijfers. De kleurschaal is voor alle maanden gelijk.');
  maps();
  const costed = SCENARIOS.filter((s) => s.cost_total !== null && s.cost_total !== undefined);
  if (costed.length) {
    section('kosten', 'Kosten tegenover tekort',
      'Per scenario: de totale kosten over de hele looptijd (salaris, inhuur voor vacatures en de maatregelen; docs/costs.md) ' +
      'tegenover de openstaande vacatures in ' + LAST_MONTH + ', landelijk, gemiddelde over de replicaties. Linksonder is goedkoop en klein tekort.');
    chartBox('chart-costs');
    const values = costed.map((s) => ({
      scenario: s.label,
      cost: s.cost_total / 1e6,
      vacancy: s.national.vacancy_fte[s.national.vacancy_fte.length - 1].mean.slice(-1)[0],
    }));
    chart('chart-costs', {
      width: 'container', height: 320,
      data: { values: values },
      layer: [
        { mark: { type: 'point', filled: true, size: 80 } },
        { mark: { type: 'text', align: 'left', dx: 8 }, encoding: { text: { field: 'scenario' } } },
      ],
      encoding: {
        x: { field: 'cost', type: 'quantitative', title: 'Totale kosten (mln euro)', scale: { zero: false }, axis: { format: ',.0f' } },
        y: { field: 'vacancy', type: 'quantitative', title: 'Vacatures ' + LAST_MONTH + ' (fte)', scale: { zero: false }, axis: { format: ',.0f' } },
        tooltip: [{ field: 'scenario' }, { field: 'cost', format: ',.0f', title: 'mln euro' }, { field: 'vacancy', format: ',.0f', title: 'fte' }],
      },
    });
  }
  if (DATA.differences.length) {
    section('verschillen', 'Verschillen ten opzichte van ' + LABELS[0],
      'Vacatures en vacaturegraad in ' + LAST_MONTH + ', landelijk: het andere scenario min ' + LABELS[0] + ', met een 90%-interval van het gemiddelde verschil.');
    differenceTables();
  }

  const footer = document.getElementById('page-footer');
  footer.append(
    el('p', {}, 'Gemaakt met krapte report (' + DATA.generator + ').' +
      ' Grafieken: Vega-Lite ' + vegaLite.version + ', Vega ' + vega.version + ' en vega-embed (BSD-3-licentie).'),
    el('p', { id: 'map-attribution' }, 'Kaartgrenzen: CBS / PDOK, gemeenten en arbeidsmarktregio\u2019s 2024 (gegeneraliseerd), via cartomap/nl. ' +
      'De indeling van gemeenten in regio\u2019s in de cijfers komt uit het scenario.'),
    el('p', {}, 'Dit is een modeluitkomst, geen waarneming: de cijfers hangen af van de aannames in het scenario (zie het scenariobestand in het resultaatbestand).'));

  Promise.all(pending).then(() => {
    document.body.dataset.rendered = 'true';
  }).catch((error) => {
    document.body.dataset.renderError = String(error && error.message ? error.message : error);
    console.error('krapte report: a chart failed:', error);
  });
})();
