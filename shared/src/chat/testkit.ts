/** A small vocabulary shaped like the demo catalogue, for the parser tests. */
import type { Vocabulary } from './types.ts';

const M: [string, string[]][] = [
  ['Toyota', ['Corolla', 'Camry', 'RAV4', 'C-HR', 'Yaris', 'Land Cruiser', 'Hilux']],
  ['Volkswagen', ['Golf', 'Polo', 'Tiguan', 'T-Roc', 'Passat Variant']],
  ['SEAT', ['Ibiza', 'León', 'León Sportstourer', 'Ateca']],
  ['Renault', ['Clio', 'Captur', 'Mégane']],
  ['Peugeot', ['208', '2008', '3008', '308 SW']],
  ['Mercedes-Benz', ['Clase A', 'Clase C', 'GLA']],
  ['BMW', ['Serie 3', 'X1', 'X3']],
  ['Citroën', ['Berlingo']],
  ['Fiat', ['500']],
  ['Tesla', ['Model 3', 'Model Y']],
  ['Honda', ['Civic', 'CR-V']],
];

export const TEST_VOCAB: Vocabulary = {
  makes: M.map(([make]) => make),
  models: M.flatMap(([make, models]) => models.map((model) => ({ make, model }))),
};
