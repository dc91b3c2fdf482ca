import type { BodyType, FuelType } from '@lotbook/shared';

/**
 * Models a Spanish used-car lot actually stocks, with the new-car price range (EUR) used as the
 * starting point for depreciation, the fuels they come with, and real World Manufacturer
 * Identifiers (plus a plausible descriptor and plant) so generated VINs decode to the right maker.
 */
export interface ModelSpec {
  make: string;
  model: string;
  body: BodyType;
  /** New price range in EUR for the current model year. */
  price: readonly [number, number];
  fuels: readonly (readonly [FuelType, number])[];
  /** Equipment levels, so the trim never contradicts the engine. */
  trims: readonly string[];
  /** VIN positions 1–3 and 4–8. */
  wmi: string;
  vds: string;
  plant: string;
  /** First model year this generation was sold. */
  since: number;
  /** Relative share of the lot. */
  weight: number;
}

const m = (
  make: string, model: string, body: BodyType, price: readonly [number, number], fuels: ModelSpec['fuels'],
  trims: readonly string[], vin: readonly [string, string, string], since: number, weight: number,
): ModelSpec => ({ make, model, body, price, fuels, trims, wmi: vin[0], vds: vin[1], plant: vin[2], since, weight });

const TOYOTA = ['Active', 'Active Tech', 'Style', 'Advance', 'GR Sport'];
const VW = ['Life', 'Style', 'R-Line', 'Sport'];
const SEAT = ['Reference', 'Style', 'Xcellence', 'FR'];
const RENAULT = ['Equilibre', 'Evolution', 'Techno', 'Esprit Alpine'];
const PEUGEOT = ['Active Pack', 'Allure', 'GT'];
const BMW = ['Sport', 'M Sport', 'xLine'];
const MERCEDES = ['Style', 'Progressive', 'AMG Line'];
const HYUNDAI = ['Klass', 'Maxx', 'Tecno', 'Style', 'N Line'];
const KIA = ['Concept', 'Drive', 'Tech', 'GT-Line'];
const DACIA = ['Essential', 'Expression', 'Extreme', 'Journey'];
const TESLA = ['Propulsión', 'Gran Autonomía', 'Performance'];
const FORD = ['Trend', 'Titanium', 'ST-Line', 'Active'];
const NISSAN = ['Acenta', 'N-Connecta', 'Tekna'];
const SKODA = ['Ambition', 'Style', 'Sportline', 'RS'];
const AUDI = ['Advanced', 'S line', 'Black line'];
const VOLVO = ['Core', 'Plus', 'Ultimate'];
const WORK = ['Base', 'Confort', 'Premium'];

const GAS: ModelSpec['fuels'] = [['gasoline', 1]];
const DIESEL: ModelSpec['fuels'] = [['diesel', 1]];
const EV: ModelSpec['fuels'] = [['electric', 1]];

