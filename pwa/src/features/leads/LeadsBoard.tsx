import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import type { Customer, Lead, LeadPriority, LeadStatus } from '@lotbook/shared';
import { memo, useCallback, useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useData } from '../../app/hooks.ts';
import { useFormat, type Formatter } from '../../i18n/format.ts';
import { showToast } from '../../ui/toast.tsx';
import { COLUMN_CAP, dropState, groupByStatus, refusalMessage, type KanbanColumn, type Translate } from './kanban.ts';
import { changeLeadStatus } from './save-lead.ts';
import { useTeamNames } from '../team/useTeamNames.ts';
import { ownerLabel } from './assign.ts';
import { customerName } from './useCustomers.ts';

const PRIORITY_BADGE: Record<LeadPriority, string> = {
  low: '',
  medium: 'badge-info',
  high: 'badge-warning',
  urgent: 'badge-danger',
};

/**
 * Mouse and pen only: touch goes through the TouchSensor below, whose press delay lets a finger
 * scroll the board. (A PointerSensor would also claim touch pointers and win the race.)
 */
class MouseAndPenSensor extends PointerSensor {
  static override activators = PointerSensor.activators.map((a) => ({
    eventName: a.eventName,
    handler: (...args: Parameters<typeof a.handler>) => args[0].nativeEvent.pointerType !== 'touch' && a.handler(...args),
  }));
}

/** Arrow left/right jump to the neighbouring column (up/down do nothing: order inside a column is by date). */
const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()]
    .filter(([id]) => !context.droppableContainers.get(id)?.disabled)
    .map(([id, rect]) => ({ id, rect }))
    .toSorted((a, b) => a.rect.left - b.rect.left);
  const here = context.over?.id ?? (context.active?.data.current as { status?: LeadStatus } | undefined)?.status;
  const index = columns.findIndex((c) => c.id === here);
  const target = columns[index + (event.code === 'ArrowRight' ? 1 : -1)];
  if (index < 0 || !target) return undefined;
  return { x: target.rect.left + 8, y: currentCoordinates.y };
};

/** The pointer decides where a mouse or finger drops; the keyboard's moved card uses its rectangle. */
const collision: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates ? pointerWithin(args) : [];
  return hits.length > 0 ? hits : rectIntersection(args);
};

interface BoardProps {
  leads: readonly Lead[];
  customers: ReadonlyMap<string, Customer>;
  canMove: boolean;
  /** "N more — open the list" switches to the list filtered by that status. */
  onShowList: (status: LeadStatus) => void;
}

/** Phones: the board scrolls sideways only at the very edge and slowly, so a drag does not fly past the column under the finger. */
const PHONE = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(max-width: 599px)') : { matches: false };
const PHONE_AUTO_SCROLL = { threshold: { x: 0.06, y: 0.15 }, acceleration: 3, interval: 10 } as const;

const statusOf = (a: Active | null | undefined): LeadStatus | undefined =>
  (a?.data.current as { status?: LeadStatus } | undefined)?.status;

