import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, apiGet, fold, idsOf, searchWords, startInventoryWorld, token, type InventoryWorld, type VehiclePageBody } from './testkit.ts';

let w: InventoryWorld;
let gerente: string;
beforeAll(async () => {
  w = await startInventoryWorld();
  gerente = token(w, 'gerente@demo.example');
});
afterAll(() => w?.server.stop());

const list = (qs: string) => apiGet<VehiclePageBody & { error?: string; details?: { issues: { path: string }[] } }>(w, `/api/v1/vehicles?${qs}`, gerente);

describe('bad input is a 400 with the error shape, never a 500', () => {
  const cases: [string, string][] = [
    ['year_min=abc', 'year_min'], ['year_min=1899', 'year_min'], ['year_min=20.5', 'year_min'], ['year_max=-1', 'year_max'],
    ['year_max=1e3', 'year_max'], ['year_min=2024&year_max=2020', 'year_min'],
    ['price_min=abc', 'price_min'], ['price_max=1e5', 'price_max'], ['price_min=-3', 'price_min'], ['price_max=Infinity', 'price_max'],
    ['price_max=10.123', 'price_max'], ['price_min=10&price_max=5', 'price_min'], ['price_max=0x10', 'price_max'],
    ['status=flying', 'status'], ['status=available,flying', 'status'], ['status=,,', 'status'],
    ['body_type=spaceship', 'body_type'], ['fuel_type=coal', 'fuel_type'], ['fuel_type=gasoline;drop', 'fuel_type'],
    ['ordering=color', 'ordering'], ['ordering=-price,foo', 'ordering'], ['ordering=price;drop%20table%20vehicles', 'ordering'],
    ['ordering=search_vector', 'ordering'], ['page=0', 'page'], ['page=-1', 'page'], ['page=abc', 'page'], ['page=1.5', 'page'],
    ['page_size=0', 'page_size'], ['page_size=101', 'page_size'], ['page_size=ten', 'page_size'],
    [`search=${'a'.repeat(201)}`, 'search'], ['search=%00', 'search'], ['make=%00Toyota', 'make'], ['model=Corolla%0A', 'model'],
  ];
  it.each(cases)('%s', async (qs, param) => {
    const res = await list(qs);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String) });
    expect(res.body.details?.issues.some((i) => i.path === param || i.path.startsWith(`${param}.`))).toBe(true);
  });
});

/** Vehicles having, for every prefix, a word that starts with it. */
function expectedFor(prefixes: string[]) {
  return w.demoVehicles.filter((v) => prefixes.every((p) => searchWords(v).some((word) => word.startsWith(p))));
}

describe('search', () => {
  it('folds accents: "camion" finds "Camión"', async () => {
    const expected = expectedFor(['camion']);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((v) => v.description.includes('Camión') || v.description.includes('camión'))).toBe(true);
    const { ids, pages } = await allPages(w, '/api/v1/vehicles?search=camion&page_size=100', gerente);
    expect(pages[0]?.count).toBe(expected.length);
    expect(ids.toSorted()).toEqual(idsOf(expected));
  });

  it('folds accents the other way and ignores case: "NAVEGACIÓN" finds "navegación"', async () => {
    const expected = expectedFor(['navegacion']);
    expect(expected.length).toBeGreaterThan(10);
    for (const term of ['NAVEGACIÓN', 'navegacion', 'Navegación']) {
      const { ids } = await allPages(w, `/api/v1/vehicles?search=${encodeURIComponent(term)}&page_size=100`, gerente);
      expect(ids.toSorted(), term).toEqual(idsOf(expected));
    }
  });

  it('needs every word, matches word prefixes, and combines with filters', async () => {
    const expected = expectedFor(['camara', 'traser']).filter((v) => v.status === 'available');
    expect(expected.length).toBeGreaterThan(0);
    const { ids } = await allPages(w, `/api/v1/vehicles?search=${encodeURIComponent('cámara traser')}&status=available&page_size=100`, gerente);
    expect(ids.toSorted()).toEqual(idsOf(expected));
    const megane = await allPages(w, '/api/v1/vehicles?search=megane&page_size=100', gerente);
    expect(megane.ids.toSorted()).toEqual(idsOf(w.demoVehicles.filter((v) => fold(v.model).includes('megane') || searchWords(v).some((x) => x.startsWith('megane')))));
  });

  it('searches make and model together', async () => {
    const res = await list('search=toyota%20rav4');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(w.demoVehicles.filter((v) => v.make === 'Toyota' && v.model === 'RAV4').length);
  });

  it('treats SQL and tsquery meta-characters as plain text', async () => {
    const nasty = ["'", ';', '--', '\\', '%', '&', '|', '!', '(', ')', ':', '*', ':*', "' OR 1=1 --", "toyota'; drop table vehicles; --",
      '!toyota', '(camion | suv)', 'a & | b', '<->', 'camion:*', "'camion'", '%%', '_', 'ñ', 'über', 'жук', '車', '🚗', 'a\'b"c', '$$', '\\x00'];
    for (const term of nasty) {
      const res = await list(`search=${encodeURIComponent(term)}`);
      expect(res.status, term).toBe(200);
      expect(res.body.count, term).toBeGreaterThanOrEqual(0);
    }
    // Punctuation only: nothing searchable, so nothing matches.
    expect((await list(`search=${encodeURIComponent("';--")}`)).body.count).toBe(0);
    // Operators are stripped: the remaining words still search normally.
    expect((await list(`search=${encodeURIComponent('!camion:*')}`)).body.count).toBe(expectedFor(['camion']).length);
    // The table is still there.
    expect((await list('page_size=1')).body.count).toBe(w.demoVehicles.length);
  });
});
