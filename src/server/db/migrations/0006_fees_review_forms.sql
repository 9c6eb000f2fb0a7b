CREATE TABLE "fee_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_yuan" integer NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"receipt_file_id" uuid,
	"receipt_uploaded_at" timestamp with time zone,
	"duplicate_of" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_orders_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "fee_orders_reference_unique" UNIQUE("reference"),
	CONSTRAINT "fee_orders_status_check" CHECK ("fee_orders"."status" in ('pending','receipt_uploaded','confirmed','rejected'))
);
--> statement-breakpoint
CREATE TABLE "payment_settings" (
	"prefecture_id" uuid PRIMARY KEY NOT NULL,
	"payee_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"qr_file_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_forms" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"verification_code" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_forms_number_unique" UNIQUE("number"),
	CONSTRAINT "review_forms_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_status_check";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "paper_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "paper_received_by" uuid;--> statement-breakpoint
ALTER TABLE "fee_orders" ADD CONSTRAINT "fee_orders_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_orders" ADD CONSTRAINT "fee_orders_receipt_file_id_files_id_fk" FOREIGN KEY ("receipt_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_orders" ADD CONSTRAINT "fee_orders_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_prefecture_id_organisations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_qr_file_id_files_id_fk" FOREIGN KEY ("qr_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_forms" ADD CONSTRAINT "review_forms_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_orders_status_idx" ON "fee_orders" USING btree ("status");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_paper_received_by_users_id_fk" FOREIGN KEY ("paper_received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('draft','unit_review','unit_publicity','dept_review','office_review','accepted','returned','lapsed','not_accepted','withdrawn','unpaid'));