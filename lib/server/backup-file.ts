import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, fstatSync, fsyncSync, openSync, closeSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { z } from "zod";

/**
 * The file `npm run db:backup` writes and `npm run db:restore` reads, the same
 * for both databases, so a restore can say exactly what is wrong with a file
 * before it touches anything:
 *
 *   IPT-EXAM-PREP-BACKUP 1\n        magic naming this app, and the format version
 *   {"app":...,"kind":...}\n        the header: JSON on one line
 *   <SHA-256 of that line, hex>\n   so a damaged header is caught, not misread
 *   <payload>                       the SQLite database file, or pg_dump's custom-format archive
 *
 * The header carries the payload's length and SHA-256 (a truncated or altered
 * file is named as such, with the sizes), the database kind, and the
 * migrations the backed-up database had applied (a backup from a newer
 * version of the app is refused before anything changes).
 */

export const BACKUP_MAGIC = "IPT-EXAM-PREP-BACKUP";
export const BACKUP_FORMAT = 1;
const APP = "ipt-exam-prep";
/** The first line and the header together never come near this; more means the file is not ours or is damaged. */
const MAX_HEADER_BYTES = 1024 * 1024;

const headerSchema = z.object({
  app: z.literal(APP),
  format: z.literal(BACKUP_FORMAT),
  kind: z.enum(["sqlite", "postgresql"]),
  createdAt: z.iso.datetime(),
  migrations: z.array(z.string()),
  payloadBytes: z.number().int().nonnegative(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;
/** What the writer fills in; the rest describes the payload. */
export type BackupDescription = Pick<BackupHeader, "kind" | "createdAt" | "migrations">;

export type BackupProblem = "not-a-backup" | "newer-format" | "truncated" | "corrupted";

/** A file a restore refuses; the message is one paragraph for the operator. */
export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
    this.name = "BackupFileError";
  }
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function headerBytes(header: BackupHeader): Buffer {
  const json = JSON.stringify(header);
  return Buffer.from(`${BACKUP_MAGIC} ${String(BACKUP_FORMAT)}\n${json}\n${sha256(json)}\n`, "utf8");
}

/** A whole backup in memory: for tests and small payloads. */
export function encodeBackup(description: BackupDescription, payload: Buffer): Buffer {
  const header: BackupHeader = { app: APP, format: BACKUP_FORMAT, ...description, payloadBytes: payload.length, payloadSha256: sha256(payload) };
  return Buffer.concat([headerBytes(header), payload]);
}

async function hashFile(file: string, start = 0): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file, { start }), hash);
  return hash.digest("hex");
}

/**
 * Writes a backup of `payloadFile` to `out`: to `out.partial` first, synced,
 * then renamed, so a crash or a full disk never leaves a half-written file
 * under the final name. Refuses to replace an existing file.
 */
