-- Sync invariants enforced in the database, so that every write path (sync push, REST, seed,
-- jobs, a psql session) obeys them. See ARCHITECTURE.md, "Sync invariants".
CREATE SEQUENCE IF NOT EXISTS change_seq AS bigint;
--> statement-breakpoint
-- Invariant 1: writes of one dealership are serialized, so change seqs commit in order and a puller
-- that saw seq N can never later find a committed N-1.
CREATE OR REPLACE FUNCTION lotbook_lock_dealership(d uuid) RETURNS void LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(hashtext('lotbook:' || d::text)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotbook_iso(t timestamptz) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
--> statement-breakpoint
-- Invariant 2: seq, version, updated_at, created_at and dealership_id are the server's.
-- A write that changes nothing keeps its seq (nothing to replicate). Setting scope_seq = -1 "touches"
-- a row: it gets a new seq and records a scope change without a new version. The trigger
-- arguments name columns whose change moves the row between users' scopes.
CREATE OR REPLACE FUNCTION lotbook_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_j jsonb;
  old_j jsonb;
  changed boolean;
  scope_change boolean := NEW.scope_seq = -1;
  col text;
BEGIN
  PERFORM lotbook_lock_dealership(CASE WHEN TG_OP = 'INSERT' THEN NEW.dealership_id ELSE OLD.dealership_id END);
  IF TG_OP = 'INSERT' THEN
    NEW.version := 1;
    NEW.seq := nextval('change_seq');
    NEW.scope_seq := CASE WHEN scope_change THEN NEW.seq ELSE 0 END;
    NEW.updated_at := now();
    NEW.created_at := coalesce(NEW.created_at, now());
  ELSE
    NEW.dealership_id := OLD.dealership_id;
    NEW.created_at := OLD.created_at;
    new_j := to_jsonb(NEW) - 'seq' - 'scope_seq' - 'version' - 'updated_at' - 'search_vector';
    old_j := to_jsonb(OLD) - 'seq' - 'scope_seq' - 'version' - 'updated_at' - 'search_vector';
    changed := new_j IS DISTINCT FROM old_j;
    FOREACH col IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP -- TG_ARGV is NULL for a trigger without arguments
      IF new_j -> col IS DISTINCT FROM old_j -> col THEN scope_change := true; END IF;
    END LOOP;
    IF NOT changed AND NOT scope_change THEN
      NEW.seq := OLD.seq;
      NEW.scope_seq := OLD.scope_seq;
      NEW.version := OLD.version;
      NEW.updated_at := OLD.updated_at;
      RETURN NEW;
    END IF;
    NEW.seq := nextval('change_seq');
    NEW.scope_seq := CASE WHEN scope_change THEN NEW.seq ELSE OLD.scope_seq END;
    IF changed THEN
      NEW.version := OLD.version + 1;
      NEW.updated_at := now();
    ELSE
      NEW.version := OLD.version;
      NEW.updated_at := OLD.updated_at;
    END IF;
  END IF;
  PERFORM pg_notify('lotbook_changes', TG_TABLE_NAME || ':' || NEW.dealership_id::text);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_stamp BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION lotbook_stamp();
--> statement-breakpoint
CREATE TRIGGER vehicles_stamp BEFORE INSERT OR UPDATE ON vehicles FOR EACH ROW EXECUTE FUNCTION lotbook_stamp();
--> statement-breakpoint
CREATE TRIGGER customers_stamp BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('created_by');
--> statement-breakpoint
CREATE TRIGGER leads_stamp BEFORE INSERT OR UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('assigned_to', 'customer_id');
--> statement-breakpoint
CREATE TRIGGER lead_activities_stamp BEFORE INSERT OR UPDATE ON lead_activities FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('lead_id');
--> statement-breakpoint
CREATE TRIGGER sales_stamp BEFORE INSERT OR UPDATE ON sales FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('salesperson_id', 'customer_id');
--> statement-breakpoint
CREATE TRIGGER inventory_movements_stamp BEFORE INSERT OR UPDATE ON inventory_movements FOR EACH ROW EXECUTE FUNCTION lotbook_stamp();
--> statement-breakpoint
CREATE TRIGGER notifications_stamp BEFORE INSERT OR UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION lotbook_stamp('user_id');
--> statement-breakpoint
-- Invariant 7: a lead that moves between reps takes its activities and customer along. Touching
-- them gives them a new seq, so the new owner pulls them and the old owner pulls tombstones.
CREATE OR REPLACE FUNCTION lotbook_lead_scope_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR NEW.scope_seq = NEW.seq THEN
    UPDATE lead_activities SET scope_seq = -1 WHERE lead_id = NEW.id;
    UPDATE customers SET scope_seq = -1
      WHERE id = NEW.customer_id OR (TG_OP = 'UPDATE' AND id = OLD.customer_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_scope_cascade AFTER INSERT OR UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION lotbook_lead_scope_cascade();
--> statement-breakpoint
-- A completed sale marks its vehicle sold in the same transaction; a cancelled one releases it.
CREATE OR REPLACE FUNCTION lotbook_sale_effects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR NEW.scope_seq = NEW.seq THEN
    UPDATE customers SET scope_seq = -1
      WHERE id = NEW.customer_id OR (TG_OP = 'UPDATE' AND id = OLD.customer_id);
  END IF;
  IF NEW.status = 'completed' AND NOT NEW.deleted THEN
    UPDATE vehicles SET status = 'sold', reserved_by = NULL, reserved_until = NULL
      WHERE id = NEW.vehicle_id AND status <> 'sold';
  ELSIF TG_OP = 'UPDATE' AND OLD.status = 'completed' AND (NEW.status = 'cancelled' OR NEW.deleted) THEN
    UPDATE vehicles SET status = 'available'
      WHERE id = NEW.vehicle_id AND status = 'sold'
        AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.vehicle_id = NEW.vehicle_id AND s.id <> NEW.id
                        AND s.status = 'completed' AND NOT s.deleted);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sales_effects AFTER INSERT OR UPDATE ON sales FOR EACH ROW EXECUTE FUNCTION lotbook_sale_effects();
