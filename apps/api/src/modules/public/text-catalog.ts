/**
 * The shipped wording of every fixed public text, in the four languages NSP comes with. This is
 * SEED DATA, not the source the API reads: at start every missing (key, language) row is inserted
 * into public_texts, and rows no administrator has edited follow this file; an administrator's
 * wording always wins (admin screen "Public texts", PUT /api/v1/public-texts/:key/:language).
 *
 * A fifth language needs no change here: add it with POST /api/v1/public-languages and translate
 * its texts in the admin app; anything untranslated falls back to English.
 *
 * `{name}` marks a value the API fills in; a translation may use only the placeholders of the
 * English text.
 */

export interface ShippedLanguage {
  code: string;
  name: string;
  englishName: string;
  position: number;
}

export const shippedLanguages: readonly ShippedLanguage[] = [
  { code: 'en', name: 'English', englishName: 'English', position: 10 },
  { code: 'es', name: 'Español', englishName: 'Spanish', position: 20 },
  { code: 'pt', name: 'Português', englishName: 'Portuguese', position: 30 },
  { code: 'pl', name: 'Polski', englishName: 'Polish', position: 40 },
];

export type SeedText = { en: string } & Partial<Record<string, string>>;

export const textCatalog = {
  // Request statuses, as the public sees them.
  'status.new': { en: 'Received', es: 'Recibida', pt: 'Recebido', pl: 'Przyjęte' },
  'status.triaged': { en: 'Reviewed', es: 'Revisada', pt: 'Analisado', pl: 'Sprawdzone' },
  'status.assigned': { en: 'Assigned', es: 'Asignada', pt: 'Atribuído', pl: 'Przydzielone' },
  'status.in_progress': { en: 'In progress', es: 'En curso', pt: 'Em andamento', pl: 'W realizacji' },
  'status.resolved': { en: 'Resolved', es: 'Resuelta', pt: 'Resolvido', pl: 'Załatwione' },
  'status.closed': { en: 'Closed', es: 'Cerrada', pt: 'Encerrado', pl: 'Zamknięte' },
  'status.rejected': { en: 'Declined', es: 'Rechazada', pt: 'Recusado', pl: 'Odrzucone' },
  'status.duplicate': { en: 'Duplicate', es: 'Duplicada', pt: 'Duplicado', pl: 'Duplikat' },
  'status.new.description': {
    en: 'We have received your request and will review it soon.',
    es: 'Hemos recibido su solicitud y la revisaremos pronto.',
    pt: 'Recebemos o seu pedido e vamos analisá-lo em breve.',
    pl: 'Otrzymaliśmy Twoje zgłoszenie i wkrótce je sprawdzimy.',
  },
  'status.triaged.description': {
    en: 'Your request has been reviewed and is waiting to be assigned.',
    es: 'Su solicitud ha sido revisada y espera ser asignada.',
    pt: 'O seu pedido foi analisado e aguarda atribuição.',
    pl: 'Twoje zgłoszenie zostało sprawdzone i czeka na przydzielenie.',
  },
  'status.assigned.description': {
    en: 'A member of the department is responsible for your request.',
    es: 'Un miembro del departamento es responsable de su solicitud.',
    pt: 'Um membro do departamento é responsável pelo seu pedido.',
    pl: 'Za Twoje zgłoszenie odpowiada pracownik wydziału.',
  },
  'status.in_progress.description': {
    en: 'Work on your request is under way.',
    es: 'Se está trabajando en su solicitud.',
    pt: 'O seu pedido está a ser tratado.',
    pl: 'Trwają prace nad Twoim zgłoszeniem.',
  },
  'status.resolved.description': {
    en: 'The department considers your request resolved.',
    es: 'El departamento considera resuelta su solicitud.',
    pt: 'O departamento considera o seu pedido resolvido.',
    pl: 'Wydział uznaje Twoje zgłoszenie za załatwione.',
  },
  'status.closed.description': {
    en: 'Your request is closed.',
    es: 'Su solicitud está cerrada.',
    pt: 'O seu pedido está encerrado.',
    pl: 'Twoje zgłoszenie jest zamknięte.',
  },
  'status.rejected.description': {
    en: 'The department could not take up this request.',
    es: 'El departamento no pudo atender esta solicitud.',
    pt: 'O departamento não pôde atender este pedido.',
    pl: 'Wydział nie mógł przyjąć tego zgłoszenia.',
  },
  'status.duplicate.description': {
    en: 'This request was merged with another request about the same problem.',
    es: 'Esta solicitud se unió a otra sobre el mismo problema.',
    pt: 'Este pedido foi juntado a outro sobre o mesmo problema.',
    pl: 'To zgłoszenie połączono z innym zgłoszeniem tego samego problemu.',
  },

  // A request's public timeline.
  'update.status-changed': {
    en: 'Status changed to {status}.',
    es: 'El estado cambió a {status}.',
    pt: 'O estado mudou para {status}.',
    pl: 'Status zmieniono na: {status}.',
  },
  'update.received': {
    en: 'Request received ({category}).',
    es: 'Solicitud recibida ({category}).',
    pt: 'Pedido recebido ({category}).',
    pl: 'Przyjęto zgłoszenie ({category}).',
  },
  'update.reopened': {
    en: 'The request was reopened ({status}).',
    es: 'La solicitud se reabrió ({status}).',
    pt: 'O pedido foi reaberto ({status}).',
    pl: 'Zgłoszenie otwarto ponownie ({status}).',
  },
  'update.merged': {
    en: 'Merged with another request about the same problem.',
    es: 'Unida a otra solicitud sobre el mismo problema.',
    pt: 'Juntado a outro pedido sobre o mesmo problema.',
    pl: 'Połączono z innym zgłoszeniem tego samego problemu.',
  },

  // Who is my lieutenant.
  'role.coordination-lieutenant': {
    en: 'Neighborhood Coordination Lieutenant',
    es: 'Teniente de Coordinación del Vecindario',
    pt: 'Tenente de Coordenação do Bairro',
    pl: 'Porucznik ds. koordynacji dzielnicy',
  },
  'quality.exact': {
    en: 'Exact address',
    es: 'Dirección exacta',
    pt: 'Endereço exato',
    pl: 'Dokładny adres',
  },
  'quality.interpolated': {
    en: 'Estimated position on the street',
    es: 'Posición estimada en la calle',
    pt: 'Posição estimada na rua',
    pl: 'Przybliżone położenie na ulicy',
  },
  'quality.street': { en: 'Street only', es: 'Solo la calle', pt: 'Apenas a rua', pl: 'Tylko ulica' },
  'quality.none': {
    en: 'Not found',
    es: 'No encontrada',
    pt: 'Não encontrado',
    pl: 'Nie znaleziono',
  },
  'quality.corrected': {
    en: 'Street name corrected',
    es: 'Nombre de calle corregido',
    pt: 'Nome da rua corrigido',
    pl: 'Poprawiona nazwa ulicy',
  },
  'quality.intersection': { en: 'Intersection', es: 'Intersección', pt: 'Cruzamento', pl: 'Skrzyżowanie' },
  'quality.place': { en: 'Named place', es: 'Lugar conocido', pt: 'Local conhecido', pl: 'Znane miejsce' },
  'role.nro': {
    en: 'Neighborhood Resource Officer',
    es: 'Agente de Recursos del Vecindario',
    pt: 'Agente de Recursos do Bairro',
    pl: 'Funkcjonariusz ds. dzielnicy',
  },
  'role.cso': {
    en: 'Community Service Officer',
    es: 'Agente de Servicio Comunitario',
    pt: 'Agente de Serviço Comunitário',
    pl: 'Pracownik ds. społeczności',
  },
  'quality.point': {
    en: 'Map location',
    es: 'Ubicación en el mapa',
    pt: 'Localização no mapa',
    pl: 'Miejsce na mapie',
  },
  'locate.found': {
    en: 'This location is in {neighborhood}.',
    es: 'Esta ubicación está en {neighborhood}.',
    pt: 'Esta localização fica em {neighborhood}.',
    pl: 'To miejsce znajduje się w dzielnicy {neighborhood}.',
  },
  'locate.no-lieutenant': {
    en: 'No lieutenant is assigned to {neighborhood} right now. Please call the department.',
    es: 'Ahora mismo no hay teniente asignado a {neighborhood}. Llame al departamento.',
    pt: 'Neste momento não há tenente atribuído a {neighborhood}. Ligue para o departamento.',
    pl: 'Obecnie dzielnica {neighborhood} nie ma przydzielonego porucznika. Prosimy zadzwonić do wydziału.',
  },
  'locate.unreadable': {
    en: 'We could not read this as a street address. Enter a house number and a street, for example 740 Main St.',
    es: 'No pudimos leerlo como una dirección. Escriba un número y una calle, por ejemplo 740 Main St.',
    pt: 'Não foi possível ler isto como um endereço. Escreva um número e uma rua, por exemplo 740 Main St.',
    pl: 'Nie rozpoznaliśmy adresu. Wpisz numer domu i ulicę, na przykład 740 Main St.',
  },
  'locate.not-found': {
    en: 'We could not find this address.',
    es: 'No encontramos esta dirección.',
    pt: 'Não encontrámos este endereço.',
    pl: 'Nie znaleźliśmy tego adresu.',
  },
  'locate.candidates': {
    en: 'Did you mean one of these streets?',
    es: '¿Quiso decir una de estas calles?',
    pt: 'Queria dizer uma destas ruas?',
    pl: 'Czy chodziło o jedną z tych ulic?',
  },
  'locate.outside': {
    en: 'This location is outside the neighborhoods the department serves.',
    es: 'Esta ubicación está fuera de los vecindarios que atiende el departamento.',
    pt: 'Esta localização fica fora dos bairros servidos pelo departamento.',
    pl: 'To miejsce leży poza dzielnicami obsługiwanymi przez wydział.',
  },
  'locate.no-data': {
    en: 'Neighborhood information is not available yet.',
    es: 'La información de los vecindarios aún no está disponible.',
    pt: 'A informação dos bairros ainda não está disponível.',
    pl: 'Informacje o dzielnicach nie są jeszcze dostępne.',
  },
  'locate.block-of': {
    en: '{block} block of {street}',
    es: 'Cuadra {block} de {street}',
    pt: 'Quarteirão {block} de {street}',
    pl: '{street} (okolice nr {block})',
  },

  // Problems (RFC 9457) of the public routes, by problem type.
  'problem.validation.title': {
    en: 'The request is not valid',
    es: 'La solicitud no es válida',
    pt: 'O pedido não é válido',
    pl: 'Żądanie jest nieprawidłowe',
  },
  'problem.validation.detail': {
    en: 'Check these fields: {fields}.',
    es: 'Revise estos campos: {fields}.',
    pt: 'Verifique estes campos: {fields}.',
    pl: 'Sprawdź te pola: {fields}.',
  },
  'problem.not-found.title': {
    en: 'Not found',
    es: 'No encontrado',
    pt: 'Não encontrado',
    pl: 'Nie znaleziono',
  },
  'problem.not-found.detail': {
    en: 'There is nothing at this address.',
    es: 'No hay nada en esta dirección.',
    pt: 'Não existe nada neste endereço.',
    pl: 'Pod tym adresem nic nie ma.',
  },
  'problem.request-not-found.title': {
    en: 'Request not found',
    es: 'Solicitud no encontrada',
    pt: 'Pedido não encontrado',
    pl: 'Nie znaleziono zgłoszenia',
  },
  'problem.request-not-found.detail': {
    en: 'No request has the tracking number {trackingNumber}. Check the number and try again.',
    es: 'Ninguna solicitud tiene el número de seguimiento {trackingNumber}. Revise el número e inténtelo de nuevo.',
    pt: 'Nenhum pedido tem o número de acompanhamento {trackingNumber}. Verifique o número e tente novamente.',
    pl: 'Żadne zgłoszenie nie ma numeru {trackingNumber}. Sprawdź numer i spróbuj ponownie.',
  },
  'problem.too-many-requests.title': {
    en: 'Too many requests',
    es: 'Demasiadas solicitudes',
    pt: 'Demasiados pedidos',
    pl: 'Zbyt wiele żądań',
  },
  'problem.too-many-requests.detail': {
    en: 'Too many requests from your address. Try again in {retryAfterSeconds} seconds.',
    es: 'Demasiadas solicitudes desde su dirección. Inténtelo de nuevo en {retryAfterSeconds} segundos.',
    pt: 'Demasiados pedidos a partir do seu endereço. Tente novamente dentro de {retryAfterSeconds} segundos.',
    pl: 'Zbyt wiele żądań z Twojego adresu. Spróbuj ponownie za {retryAfterSeconds} s.',
  },
  'problem.method-not-allowed.title': {
    en: 'Method not allowed',
    es: 'Método no permitido',
    pt: 'Método não permitido',
    pl: 'Niedozwolona metoda',
  },
  'problem.method-not-allowed.detail': {
    en: 'This address only answers {allowed}.',
    es: 'Esta dirección solo admite {allowed}.',
    pt: 'Este endereço só aceita {allowed}.',
    pl: 'Ten adres obsługuje tylko {allowed}.',
  },
  'problem.bad-request.title': {
    en: 'Bad request',
    es: 'Solicitud incorrecta',
    pt: 'Pedido incorreto',
    pl: 'Nieprawidłowe żądanie',
  },
  'problem.bad-request.detail': {
    en: 'The request could not be understood.',
    es: 'No se pudo entender la solicitud.',
    pt: 'Não foi possível entender o pedido.',
    pl: 'Nie udało się zrozumieć żądania.',
  },
  'problem.service-unavailable.title': {
    en: 'Temporarily unavailable',
    es: 'No disponible temporalmente',
    pt: 'Temporariamente indisponível',
    pl: 'Chwilowo niedostępne',
  },
  'problem.service-unavailable.detail': {
    en: 'The service is not available right now. Please try again in a few moments.',
    es: 'El servicio no está disponible ahora. Inténtelo de nuevo en unos momentos.',
    pt: 'O serviço não está disponível neste momento. Tente novamente daqui a pouco.',
    pl: 'Usługa jest teraz niedostępna. Spróbuj ponownie za chwilę.',
  },
  'problem.internal.title': {
    en: 'Something went wrong',
    es: 'Algo salió mal',
    pt: 'Algo correu mal',
    pl: 'Coś poszło nie tak',
  },
  'problem.internal.detail': {
    en: 'Something went wrong on our side. Please try again later.',
    es: 'Algo salió mal de nuestra parte. Inténtelo de nuevo más tarde.',
    pt: 'Algo correu mal do nosso lado. Tente novamente mais tarde.',
    pl: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie później.',
  },

  // The announcements feed (RSS, Atom, JSON Feed).
  'feed.title': {
    en: 'Neighborhood announcements',
    es: 'Anuncios de los vecindarios',
    pt: 'Avisos dos bairros',
    pl: 'Ogłoszenia dzielnic',
  },
  'feed.title.neighborhood': {
    en: 'Announcements for {neighborhood}',
    es: 'Anuncios para {neighborhood}',
    pt: 'Avisos para {neighborhood}',
    pl: 'Ogłoszenia dla dzielnicy {neighborhood}',
  },
  'feed.description': {
    en: 'What the police department publishes for residents: updates on requests, community meetings and the results of problem solving.',
    es: 'Lo que el departamento de policía publica para los vecinos: novedades de solicitudes, reuniones comunitarias y resultados de la resolución de problemas.',
    pt: 'O que o departamento de polícia publica para os moradores: atualizações de pedidos, reuniões comunitárias e resultados da resolução de problemas.',
    pl: 'Informacje policji dla mieszkańców: aktualności zgłoszeń, spotkania społeczności i efekty rozwiązywania problemów.',
  },
  'feed.request-update.title': {
    en: 'Update on a {category} request in {neighborhood}',
    es: 'Novedad sobre una solicitud de {category} en {neighborhood}',
    pt: 'Atualização de um pedido de {category} em {neighborhood}',
    pl: 'Aktualizacja zgłoszenia „{category}” w dzielnicy {neighborhood}',
  },
  'feed.request-update.title.no-neighborhood': {
    en: 'Update on a {category} request',
    es: 'Novedad sobre una solicitud de {category}',
    pt: 'Atualização de um pedido de {category}',
    pl: 'Aktualizacja zgłoszenia „{category}”',
  },
  'feed.all-neighborhoods': {
    en: 'All neighborhoods',
    es: 'Todos los vecindarios',
    pt: 'Todos os bairros',
    pl: 'Wszystkie dzielnice',
  },

  // The public calendar of community meetings (the meetings module fills these in).
  'calendar.title': {
    en: 'Community meetings',
    es: 'Reuniones comunitarias',
    pt: 'Reuniões comunitárias',
    pl: 'Spotkania społeczności',
  },
  'calendar.title.neighborhood': {
    en: 'Community meetings in {neighborhood}',
    es: 'Reuniones comunitarias en {neighborhood}',
    pt: 'Reuniões comunitárias em {neighborhood}',
    pl: 'Spotkania społeczności w dzielnicy {neighborhood}',
  },
  'calendar.location': { en: 'Location', es: 'Lugar', pt: 'Local', pl: 'Miejsce' },
  'calendar.agenda': { en: 'Agenda', es: 'Orden del día', pt: 'Ordem de trabalhos', pl: 'Program' },
  'calendar.host': {
    en: 'Hosted by {name}',
    es: 'Organiza: {name}',
    pt: 'Organizado por {name}',
    pl: 'Prowadzi: {name}',
  },
  'calendar.interpretation': {
    en: 'Interpretation offered: {languages}',
    es: 'Interpretación disponible: {languages}',
    pt: 'Interpretação disponível: {languages}',
    pl: 'Dostępne tłumaczenie: {languages}',
  },
  'calendar.kind.community_meeting': {
    en: 'Community meeting',
    es: 'Reunión comunitaria',
    pt: 'Reunião comunitária',
    pl: 'Spotkanie społeczności',
  },
  'calendar.kind.education_session': {
    en: 'Education session',
    es: 'Sesión informativa',
    pt: 'Sessão informativa',
    pl: 'Spotkanie edukacyjne',
  },
  'calendar.kind.partner_meeting': {
    en: 'Partner meeting',
    es: 'Reunión con socios',
    pt: 'Reunião com parceiros',
    pl: 'Spotkanie z partnerami',
  },

  // Statistics.
  'stats.outside': {
    en: 'Outside every neighborhood',
    es: 'Fuera de los vecindarios',
    pt: 'Fora dos bairros',
    pl: 'Poza dzielnicami',
  },
  'stats.all-categories': {
    en: 'All categories',
    es: 'Todas las categorías',
    pt: 'Todas as categorias',
    pl: 'Wszystkie kategorie',
  },
  'stats.definitions': {
    en: 'Times are hours from when a request was received. The median is the middle value; the 90th percentile is the time within which 9 in 10 requests were answered. "Within target" is the share of requests answered within the department\'s target time, counting those still waiting only once their target time has passed.',
    es: 'Los tiempos son horas desde que se recibió la solicitud. La mediana es el valor central; el percentil 90 es el tiempo en que se atendieron 9 de cada 10 solicitudes. "Dentro del plazo" es la proporción de solicitudes atendidas dentro del plazo fijado por el departamento; las que aún esperan cuentan solo cuando su plazo ha vencido.',
    pt: 'Os tempos são horas desde a receção do pedido. A mediana é o valor central; o percentil 90 é o tempo em que 9 em cada 10 pedidos foram atendidos. "Dentro do prazo" é a proporção de pedidos atendidos dentro do prazo fixado pelo departamento; os que ainda aguardam só contam depois de o prazo terminar.',
    pl: 'Czasy podano w godzinach od przyjęcia zgłoszenia. Mediana to wartość środkowa; 90. percentyl to czas, w którym załatwiono 9 na 10 zgłoszeń. „W terminie” to odsetek zgłoszeń załatwionych w terminie wyznaczonym przez wydział; oczekujące liczą się dopiero po upływie terminu.',
  },

  // The public page.
  'page.title': {
    en: 'Your neighborhood and the police',
    es: 'Su vecindario y la policía',
    pt: 'O seu bairro e a polícia',
    pl: 'Twoja dzielnica i policja',
  },
  'page.intro': {
    en: 'Find your neighborhood lieutenant, follow your request and see how quickly requests are answered.',
    es: 'Encuentre a su teniente de vecindario, siga su solicitud y vea con qué rapidez se atienden las solicitudes.',
    pt: 'Encontre o tenente do seu bairro, acompanhe o seu pedido e veja a rapidez com que os pedidos são atendidos.',
    pl: 'Znajdź porucznika swojej dzielnicy, śledź swoje zgłoszenie i zobacz, jak szybko odpowiadamy.',
  },
  'page.skip': {
    en: 'Skip to main content',
    es: 'Ir al contenido principal',
    pt: 'Ir para o conteúdo principal',
    pl: 'Przejdź do treści',
  },
  'page.language': { en: 'Language', es: 'Idioma', pt: 'Idioma', pl: 'Język' },
  'page.loading': { en: 'Loading…', es: 'Cargando…', pt: 'A carregar…', pl: 'Wczytywanie…' },
  'page.error': {
    en: 'Something went wrong. Please try again.',
    es: 'Algo salió mal. Inténtelo de nuevo.',
    pt: 'Algo correu mal. Tente novamente.',
    pl: 'Coś poszło nie tak. Spróbuj ponownie.',
  },
  'page.find.heading': {
    en: 'Who is my lieutenant?',
    es: '¿Quién es mi teniente?',
    pt: 'Quem é o meu tenente?',
    pl: 'Kto jest moim porucznikiem?',
  },
  'page.find.label': {
    en: 'Your street address',
    es: 'Su dirección',
    pt: 'O seu endereço',
    pl: 'Twój adres',
  },
  'page.find.hint': {
    en: 'A house number and a street, for example 740 Main St.',
    es: 'Un número y una calle, por ejemplo 740 Main St.',
    pt: 'Um número e uma rua, por exemplo 740 Main St.',
    pl: 'Numer domu i ulica, na przykład 740 Main St.',
  },
  'page.find.submit': { en: 'Find', es: 'Buscar', pt: 'Procurar', pl: 'Szukaj' },
  'page.find.quality': {
    en: 'Match: {quality}',
    es: 'Coincidencia: {quality}',
    pt: 'Correspondência: {quality}',
    pl: 'Dopasowanie: {quality}',
  },
  'page.find.nearby': {
    en: 'Near {place}',
    es: 'Cerca de {place}',
    pt: 'Perto de {place}',
    pl: 'W pobliżu: {place}',
  },
  'page.contact.phone': { en: 'Phone', es: 'Teléfono', pt: 'Telefone', pl: 'Telefon' },
  'page.contact.email': { en: 'E-mail', es: 'Correo electrónico', pt: 'E-mail', pl: 'E-mail' },
  'page.neighborhood.outline': {
    en: 'Outline of {neighborhood}',
    es: 'Contorno de {neighborhood}',
    pt: 'Contorno de {neighborhood}',
    pl: 'Granice dzielnicy {neighborhood}',
  },
  'page.track.heading': {
    en: 'Track my request',
    es: 'Seguir mi solicitud',
    pt: 'Acompanhar o meu pedido',
    pl: 'Śledź moje zgłoszenie',
  },
  'page.track.label': {
    en: 'Tracking number',
    es: 'Número de seguimiento',
    pt: 'Número de acompanhamento',
    pl: 'Numer zgłoszenia',
  },
  'page.track.hint': {
    en: 'It looks like EH-2026-000123 and is in the confirmation you received.',
    es: 'Tiene el formato EH-2026-000123 y aparece en la confirmación que recibió.',
    pt: 'Tem o formato EH-2026-000123 e consta da confirmação que recebeu.',
    pl: 'Ma postać EH-2026-000123 i znajduje się w otrzymanym potwierdzeniu.',
  },
  'page.track.submit': { en: 'Track', es: 'Consultar', pt: 'Consultar', pl: 'Sprawdź' },
  'page.track.status': { en: 'Status', es: 'Estado', pt: 'Estado', pl: 'Status' },
  'page.track.category': { en: 'Category', es: 'Categoría', pt: 'Categoria', pl: 'Kategoria' },
  'page.track.neighborhood': { en: 'Neighborhood', es: 'Vecindario', pt: 'Bairro', pl: 'Dzielnica' },
  'page.track.location': { en: 'Location', es: 'Ubicación', pt: 'Localização', pl: 'Miejsce' },
  'page.track.received': { en: 'Received', es: 'Recibida', pt: 'Recebido', pl: 'Przyjęto' },
  'page.track.expected': {
    en: 'Expected by',
    es: 'Fecha prevista',
    pt: 'Data prevista',
    pl: 'Przewidywany termin',
  },
  'page.track.updates': { en: 'Updates', es: 'Novedades', pt: 'Atualizações', pl: 'Aktualności' },
  'page.track.no-updates': {
    en: 'No public updates yet.',
    es: 'Todavía no hay novedades públicas.',
    pt: 'Ainda não há atualizações públicas.',
    pl: 'Brak jeszcze publicznych aktualności.',
  },
  'page.track.duplicate-of': {
    en: 'This request was merged with {trackingNumber}.',
    es: 'Esta solicitud se unió a {trackingNumber}.',
    pt: 'Este pedido foi juntado a {trackingNumber}.',
    pl: 'To zgłoszenie połączono ze zgłoszeniem {trackingNumber}.',
  },
  'page.stats.heading': {
    en: 'How quickly are requests answered?',
    es: '¿Con qué rapidez se atienden las solicitudes?',
    pt: 'Com que rapidez são atendidos os pedidos?',
    pl: 'Jak szybko odpowiadamy na zgłoszenia?',
  },
  'page.stats.neighborhood': { en: 'Neighborhood', es: 'Vecindario', pt: 'Bairro', pl: 'Dzielnica' },
  'page.stats.period': { en: 'Period', es: 'Periodo', pt: 'Período', pl: 'Okres' },
  'page.stats.period.30': {
    en: 'Last 30 days',
    es: 'Últimos 30 días',
    pt: 'Últimos 30 dias',
    pl: 'Ostatnie 30 dni',
  },
  'page.stats.period.90': {
    en: 'Last 90 days',
    es: 'Últimos 90 días',
    pt: 'Últimos 90 dias',
    pl: 'Ostatnie 90 dni',
  },
  'page.stats.period.365': {
    en: 'Last 12 months',
    es: 'Últimos 12 meses',
    pt: 'Últimos 12 meses',
    pl: 'Ostatnie 12 miesięcy',
  },
  'page.stats.show': { en: 'Show', es: 'Mostrar', pt: 'Mostrar', pl: 'Pokaż' },
  'page.stats.caption': {
    en: 'Requests in {neighborhood}, {from} to {to}',
    es: 'Solicitudes en {neighborhood}, del {from} al {to}',
    pt: 'Pedidos em {neighborhood}, de {from} a {to}',
    pl: 'Zgłoszenia w dzielnicy {neighborhood}, od {from} do {to}',
  },
  'page.stats.category': { en: 'Category', es: 'Categoría', pt: 'Categoria', pl: 'Kategoria' },
  'page.stats.requests': { en: 'Requests', es: 'Solicitudes', pt: 'Pedidos', pl: 'Zgłoszenia' },
  'page.stats.first-response': {
    en: 'First response (hours)',
    es: 'Primera respuesta (horas)',
    pt: 'Primeira resposta (horas)',
    pl: 'Pierwsza odpowiedź (godz.)',
  },
  'page.stats.resolution': {
    en: 'Resolution (hours)',
    es: 'Resolución (horas)',
    pt: 'Resolução (horas)',
    pl: 'Załatwienie (godz.)',
  },
  'page.stats.median': { en: 'median', es: 'mediana', pt: 'mediana', pl: 'mediana' },
  'page.stats.p90': { en: '90th percentile', es: 'percentil 90', pt: 'percentil 90', pl: '90. percentyl' },
  'page.stats.within-target': {
    en: 'Within target',
    es: 'Dentro del plazo',
    pt: 'Dentro do prazo',
    pl: 'W terminie',
  },
  'page.stats.none': {
    en: 'No requests in this period.',
    es: 'No hay solicitudes en este periodo.',
    pt: 'Não há pedidos neste período.',
    pl: 'Brak zgłoszeń w tym okresie.',
  },
  'page.stats.all': {
    en: 'All requests',
    es: 'Todas las solicitudes',
    pt: 'Todos os pedidos',
    pl: 'Wszystkie zgłoszenia',
  },
  'page.meetings.heading': {
    en: 'Upcoming meetings',
    es: 'Próximas reuniones',
    pt: 'Próximas reuniões',
    pl: 'Najbliższe spotkania',
  },
  'page.meetings.none': {
    en: 'No meetings are scheduled.',
    es: 'No hay reuniones programadas.',
    pt: 'Não há reuniões agendadas.',
    pl: 'Brak zaplanowanych spotkań.',
  },
  'page.meetings.cancelled': {
    en: 'cancelled',
    es: 'cancelada',
    pt: 'cancelada',
    pl: 'odwołane',
  },
  'page.links.calendar': {
    en: 'Meetings calendar (iCalendar)',
    es: 'Calendario de reuniones (iCalendar)',
    pt: 'Calendário de reuniões (iCalendar)',
    pl: 'Kalendarz spotkań (iCalendar)',
  },
  'page.links.heading': {
    en: 'Follow and reuse',
    es: 'Seguir y reutilizar',
    pt: 'Seguir e reutilizar',
    pl: 'Obserwuj i wykorzystuj',
  },
  'page.links.feed': {
    en: 'Announcements feed (RSS)',
    es: 'Canal de anuncios (RSS)',
    pt: 'Canal de avisos (RSS)',
    pl: 'Kanał ogłoszeń (RSS)',
  },
  'page.links.open-data': {
    en: 'Open data: requests as CSV',
    es: 'Datos abiertos: solicitudes en CSV',
    pt: 'Dados abertos: pedidos em CSV',
    pl: 'Otwarte dane: zgłoszenia w CSV',
  },
} satisfies Record<string, SeedText>;

export type PublicTextKey = keyof typeof textCatalog;

/** The {placeholders} a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)].map((match) => match[1]!);
}
