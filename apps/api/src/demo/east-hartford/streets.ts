// Demo-mode streets and address points for East Hartford, CT.
//
// The street NAMES are real East Hartford streets; the centrelines are hand-drawn approximations (a few
// vertices each), placed where each street is as far as public sources tell, often only to the
// neighborhood. House-number ranges are plausible, not surveyed. Two places are pinned on purpose,
// because demos and tests look for them: '740 Main St' sits at the real Town Hall and '31 School St'
// (police headquarters) on School Street just east of Main Street.
//
// Nothing here is meant for real dispatch or geocoding; it only gives the demo a believable address
// book whose every point falls inside the town and inside exactly one demo neighborhood.

import type { LonLat } from './neighborhoods.ts';

export type DemoZip = '06108' | '06118';

export interface DemoStreet {
  /** One-line street name with the USPS suffix abbreviation, as it appears in an address. */
  name: string;
  zip: DemoZip;
  /** House number at the first vertex of `line` (numbers grow along the line). */
  from: number;
  /** House number at the last vertex of `line`. */
  to: number;
  /** Approximate centreline, WGS84 [lon, lat], drawn in the direction house numbers increase. */
  line: LonLat[];
}

export interface DemoAddressPoint {
  address: string;
  lat: number;
  lon: number;
}

/** Landmark addresses that demo scripts and tests rely on. */
export const DEMO_LANDMARK_ADDRESSES = {
  townHall: '740 Main St',
  policeHeadquarters: '31 School St',
  rentschlerField: '615 Silver Ln',
} as const;

