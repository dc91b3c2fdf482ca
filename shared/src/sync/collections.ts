import type { z } from 'zod';
import {
  activityDoc,
  customerDoc,
  leadDoc,
  movementDoc,
  notificationDoc,
  notificationPreferenceDoc,
  notificationPreferenceFields,
  saleDoc,
  teamMemberDoc,
  vehicleDoc,
  activityFields,
  customerFields,
  leadFields,
  movementFields,
  notificationFields,
  saleFields,
  vehicleFields,
} from '../entities/index.ts';
import type { CollectionName, PushableCollection } from './protocol.ts';

/** The full document schema (client fields + server-owned sync fields) per collection. */
export const DOC_SCHEMAS = {
  vehicles: vehicleDoc,
  customers: customerDoc,
  leads: leadDoc,
  lead_activities: activityDoc,
  sales: saleDoc,
  inventory_movements: movementDoc,
  notifications: notificationDoc,
  notification_preferences: notificationPreferenceDoc,
  team: teamMemberDoc,
} as const satisfies Record<CollectionName, z.ZodObject>;

/** What a client may write per collection; everything else is owned by the server. */
export const FIELD_SCHEMAS = {
  vehicles: vehicleFields,
  customers: customerFields,
  leads: leadFields,
  lead_activities: activityFields,
  sales: saleFields,
  inventory_movements: movementFields,
  notifications: notificationFields,
  notification_preferences: notificationPreferenceFields,
} as const satisfies Record<PushableCollection, z.ZodObject>;

/** Local RxDB indexes per collection: designed for the screens' queries (see pwa/src/db). */
export const RX_INDEXES: Record<CollectionName, (string | string[])[]> = {
  vehicles: [['status', 'make', 'model'], 'acquired_at'],
  customers: ['last_name', 'updated_at'],
  leads: [['status', 'updated_at'], 'customer_id'],
  lead_activities: [['lead_id', 'activity_date'], 'activity_date'],
  sales: [['salesperson_id', 'sale_date'], 'vehicle_id', 'customer_id'],
  inventory_movements: [['vehicle_id', 'movement_date']],
  notifications: [['user_id', 'created_at']],
  notification_preferences: [],
  team: ['email'],
};
