/**
 * The rule-based intent and slot parser (Spanish and English, typos and missing accents tolerated).
 * It turns a question, plus the previous parsed question for follow-ups, into a tool call. Pure.
 */
import { fold, words } from './text.ts';
import { BODY_WORDS, FUEL_WORDS, LEAD_SOURCE_WORDS, LEAD_STATUS_WORDS, STATUS_WORDS, TRANSMISSION_WORDS } from './lexicon.ts';
import { findCatalogue, findIn, markUsed } from './match.ts';
import { parseBounds } from './numbers.ts';
import type { ChatIntent, ChatLang, ParsedQuestion, SalesMetric, SalesPeriod, VehicleFilters, Vocabulary } from './types.ts';

const ES_WORDS = new Set(['que', 'cuantos', 'cuantas', 'tenemos', 'teneis', 'hay', 'coches', 'coche', 'bajo', 'menos', 'de', 'del', 'los', 'las', 'el', 'la', 'y', 'en', 'con', 'vendimos', 'hemos', 'cuentame', 'dime', 'solo', 'mas', 'segundo', 'primero', 'este', 'esta', 'mes', 'semana', 'hoy', 'ano', 'entre', 'por', 'muestrame', 'busco', 'necesito', 'algun', 'alguno', 'para', 'sin', 'mis', 'tengo']);
const EN_WORDS = new Set(['what', 'which', 'how', 'many', 'do', 'we', 'have', 'under', 'below', 'sold', 'cars', 'car', 'the', 'with', 'show', 'me', 'only', 'ones', 'any', 'and', 'in', 'of', 'this', 'month', 'week', 'today', 'year', 'between', 'by', 'tell', 'more', 'about', 'second', 'first', 'did', 'sell', 'need', 'my', 'less', 'than', 'over', 'is', 'are', 'much', 'what\'s', 'last', 'leads', 'from', 'for']);

/** The question's language: Spanish punctuation or accents, else the majority of marker words. */
export function detectLang(text: string, fallback: ChatLang = 'es'): ChatLang {
  if (/[¿¡ñáéíóú]/i.test(text)) return 'es';
  let es = 0;
  let en = 0;
  for (const w of words(text)) {
    if (ES_WORDS.has(w)) es++;
    if (EN_WORDS.has(w)) en++;
  }
  if (es === en) return fallback;
  return es > en ? 'es' : 'en';
}

const STOP = new Set([...ES_WORDS, ...EN_WORDS, 'a', 'al', 'un', 'una', 'unos', 'unas', 'o', 'or', 'to', 'se', 'lo', 'le', 'les', 'su', 'sus', 'nos', 'es', 'son', 'estan', 'esta', 'esos', 'esas', 'ese', 'esa', 'those', 'these', 'them', 'it', 'there', 'any', 'some', 'all', 'todos', 'todas', 'vehiculo', 'vehiculos', 'vehicle', 'vehicles', 'autos', 'auto', 'carros', 'stock', 'inventario', 'inventory', 'lot', 'lote', 'can', 'could', 'you', 'please', 'por favor', 'favor', 'quiero', 'want', 'looking', 'buscando', 'got', 'euros', 'eur', 'dollars', 'km', 'k', 'mil', 'thousand', 'price', 'precio', 'precios', 'year', 'ano', 'anos', 'ones', 'one', 'uno', 'algo', 'something', 'list', 'lista', 'give', 'dame', 'ver', 'see', 'available', 'disponibles', 'y', 'en', 'but', 'pero', 'also', 'tambien', 'then', 'entonces', 'cliente', 'customer', 'puedes', 'podrias', 'tienes', 'you', 'hola', 'hello', 'hi', 'buenas', 'gracias', 'thanks', 'just', 'like', 'como', 'que', 'cual', 'cuales',
  // Left over from year phrases ("2019 o más nuevos", "2018 or newer").
  'nuevo', 'nuevos', 'nueva', 'nuevas', 'posterior', 'posteriores', 'anterior', 'anteriores', 'newer', 'older', 'later', 'earlier', 'recientes']);

