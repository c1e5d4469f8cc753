// `espnode station DEVICES.csv`: flash, deploy, provision and verify many boards at once. On a terminal one line
// per board is redrawn in place (step, bytes, percent); elsewhere plain lines; --json gives NDJSON events.
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addOutputOptions, parseBaud, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
import { ExitCode } from "./exit-codes.ts";
import type { Output } from "./output.ts";
import type { StationEvent } from "../commands/station.ts";
import type { StationBoard } from "../commands/station-plan.ts";
import type { StationRecord } from "../commands/station-report.ts";

interface StationFlags extends CommonFlags {
  ports: string;
  flash?: string;
  deploy?: string;
  report: string;
  jobs?: string;
  verifyTimeout: string;
  verifyBroker?: string;
}

const HELP = `
DEVICES.csv has a header and one row per device; columns are named like provision's flags:
  device-id, ssid, broker (required), mqtt-user, ca, cert, key, prefix, interval, qos, sensors, sleep,
  wifi-password-file, mqtt-password-file (paths relative to the CSV), and serial: the USB serial number of the
  board the row belongs to (rows without one take the remaining boards in order).
Passwords never come from the CSV: $ESPNODE_WIFI_PASSWORD / $ESPNODE_MQTT_PASSWORD, or the *-password-file columns.
The whole file is checked before any board is touched (exit 2 naming every bad row).

Each board runs flash (with --flash) → deploy (with --deploy) → provision → verify (its "online" at the broker) on
its own: a failing board never stops the others. The report (CSV, or JSON for a .json name) has one line per
device; running again with the same report skips the devices done and retries the others on the same boards.
Ctrl-C lets each board finish its current step, then stops (a second Ctrl-C quits at once).

Exit codes: 0 every device done, 5 the failed ones failed verification only, 130 Ctrl-C, 2 bad input, 1 otherwise.

Example:
  ESPNODE_WIFI_PASSWORD=... espnode station devices.csv --deploy dist/firmware/app.js --ports auto
`;

/** --ports: every ESP32 adapter and running virtual board (auto), or the paths given; USB serials from the listing. */
async function findBoards(spec: string, needSimControl: boolean): Promise<StationBoard[]> {
  const { listPorts, isKnownAdapter, isVirtualBoard } = await import("../transport/ports.ts");
  const listed = await listPorts();
  let boards: StationBoard[];
  if (spec === "auto") {
    boards = listed
      .filter((p) => isKnownAdapter(p) || isVirtualBoard(p))
      .map((p) => ({ path: p.path, usbSerial: p.serialNumber, simControl: p.virtualBoard?.control }));
    if (boards.length === 0)
      throw new EspnodeError(
        "port",
        "No ESP32 board found: no USB serial adapter of a known type is connected and no `espnode sim` is running.",
        "Plug the boards in, or pass --ports P1,P2,…; `espnode list` shows every port.",
      );
  } else {
    const paths = spec.split(",").map((p) => p.trim()).filter(Boolean);
    const twice = paths.find((p, i) => paths.indexOf(p) !== i);
    if (paths.length === 0 || twice) throw new EspnodeError("usage", `--ports ${spec}: ${twice ? `${twice} is given twice` : "no port given"}.`, "Pass auto or PATH,PATH,…");
    boards = paths.map((path) => {
      const p = listed.find((l) => l.path === path);
      return { path, usbSerial: p?.serialNumber, simControl: p?.virtualBoard?.control };
    });
  }
  if (needSimControl) {
    const { simControlSocket } = await import("./flash-command.ts");
    for (const b of boards) b.simControl ??= await simControlSocket(b.path, undefined);
  }
  return boards;
}

const STEP_WIDTH = 9;

