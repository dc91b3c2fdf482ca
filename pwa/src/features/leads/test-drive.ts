import type { Lead, PublicUser, Vehicle } from '@lotbook/shared';
import type { RxDocument } from 'rxdb';
import type { LeadWriter } from './save-lead.ts';
import { markContacted } from './save-lead.ts';

export interface TestDriveInput {
  vehicle: Pick<Vehicle, 'id' | 'make' | 'model' | 'year' | 'stock_number'>;
  /** When the drive is (or was): an ISO instant. */
  at: string;
}

/** "Prueba de conducción: Toyota RAV4 2024 (S-12) · 2 dic 2026, 16:30" — the activity's text. */
export function testDriveText(prefix: string, input: TestDriveInput, when: string): string {
  const v = input.vehicle;
  return `${prefix}: ${v.make} ${v.model} ${v.year} (${v.stock_number}) · ${when}`;
}

/**
 * Logs a test drive (car and time in the text and in metadata) and counts it as a contact.
 * Returns true when that moved the lead from `new` to `contacted`, so the screen can say so.
 */
export async function logTestDrive(data: LeadWriter, user: PublicUser, doc: RxDocument<Lead>, input: TestDriveInput, text: string): Promise<boolean> {
  await data.db.lead_activities.insert({
    ...data.dbApi.newDocFields(user.dealership_id),
    lead_id: doc.id,
    user_id: user.id,
    activity_type: 'test_drive',
    description: text,
    activity_date: input.at,
    due_at: null,
    done: false,
    metadata: { vehicle_id: input.vehicle.id, at: input.at },
  });
  return contactAndReport(doc);
}

/** A contact (call, WhatsApp, test drive): true when it moved the lead from `new` to `contacted`. */
export async function contactAndReport(doc: RxDocument<Lead>): Promise<boolean> {
  const wasNew = doc.getLatest().status === 'new';
  await markContacted(doc.getLatest());
  return wasNew && doc.getLatest().status === 'contacted';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local input's value ("2026-12-02T16:30") for a Date, in the device's time zone. */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
