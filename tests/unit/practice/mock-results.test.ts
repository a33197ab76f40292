import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MockResults } from "@/components/practice/mock-results";
import type { MockExamResults } from "@/lib/services/mock-exam";

const option = (id: string, letter: string, text: string, correct: boolean, feedback: string) => ({ id, letter, text, correct, feedback });

function results(): MockExamResults {
  return {
    examId: "exam0000000001",
    subjectName: "Interpersonal Therapy (IPT)",
    startedAt: new Date("2026-12-01T10:00:00Z"),
    submittedAt: new Date("2026-12-01T10:12:30Z"),
    endedBy: "submitted",
    questionCount: 2,
    correctCount: 1,
    answeredCount: 1,
    timeUsedSec: 750,
    topics: [{ topicName: "Grief", correct: 1, total: 2 }],
    items: [
      {
        presentationId: "presentation-one-0001",
        position: 0,
        topicName: "Grief",
        stem: "Which focus is *most* likely after a **recent** death?",
        chosenOptionId: "o1",
        correct: true,
        explanation: "Grief is the focus when a death is *linked* to the onset.",
        options: [option("o1", "A", "Grief", true, "Yes: the death is *recent*."), option("o2", "B", "Role dispute", false, "No dispute is described.")],
        others: { students: 24, facility: 0.75, shares: { o1: 0.75, o2: 0.25 } },
      },
      {
        presentationId: "presentation-two-00002",
        position: 1,
        topicName: "Grief",
        stem: "A plain stem",
        chosenOptionId: null,
        correct: false,
        explanation: "Plain explanation.",
        options: [option("o3", "A", "One", false, "Not this."), option("o4", "B", "Two", true, "This.")],
        others: null,
      },
    ],
  };
}

const noReport = () => Promise.resolve(null);

describe("MockResults", () => {
  const html = renderToStaticMarkup(createElement(MockResults, { results: results(), reportAction: noReport }));

  it("renders Markdown in stems, options, feedback and explanations as the practice screen does", () => {
    expect(html).toContain("<em>most</em>");
    expect(html).toContain("<strong>recent</strong>");
    expect(html).toContain("<em>recent</em>");
    expect(html).toContain("<em>linked</em>");
    expect(html).not.toContain("*most*");
  });

  it("shows each stem as the legend of its options, with per-item radio names", () => {
    expect(html.match(/<legend/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('name="item-1"');
    expect(html).toContain('name="item-2"');
    // The chosen option of the first item is checked; the unanswered item has none.
    expect(html.match(/checked=""/g)?.length).toBe(1);
  });

  it("shows how others answered where enough students have, and nothing where they have not", () => {
    expect(html.match(/data-testid="others-summary"/g)?.length).toBe(1);
    expect(html).toContain("75% of 24 students got this right on their");
    expect(html.match(/data-testid="others-share"/g)?.length).toBe(2);
    expect(html).toContain("75% of students chose this");
    expect(html).toContain("25% of students chose this");
  });

  it("offers Report a problem on every item, for that item's presentation", () => {
    expect(html.match(/Report a problem with this question/g)?.length).toBe(2);
    expect(html).toContain('value="presentation-one-0001"');
    expect(html).toContain('value="presentation-two-00002"');
    expect(html.match(/name="mockExamId" value="exam0000000001"/g)?.length).toBe(2);
  });

  it("thanks the student on the item whose report a post before JavaScript sent", () => {
    const sent = renderToStaticMarkup(
      createElement(MockResults, { results: results(), reportAction: noReport, reportedPresentationId: "presentation-two-00002" }),
    );
    expect(sent.match(/your report was sent/g)?.length).toBe(1);
    expect(sent.match(/Send report/g)?.length).toBe(1);
  });
});
