// Demo categories of request for a police Community Outreach Division, with Open311 service codes,
// names and descriptions in English, Spanish, Portuguese and Polish, a few custom questions and SLA
// targets. A department replaces them with its own through the service-types API.

import type { LocalizedText, ServiceTypeAttribute, SlaTargets } from '../../db/schema/index.ts';

export interface DemoServiceType {
  code: string;
  group: string;
  name: LocalizedText;
  description: LocalizedText;
  keywords: string[];
  attributes: ServiceTypeAttribute[];
  sla: SlaTargets;
  defaultPriority: 'P1' | 'P2' | 'P3' | 'P4';
  /** How often it comes in, relative to the others. */
  weight: number;
  /** Descriptions requesters typically give, for the generated requests. */
  samples: string[];
}

const calendar = (
  p1: [number, number],
  p2: [number, number],
  p3: [number, number],
  p4: [number, number],
): SlaTargets => ({
  clock: 'calendar',
  targets: {
    P1: { firstResponseHours: p1[0], resolutionHours: p1[1] },
    P2: { firstResponseHours: p2[0], resolutionHours: p2[1] },
    P3: { firstResponseHours: p3[0], resolutionHours: p3[1] },
    P4: { firstResponseHours: p4[0], resolutionHours: p4[1] },
  },
});
const business = (
  p1: [number, number],
  p2: [number, number],
  p3: [number, number],
  p4: [number, number],
): SlaTargets => ({
  ...calendar(p1, p2, p3, p4),
  clock: 'business',
});

const yesNo = [
  { key: 'yes', name: { en: 'Yes', es: 'Sí', pt: 'Sim', pl: 'Tak' } },
  { key: 'no', name: { en: 'No', es: 'No', pt: 'Não', pl: 'Nie' } },
];

const timeOfDay = {
  code: 'TIME_OF_DAY',
  datatype: 'singlevaluelist' as const,
  required: false,
  order: 1,
  description: {
    en: 'When does it usually happen?',
    es: '¿Cuándo suele ocurrir?',
    pt: 'Quando costuma acontecer?',
    pl: 'Kiedy to zwykle się dzieje?',
  },
  values: [
    { key: 'morning', name: { en: 'Morning', es: 'Mañana', pt: 'Manhã', pl: 'Rano' } },
    { key: 'afternoon', name: { en: 'Afternoon', es: 'Tarde', pt: 'Tarde', pl: 'Po południu' } },
    { key: 'evening', name: { en: 'Evening', es: 'Noche', pt: 'Noite', pl: 'Wieczorem' } },
    {
      key: 'late_night',
      name: {
        en: 'After midnight',
        es: 'Después de medianoche',
        pt: 'Depois da meia-noite',
        pl: 'Po północy',
      },
    },
  ],
};

