import { describe, it, expect } from "vitest";
import { sparkline, SparkPanel } from "../../host-tools/cli/sparkline.ts";

describe("sparkline", () => {
  it("scales values between the lowest and highest bar, and leaves gaps for missing ones", () => {
    expect(sparkline([0, 7, 14])).toBe("▁▅█"); // the midpoint rounds up to the fifth of eight bars
    expect(sparkline([5, 5])).toBe("▄▄");
    expect(sparkline([1, NaN, 3])).toBe("▁ █");
    expect(sparkline([])).toBe("");
  });

  it("keeps the last values of each numeric field, not seq", () => {
    const p = new SparkPanel(3);
    for (let i = 1; i <= 5; i++) p.add({ seq: i, t: i, name: "x" });
    expect(p.rows()).toEqual(["t ▁▅█ 5"]);
  });
});
