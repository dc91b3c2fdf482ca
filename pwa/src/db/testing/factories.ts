import type { Customer, Lead, LeadActivity } from '@lotbook/shared';
import { newDocFields } from '../doc-fields.ts';
import type { Device } from './device.ts';

/** Documents as the UI creates them offline: client fields plus placeholder server fields. */
export function newCustomer(d: Device, first_name: string): Customer {
  return {
    ...newDocFields(d.dealershipId),
    first_name,
    last_name: 'Prueba',
    email: null,
    phone: null,
    address: null,
    national_id: null,
    is_active: true,
    created_by: d.userId,
  };
}

export function newLead(d: Device, customerId: string, assignedTo: string | null = d.userId): Lead {
  return {
    ...newDocFields(d.dealershipId),
    customer_id: customerId,
    assigned_to: assignedTo,
    source: 'walk_in',
    status: 'new',
    priority: 'medium',
    budget_min: null,
    budget_max: null,
    preferences: { body_types: [], makes: [], fuel_types: [], vehicle_id: null },
    notes: null,
    score: 0,
    score_factors: [],
    last_contact_at: null,
    first_response_at: null,
  };
}

export function newActivity(d: Device, leadId: string, description: string): LeadActivity {
  return {
    ...newDocFields(d.dealershipId),
    lead_id: leadId,
    user_id: d.userId,
    activity_type: 'note',
    description,
    activity_date: new Date().toISOString(),
    due_at: null,
    done: false,
    metadata: {},
  };
}
