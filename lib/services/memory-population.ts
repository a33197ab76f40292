import "server-only";
import { addEvidence, createMemoryEvidence, parseMemoryEvidence, subtractEvidence, type MemoryEvidence } from "../scheduler/memory-evidence";
import { directRead } from "../server/direct-sql";

/**
 * Other students' forgetting curves, as one prior for each student's fit
 * (lib/scheduler/memory-evidence.ts withPopulationEvidence; decision 0004,
 * third pass): the later-review bins of up to POPULATION_SAMPLE students,
 * summed. The prior enters every fit at a fixed total weight, so only its
 * shape matters and a sample of a few hundred students gives it.
 *
 * Held in the process's memory and re-read at most every REFRESH_MS, in the
 * background: `memoryPopulation` never waits for the database, so it may be
 * called inside a transaction (the answer's), where a read of its own would
 * wait for the connection the transaction holds. Until the first read
 * completes the population is empty, and fits use the student's evidence
 * alone, as they did before any student had answered.
 */

const POPULATION_SAMPLE = 500;
const REFRESH_MS = 10 * 60 * 1000;

type Population = { evidence: MemoryEvidence; members: Map<string, MemoryEvidence>; readAt: number };
type Held = { population: Population; refreshing: Promise<void> | null };

const globalForPopulation = globalThis as unknown as { memoryPopulation?: Held };
const held: Held = (globalForPopulation.memoryPopulation ??= {
  population: { evidence: createMemoryEvidence(), members: new Map(), readAt: 0 },
  refreshing: null,
});

async function refresh(now: number): Promise<void> {
  const rows = await directRead((sql) =>
    sql.all<{ id: string; memoryEvidence: string }>(`SELECT "id", "memoryEvidence" FROM "User" WHERE "memoryEvidence" IS NOT NULL LIMIT ${POPULATION_SAMPLE}`),
  );
  let evidence = createMemoryEvidence();
  const members = new Map<string, MemoryEvidence>();
  for (const row of rows) {
    const parsed = parseStored(row.memoryEvidence);
    if (!parsed) continue;
    evidence = addEvidence(evidence, parsed);
    members.set(row.id, parsed);
  }
  held.population = { evidence, members, readAt: now };
}

/** A stored value as MemoryEvidence; null when it is missing or malformed (the student starts afresh). */
export function parseStored(value: string | null | undefined): MemoryEvidence | null {
  if (typeof value !== "string") return null;
  try {
    return parseMemoryEvidence(JSON.parse(value));
  } catch {
    return null;
  }
}

/**
 * The population prior for one student: the sample's bins without the
 * student's own (as they were read with the sample), so nobody's reviews
 * count twice in their own fit. Starts a background re-read when the sample
 * is older than REFRESH_MS.
 */
export function memoryPopulation(userId: string, now = Date.now()): MemoryEvidence {
  const { population } = held;
  if (now - population.readAt > REFRESH_MS && held.refreshing === null) {
    held.refreshing = refresh(now)
      .catch((error: unknown) => console.error("[memory population] re-read failed", error))
      .finally(() => {
        held.refreshing = null;
      });
  }
  const own = population.members.get(userId);
  return own ? subtractEvidence(population.evidence, own) : population.evidence;
}

/**
 * The sample as it stands, as an identity: a new value whenever the sample is
 * re-read or loses a member, so a fit kept beside it knows when it is stale.
 */
export function memoryPopulationStamp(): object {
  return held.population;
}

/** Takes a deleted student's reviews out of this process's sample at once (other processes re-read within REFRESH_MS). */
export function forgetMemoryPopulationMember(userId: string): void {
  const { population } = held;
  const own = population.members.get(userId);
  if (!own) return;
  const members = new Map(population.members);
  members.delete(userId);
  held.population = { ...population, evidence: subtractEvidence(population.evidence, own), members };
}

/** Waits for a re-read in progress (tests). */
export async function settledMemoryPopulation(): Promise<void> {
  await held.refreshing;
}

/** Forgets the sample, so the next call re-reads it (tests). */
export function resetMemoryPopulation(): void {
  held.population = { evidence: createMemoryEvidence(), members: new Map(), readAt: 0 };
}
