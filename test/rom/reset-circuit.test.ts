// The DevKit auto-reset circuit: EN's RC delay decides which GPIO0 level the chip samples.
import { describe, expect, it } from "vitest";
import { type BootMode, EN_RELEASE_DELAY_MS, ResetCircuit } from "../../host-tools/sim/rom/reset-circuit.ts";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function circuit() {
  const boots: BootMode[] = [];
  return { boots, c: new ResetCircuit((m) => boots.push(m)) };
}

describe("ResetCircuit", () => {
  it("boots the loader after a classic reset that sets the lines one at a time (through DTR=RTS=1)", async () => {
    const { boots, c } = circuit();
    c.setSignals(false, true); // EN low
    c.setSignals(true, true); // DTR first: EN released, GPIO0 still high
    c.setSignals(true, false); // RTS next: GPIO0 low before the chip leaves reset
    expect(c.inReset).toBe(true);
    await wait(EN_RELEASE_DELAY_MS * 4);
    c.setSignals(false, false);
    expect(boots).toEqual(["download"]);
    expect(c.inReset).toBe(false);
  });

  it("boots the app when both lines stay asserted or GPIO0 is high as EN rises", async () => {
    const { boots, c } = circuit();
    c.setSignals(false, true);
    c.setSignals(true, true);
    await c.settled();
    c.setSignals(false, true);
    c.setSignals(false, false);
    await c.settled();
    expect(boots).toEqual(["app", "app"]);
  });

  it("does not boot when EN is pulled low again before the chip started", async () => {
    const { boots, c } = circuit();
    c.setSignals(false, true);
    c.setSignals(false, false);
    c.setSignals(false, true);
    await wait(EN_RELEASE_DELAY_MS * 4);
    expect(boots).toEqual([]);
    c.cancel();
  });
});
