import type { MailLanguage } from './requester-messages.ts';

/**
 * The fixed texts of requester e-mails (the footer) and of the pages behind their links, in the four
 * languages. Kept in this one file so that the move to the public module's translations store (once it
 * is on main) is one swap. The e-mails' own wording is in editable templates (mail-templates.ts).
 */
type Texts = Record<MailLanguage, string>;

export const requesterTexts = {
  footer: {
    en: 'You receive this because you asked for e-mail updates about request {trackingNumber}. To stop them: {unsubscribeLink}',
    es: 'Recibe este mensaje porque pidió novedades por correo electrónico sobre la solicitud {trackingNumber}. Para dejar de recibirlas: {unsubscribeLink}',
    pt: 'Você recebe esta mensagem porque pediu atualizações por e-mail sobre a solicitação {trackingNumber}. Para deixar de recebê-las: {unsubscribeLink}',
    pl: 'Otrzymujesz tę wiadomość, ponieważ poprosiłeś(-aś) o powiadomienia e-mail o zgłoszeniu {trackingNumber}. Aby z nich zrezygnować: {unsubscribeLink}',
  },
  unsubscribeTitle: {
    en: 'Stop e-mails about request {trackingNumber}',
    es: 'Dejar de recibir correos sobre la solicitud {trackingNumber}',
    pt: 'Deixar de receber e-mails sobre a solicitação {trackingNumber}',
    pl: 'Rezygnacja z e-maili o zgłoszeniu {trackingNumber}',
  },
  unsubscribeExplain: {
    en: 'You will get no more e-mail about this request. You can still follow it on the status page.',
    es: 'No recibirá más correos sobre esta solicitud. Puede seguir consultándola en la página de estado.',
    pt: 'Você não receberá mais e-mails sobre esta solicitação. Ainda pode acompanhá-la na página de situação.',
    pl: 'Nie otrzymasz więcej e-maili o tym zgłoszeniu. Nadal możesz je śledzić na stronie statusu.',
  },
  unsubscribeButton: {
    en: 'Stop e-mails',
    es: 'Dejar de recibir correos',
    pt: 'Deixar de receber e-mails',
    pl: 'Zrezygnuj z e-maili',
  },
  unsubscribed: {
    en: 'Done: you will get no more e-mail about request {trackingNumber}.',
    es: 'Listo: no recibirá más correos sobre la solicitud {trackingNumber}.',
    pt: 'Pronto: você não receberá mais e-mails sobre a solicitação {trackingNumber}.',
    pl: 'Gotowe: nie otrzymasz więcej e-maili o zgłoszeniu {trackingNumber}.',
  },
  notFixedTitle: {
    en: 'Request {trackingNumber} is not fixed?',
    es: '¿La solicitud {trackingNumber} no está solucionada?',
    pt: 'A solicitação {trackingNumber} não foi resolvida?',
    pl: 'Zgłoszenie {trackingNumber} nie zostało załatwione?',
  },
  notFixedExplain: {
    en: 'Tell us and we will reopen the request. You may add what is still wrong.',
    es: 'Avísenos y reabriremos la solicitud. Puede añadir lo que sigue mal.',
    pt: 'Avise-nos e reabriremos a solicitação. Pode acrescentar o que ainda está errado.',
    pl: 'Daj nam znać, a ponownie otworzymy zgłoszenie. Możesz dodać, co nadal jest nie tak.',
  },
  notFixedComment: {
    en: 'What is still wrong (optional)',
    es: 'Qué sigue mal (opcional)',
    pt: 'O que ainda está errado (opcional)',
    pl: 'Co nadal jest nie tak (opcjonalnie)',
  },
  notFixedButton: {
    en: 'It is not fixed: reopen',
    es: 'No está solucionado: reabrir',
    pt: 'Não está resolvido: reabrir',
    pl: 'Nie jest załatwione: otwórz ponownie',
  },
  reopened: {
    en: 'Thank you. Request {trackingNumber} is open again and back with the team.',
    es: 'Gracias. La solicitud {trackingNumber} está abierta de nuevo y vuelve al equipo.',
    pt: 'Obrigado. A solicitação {trackingNumber} está aberta novamente e voltou para a equipe.',
    pl: 'Dziękujemy. Zgłoszenie {trackingNumber} jest ponownie otwarte i wróciło do zespołu.',
  },
  alreadyOpen: {
    en: 'Request {trackingNumber} is already open: the team is working on it.',
    es: 'La solicitud {trackingNumber} ya está abierta: el equipo está trabajando en ella.',
    pt: 'A solicitação {trackingNumber} já está aberta: a equipe está trabalhando nela.',
    pl: 'Zgłoszenie {trackingNumber} jest już otwarte: zespół nad nim pracuje.',
  },
  cannotReopen: {
    en: 'Request {trackingNumber} can no longer be reopened this way. Please contact us or file a new request.',
    es: 'La solicitud {trackingNumber} ya no se puede reabrir de esta forma. Comuníquese con nosotros o presente una nueva solicitud.',
    pt: 'A solicitação {trackingNumber} já não pode ser reaberta desta forma. Entre em contato conosco ou faça uma nova solicitação.',
    pl: 'Zgłoszenia {trackingNumber} nie można już w ten sposób otworzyć ponownie. Skontaktuj się z nami lub złóż nowe zgłoszenie.',
  },
  statusLink: {
    en: 'Follow the request on the status page',
    es: 'Siga la solicitud en la página de estado',
    pt: 'Acompanhe a solicitação na página de situação',
    pl: 'Śledź zgłoszenie na stronie statusu',
  },
} satisfies Record<string, Texts>;

/** Fills {placeholders}; an unknown placeholder stays as written, so a typo in a template is visible. */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function requesterText(
  key: keyof typeof requesterTexts,
  language: MailLanguage,
  values: Readonly<Record<string, string>> = {},
): string {
  return fillPlaceholders(requesterTexts[key][language], values);
}
