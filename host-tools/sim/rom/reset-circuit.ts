// The two-transistor auto-reset circuit of ESP32 dev boards: EN (chip enable) is pulled low while RTS is asserted
// and DTR is not; GPIO0 is pulled low while DTR is asserted and RTS is not. The chip samples GPIO0 when EN rises:
// low means the ROM enters download mode, high means it boots the application from flash.
export type BootMode = "download" | "app";

export class ResetCircuit {
  private enLow = false;

  constructor(private readonly onBoot: (mode: BootMode) => void) {}

  setSignals(dtr: boolean, rts: boolean): void {
    const enLow = rts && !dtr;
    const gpio0Low = dtr && !rts;
    const released = this.enLow && !enLow;
    this.enLow = enLow;
    if (released) this.onBoot(gpio0Low ? "download" : "app");
  }

  /** True while the chip is held in reset. */
  get inReset(): boolean {
    return this.enLow;
  }
}
