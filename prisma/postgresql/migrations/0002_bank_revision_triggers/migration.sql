-- PostgreSQL's form of SQLite migration 0008 (docs/decisions/0008): the
-- published bank's revision stamp changes to a fresh random value on every
-- change to a question, version, option or topic, so a server process that
-- holds the published bank in memory knows with one primary-key read whether
-- its copy is current. Statement-level triggers (one stamp per statement, not
-- per row) and TRUNCATE too, which the tests use to clear tables.
INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, floor(random() * 2000000000)::integer);

CREATE FUNCTION "bank_revision_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, floor(random() * 2000000000)::integer)
    ON CONFLICT ("id") DO UPDATE SET "stamp" = EXCLUDED."stamp";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Question_bank_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Question"
    FOR EACH STATEMENT EXECUTE FUNCTION "bank_revision_touch"();
CREATE TRIGGER "QuestionVersion_bank_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "QuestionVersion"
    FOR EACH STATEMENT EXECUTE FUNCTION "bank_revision_touch"();
CREATE TRIGGER "Option_bank_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Option"
    FOR EACH STATEMENT EXECUTE FUNCTION "bank_revision_touch"();
CREATE TRIGGER "Topic_bank_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Topic"
    FOR EACH STATEMENT EXECUTE FUNCTION "bank_revision_touch"();
