// `espnode station`: wall time for four boards in parallel against one board alone, each from blank (no app) to
// verified online at aedes: deploy the real firmware over a pseudo-terminal, provision, restart, wait for "online".
// Fresh virtual boards for every run, so every run uploads the app. "115200" rows pace each board's console like a
// UART at that baud (its own wire per board, as on a real station); "unpaced" rows show the host's and the sims'
// own cost. The virtual boards run in worker threads of this process, so unlike real boards they share the host's
// cores with the station itself. "deploys s": from the first board starting its upload to the last one finishing it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFirmware } from "../../firmware/build/build.ts";
import { runStation } from "../../host-tools/commands/station.ts";
import { loadStationPlan } from "../../host-tools/commands/station-plan.ts";
import { startAedes } from "../helpers/brokers.ts";
import { startSim, TEST_AP } from "../cli/support/sim.ts";
import { writeFile, readFile } from "node:fs/promises";
import type { BenchResult } from "./run.ts";

async function stationRun(dir: string, app: Buffer, brokerPort: number, boards: number, baud: number, tag: string): Promise<{ seconds: number; upload: number }> {
  const sims = await Promise.all(Array.from({ length: boards }, (_, i) => startSim({ seed: 0x40 + i, baud })));
  try {
    const ptys = await Promise.all(sims.map((s) => s.board.openPty()));
    const csv = join(dir, `${tag}.csv`);
    const rows = Array.from({ length: boards }, (_, i) => `${tag}-${i},${TEST_AP.ssid},mqtt://127.0.0.1:${brokerPort},5`);
    await writeFile(csv, ["device-id,ssid,broker,interval", ...rows].join("\n") + "\n");
    const plan = await loadStationPlan(csv, { ESPNODE_WIFI_PASSWORD: TEST_AP.password }, { app });
    let uploadStart = 0;
    let uploadEnd = 0;
    const started = performance.now();
    const outcome = await runStation({
      rows: plan,
      boards: ptys.map((path) => ({ path })),
      previous: [],
      app,
      verifyTimeoutMs: 30_000,
      onEvent: (e) => {
        if (e.event === "step" && e.step === "deploy" && !uploadStart) uploadStart = performance.now();
        if (e.event === "step" && e.step === "provision") uploadEnd = performance.now();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const bad = outcome.rows.filter((r) => r.result !== "ok");
    if (bad.length) throw new Error(`station failed: ${JSON.stringify(bad)}`);
    return { seconds, upload: (uploadEnd - uploadStart) / 1000 };
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

export default async function (): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), "espnode-station-bench-"));
  const broker = await startAedes();
  try {
    const built = await buildFirmware({ outDir: join(dir, "fw") });
    const app = await readFile(built.files.find((f) => f.name === "app.js")!.path);
    const rows: Record<string, string | number>[] = [];
    for (const baud of [0, 115200]) {
      const label = baud ? String(baud) : "unpaced";
      const one = await stationRun(dir, app, broker.port, 1, baud, `one-${label}`);
      const four = await stationRun(dir, app, broker.port, 4, baud, `four-${label}`);
      rows.push(
        { console: label, boards: 1, "wall s": one.seconds, "deploys s": one.upload, "s per board": one.seconds },
        { console: label, boards: 4, "wall s": four.seconds, "deploys s": four.upload, "s per board": four.seconds / 4, "4 vs 1": four.seconds / one.seconds },
      );
    }
    return {
      title: `espnode station: 4 boards in parallel vs 1 alone (app ${app.length} bytes, deploy + provision + verify online at aedes)`,
      rows,
      notes: [
        "4 vs 1 = wall time of four boards at once / one board alone (1.0 = perfectly parallel, 4.0 = no gain).",
        "Unpaced, the bound is CPU: the station, four virtual boards (worker threads) and the broker share this machine's cores.",
        "At 115200 baud each board's own console wire bounds its upload; they run side by side, so the ratio stays near 1.",
      ],
    };
  } finally {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