export async function writeBackupFile(out: string, description: BackupDescription, payloadFile: string): Promise<BackupHeader> {
  if (existsSync(out)) throw new Error(`${out} already exists; choose another name (--out FILE).`);
  const header: BackupHeader = {
    app: APP,
    format: BACKUP_FORMAT,
    ...description,
    payloadBytes: statSync(payloadFile).size,
    payloadSha256: await hashFile(payloadFile),
  };
  const partial = `${out}.partial`;
  try {
    const stream = createWriteStream(partial, { flags: "wx" });
    stream.write(headerBytes(header));
    await pipeline(createReadStream(payloadFile), stream);
    const fd = openSync(partial, "r+");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return header;
}

/** What a file that is not ours appears to be, so the message can say. */
function looksLike(start: Buffer): string {
  const ascii = start.subarray(0, 16).toString("latin1");
  if (ascii.startsWith("SQLite format 3\0")) return "a plain SQLite database file";
  if (ascii.startsWith("PK\x03\x04") || ascii.startsWith("PK\x05\x06")) return "a ZIP archive";
  if (ascii.startsWith("PGDMP")) return "a bare pg_dump archive";
  if (start[0] === 0x1f && start[1] === 0x8b) return "a gzip file";
  if (/^(--|SET |CREATE |BEGIN|\\)/.test(ascii)) return "an SQL script";
  return "not in this format";
}

export type OpenedBackup = { file: string; header: BackupHeader; payloadOffset: number };

/**
 * Reads and checks a backup file completely (header, length and the payload's
 * SHA-256) without changing anything; throws a BackupFileError naming what is
 * wrong.
 */
export async function openBackupFile(file: string): Promise<OpenedBackup> {
  const fd = openSync(file, "r");
  let size: number;
  let start: Buffer;
  try {
    size = fstatSync(fd).size;
    start = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES));
    readSync(fd, start, 0, start.length, 0);
  } finally {
    closeSync(fd);
  }
  const notOurs = (what: string) =>
    new BackupFileError("not-a-backup", `${file} is not a backup made by npm run db:backup: it is ${what} (a backup starts with "${BACKUP_MAGIC}").`);
  if (size === 0) throw notOurs("empty");
  const magic = Buffer.from(`${BACKUP_MAGIC} `, "latin1");
  if (start.length < magic.length) {
    if (magic.subarray(0, start.length).equals(start)) {
      throw new BackupFileError("truncated", `${file} is truncated: it holds only ${String(size)} bytes, not even its whole header.`);
    }
    throw notOurs(looksLike(start));
  }
  if (!start.subarray(0, magic.length).equals(magic)) throw notOurs(looksLike(start));

  const lineEnds: number[] = [];
  for (let at = start.indexOf(10); at !== -1 && lineEnds.length < 3; at = start.indexOf(10, at + 1)) lineEnds.push(at);
  const [firstEnd, headerEnd, hashEnd] = lineEnds;
  if (firstEnd !== undefined) {
    const version = start.subarray(magic.length, firstEnd).toString("latin1");
    if (!/^\d{1,6}$/.test(version)) {
      throw new BackupFileError("corrupted", `${file} is damaged: its first line names no format version ("${version.slice(0, 20)}").`);
    }
    if (Number(version) > BACKUP_FORMAT) {
      throw new BackupFileError(
        "newer-format",
        `${file} was made by a newer version of the app (backup format ${version}; this version reads format ${String(BACKUP_FORMAT)}). Upgrade the app, then restore.`,
      );
    }
    if (Number(version) !== BACKUP_FORMAT) throw new BackupFileError("corrupted", `${file} is damaged: it names backup format ${version}, which never existed.`);
  }
  if (firstEnd === undefined || headerEnd === undefined || hashEnd === undefined) {
    if (start.length === size) {
      throw new BackupFileError("truncated", `${file} is truncated: it ends inside its header (the file holds ${String(size)} bytes in all).`);
    }
    throw new BackupFileError("corrupted", `${file} is damaged: its header does not end within the first ${String(MAX_HEADER_BYTES)} bytes.`);
  }
  const json = start.subarray(firstEnd + 1, headerEnd).toString("utf8");
  const recordedHash = start.subarray(headerEnd + 1, hashEnd).toString("latin1");
  if (sha256(json) !== recordedHash) {
    throw new BackupFileError("corrupted", `${file} is damaged: its header does not match the checksum written with it, so nothing in it can be trusted.`);
  }
  let header: BackupHeader;
  try {
    header = headerSchema.parse(JSON.parse(json));
  } catch {
    throw new BackupFileError("corrupted", `${file} is damaged: its header is not one this version of the app writes.`);
  }

  const payloadOffset = hashEnd + 1;
  const actual = size - payloadOffset;
  if (actual < header.payloadBytes) {
    throw new BackupFileError(
      "truncated",
      `${file} is truncated: its header says the data is ${String(header.payloadBytes)} bytes, but only ${String(actual)} are there (${String(header.payloadBytes - actual)} missing; the file is ${String(size)} bytes, it should be ${String(payloadOffset + header.payloadBytes)}).`,
    );
  }
  if (actual > header.payloadBytes) {
    throw new BackupFileError(
      "corrupted",
      `${file} is damaged: its header says the data is ${String(header.payloadBytes)} bytes, but ${String(actual)} follow it (${String(actual - header.payloadBytes)} too many).`,
    );
  }
  const hash = await hashFile(file, payloadOffset);
  if (hash !== header.payloadSha256) {
    throw new BackupFileError(
      "corrupted",
      `${file} is corrupted: its data (${String(actual)} bytes, the length its header records) has SHA-256 ${hash}, but the header records ${header.payloadSha256}. The file was changed or damaged after it was written.`,
    );
  }
  return { file, header, payloadOffset };
}

/** Copies the checked payload of an opened backup to its own file. */
export async function extractPayload(backup: OpenedBackup, destination: string): Promise<void> {
  await pipeline(createReadStream(backup.file, { start: backup.payloadOffset }), createWriteStream(destination, { flags: "wx" }));
  const fd = openSync(destination, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
