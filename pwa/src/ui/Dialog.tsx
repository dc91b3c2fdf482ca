import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  /** Called on Escape or backdrop click (and never when `dismissible` is false). */
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** A bottom sheet on phones. */
  sheet?: boolean;
  dismissible?: boolean;
  /** `alertdialog` for confirmations that interrupt the user. */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

let nextId = 0;

/**
 * A modal built on the native <dialog> element: the browser traps focus, restores it on close
 * and makes the rest of the page inert, so keyboard and screen-reader users get it for free.
 */
export function Dialog({ open, onClose, title, children, sheet, dismissible = true, role = 'dialog', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dialog-title-${++nextId}`).current;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog${sheet ? ' sheet' : ''}`}
      role={role}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(e) => {
        if (dismissible && e.target === ref.current) onClose();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
