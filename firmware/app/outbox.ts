// A bounded outbox for telemetry records, persisted in flash so undelivered QoS1 records survive a reboot.
//
// Flash only clears bits (1→0) without an erase, and Espruino's Storage.write(name, data, offset) refuses to write
// over bytes that are not erased. So the outbox is an append-only log in a pre-sized Storage file, each byte
// written once:
//   offset 0 .. HEADER-1   header "OBX1 <generation> <nextSeq> <lost>\n", written when the file is created
//   then `slots` slots of `slotSize` bytes: [done][length][JSON record][0xFF padding]
//     done   0xFF = waiting for delivery, 0x00 = delivered (PUBACKed), dropped, or QoS0 (never needed delivery)
//     length 0xFF = slot never used, else the JSON's length
// A record is written once (length + JSON); delivery is one more 1-byte write of `done`. No per-message rewrite.
// When the log is full it is recycled: a new file (the other of two names, next generation) receives the records
// still waiting, then the old one is erased. A power cut in between leaves both; the older generation is complete
// and wins. The header carries seq and lost so they survive even when no record is left.
// Device code: ES5-safe; the slot tables are typed arrays allocated once.

export interface FlashStorage {
  /** Storage.read: the file's bytes from offset (length bytes), or undefined when there is no such file. */
  read(name: string, offset?: number, length?: number): string | undefined;
  /** Storage.write with Espruino's semantics: offset 0 with a size creates a pre-sized file. Bytes as a string or a
   *  Uint8Array (the board takes either: jsfWriteFile reads any array of bytes). */
  write(name: string, data: string | Uint8Array, offset?: number, size?: number): boolean;
  erase(name: string): void;
}

export interface OutboxOptions {
  /** Storage name prefix; "0" or "1" is appended (≤ 28 characters in all). */
  name: string;
  /** Slots in the log; the file is HEADER + slots × slotSize bytes. */
  slots: number;
  /** Bytes per slot; a record may be up to slotSize - 2 bytes. */
  slotSize: number;
  /** Records waiting for delivery before the oldest is dropped; at most slots - 1. */
  capacity: number;
  /** Turns a string read from flash into a RAM copy (Espruino: E.toString), so the MQTT client never holds a
   *  memory-mapped string that a Storage compaction could move. Identity when omitted. */
  copy?: (s: string) => string;
}

var HEADER = 32;
var MAGIC = "OBX1";
// Slot states in RAM.
var FREE = 0;
var WAITING = 1;
var DONE = 2;

export class Outbox {
  fs: FlashStorage;
  opt: OutboxOptions;
  /** Name of the live file. */
  file: string;
  generation: number;
  /** Next unused slot. */
  end: number;
  state: Uint8Array;
  length: Uint8Array;
  /** MQTT packet id a waiting record was last published with (0 = not handed to the client). */
  packetId: Uint16Array;
  waiting: number;
  /** Sequence number for the next record; survives reboot. */
  seq: number;
  /** Records dropped because the outbox was full; survives reboot. */
  lost: number;
  /** Records found unreadable at start-up (a power cut while writing). */
  corrupt: number;
  /** Times the log was recycled into a new file (each costs one file write, not one per message). */
  recycles: number;
  /** Last failure (e.g. Storage full), "" when fine. */
  error: string;

  constructor(fs: FlashStorage, options: OutboxOptions) {
    this.fs = fs;
    this.opt = options;
    if (options.capacity > options.slots - 1) options.capacity = options.slots - 1;
    this.file = options.name + "0";
    this.generation = 0;
    this.end = 0;
    this.state = new Uint8Array(options.slots);
    this.length = new Uint8Array(options.slots);
    this.packetId = new Uint16Array(options.slots);
    this.waiting = 0;
    this.seq = 1;
    this.lost = 0;
    this.corrupt = 0;
    this.recycles = 0;
    this.error = "";
  }

  fileSize(): number {
    return HEADER + this.opt.slots * this.opt.slotSize;
  }

