-- The published bank's revision stamp: a fresh random value on every change
-- to a question, version, option or topic, so a server process holding the
-- published bank in memory (lib/services/published-bank.ts) knows with one
-- primary-key read whether its copy is current. Triggers rather than
-- application code: no writer (editor, import, seed, a script) can forget it.
-- A random stamp rather than a counter: a counter restarted by a wiped table
-- could repeat the value a process cached before.
CREATE TABLE "BankRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "stamp" INTEGER NOT NULL
);
INSERT INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));

CREATE TRIGGER "Question_bank_revision_insert" AFTER INSERT ON "Question" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Question_bank_revision_update" AFTER UPDATE ON "Question" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Question_bank_revision_delete" AFTER DELETE ON "Question" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "QuestionVersion_bank_revision_insert" AFTER INSERT ON "QuestionVersion" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "QuestionVersion_bank_revision_update" AFTER UPDATE ON "QuestionVersion" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "QuestionVersion_bank_revision_delete" AFTER DELETE ON "QuestionVersion" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Option_bank_revision_insert" AFTER INSERT ON "Option" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Option_bank_revision_update" AFTER UPDATE ON "Option" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Option_bank_revision_delete" AFTER DELETE ON "Option" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Topic_bank_revision_insert" AFTER INSERT ON "Topic" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Topic_bank_revision_update" AFTER UPDATE ON "Topic" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
CREATE TRIGGER "Topic_bank_revision_delete" AFTER DELETE ON "Topic" BEGIN
    INSERT OR REPLACE INTO "BankRevision" ("id", "stamp") VALUES (1, abs(random() % 2000000000));
END;
