import { describe, expect, it } from "vitest";
import { writeAiken } from "@/lib/questions/formats/aiken";
import { writeCsv } from "@/lib/questions/formats/csv";
import { detectFormat, parseQuestionFile } from "@/lib/questions/formats/detect-format";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { writeGift } from "@/lib/questions/formats/gift";
import { writeJsonBank } from "@/lib/questions/formats/json-bank";
import { writeMoodleXml } from "@/lib/questions/formats/moodle-xml";
import { fixture, loadBundledBank } from "./format-helpers";

describe("detectFormat", () => {
  it.each([
    ["gift/features.gift.txt", "gift"],
    ["gift/other-types.gift.txt", "gift"],
    ["moodle-xml/features.xml", "moodle-xml"],
    ["moodle-xml/not-well-formed.xml", "moodle-xml"],
    ["aiken/features.txt", "aiken"],
    ["csv/features.csv", "csv"],
    ["csv/semicolon.csv", "csv"],
    ["json/drafts.json", "json"],
    ["json/broken-syntax.json", "json"],
    ["json/broken-questions.json", "json"],
  ])("%s is %s", (file, format) => {
    expect(detectFormat(fixture(file)).format).toBe(format);
  });

  it("recognises what every writer writes", () => {
    const questions = loadBundledBank().questions.slice(0, 5).map(exchangeFromBank);
    expect(detectFormat(writeGift(questions).text).format).toBe("gift");
    expect(detectFormat(writeMoodleXml(questions).text).format).toBe("moodle-xml");
    expect(detectFormat(writeAiken(questions).text).format).toBe("aiken");
    expect(detectFormat(writeCsv(questions).text).format).toBe("csv");
    expect(detectFormat(writeJsonBank(questions).text).format).toBe("json");
  });

  it("reads lettered options ending in an ANSWER: line as Aiken even when an option looks like a GIFT answer block", () => {
    const aiken = "Which set holds the even numbers?\nA. {x : x = 2k}\nB. {x : x = 2k + 1}\nC. The empty set\nANSWER: A\n\nWhat is 2 + 2?\nA. 3\nB. 4\nANSWER: B\n";
    expect(detectFormat(aiken).format).toBe("aiken");
    const parsed = parseQuestionFile(aiken);
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions.map((q) => q.options.find((o) => o.correct)?.text)).toEqual(["{x : x = 2k}", "4"]);
    // A GIFT title or category still says GIFT.
    expect(detectFormat(`$CATEGORY: $course$/top/Sets\n\n${aiken}`).format).toBe("gift");
  });

  it("says why when it cannot tell", () => {
    expect(detectFormat("Dear students,\nthe exam is on Friday.\n")).toEqual({ format: null, reason: expect.stringContaining("cannot tell the format") as unknown });
    expect(detectFormat("<qti-assessment-item identifier='x'></qti-assessment-item>").reason).toContain("QTI is an export format");
    expect(detectFormat("<html><body/></html>").reason).toContain("without a <quiz> root");
    expect(detectFormat("   ").reason).toBe("the file is empty");
    expect(detectFormat("a\u0000b").reason).toContain("binary");
  });
});

describe("parseQuestionFile", () => {
  it("parses with the detected format", () => {
    const r = parseQuestionFile(fixture("aiken/features.txt"));
    expect(r.format).toBe("aiken");
    expect(r.questions).toHaveLength(3);
  });

  it("names the detected format when the chosen one finds nothing", () => {
    const r = parseQuestionFile(fixture("gift/features.gift.txt"), "csv");
    expect(r.format).toBe("csv");
    expect(r.questions).toEqual([]);
    expect(r.problems[0]?.line).toBe(1);
    expect(r.problems[0]?.reason).toContain("the file looks like GIFT");
  });

  it("refuses what it cannot tell with the reason, on line 1", () => {
    const r = parseQuestionFile("Just some prose.\n");
    expect(r.format).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.line).toBe(1);
  });
});