export const demoServiceTypes: readonly DemoServiceType[] = [
  {
    code: 'noise-complaint',
    group: 'Quality of life',
    name: {
      en: 'Noise complaint',
      es: 'Queja por ruido',
      pt: 'Reclamação de barulho',
      pl: 'Skarga na hałas',
    },
    description: {
      en: 'Loud music, parties, barking dogs or vehicles at unreasonable hours.',
      es: 'Música alta, fiestas, perros que ladran o vehículos a horas inapropiadas.',
      pt: 'Música alta, festas, cães latindo ou veículos em horários inadequados.',
      pl: 'Głośna muzyka, imprezy, szczekające psy lub pojazdy o nieodpowiednich porach.',
    },
    keywords: ['noise', 'music', 'party', 'loud', 'ruido', 'barulho', 'hałas'],
    attributes: [
      timeOfDay,
      {
        code: 'RECURRING',
        datatype: 'singlevaluelist',
        required: true,
        order: 2,
        description: {
          en: 'Has this happened before?',
          es: '¿Ha ocurrido antes?',
          pt: 'Isso já aconteceu antes?',
          pl: 'Czy to zdarzyło się już wcześniej?',
        },
        values: yesNo,
      },
    ],
    sla: calendar([1, 8], [4, 24], [24, 72], [48, 168]),
    defaultPriority: 'P3',
    weight: 16,
    samples: [
      'Loud music from the house next door every weekend until 2am.',
      'Party with amplified music in the back yard, cars blocking the street.',
      'Dog barking for hours while the owners are away.',
      'Motorcycles revving engines in the parking lot late at night.',
    ],
  },
  {
    code: 'abandoned-vehicle',
    group: 'Traffic and vehicles',
    name: {
      en: 'Abandoned vehicle',
      es: 'Vehículo abandonado',
      pt: 'Veículo abandonado',
      pl: 'Porzucony pojazd',
    },
    description: {
      en: 'A vehicle left on a public street for more than 72 hours, unregistered or inoperable.',
      es: 'Un vehículo dejado en la vía pública más de 72 horas, sin registro o inservible.',
      pt: 'Um veículo deixado na via pública por mais de 72 horas, sem registro ou sem condições de uso.',
      pl: 'Pojazd pozostawiony na ulicy dłużej niż 72 godziny, niezarejestrowany lub niesprawny.',
    },
    keywords: ['car', 'vehicle', 'parked', 'abandoned', 'plates'],
    attributes: [
      {
        code: 'PLATE',
        datatype: 'string',
        required: false,
        order: 1,
        description: {
          en: 'Licence plate (if visible)',
          es: 'Matrícula (si se ve)',
          pt: 'Placa (se visível)',
          pl: 'Numer rejestracyjny (jeśli widoczny)',
        },
      },
      {
        code: 'DAYS_PARKED',
        datatype: 'number',
        required: true,
        order: 2,
        description: {
          en: 'For about how many days has it been there?',
          es: '¿Desde hace cuántos días está ahí?',
          pt: 'Há quantos dias está lá?',
          pl: 'Od ilu mniej więcej dni tam stoi?',
        },
      },
    ],
    sla: business([4, 16], [8, 40], [16, 80], [24, 120]),
    defaultPriority: 'P4',
    weight: 10,
    samples: [
      'Silver sedan with flat tyres and expired plates has not moved in two weeks.',
      'Pickup truck with no plates parked in front of the school since last month.',
      'Car with a smashed window left on the corner, leaking fluid.',
    ],
  },
  {
    code: 'traffic-speeding',
    group: 'Traffic and vehicles',
    name: {
      en: 'Speeding or traffic concern',
      es: 'Exceso de velocidad o problema de tráfico',
      pt: 'Excesso de velocidade ou problema de trânsito',
      pl: 'Przekraczanie prędkości lub problem z ruchem',
    },
    description: {
      en: 'Speeding, running stop signs, dangerous driving or a location that needs enforcement.',
      es: 'Exceso de velocidad, no respetar señales de alto, conducción peligrosa o un lugar que necesita vigilancia.',
      pt: 'Excesso de velocidade, desrespeito a placas de pare, direção perigosa ou um local que precisa de fiscalização.',
      pl: 'Przekraczanie prędkości, ignorowanie znaków stop, niebezpieczna jazda lub miejsce wymagające kontroli.',
    },
    keywords: ['speeding', 'traffic', 'stop sign', 'cars', 'velocidad', 'trânsito'],
    attributes: [
      timeOfDay,
      {
        code: 'NEAR_SCHOOL',
        datatype: 'singlevaluelist',
        required: false,
        order: 2,
        description: {
          en: 'Is it near a school or park?',
          es: '¿Está cerca de una escuela o parque?',
          pt: 'Fica perto de uma escola ou parque?',
          pl: 'Czy to w pobliżu szkoły lub parku?',
        },
        values: yesNo,
      },
    ],
    sla: business([2, 16], [8, 40], [16, 80], [24, 160]),
    defaultPriority: 'P3',
    weight: 14,
    samples: [
      'Cars speeding down the street as a cut-through during the morning commute.',
      'Drivers roll through the stop sign at the corner every day around school dismissal.',
      'Street racing on the main road on Friday nights.',
    ],
  },
  {
    code: 'drug-activity-tip',
    group: 'Crime tips',
    name: {
      en: 'Drug activity tip',
      es: 'Aviso de actividad de drogas',
      pt: 'Denúncia de atividade com drogas',
      pl: 'Zgłoszenie handlu narkotykami',
    },
    description: {
      en: 'Suspected drug dealing or use at a location. For emergencies call 911.',
      es: 'Sospecha de venta o consumo de drogas en un lugar. En emergencias llame al 911.',
      pt: 'Suspeita de venda ou uso de drogas em um local. Em emergências ligue para 911.',
      pl: 'Podejrzenie handlu lub zażywania narkotyków w danym miejscu. W nagłych wypadkach dzwoń pod 911.',
    },
    keywords: ['drugs', 'dealing', 'tip', 'drogas'],
    attributes: [
      timeOfDay,
      {
        code: 'VEHICLES_INVOLVED',
        datatype: 'text',
        required: false,
        order: 2,
        description: {
          en: 'Vehicles involved (make, colour, plate)',
          es: 'Vehículos involucrados',
          pt: 'Veículos envolvidos',
          pl: 'Pojazdy (marka, kolor, numer)',
        },
      },
    ],
    sla: calendar([1, 24], [4, 72], [24, 168], [48, 336]),
    defaultPriority: 'P2',
    weight: 7,
    samples: [
      'Short visits to the same apartment all evening, cars stopping for a minute and leaving.',
      'Hand-to-hand exchanges behind the convenience store after dark.',
    ],
  },
  {
    code: 'graffiti',
    group: 'Property',
    name: { en: 'Graffiti', es: 'Grafiti', pt: 'Pichação', pl: 'Graffiti' },
    description: {
      en: 'Graffiti or tagging on public or private property.',
      es: 'Grafitis o pintadas en propiedad pública o privada.',
      pt: 'Pichações em propriedade pública ou privada.',
      pl: 'Graffiti lub tagi na mieniu publicznym lub prywatnym.',
    },
    keywords: ['graffiti', 'tagging', 'paint', 'vandalism'],
    attributes: [
      {
        code: 'SURFACE',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        description: { en: 'Where is it?', es: '¿Dónde está?', pt: 'Onde está?', pl: 'Gdzie to jest?' },
        values: [
          { key: 'building', name: { en: 'Building wall', es: 'Pared', pt: 'Parede', pl: 'Ściana budynku' } },
          { key: 'sign', name: { en: 'Street sign', es: 'Señal', pt: 'Placa', pl: 'Znak drogowy' } },
          { key: 'fence', name: { en: 'Fence', es: 'Cerca', pt: 'Cerca', pl: 'Ogrodzenie' } },
          { key: 'other', name: { en: 'Other', es: 'Otro', pt: 'Outro', pl: 'Inne' } },
        ],
      },
      {
        code: 'OFFENSIVE',
        datatype: 'singlevaluelist',
        required: false,
        order: 2,
        description: {
          en: 'Is it offensive or gang-related?',
          es: '¿Es ofensivo o de pandillas?',
          pt: 'É ofensivo ou de gangue?',
          pl: 'Czy jest obraźliwe lub gangowe?',
        },
        values: yesNo,
      },
    ],
    sla: business([8, 40], [16, 80], [24, 120], [40, 200]),
    defaultPriority: 'P4',
    weight: 9,
    samples: [
      'Fresh tags sprayed on the side of the laundromat overnight.',
      'Gang-style graffiti on the bridge underpass near the bike path.',
      'Street sign covered in spray paint, cannot read it.',
    ],
  },
  {
    code: 'blight-property',
    group: 'Property',
    name: {
      en: 'Blight or property nuisance',
      es: 'Propiedad deteriorada o molesta',
      pt: 'Imóvel degradado ou incômodo',
      pl: 'Zaniedbana lub uciążliwa nieruchomość',
    },
    description: {
      en: 'Vacant or neglected buildings, trash, overgrowth or squatting.',
      es: 'Edificios vacíos o descuidados, basura, maleza u ocupación ilegal.',
      pt: 'Imóveis vazios ou abandonados, lixo, mato alto ou ocupação irregular.',
      pl: 'Puste lub zaniedbane budynki, śmieci, zarośnięte posesje lub dzikie lokatorstwo.',
    },
    keywords: ['blight', 'vacant', 'trash', 'squatters', 'overgrown'],
    attributes: [
      {
        code: 'VACANT',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        description: {
          en: 'Is the building vacant?',
          es: '¿Está vacío el edificio?',
          pt: 'O imóvel está vazio?',
          pl: 'Czy budynek jest pusty?',
        },
        values: yesNo,
      },
    ],
    sla: business([16, 80], [24, 120], [40, 200], [80, 400]),
    defaultPriority: 'P4',
    weight: 8,
    samples: [
      'Vacant house with broken windows, people going in and out at night.',
      'Trash and old furniture piling up in the yard for weeks, rats seen.',
    ],
  },
  {
    code: 'meet-my-lieutenant',
    group: 'Community',
    name: {
      en: 'Request a meeting with my lieutenant',
      es: 'Solicitar una reunión con mi teniente',
      pt: 'Pedir uma reunião com meu tenente',
      pl: 'Prośba o spotkanie z moim porucznikiem',
    },
    description: {
      en: "Ask your neighborhood's coordination lieutenant for a meeting about a problem on your street.",
      es: 'Pida una reunión con el teniente coordinador de su vecindario sobre un problema en su calle.',
      pt: 'Peça uma reunião com o tenente coordenador do seu bairro sobre um problema na sua rua.',
      pl: 'Poproś porucznika koordynującego swojej dzielnicy o spotkanie w sprawie problemu na Twojej ulicy.',
    },
    keywords: ['meeting', 'lieutenant', 'talk', 'reunión', 'reunião', 'spotkanie'],
    attributes: [
      {
        code: 'PREFERRED_DATE',
        datatype: 'datetime',
        required: false,
        order: 1,
        description: {
          en: 'Preferred date and time',
          es: 'Fecha y hora preferidas',
          pt: 'Data e hora preferidas',
          pl: 'Preferowana data i godzina',
        },
      },
      {
        code: 'GROUP_SIZE',
        datatype: 'number',
        required: false,
        order: 2,
        description: {
          en: 'How many neighbors would attend?',
          es: '¿Cuántos vecinos asistirían?',
          pt: 'Quantos vizinhos participariam?',
          pl: 'Ilu sąsiadów weźmie udział?',
        },
      },
    ],
    sla: business([8, 40], [16, 80], [16, 80], [24, 120]),
    defaultPriority: 'P3',
    weight: 5,
    samples: [
      'Our block association would like to meet the lieutenant about speeding and break-ins.',
      'I would like to talk to the lieutenant about the problems at the corner store.',
    ],
  },
  {
    code: 'park-safety',
    group: 'Community',
    name: {
      en: 'Park safety',
      es: 'Seguridad en el parque',
      pt: 'Segurança no parque',
      pl: 'Bezpieczeństwo w parku',
    },
    description: {
      en: 'Safety concerns in a park or playground: lighting, people sleeping, drinking, needles.',
      es: 'Problemas de seguridad en un parque o área de juegos: iluminación, personas durmiendo, alcohol, jeringas.',
      pt: 'Problemas de segurança em parque ou playground: iluminação, pessoas dormindo, bebida, seringas.',
      pl: 'Problemy z bezpieczeństwem w parku lub na placu zabaw: oświetlenie, śpiący ludzie, alkohol, igły.',
    },
    keywords: ['park', 'playground', 'needles', 'lights'],
    attributes: [timeOfDay],
    sla: calendar([2, 24], [8, 72], [24, 120], [48, 240]),
    defaultPriority: 'P3',
    weight: 7,
    samples: [
      'Needles found near the playground slide this morning.',
      'Lights at the basketball court are out and groups gather there drinking after dark.',
    ],
  },
  {
    code: 'loitering',
    group: 'Quality of life',
    name: { en: 'Loitering', es: 'Merodeo', pt: 'Vadiagem', pl: 'Wałęsanie się' },
    description: {
      en: 'Groups gathering and blocking entrances or sidewalks, harassing passers-by.',
      es: 'Grupos que se reúnen y bloquean entradas o aceras, molestando a los transeúntes.',
      pt: 'Grupos que se reúnem e bloqueiam entradas ou calçadas, incomodando quem passa.',
      pl: 'Grupy zbierające się i blokujące wejścia lub chodniki, zaczepiające przechodniów.',
    },
    keywords: ['loitering', 'groups', 'hanging out', 'harassment'],
    attributes: [timeOfDay],
    sla: calendar([2, 24], [8, 72], [24, 120], [48, 240]),
    defaultPriority: 'P3',
    weight: 6,
    samples: [
      'Group hanging out in front of the pharmacy every evening, customers afraid to go in.',
      'Young men blocking the bus stop and harassing people waiting.',
    ],
  },
  {
    code: 'quality-of-life',
    group: 'Quality of life',
    name: {
      en: 'Other quality-of-life issue',
      es: 'Otro problema de calidad de vida',
      pt: 'Outro problema de qualidade de vida',
      pl: 'Inny problem z jakością życia',
    },
    description: {
      en: 'A recurring neighborhood problem that fits no other category.',
      es: 'Un problema recurrente del vecindario que no encaja en otra categoría.',
      pt: 'Um problema recorrente do bairro que não se encaixa em outra categoria.',
      pl: 'Powtarzający się problem w okolicy, który nie pasuje do innej kategorii.',
    },
    keywords: ['neighborhood', 'problem', 'other'],
    attributes: [],
    sla: business([8, 40], [16, 80], [24, 120], [40, 200]),
    defaultPriority: 'P4',
    weight: 6,
    samples: [
      'Shopping carts dumped along the street and in the brook.',
      'People urinating behind the bus shelter every day.',
    ],
  },
  {
    code: 'welfare-check-follow-up',
    group: 'Community',
    name: {
      en: 'Welfare check follow-up',
      es: 'Seguimiento de control de bienestar',
      pt: 'Acompanhamento de verificação de bem-estar',
      pl: 'Kontynuacja sprawdzenia stanu osoby',
    },
    description: {
      en: 'Follow-up on an earlier welfare check: an elderly or vulnerable neighbor who may need services. For emergencies call 911.',
      es: 'Seguimiento de un control anterior: un vecino mayor o vulnerable que puede necesitar servicios. En emergencias llame al 911.',
      pt: 'Acompanhamento de uma verificação anterior: um vizinho idoso ou vulnerável que pode precisar de serviços. Em emergências ligue para 911.',
      pl: 'Kontynuacja wcześniejszej wizyty: starszy lub bezbronny sąsiad, który może potrzebować pomocy. W nagłych wypadkach dzwoń pod 911.',
    },
    keywords: ['welfare', 'elderly', 'check', 'neighbor'],
    attributes: [
      {
        code: 'ALREADY_CALLED_911',
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        description: {
          en: 'Was 911 called about this before?',
          es: '¿Se llamó antes al 911?',
          pt: 'Já ligaram para o 911 sobre isso?',
          pl: 'Czy wcześniej dzwoniono pod 911?',
        },
        values: yesNo,
      },
    ],
    sla: calendar([1, 8], [2, 24], [8, 48], [24, 96]),
    defaultPriority: 'P2',
    weight: 5,
    samples: [
      'Elderly neighbor has not picked up her mail in a week since officers visited.',
      'Follow-up: the man living in his car behind the church still needs shelter information.',
    ],
  },
  {
    code: 'community-event-request',
    group: 'Community',
    name: {
      en: 'Community event request',
      es: 'Solicitud para evento comunitario',
      pt: 'Pedido para evento comunitário',
      pl: 'Prośba o udział w wydarzeniu lokalnym',
    },
    description: {
      en: 'Ask for officers at a block party, school fair or a safety talk.',
      es: 'Solicite agentes para una fiesta de cuadra, feria escolar o charla de seguridad.',
      pt: 'Peça policiais para uma festa de rua, feira escolar ou palestra de segurança.',
      pl: 'Poproś o obecność funkcjonariuszy na festynie, szkolnym kiermaszu lub pogadance o bezpieczeństwie.',
    },
    keywords: ['event', 'block party', 'talk', 'school', 'evento'],
    attributes: [
      {
        code: 'EVENT_DATE',
        datatype: 'datetime',
        required: true,
        order: 1,
        description: {
          en: 'Date and time of the event',
          es: 'Fecha y hora del evento',
          pt: 'Data e hora do evento',
          pl: 'Data i godzina wydarzenia',
        },
      },
      {
        code: 'ATTENDANCE',
        datatype: 'number',
        required: false,
        order: 2,
        description: {
          en: 'Expected attendance',
          es: 'Asistencia esperada',
          pt: 'Público esperado',
          pl: 'Przewidywana liczba uczestników',
        },
      },
    ],
    sla: business([16, 80], [24, 120], [40, 160], [40, 200]),
    defaultPriority: 'P4',
    weight: 4,
    samples: [
      'Block party on our street next month, would love a cruiser and officers for the kids.',
      'The elementary school asks for a bike safety talk at the spring fair.',
    ],
  },
];

