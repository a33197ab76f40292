import { describe, expect, it } from "vitest";
import { themeClass, themeOf } from "@/lib/validation/theme";

describe("theme cookie", () => {
  it("reads the three themes and treats anything else as following the system", () => {
    expect(themeOf("dark")).toBe("dark");
    expect(themeOf("light")).toBe("light");
    expect(themeOf("system")).toBe("system");
    expect(themeOf(undefined)).toBe("system");
    expect(themeOf("dark; injected")).toBe("system");
    expect(themeOf("DARK")).toBe("system");
  });

  it("gives <html> the class the dark variant looks for", () => {
    expect(themeClass("dark")).toBe("dark");
    expect(themeClass("system")).toBe("system");
    expect(themeClass("light")).toBeUndefined();
  });
});
