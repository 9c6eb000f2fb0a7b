ALTER TABLE "publicities" ADD COLUMN "notice_file_id" uuid;--> statement-breakpoint
ALTER TABLE "publicities" ADD COLUMN "result_file_id" uuid;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_notice_file_id_files_id_fk" FOREIGN KEY ("notice_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_result_file_id_files_id_fk" FOREIGN KEY ("result_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;