// `espnode station`: many boards from blank to reporting, each on its own: flash (optional) → deploy (optional) →
// provision → verify that the node came online at the broker. A board that fails never stops the others. Ctrl-C
// lets every board finish the step it is in (a flash, an upload or a config write is never cut; the config write is
// atomic anyway), drops the waits for the broker, and starts nothing new.
import { isEspnodeError, type FailureKind } from "../transport/errors.ts";
import { openBoard, type Board } from "./connect.ts";
import { BOOT_POINTER, deploy, restart } from "./deploy.ts";
import { flashFirmware } from "./flash.ts";
import { provision } from "./provision.ts";
import { watchForOnline, statusTopic, type OnlineWatch } from "./broker-verify.ts";
import { assignBoards, type Assignment, type StationBoard, type StationRow } from "./station-plan.ts";
import type { StationRecord, StationStep } from "./station-report.ts";

export type StationEvent =
  | { event: "skip"; id: string; record: StationRecord }
  | { event: "step"; id: string; port: string; step: StationStep; message: string }
  | { event: "progress"; id: string; port: string; step: StationStep; done: number; total: number }
  | { event: "done"; id: string; record: StationRecord };

export interface StationOptions {
  rows: StationRow[];
  boards: StationBoard[];
  /** The last report's records: rows done there (same input) are skipped. */
  previous: StationRecord[];
  /** Espruino firmware (release folder or .bin) to flash first. */
  firmware?: string;
  /** The app to deploy. */
  app?: Buffer;
  /** Boards worked on at once (default: all). */
  jobs?: number;
  baud?: number;
  verifyTimeoutMs: number;
  /** The broker as this computer reaches it (default: each row's). */
  verifyBroker?: string;
  /** Aborted by Ctrl-C. */
  signal?: AbortSignal;
  onEvent?: (e: StationEvent) => void;
  /** Every record so far (done, skipped and earlier ones), after each board: write the report. */
  onRecords?: (records: StationRecord[]) => Promise<void>;
}

export interface StationOutcome {
  /** One per row, in CSV order. */
  rows: StationRecord[];
  /** What the report holds: the rows, then the earlier report's records of devices no longer in the list. */
  records: StationRecord[];
  /** Failure kind per failed device id (decides the exit code). */
  kinds: Map<string, FailureKind>;
  interrupted: boolean;
}

/** Thrown into a board's run when Ctrl-C stops it between steps. */
class Interrupted extends Error {}

/** How long the broker watch may take to subscribe before the board is restarted anyway. */
const SUBSCRIBE_WAIT_MS = 5000;

/** The board's Wi-Fi station MAC: Espruino's getIP() reads it with esp_wifi_get_mac, connected or not. */
async function readMac(board: Board): Promise<string> {
  const mac = await board.repl.eval<string | undefined>(`require("Wifi").getIP().mac`).catch(() => undefined);
  return typeof mac === "string" ? mac : "";
}

