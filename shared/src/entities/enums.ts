/** Enum values travel as lowercase English on the wire; the UI translates them. */
export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const VEHICLE_STATUSES = ['available', 'reserved', 'sold', 'maintenance'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const FUEL_TYPES = ['gasoline', 'diesel', 'hybrid', 'electric'] as const;
export type FuelType = (typeof FUEL_TYPES)[number];

export const TRANSMISSIONS = ['manual', 'automatic', 'cvt'] as const;
export type Transmission = (typeof TRANSMISSIONS)[number];

export const BODY_TYPES = ['sedan', 'suv', 'hatchback', 'wagon', 'coupe', 'convertible', 'pickup', 'van', 'minivan'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'negotiating', 'closed_won', 'closed_lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_SOURCES = ['website', 'phone', 'social', 'referral', 'walk_in', 'adf', 'email', 'event', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'test_drive', 'note', 'task', 'whatsapp'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const FINANCING_TYPES = ['cash', 'loan', 'lease'] as const;
export type FinancingType = (typeof FINANCING_TYPES)[number];

export const SALE_STATUSES = ['pending', 'completed', 'cancelled'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const MOVEMENT_TYPES = ['entry', 'exit', 'transfer', 'maintenance', 'reservation', 'price_change'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

export const NOTIFICATION_TYPES = [
  'lead_assigned',
  'lead_unanswered',
  'hot_lead',
  'follow_up_due',
  'aged_inventory',
  'daily_report',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];