// ZIP 06108 is the northern half of town and 06118 the southern half; the line runs roughly along
// Silver Lane east of Main Street, so long streets that cross it are split into two entries with
// disjoint number ranges (Main St, Forbes St).
export const demoStreets: readonly DemoStreet[] = [
  // Hockanum: the town center along Main Street and the streets between the river and Prospect Street.
  {
    name: 'Main St',
    zip: '06118',
    from: 1,
    to: 598,
    line: [
      [-72.6195, 41.7296],
      [-72.6282, 41.7352],
      [-72.6345, 41.7425],
      [-72.6392, 41.75],
      [-72.6428, 41.758],
      [-72.6436, 41.7622],
    ],
  },
  // The second vertex is the Town Hall frontage: the range is chosen so that 740 lands there.
  {
    name: 'Main St',
    zip: '06108',
    from: 600,
    to: 1820,
    line: [
      [-72.6436, 41.7622],
      [-72.6446, 41.766],
      [-72.642, 41.7728],
      [-72.6402, 41.781],
      [-72.6393, 41.789],
      [-72.6398, 41.7955],
    ],
  },
  // Starts at Main Street just south of Town Hall; 31 is about 130 m in.
  {
    name: 'School St',
    zip: '06108',
    from: 1,
    to: 455,
    line: [
      [-72.6443, 41.765],
      [-72.637, 41.7655],
      [-72.631, 41.769],
      [-72.6288, 41.7748],
    ],
  },
  {
    name: 'Pitkin St',
    zip: '06108',
    from: 1,
    to: 219,
    line: [
      [-72.6437, 41.763],
      [-72.65, 41.763],
      [-72.6585, 41.7622],
    ],
  },
  {
    name: 'Connecticut Blvd',
    zip: '06108',
    from: 1,
    to: 999,
    line: [
      [-72.659, 41.765],
      [-72.652, 41.7668],
      [-72.647, 41.769],
      [-72.6429, 41.7706],
    ],
  },
  {
    name: 'East River Dr',
    zip: '06108',
    from: 1,
    to: 399,
    line: [
      [-72.6555, 41.7742],
      [-72.66, 41.7705],
      [-72.661, 41.766],
      [-72.659, 41.761],
      [-72.6562, 41.7568],
    ],
  },
  {
    name: 'Governor St',
    zip: '06108',
    from: 1,
    to: 199,
    line: [
      [-72.6419, 41.7733],
      [-72.6475, 41.7742],
      [-72.6525, 41.7755],
    ],
  },
  {
    name: 'Chapman Pl',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.644, 41.7645],
      [-72.6482, 41.7646],
    ],
  },
  {
    name: 'Jayce St',
    zip: '06108',
    from: 1,
    to: 79,
    line: [
      [-72.6553, 41.7625],
      [-72.6572, 41.759],
    ],
  },
  {
    name: 'Woodbridge Ave',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.6444, 41.7665],
      [-72.6395, 41.7667],
    ],
  },
  {
    name: 'Linden St',
    zip: '06108',
    from: 1,
    to: 39,
    line: [
      [-72.6422, 41.7672],
      [-72.6441, 41.7672],
    ],
  },
  {
    name: 'Webster St',
    zip: '06108',
    from: 1,
    to: 49,
    line: [
      [-72.6422, 41.7666],
      [-72.6422, 41.769],
    ],
  },
  {
    name: 'Maplewood Ave',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.6439, 41.7678],
      [-72.6385, 41.768],
    ],
  },
  {
    name: 'Claremont St',
    zip: '06108',
    from: 1,
    to: 29,
    line: [
      [-72.6402, 41.7679],
      [-72.6402, 41.769],
    ],
  },
  {
    name: 'Oakland Ave',
    zip: '06108',
    from: 1,
    to: 39,
    line: [
      [-72.6385, 41.7691],
      [-72.6385, 41.7672],
    ],
  },
  {
    name: 'Park Ave',
    zip: '06108',
    from: 1,
    to: 399,
    line: [
      [-72.6434, 41.769],
      [-72.6375, 41.7691],
      [-72.631, 41.769],
    ],
  },
  {
    name: 'Franklin St',
    zip: '06108',
    from: 1,
    to: 49,
    line: [
      [-72.64, 41.7691],
      [-72.64, 41.7706],
    ],
  },
  {
    name: 'Deerfield Ave',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6368, 41.7691],
      [-72.6368, 41.7711],
    ],
  },
  {
    name: 'Michael Ave',
    zip: '06108',
    from: 1,
    to: 49,
    line: [
      [-72.6392, 41.7711],
      [-72.6352, 41.7711],
    ],
  },
  {
    name: 'Rector St',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6418, 41.774],
      [-72.6373, 41.7742],
    ],
  },
  {
    name: 'Prospect St',
    zip: '06108',
    from: 1,
    to: 799,
    line: [
      [-72.6375, 41.7726],
      [-72.6365, 41.78],
      [-72.6358, 41.788],
      [-72.6355, 41.796],
    ],
  },
  {
    name: 'Columbus St',
    zip: '06108',
    from: 1,
    to: 129,
    line: [
      [-72.6368, 41.7772],
      [-72.6335, 41.7776],
    ],
  },
  {
    name: 'Columbus Cir',
    zip: '06108',
    from: 1,
    to: 39,
    line: [
      [-72.6335, 41.7776],
      [-72.6338, 41.78],
      [-72.6355, 41.7805],
    ],
  },
  {
    name: 'Hamilton Rd',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.6401, 41.7815],
      [-72.6435, 41.7818],
      [-72.6462, 41.7808],
    ],
  },
  {
    name: 'Sterling Rd',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6363, 41.7836],
      [-72.6398, 41.7838],
    ],
  },
  {
    name: 'Remington Rd',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.6361, 41.7848],
      [-72.6314, 41.7848],
      [-72.6306, 41.783],
    ],
  },
  {
    name: 'Springside Ave',
    zip: '06108',
    from: 1,
    to: 79,
    line: [
      [-72.6397, 41.785],
      [-72.644, 41.7852],
    ],
  },
  {
    name: 'Stanley St',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.632, 41.7862],
      [-72.636, 41.7865],
      [-72.6394, 41.7868],
    ],
  },
  {
    name: 'Greene Ter',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6394, 41.788],
      [-72.643, 41.7882],
    ],
  },
  {
    name: 'Rose St',
    zip: '06108',
    from: 1,
    to: 49,
    line: [
      [-72.6428, 41.7881],
      [-72.6426, 41.7853],
    ],
  },
  {
    name: 'Edward St',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6357, 41.7892],
      [-72.6332, 41.7882],
      [-72.6322, 41.7864],
    ],
  },
  {
    name: 'Carroll Rd',
    zip: '06108',
    from: 1,
    to: 79,
    line: [
      [-72.6356, 41.7915],
      [-72.63, 41.7912],
    ],
  },
  {
    name: 'Murray St',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.6395, 41.7915],
      [-72.6432, 41.7918],
    ],
  },
  {
    name: 'Adams St',
    zip: '06108',
    from: 1,
    to: 39,
    line: [
      [-72.6418, 41.7945],
      [-72.642, 41.7918],
    ],
  },
  {
    name: 'Vine St',
    zip: '06108',
    from: 1,
    to: 79,
    line: [
      [-72.6418, 41.7945],
      [-72.6397, 41.7945],
      [-72.6356, 41.7946],
    ],
  },
  {
    name: 'Long Hill St',
    zip: '06108',
    from: 1,
    to: 199,
    line: [
      [-72.6355, 41.794],
      [-72.6295, 41.7945],
      [-72.628, 41.7962],
    ],
  },

  // Silver Lane: from Main Street past Rentschler Field, and the riverside streets by Goodwin University.
  {
    name: 'Silver Ln',
    zip: '06118',
    from: 1,
    to: 1599,
    line: [
      [-72.6439, 41.7636],
      [-72.634, 41.7633],
      [-72.625, 41.7657],
      [-72.6112, 41.7699],
      [-72.6025, 41.7716],
      [-72.5805, 41.7737],
    ],
  },
  {
    name: 'Mercer Ave',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.6342, 41.7628],
      [-72.634, 41.7585],
    ],
  },
  {
    name: 'Roberts St',
    zip: '06108',
    from: 1,
    to: 499,
    line: [
      [-72.6215, 41.7668],
      [-72.622, 41.772],
      [-72.6228, 41.7761],
    ],
  },
  {
    name: 'Oak St',
    zip: '06108',
    from: 1,
    to: 299,
    line: [
      [-72.6306, 41.77],
      [-72.623, 41.7702],
      [-72.615, 41.7712],
    ],
  },
  {
    name: 'Forest St',
    zip: '06118',
    from: 1,
    to: 199,
    line: [
      [-72.6377, 41.748],
      [-72.63, 41.749],
      [-72.625, 41.752],
    ],
  },
  {
    name: 'Riverside Dr',
    zip: '06118',
    from: 1,
    to: 485,
    line: [
      [-72.6405, 41.7393],
      [-72.6402, 41.7432],
      [-72.6425, 41.748],
    ],
  },
  {
    name: 'Pent Rd',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.6403, 41.7404],
      [-72.6335, 41.7408],
    ],
  },
  {
    name: 'Willowbrook Rd',
    zip: '06118',
    from: 1,
    to: 59,
    line: [
      [-72.641, 41.745],
      [-72.6362, 41.7452],
    ],
  },

  // Goodwin / Pitkin: the south end, up to the Glastonbury line.
  {
    name: 'Naubuc Ave',
    zip: '06118',
    from: 1,
    to: 299,
    line: [
      [-72.6385, 41.729],
      [-72.6372, 41.734],
      [-72.6345, 41.7378],
    ],
  },
  {
    name: 'Canterbury St',
    zip: '06118',
    from: 1,
    to: 129,
    line: [
      [-72.6243, 41.7326],
      [-72.631, 41.733],
      [-72.6371, 41.7341],
    ],
  },
  {
    name: 'Goodwin St',
    zip: '06118',
    from: 1,
    to: 399,
    line: [
      [-72.6248, 41.733],
      [-72.615, 41.7332],
      [-72.6048, 41.7336],
    ],
  },
  {
    name: 'Brewer St',
    zip: '06118',
    from: 1,
    to: 599,
    line: [
      [-72.6299, 41.7372],
      [-72.62, 41.7366],
      [-72.61, 41.736],
      [-72.605, 41.7358],
    ],
  },
  {
    name: 'High St',
    zip: '06118',
    from: 1,
    to: 199,
    line: [
      [-72.614, 41.7298],
      [-72.6138, 41.7362],
    ],
  },
  {
    name: 'Mitchell Dr',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.6075, 41.7359],
      [-72.6072, 41.7318],
    ],
  },
  {
    name: 'Maple St',
    zip: '06118',
    from: 1,
    to: 299,
    line: [
      [-72.611, 41.736],
      [-72.6115, 41.742],
      [-72.612, 41.7465],
    ],
  },
  {
    name: 'Handel Rd',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.6232, 41.7369],
      [-72.6236, 41.745],
    ],
  },
  {
    name: 'Evans Ave',
    zip: '06118',
    from: 1,
    to: 49,
    line: [
      [-72.62, 41.7367],
      [-72.62, 41.7403],
    ],
  },
  {
    name: 'Millbrook Dr',
    zip: '06118',
    from: 1,
    to: 49,
    line: [
      [-72.616, 41.7364],
      [-72.616, 41.7405],
    ],
  },
  {
    name: 'Cambridge Dr',
    zip: '06118',
    from: 1,
    to: 129,
    line: [
      [-72.6234, 41.74],
      [-72.617, 41.7405],
      [-72.6114, 41.741],
    ],
  },
  {
    name: 'Nassau Ln',
    zip: '06118',
    from: 1,
    to: 29,
    line: [
      [-72.618, 41.7405],
      [-72.618, 41.7428],
    ],
  },
  {
    name: 'Princeton Ln',
    zip: '06118',
    from: 1,
    to: 29,
    line: [
      [-72.6145, 41.7407],
      [-72.6145, 41.743],
    ],
  },
  {
    name: 'Oxford Dr',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.6235, 41.7425],
      [-72.6117, 41.7432],
    ],
  },
  {
    name: 'Jefferson Ln',
    zip: '06118',
    from: 1,
    to: 29,
    line: [
      [-72.6165, 41.743],
      [-72.6165, 41.745],
    ],
  },
  {
    name: 'Sutton Ave',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.6236, 41.7445],
      [-72.6119, 41.7452],
    ],
  },
  {
    name: 'Hills St',
    zip: '06118',
    from: 1,
    to: 649,
    line: [
      [-72.6052, 41.7393],
      [-72.596, 41.741],
      [-72.588, 41.7425],
      [-72.576, 41.742],
    ],
  },
  {
    name: 'May Rd',
    zip: '06118',
    from: 1,
    to: 541,
    line: [
      [-72.6048, 41.734],
      [-72.5966, 41.7345],
      [-72.588, 41.735],
    ],
  },

  // Forbes / Sunset Ridge: Forbes Street from Burnside Avenue south, and the side streets off it.
  {
    name: 'Forbes St',
    zip: '06108',
    from: 1,
    to: 219,
    line: [
      [-72.603, 41.7803],
      [-72.6025, 41.7716],
    ],
  },
  // The second vertex is Sunset Ridge School (450 Forbes St): the range is chosen so that 450 lands there.
  {
    name: 'Forbes St',
    zip: '06118',
    from: 221,
    to: 1461,
    line: [
      [-72.6025, 41.7716],
      [-72.6, 41.7642],
      [-72.6042, 41.7565],
      [-72.6054, 41.752],
      [-72.6052, 41.7393],
      [-72.6046, 41.7312],
    ],
  },
  {
    name: 'Beech St',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.61, 41.7728],
      [-72.6027, 41.774],
    ],
  },
  {
    name: 'Fairfield St',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.6105, 41.7672],
      [-72.6012, 41.7678],
    ],
  },
  {
    name: 'Melrose St',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.61, 41.7625],
      [-72.601, 41.7627],
    ],
  },
  {
    name: 'Earl St',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.608, 41.7545],
      [-72.6082, 41.764],
    ],
  },
  // A loop that leaves Forbes Street and comes back to it.
  {
    name: 'Godar Ter',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.6035, 41.7578],
      [-72.6005, 41.7582],
      [-72.6003, 41.7605],
      [-72.6017, 41.7612],
    ],
  },
  {
    name: 'Barbonsel Rd',
    zip: '06118',
    from: 1,
    to: 29,
    line: [
      [-72.6004, 41.7594],
      [-72.6018, 41.7595],
    ],
  },
  {
    name: 'Garden St',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.6095, 41.756],
      [-72.6043, 41.7562],
    ],
  },
  {
    name: 'Gold St',
    zip: '06118',
    from: 1,
    to: 59,
    line: [
      [-72.61, 41.753],
      [-72.6052, 41.7532],
    ],
  },

  // Mayberry Village and the east side down to Route 2.
  {
    name: 'Great Hill Rd',
    zip: '06108',
    from: 1,
    to: 399,
    line: [
      [-72.5962, 41.7758],
      [-72.59, 41.7762],
      [-72.585, 41.7766],
    ],
  },
  {
    name: 'Home Ter',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.5935, 41.7746],
      [-72.587, 41.775],
    ],
  },
  {
    name: 'Brentmoor Rd',
    zip: '06118',
    from: 1,
    to: 59,
    line: [
      [-72.596, 41.769],
      [-72.5915, 41.7693],
    ],
  },
  {
    name: 'Burnham St',
    zip: '06118',
    from: 1,
    to: 499,
    line: [
      [-72.5965, 41.7655],
      [-72.588, 41.766],
      [-72.5795, 41.7668],
    ],
  },
  {
    name: 'Temple St',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.59, 41.762],
      [-72.5905, 41.77],
    ],
  },
  {
    name: 'Sherwood Dr',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.585, 41.764],
      [-72.583, 41.761],
      [-72.58, 41.76],
    ],
  },
  {
    name: 'Laurel St',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.594, 41.76],
      [-72.586, 41.7605],
    ],
  },
  {
    name: 'Butternut Dr',
    zip: '06118',
    from: 1,
    to: 129,
    line: [
      [-72.5962, 41.7545],
      [-72.592, 41.756],
      [-72.588, 41.7565],
    ],
  },
  {
    name: 'Echo Ln',
    zip: '06118',
    from: 1,
    to: 39,
    line: [
      [-72.5845, 41.754],
      [-72.58, 41.7545],
    ],
  },
  {
    name: 'Clement Rd',
    zip: '06118',
    from: 1,
    to: 99,
    line: [
      [-72.583, 41.75],
      [-72.5835, 41.758],
    ],
  },
  {
    name: 'Donna Ln',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.593, 41.751],
      [-72.585, 41.7515],
    ],
  },
  {
    name: 'Leonard Dr',
    zip: '06118',
    from: 1,
    to: 79,
    line: [
      [-72.595, 41.749],
      [-72.588, 41.749],
    ],
  },

  // Burnside: Burnside Avenue (US 44) to the Manchester line and the streets north of it.
  {
    name: 'Burnside Ave',
    zip: '06108',
    from: 1,
    to: 1229,
    line: [
      [-72.6426, 41.7712],
      [-72.63, 41.7745],
      [-72.616, 41.7778],
      [-72.6044, 41.78],
      [-72.593, 41.7822],
      [-72.5818, 41.7837],
    ],
  },
  {
    name: 'Tolland St',
    zip: '06108',
    from: 1,
    to: 1325,
    line: [
      [-72.6255, 41.7756],
      [-72.614, 41.7812],
      [-72.6027, 41.785],
      [-72.592, 41.7895],
      [-72.585, 41.7935],
    ],
  },
  {
    name: 'Hillside St',
    zip: '06108',
    from: 1,
    to: 199,
    line: [
      [-72.6163, 41.7778],
      [-72.617, 41.784],
      [-72.6178, 41.79],
    ],
  },
  {
    name: 'Hanmer St',
    zip: '06108',
    from: 1,
    to: 199,
    line: [
      [-72.61, 41.779],
      [-72.6096, 41.786],
      [-72.6092, 41.791],
    ],
  },
  {
    name: 'Plain Dr',
    zip: '06108',
    from: 1,
    to: 199,
    line: [
      [-72.62, 41.795],
      [-72.615, 41.796],
    ],
  },
  {
    name: 'Farm Dr',
    zip: '06108',
    from: 1,
    to: 129,
    line: [
      [-72.615, 41.7935],
      [-72.609, 41.7928],
      [-72.604, 41.7935],
    ],
  },
  {
    name: 'Alps Dr',
    zip: '06108',
    from: 1,
    to: 99,
    line: [
      [-72.603, 41.7895],
      [-72.6005, 41.7912],
      [-72.5973, 41.793],
    ],
  },
  {
    name: 'Ellington Rd',
    zip: '06108',
    from: 1,
    to: 699,
    line: [
      [-72.596, 41.7816],
      [-72.5968, 41.788],
      [-72.5975, 41.796],
    ],
  },
  {
    name: 'Delmont Rd',
    zip: '06108',
    from: 1,
    to: 79,
    line: [
      [-72.588, 41.7845],
      [-72.583, 41.785],
    ],
  },
  {
    name: 'Bodwell Rd',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.5855, 41.7835],
      [-72.5855, 41.789],
    ],
  },
  {
    name: 'Maridon Rd',
    zip: '06108',
    from: 1,
    to: 59,
    line: [
      [-72.587, 41.787],
      [-72.5825, 41.7875],
    ],
  },
  {
    name: 'Vernon Rd',
    zip: '06108',
    from: 1,
    to: 39,
    line: [
      [-72.59, 41.786],
      [-72.59, 41.7885],
    ],
  },
];