/** CRC-32 of the app the board boots now (when this run deploys none). */
async function bootedAppCrc(board: Board): Promise<string> {
  const slot = await board.storage.readText(BOOT_POINTER);
  const crc = slot ? await board.storage.crc(slot) : undefined;
  return crc == null ? "" : crc.toString(16).padStart(8, "0");
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const hidden = (text: string, secrets: string[]) => secrets.reduce((t, s) => (s ? t.split(s).join("***") : t), text);

async function runOne(a: Extract<Assignment, { kind: "run" }>, o: StationOptions, kinds: Map<string, FailureKind>): Promise<StationRecord> {
  const { row, board: target } = a;
  const started = performance.now();
  const port = target.path;
  const rec: StationRecord = {
    id: row.id, port, usbSerial: target.usbSerial ?? "", mac: "", appCrc: "", result: "failed",
    step: "", reason: "", seconds: 0, input: row.input, finished: "",
  };
  const emit = o.onEvent ?? (() => {});
  let step = (o.firmware ? "flash" : "connect") as StationStep;
  const enter = (s: StationStep, message: string) => {
    if (o.signal?.aborted) throw new Interrupted();
    step = s;
    emit({ event: "step", id: row.id, port, step: s, message: hidden(message, row.secrets) });
  };
  const progress = (done: number, total: number) => emit({ event: "progress", id: row.id, port, step, done, total });
  let board: Board | undefined;
  let watch: OnlineWatch | undefined;
  try {
    if (o.firmware) {
      enter("flash", `flashing ${o.firmware}`);
      await flashFirmware({ port, firmware: o.firmware, simControl: target.simControl, onProgress: (w, t) => progress(w, t) });
    }
    enter("connect", `connecting to ${port}`);
    board = await openBoard({ port, baud: o.baud });
    rec.mac = await readMac(board);
    if (o.app) {
      enter("deploy", `deploying the app (${o.app.length} bytes)`);
      // No restart yet: the restart after provisioning starts the new app with the new config.
      const r = await deploy({ board, data: o.app, noRestart: true, onProgress: progress });
      rec.appCrc = r.crc;
    } else rec.appCrc = await bootedAppCrc(board);
    enter("provision", `writing the config for ${row.id}`);
    await provision({ board, config: row.config, files: row.files, noRestart: true, onProgress: progress });
    // Watch before restarting, so the fresh "online" is not missed; restart even when this computer cannot reach
    // the broker, so the board runs its new config whatever the verification says.
    enter("provision", `restarting ${row.id} with its config once ${statusTopic(row.config)} is watched`);
    watch = await watchForOnline(row.config, { timeoutMs: o.verifyTimeoutMs, brokerUrl: o.verifyBroker });
    await Promise.race([watch.subscribed, watch.done.catch(() => {}), new Promise((r) => setTimeout(r, SUBSCRIBE_WAIT_MS).unref())]);
    await restart(board);
    enter("verify", `waiting up to ${Math.round(o.verifyTimeoutMs / 1000)} s for "online" on ${statusTopic(row.config)}`);
    await abortable(watch.done, o.signal);
    rec.result = "ok";
  } catch (e) {
    if (e instanceof Interrupted) {
      rec.result = "interrupted";
      rec.reason = "stopped by Ctrl-C before this step";
      if (step === "verify") rec.reason = "stopped by Ctrl-C while waiting for the broker (the board holds its new config)";
    } else {
      rec.reason = hidden((e as Error)?.message ?? String(e), row.secrets);
      kinds.set(row.id, isEspnodeError(e) ? e.kind : "failure");
    }
    rec.step = step;
  } finally {
    watch?.stop();
    await board?.close().catch(() => {});
  }
  rec.seconds = Math.round((performance.now() - started) / 100) / 10;
  rec.finished = new Date().toISOString();
  return rec;
}

export async function runStation(o: StationOptions): Promise<StationOutcome> {
  const assignments = assignBoards(o.rows, o.boards, o.previous);
  const records = new Map<string, StationRecord>();
  const kinds = new Map<string, FailureKind>();
  const emit = o.onEvent ?? (() => {});
  const ids = new Set(o.rows.map((r) => r.id));
  const current = () => o.rows.map((r) => records.get(r.id)).filter((r): r is StationRecord => !!r);
  const all = () => [...current(), ...o.previous.filter((r) => !ids.has(r.id))];
  for (const a of assignments) {
    if (a.kind === "done") {
      records.set(a.row.id, a.record);
      emit({ event: "skip", id: a.row.id, record: a.record });
    } else if (a.kind === "no-board") {
      const rec: StationRecord = {
        id: a.row.id, port: "", usbSerial: a.row.serial ?? "", mac: "", appCrc: "", result: "no-board", step: "assign",
        reason: a.reason, seconds: 0, input: a.row.input, finished: new Date().toISOString(),
      };
      records.set(a.row.id, rec);
      kinds.set(a.row.id, "port");
      emit({ event: "done", id: a.row.id, record: rec });
    }
  }
  const queue = assignments.filter((a): a is Extract<Assignment, { kind: "run" }> => a.kind === "run");
  const jobs = Math.max(1, Math.min(o.jobs ?? queue.length, queue.length));
  // Reports are written one after another, each with everything known then.
  let writing = Promise.resolve();
  const save = () => (writing = writing.then(() => o.onRecords?.(all())));
  await save();
  const worker = async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      const rec = await runOne(a, o, kinds);
      records.set(a.row.id, rec);
      emit({ event: "done", id: a.row.id, record: rec });
      await save();
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  await writing;
  return { rows: current(), records: all(), kinds, interrupted: !!o.signal?.aborted };
}

/** Exit code: 0 every row done, 5 when every failure was a failed verification, 130 after Ctrl-C, else 1. */
export function stationExitCode(outcome: StationOutcome): number {
  if (outcome.interrupted) return 130;
  const failed = outcome.rows.filter((r) => r.result !== "ok");
  if (failed.length === 0) return 0;
  return failed.every((r) => outcome.kinds.get(r.id) === "verify") ? 5 : 1;
}
