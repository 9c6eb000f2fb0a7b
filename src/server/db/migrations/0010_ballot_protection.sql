-- The secret ballot (N40-MEETING) cannot be changed after the fact, by any role, owners included:
-- a receipt (who voted on whom) is never updated or deleted, and a tally only ever grows by one
-- vote at a time while its committee's meeting is open (no late votes).
CREATE OR REPLACE FUNCTION ballot_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ballot_receipts_no_update_delete BEFORE UPDATE OR DELETE ON ballot_receipts
  FOR EACH ROW EXECUTE FUNCTION ballot_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ballot_receipts_no_truncate BEFORE TRUNCATE ON ballot_receipts
  FOR EACH STATEMENT EXECUTE FUNCTION ballot_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ballot_tallies_no_delete BEFORE DELETE ON ballot_tallies
  FOR EACH ROW EXECUTE FUNCTION ballot_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ballot_tallies_no_truncate BEFORE TRUNCATE ON ballot_tallies
  FOR EACH STATEMENT EXECUTE FUNCTION ballot_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ballot_tally_one_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.application_id <> OLD.application_id OR NEW.committee_id <> OLD.committee_id
     OR NEW.agree < OLD.agree OR NEW.disagree < OLD.disagree OR NEW.abstain < OLD.abstain
     OR (NEW.agree + NEW.disagree + NEW.abstain) <> (OLD.agree + OLD.disagree + OLD.abstain) + 1 THEN
    RAISE EXCEPTION 'a ballot tally only grows by one vote' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM committees WHERE id = NEW.committee_id AND status = 'meeting_open') THEN
    RAISE EXCEPTION 'the ballot of this committee is not open' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ballot_tallies_one_vote BEFORE UPDATE ON ballot_tallies
  FOR EACH ROW EXECUTE FUNCTION ballot_tally_one_vote();