// Addresses with a letter suffix or a unit, which geocoders must handle. These two are fixed so tests and
// docs can name them; more come from the seeded picks in generateDemoAddressPoints.
const EXTRA_ADDRESSES: ReadonlyArray<{ street: string; number: number; suffix?: string; unit?: string }> = [
  { street: 'Main St', number: 12, suffix: 'A' },
  { street: 'Burnside Ave', number: 33, unit: 'Apt 2' },
];

// House numbers that must exist whatever the spacing step skips: the landmarks and the fixed extras' bases.
const LANDMARK_NUMBERS: ReadonlyArray<{ street: string; number: number }> = [
  { street: 'Main St', number: 740 },
  { street: 'School St', number: 31 },
  { street: 'Silver Ln', number: 615 },
  { street: 'Main St', number: 12 },
  { street: 'Burnside Ave', number: 33 },
];

// Target distance between neighbouring houses on the same side, and how far houses sit off the
// centreline (front setback plus half the road), in metres.
const HOUSE_SPACING_M = 18;
const SETBACK_MIN_M = 10;
const SETBACK_SPREAD_M = 5;
// Keep the first and last house off the centreline of the street they start from.
const END_INSET_M = 12;

// Local equirectangular projection around the town's latitude: errors are far below a metre over a
// town this size, and it keeps the generator free of a geodesy dependency.
const REF_LAT = 41.76;
const M_PER_DEG_LAT = 111_000;
const M_PER_DEG_LON = 111_320 * Math.cos((REF_LAT * Math.PI) / 180);