const SALES = /\b(vend(?:imos|ido|idos|ida|idas|io|ieron|emos|i|er|iste|isteis)|ventas?|sold|sales|sell|(?<!for )sale|facturad[oa]|facturacion|facturamos|ingresos|revenue|turnover)\b/;
const REVENUE = /\b(ingresos|facturacion|facturad[oa]|facturamos|revenue|turnover|importe|cuanto dinero|how much money|total)\b/;
const AVERAGE = /\b(precio medio|precio promedio|media|promedio|average|avg|mean)\b/;
const COUNT = /\b(cuantos|cuantas|how many|numero de|number of|count)\b/;
const LEADS = /\b(leads?|prospectos?|clientes potenciales|oportunidades|interesados|contactos|pipeline|embudo|funnel)\b/;
const ATTENTION = /\b(atencion|attention|urgentes?|calientes?|hot|sin respuesta|sin contestar|sin responder|unanswered|no response|not answered|no first response|atrasad[oa]s?|overdue|vencid[oa]s?|late|follow.?ups?|seguimientos?|pendientes?|needing|need attention)\b/;
const BY_SOURCE = /\b(fuentes?|origen|origenes|canal(?:es)?|source|sources|channels?|de donde|where)\b/;
const BY_STATUS = /\b(estados?|etapas?|status|stages?|embudo|funnel|pipeline)\b/;
const AGED = /\b(antiguos?|antiguas?|envejecid[oa]s?|mas tiempo|llevan mas|aged|aging|ageing|old stock|stock viejo|longest|dias en stock|days in stock|parad[oa]s|sin vender|unsold|estancad[oa]s?|stale|sitting|mas de \d+ dias|over \d+ days|more than \d+ days)\b/;
const VEHICLE_WORDS = /\b(coches?|autos?|carros?|vehiculos?|cars?|vehicles?|tenemos|teneis|tienen|hay|have|got|stock|inventario|inventory|muestrame|ensename|show|busco|buscando|looking|necesito|need|quiero|want|find|encuentra|lista|list|opciones|options)\b/;
const FOLLOW_UP = /^(y|e|and|solo|only|just|pero|but|what about|how about|de esos|de ellos|de ellas|of those|of them|ahora|now|mejor|instead|tambien|also|con|with|sin|without|en)\b/;
const BY_MAKE = /\b(por marca|por marcas|by make|per make|by brand|por fabricante)\b/;
const BY_MODEL = /\b(por modelo|por modelos|by model|per model)\b/;

