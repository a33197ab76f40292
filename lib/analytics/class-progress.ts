// A class's progress from its members' readiness snapshots and study days:
// the spread of readiness, who is at risk and why, mastery per topic across
// the class, and the CSV an instructor downloads. Pure: days are calendar
// days ("YYYY-MM-DD"), and today comes in as an argument.
import { spreadsheetSafe } from "../questions/formats/csv";
import { daysBetween } from "./calendar";
import { MASTERY_LEVELS, masteryLevel, type MasteryLevel } from "./progress";

/** A member's stored readiness (Enrolment's snapshot columns) and activity. */
export type MemberProgress = {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  /** Expected score today, and projected on exam day; null until first estimated or without an exam. */
  readiness: number | null;
  projected: number | null;
  projectedLow: number | null;
  projectedHigh: number | null;
  questionsMet: number | null;
  /** Expected share right and questions met, per topic id. */
  topics: Readonly<Record<string, { expected: number; met: number }>>;
  estimatedAt: Date | null;
  /** The member's latest study day in the subject, and answers over the last 7 days. */
  lastActiveDay: string | null;
  answersLast7Days: number;
};

/** Below this projected (or, without an exam date, current) score a student counts as at risk. */
export const AT_RISK_SCORE = 0.6;
/** A student with no answer for this many days counts as at risk. */
export const INACTIVE_DAYS = 7;

export type RiskReason = "low-readiness" | "inactive" | "never-started";

/** Why a member is at risk (empty: not at risk). The readiness that counts is the projection when there is one. */
export function riskReasons(member: MemberProgress, today: string): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (member.lastActiveDay === null) reasons.push("never-started");
  else if (daysBetween(member.lastActiveDay, today) >= INACTIVE_DAYS) reasons.push("inactive");
  const score = member.projected ?? member.readiness;
  if (member.lastActiveDay !== null && score !== null && score < AT_RISK_SCORE) reasons.push("low-readiness");
  return reasons;
}

export const RISK_LABEL: Record<RiskReason, string> = {
  "low-readiness": `readiness below ${Math.round(AT_RISK_SCORE * 100)}%`,
  inactive: `no practice for ${INACTIVE_DAYS} days or more`,
  "never-started": "has not practised yet",
};

export type HistogramBin = { from: number; to: number; count: number };

/** Scores (0-1) in ten bins of 10 points; 100% falls in the last. */
export function readinessHistogram(scores: readonly number[]): HistogramBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, count: 0 }));
  for (const score of scores) {
    if (!Number.isFinite(score)) continue;
    const index = Math.min(9, Math.max(0, Math.floor(score * 10)));
    const bin = bins[index];
    if (bin) bin.count += 1;
  }
  return bins;
}

export type TopicHeatRow = {
  topicId: string;
  name: string;
  /** Mean expected share right over the members with an estimate. */
  meanExpected: number | null;
  /** Members at each mastery level, in MASTERY_LEVELS order. */
  levels: Record<MasteryLevel, number>;
};

/**
 * Mastery per topic across the class: how many members reach each level
 * (progress.ts's definitions) and the mean expected score. Members without
 * an estimate count as not started.
 */
export function topicHeatTable(members: readonly MemberProgress[], topics: readonly { id: string; name: string; total: number }[]): TopicHeatRow[] {
  return topics.map((topic) => {
    const levels = Object.fromEntries(MASTERY_LEVELS.map((l) => [l.level, 0])) as Record<MasteryLevel, number>;
    let sum = 0;
    let estimated = 0;
    for (const member of members) {
      const scores = member.topics[topic.id];
      const level = scores ? masteryLevel({ met: scores.met, total: topic.total, expected: scores.expected }) : "not-started";
      levels[level] += 1;
      if (scores) {
        sum += scores.expected;
        estimated += 1;
      }
    }
    return { topicId: topic.id, name: topic.name, meanExpected: estimated > 0 ? sum / estimated : null, levels };
  });
}

/** Parses a snapshot's topic scores ({"topicId": [expected, met]}); anything malformed reads as none. */
export function parseTopicScores(text: string | null): Record<string, { expected: number; met: number }> {
  if (!text) return {};
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
    const result: Record<string, { expected: number; met: number }> = {};
    for (const [topicId, value] of Object.entries(raw)) {
      if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "number") result[topicId] = { expected: value[0], met: value[1] };
    }
    return result;
  } catch {
    return {};
  }
}

export function formatTopicScores(scores: Readonly<Record<string, { expected: number; met: number }>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(scores).map(([id, s]) => [id, [Math.round(s.expected * 1000) / 1000, s.met]])));
}

const percentCell = (x: number | null) => (x === null ? "" : String(Math.round(x * 100)));

function csvCell(value: string): string {
  const safe = spreadsheetSafe(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The class's progress as CSV (RFC 4180, CRLF): one row per member, scores in
 * percent, then one column per topic with the expected score. Names and
 * emails are guarded so a spreadsheet shows them as text.
 */
export function classProgressCsv(members: readonly MemberProgress[], topics: readonly { id: string; name: string }[], today: string): string {
  const header = [
    "name",
    "email",
    "joined",
    "readiness_now_pct",
    "projected_exam_pct",
    "projected_low_pct",
    "projected_high_pct",
    "questions_met",
    "answers_last_7_days",
    "last_active",
    "at_risk",
    "estimated_at",
    ...topics.map((t) => `topic: ${t.name}`),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const m of members) {
    const row = [
      m.name,
      m.email,
      m.joinedAt.toISOString().slice(0, 10),
      percentCell(m.readiness),
      percentCell(m.projected),
      percentCell(m.projectedLow),
      percentCell(m.projectedHigh),
      m.questionsMet === null ? "" : String(m.questionsMet),
      String(m.answersLast7Days),
      m.lastActiveDay ?? "",
      riskReasons(m, today)
        .map((r) => RISK_LABEL[r])
        .join("; "),
      m.estimatedAt ? m.estimatedAt.toISOString() : "",
      ...topics.map((t) => percentCell(m.topics[t.id]?.expected ?? null)),
    ];
    lines.push(row.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
