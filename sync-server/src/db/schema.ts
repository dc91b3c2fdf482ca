import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { syncColumns, ts } from './columns.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: 'number' });

/** Lower-cases and strips Spanish/Portuguese/French accents; immutable, so usable in generated columns. */
export const FOLD = (expr: string) =>
  `translate(lower(${expr}), 'áàäâãåéèëêíìïîóòöôõúùüûñçý', 'aaaaaaeeeeiiiiooooouuuuncy')`;

export const dealerships = pgTable('dealerships', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  currency: text('currency').notNull().default('EUR'),
  locale: text('locale').notNull().default('es-ES'),
  timezone: text('timezone').notNull().default('Europe/Madrid'),
  settings: jsonb('settings').notNull().default({}),
  created_at: ts('created_at').notNull().defaultNow(),
});

/** The dealership's logo (migration 0021): a small PNG/JPEG/WebP as base64; see dealership/logo.ts. */
export const dealershipLogos = pgTable('dealership_logos', {
  dealership_id: uuid('dealership_id')
    .primaryKey()
    .references(() => dealerships.id, { onDelete: 'cascade' }),
  content_type: text('content_type').notNull(),
  data: text('data').notNull(),
  size: integer('size').notNull(),
  updated_at: ts('updated_at').notNull().defaultNow(),
});

/** Users; the public columns replicate as the pull-only `team` collection. */
export const users = pgTable(
  'users',
  {
    ...syncColumns(),
    email: text('email').notNull(),
    password_hash: text('password_hash').notNull(),
    first_name: text('first_name').notNull(),
    last_name: text('last_name').notNull(),
    phone: text('phone'),
    role: text('role').notNull(),
    is_active: boolean('is_active').notNull().default(true),
    specializations: jsonb('specializations').notNull().default([]),
    working_hours: jsonb('working_hours').notNull().default({}),
    /** Local dates ("YYYY-MM-DD") the person is off (migration 0017); not replicated. */
    days_off: jsonb('days_off').$type<string[]>().notNull().default([]),
    password_changed_at: ts('password_changed_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_sync_idx').on(t.dealership_id, t.seq),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id').notNull().references(() => users.id),
    family_id: uuid('family_id').notNull(),
    token_hash: text('token_hash').notNull(),
    expires_at: ts('expires_at').notNull(),
    revoked_at: ts('revoked_at'),
    replaced_by: uuid('replaced_by'),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.token_hash), index('refresh_tokens_family_idx').on(t.family_id)],
);

/** One-time links: first-run setup and "set your password" (migration 0011; see team/links.ts). Only hashes are stored. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  id: uuid('id').primaryKey(),
  purpose: text('purpose').notNull(),
  user_id: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  token_hash: text('token_hash').notNull(),
  expires_at: ts('expires_at').notNull(),
  used_at: ts('used_at'),
  created_at: ts('created_at').notNull().defaultNow(),
});

/** Access tokens of a user issued before `valid_after` are refused (migration 0004; see auth/revocation.ts). */
export const userTokenCutoffs = pgTable('user_token_cutoffs', {
  user_id: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  valid_after: ts('valid_after').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dealership_id: uuid('dealership_id'),
    user_id: uuid('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entity_id: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    request_id: text('request_id'),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_entity_idx').on(t.dealership_id, t.entity, t.entity_id), index('audit_log_time_idx').on(t.created_at)],
);

