/** The headline cards a user can hide and reorder; kept per user on this device. */
export const CARD_IDS = ['revenue', 'units', 'avgPrice', 'gross', 'stock', 'daysSupply', 'leads', 'speed'] as const;
export type CardId = (typeof CARD_IDS)[number];

export interface CardLayout {
  order: CardId[];
  hidden: CardId[];
}

const known = (ids: unknown): CardId[] => (Array.isArray(ids) ? ids.filter((id): id is CardId => (CARD_IDS as readonly string[]).includes(id)) : []);

const key = (userId: string) => `lotbook.dashboard.layout.${userId}`;

/** The saved layout, repaired: unknown ids dropped, new cards appended. */
export function loadLayout(userId: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): CardLayout {
  let saved: Partial<CardLayout> = {};
  try {
    saved = JSON.parse(storage?.getItem(key(userId)) ?? '{}') as Partial<CardLayout>;
  } catch {
    saved = {};
  }
  const order = [...new Set(known(saved.order))];
  for (const id of CARD_IDS) if (!order.includes(id)) order.push(id);
  return { order, hidden: known(saved.hidden) };
}

export function saveLayout(userId: string, layout: CardLayout, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(key(userId), JSON.stringify(layout));
  } catch {
    // not kept: the layout still applies for this visit
  }
}

/** Moves `id` one place up (-1) or down (+1). */
export function moveCard(layout: CardLayout, id: CardId, step: -1 | 1): CardLayout {
  const order = [...layout.order];
  const i = order.indexOf(id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= order.length) return layout;
  [order[i], order[j]] = [order[j] as CardId, order[i] as CardId];
  return { ...layout, order };
}

export function toggleCard(layout: CardLayout, id: CardId): CardLayout {
  return { ...layout, hidden: layout.hidden.includes(id) ? layout.hidden.filter((h) => h !== id) : [...layout.hidden, id] };
}
