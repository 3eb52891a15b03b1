import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type LocalizedText, responseTemplates } from '../../db/schema/index.ts';
import type { RequesterMessageKind } from './requester-messages.ts';

export interface MailTemplate {
  subject: LocalizedText;
  body: LocalizedText;
}

/**
 * The texts NSP starts with. They become ordinary response templates with an e-mail kind (general, for
 * every category) the first time the API starts, and administrators edit them there
 * (`/api/v1/response-templates?purpose=email`); a category can have its own. Placeholders:
 * {trackingNumber} {category} {expectedDate} {statusLink} {update} {notFixedLink} {reopenWindowDays}.
 */
export const defaultMailTemplates: Record<RequesterMessageKind, MailTemplate & { title: string }> = {
  acknowledgement: {
    title: 'E-mail to the requester: acknowledgement',
    subject: {
      en: 'We received your request {trackingNumber}',
      es: 'Hemos recibido su solicitud {trackingNumber}',
      pt: 'Recebemos a sua solicitação {trackingNumber}',
      pl: 'Otrzymaliśmy Twoje zgłoszenie {trackingNumber}',
    },
    body: {
      en: 'Thank you for contacting the Community Outreach Division.\n\nWe received your request about: {category}.\nYour tracking number is {trackingNumber}.\nWe expect to resolve it by {expectedDate}.\n\nFollow its status at any time: {statusLink}',
      es: 'Gracias por comunicarse con la División de Alcance Comunitario.\n\nHemos recibido su solicitud sobre: {category}.\nSu número de seguimiento es {trackingNumber}.\nEsperamos resolverla antes del {expectedDate}.\n\nConsulte su estado en cualquier momento: {statusLink}',
      pt: 'Obrigado por entrar em contato com a Divisão de Relações Comunitárias.\n\nRecebemos a sua solicitação sobre: {category}.\nO seu número de acompanhamento é {trackingNumber}.\nEsperamos resolvê-la até {expectedDate}.\n\nAcompanhe a situação a qualquer momento: {statusLink}',
      pl: 'Dziękujemy za kontakt z Wydziałem ds. Współpracy ze Społecznością.\n\nOtrzymaliśmy Twoje zgłoszenie dotyczące: {category}.\nTwój numer zgłoszenia to {trackingNumber}.\nSpodziewamy się je załatwić do {expectedDate}.\n\nStatus możesz sprawdzić w każdej chwili: {statusLink}',
    },
  },
  public_update: {
    title: 'E-mail to the requester: public update',
    subject: {
      en: 'Update on your request {trackingNumber}',
      es: 'Novedades sobre su solicitud {trackingNumber}',
      pt: 'Atualização da sua solicitação {trackingNumber}',
      pl: 'Aktualizacja Twojego zgłoszenia {trackingNumber}',
    },
    body: {
      en: 'There is an update on your request {trackingNumber} ({category}):\n\n{update}\n\nFollow its status: {statusLink}',
      es: 'Hay novedades sobre su solicitud {trackingNumber} ({category}):\n\n{update}\n\nConsulte su estado: {statusLink}',
      pt: 'Há uma atualização da sua solicitação {trackingNumber} ({category}):\n\n{update}\n\nAcompanhe a situação: {statusLink}',
      pl: 'Pojawiła się aktualizacja Twojego zgłoszenia {trackingNumber} ({category}):\n\n{update}\n\nSprawdź status: {statusLink}',
    },
  },
  resolution: {
    title: 'E-mail to the requester: resolution',
    subject: {
      en: 'Your request {trackingNumber} is resolved',
      es: 'Su solicitud {trackingNumber} está resuelta',
      pt: 'A sua solicitação {trackingNumber} foi resolvida',
      pl: 'Twoje zgłoszenie {trackingNumber} zostało załatwione',
    },
    body: {
      en: 'We have marked your request {trackingNumber} ({category}) as resolved.\n\nIf the problem is not fixed, tell us within {reopenWindowDays} days and we will reopen it: {notFixedLink}\n\nFollow its status: {statusLink}',
      es: 'Hemos marcado su solicitud {trackingNumber} ({category}) como resuelta.\n\nSi el problema no está solucionado, avísenos en un plazo de {reopenWindowDays} días y la reabriremos: {notFixedLink}\n\nConsulte su estado: {statusLink}',
      pt: 'Marcamos a sua solicitação {trackingNumber} ({category}) como resolvida.\n\nSe o problema não estiver resolvido, avise-nos em até {reopenWindowDays} dias e nós a reabriremos: {notFixedLink}\n\nAcompanhe a situação: {statusLink}',
      pl: 'Oznaczyliśmy Twoje zgłoszenie {trackingNumber} ({category}) jako załatwione.\n\nJeśli problem nie został rozwiązany, daj nam znać w ciągu {reopenWindowDays} dni, a otworzymy je ponownie: {notFixedLink}\n\nSprawdź status: {statusLink}',
    },
  },
};

/**
 * Adds the default e-mail templates that are missing (general ones only). Safe on every start and from
 * several instances at once: the unique index on (category, e-mail kind) lets one insert win. A
 * template an administrator changed or deactivated is left as it is.
 */
export async function ensureDefaultMailTemplates(executor: Executor): Promise<number> {
  const inserted = await executor
    .insert(responseTemplates)
    .values(
      Object.entries(defaultMailTemplates).map(([kind, template]) => ({
        serviceCode: null,
        status: null,
        title: template.title,
        body: template.body,
        subject: template.subject,
        emailKind: kind as RequesterMessageKind,
        active: true,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: responseTemplates.id });
  return inserted.length;
}

/** The template for an e-mail: the category's own if it has an active one, else the general one, else the default. */
export async function mailTemplateFor(
  executor: Executor,
  serviceCode: string,
  kind: RequesterMessageKind,
): Promise<MailTemplate> {
  const rows = await executor
    .select({ subject: responseTemplates.subject, body: responseTemplates.body })
    .from(responseTemplates)
    .where(
      and(
        eq(responseTemplates.emailKind, kind),
        eq(responseTemplates.active, true),
        or(eq(responseTemplates.serviceCode, serviceCode), isNull(responseTemplates.serviceCode)),
      ),
    )
    .orderBy(sql`${responseTemplates.serviceCode} is null`)
    .limit(1);
  const row = rows[0];
  return row?.subject ? { subject: row.subject, body: row.body } : defaultMailTemplates[kind];
}
