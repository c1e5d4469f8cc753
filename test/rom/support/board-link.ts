// The virtual board's in-process serial port as a SerialLink, so esptool-js (through our Web Serial shim) talks
// to the ROM emulator inside the real VirtualBoard. The in-process port has no modem lines: DTR/RTS fail like
// on a pseudo-terminal, and download mode is entered with board.enterDownloadMode().
import type { SerialLink } from "../../../host-tools/device/rom/serial-link.ts";
import type { VirtualBoard } from "../../../host-tools/sim/board.ts";

export class BoardLink implements SerialLink {
  private listener: (bytes: Uint8Array) => void = () => {};
  private readonly forward = (bytes: Buffer) => this.listener(bytes);
  private isOpen = false;

  constructor(private readonly board: VirtualBoard) {}

  async open(): Promise<void> {
    if (!this.isOpen) this.board.port.on("data", this.forward);
    this.isOpen = true;
  }

  async close(): Promise<void> {
    this.board.port.off("data", this.forward);
    this.isOpen = false;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new Error("port is not open");
    this.board.port.write(Buffer.from(bytes));
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.listener = listener;
  }

  async setSignals(): Promise<void> {
    throw new Error("Inappropriate ioctl for device");
  }

  async setBaud(): Promise<void> {
    // The board is unpaced (baud 0): nothing to follow.
  }
}
