import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
  /** Milliseconds before it hides itself; 0 keeps it until dismissed. */
  duration: number;
}

let toasts: Toast[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** Shows a short message (announced politely to screen readers). Returns its id. */
export function showToast(message: string, opts: { action?: Toast['action']; duration?: number } = {}): number {
  const t: Toast = { id: ++seq, message, duration: opts.duration ?? 4000, ...(opts.action ? { action: opts.action } : {}) };
  toasts = [...toasts.slice(-2), t];
  emit();
  if (t.duration > 0) setTimeout(() => dismissToast(t.id), t.duration);
  return t.id;
}

export function ToastRegion({ closeLabel }: { closeLabel: string }) {
  const items = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => toasts,
  );
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {items.map((t) => (
        <div className="toast" key={t.id}>
          <p>{t.message}</p>
          {t.action ? (
            <button type="button" className="btn btn-sm" onClick={() => { t.action?.run(); dismissToast(t.id); }}>
              {t.action.label}
            </button>
          ) : null}
          <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label={closeLabel} onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
