-- The audit log is insert-only for the application.
-- 1. Ids come from a sequence that the append command reads under an advisory lock, so the
--    SM3 chain follows commit order.
CREATE SEQUENCE IF NOT EXISTS audit_log_id_seq AS bigint;
--> statement-breakpoint
-- 2. A trigger refuses UPDATE, DELETE and TRUNCATE for every role, owners included.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is insert-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- 3. The application runs as zhiping_app (SET ROLE on every connection). The role's grants are
--    re-applied after every migration run (see db/migrate.ts), withholding UPDATE/DELETE/TRUNCATE
--    on audit_log. Creating a role needs CREATEROLE; without it the trigger above still holds.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhiping_app') THEN
    CREATE ROLE zhiping_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT zhiping_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'zhiping_app role not created: %', SQLERRM;
END;
$$;