export const vehicles = pgTable(
  'vehicles',
  {
    ...syncColumns(),
    vin: text('vin').notNull(),
    stock_number: text('stock_number').notNull(),
    make: text('make').notNull(),
    model: text('model').notNull(),
    trim: text('trim'),
    year: integer('year').notNull(),
    body_type: text('body_type').notNull(),
    color: text('color'),
    price: money('price').notNull(),
    cost: money('cost'),
    mileage: integer('mileage').notNull().default(0),
    fuel_type: text('fuel_type').notNull(),
    transmission: text('transmission').notNull(),
    consumption: doublePrecision('consumption'),
    description: text('description').notNull().default(''),
    features: jsonb('features').notNull().default({}),
    images: jsonb('images').notNull().default([]),
    lot_location: text('lot_location'),
    status: text('status').notNull().default('available'),
    reserved_by: uuid('reserved_by'),
    reserved_until: ts('reserved_until'),
    acquired_at: ts('acquired_at').notNull(),
    is_promotion: boolean('is_promotion').notNull().default(false),
    promo_price: money('promo_price'),
    search_vector: tsvector('search_vector').generatedAlwaysAs(
      sql.raw(
        ['simple', 'spanish', 'english']
          .map((cfg) => `to_tsvector('${cfg}'::regconfig, ${FOLD(`coalesce(make,'') || ' ' || coalesce(model,'') || ' ' || coalesce(trim,'') || ' ' || coalesce(color,'') || ' ' || coalesce(body_type,'') || ' ' || coalesce(fuel_type,'') || ' ' || coalesce(description,'')`)})`)
          .join(' || '),
      ),
    ),
  },
  (t) => [
    uniqueIndex('vehicles_vin_key').on(t.dealership_id, t.vin),
    index('vehicles_sync_idx').on(t.dealership_id, t.seq),
    index('vehicles_filter_idx').on(t.dealership_id, t.status, t.make, t.price),
    index('vehicles_price_idx').on(t.dealership_id, t.price),
    index('vehicles_year_idx').on(t.dealership_id, t.year),
    index('vehicles_acquired_idx').on(t.dealership_id, t.acquired_at),
    index('vehicles_make_model_idx').on(t.dealership_id, sql`lower(${t.make})`, sql`lower(${t.model})`),
    index('vehicles_search_idx').using('gin', t.search_vector),
    // Inventory list filters: the page count is an index-only scan instead of reading wide rows.
    index('vehicles_list_idx')
      .on(t.dealership_id, sql`lower(${t.make})`, t.status, t.price, t.year, t.body_type, t.fuel_type)
      .where(sql`not ${t.deleted}`),
  ],
);

export const customers = pgTable(
  'customers',
  {
    ...syncColumns(),
    first_name: text('first_name').notNull(),
    last_name: text('last_name').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    national_id: text('national_id'),
    is_active: boolean('is_active').notNull().default(true),
    created_by: uuid('created_by'),
  },
  (t) => [
    index('customers_sync_idx').on(t.dealership_id, t.seq),
    uniqueIndex('customers_email_key').on(t.dealership_id, sql`lower(${t.email})`).where(sql`${t.email} is not null and not ${t.deleted}`),
    uniqueIndex('customers_national_id_key').on(t.dealership_id, sql`upper(${t.national_id})`).where(sql`${t.national_id} is not null and not ${t.deleted}`),
    index('customers_phone_idx').on(t.dealership_id, t.phone),
  ],
);

export const leads = pgTable(
  'leads',
  {
    ...syncColumns(),
    customer_id: uuid('customer_id').notNull(),
    assigned_to: uuid('assigned_to'),
    source: text('source').notNull(),
    status: text('status').notNull().default('new'),
    priority: text('priority').notNull().default('medium'),
    budget_min: money('budget_min'),
    budget_max: money('budget_max'),
    preferences: jsonb('preferences').notNull().default({}),
    notes: text('notes'),
    score: integer('score').notNull().default(0),
    score_factors: jsonb('score_factors').notNull().default([]),
    last_contact_at: ts('last_contact_at'),
    first_response_at: ts('first_response_at'),
  },
  (t) => [
    index('leads_sync_idx').on(t.dealership_id, t.seq),
    index('leads_assigned_idx').on(t.dealership_id, t.assigned_to, t.status),
    index('leads_customer_idx').on(t.customer_id),
    index('leads_created_idx').on(t.dealership_id, t.created_at),
    index('leads_rep_created_idx').on(t.dealership_id, t.assigned_to, t.created_at),
  ],
);

export const leadActivities = pgTable(
  'lead_activities',
  {
    ...syncColumns(),
    lead_id: uuid('lead_id').notNull(),
    user_id: uuid('user_id').notNull(),
    activity_type: text('activity_type').notNull(),
    description: text('description').notNull().default(''),
    activity_date: ts('activity_date').notNull(),
    due_at: ts('due_at'),
    done: boolean('done').notNull().default(false),
    metadata: jsonb('metadata').notNull().default({}),
  },
  (t) => [index('lead_activities_sync_idx').on(t.dealership_id, t.seq), index('lead_activities_lead_idx').on(t.lead_id, t.activity_date)],
);