export const CATALOG: readonly ModelSpec[] = [
  m('Toyota', 'Corolla', 'hatchback', [26_000, 34_000], [['hybrid', 9], ['gasoline', 1]], TOYOTA, ['SB1', 'Z93BE', 'C'], 2019, 9),
  m('Toyota', 'Camry', 'sedan', [38_000, 45_000], [['hybrid', 1]], TOYOTA, ['JTN', 'B23HK', 'U'], 2019, 3),
  m('Toyota', 'RAV4', 'suv', [36_000, 48_000], [['hybrid', 17], ['gasoline', 3]], TOYOTA, ['JTM', 'W43FV', 'D'], 2019, 7),
  m('Toyota', 'C-HR', 'suv', [28_000, 38_000], [['hybrid', 9], ['gasoline', 1]], TOYOTA, ['NMT', 'KZ3BX', 'R'], 2017, 6),
  m('Toyota', 'Yaris', 'hatchback', [19_000, 26_000], [['hybrid', 7], ['gasoline', 3]], TOYOTA, ['VNK', 'KBA3D', 'A'], 2020, 6),
  m('Toyota', 'Land Cruiser', 'suv', [55_000, 75_000], DIESEL, TOYOTA, ['JTE', 'BR3FJ', 'K'], 2018, 1),
  m('Toyota', 'Hilux', 'pickup', [35_000, 48_000], DIESEL, WORK, ['AHT', 'KB3CD', '0'], 2016, 2),
  m('Volkswagen', 'Golf', 'hatchback', [27_000, 40_000], [['gasoline', 11], ['diesel', 6], ['hybrid', 3]], VW, ['WVW', 'ZZZCD', 'W'], 2020, 6),
  m('Volkswagen', 'Polo', 'hatchback', [19_000, 26_000], GAS, VW, ['WVW', 'ZZZAW', 'U'], 2018, 4),
  m('Volkswagen', 'Tiguan', 'suv', [36_000, 50_000], [['diesel', 10], ['gasoline', 7], ['hybrid', 3]], VW, ['WVG', 'ZZZ5N', 'W'], 2016, 4),
  m('Volkswagen', 'T-Roc', 'suv', [27_000, 36_000], [['gasoline', 7], ['diesel', 3]], VW, ['WVG', 'ZZZA1', 'V'], 2018, 5),
  m('Volkswagen', 'Passat Variant', 'wagon', [40_000, 52_000], [['diesel', 6], ['gasoline', 2], ['hybrid', 2]], VW, ['WVW', 'ZZZ3C', 'E'], 2016, 2),
  m('Volkswagen', 'Touran', 'minivan', [32_000, 40_000], [['diesel', 6], ['gasoline', 4]], VW, ['WVG', 'ZZZ1T', 'W'], 2016, 2),
  m('Volkswagen', 'Transporter', 'van', [42_000, 58_000], DIESEL, WORK, ['WV1', 'ZZZ7H', 'H'], 2016, 2),
  m('SEAT', 'Ibiza', 'hatchback', [17_000, 23_000], GAS, SEAT, ['VSS', 'ZZZKJ', 'R'], 2017, 7),
  m('SEAT', 'León', 'hatchback', [24_000, 33_000], [['gasoline', 11], ['diesel', 6], ['hybrid', 3]], SEAT, ['VSS', 'ZZZKL', 'M'], 2020, 6),
  m('SEAT', 'León Sportstourer', 'wagon', [26_000, 35_000], [['gasoline', 6], ['diesel', 4]], SEAT, ['VSS', 'ZZZKL', 'M'], 2020, 2),
  m('SEAT', 'Ateca', 'suv', [28_000, 38_000], [['gasoline', 6], ['diesel', 4]], SEAT, ['VSS', 'ZZZKH', 'P'], 2016, 4),
  m('Renault', 'Clio', 'hatchback', [17_000, 24_000], [['gasoline', 12], ['hybrid', 5], ['diesel', 3]], RENAULT, ['VF1', 'RJA00', 'B'], 2019, 6),
  m('Renault', 'Captur', 'suv', [22_000, 30_000], [['gasoline', 10], ['hybrid', 8], ['diesel', 2]], RENAULT, ['VF1', 'RJB00', 'V'], 2020, 5),
  m('Renault', 'Mégane', 'hatchback', [26_000, 38_000], [['gasoline', 10], ['diesel', 6], ['electric', 4]], RENAULT, ['VF1', 'RFB00', 'P'], 2016, 3),
  m('Renault', 'Trafic', 'van', [32_000, 42_000], DIESEL, WORK, ['VF1', 'FL000', 'S'], 2016, 2),
  m('Peugeot', '208', 'hatchback', [18_000, 27_000], [['gasoline', 14], ['diesel', 3], ['electric', 3]], PEUGEOT, ['VR3', 'UHZKX', 'J'], 2019, 5),
  m('Peugeot', '2008', 'suv', [24_000, 33_000], [['gasoline', 13], ['diesel', 4], ['electric', 3]], PEUGEOT, ['VR3', 'USHNS', 'V'], 2020, 5),
  m('Peugeot', '3008', 'suv', [33_000, 45_000], [['gasoline', 8], ['diesel', 7], ['hybrid', 5]], PEUGEOT, ['VF3', 'MCYHZ', 'S'], 2016, 3),
  m('Peugeot', '308 SW', 'wagon', [28_000, 37_000], [['diesel', 6], ['gasoline', 4]], PEUGEOT, ['VF3', 'LBYHZ', 'M'], 2016, 2),
  m('BMW', 'Serie 3', 'sedan', [44_000, 60_000], [['diesel', 9], ['gasoline', 6], ['hybrid', 5]], BMW, ['WBA', '5R110', 'F'], 2019, 3),
  m('BMW', 'X1', 'suv', [40_000, 55_000], [['gasoline', 8], ['diesel', 8], ['electric', 4]], BMW, ['WBA', '21EF0', 'P'], 2016, 3),
  m('BMW', 'X3', 'suv', [55_000, 72_000], [['diesel', 12], ['hybrid', 8]], BMW, ['5UX', 'TY5C0', 'L'], 2018, 2),
  m('BMW', 'Serie 4', 'coupe', [52_000, 68_000], [['gasoline', 1], ['diesel', 1]], BMW, ['WBA', '31AP0', 'C'], 2020, 1),
  m('BMW', 'Serie 2 Cabrio', 'convertible', [42_000, 52_000], GAS, BMW, ['WBA', '2K310', 'V'], 2016, 1),
  m('Mercedes-Benz', 'Clase A', 'hatchback', [35_000, 46_000], [['gasoline', 10], ['diesel', 7], ['hybrid', 3]], MERCEDES, ['W1K', '1770H', 'J'], 2018, 3),
  m('Mercedes-Benz', 'Clase C', 'sedan', [50_000, 65_000], [['diesel', 11], ['gasoline', 5], ['hybrid', 4]], MERCEDES, ['W1K', '2060H', 'R'], 2021, 2),
  m('Mercedes-Benz', 'GLA', 'suv', [42_000, 55_000], [['gasoline', 9], ['diesel', 7], ['hybrid', 4]], MERCEDES, ['W1N', '2477H', 'J'], 2020, 2),
  m('Hyundai', 'Tucson', 'suv', [32_000, 44_000], [['hybrid', 10], ['gasoline', 6], ['diesel', 4]], HYUNDAI, ['TMA', 'J3817', 'Z'], 2021, 5),
  m('Hyundai', 'i30', 'hatchback', [22_000, 30_000], [['gasoline', 15], ['diesel', 5]], HYUNDAI, ['TMA', 'H5816', 'Z'], 2017, 3),
  m('Kia', 'Sportage', 'suv', [32_000, 45_000], [['hybrid', 9], ['gasoline', 7], ['diesel', 4]], KIA, ['U5Y', 'PK81A', 'G'], 2022, 5),
  m('Kia', 'Niro', 'suv', [31_000, 40_000], [['hybrid', 3], ['electric', 1]], KIA, ['KNA', 'CC81G', '5'], 2017, 3),
  m('Kia', 'Ceed Tourer', 'wagon', [24_000, 31_000], [['gasoline', 6], ['diesel', 4]], KIA, ['U5Y', 'H5814', 'G'], 2018, 2),
  m('Dacia', 'Sandero', 'hatchback', [12_000, 17_000], GAS, DACIA, ['UU1', 'DJF00', 'M'], 2021, 8),
  m('Dacia', 'Duster', 'suv', [18_000, 25_000], [['gasoline', 13], ['diesel', 7]], DACIA, ['UU1', 'HJD00', 'T'], 2018, 5),
  m('Dacia', 'Jogger', 'minivan', [18_000, 24_000], [['gasoline', 7], ['hybrid', 3]], DACIA, ['UU1', 'RJK00', 'M'], 2022, 2),
  m('Tesla', 'Model 3', 'sedan', [40_000, 55_000], EV, TESLA, ['LRW', '3E7EK', 'C'], 2019, 3),
  m('Tesla', 'Model Y', 'suv', [45_000, 58_000], EV, TESLA, ['LRW', 'YGCEK', 'C'], 2021, 3),
  m('Ford', 'Focus', 'hatchback', [24_000, 32_000], [['gasoline', 13], ['diesel', 7]], FORD, ['WF0', 'NXXGC', 'H'], 2018, 4),
  m('Ford', 'Focus Sportbreak', 'wagon', [26_000, 33_000], [['diesel', 6], ['gasoline', 4]], FORD, ['WF0', 'PXXGC', 'H'], 2018, 1),
  m('Ford', 'Kuga', 'suv', [32_000, 42_000], [['hybrid', 10], ['gasoline', 5], ['diesel', 5]], FORD, ['WF0', 'FXXWP', 'G'], 2020, 4),
  m('Ford', 'Ranger', 'pickup', [38_000, 52_000], DIESEL, ['XL', 'XLT', 'Wildtrak'], ['MNC', 'LMFF8', 'W'], 2016, 2),
  m('Ford', 'Transit Custom', 'van', [35_000, 48_000], DIESEL, ['Trend', 'Limited'], ['WF0', 'YXXTT', 'G'], 2018, 2),
  m('Nissan', 'Qashqai', 'suv', [29_000, 39_000], [['hybrid', 6], ['gasoline', 4]], NISSAN, ['SJN', 'FAAJ1', '1'], 2021, 5),
  m('Nissan', 'Navara', 'pickup', [34_000, 45_000], DIESEL, NISSAN, ['VSK', 'CVD23', 'U'], 2016, 1),
  m('Skoda', 'Octavia', 'hatchback', [27_000, 36_000], [['gasoline', 10], ['diesel', 8], ['hybrid', 2]], SKODA, ['TMB', 'AG7NX', 'P'], 2020, 3),
  m('Skoda', 'Octavia Combi', 'wagon', [28_000, 38_000], [['diesel', 5], ['gasoline', 5]], SKODA, ['TMB', 'JG7NX', 'P'], 2020, 2),
  m('Audi', 'A3', 'hatchback', [32_000, 42_000], [['gasoline', 11], ['diesel', 6], ['hybrid', 3]], AUDI, ['WAU', 'ZZZGY', 'A'], 2020, 3),
  m('Audi', 'Q3', 'suv', [40_000, 52_000], [['gasoline', 11], ['diesel', 7], ['hybrid', 2]], AUDI, ['WAU', 'ZZZF3', 'G'], 2019, 3),
  m('Audi', 'A5', 'coupe', [48_000, 62_000], [['gasoline', 1], ['diesel', 1]], AUDI, ['WAU', 'ZZZF5', 'A'], 2017, 1),
  m('Mazda', 'MX-5', 'convertible', [30_000, 38_000], GAS, ['Prime-Line', 'Exclusive-Line', 'Homura'], ['JMZ', 'ND6E7', '2'], 2016, 1),
  m('Mazda', 'CX-5', 'suv', [33_000, 44_000], [['gasoline', 7], ['diesel', 3]], ['Prime-Line', 'Exclusive-Line', 'Homura'], ['JMZ', 'KF2W7', '0'], 2017, 2),
  m('MINI', 'Cabrio', 'convertible', [32_000, 40_000], GAS, ['Cooper', 'Cooper S'], ['WMW', 'WG310', '3'], 2016, 1),
  m('Fiat', '500', 'hatchback', [16_000, 22_000], [['hybrid', 6], ['gasoline', 2], ['electric', 2]], ['Cult', 'Dolcevita', 'La Prima'], ['ZFA', '3120K', 'J'], 2016, 3),
  m('Citroën', 'Berlingo', 'minivan', [24_000, 32_000], [['diesel', 6], ['gasoline', 3], ['electric', 1]], ['Feel', 'Shine', 'Plus'], ['VR7', 'ERHNS', 'J'], 2018, 2),
  m('Volvo', 'XC40', 'suv', [40_000, 55_000], [['gasoline', 4], ['hybrid', 3], ['electric', 3]], VOLVO, ['YV1', 'XZ12V', '2'], 2018, 2),
  m('Volvo', 'V60', 'wagon', [48_000, 60_000], [['diesel', 1], ['hybrid', 1]], VOLVO, ['YV1', 'ZW10V', '1'], 2018, 1),
  m('Opel', 'Corsa', 'hatchback', [17_000, 24_000], [['gasoline', 7], ['electric', 3]], ['Edition', 'GS', 'Elegance'], ['W0V', 'UHZKX', '4'], 2020, 4),
];

