import { useEffect } from 'react';

/** Sets document.title to "<title> · Lotbook" while the screen is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Lotbook` : 'Lotbook';
  }, [title]);
}
