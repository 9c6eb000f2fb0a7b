CREATE TABLE "calendar_complete_years" (
	"region" text NOT NULL,
	"year" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_complete_years_pkey" PRIMARY KEY("region","year"),
	CONSTRAINT "calendar_complete_years_region_check" CHECK ("calendar_complete_years"."region" in ('national','xinjiang'))
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date NOT NULL,
	"region" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_pkey" PRIMARY KEY("date","region"),
	CONSTRAINT "calendar_days_region_check" CHECK ("calendar_days"."region" in ('national','xinjiang')),
	CONSTRAINT "calendar_days_kind_check" CHECK ("calendar_days"."kind" in ('holiday','workday'))
);
--> statement-breakpoint
CREATE TABLE "campaign_versions" (
	"campaign_id" text NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "campaign_versions_pkey" PRIMARY KEY("campaign_id","version"),
	CONSTRAINT "campaign_versions_origin_check" CHECK ("campaign_versions"."origin" in ('created','cloned','edited','imported','seeded'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"prefecture_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer NOT NULL,
	"published_version" integer,
	"cloned_from_id" text,
	"cloned_from_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "campaigns_status_check" CHECK ("campaigns"."status" in ('draft','published','archived')),
	CONSTRAINT "campaigns_published_version_check" CHECK (("campaigns"."status" <> 'published' or "campaigns"."published_version" is not null) and ("campaigns"."published_version" is null or "campaigns"."published_version" <= "campaigns"."current_version"))
);
--> statement-breakpoint
ALTER TABLE "calendar_complete_years" ADD CONSTRAINT "calendar_complete_years_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_prefecture_id_organisations_id_fk" FOREIGN KEY ("prefecture_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_cloned_from_id_campaigns_id_fk" FOREIGN KEY ("cloned_from_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_prefecture_idx" ON "campaigns" USING btree ("prefecture_id");