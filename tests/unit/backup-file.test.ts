import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { BACKUP_MAGIC, encodeBackup, extractPayload, openBackupFile, writeBackupFile, type BackupDescription } from "@/lib/server/backup-file";

const work = mkdtempSync(path.join(tmpdir(), "backup-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const description: BackupDescription = { kind: "sqlite", createdAt: "2026-12-03T10:00:00.000Z", migrations: ["0001_init", "0002_memory_fit"] };
const payload = randomBytes(50_000);

let counter = 0;
function fileWith(bytes: Buffer | Uint8Array): string {
  counter += 1;
  const file = path.join(work, `case-${String(counter)}.backup`);
  writeFileSync(file, bytes);
  return file;
}

/** Where the payload starts: after the magic line, the header line and its checksum line. */
function payloadOffset(bytes: Buffer): number {
  let at = -1;
  for (let line = 0; line < 3; line += 1) at = bytes.indexOf(10, at + 1);
  return at + 1;
}

describe("the backup file format", () => {
  it("round-trips: the writer's file opens with its description, and the payload comes back byte for byte", async () => {
    const source = path.join(work, "payload.bin");
    writeFileSync(source, payload);
    const out = path.join(work, "written.backup");
    const header = await writeBackupFile(out, description, source);
    expect(header).toMatchObject({ ...description, app: "ipt-exam-prep", format: 1, payloadBytes: payload.length });
    expect(readFileSync(out).subarray(0, BACKUP_MAGIC.length + 3).toString()).toBe(`${BACKUP_MAGIC} 1\n`);

    const opened = await openBackupFile(out);
    expect(opened.header).toEqual(header);
    const copy = path.join(work, "payload.copy");
    await extractPayload(opened, copy);
    expect(readFileSync(copy).equals(payload)).toBe(true);
    await expect(writeBackupFile(out, description, source)).rejects.toThrow(/already exists/);
  });

  it("refuses files that are not ours, saying what they look like", async () => {
    const sqlite = Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), randomBytes(4080)]);
    const zip = Buffer.from(zipSync({ "notes.txt": new TextEncoder().encode("hello") }));
    const cases: Array<[Buffer, RegExp]> = [
      [sqlite, /is not a backup made by npm run db:backup: it is a plain SQLite database file/],
      [zip, /is not a backup made by npm run db:backup: it is a ZIP archive/],
      [Buffer.concat([Buffer.from("PGDMP"), randomBytes(100)]), /is not a backup made by npm run db:backup: it is a bare pg_dump archive/],
      [Buffer.from("OTHER-APP-BACKUP 1\n{}\n"), /is not a backup made by npm run db:backup: it is not in this format/],
      [Buffer.alloc(0), /is not a backup made by npm run db:backup: it is empty/],
    ];
    for (const [bytes, message] of cases) {
      await expect(openBackupFile(fileWith(bytes))).rejects.toMatchObject({ problem: "not-a-backup", message: expect.stringMatching(message) as unknown });
    }
  });

  it("names truncation with the sizes, wherever the file was cut", async () => {
    const whole = encodeBackup(description, payload);
    const offset = payloadOffset(whole);
    const cut = whole.subarray(0, whole.length - 1000);
    await expect(openBackupFile(fileWith(cut))).rejects.toMatchObject({
      problem: "truncated",
      message: expect.stringContaining(
        `its header says the data is 50000 bytes, but only 49000 are there (1000 missing; the file is ${String(cut.length)} bytes, it should be ${String(offset + 50_000)})`,
      ) as unknown,
    });
    await expect(openBackupFile(fileWith(whole.subarray(0, offset - 10)))).rejects.toMatchObject({
      problem: "truncated",
      message: expect.stringContaining("it ends inside its header") as unknown,
    });
    await expect(openBackupFile(fileWith(whole.subarray(0, 8)))).rejects.toMatchObject({ problem: "truncated" });
    await expect(openBackupFile(fileWith(whole.subarray(0, offset)))).rejects.toMatchObject({
      problem: "truncated",
      message: expect.stringContaining("but only 0 are there") as unknown,
    });
  });

  it("catches one flipped byte anywhere after the magic: in the data by its SHA-256, in the header by the header's checksum", async () => {
    const whole = encodeBackup(description, payload);
    const offset = payloadOffset(whole);
    const inData = Buffer.from(whole);
    inData[offset + 25_000]! ^= 0x01;
    await expect(openBackupFile(fileWith(inData))).rejects.toMatchObject({
      problem: "corrupted",
      message: expect.stringMatching(/is corrupted: its data \(50000 bytes.*\) has SHA-256 [0-9a-f]{64}, but the header records [0-9a-f]{64}/) as unknown,
    });
    // A flipped digit inside the migration list would otherwise read as another version's backup.
    const inHeader = Buffer.from(whole);
    const at = inHeader.indexOf("0002_memory_fit");
    inHeader[at + 3]! ^= 0x01;
    await expect(openBackupFile(fileWith(inHeader))).rejects.toMatchObject({
      problem: "corrupted",
      message: expect.stringContaining("its header does not match the checksum written with it") as unknown,
    });
    const appended = Buffer.concat([whole, Buffer.from("extra")]);
    await expect(openBackupFile(fileWith(appended))).rejects.toMatchObject({ problem: "corrupted", message: expect.stringContaining("5 too many") as unknown });
  });

  it("a newer format version asks for an upgrade instead of guessing", async () => {
    const whole = encodeBackup(description, payload);
    const newer = Buffer.concat([Buffer.from(`${BACKUP_MAGIC} 2\n`), whole.subarray(whole.indexOf(10) + 1)]);
    await expect(openBackupFile(fileWith(newer))).rejects.toMatchObject({
      problem: "newer-format",
      message: expect.stringContaining("was made by a newer version of the app (backup format 2; this version reads format 1). Upgrade the app") as unknown,
    });
  });
});