export const COLORS = [
  'Blanco Perla', 'Blanco Glaciar', 'Negro Metalizado', 'Negro Obsidiana', 'Gris Grafito', 'Gris Plata',
  'Gris Titanio', 'Azul Marino', 'Azul Eléctrico', 'Rojo Pasión', 'Rojo Carmesí', 'Beige Arena',
  'Verde Oliva', 'Naranja Atardecer', 'Marrón Bronce',
] as const;

/** Feature flags and the Spanish phrase the description uses for each, so full-text search finds them. */
export const FEATURES = [
  ['gps', 'navegación GPS'],
  ['rear_camera', 'cámara de visión trasera'],
  ['leather_seats', 'asientos de cuero'],
  ['sunroof', 'techo solar panorámico'],
  ['parking_sensors', 'sensores de aparcamiento'],
  ['adaptive_cruise', 'control de crucero adaptativo'],
  ['apple_carplay', 'Apple CarPlay y Android Auto'],
  ['heated_seats', 'asientos calefactados'],
  ['keyless', 'acceso y arranque sin llave'],
  ['led_headlights', 'faros LED'],
  ['tow_hitch', 'enganche de remolque'],
  ['lane_assist', 'asistente de mantenimiento de carril'],
] as const;

export type FeatureKey = (typeof FEATURES)[number][0];

/** Brands whose buyers expect an automatic gearbox. */
export const AUTOMATIC_MAKES = new Set(['BMW', 'Mercedes-Benz', 'Audi', 'Volvo', 'Tesla']);
