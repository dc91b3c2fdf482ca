-- A lead or sale whose last change was a scope change (scope_seq = seq) touched its customer and
-- activities again on every later UPDATE, even one that changed nothing (the stamp trigger keeps
-- seq on a no-op): a no-op re-import of a routed lead gave its customer a new seq. The cascade now
-- runs only when this very statement gave the row a new seq.
CREATE OR REPLACE FUNCTION lotbook_lead_scope_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR (NEW.scope_seq = NEW.seq AND NEW.seq IS DISTINCT FROM OLD.seq) THEN
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
  IF TG_OP = 'INSERT' OR (NEW.scope_seq = NEW.seq AND NEW.seq IS DISTINCT FROM OLD.seq) THEN
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
