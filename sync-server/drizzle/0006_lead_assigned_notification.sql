-- A lead whose assignee changes notifies the new owner with a replicated `lead_assigned`
-- notification (title in the recipient's language: the user's `language`/`locale` when the users
-- table has one, else the dealership's locale, else Spanish). The notification row gets seq,
-- version and timestamps from lotbook_stamp like any other row, so it reaches the owner's devices
-- through the normal pull. Nobody is notified of a lead they assigned to themselves: the push sets
-- `lotbook.actor_id` to the writing user (when it does not, only self-assignment can be misread).
CREATE OR REPLACE FUNCTION lotbook_lead_assigned_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor text := nullif(current_setting('lotbook.actor_id', true), '');
  lang text;
  who text;
BEGIN
  IF current_setting('lotbook.bulk', true) = 'on' THEN RETURN NULL; END IF;
  IF NEW.deleted OR NEW.assigned_to IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND NEW.assigned_to IS NOT DISTINCT FROM OLD.assigned_to THEN RETURN NULL; END IF;
  -- A new lead only notifies when someone else created it for this owner (needs the actor).
  IF TG_OP = 'INSERT' AND actor IS NULL THEN RETURN NULL; END IF;
  IF actor IS NOT NULL AND actor = NEW.assigned_to::text THEN RETURN NULL; END IF;
  SELECT lower(left(coalesce(to_jsonb(u) ->> 'language', to_jsonb(u) ->> 'locale', d.locale, 'es'), 2))
    INTO lang
    FROM users u LEFT JOIN dealerships d ON d.id = u.dealership_id
    WHERE u.id = NEW.assigned_to;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT trim(c.first_name || ' ' || c.last_name) INTO who FROM customers c WHERE c.id = NEW.customer_id;
  INSERT INTO notifications (id, dealership_id, user_id, type, title, body, priority, entity_type, entity_id)
  VALUES (
    gen_random_uuid(), NEW.dealership_id, NEW.assigned_to, 'lead_assigned',
    CASE WHEN lang = 'en' THEN 'Lead assigned to you' ELSE 'Te han asignado un lead' END,
    left(coalesce(nullif(who, ''), CASE WHEN lang = 'en' THEN 'Customer' ELSE 'Cliente' END), 2000),
    'normal', 'lead', NEW.id
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_assigned_notify AFTER INSERT OR UPDATE OF assigned_to ON leads
  FOR EACH ROW EXECUTE FUNCTION lotbook_lead_assigned_notify();
