-- The bank-revision triggers of 0008 wrote the stamp with INSERT OR REPLACE.
-- Inside a trigger fired by a foreign key's action (deleting a question's
-- author sets Question.authorId to null), SQLite applies the outer
-- statement's conflict policy (ABORT) to the trigger's INSERT, so the REPLACE
-- became a unique-constraint failure and the delete was refused. An upsert
-- has no conflict to resolve: it updates row 1, or inserts it when the table
-- has been emptied.

DROP TRIGGER "Question_bank_revision_insert";
CREATE TRIGGER "Question_bank_revision_insert" AFTER INSERT ON "Question" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Question_bank_revision_update";
CREATE TRIGGER "Question_bank_revision_update" AFTER UPDATE ON "Question" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Question_bank_revision_delete";
CREATE TRIGGER "Question_bank_revision_delete" AFTER DELETE ON "Question" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "QuestionVersion_bank_revision_insert";
CREATE TRIGGER "QuestionVersion_bank_revision_insert" AFTER INSERT ON "QuestionVersion" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "QuestionVersion_bank_revision_update";
CREATE TRIGGER "QuestionVersion_bank_revision_update" AFTER UPDATE ON "QuestionVersion" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "QuestionVersion_bank_revision_delete";
CREATE TRIGGER "QuestionVersion_bank_revision_delete" AFTER DELETE ON "QuestionVersion" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Option_bank_revision_insert";
CREATE TRIGGER "Option_bank_revision_insert" AFTER INSERT ON "Option" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Option_bank_revision_update";
CREATE TRIGGER "Option_bank_revision_update" AFTER UPDATE ON "Option" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Option_bank_revision_delete";
CREATE TRIGGER "Option_bank_revision_delete" AFTER DELETE ON "Option" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Topic_bank_revision_insert";
CREATE TRIGGER "Topic_bank_revision_insert" AFTER INSERT ON "Topic" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Topic_bank_revision_update";
CREATE TRIGGER "Topic_bank_revision_update" AFTER UPDATE ON "Topic" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
DROP TRIGGER "Topic_bank_revision_delete";
CREATE TRIGGER "Topic_bank_revision_delete" AFTER DELETE ON "Topic" BEGIN
    INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000))
        ON CONFLICT ("id") DO UPDATE SET "stamp" = excluded."stamp";
END;
