import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clients: reference lists, clients, contacts, dossiers, timeline, segments, imports, search. */
export class Clients1763910000000 implements MigrationInterface {
  name = 'Clients1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reference_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_d39bf88754f07505ec4bf1e87cc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "reference_items_kind_code_key" ON "reference_items" ("kind", "code")`);
    await q.query(`CREATE TABLE "clients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "name" character varying(300) NOT NULL, "name_normalized" character varying(300) NOT NULL, "inn" character varying(12), "kpp" character varying(9), "ogrn" character varying(15), "industry_id" uuid, "activity_kind_id" uuid, "region" character varying(100), "city" character varying(100), "address" character varying(500), "headcount" integer, "annual_revenue" numeric(18,2), "status" character varying(16) NOT NULL DEFAULT 'cold', "channel_id" uuid, "tags" text array NOT NULL DEFAULT '{}', "manager_id" uuid NOT NULL, "birthday" date, "phones" text array NOT NULL DEFAULT '{}', "phones_normalized" text array NOT NULL DEFAULT '{}', "emails" text array NOT NULL DEFAULT '{}', "emails_normalized" text array NOT NULL DEFAULT '{}', "search_vector" tsvector, "archived_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "clients_status_check" CHECK (status IN ('cold', 'thinking', 'ready', 'active', 'regular', 'lost')), CONSTRAINT "clients_kind_check" CHECK (kind IN ('legal_entity', 'individual')), CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "clients_inn_idx" ON "clients" ("inn")`);
    await q.query(`CREATE INDEX "clients_industry_idx" ON "clients" ("industry_id")`);
    await q.query(`CREATE INDEX "clients_region_idx" ON "clients" ("region")`);
    await q.query(`CREATE INDEX "clients_city_idx" ON "clients" ("city")`);
    await q.query(`CREATE INDEX "clients_status_idx" ON "clients" ("status")`);
    await q.query(`CREATE INDEX "clients_channel_idx" ON "clients" ("channel_id")`);
    await q.query(`CREATE INDEX "clients_created_at_idx" ON "clients" ("created_at")`);
    await q.query(`CREATE INDEX "clients_manager_name_idx" ON "clients" ("manager_id", "name")`);
    await q.query(`CREATE TABLE "client_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "full_name" character varying(200) NOT NULL, "position" character varying(200), "phones" text array NOT NULL DEFAULT '{}', "phones_normalized" text array NOT NULL DEFAULT '{}', "emails" text array NOT NULL DEFAULT '{}', "emails_normalized" text array NOT NULL DEFAULT '{}', "birthday" date, "influence" character varying(20), "personal_benefits" text, "character" text, "hobbies" text, "is_primary" boolean NOT NULL DEFAULT false, "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "client_contacts_influence_check" CHECK (influence IS NULL OR influence IN ('decision_maker', 'high', 'medium', 'low')), CONSTRAINT "PK_1d0ab11dc872cb18d4850c970a5" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "client_contacts_client_idx" ON "client_contacts" ("client_id")`);
    await q.query(`CREATE TABLE "client_dossiers" ("client_id" uuid NOT NULL, "content" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_86067c995b15566d121c2c5c993" PRIMARY KEY ("client_id"))`);
    await q.query(`CREATE TABLE "client_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL, "dry_run" boolean NOT NULL, "file_name" character varying(300) NOT NULL, "total_rows" integer NOT NULL DEFAULT '0', "created_rows" integer NOT NULL DEFAULT '0', "report" jsonb, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e770b42f83651413dd89b2ef8ed" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "segments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text, "kind" character varying(10) NOT NULL, "filter" jsonb, "owner_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "segments_kind_check" CHECK (kind IN ('dynamic', 'static')), CONSTRAINT "PK_beff1eec19679fe8ad4f291f04e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "segment_members" ("segment_id" uuid NOT NULL, "client_id" uuid NOT NULL, CONSTRAINT "PK_1e2a8a1661cee5f7380f38f25cc" PRIMARY KEY ("segment_id", "client_id"))`);
    await q.query(`CREATE INDEX "segment_members_client_idx" ON "segment_members" ("client_id")`);
    await q.query(`CREATE TABLE "timeline_events" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "client_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(40) NOT NULL, "actor_id" uuid, "title" character varying(500) NOT NULL, "payload" jsonb NOT NULL, "subject_type" character varying(40), "subject_id" character varying(64), CONSTRAINT "PK_a7267f3a55a080185192d21cd5a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "timeline_events_kind_idx" ON "timeline_events" ("kind")`);
    await q.query(`CREATE INDEX "timeline_events_client_time_idx" ON "timeline_events" ("client_id", "occurred_at", "id")`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_ef813a009b76d8df84b63463d6b" FOREIGN KEY ("industry_id") REFERENCES "reference_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_577c091ccd5e481839638af6602" FOREIGN KEY ("activity_kind_id") REFERENCES "reference_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_8b4d895674627ba87bb3fc9b76a" FOREIGN KEY ("channel_id") REFERENCES "reference_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_0def64d4daf098e6e466ea4c543" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_contacts" ADD CONSTRAINT "FK_ef47f3aae4b36f0aaedbfc04161" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_dossiers" ADD CONSTRAINT "FK_86067c995b15566d121c2c5c993" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "segment_members" ADD CONSTRAINT "FK_017c61b1015accf182fcc608928" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "segment_members" ADD CONSTRAINT "FK_d1c1126c86b856e35cbe9548282" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "timeline_events" ADD CONSTRAINT "FK_3e203ea8a2f636a76f91148441f" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // Search, duplicates and segments: indexes TypeORM cannot describe (synchronize: false).
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX "clients_search_idx" ON "clients" USING gin ("search_vector")`);
    await q.query(`CREATE INDEX "clients_phones_idx" ON "clients" USING gin ("phones_normalized")`);
    await q.query(`CREATE INDEX "clients_emails_idx" ON "clients" USING gin ("emails_normalized")`);
    await q.query(`CREATE INDEX "clients_tags_idx" ON "clients" USING gin ("tags")`);
    await q.query(`CREATE INDEX "clients_name_trgm_idx" ON "clients" USING gin ("name_normalized" gin_trgm_ops)`);
    await q.query(`CREATE INDEX "client_contacts_search_idx" ON "client_contacts" USING gin ("search_vector")`);
    await q.query(`CREATE INDEX "client_contacts_phones_idx" ON "client_contacts" USING gin ("phones_normalized")`);
    await q.query(`CREATE INDEX "client_contacts_emails_idx" ON "client_contacts" USING gin ("emails_normalized")`);

    // Full-text vectors: Russian stems (word forms) and plain words (name prefixes).
    await q.query(`
      CREATE FUNCTION clients_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('russian', coalesce(NEW.name, '')), 'A') ||
          setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') ||
          setweight(to_tsvector('russian', coalesce(NEW.city, '') || ' ' || coalesce(NEW.address, '')), 'C') ||
          setweight(to_tsvector('simple', array_to_string(NEW.tags, ' ')), 'B');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER clients_search_vector_trg BEFORE INSERT OR UPDATE OF name, city, address, tags ON clients
      FOR EACH ROW EXECUTE FUNCTION clients_search_vector_update()`);
    await q.query(`
      CREATE FUNCTION client_contacts_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('russian', coalesce(NEW.full_name, '')), 'A') ||
          setweight(to_tsvector('simple', coalesce(NEW.full_name, '')), 'A') ||
          setweight(to_tsvector('russian', coalesce(NEW.position, '')), 'C');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER client_contacts_search_vector_trg BEFORE INSERT OR UPDATE OF full_name, position ON client_contacts
      FOR EACH ROW EXECUTE FUNCTION client_contacts_search_vector_update()`);

    // Reference lists every installation starts with (admins edit them later).
    await q.query(`
      INSERT INTO reference_items (kind, code, name, sort_order, version) VALUES
        ('industry', 'food_retail', 'Продуктовая розница', 10, 1),
        ('industry', 'food_chain', 'Сеть продуктовых магазинов', 20, 1),
        ('industry', 'market', 'Рынки и ярмарки', 30, 1),
        ('industry', 'horeca', 'Общепит', 40, 1),
        ('industry', 'food_production', 'Пищевое производство', 50, 1),
        ('industry', 'wholesale', 'Оптовая торговля', 60, 1),
        ('activity_kind', 'grocery_store', 'Продуктовый магазин', 10, 1),
        ('activity_kind', 'pavilion', 'Торговый павильон', 20, 1),
        ('activity_kind', 'supermarket', 'Супермаркет', 30, 1),
        ('activity_kind', 'market_stall', 'Место на рынке', 40, 1),
        ('activity_kind', 'cafe', 'Кафе, столовая', 50, 1),
        ('activity_kind', 'bakery', 'Пекарня', 60, 1),
        ('activity_kind', 'meat_shop', 'Мясной магазин', 70, 1),
        ('activity_kind', 'fish_shop', 'Рыбный магазин', 80, 1),
        ('activity_kind', 'dairy_shop', 'Молочный магазин', 90, 1),
        ('activity_kind', 'warehouse', 'Склад, логистика', 100, 1),
        ('acquisition_channel', 'recommendation', 'Рекомендация', 10, 1),
        ('acquisition_channel', 'exhibition', 'Выставка', 20, 1),
        ('acquisition_channel', 'website', 'Сайт', 30, 1),
        ('acquisition_channel', 'cold_call', 'Холодный звонок', 40, 1),
        ('acquisition_channel', 'advertising', 'Реклама', 50, 1),
        ('acquisition_channel', 'repeat', 'Повторное обращение', 60, 1),
        ('acquisition_channel', 'tender', 'Тендер', 70, 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "client_imports"`);
    await q.query(`DROP TABLE "segment_members"`);
    await q.query(`DROP TABLE "segments"`);
    await q.query(`DROP TABLE "timeline_events"`);
    await q.query(`DROP TABLE "client_dossiers"`);
    await q.query(`DROP TABLE "client_contacts"`);
    await q.query(`DROP TABLE "clients"`);
    await q.query(`DROP TABLE "reference_items"`);
    await q.query(`DROP FUNCTION clients_search_vector_update()`);
    await q.query(`DROP FUNCTION client_contacts_search_vector_update()`);
  }
}
