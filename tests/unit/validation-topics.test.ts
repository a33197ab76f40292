import { describe, expect, it } from "vitest";
import { parsePage, parseReportFilter, resolveReportSchema } from "@/lib/validation/reports";
import { blueprintSchema, createSubjectSchema, formatTenths, parsePercentTenths, slugify, weightFieldName } from "@/lib/validation/topics";

describe("slugify", () => {
  it("lower-cases, drops accents and punctuation, and joins words with single dashes", () => {
    expect(slugify("Problem area: Grief & Loss")).toBe("problem-area-grief-loss");
    expect(slugify("  Schéma  Thérapie ")).toBe("schema-therapie");
    expect(slugify("!!!")).toBe("");
    expect(slugify("a".repeat(70)).length).toBe(60);
  });
});

describe("createSubjectSchema", () => {
  it("derives the slug from the name when it is left empty and keeps an edited one", () => {
    expect(createSubjectSchema.parse({ name: "Dialectical Behaviour Therapy", slug: "" }).slug).toBe("dialectical-behaviour-therapy");
    expect(createSubjectSchema.parse({ name: "Dialectical Behaviour Therapy", slug: "DBT" }).slug).toBe("dbt");
  });

  it("puts a bad slug's message beside the slug field", () => {
    const parsed = createSubjectSchema.safeParse({ name: "X", slug: "two  words" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(["slug"]);
    const symbols = createSubjectSchema.safeParse({ name: "???", slug: "" });
    expect(symbols.error!.issues[0]!.path).toEqual(["slug"]);
  });
});

describe("percentages", () => {
  it("accepts whole and one-decimal percentages from 0 to 100, as tenths", () => {
    expect(parsePercentTenths("60")).toBe(600);
    expect(parsePercentTenths(" 33.3 ")).toBe(333);
    expect(parsePercentTenths("12,5")).toBe(125);
    expect(parsePercentTenths("7%")).toBe(70);
    expect(parsePercentTenths("0")).toBe(0);
    expect(parsePercentTenths("100")).toBe(1000);
    for (const bad of ["", "-5", "100.1", "12.55", "abc", "1e2", ".5"]) expect(parsePercentTenths(bad), bad).toBeNull();
    expect(formatTenths(600)).toBe("60");
    expect(formatTenths(955)).toBe("95.5");
  });

  it("accepts a blueprint that adds up to 100 and shows the total when it does not", () => {
    const form = (a: string, b: string) => ({ subjectSlug: "s", topicId: ["t1", "t2"], [weightFieldName("t1")]: a, [weightFieldName("t2")]: b });
    expect(blueprintSchema.parse(form("60", "40")).weights).toEqual([
      { topicId: "t1", tenths: 600 },
      { topicId: "t2", tenths: 400 },
    ]);
    const off = blueprintSchema.safeParse(form("60", "45.5"));
    expect(off.error!.issues[0]!.message).toContain("add up to 105.5%");
    const single = blueprintSchema.safeParse({ subjectSlug: "s", topicId: "t1", [weightFieldName("t1")]: "100" });
    expect(single.success).toBe(true);
  });
});

describe("report queue inputs", () => {
  it("requires a note to dismiss but not to resolve", () => {
    expect(resolveReportSchema.safeParse({ reportId: "r", outcome: "RESOLVED" }).success).toBe(true);
    const dismiss = resolveReportSchema.safeParse({ reportId: "r", outcome: "DISMISSED", note: " " });
    expect(dismiss.error!.issues[0]!.path).toEqual(["note"]);
    expect(resolveReportSchema.safeParse({ reportId: "r", outcome: "OPEN" }).success).toBe(false);
  });

  it("reads the filter and page from the query string, falling back safely", () => {
    expect(parseReportFilter("dismissed")).toBe("dismissed");
    expect(parseReportFilter("nonsense")).toBe("open");
    expect(parseReportFilter(["all"])).toBe("open");
    expect(parsePage("3")).toBe(3);
    expect(parsePage("0")).toBe(1);
    expect(parsePage("-2")).toBe(1);
  });
});