const ORDINALS: readonly [RegExp, number][] = [
  [/\b(primer[oa]?|1st|first|1º|1o)\b/, 1],
  [/\b(segund[oa]|2nd|second|2º|2o|dos|two)\b/, 2],
  [/\b(tercer[oa]?|3rd|third|3º|3o|tres|three)\b/, 3],
  [/\b(cuart[oa]|4th|fourth|4º|cuatro|four)\b/, 4],
  [/\b(quint[oa]|5th|fifth|5º|cinco|five)\b/, 5],
  [/\b(sext[oa]|6th|sixth|seis|six)\b/, 6],
  [/\b(septim[oa]|7th|seventh|siete|seven)\b/, 7],
  [/\b(octav[oa]|8th|eighth|ocho|eight)\b/, 8],
  [/\b(ultim[oa]|last one|the last)\b/, -1],
  [/\b(uno|one)\b/, 1],
];
const DETAIL = /\b(cuentame|cuenta|dime|mas (?:sobre|del|de la|de)|detalles?|informacion|info|tell me|more about|details?|about the|sobre el|sobre la|ver el|ver la|show me the|what about the|y el|y la|and the|el numero|number|numero|#)\b/;

function period(f: string): SalesPeriod | null {
  if (/\b(hoy|today)\b/.test(f)) return 'today';
  if (/\b(esta semana|this week|semana actual)\b/.test(f)) return 'this_week';
  if (/\b(mes pasado|ultimo mes|mes anterior|last month|previous month)\b/.test(f)) return 'last_month';
  if (/\b(este mes|this month|mes actual|en el mes|so far this month)\b/.test(f)) return 'this_month';
  if (/\b(ano pasado|last year|previous year|ano anterior)\b/.test(f)) return 'last_year';
  if (/\b(este ano|this year|en lo que va de ano|ytd|year to date|ano actual)\b/.test(f)) return 'this_year';
  return null;
}

function ordinal(f: string): number | null {
  const n = /(?:#|numero|number|num|nº|no\.?)\s*(\d{1,2})\b/.exec(f) ?? /\b(?:el|la|the)\s+(\d{1,2})\b/.exec(f);
  if (n) return Number(n[1]);
  for (const [re, v] of ORDINALS) if (re.test(f)) return v;
  return null;
}

interface Slots { filters: VehicleFilters; minDays?: number; used: Set<number>; tokens: string[] }

function vehicleSlots(text: string, lang: ChatLang, vocab: Vocabulary): Slots {
  const tokens = words(text);
  const used = new Set<number>();
  const cat = findCatalogue(tokens, vocab, used);
  const filters: VehicleFilters = {};
  if (cat.make) filters.make = cat.make;
  if (cat.model) filters.model = cat.model;
  // Numbers: remove the catalogue words first so "Peugeot 2008" is not the year 2008.
  let f = fold(text);
  for (const p of cat.positions) f = f.replace(new RegExp(`\\b${(tokens[p] as string).replace(/[^\p{L}\p{N}]/gu, '')}\\b`, 'u'), ' ');
  const { bounds, rest } = parseBounds(f, lang);
  const { min_days: minDays, ...vehicleBounds } = bounds;
  Object.assign(filters, vehicleBounds);
  const restTokens = words(rest);
  const body = findIn(tokens, BODY_WORDS, used);
  if (body) { filters.body_type = body.value; markUsed(used, body); }
  const fuel = findIn(tokens, FUEL_WORDS, used);
  if (fuel) { filters.fuel_type = fuel.value; markUsed(used, fuel); }
  const gear = findIn(tokens, TRANSMISSION_WORDS, used);
  if (gear) { filters.transmission = gear.value; markUsed(used, gear); }
  const status = findIn(tokens, STATUS_WORDS, used, false);
  if (status) { filters.status = status.value; markUsed(used, status); }
  const leftover = tokens.filter((t, i) => !used.has(i) && !STOP.has(t) && restTokens.includes(t) && !/^\d+$/.test(t) && t.length > 2);
  if (leftover.length > 0) filters.text = leftover.join(' ');
  return { filters, ...(minDays === undefined ? {} : { minDays }), used, tokens };
}

const STRUCTURED: readonly (keyof VehicleFilters)[] = ['make', 'model', 'body_type', 'fuel_type', 'transmission', 'status', 'year_min', 'year_max', 'price_min', 'price_max', 'mileage_min', 'mileage_max'];

export function hasStructuredFilter(f: VehicleFilters): boolean {
  return STRUCTURED.some((k) => f[k] !== undefined);
}

/** The previous filters with the new ones laid over them; a new make drops the old model. */
function refine(prev: VehicleFilters, next: VehicleFilters): VehicleFilters {
  const out: VehicleFilters = { ...prev };
  if (next.make && next.make !== prev.make) delete out.model;
  // A new bound on a quantity replaces both old bounds of that quantity.
  for (const q of ['price', 'year', 'mileage'] as const) {
    if (next[`${q}_min`] !== undefined || next[`${q}_max`] !== undefined) { delete out[`${q}_min`]; delete out[`${q}_max`]; }
  }
  for (const k of STRUCTURED) if (next[k] !== undefined) (out as Record<string, unknown>)[k] = next[k];
  delete out.text;
  if (next.text) out.text = next.text;
  return out;
}

/**
 * Parses one question. `previous` is the last parsed question of the same conversation, used for
 * follow-ups ("¿y en híbrido?", "only automatic ones", "cuéntame más del segundo", "¿y el mes pasado?").
 * `fallbackLang` (the caller's UI language) decides when the words do not.
 */
export function parseQuestion(text: string, vocab: Vocabulary, previous?: ParsedQuestion | null, fallbackLang: ChatLang = 'es'): ParsedQuestion {
  const lang = detectLang(text, previous?.lang ?? fallbackLang);
  const f = fold(text).replace(/[¿?¡!.,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  const follow = FOLLOW_UP.test(f);
  const done = (intent: ChatIntent, follow_up = false): ParsedQuestion => ({ lang, intent, follow_up });

  // "cuéntame más del segundo": a record from the previous answer.
  const ord = ordinal(f);
  const prevListed = previous && (previous.intent.kind === 'search_vehicles' || previous.intent.kind === 'aged_inventory' || previous.intent.kind === 'vehicle_detail');
  if (ord !== null && prevListed && (DETAIL.test(f) || words(f).length <= 4)) return done({ kind: 'vehicle_detail', ordinal: ord }, true);

  const slots = vehicleSlots(text, lang, vocab);
  const p = period(f);

  if (SALES.test(f) && !/\b(no vendid|sin vender|unsold)\b/.test(f)) {
    const metric: SalesMetric = AVERAGE.test(f) ? 'avg_price' : REVENUE.test(f) && !COUNT.test(f) ? 'revenue' : 'count';
    const intent: ChatIntent = { kind: 'sales_stats', metric, period: p ?? 'this_month' };
    if (slots.filters.make) intent.make = slots.filters.make;
    if (slots.filters.model) intent.model = slots.filters.model;
    if (BY_MODEL.test(f)) intent.group_by = 'model';
    else if (BY_MAKE.test(f)) intent.group_by = 'make';
    return done(intent);
  }

  if (LEADS.test(f) || (ATTENTION.test(f) && !AGED.test(f))) {
    if (ATTENTION.test(f) && !BY_SOURCE.test(f) && !BY_STATUS.test(f)) return done({ kind: 'leads_attention' });
    const used = new Set<number>();
    const source = findIn(slots.tokens, LEAD_SOURCE_WORDS, used, false);
    const status = findIn(slots.tokens, LEAD_STATUS_WORDS, used, false);
    const group_by = BY_SOURCE.test(f) || (source && !BY_STATUS.test(f)) ? 'source' : 'status';
    const intent: ChatIntent = { kind: 'lead_stats', group_by };
    if (source && !BY_SOURCE.test(f)) intent.source = source.value;
    if (status && !BY_STATUS.test(f)) intent.status = status.value;
    return done(intent);
  }

  if (AGED.test(f) || slots.minDays !== undefined) {
    const { text: _text, ...filters } = slots.filters;
    return done({ kind: 'aged_inventory', min_days: slots.minDays ?? 60, filters });
  }

  // Follow-ups on the previous question.
  if (previous && (follow || (!VEHICLE_WORDS.test(f) && !slots.filters.make && !slots.filters.body_type))) {
    const prev = previous.intent;
    if (prev.kind === 'sales_stats' && (p || slots.filters.make || slots.filters.model)) {
      const intent: ChatIntent = { ...prev, period: p ?? prev.period };
      if (slots.filters.make) { intent.make = slots.filters.make; delete intent.model; }
      if (slots.filters.model) intent.model = slots.filters.model;
      return done(intent, true);
    }
    if (prev.kind === 'search_vehicles' && hasStructuredFilter(slots.filters)) {
      return done({ kind: 'search_vehicles', filters: refine(prev.filters, slots.filters), count_only: COUNT.test(f) }, true);
    }
    if (prev.kind === 'aged_inventory' && hasStructuredFilter(slots.filters)) {
      const { text: _t, ...filters } = refine(prev.filters, slots.filters);
      return done({ kind: 'aged_inventory', min_days: prev.min_days, filters }, true);
    }
    if (prev.kind === 'lead_stats' && (BY_SOURCE.test(f) || BY_STATUS.test(f))) {
      return done({ kind: 'lead_stats', group_by: BY_SOURCE.test(f) ? 'source' : 'status' }, true);
    }
  }

  if (hasStructuredFilter(slots.filters) || VEHICLE_WORDS.test(f) || slots.filters.text) {
    if (!hasStructuredFilter(slots.filters) && !VEHICLE_WORDS.test(f) && !slots.filters.text) return done({ kind: 'help' });
    return done({ kind: 'search_vehicles', filters: slots.filters, count_only: COUNT.test(f) });
  }
  return done({ kind: 'help' });
}
