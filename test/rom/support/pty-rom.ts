// An ESP32 ROM bootloader on the master side of a real pseudo-terminal; tools open the slave path like a
// USB serial port. node-pty's open() also reads the slave, which would steal bytes from the real client: that
// stream is put in raw mode and destroyed, while a slave descriptor that nobody reads keeps the pty alive
// (with no slave open at all, the master would see a hang-up).
import { closeSync, constants, openSync, writeSync } from "node:fs";
import * as nodePty from "node-pty";
import { RomBootloader } from "../../../host-tools/sim/rom/rom-bootloader.ts";

interface OpenedPty {
  _master: NodeJS.ReadableStream & { destroy(): void };
  _slave: NodeJS.ReadableStream & { destroy(): void; setRawMode(raw: boolean): void };
  _fd: number;
  ptsName: string;
}

export class PtyRom {
  readonly rom: RomBootloader;
  readonly path: string;
  private readonly pty: OpenedPty;
  private readonly keepSlave: number;

  constructor(flashFile: string, options: { runsFlasherStub?: boolean } = {}) {
    this.pty = (nodePty as unknown as { open(o: { encoding: null }): OpenedPty }).open({ encoding: null });
    this.path = this.pty.ptsName;
    this.keepSlave = openSync(this.path, constants.O_RDWR | constants.O_NOCTTY);
    this.pty._slave.setRawMode(true);
    this.pty._slave.destroy();
    const fd = this.pty._fd;
    this.rom = new RomBootloader({
      flashFile,
      runsFlasherStub: options.runsFlasherStub,
      send: (bytes) => {
        let off = 0;
        while (off < bytes.length) {
          try {
            off += writeSync(fd, bytes, off);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
          }
        }
      },
    });
    this.pty._master.on("data", (chunk: Buffer) => this.rom.receive(Buffer.from(chunk)));
    this.rom.banner();
  }

  close(): void {
    this.rom.close();
    this.pty._master.destroy();
    closeSync(this.keepSlave);
  }
}
