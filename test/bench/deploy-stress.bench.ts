// Deploy stress (issue: no command hangs): 100 `espnode deploy` runs of a 32 KB app on a 115200-baud virtual board
// whose console blocks, while the running app prints a record every 10 ms and another process keeps a core busy;
// and, with $ESPNODE_REFERENCE_ESPRUINO, the same against Espruino's Linux build behind a pty. Counts outcomes: a
// run still going after 60 s is a hang. $ESPNODE_STRESS_RUNS changes the number of runs.
import type { BenchResult } from "./run.ts";
import { deployStress, type StressTarget } from "../cli/support/deploy-stress.ts";
import { HAVE_SOCAT, REFERENCE_ESPRUINO } from "../helpers/reference-espruino.ts";

export default async function (): Promise<BenchResult> {
  const runs = Number(process.env.ESPNODE_STRESS_RUNS ?? 100);
  const targets: StressTarget[] = REFERENCE_ESPRUINO && HAVE_SOCAT ? ["sim", "reference"] : ["sim"];
  const rows: BenchResult["rows"] = [];
  const notes: string[] = [];
  for (const target of targets) {
    const r = await deployStress({ runs, appBytes: 32 * 1024, deadlineMs: 60_000, target });
    rows.push({
      board: target === "sim" ? "virtual board, 115200 baud, console blocks" : "Espruino Linux build behind a pty",
      runs: r.runs,
      succeeded: r.succeeded,
      "clear errors": r.failures.length,
      hangs: r.hangs,
      "mean s": r.meanSeconds,
      "max s": r.maxSeconds,
      "interpreter restarts": target === "reference" ? r.restarts : "-",
    });
    const reasons = new Map<string, number>();
    for (const f of r.failures) reasons.set(`exit ${f.code}: ${f.message}`, (reasons.get(`exit ${f.code}: ${f.message}`) ?? 0) + 1);
    for (const [reason, n] of reasons) notes.push(`${target}: ${n}× ${reason}`);
  }
  if (!REFERENCE_ESPRUINO) notes.push("set ESPNODE_REFERENCE_ESPRUINO to an Espruino Linux build to stress the real interpreter too");
  return { title: `Deploy stress: ${runs} deploys of a 32 KB app while the board prints every 10 ms, one core busy`, rows, notes };
}
