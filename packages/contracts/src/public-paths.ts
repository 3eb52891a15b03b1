/**
 * The public surface's paths, in a module without zod, so the public page (apps/admin/src/public-page)
 * can import them and stay small. The contracts in public.ts and public-texts.ts use the same constants.
 */
export const publicPaths = {
  texts: '/api/v1/public/texts',
  neighborhoods: '/api/v1/public/neighborhoods',
  locate: '/api/v1/public/locate',
  request: '/api/v1/public/requests/:trackingNumber',
  stats: '/api/v1/public/stats',
  feedXml: '/api/v1/public/feed.xml',
  feedJson: '/api/v1/public/feed.json',
  openDataCsv: '/api/v1/public/service-requests.csv',
  openDataGeoJson: '/api/v1/public/service-requests.geojson',
  meetings: '/api/v1/public/meetings',
  meetingsCalendar: '/api/v1/public/meetings.ics',
  neighborhoodTeam: '/api/v1/public/neighborhoods/:code/team',
  neighborhoodPriorities: '/api/v1/public/neighborhoods/:code/priorities',
} as const;

/** Everything under this prefix is the public surface: language negotiation, rate limits, localized problems. */
export const publicApiPrefix = '/api/v1/public/';

/** Where the API serves the public page; e-mails link to `${NSP_PUBLIC_BASE_URL}/public/?track=<trackingNumber>`. */
export const publicPagePath = '/public/';

/** The query parameter that chooses the language of a public reply (else Accept-Language, else English). */
export const publicLanguageParameter = 'lang';