/** mulberry32: a tiny seeded PRNG, so generated data is identical on every run and machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each street gets its own seed and editing one street does not reshuffle the others. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface ProjectedStreet {
  street: DemoStreet;
  xy: Array<[number, number]>;
  cumulative: number[];
  length: number;
}

function project(street: DemoStreet): ProjectedStreet {
  const xy = street.line.map(([lon, lat]): [number, number] => [lon * M_PER_DEG_LON, lat * M_PER_DEG_LAT]);
  const cumulative = [0];
  for (let i = 1; i < xy.length; i++) {
    const [x0, y0] = xy[i - 1]!;
    const [x1, y1] = xy[i]!;
    cumulative.push(cumulative[i - 1]! + Math.hypot(x1 - x0, y1 - y0));
  }
  return { street, xy, cumulative, length: cumulative[cumulative.length - 1]! };
}

/** Distance along the centreline of a house number: numbers grow linearly between the inset ends. */
function distanceFor(p: ProjectedStreet, houseNumber: number): number {
  const inset = Math.min(END_INSET_M, p.length / 4);
  const span = p.street.to - p.street.from;
  const t = span === 0 ? 0 : (houseNumber - p.street.from) / span;
  return inset + t * (p.length - 2 * inset);
}

/** Point at `distance` along the line, moved `offset` metres to its left (negative: right). */
function pointAt(p: ProjectedStreet, distance: number, offset: number): { lat: number; lon: number } {
  let i = 1;
  while (i < p.xy.length - 1 && p.cumulative[i]! < distance) i++;
  const [x0, y0] = p.xy[i - 1]!;
  const [x1, y1] = p.xy[i]!;
  const segment = p.cumulative[i]! - p.cumulative[i - 1]!;
  const t = segment === 0 ? 0 : Math.min(1, Math.max(0, (distance - p.cumulative[i - 1]!) / segment));
  const ux = segment === 0 ? 0 : (x1 - x0) / segment;
  const uy = segment === 0 ? 0 : (y1 - y0) / segment;
  const x = x0 + t * (x1 - x0) - uy * offset;
  const y = y0 + t * (y1 - y0) + ux * offset;
  return { lon: round6(x / M_PER_DEG_LON), lat: round6(y / M_PER_DEG_LAT) };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function streetFor(name: string, houseNumber: number): ProjectedStreet | undefined {
  const street = demoStreets.find((s) => s.name === name && houseNumber >= s.from && houseNumber <= s.to);
  return street ? project(street) : undefined;
}

/**
 * Deterministic demo address book: houses along every demo street, even numbers on the left of the line
 * and odd numbers on the right, each set back a few metres from the centreline, numbers increasing along
 * the line; plus a sprinkling of letter suffixes ('12A Main St') and apartments ('33 Burnside Ave Apt 2').
 */
export function generateDemoAddressPoints(): DemoAddressPoint[] {
  const points: DemoAddressPoint[] = [];
  const byAddress = new Map<string, { lat: number; lon: number }>();
  const add = (address: string, point: { lat: number; lon: number }) => {
    if (byAddress.has(address)) return;
    byAddress.set(address, point);
    points.push({ address, lat: point.lat, lon: point.lon });
  };

  for (const street of demoStreets) {
    const p = project(street);
    const random = mulberry32(hashString(`${street.name}#${street.from}`));
    const numbersPerMetre = (street.to - street.from) / Math.max(p.length, 1);
    // Step between neighbouring numbers on one side: even, so each side keeps its parity.
    const step = 2 * Math.max(1, Math.round((numbersPerMetre * HOUSE_SPACING_M) / 2));
    const numbers = new Set<number>();
    for (const first of [street.from, street.from + 1]) {
      for (let n = first; n <= street.to; n += step) numbers.add(n);
    }
    for (const landmark of LANDMARK_NUMBERS) {
      if (landmark.street === street.name && landmark.number >= street.from && landmark.number <= street.to) {
        numbers.add(landmark.number);
      }
    }
    for (const n of [...numbers].sort((a, b) => a - b)) {
      const setback = SETBACK_MIN_M + random() * SETBACK_SPREAD_M;
      const offset = n % 2 === 0 ? setback : -setback;
      const distance = distanceFor(p, n);
      const point = pointAt(p, distance, offset);
      add(`${n} ${street.name}`, point);
      const pick = random();
      if (pick < 0.004) {
        // A lot split after the numbers were handed out: the new house gets the same number plus 'A'.
        add(`${n}A ${street.name}`, pointAt(p, distance + 4, offset));
      } else if (pick < 0.008) {
        // A multi-family house: every apartment geocodes to the building.
        const units = 2 + Math.floor(random() * 3);
        for (let unit = 1; unit <= units; unit++) add(`${n} ${street.name} Apt ${unit}`, point);
      }
    }
  }

  for (const extra of EXTRA_ADDRESSES) {
    const p = streetFor(extra.street, extra.number);
    if (!p) continue;
    const base = byAddress.get(`${extra.number} ${extra.street}`);
    const side = extra.number % 2 === 0 ? 1 : -1;
    const address = `${extra.number}${extra.suffix ?? ''} ${extra.street}${extra.unit ? ` ${extra.unit}` : ''}`;
    if (extra.unit && base) {
      add(address, base);
    } else {
      add(address, pointAt(p, distanceFor(p, extra.number) + 4, side * (SETBACK_MIN_M + 2)));
    }
  }
  return points;
}
