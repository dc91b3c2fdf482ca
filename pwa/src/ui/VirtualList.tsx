import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import './VirtualList.css';

/**
 * A list virtualized against the window scroll (like inventory's results): only the rows on
 * screen, plus a few, are in the DOM, so 20,000 customers scroll like 20.
 */
export function VirtualList<T>({ items, rowHeight, label, testId, getKey, render }: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  testId?: string;
  getKey: (item: T) => string;
  render: (item: T, index: number) => ReactNode;
}) {
  const ref = useRef<HTMLUListElement>(null);
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setTop(el.getBoundingClientRect().top + window.scrollY);
    measure();
    const ro = new ResizeObserver(measure);
    if (el.parentElement) ro.observe(el.parentElement);
    return () => ro.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin: top,
    getItemKey: (i) => {
      const item = items[i];
      return item === undefined ? i : getKey(item);
    },
  });
  return (
    <ul
      ref={ref}
      aria-label={label}
      className="vlist-plain"
      data-testid={testId}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((row) => {
        const item = items[row.index];
        if (item === undefined) return null;
        return (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            aria-posinset={row.index + 1}
            aria-setsize={items.length}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
          >
            {render(item, row.index)}
          </li>
        );
      })}
    </ul>
  );
}