  slotOffset(i: number): number {
    return HEADER + i * this.opt.slotSize;
  }

  /** Parses a header into [generation, seq, lost], or null when the file is missing or not an outbox. */
  readHeader(name: string): number[] | null {
    var h = this.fs.read(name, 0, HEADER);
    if (!h || h.substr(0, 5) !== MAGIC + " ") return null;
    var parts = h.substr(5, h.indexOf("\n") - 5).split(" ");
    if (parts.length !== 3) return null;
    var out = [parseInt(parts[0], 10), parseInt(parts[1], 10), parseInt(parts[2], 10)];
    return out[0] >= 0 && out[1] >= 1 && out[2] >= 0 ? out : null;
  }

  /** Creates an empty log file (erasing any file of that name). */
  createFile(name: string, generation: number): boolean {
    this.fs.erase(name);
    var header = MAGIC + " " + generation + " " + this.seq + " " + this.lost + "\n";
    try {
      return this.fs.write(name, header, 0, this.fileSize()) !== false;
    } catch (e) {
      this.error = "cannot create " + name + " (" + e + "): free Storage space or reduce the outbox";
      return false;
    }
  }

  /** Loads the log from flash (or creates it). Call once at start-up. */
  open(): void {
    var n0 = this.opt.name + "0";
    var n1 = this.opt.name + "1";
    var h0 = this.readHeader(n0);
    var h1 = this.readHeader(n1);
    var h = h0;
    this.file = n0;
    if (h1 && (!h0 || h1[0] < h0[0])) {
      h = h1;
      this.file = n1;
    }
    // The other file is an interrupted recycle (or garbage): the chosen one is complete.
    this.fs.erase(this.file === n0 ? n1 : n0);
    if (!h) {
      this.generation = 0;
      this.createFile(this.file, 0);
      return;
    }
    this.generation = h[0];
    this.seq = h[1];
    this.lost = h[2];
    var size = this.opt.slotSize;
    for (var i = 0; i < this.opt.slots; i++) {
      var head = this.fs.read(this.file, this.slotOffset(i), 2) || "";
      var len = head.charCodeAt(1);
      if (head.length < 2 || len === 0xff) break;
      this.end = i + 1;
      this.length[i] = len;
      // The last record carries the newest seq and lost counts.
      var rec = this.fs.read(this.file, this.slotOffset(i) + 2, len) || "";
      var ok = len > 0 && len <= size - 2 && rec.charAt(0) === "{" && rec.charAt(len - 1) === "}" && rec.substr(0, 7) === '{"seq":';
      if (ok) {
        var seq = parseInt(rec.substr(7), 10);
        if (seq >= this.seq) this.seq = seq + 1;
        var l = rec.indexOf('"lost":');
        if (l > 0) {
          var lost = parseInt(rec.substr(l + 7), 10);
          if (lost > this.lost) this.lost = lost;
        }
      }
      if (head.charCodeAt(0) !== 0xff) this.state[i] = DONE;
      else if (ok) {
        this.state[i] = WAITING;
        this.waiting++;
      } else {
        this.corrupt++;
        this.markDone(i);
      }
    }
  }

  markDone(i: number): void {
    this.state[i] = DONE;
    this.packetId[i] = 0;
    try {
      this.fs.write(this.file, "\x00", this.slotOffset(i));
    } catch (e) {
      this.error = "cannot mark a record delivered (" + e + ")";
    }
  }

  /** Index of the oldest waiting record, or -1. */
  oldest(): number {
    for (var i = 0; i < this.end; i++) if (this.state[i] === WAITING) return i;
    return -1;
  }

