import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startAnalyticsWorld, tokenOf, type AnalyticsWorld } from '../../analytics/testkit.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

const SAMPLE = `<?xml version="1.0"?><?adf version="1.0"?>
<adf><prospect status="new"><requestdate>2026-03-01T10:15:00-05:00</requestdate>
<vehicle interest="buy" status="used"><year>2023</year><make>Toyota</make><model>RAV4</model></vehicle>
<customer><contact><name part="first">Lucía</name><name part="last">Gómez</name>
<email>lucia@example.com</email><phone type="voice">+34 600 123 456</phone></contact></customer>
<vendor><vendorname>Lot Demo</vendorname></vendor><provider><name>coches.net</name></provider>
</prospect></adf>`;

let w: AnalyticsWorld;
let manager: string;
beforeAll(async () => {
  w = await startAnalyticsWorld();
  manager = tokenOf(w, 'gerente@demo.example');
});
afterAll(() => w?.server.stop());

async function post(body: string | Blob | FormData, token = manager, type = 'application/xml', query = ''): Promise<{ status: number; body: Body }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (type) headers['content-type'] = type;
  const res = await fetch(`${w.server.url}/api/v1/leads/import/adf${query}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Body };
}

const counts = async () => {
  const [r] = await w.server.ctx.db.rows<{ customers: number; leads: number }>(
    sql`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM leads)::int AS leads`,
  );
  return r;
};

function prospect(o: { id?: string; first?: string; last?: string; full?: string; email?: string; phone?: string; vehicle?: string; extra?: string }): string {
  const names = o.full ? `<name part="full">${o.full}</name>` : `${o.first ? `<name part="first">${o.first}</name>` : ''}${o.last ? `<name part="last">${o.last}</name>` : ''}`;
  return `<prospect status="new">${o.id ? `<id sequence="1" source="motor.es">${o.id}</id>` : ''}<requestdate>2026-03-01T10:15:00Z</requestdate>
  ${o.vehicle ?? ''}<customer><contact>${names}${o.email ? `<email>${o.email}</email>` : ''}${o.phone ? `<phone>${o.phone}</phone>` : ''}</contact>${o.extra ?? ''}</customer>
  <provider><name>motor.es</name></provider></prospect>`;
}
const adf = (...ps: string[]) => `<?xml version="1.0" encoding="UTF-8"?><adf>${ps.join('\n')}</adf>`;

describe('POST /api/v1/leads/import/adf', () => {
  it('imports the DOMAIN.md sample as a routed ADF lead and a new customer, then says a re-send changes nothing', async () => {
    const before = await counts();
    const first = await post(SAMPLE, manager, 'application/xml', '?file_name=sample.xml');
    expect(first.status).toBe(200);
    expect(first.body.prospects).toHaveLength(1);
    const p = first.body.prospects[0];
    expect(p.status).toBe('created');
    expect(p.name).toBe('Lucía Gómez');
    const [c] = await w.server.ctx.db.rows<Body>(sql`SELECT first_name, last_name, phone, email, seq, version FROM customers WHERE id = ${p.customer_id}`);
    expect(c).toMatchObject({ first_name: 'Lucía', last_name: 'Gómez', phone: '+34600123456', email: 'lucia@example.com', version: 1 });
    expect(Number(c?.seq)).toBeGreaterThan(0); // stamped by the trigger: it replicates
    const [l] = await w.server.ctx.db.rows<Body>(sql`SELECT source, assigned_to, status, notes, preferences FROM leads WHERE id = ${p.lead_id}`);
    expect(l).toMatchObject({ source: 'adf', status: 'new' });
    // Routed once the import committed (issue 14): to an available rep, or the pool when nobody is.
    const routed = await w.server.ctx.db.rows<Body>(sql`SELECT kind, to_user FROM lead_routing WHERE lead_id = ${p.lead_id}`);
    expect(routed).toEqual([l?.assigned_to === null ? { kind: 'pool', to_user: null } : { kind: 'assigned', to_user: l?.assigned_to }]);
    expect(l?.notes).toContain('coches.net');
    expect(l?.preferences.makes).toEqual(['Toyota']);
    expect(await counts()).toEqual({ customers: (before?.customers ?? 0) + 1, leads: (before?.leads ?? 0) + 1 });

    const again = await post(SAMPLE);
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toBe(true);
    expect(again.body.prospects[0].status).toBe('duplicate');
    expect(again.body.import.same_file_imported_at).toBe(first.body.import.created_at);
    expect(await counts()).toEqual({ customers: (before?.customers ?? 0) + 1, leads: (before?.leads ?? 0) + 1 });

    const list = await fetch(`${w.server.url}/api/v1/imports`, { headers: { authorization: `Bearer ${manager}` } });
    const runs = ((await list.json()) as Body).imports as Body[];
    expect(runs[0]).toMatchObject({ kind: 'adf', counts: { total: 1, created: 0, duplicate: 1 } });
    expect(runs[1]).toMatchObject({ kind: 'adf', file_name: 'sample.xml', counts: { created: 1 } });
  });

  it('reports every prospect: created, merged, skipped without a customer, full names with accents and spaced phones', async () => {
    const [car] = await w.server.ctx.db.rows<{ id: string; vin: string; stock_number: string }>(
      sql`SELECT id, vin, stock_number FROM vehicles WHERE dealership_id = ${w.demo.dealership_id} AND NOT deleted ORDER BY stock_number LIMIT 1`,
    );
    const [known] = await w.server.ctx.db.rows<{ id: string; email: string }>(
      sql`SELECT id, email FROM customers WHERE dealership_id = ${w.demo.dealership_id} AND email IS NOT NULL ORDER BY created_at LIMIT 1`,
    );
    const xml = adf(
      prospect({ id: 'A-1', full: '  José   Ángel  Núñez Peña ', phone: '612 34 56 78', vehicle: `<vehicle interest="buy"><vin>${car?.vin}</vin></vehicle><vehicle interest="trade-in"><year>2012</year><make>Seat</make><model>León</model><odometer>180000</odometer></vehicle>`, extra: '<comments>Llamar por la tarde</comments>' }),
      prospect({ id: 'A-2', first: 'Otro', email: known?.email.toUpperCase() }),
      prospect({ id: 'A-3' }),
      prospect({ id: 'A-4', first: 'Begoña', phone: '0034 699-111-222', vehicle: `<vehicle><stock>${car?.stock_number}</stock></vehicle>` }),
    );
    const r = await post(new Blob([xml]), manager, 'text/xml');
    expect(r.status).toBe(200);
    const [a, b, c, d] = r.body.prospects as Body[];
    expect(a).toMatchObject({ status: 'created', name: 'José Ángel Núñez Peña', vehicle_id: car?.id });
    const [cust] = await w.server.ctx.db.rows<Body>(sql`SELECT first_name, last_name, phone FROM customers WHERE id = ${a?.customer_id}`);
    expect(cust).toEqual({ first_name: 'José', last_name: 'Ángel Núñez Peña', phone: '+34612345678' });
    const [lead] = await w.server.ctx.db.rows<Body>(sql`SELECT notes, preferences FROM leads WHERE id = ${a?.lead_id}`);
    expect(lead?.notes).toContain('Trade-in: Seat León 2012');
    expect(lead?.notes).toContain('Llamar por la tarde');
    expect(lead?.preferences.vehicle_id).toBe(car?.id);
    expect(b).toMatchObject({ status: 'merged', customer_id: known?.id });
    expect(c?.status).toBe('skipped');
    expect(c?.reason).toMatch(/no customer/);
    expect(d).toMatchObject({ status: 'created', vehicle_id: car?.id });
    expect(r.body.import.counts).toEqual({ total: 4, created: 2, merged: 1, duplicate: 0, skipped: 1 });

    // The same customer about the same car within 24 h, under a new prospect id: a duplicate.
    const dup = await post(adf(prospect({ id: 'A-9', first: 'Begoña', phone: '+34 699 111 222', vehicle: `<vehicle><vin>${car?.vin}</vin></vehicle>` })));
    expect(dup.body.prospects[0]).toMatchObject({ status: 'duplicate', lead_id: d?.lead_id });
  });

  it('finds the ADF inside emails: quoted-printable body and XML attachment', async () => {
    const xml = adf(prospect({ id: 'M-1', first: 'Iñaki', last: 'Etxeberría', email: 'inaki@example.com' }));
    const qp = xml.replace(/=/g, '=3D').replace(/Iñaki/g, 'I=C3=B1aki').replace(/í/g, '=C3=AD');
    const eml1 = `From: leads@portal.example\r\nTo: ventas@demo.example\r\nSubject: Nuevo lead\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHola,\r\n\r\n${qp}\r\n`;
    const r1 = await post(eml1, manager, 'text/plain');
    expect(r1.status).toBe(200);
    expect(r1.body.prospects[0]).toMatchObject({ status: 'created', name: 'Iñaki Etxeberría' });

    const xml2 = adf(prospect({ id: 'M-2', full: 'Ramón Peñalver', email: 'ramon@example.com' }));
    const b64 = Buffer.from(xml2, 'utf8').toString('base64');
    const eml2 = `From: leads@portal.example\r\nSubject: Lead\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVer adjunto.\r\n--XYZ\r\nContent-Type: application/xml; name="lead.xml"\r\nContent-Disposition: attachment; filename="lead.xml"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--XYZ--\r\n`;
    const form = new FormData();
    form.set('file', new File([eml2], 'lead.eml', { type: 'message/rfc822' }));
    const r2 = await post(form, manager, '');
    expect(r2.status).toBe(200);
    expect(r2.body.import.file_name).toBe('lead.eml');
    expect(r2.body.prospects[0]).toMatchObject({ status: 'created', name: 'Ramón Peñalver' });
  });

  it('refuses broken XML, a body without ADF and a salesperson, with the error shape and nothing written', async () => {
    const before = await counts();
    const broken = await post(`<adf><prospect><customer><contact><name>Ana</contact></prospect></adf>`);
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: 'invalid_xml' });
    expect(typeof broken.body.message).toBe('string');
    const none = await post('Hola, esto no es un lead', manager, 'text/plain');
    expect(none.status).toBe(422);
    expect(none.body.error).toBe('adf_not_found');
    const rep = await post(SAMPLE, tokenOf(w, 'ana@demo.example'));
    expect(rep.status).toBe(403);
    expect(rep.body.error).toBe('forbidden');
    expect(await counts()).toEqual(before);
  });
});
