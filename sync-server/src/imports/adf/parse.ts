import { XMLParser, XMLValidator } from 'fast-xml-parser';
import PostalMime from 'postal-mime';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ApiError } from '../../http/errors.ts';

/** One ADF `<prospect>`, read leniently: every field may be missing. */
export interface Prospect {
  index: number;
  prospectId: string | null;
  /** The feed the prospect id belongs to: the `<id source>` or else the provider name. */
  source: string;
  provider: string | null;
  requestDate: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** A phone the feed sent that is not a valid number: reported, never stored. */
  badPhone: string | null;
  nationalId: string | null;
  comments: string[];
  vehicle: AdfVehicle | null;
  tradeIn: AdfVehicle | null;
}

export interface AdfVehicle {
  year: number | null;
  make: string | null;
  model: string | null;
  vin: string | null;
  stock: string | null;
  odometer: string | null;
  comments: string | null;
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['prospect', 'vehicle', 'name', 'email', 'phone', 'id', 'comments']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name.toLowerCase()),
  transformTagName: (name) => name.toLowerCase(),
  transformAttributeName: (name) => name.toLowerCase(),
});

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The text of an element that may be a string or `{#text, @attr}`. */
function text(v: unknown): string | null {
  if (v == null) return null;
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  const s = clean(String(v));
  return s === '' ? null : s;
}
const list = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const attr = (v: unknown, name: string): string | null => (v && typeof v === 'object' ? text((v as Node)[`@${name}`]) : null);

/** Finds the ADF document in an XML body, a pasted email or an .eml file (plain, QP or attachment). */
export async function extractAdfXml(raw: string): Promise<string> {
  const found = findAdf(raw);
  if (found && /^\s*(<\?xml|<adf|<\?adf)/i.test(raw)) return found;
  // Not bare XML: read it as an email (postal-mime decodes quoted-printable, base64 and attachments).
  try {
    const mail = await PostalMime.parse(raw);
    for (const a of mail.attachments) {
      const body = typeof a.content === 'string' ? a.content : new TextDecoder('utf-8').decode(a.content);
      const inAttachment = findAdf(body);
      if (inAttachment) return inAttachment;
    }
    const inBody = findAdf(mail.text ?? '') ?? findAdf(decodeHtmlEntities(mail.html ?? ''));
    if (inBody) return inBody;
  } catch {
    // not an email either; fall through
  }
  if (found) return found;
  throw new ApiError(422, 'adf_not_found', 'No ADF document (<adf>…</adf>) was found in the body, the file or the email');
}

function findAdf(s: string): string | null {
  const start = s.search(/<adf[\s>]/i);
  const end = s.toLowerCase().lastIndexOf('</adf>');
  if (start < 0 || end < start) return null;
  return s.slice(start, end + '</adf>'.length);
}

function decodeHtmlEntities(s: string): string {
  if (!/&lt;adf/i.test(s)) return s;
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Parses the ADF document. Malformed XML is a 400; a DTD violation is not an error. */
export function parseAdf(xml: string, country: CountryCode = 'ES'): Prospect[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ApiError(400, 'invalid_xml', `The ADF is not well-formed XML: ${valid.err.msg}`, { line: valid.err.line, column: valid.err.col });
  }
  const doc = parser.parse(xml) as Node;
  const adf = doc.adf as Node | undefined;
  if (!adf || typeof adf !== 'object') throw new ApiError(422, 'adf_not_found', 'The XML has no <adf> root element');
  const prospects = list(adf.prospect) as Node[];
  if (prospects.length === 0) throw new ApiError(422, 'adf_empty', 'The ADF document holds no <prospect>');
  return prospects.map((p, index) => readProspect(typeof p === 'object' && p ? p : {}, index, country));
}

function readProspect(p: Node, index: number, country: CountryCode): Prospect {
  const ids = list(p.id);
  const provider = p.provider as Node | undefined;
  const providerName = provider ? (text(list(provider.name)[0]) ?? text(provider.service) ?? text(provider.url)) : null;
  const idSource = attr(ids[0], 'source');
  const customer = (list(p.customer)[0] ?? {}) as Node;
  const contact = (list(customer.contact)[0] ?? {}) as Node;
  const { first, last } = readName(list(contact.name));
  const rawPhone = text(list(contact.phone)[0]);
  const phone = rawPhone ? normalizePhone(rawPhone, country) : null;
  const vehicles = list(p.vehicle) as Node[];
  const interest = vehicles.find((v) => (attr(v, 'interest') ?? 'buy').toLowerCase() !== 'trade-in') ?? null;
  const trade = vehicles.find((v) => attr(v, 'interest')?.toLowerCase() === 'trade-in') ?? null;
  const comments = [...list(customer.comments).map(text), ...list(p.comments).map(text)].filter((c): c is string => !!c);
  return {
    index,
    prospectId: text(ids[0]),
    source: (idSource ?? providerName ?? 'adf').toLowerCase(),
    provider: providerName,
    requestDate: text(p.requestdate),
    firstName: first,
    lastName: last,
    email: text(list(contact.email)[0])?.toLowerCase() ?? null,
    phone,
    badPhone: rawPhone && !phone ? rawPhone : null,
    nationalId: text(contact.nationalid) ?? text(contact.dni),
    comments,
    vehicle: interest ? readVehicle(interest) : null,
    tradeIn: trade ? readVehicle(trade) : null,
  };
}

function readName(names: unknown[]): { first: string; last: string } {
  let first = '';
  let last = '';
  let full = '';
  for (const n of names) {
    const part = (attr(n, 'part') ?? 'full').toLowerCase();
    const value = text(n) ?? '';
    if (part === 'first') first = value;
    else if (part === 'last') last = value;
    else full = value;
  }
  if (!first && !last && full) {
    const [head, ...rest] = full.split(' ');
    return { first: head ?? '', last: rest.join(' ') };
  }
  return { first, last };
}

function readVehicle(v: Node): AdfVehicle {
  const year = Number.parseInt(text(v.year) ?? '', 10);
  return {
    year: Number.isFinite(year) ? year : null,
    make: text(v.make),
    model: text(v.model),
    vin: text(v.vin)?.toUpperCase().replace(/\s/g, '') ?? null,
    stock: text(v.stock),
    odometer: text(v.odometer),
    comments: text(list(v.comments)[0]),
  };
}

/** "600 123 456", "+34 600-123-456", "0034600123456" → "+34600123456"; null when not a valid number. */
export function normalizePhone(raw: string, country: CountryCode): string | null {
  const compact = raw.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(compact, country);
  return parsed?.isValid() ? parsed.number : null;
}
