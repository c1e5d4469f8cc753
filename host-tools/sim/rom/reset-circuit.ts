// The two-transistor auto-reset circuit of ESP32 dev boards: EN (chip enable) is pulled low while RTS is asserted
// and DTR is not; GPIO0 is pulled low while DTR is asserted and RTS is not. With both or neither asserted, both
// lines float high. EN also has an RC delay (Espressif's hardware design guidelines: 10 kΩ / 1 µF on CHIP_PU), so
// the chip leaves reset a few milliseconds after EN is released and samples GPIO0 then: low means the ROM enters
// download mode, high means it boots the application. That delay is why esptool's ClassicReset works although it
// sets the lines one at a time and passes through DTR=RTS=1 (EN released, GPIO0 high) on its way to DTR=1, RTS=0.
export type BootMode = "download" | "app";

/** Time from EN released to the chip sampling GPIO0 and running (shorter than the real ~10 ms RC time). */
export const EN_RELEASE_DELAY_MS = 5;

export class ResetCircuit {
  private enLow = false;
  private gpio0Low = false;
  private leavingReset: NodeJS.Timeout | null = null;

  constructor(private readonly onBoot: (mode: BootMode) => void) {}

  setSignals(dtr: boolean, rts: boolean): void {
    const enLow = rts && !dtr;
    this.gpio0Low = dtr && !rts;
    const released = this.enLow && !enLow;
    this.enLow = enLow;
    if (enLow) this.cancel(); // EN pulled low again before the chip started: still in reset
    if (released) {
      this.leavingReset = setTimeout(() => {
        this.leavingReset = null;
        this.onBoot(this.gpio0Low ? "download" : "app");
      }, EN_RELEASE_DELAY_MS);
    }
  }

  /** True while the chip is held in reset or has not come out of it yet. */
  get inReset(): boolean {
    return this.enLow || this.leavingReset !== null;
  }

  /** Resolves once a pending release has booted the chip. */
  async settled(): Promise<void> {
    while (this.leavingReset) await new Promise((r) => setTimeout(r, EN_RELEASE_DELAY_MS));
  }

  /** Power off: a pending boot never happens. */
  cancel(): void {
    if (this.leavingReset) clearTimeout(this.leavingReset);
    this.leavingReset = null;
  }
}
