/**
 * The public page (/public/): find my lieutenant, track my request, upcoming meetings and my
 * neighborhood's statistics, in the department's public languages. Its own entry of the build: no
 * React, no admin code, no map library (a neighborhood's outline is a small SVG), so it loads fast on
 * a phone and can be embedded in the town's website. Every word comes from the public texts
 * (translations as data, edited by administrators); every figure from the public API, through the
 * same contracts the API is built from (types and paths only: no zod at runtime).
 */
import type {
  PublicContact,
  PublicLocate,
  PublicMeeting,
  PublicNeighborhood,
  PublicPriorities,
  PublicRequest,
  PublicStats,
  PublicTeam,
  PublicTextsForLanguage,
} from '@nsp/contracts';
import { publicPaths } from '@nsp/contracts/public-paths';
import './public-page.css';

type Child = Node | string | null | undefined | false;

/** A DOM element with attributes (never `style`: the page runs under a strict CSP) and children. */
/** Replaces an element's content, skipping the parts that are not there (null, false). */
function fill(element: Element, ...children: Child[]) {
  element.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const svgNs = 'http://www.w3.org/2000/svg';
function s(tag: string, attributes: Record<string, string>, ...children: Node[]): SVGElement {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string } | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

let language: string | null = new URLSearchParams(location.search).get('lang');

async function getJson<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  if (language) params.set('lang', language);
  const response = await fetch(`${path}${params.size > 0 ? `?${params}` : ''}`, {
    headers: { accept: 'application/json' },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

let texts: PublicTextsForLanguage = { language: 'en', languages: [], texts: {} };
function t(key: string, params: Record<string, string | number> = {}): string {
  const text = texts.texts[key] ?? key;
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(texts.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
const day = (isoDay: string) =>
  new Intl.DateTimeFormat(texts.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
const hours = (value: number | null) =>
  value === null ? '–' : new Intl.NumberFormat(texts.language, { maximumFractionDigits: 1 }).format(value);
const percent = (value: number | null) =>
  value === null ? '–' : new Intl.NumberFormat(texts.language, { style: 'percent' }).format(value);

/** What a failed call says to the reader: the API's own (localized) problem, else a general message. */
const failure = (error: unknown) =>
  h(
    'p',
    { class: 'error' },
    error instanceof ApiError && error.problem?.detail ? error.problem.detail : t('page.error'),
  );

/** A form with one labelled text field, its hint and a button; results go to a live region. */
function searchForm(options: {
  id: string;
  label: string;
  hint: string;
  submit: string;
  value: string;
  autocomplete: string;
  onSubmit(value: string, output: HTMLElement): Promise<void>;
}) {
  const input = h('input', {
    id: `${options.id}-input`,
    name: options.id,
    type: 'text',
    required: true,
    autocomplete: options.autocomplete,
    'aria-describedby': `${options.id}-hint`,
  });
  input.value = options.value;
  const output = h('div', {
    class: 'result',
    role: 'status',
    'aria-live': 'polite',
    id: `${options.id}-result`,
  });
  const form = h(
    'form',
    { class: 'search', 'data-testid': `${options.id}-form` },
    h('label', { for: `${options.id}-input` }, options.label),
    h('p', { class: 'hint', id: `${options.id}-hint` }, options.hint),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, options.submit)),
  );
  const run = async () => {
    const value = input.value.trim();
    if (!value) return;
    output.replaceChildren(h('p', {}, t('page.loading')));
    try {
      await options.onSubmit(value, output);
    } catch (error) {
      output.replaceChildren(failure(error));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  return { form, output, input, run };
}

function contactCard(contact: PublicContact) {
  return h(
    'div',
    { class: 'contact' },
    h('p', { class: 'contact-name' }, contact.name),
    h('p', {}, [contact.title, contact.role].filter(Boolean).join(' · ')),
    contact.phone
      ? h(
          'p',
          {},
          `${t('page.contact.phone')}: `,
          h('a', { href: `tel:${contact.phone.replace(/[^+\d]/g, '')}` }, contact.phone),
        )
      : null,
    contact.email
      ? h('p', {}, `${t('page.contact.email')}: `, h('a', { href: `mailto:${contact.email}` }, contact.email))
      : null,
  );
}

/** The neighborhood's outline with the block marked: enough to recognise the area, no map library. */
function outline(neighborhood: PublicNeighborhood, point: { lat: number; lon: number } | null) {
  const boundary = neighborhood.boundary;
  if (!boundary) return null;
  const polygons = (
    boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates
  ) as number[][][][];
  const positions = polygons.flat(2);
  const lons = positions.map((position) => position[0]!);
  const lats = positions.map((position) => position[1]!);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = (maxLon - minLon) * xScale || 1;
  const height = maxLat - minLat || 1;
  const size = 200;
  const scale = size / Math.max(width, height);
  const x = (lon: number) => ((lon - minLon) * xScale * scale + 4).toFixed(1);
  const y = (lat: number) => ((maxLat - lat) * scale + 4).toFixed(1);
  const d = polygons
    .flatMap((rings) =>
      rings.map((ring) => `M${ring.map(([lon, lat]) => `${x(lon!)},${y(lat!)}`).join('L')}Z`),
    )
    .join('');
  const label = t('page.neighborhood.outline', { neighborhood: neighborhood.name });
  return s(
    'svg',
    {
      class: 'outline',
      role: 'img',
      'aria-label': label,
      viewBox: `0 0 ${(width * scale + 8).toFixed(0)} ${(height * scale + 8).toFixed(0)}`,
    },
    s('title', {}, document.createTextNode(label)),
    s('path', { d, class: 'outline-area' }),
    ...(point ? [s('circle', { cx: x(point.lon), cy: y(point.lat), r: '5', class: 'outline-point' })] : []),
  );
}

let neighborhoods: PublicNeighborhood[] = [];
let lastAddress = '';

function findSection() {
  const search = searchForm({
    id: 'find',
    label: t('page.find.label'),
    hint: t('page.find.hint'),
    submit: t('page.find.submit'),
    value: lastAddress,
    autocomplete: 'street-address',
    async onSubmit(address, output) {
      lastAddress = address;
      const answer = await getJson<PublicLocate>(publicPaths.locate, { address });
      const neighborhood = neighborhoods.find((item) => item.id === answer.neighborhood?.id);
      fill(
        output,
        h('p', { class: 'answer' }, answer.message),
        answer.location
          ? h(
              'p',
              {},
              `${answer.location.label} · ${t('page.find.quality', { quality: answer.qualityName })}`,
            )
          : null,
        answer.lieutenant ? contactCard(answer.lieutenant) : null,
        answer.candidates.length > 0
          ? h(
              'ul',
              { class: 'candidates' },
              ...answer.candidates.map((candidate) => {
                const button = h('button', { type: 'button', class: 'link' }, candidate.label);
                button.addEventListener('click', () => {
                  search.input.value = candidate.label.replace(/^(\d+)\D+(.*)$/, '$1 $2');
                  void search.run();
                });
                return h('li', {}, button, candidate.neighborhood ? ` (${candidate.neighborhood.name})` : '');
              }),
            )
          : null,
        neighborhood ? outline(neighborhood, answer.location) : null,
      );
    },
  });
  return { section: section('find', t('page.find.heading'), search.form, search.output), search };
}

function trackSection() {
  const search = searchForm({
    id: 'track',
    label: t('page.track.label'),
    hint: t('page.track.hint'),
    submit: t('page.track.submit'),
    value: new URLSearchParams(location.search).get('track') ?? '',
    autocomplete: 'off',
    async onSubmit(trackingNumber, output) {
      const request = await getJson<PublicRequest>(
        publicPaths.request.replace(':trackingNumber', encodeURIComponent(trackingNumber)),
      );
      const facts: Array<[string, string | null]> = [
        [t('page.track.status'), `${request.statusName}. ${request.statusDescription}`],
        [t('page.track.category'), request.category.name],
        [t('page.track.neighborhood'), request.neighborhood?.name ?? null],
        [t('page.track.location'), request.location?.label ?? null],
        [t('page.track.received'), dateTime(request.receivedAt)],
        [t('page.track.expected'), request.expectedBy ? dateTime(request.expectedBy) : null],
      ];
      fill(
        output,
        h('h3', {}, request.trackingNumber),
        h(
          'dl',
          { class: 'facts' },
          ...facts
            .filter((fact): fact is [string, string] => fact[1] !== null)
            .flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
        ),
        request.duplicateOf
          ? h('p', {}, t('page.track.duplicate-of', { trackingNumber: request.duplicateOf }))
          : null,
        h('h4', {}, t('page.track.updates')),
        request.updates.length === 0
          ? h('p', {}, t('page.track.no-updates'))
          : h(
              'ol',
              { class: 'updates' },
              ...request.updates.map((update) =>
                h(
                  'li',
                  {},
                  h('time', { datetime: update.at }, dateTime(update.at)),
                  ' ',
                  h('span', { lang: update.language ?? undefined }, update.text),
                ),
              ),
            ),
      );
    },
  });
  return { section: section('track', t('page.track.heading'), search.form, search.output), search };
}

function meetingsSection() {
  const list = h('div', { 'aria-live': 'polite' }, h('p', {}, t('page.loading')));
  getJson<{ items: PublicMeeting[] }>(publicPaths.meetings)
    .then((reply) => {
      // The reply also holds the last 60 days' meetings (for the calendar feed): the page shows what is ahead.
      const now = Date.now();
      const items = reply.items.filter((item) => Date.parse(item.endsAt) >= now);
      list.replaceChildren(
        items.length === 0
          ? h('p', {}, t('page.meetings.none'))
          : h(
              'ul',
              { class: 'meetings' },
              ...items.map((item) =>
                h(
                  'li',
                  {},
                  h('time', { datetime: item.startsAt }, dateTime(item.startsAt)),
                  ` — ${item.title} (${item.neighborhood.name})`,
                  item.locationName || item.address ? `, ${item.locationName ?? item.address}` : '',
                  item.status === 'cancelled' ? h('strong', {}, ` — ${t('page.meetings.cancelled')}`) : '',
                ),
              ),
            ),
      );
    })
    .catch(() => list.replaceChildren(h('p', {}, t('page.meetings.none'))));
  return section('meetings', t('page.meetings.heading'), list);
}

let prioritiesChoice = new URLSearchParams(location.search).get('neighborhood')?.toUpperCase() ?? '';

/** A neighborhood's team and its priorities: what residents asked for and what the team did. */
function prioritiesSection() {
  if (!neighborhoods.some((item) => item.code === prioritiesChoice))
    prioritiesChoice = neighborhoods[0]?.code ?? '';
  const select = h(
    'select',
    { id: 'priorities-neighborhood', name: 'neighborhood' },
    ...neighborhoods.map((item) => h('option', { value: item.code }, item.name)),
  );
  select.value = prioritiesChoice;
  const output = h('div', { 'aria-live': 'polite', class: 'result', id: 'priorities-result' });
  const show = async () => {
    prioritiesChoice = select.value;
    if (!prioritiesChoice) return;
    output.replaceChildren(h('p', {}, t('page.loading')));
    const code = encodeURIComponent(prioritiesChoice);
    try {
      const [team, priorities] = await Promise.all([
        getJson<PublicTeam>(publicPaths.neighborhoodTeam.replace(':code', code)),
        getJson<PublicPriorities>(publicPaths.neighborhoodPriorities.replace(':code', code)),
      ]);
      const contacts = [...(team.lieutenant ? [team.lieutenant] : []), ...team.members];
      fill(
        output,
        h('h3', {}, t('page.team.heading')),
        contacts.length === 0
          ? h('p', {}, t('page.team.none'))
          : h('div', { class: 'team' }, ...contacts.map((contact) => contactCard(contact))),
        h('h3', {}, t('page.priorities.heading')),
        priorities.items.length === 0
          ? h('p', {}, t('page.priorities.none'))
          : h(
              'ul',
              { class: 'priorities' },
              ...priorities.items.map((item) =>
                h(
                  'li',
                  { class: `priority priority-${item.status}` },
                  h(
                    'h4',
                    {},
                    item.title,
                    ' ',
                    h('span', { class: 'priority-status' }, `(${item.statusName})`),
                  ),
                  h('p', {}, item.description),
                  h(
                    'p',
                    { class: 'hint' },
                    t('page.priorities.set', { date: dateTime(item.setAt) }),
                    item.closedAt
                      ? ` · ${t('page.priorities.closed', { date: dateTime(item.closedAt) })}`
                      : '',
                  ),
                  item.outcome
                    ? h('p', {}, h('strong', {}, `${t('page.priorities.outcome')}: `), item.outcome)
                    : null,
                  item.actions.length > 0
                    ? h(
                        'div',
                        {},
                        h('h5', {}, t('page.priorities.actions')),
                        h(
                          'ul',
                          { class: 'updates' },
                          ...item.actions.map((action) =>
                            h(
                              'li',
                              {},
                              h('time', { datetime: action.takenAt }, dateTime(action.takenAt)),
                              ` ${action.text}`,
                            ),
                          ),
                        ),
                      )
                    : null,
                ),
              ),
            ),
      );
    } catch (error) {
      output.replaceChildren(failure(error));
    }
  };
  select.addEventListener('change', () => void show());
  void show();
  return section(
    'priorities',
    t('page.priorities.heading'),
    h('p', {}, t('page.priorities.intro')),
    h(
      'div',
      { class: 'stats-form' },
      h('div', {}, h('label', { for: 'priorities-neighborhood' }, t('page.priorities.choose')), select),
    ),
    output,
  );
}

let statsChoice = { neighborhood: '', days: '90' };

function statsSection() {
  const neighborhoodSelect = h(
    'select',
    { id: 'stats-neighborhood', name: 'neighborhood' },
    h('option', { value: '' }, t('page.stats.all')),
    ...neighborhoods.map((item) => h('option', { value: item.code }, item.name)),
  );
  neighborhoodSelect.value = statsChoice.neighborhood;
  const periodSelect = h(
    'select',
    { id: 'stats-period', name: 'period' },
    ...['30', '90', '365'].map((days) => h('option', { value: days }, t(`page.stats.period.${days}`))),
  );
  periodSelect.value = statsChoice.days;
  const output = h('div', { 'aria-live': 'polite', class: 'result' });
  const form = h(
    'form',
    { class: 'stats-form', 'data-testid': 'stats-form' },
    h('div', {}, h('label', { for: 'stats-neighborhood' }, t('page.stats.neighborhood')), neighborhoodSelect),
    h('div', {}, h('label', { for: 'stats-period' }, t('page.stats.period')), periodSelect),
    h('button', { type: 'submit' }, t('page.stats.show')),
  );
  const show = async () => {
    statsChoice = { neighborhood: neighborhoodSelect.value, days: periodSelect.value };
    output.replaceChildren(h('p', {}, t('page.loading')));
    try {
      const to = new Date();
      const from = new Date(to.getTime() - (Number(statsChoice.days) - 1) * 86_400_000);
      const stats = await getJson<PublicStats>(publicPaths.stats, {
        neighborhood: statsChoice.neighborhood || undefined,
        from: from.toISOString().slice(0, 10),
        to: to.toISOString().slice(0, 10),
      });
      output.replaceChildren(...statsTables(stats, statsChoice.neighborhood));
    } catch (error) {
      output.replaceChildren(failure(error));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show();
  });
  void show();
  return section('stats', t('page.stats.heading'), form, output);
}

type StatsRow = PublicStats['rows'][number];

function statsTables(stats: PublicStats, code: string): Node[] {
  const chosen = neighborhoods.find((item) => item.code === code);
  const mine = (row: StatsRow) => (chosen ? row.neighborhood?.code === chosen.code : row.allNeighborhoods);
  const byCategory = stats.rows.filter((row) => mine(row) && row.category !== null);
  const total = stats.rows.find((row) => mine(row) && row.category === null);
  if (!total || total.requests === 0) return [h('p', {}, t('page.stats.none'))];
  const caption = t('page.stats.caption', {
    neighborhood: chosen?.name ?? t('page.stats.all'),
    from: day(stats.from),
    to: day(stats.to),
  });
  const tables: Node[] = [
    table(caption, t('page.stats.category'), [
      ...byCategory.map((row) => [row.category!.name, row] as const),
      [t('page.stats.all'), total] as const,
    ]),
  ];
  if (!chosen) {
    // Equity: the same figures side by side for every neighborhood.
    const perNeighborhood = stats.rows.filter(
      (row) => !row.allNeighborhoods && row.category === null && row.neighborhood !== null,
    );
    tables.push(
      table(
        `${t('page.stats.neighborhood')}: ${day(stats.from)} – ${day(stats.to)}`,
        t('page.stats.neighborhood'),
        perNeighborhood.map((row) => [row.neighborhood!.name, row] as const),
      ),
    );
  }
  tables.push(h('p', { class: 'hint' }, stats.definitions));
  return tables;
}

function table(caption: string, firstColumn: string, rows: ReadonlyArray<readonly [string, StatsRow]>) {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col', rowspan: '2' }, firstColumn),
      h('th', { scope: 'col', rowspan: '2' }, t('page.stats.requests')),
      h('th', { scope: 'colgroup', colspan: '3' }, t('page.stats.first-response')),
      h('th', { scope: 'colgroup', colspan: '3' }, t('page.stats.resolution')),
    ),
    h(
      'tr',
      {},
      ...[0, 1].flatMap(() => [
        h('th', { scope: 'col' }, t('page.stats.median')),
        h('th', { scope: 'col' }, t('page.stats.p90')),
        h('th', { scope: 'col' }, t('page.stats.within-target')),
      ]),
    ),
  );
  const body = h(
    'tbody',
    {},
    ...rows.map(([name, row]) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, name),
        h('td', {}, String(row.requests)),
        h('td', {}, hours(row.firstResponse.medianHours)),
        h('td', {}, hours(row.firstResponse.p90Hours)),
        h('td', {}, percent(row.firstResponseWithinTarget)),
        h('td', {}, hours(row.resolution.medianHours)),
        h('td', {}, hours(row.resolution.p90Hours)),
        h('td', {}, percent(row.resolutionWithinTarget)),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', {}, caption), head, body),
  );
}

function section(id: string, heading: string, ...children: Child[]) {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, heading),
    ...children,
  );
}

function languageSwitcher() {
  const select = h(
    'select',
    { id: 'language', name: 'lang' },
    ...texts.languages.map((item) => h('option', { value: item.code, lang: item.code }, item.name)),
  );
  select.value = texts.language;
  select.addEventListener('change', () => {
    language = select.value;
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    history.replaceState(null, '', url);
    void render(true);
  });
  return h('div', { class: 'language' }, h('label', { for: 'language' }, t('page.language')), select);
}

async function render(keepResults = false) {
  const root = document.getElementById('public-root')!;
  try {
    texts = await getJson<PublicTextsForLanguage>(publicPaths.texts);
    language = texts.language;
    neighborhoods = (await getJson<{ items: PublicNeighborhood[] }>(publicPaths.neighborhoods)).items;
  } catch (error) {
    root.replaceChildren(h('main', { id: 'main' }, failure(error)));
    return;
  }
  document.documentElement.lang = texts.language;
  document.title = t('page.title');
  const find = findSection();
  const track = trackSection();
  const params = new URLSearchParams({ lang: texts.language });
  root.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t('page.skip')),
    h('header', {}, h('div', { class: 'wrap' }, h('h1', {}, t('page.title')), languageSwitcher())),
    h(
      'main',
      { id: 'main', tabindex: '-1', class: 'wrap' },
      h('p', { class: 'intro' }, t('page.intro')),
      find.section,
      track.section,
      meetingsSection(),
      prioritiesSection(),
      statsSection(),
      section(
        'links',
        t('page.links.heading'),
        h(
          'ul',
          {},
          h('li', {}, h('a', { href: `${publicPaths.feedXml}?${params}` }, t('page.links.feed'))),
          h('li', {}, h('a', { href: `${publicPaths.openDataCsv}?${params}` }, t('page.links.open-data'))),
          h(
            'li',
            {},
            h('a', { href: `${publicPaths.meetingsCalendar}?${params}` }, t('page.links.calendar')),
          ),
        ),
      ),
    ),
  );
  // A language switch shows the same answers again in the new language.
  if (track.search.input.value) void track.search.run();
  if (keepResults && lastAddress) void find.search.run();
}

void render();
