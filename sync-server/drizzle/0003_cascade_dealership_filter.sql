-- Issue 8, item 5: every cascade stays inside the dealership of the row that caused it. Before,
-- a lead or sale of dealership B naming a customer or vehicle id of dealership A touched A's row
-- (a new seq, a NOTIFY to A's devices, and for a sale, A's car marked sold).
CREATE OR REPLACE FUNCTION lotbook_lead_scope_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR NEW.scope_seq = NEW.seq THEN
    UPDATE lead_activities SET scope_seq = -1 WHERE lead_id = NEW.id AND dealership_id = NEW.dealership_id;
    UPDATE customers SET scope_seq = -1
      WHERE dealership_id = NEW.dealership_id
        AND (id = NEW.customer_id OR (TG_OP = 'UPDATE' AND id = OLD.customer_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotbook_sale_effects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR NEW.scope_seq = NEW.seq THEN
    UPDATE customers SET scope_seq = -1
      WHERE dealership_id = NEW.dealership_id
        AND (id = NEW.customer_id OR (TG_OP = 'UPDATE' AND id = OLD.customer_id));
  END IF;
  IF NEW.status = 'completed' AND NOT NEW.deleted THEN
    UPDATE vehicles SET status = 'sold', reserved_by = NULL, reserved_until = NULL
      WHERE id = NEW.vehicle_id AND dealership_id = NEW.dealership_id AND status <> 'sold';
  ELSIF TG_OP = 'UPDATE' AND OLD.status = 'completed' AND (NEW.status = 'cancelled' OR NEW.deleted) THEN
    UPDATE vehicles SET status = 'available'
      WHERE id = NEW.vehicle_id AND dealership_id = NEW.dealership_id AND status = 'sold'
        AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.vehicle_id = NEW.vehicle_id AND s.id <> NEW.id
                        AND s.dealership_id = NEW.dealership_id AND s.status = 'completed' AND NOT s.deleted);
  END IF;
  RETURN NULL;
END $$;