export const sales = pgTable(
  'sales',
  {
    ...syncColumns(),
    customer_id: uuid('customer_id').notNull(),
    vehicle_id: uuid('vehicle_id').notNull(),
    salesperson_id: uuid('salesperson_id').notNull(),
    sale_price: money('sale_price').notNull(),
    down_payment: money('down_payment').notNull().default(0),
    financing_type: text('financing_type').notNull(),
    status: text('status').notNull().default('completed'),
    sale_date: ts('sale_date').notNull(),
    delivery_date: ts('delivery_date'),
    notes: text('notes'),
  },
  (t) => [
    index('sales_sync_idx').on(t.dealership_id, t.seq),
    index('sales_vehicle_idx').on(t.vehicle_id),
    index('sales_customer_idx').on(t.customer_id),
    index('sales_rep_idx').on(t.dealership_id, t.salesperson_id, t.sale_date),
    index('sales_date_idx').on(t.dealership_id, t.sale_date),
    // Analytics (migration 0007): completed sales by date, covering the figures the dashboard sums.
    index('sales_completed_idx').on(t.dealership_id, t.sale_date).where(sql`${t.status} = 'completed' and not ${t.deleted}`),
  ],
);

export const inventoryMovements = pgTable(
  'inventory_movements',
  {
    ...syncColumns(),
    vehicle_id: uuid('vehicle_id').notNull(),
    user_id: uuid('user_id').notNull(),
    movement_type: text('movement_type').notNull(),
    movement_date: ts('movement_date').notNull(),
    notes: text('notes'),
    metadata: jsonb('metadata').notNull().default({}),
  },
  (t) => [index('inventory_movements_sync_idx').on(t.dealership_id, t.seq), index('inventory_movements_vehicle_idx').on(t.vehicle_id)],
);

export const notifications = pgTable(
  'notifications',
  {
    ...syncColumns(),
    user_id: uuid('user_id').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    priority: text('priority').notNull().default('normal'),
    entity_type: text('entity_type'),
    entity_id: uuid('entity_id'),
    read_at: ts('read_at'),
    // Server-only (sync/tables.ts hides them): dedup key, deep link and data (migration 0018).
    dedup_key: text('dedup_key'),
    link: text('link'),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    index('notifications_sync_idx').on(t.dealership_id, t.seq),
    index('notifications_user_idx').on(t.user_id, t.created_at),
    uniqueIndex('notifications_dedup_key').on(t.user_id, t.dedup_key).where(sql`dedup_key IS NOT NULL`),
    index('notifications_undelivered_idx').on(t.dealership_id, t.created_at).where(sql`dedup_key IS NULL`),
  ],
);

/** Claims the push/email delivery of a trigger-made notification, once across instances (0018). */
export const notificationDeliveries = pgTable('notification_deliveries', {
  notification_id: uuid('notification_id').primaryKey(),
  delivered_at: ts('delivered_at').notNull().defaultNow(),
});

/** One lease per job (migration 0018): the holder of an unexpired lease runs it. */
export const jobLeases = pgTable('job_leases', {
  job: text('job').primaryKey(),
  instance_id: text('instance_id').notNull(),
  slot: text('slot').notNull(),
  expires_at: ts('expires_at').notNull(),
});

/** Every job run; (job, slot) is unique so a scheduled slot runs once across instances. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey(),
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    instance_id: text('instance_id').notNull(),
    trigger: text('trigger').notNull().default('schedule'),
    started_at: ts('started_at').notNull(),
    finished_at: ts('finished_at'),
    status: text('status').notNull().default('running'),
    error: text('error'),
    items: integer('items').notNull().default(0),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [uniqueIndex('job_runs_slot_key').on(t.job, t.slot), index('job_runs_job_started_idx').on(t.job, t.started_at)],
);

/**
 * Per-user notification delivery preferences and quiet hours (migration 0018), replicated as the
 * `notification_preferences` collection since 0022: one document per user, its id the UUIDv3 of the
 * user id (preferencesDocId).
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    ...syncColumns(),
    user_id: uuid('user_id').notNull(),
    channels: jsonb('channels').notNull().default({}),
    quiet_start: text('quiet_start'),
    quiet_end: text('quiet_end'),
    time_zone: text('time_zone'),
  },
  (t) => [
    uniqueIndex('notification_preferences_user_key').on(t.user_id),
    index('notification_preferences_sync_idx').on(t.dealership_id, t.seq),
    check('notification_preferences_id_is_user', sql`id = lotbook_uuid_v3('c6a3f0e2-5b1d-4f8e-9a47-2f1d8e3b7a10', user_id::text)`),
  ],
);

/** Web Push subscriptions, one per user and device endpoint (migration 0018). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id').notNull(),
    dealership_id: uuid('dealership_id').notNull(),
    device_id: text('device_id'),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    last_success_at: ts('last_success_at'),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint), index('push_subscriptions_user_idx').on(t.user_id)],
);

/** Nothing is lost: every rejected or conflicting push is kept here with its reason. */
export const syncRejections = pgTable(
  'sync_rejections',
  {
    id: uuid('id').primaryKey(),
    dealership_id: uuid('dealership_id').notNull(),
    user_id: uuid('user_id').notNull(),
    device_id: text('device_id'),
    collection: text('collection').notNull(),
    doc_id: text('doc_id'),
    reason: text('reason').notNull(),
    message: text('message').notNull(),
    document: jsonb('document'),
    server_document: jsonb('server_document'),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('sync_rejections_user_idx').on(t.dealership_id, t.user_id, t.created_at)],
);