  /** Moves the waiting records into a fresh file of the next generation, then erases the old one. */
  recycle(): boolean {
    var old = this.file;
    var next = old === this.opt.name + "0" ? this.opt.name + "1" : this.opt.name + "0";
    if (!this.createFile(next, this.generation + 1)) return false;
    var j = 0;
    for (var i = 0; i < this.end; i++) {
      if (this.state[i] !== WAITING) continue;
      var len = this.length[i];
      var rec = this.fs.read(old, this.slotOffset(i) + 2, len) || "";
      try {
        this.fs.write(next, String.fromCharCode(len) + rec, this.slotOffset(j) + 1);
      } catch (e) {
        this.error = "cannot copy the outbox (" + e + ")";
        this.fs.erase(next);
        return false;
      }
      this.state[j] = WAITING;
      this.length[j] = len;
      this.packetId[j] = this.packetId[i];
      j++;
    }
    for (i = j; i < this.opt.slots; i++) {
      this.state[i] = FREE;
      this.length[i] = 0;
      this.packetId[i] = 0;
    }
    this.fs.erase(old);
    this.file = next;
    this.generation++;
    this.end = j;
    this.recycles++;
    return true;
  }

  /**
   * Makes room for one more record and returns its sequence number: for a record that will wait, drops the
   * oldest waiting record when `capacity` are waiting (counted in `lost`); recycles the log when every slot is used.
   */
  prepare(waitForDelivery: boolean): number {
    if (waitForDelivery && this.waiting >= this.opt.capacity) {
      var i = this.oldest();
      if (i >= 0) {
        this.markDone(i);
        this.waiting--;
        this.lost++;
      }
    }
    if (this.end >= this.opt.slots) this.recycle();
    return this.seq;
  }

  /**
   * Appends a record built with the seq from prepare() (it must start with {"seq":). waitForDelivery = false
   * for QoS0 records, which are logged only so that seq survives a reboot. Returns the slot, or -1 when the
   * record could not be stored (too long, log full, flash error): the caller publishes it anyway.
   */
  append(json: string, waitForDelivery: boolean): number {
    this.seq++;
    var len = json.length;
    if (len < 1 || len > this.opt.slotSize - 2 || len > 254 || this.end >= this.opt.slots) {
      if (len > this.opt.slotSize - 2) this.error = "record of " + len + " bytes does not fit a " + this.opt.slotSize + "-byte slot";
      return -1;
    }
    var i = this.end;
    try {
      // Written as one piece; `done` stays erased (0xFF) for a record that waits.
      if (waitForDelivery) this.fs.write(this.file, String.fromCharCode(len) + json, this.slotOffset(i) + 1);
      else this.fs.write(this.file, "\x00" + String.fromCharCode(len) + json, this.slotOffset(i));
    } catch (e) {
      this.error = "cannot write the outbox (" + e + ")";
      return -1;
    }
    this.end++;
    this.length[i] = len;
    this.packetId[i] = 0;
    this.state[i] = waitForDelivery ? WAITING : DONE;
    if (waitForDelivery) this.waiting++;
    return i;
  }

  /** The oldest waiting record not yet handed to the MQTT client, or -1. */
  nextUnsent(): number {
    for (var i = 0; i < this.end; i++) if (this.state[i] === WAITING && !this.packetId[i]) return i;
    return -1;
  }

  /** The record in slot i, as a RAM string. */
  record(i: number): string {
    var rec = this.fs.read(this.file, this.slotOffset(i) + 2, this.length[i]) || "";
    return this.opt.copy ? this.opt.copy(rec) : rec;
  }

  /** The client accepted slot i's record under this packet id. */
  sent(i: number, packetId: number): void {
    this.packetId[i] = packetId;
  }

  /** The broker acknowledged this packet id: the record is removed. False when no waiting record had it. */
  delivered(packetId: number): boolean {
    for (var i = 0; i < this.end; i++) {
      if (this.packetId[i] === packetId && this.state[i] === WAITING) {
        this.markDone(i);
        this.waiting--;
        return true;
      }
    }
    return false;
  }

  /** Forget which records the client holds (a new client after a restart resends nothing of ours). */
  unsendAll(): void {
    for (var i = 0; i < this.end; i++) this.packetId[i] = 0;
  }
}
