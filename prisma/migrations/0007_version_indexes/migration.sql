-- The editor's "has this version been answered or shown?" check and the history's
-- per-version statistics read answers and presentations by question version:
-- indexes, not scans of every answer and presentation.

-- CreateIndex
CREATE INDEX "Answer_questionVersionId_idx" ON "Answer"("questionVersionId");

-- CreateIndex
CREATE INDEX "Presentation_questionVersionId_idx" ON "Presentation"("questionVersionId");