/** Per-device sync stats for observability. */
export const syncDevices = pgTable(
  'sync_devices',
  {
    device_id: text('device_id').notNull(),
    user_id: uuid('user_id').notNull(),
    dealership_id: uuid('dealership_id').notNull(),
    last_pull_at: ts('last_pull_at'),
    last_push_at: ts('last_push_at'),
    last_checkpoint: jsonb('last_checkpoint').notNull().default({}),
    pushed_docs: integer('pushed_docs').notNull().default(0),
    conflicts: integer('conflicts').notNull().default(0),
    user_agent: text('user_agent'),
  },
  (t) => [uniqueIndex('sync_devices_key').on(t.device_id, t.user_id)],
);

/** The assistant's conversations, private to their user (drizzle/0008_chat.sql). */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey(),
    dealership_id: uuid('dealership_id').notNull(),
    user_id: uuid('user_id').notNull(),
    title: text('title').notNull().default(''),
    created_at: ts('created_at').notNull().defaultNow(),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('chat_sessions_user_idx').on(t.user_id, t.updated_at)],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey(),
    session_id: uuid('session_id').notNull().references(() => chatSessions.id, { onDelete: 'cascade' }),
    dealership_id: uuid('dealership_id').notNull(),
    user_id: uuid('user_id').notNull(),
    role: text('role').notNull(),
    content: text('content').notNull(),
    parsed: jsonb('parsed'),
    listed: jsonb('listed').notNull().default([]),
    sources: jsonb('sources').notNull().default([]),
    metadata: jsonb('metadata').notNull().default({}),
    feedback: smallint('feedback'),
    feedback_comment: text('feedback_comment'),
    feedback_at: ts('feedback_at'),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('chat_messages_session_idx').on(t.session_id, t.created_at)],
);

/** Records whose embeddings need refreshing; a job drains it (chat/embeddings.ts). */
export const embeddingQueue = pgTable('embedding_queue', {
  entity_type: text('entity_type').notNull(),
  entity_id: uuid('entity_id').notNull(),
  dealership_id: uuid('dealership_id').notNull(),
  queued_at: ts('queued_at').notNull().defaultNow(),
});
/** Monthly unit and revenue targets per salesperson, set by a manager (analytics; migration 0007). */
export const salesTargets = pgTable(
  'sales_targets',
  {
    dealership_id: uuid('dealership_id').notNull(),
    user_id: uuid('user_id').notNull(),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    units: integer('units'),
    revenue: numeric('revenue', { precision: 14, scale: 2, mode: 'number' }),
    updated_by: uuid('updated_by'),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealership_id, t.user_id, t.month] })],
);

/** One row per import (issue 15, migration 0010): who, when, which file, what happened. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey(),
    dealership_id: uuid('dealership_id').notNull(),
    user_id: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    file_name: text('file_name'),
    file_hash: text('file_hash').notNull(),
    counts: jsonb('counts').notNull().default({}),
    report: jsonb('report').notNull().default([]),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('import_runs_dealership_idx').on(t.dealership_id, t.created_at)],
);

/** The feed key of every imported ADF prospect, so a re-sent prospect is recognised. */
export const adfProspectKeys = pgTable(
  'adf_prospect_keys',
  {
    dealership_id: uuid('dealership_id').notNull(),
    source: text('source').notNull(),
    prospect_id: text('prospect_id').notNull(),
    lead_id: uuid('lead_id').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealership_id, t.source, t.prospect_id] })],
);

/** Every automatic move of a lead with its explanation (migration 0019, issue 14); not replicated. */
export const leadRouting = pgTable(
  'lead_routing',
  {
    id: uuid('id').primaryKey(),
    dealership_id: uuid('dealership_id').notNull(),
    lead_id: uuid('lead_id').notNull(),
    kind: text('kind').$type<'assigned' | 'pool' | 'escalated' | 'claimed'>().notNull(),
    from_user: uuid('from_user'),
    to_user: uuid('to_user'),
    explanation: jsonb('explanation').notNull().default({}),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('lead_routing_lead_idx').on(t.lead_id, t.created_at), index('lead_routing_dealership_idx').on(t.dealership_id, t.created_at)],
);