/** One line per board, redrawn in place on a terminal; plain step lines elsewhere; NDJSON under --json. */
function stationView(out: Output, ids: string[]) {
  const lines = new Map<string, string>(ids.map((id) => [id, "waiting"]));
  const idWidth = Math.max(...ids.map((id) => id.length), 2);
  const lastEmit = new Map<string, number>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const live = out.interactive;
  const draw = () => {
    timer = undefined;
    let text = drawn ? `\x1b[${drawn}A` : "";
    for (const [id, line] of lines) text += `\x1b[2K${id.padEnd(idWidth)}  ${line}\n`;
    drawn = lines.size;
    process.stderr.write(text);
  };
  const redraw = () => (timer ??= setTimeout(draw, 80));
  const bar = (done: number, total: number) => {
    const width = 20;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${total > 0 ? Math.floor((done / total) * 100) : 0}% ${done}/${total} B`;
  };
  const recordLine = (r: StationRecord) =>
    r.result === "ok"
      ? `${out.stderrColors.green("✔ online")} ${r.port}${r.mac ? ` MAC ${r.mac}` : ""}${r.appCrc ? ` app ${r.appCrc}` : ""} in ${r.seconds} s`
      : `${out.stderrColors.red(`✖ ${r.result}`)}${r.step ? ` at ${r.step}` : ""}: ${r.reason}`;
  return {
    event(e: StationEvent) {
      if (out.json) {
        // Progress at most every 250 ms per board (and at the end of each transfer), so NDJSON stays readable.
        if (e.event === "progress") {
          const now = performance.now();
          if (e.done < e.total && now - (lastEmit.get(e.id) ?? 0) < 250) return;
          lastEmit.set(e.id, now);
        }
        out.ndjson(e);
        return;
      }
      if (live) {
        if (e.event === "step") lines.set(e.id, `${e.port}  ${e.step.padEnd(STEP_WIDTH)} ${e.message}`);
        else if (e.event === "progress") lines.set(e.id, `${e.port}  ${e.step.padEnd(STEP_WIDTH)} ${bar(e.done, e.total)}`);
        else if (e.event === "skip") lines.set(e.id, `${out.stderrColors.dim("skipped: done in an earlier run")} (${e.record.port})`);
        else lines.set(e.id, recordLine(e.record));
        redraw();
        return;
      }
      if (e.event === "step") out.step(`${e.id} ${e.port}: ${e.step}: ${e.message}`);
      else if (e.event === "skip") out.step(`${e.id}: skipped, done in an earlier run (${e.record.port})`);
      else if (e.event === "done") out.say(`${e.id}: ${recordLine(e.record)}`);
    },
    finish() {
      if (timer) {
        clearTimeout(timer);
        draw();
      }
    },
  };
}

export function registerStationCommand(program: Command): void {
  addOutputOptions(
    program
      .command("station")
      .description("bring many boards from blank to reporting in parallel, from a CSV of devices")
      .argument("<devices.csv>", "one row per device, columns named like provision's flags")
      .option("--ports <ports>", "auto (every ESP32 adapter and running virtual board) or PATH,PATH,…", "auto")
      .option("--flash <dir|file>", "flash this Espruino firmware first (release folder or .bin)")
      .option("--deploy <app>", "deploy this app (e.g. dist/firmware/app.js)")
      .option("--report <file>", "per-device report, CSV or .json; re-running with it skips the devices done", "station-report.csv")
      .option("--jobs <n>", "boards worked on at once (default: all)")
      .option("--verify-timeout <seconds>", "how long to wait for each device's online", "60")
      .option("--verify-broker <url>", "broker URL as this computer reaches it (default: each row's)")
      .option("-b, --baud <rate>", "console baud rate", "115200")
      .addHelpText("after", HELP),
  ).action(
    action<StationFlags>(async (flags, out, [csv]) => {
      const timeout = Number(flags.verifyTimeout);
      if (!(timeout > 0)) throw new EspnodeError("usage", "--verify-timeout must be a positive number of seconds.", "");
      const jobs = flags.jobs === undefined ? undefined : Number(flags.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new EspnodeError("usage", `--jobs ${flags.jobs} is not a whole number of boards.`, "e.g. --jobs 4");
      const baud = parseBaud(flags.baud);
      const { readFile } = await import("node:fs/promises");
      const { loadStationPlan } = await import("../commands/station-plan.ts");
      const { readReport, writeReport } = await import("../commands/station-report.ts");
      const { runStation, stationExitCode } = await import("../commands/station.ts");
      // Everything read and checked before any board is touched.
      let app: Buffer | undefined;
      if (flags.deploy)
        app = await readFile(flags.deploy).catch((e: Error) => {
          throw new EspnodeError("usage", `Cannot read the app ${flags.deploy}: ${e.message}.`, "Build it first with `espnode build` (or `npm run build`).");
        });
      if (flags.flash) {
        const { loadFirmware } = await import("../commands/firmware-files.ts");
        loadFirmware(flags.flash);
      }
      const rows = await loadStationPlan(csv, process.env, { app, firmware: flags.flash });
      const previous = await readReport(flags.report);
      const boards = await findBoards(flags.ports, flags.flash !== undefined);
      out.step(`${rows.length} device${rows.length > 1 ? "s" : ""}, ${boards.length} board${boards.length > 1 ? "s" : ""}: ${boards.map((b) => b.path).join(", ")}`);

      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(ExitCode.INTERRUPTED); // second Ctrl-C: the report is as of the last board
        out.warn("stopping: each board finishes its current step (Ctrl-C again to quit at once)");
        abort.abort();
      };
      process.on("SIGINT", onSigint);
      const view = stationView(out, rows.map((r) => r.id));
      const started = performance.now();
      try {
        const outcome = await runStation({
          rows,
          boards,
          previous,
          firmware: flags.flash,
          app,
          jobs,
          baud,
          verifyTimeoutMs: timeout * 1000,
          verifyBroker: flags.verifyBroker,
          signal: abort.signal,
          onEvent: (e) => view.event(e),
          onRecords: (records) => writeReport(flags.report, records),
        });
        view.finish();
        const count = (result: string) => outcome.rows.filter((r) => r.result === result).length;
        const skipped = outcome.rows.filter((r) => previous.includes(r)).length;
        const ok = count("ok");
        const seconds = (performance.now() - started) / 1000;
        const code = stationExitCode(outcome);
        if (out.json) out.ndjson({ event: "summary", ok: code === 0, devices: rows.length, done: ok, skipped, failed: rows.length - ok, seconds, report: flags.report, exitCode: code });
        const summary = `${ok} of ${rows.length} devices online (${skipped} skipped as done earlier) in ${seconds.toFixed(1)} s; report: ${flags.report}`;
        if (code === 0) out.success(summary);
        else {
          out.warn(summary);
          for (const r of outcome.rows.filter((r) => r.result !== "ok"))
            out.warn(`${r.id}${r.port ? ` on ${r.port}` : ""}: ${r.result}${r.step ? ` at ${r.step}` : ""}: ${r.reason}`);
        }
        return code;
      } finally {
        view.finish();
        process.off("SIGINT", onSigint);
      }
    }),
  );
}
