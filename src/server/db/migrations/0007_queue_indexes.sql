DROP INDEX "applications_unit_status_idx";--> statement-breakpoint
CREATE INDEX "applications_unit_status_submitted_idx" ON "applications" USING btree ("unit_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "applications_campaign_status_submitted_idx" ON "applications" USING btree ("campaign_id","status","submitted_at");