/** Replies staff start from, in the four public languages. */
export const demoResponseTemplates: ReadonlyArray<{
  serviceCode: string | null;
  status: 'new' | 'triaged' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | null;
  title: string;
  body: LocalizedText;
}> = [
  {
    serviceCode: null,
    status: 'triaged',
    title: 'We received your request',
    body: {
      en: 'Thank you. We received your request and it has been sent to your neighborhood team.',
      es: 'Gracias. Recibimos su solicitud y la enviamos al equipo de su vecindario.',
      pt: 'Obrigado. Recebemos o seu pedido e ele foi enviado à equipe do seu bairro.',
      pl: 'Dziękujemy. Otrzymaliśmy zgłoszenie i przekazaliśmy je zespołowi Twojej dzielnicy.',
    },
  },
  {
    serviceCode: null,
    status: 'in_progress',
    title: 'An officer is working on it',
    body: {
      en: 'An officer has been assigned and is working on your request.',
      es: 'Se asignó un agente que está trabajando en su solicitud.',
      pt: 'Um policial foi designado e está cuidando do seu pedido.',
      pl: 'Funkcjonariusz został przydzielony i zajmuje się Twoim zgłoszeniem.',
    },
  },
  {
    serviceCode: null,
    status: 'resolved',
    title: 'Resolved',
    body: {
      en: 'We have addressed your request. If the problem comes back, reply with your tracking number.',
      es: 'Hemos atendido su solicitud. Si el problema vuelve, responda con su número de seguimiento.',
      pt: 'Atendemos o seu pedido. Se o problema voltar, responda com o seu número de acompanhamento.',
      pl: 'Zajęliśmy się Twoim zgłoszeniem. Jeśli problem powróci, odpowiedz, podając numer zgłoszenia.',
    },
  },
  {
    serviceCode: 'noise-complaint',
    status: 'resolved',
    title: 'Noise: officers visited',
    body: {
      en: 'Officers visited the address and spoke with the residents about the noise.',
      es: 'Los agentes visitaron la dirección y hablaron con los residentes sobre el ruido.',
      pt: 'Os policiais foram ao endereço e conversaram com os moradores sobre o barulho.',
      pl: 'Funkcjonariusze odwiedzili adres i rozmawiali z mieszkańcami o hałasie.',
    },
  },
  {
    serviceCode: 'abandoned-vehicle',
    status: 'in_progress',
    title: 'Vehicle tagged for towing',
    body: {
      en: 'The vehicle has been tagged. If it is not moved within 72 hours it will be towed.',
      es: 'El vehículo fue marcado. Si no se mueve en 72 horas será remolcado.',
      pt: 'O veículo foi notificado. Se não for retirado em 72 horas, será rebocado.',
      pl: 'Pojazd został oznaczony. Jeśli nie zostanie przestawiony w ciągu 72 godzin, zostanie odholowany.',
    },
  },
  {
    serviceCode: 'meet-my-lieutenant',
    status: 'assigned',
    title: 'The lieutenant will contact you',
    body: {
      en: 'Your neighborhood lieutenant will contact you to arrange a meeting.',
      es: 'El teniente de su vecindario se comunicará con usted para concertar una reunión.',
      pt: 'O tenente do seu bairro entrará em contato para marcar uma reunião.',
      pl: 'Porucznik Twojej dzielnicy skontaktuje się z Tobą, aby umówić spotkanie.',
    },
  },
];
