import { describe, expect, it } from "vitest";
import { Outbox } from "../../firmware/app/outbox.ts";
import { FlashStorageDouble } from "./flash-storage-double.ts";

const OPTS = { name: "espnode.ob", slots: 8, slotSize: 64, capacity: 5 };

function record(seq: number, lost = 0) {
  return `{"seq":${seq},"up":1,"lost":${lost},"v":${seq * 2}}`;
}

/** Appends one record the way the node does: prepare (which picks seq and makes room), then append. */
function add(ob: Outbox, wait = true): number {
  const seq = ob.prepare(wait);
  ob.append(record(seq, ob.lost), wait);
  return seq;
}

function waitingSeqs(ob: Outbox): number[] {
  const out: number[] = [];
  for (let i = 0; i < ob.end; i++) if (ob.state[i] === 1) out.push(JSON.parse(ob.record(i)).seq);
  return out;
}

/** Hands every waiting record to a pretend client, returning slot → packet id. */
function sendAll(ob: Outbox, firstPid: number): number[] {
  const pids: number[] = [];
  let i: number;
  let pid = firstPid;
  while ((i = ob.nextUnsent()) >= 0) {
    ob.sent(i, pid);
    pids.push(pid++);
  }
  return pids;
}

describe("flash outbox", () => {
  it("keeps records until they are delivered, in order", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    expect([add(ob), add(ob), add(ob)]).toEqual([1, 2, 3]);
    expect(ob.waiting).toBe(3);
    const pids = sendAll(ob, 100);
    expect(pids).toEqual([100, 101, 102]);
    expect(ob.nextUnsent()).toBe(-1);
    expect(ob.delivered(101)).toBe(true);
    expect(ob.delivered(101)).toBe(false);
    expect(waitingSeqs(ob)).toEqual([1, 3]);
    expect(ob.delivered(999)).toBe(false);
  });

  it("when full drops the oldest waiting record and counts it as lost", () => {
    const ob = new Outbox(new FlashStorageDouble(), { ...OPTS });
    ob.open();
    for (let i = 0; i < 7; i++) add(ob);
    expect(ob.waiting).toBe(5);
    expect(ob.lost).toBe(2);
    expect(waitingSeqs(ob)).toEqual([3, 4, 5, 6, 7]);
    // The count travels in the records themselves, so a reader sees the loss.
    expect(JSON.parse(ob.record(ob.end - 1)).lost).toBe(2);
  });

  it("survives a reboot: waiting records, seq and lost come back from flash", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    for (let i = 0; i < 7; i++) add(ob);
    sendAll(ob, 1);
    ob.delivered(ob.packetId[ob.oldest()]); // seq 3 delivered
    const after = new Outbox(fs.snapshot(), { ...OPTS });
    after.open();
    expect(after.waiting).toBe(4);
    expect(waitingSeqs(after)).toEqual([4, 5, 6, 7]);
    expect(after.seq).toBe(8);
    expect(after.lost).toBe(2);
    // A new client holds nothing: every waiting record is offered again.
    expect(after.nextUnsent()).toBeGreaterThanOrEqual(0);
    expect(add(after)).toBe(8);
  });

  it("recycles into a new file when the log is full, without losing waiting records or seq", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    for (let i = 0; i < 8; i++) {
      add(ob);
      if (i < 6) ob.delivered(sendAll(ob, 10 + i * 10)[0]); // the first six go out and are acknowledged
    }
    expect(waitingSeqs(ob)).toEqual([7, 8]);
    add(ob); // slot 9 of 8: recycle
    expect(ob.recycles).toBe(1);
    expect(waitingSeqs(ob)).toEqual([7, 8, 9]);
    expect(fs.list()).toEqual(["espnode.ob1"]);
    const after = new Outbox(fs.snapshot(), { ...OPTS });
    after.open();
    expect(waitingSeqs(after)).toEqual([7, 8, 9]);
    expect(after.seq).toBe(10);
  });

  it("keeps seq across a recycle that leaves no record (the header carries it)", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    for (let i = 0; i < 9; i++) add(ob, false); // QoS0: logged only for seq
    expect(ob.recycles).toBe(1);
    const after = new Outbox(fs.snapshot(), { ...OPTS });
    after.open();
    expect(after.waiting).toBe(0);
    expect(after.seq).toBe(10);
  });

  it("writes each record once and never rewrites the file per message", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS, slots: 32, capacity: 16 });
    ob.open();
    const createsAtStart = fs.creates;
    const writesAtStart = fs.writes;
    let pid = 1;
    for (let i = 0; i < 20; i++) {
      add(ob);
      const slot = ob.nextUnsent();
      ob.sent(slot, pid);
      ob.delivered(pid++);
    }
    expect(fs.creates).toBe(createsAtStart); // no file created or rewritten
    expect(fs.writes - writesAtStart).toBe(40); // one record write + one 1-byte "delivered" mark each
    expect(fs.bytesWritten).toBeLessThan(20 * 64);
  });

  it("after a power cut during recycling, the complete older file wins", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    for (let i = 0; i < 8; i++) add(ob, i >= 5); // seqs 6..8 wait
    // Simulate the cut: the new file exists with only part of what it should hold.
    const cut = fs.snapshot();
    const partial = new Outbox(cut, { ...OPTS });
    partial.open();
    partial.createFile("espnode.ob1", partial.generation + 1);
    const after = new Outbox(cut, { ...OPTS });
    after.open();
    expect(after.file).toBe("espnode.ob0");
    expect(waitingSeqs(after)).toEqual([6, 7, 8]);
    expect(cut.list()).toEqual(["espnode.ob0"]);
  });

  it("drops a record torn by a power cut instead of sending garbage", () => {
    const fs = new FlashStorageDouble();
    const ob = new Outbox(fs, { ...OPTS });
    ob.open();
    add(ob);
    add(ob);
    // Tear the second record: its tail never reached flash.
    const f = fs.files.get("espnode.ob0")!;
    const second = 32 + 64 + 2;
    const len = f[second - 1];
    f.fill(0xff, second + 10, second + len);
    const after = new Outbox(fs, { ...OPTS });
    after.open();
    expect(waitingSeqs(after)).toEqual([1]);
    expect(after.corrupt).toBe(1);
    expect(after.seq).toBe(2);
  });

  it("refuses a record longer than a slot without corrupting the log", () => {
    const ob = new Outbox(new FlashStorageDouble(), { ...OPTS });
    ob.open();
    ob.prepare(true);
    expect(ob.append(`{"seq":1,"pad":"${"x".repeat(80)}"}`, true)).toBe(-1);
    expect(ob.error).toMatch(/does not fit/);
    expect(add(ob)).toBe(2);
    expect(waitingSeqs(ob)).toEqual([2]);
  });

  it("hands the client RAM copies made by the copy hook", () => {
    const copies: string[] = [];
    const ob = new Outbox(new FlashStorageDouble(), { ...OPTS, copy: (s) => (copies.push(s), s) });
    ob.open();
    add(ob);
    expect(ob.record(0)).toBe(record(1));
    expect(copies).toEqual([record(1)]);
  });
});
