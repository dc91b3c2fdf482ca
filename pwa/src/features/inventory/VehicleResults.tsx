import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import type { IndexedVehicle } from './read-model.ts';
import { VehicleCard, VehicleRow } from './VehicleCard.tsx';

export type InventoryView = 'cards' | 'list';

const MIN_CARD_WIDTH = 260;
const GAP = 12;
const ROW_HEIGHT = 112;

/** Tracks an element's width and its offset from the top of the document. */
function useBox(ref: RefObject<HTMLElement | null>): { width: number; top: number } {
  const [box, setBox] = useState({ width: 0, top: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const next = { width: r.width, top: r.top + window.scrollY };
      setBox((prev) => (prev.width === next.width && prev.top === next.top ? prev : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.parentElement) ro.observe(el.parentElement);
    return () => ro.disconnect();
  }, [ref]);
  return box;
}

/**
 * The result list, virtualized against the window scroll: only the rows on screen (plus a few)
 * are in the DOM, so 5,000 cars scroll like 20. Cards are laid out in as many columns as fit.
 */
export function VehicleResults({ items, view }: { items: readonly IndexedVehicle[]; view: InventoryView }) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const now = useNow(60_000);
  const ref = useRef<HTMLDivElement>(null);
  const { width, top } = useBox(ref);
  const cols = view === 'cards' ? Math.max(1, Math.floor((width + GAP) / (MIN_CARD_WIDTH + GAP))) : 1;
  const cardWidth = (width - GAP * (cols - 1)) / cols;
  const rowCount = Math.ceil(items.length / cols);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => (view === 'cards' ? Math.round(cardWidth * 0.66 + 150 + GAP) : ROW_HEIGHT),
    overscan: 4,
    scrollMargin: top,
  });
  const Item = view === 'cards' ? VehicleCard : VehicleRow;
  return (
    <div
      ref={ref}
      role="list"
      aria-label={t('resultsLabel', { count: items.length })}
      className={`vresults vresults-${view}`}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      data-testid="vehicle-results"
    >
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          role="none"
          data-index={row.index}
          ref={virtualizer.measureElement}
          className={view === 'cards' ? 'vgrid-row' : 'vlist-row'}
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: '100%',
            transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
            gridTemplateColumns: view === 'cards' ? `repeat(${cols}, minmax(0, 1fr))` : undefined,
          }}
        >
          {items.slice(row.index * cols, row.index * cols + cols).map((item, i) => (
            <Item key={item.v.id} item={item} fmt={fmt} now={now} pos={row.index * cols + i + 1} size={items.length} />
          ))}
        </div>
      ))}
    </div>
  );
}
