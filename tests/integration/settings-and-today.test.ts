import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { saveStudySettings, saveTimeZone, studySettings } from "@/lib/services/settings";
import { sessionProgress } from "@/lib/services/practice-modes";
import { practiceScreen } from "@/lib/services/practice-screen";
import { setBookmark } from "@/lib/services/bookmarks";
import { refreshReadinessSnapshot, saveReadinessSnapshot, subjectReadiness } from "@/lib/services/readiness";
import { todaySummary } from "@/lib/services/today";
import { studySettingsSchema } from "@/lib/validation/settings";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol, subjectOf } from "../factories/enrolments";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

describe("study settings", () => {
  it("stores the exam date as the start of that day in the student's time zone and reads it back as that day", async () => {
    const user = await createUser();
    const subjectId = await subjectOf(await createQuestion());
    const input = studySettingsSchema(new Date("2026-03-01T12:00:00Z")).parse({
      examDate: "2026-06-15",
      dailyGoal: "30",
      timeZone: "America/New_York",
    });
    expect(await saveStudySettings(user.id, input)).toEqual({ examDate: "2026-06-15", dailyGoal: 30, timeZone: "America/New_York" });
    // On the enrolment of the only subject (made on first use), not on the user.
    const stored = await getDb().enrolment.findUniqueOrThrow({ where: { userId_subjectId: { userId: user.id, subjectId } } });
    expect(stored.examDate?.toISOString()).toBe("2026-06-15T04:00:00.000Z");
    expect(stored.dailyGoal).toBe(30);
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ examDate: null, dailyGoal: null, currentSubjectId: subjectId });

    // Clearing both optional fields; a post without a time zone keeps the stored one.
    await saveStudySettings(user.id, { examDate: null, dailyGoal: null, timeZone: null });
    expect(await studySettings(user.id)).toEqual({ examDate: null, dailyGoal: null, timeZone: "America/New_York" });
    await saveTimeZone(user.id, "Asia/Tokyo");
    expect((await studySettings(user.id)).timeZone).toBe("Asia/Tokyo");
  });

  it("keeps the stored readiness marked stale when a refresh projected on the old plan finishes after the plan changed", async () => {
    const user = await createUser();
    const subjectId = await subjectOf(await createQuestion());
    const now = new Date();
    const settings = (examDate: string, dailyGoal: string) => studySettingsSchema(now).parse({ examDate, dailyGoal, timeZone: "UTC" });
    const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
    await saveStudySettings(user.id, settings(inDays(30), "20"));

    // A refresh reads the plan and projects it; meanwhile the student moves the exam.
    const { readiness, planning } = await subjectReadiness(user.id, subjectId, now);
    await saveStudySettings(user.id, settings(inDays(10), "40"));
    await saveReadinessSnapshot(user.id, subjectId, readiness, planning, now);

    const stored = await getDb().enrolment.findUniqueOrThrow({ where: { userId_subjectId: { userId: user.id, subjectId } } });
    expect(stored.readinessAt).toBeNull();
    expect(stored.readinessExamScore).toBeNull();

    // Projected on the plan as it stands, it is stored.
    await refreshReadinessSnapshot(user.id, subjectId, now);
    const fresh = await getDb().enrolment.findUniqueOrThrow({ where: { userId_subjectId: { userId: user.id, subjectId } } });
    expect(fresh.readinessAt?.getTime()).toBe(now.getTime());
    expect(fresh.readinessExamScore).not.toBeNull();
  });
});

describe("today", () => {
  it("counts today's answers against the goal on the student's day, with the streak", async () => {
    const user = await createUser();
    await getDb().user.update({ where: { id: user.id }, data: { timeZone: "Pacific/Auckland" } });
    const question = await createQuestion();
    await createQuestion();
    const subjectId = await subjectOf(question);
    await enrol(user.id, subjectId, { dailyGoal: 5 });
    // 2 March in Auckland (UTC+13) begins at 11:00 UTC on 1 March.
    const now = new Date("2026-03-01T12:00:00Z");
    await getDb().studyDay.createMany({
      data: [
        { userId: user.id, subjectId, day: "2026-03-01", answered: 4, correct: 3 },
        { userId: user.id, subjectId, day: "2026-02-28", answered: 2, correct: 1 },
        { userId: user.id, subjectId, day: "2026-02-26", answered: 9, correct: 9 },
      ],
    });
    let summary = await todaySummary(user.id, now);
    expect(summary).toMatchObject({ today: "2026-03-02", doneToday: 0, dailyGoal: 5, goalIsDefault: false, streak: 2, newToday: 2 });

    const view = await currentPresentation(user.id, ADAPTIVE, now);
    await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: view!.presentationId, optionId: view!.options[0]!.id }), now);
    summary = await todaySummary(user.id, new Date(now.getTime() + 60_000));
    // Without an exam, a fixed number of new questions a day; one was met today, and the one still unseen is left for today too.
    expect(summary).toMatchObject({ doneToday: 1, streak: 3, newToday: 1 });
  });

  it("shows the pace's new questions and due reviews, and the default goal when none is set", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const now = new Date("2026-03-01T12:00:00Z");
    await getDb().memoryState.create({
      data: { userId: user.id, questionId: question.id, stability: 1, difficulty: 5, due: new Date("2026-03-01T00:00:00Z"), createdAt: new Date("2026-02-01T00:00:00Z") },
    });
    const summary = await todaySummary(user.id, now);
    expect(summary).toMatchObject({ reviewsDue: 1, newToday: 0, doneToday: 0, dailyGoal: 20, goalIsDefault: true, streak: 0, timeZone: "UTC" });
  });

  it("measures the practice session against the goal of the subject being studied", async () => {
    const user = await createUser();
    const question = await createQuestion();
    await enrol(user.id, await subjectOf(question), { dailyGoal: 7 });
    const view = await currentPresentation(user.id, ADAPTIVE, new Date("2026-03-01T12:00:00Z"));
    expect(await sessionProgress(user.id, view!.presentationId)).toEqual({ position: 1, target: 7, targetLabel: "your daily goal" });
  });

  it("puts today's count, the goal, 'Question x of n' and the bookmark around a question, for its owner only", async () => {
    const user = await createUser();
    const question = await createQuestion();
    for (let i = 0; i < 3; i += 1) await createQuestion({ topicId: question.topicId });
    await enrol(user.id, await subjectOf(question), { dailyGoal: 9 });
    const first = await currentPresentation(user.id);
    await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: first!.presentationId, optionId: first!.options[0]!.id }));
    const second = await currentPresentation(user.id);
    await setBookmark(user.id, second!.presentationId, true);
    expect(await practiceScreen(user.id, second!)).toMatchObject({
      today: { done: 1, goal: 9 },
      session: { position: 2, target: 9, targetLabel: "your daily goal" },
      bookmarked: true,
      reported: false,
    });
    const stranger = await createUser();
    expect(await practiceScreen(stranger.id, second!)).toMatchObject({ today: { done: 0 }, session: null, bookmarked: false });
  });
});