/** The pipeline as columns; cards move between them by mouse, touch (long press) or keyboard. */
export function LeadsBoard({ leads, customers, canMove, onShowList }: BoardProps) {
  const { t } = useTranslation('leads');
  const tr = t as unknown as Translate;
  const fmt = useFormat();
  const { db } = useData();
  const navigate = useNavigate();
  const names = useTeamNames();
  const ownerOf = useCallback((l: Lead) => ownerLabel(l.assigned_to, names, t('owner.none')), [names, t]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, LeadStatus>>(new Map());

  const byId = useMemo(() => new Map(leads.map((l) => [l.id, l])), [leads]);
  const columns = useMemo(() => groupByStatus(leads, COLUMN_CAP, overrides), [leads, overrides]);
  const nameOf = useCallback((id: UniqueIdentifier) => customerName(customers.get(byId.get(String(id))?.customer_id ?? '')), [customers, byId]);
  const statusName = useCallback((s: LeadStatus | undefined) => (s ? t(`status.${s}`) : ''), [t]);

  // A card dropped on a legal column stays there until the local write shows up in `leads`.
  useEffect(() => {
    setOverrides((m) => {
      if (m.size === 0) return m;
      const next = new Map([...m].filter(([id, s]) => byId.has(id) && byId.get(id)?.status !== s));
      return next.size === m.size ? m : next;
    });
  }, [byId]);

  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );

  const announcements = useMemo<Announcements>(() => ({
    onDragStart: ({ active }) => t('board.a11y.start', { name: nameOf(active.id), status: statusName(statusOf(active)) }),
    onDragOver: ({ active, over }) => {
      const from = statusOf(active);
      if (!over || !from) return t('board.a11y.overNone', { name: nameOf(active.id) });
      const to = over.id as LeadStatus;
      return t(dropState(from, to) === 'illegal' ? 'board.a11y.overIllegal' : 'board.a11y.over', { name: nameOf(active.id), status: statusName(to) });
    },
    onDragEnd: ({ active, over }) => {
      const from = statusOf(active);
      if (!over || !from || over.id === from) return t('board.a11y.dropSame', { name: nameOf(active.id), status: statusName(from) });
      const to = over.id as LeadStatus;
      return refusalMessage(from, to, tr, fmt.locale) ?? t('board.a11y.moved', { name: nameOf(active.id), status: statusName(to) });
    },
    onDragCancel: ({ active }) => t('board.a11y.cancel', { name: nameOf(active.id), status: statusName(statusOf(active)) }),
  }), [t, tr, fmt.locale, nameOf, statusName]);

  function onDragStart(e: DragStartEvent) {
    setNotice(null);
    setActiveId(String(e.active.id));
  }

  async function commit(id: string, to: LeadStatus) {
    const doc = await db.leads.findOne(id).exec();
    if (!doc) return;
    const refusal = refusalMessage(doc.status, to, tr, fmt.locale);
    if (refusal) return setNotice(refusal);
    if (doc.status === to) return undefined;
    const name = nameOf(id);
    setOverrides((m) => new Map(m).set(id, to));
    const undo = () => setOverrides((m) => new Map([...m].filter(([k]) => k !== id)));
    try {
      const failed = await changeLeadStatus(doc, to);
      if (failed) {
        undo();
        return setNotice(refusalMessage(doc.status, to, tr, fmt.locale) ?? t('board.saveFailed', { message: failed }));
      }
      if (to === 'closed_won') {
        showToast(t('board.won', { name }), { duration: 10_000, action: { label: t('detail.recordSale'), run: () => void navigate(`/sales/new?lead=${id}`) } });
      }
    } catch (err) {
      undo();
      setNotice(t('board.saveFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
    return undefined;
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const from = statusOf(active);
    if (!over || !from || over.id === from) return;
    const to = over.id as LeadStatus;
    // Refused at once from what the card shows; the write re-checks on the latest local document.
    const refusal = refusalMessage(from, to, tr, fmt.locale);
    if (refusal) {
      setNotice(refusal);
      return;
    }
    void commit(String(active.id), to);
  }

  const activeLead = activeId ? byId.get(activeId) : undefined;
  const from = activeLead ? (overrides.get(activeLead.id) ?? activeLead.status) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.a11y.instructions') } }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      autoScroll={PHONE.matches ? PHONE_AUTO_SCROLL : true}
    >
      {notice ? (
        <div className="alert alert-danger kanban-notice" role="alert" data-testid="kanban-notice">
          <p>{notice}</p>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setNotice(null)}>{t('board.dismiss')}</button>
        </div>
      ) : null}
      {canMove ? <p className="muted kanban-hint">{t('board.hint')}</p> : <p className="muted kanban-hint">{t('board.readOnly')}</p>}
      <div className={`kanban${from ? ' kanban-dragging' : ''}`} role="group" aria-label={t('board.label')} data-testid="kanban">
        {columns.map((col) => (
          <Column key={col.status} col={col} from={from} canMove={canMove} customers={customers} ownerOf={ownerOf} fmt={fmt} onShowList={onShowList} />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {activeLead ? <CardBody lead={activeLead} name={nameOf(activeLead.id)} owner={ownerOf(activeLead)} fmt={fmt} preview /> : null}
      </DragOverlay>
    </DndContext>
  );
}

interface ColumnProps {
  col: KanbanColumn;
  /** The dragged card's column, while a drag is on. */
  from: LeadStatus | undefined;
  canMove: boolean;
  customers: ReadonlyMap<string, Customer>;
  ownerOf: (l: Lead) => string;
  fmt: Formatter;
  onShowList: (status: LeadStatus) => void;
}

function Column({ col, from, canMove, customers, ownerOf, fmt, onShowList }: ColumnProps) {
  const { t } = useTranslation('leads');
  const { setNodeRef, isOver } = useDroppable({ id: col.status, disabled: !canMove });
  const headingId = `kanban-${col.status}`;
  const hidden = col.total - col.cards.length;
  return (
    <section
      ref={setNodeRef}
      className="kanban-col"
      aria-labelledby={headingId}
      data-testid="kanban-column"
      data-status={col.status}
      data-drop={from ? dropState(from, col.status) : undefined}
      data-over={isOver ? 'true' : undefined}
    >
      <h2 id={headingId} className="kanban-col-title">
        <span>{t(`status.${col.status}`)}</span>
        <span className="badge" aria-hidden="true">{fmt.number(col.total)}</span>
        <span className="visually-hidden">{t('board.count', { n: fmt.number(col.total) })}</span>
      </h2>
      {col.cards.length === 0 ? <p className="muted kanban-empty">{t('board.empty')}</p> : (
        <ul className="kanban-cards">
          {col.cards.map((l) => (
            <LeadCard key={l.id} lead={l} name={customerName(customers.get(l.customer_id))} owner={ownerOf(l)} canMove={canMove} fmt={fmt} />
          ))}
        </ul>
      )}
      {hidden > 0 ? (
        <button type="button" className="btn btn-ghost btn-sm kanban-more" onClick={() => onShowList(col.status)}>
          {t('board.more', { n: fmt.number(hidden) })}
        </button>
      ) : null}
    </section>
  );
}

interface CardProps {
  lead: Lead;
  name: string;
  owner: string;
  canMove: boolean;
  fmt: Formatter;
}

type Listener = (e: SyntheticEvent) => void;

const LeadCard = memo(function LeadCard({ lead, name, owner, canMove, fmt }: CardProps) {
  const { t } = useTranslation('leads');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: lead.id,
    data: { status: lead.status },
    disabled: !canMove,
    attributes: { roleDescription: t('board.roleDescription') },
  });
  // Mouse and touch drag the whole card; the keyboard drags from the handle (the link keeps Enter).
  const { onKeyDown, ...pointer } = (listeners ?? {}) as Record<string, Listener>;
  return (
    <li ref={setNodeRef} className="card kanban-card" data-testid="kanban-card" data-lead-id={lead.id} data-dragging={isDragging ? 'true' : undefined} {...pointer}>
      <CardBody lead={lead} name={name} owner={owner} fmt={fmt} />
      {canMove ? (
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="btn btn-ghost btn-icon kanban-handle"
          {...attributes}
          aria-label={t('board.move', { name })}
          onKeyDown={onKeyDown}
        >
          <svg viewBox="0 0 24 24" width={20} height={20} aria-hidden="true" fill="currentColor">
            {[5, 12, 19].flatMap((y) => [9, 15].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.8} />))}
          </svg>
        </button>
      ) : null}
    </li>
  );
});

/** The whole card opens the lead: the name's link is stretched over the card (the drag handle sits above it). */
function CardBody({ lead, name, owner, fmt, preview = false }: { lead: Lead; name: string; owner: string; fmt: Formatter; preview?: boolean }) {
  const { t } = useTranslation('leads');
  return (
    <div className={`kanban-card-body${preview ? ' card kanban-card kanban-preview' : ''}`}>
      {preview ? <strong>{name}</strong> : <Link to={`/leads/${lead.id}`} className="kanban-card-link" draggable={false}>{name}</Link>}
      <span className="kanban-card-meta">
        <span className={`badge ${PRIORITY_BADGE[lead.priority]}`}>
          <span className="visually-hidden">{t('board.priority')}: </span>{t(`priority.${lead.priority}`)}
        </span>
        <span className="muted">{t('board.updated', { when: fmt.relative(lead.updated_at) })}</span>
      </span>
      <span className="kanban-card-owner muted" data-testid="lead-owner"><span className="visually-hidden">{t('owner.label')}: </span>{owner}</span>
    </div>
  );
}
