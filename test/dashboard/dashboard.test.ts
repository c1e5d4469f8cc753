// The dashboard in a real headless browser (Debian's chromium, driven by puppeteer-core): two virtual boards show
// up in the table, a chart gains points as telemetry arrives, and a board that loses power turns offline.
// Skips with a reason when /usr/bin/chromium is missing (.ci/run installs it).
import { describe, expect, it, afterEach } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startAedes, type AedesBroker } from "../helpers/brokers.ts";
import { simSuite, config, until } from "../app/sim-harness.ts";
import { connectBroker } from "../../host-tools/commands/broker-client.ts";
import { startDashboard, type Dashboard } from "../../host-tools/commands/dashboard/server.ts";
import { parseListen } from "../../host-tools/cli/dashboard-command.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`[espnode tests] ${CHROMIUM} is missing (apt-get install chromium): the dashboard browser test is SKIPPED`);
const SCREENSHOT = resolve(import.meta.dirname, "../../host-tools/docs/dashboard.png");

describe("parseListen", () => {
  it("takes HOST:PORT, [IPv6]:PORT and a bare port", () => {
    expect(parseListen("127.0.0.1:8080")).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("9000")).toEqual({ host: "127.0.0.1", port: 9000 });
    expect(() => parseListen("localhost")).toThrow("--listen localhost is not HOST:PORT.");
  });
});

describe.skipIf(!HAVE_CHROMIUM)("espnode dashboard in headless chromium", () => {
  const { bootBoard, cleanups } = simSuite();
  let broker: AedesBroker | undefined;
  afterEach(async () => {
    await broker?.stop();
    broker = undefined;
  });

  it("shows two boards, charts that gain points, and a powered-off board as offline", async () => {
    broker = await startAedes();
    await bootBoard(config(broker.port, { id: "greenhouse", interval: 1 }));
    const b2 = await bootBoard(config(broker.port, { id: "cellar", interval: 1, sensors: ["temp", "a36"] }));
    const client = await connectBroker({ url: `mqtt://127.0.0.1:${broker.port}`, name: "dash-test" });
    cleanups.push(() => client.endAsync(true));
    const dash: Dashboard = await startDashboard({ client, prefix: "espnode", host: "127.0.0.1", port: 0 });
    cleanups.push(() => dash.close());

    // The page is served by the CLI alone: its size, what a browser downloads.
    let weight = 0;
    for (const path of ["", "page.js", "page.css", "uplot.css"]) {
      const r = await fetch(dash.url + path);
      expect(r.status).toBe(200);
      weight += (await r.arrayBuffer()).byteLength;
    }
    console.log(`[dashboard] page weight: ${weight} bytes uncompressed (html + page.js + css)`);

    const puppeteer = (await import("puppeteer-core")).default;
    const profile = mkdtempSync(join(tmpdir(), "espnode-chromium-"));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`],
    });
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    // Nothing but the CLI: any other request would be a CDN or the broker.
    const foreign: string[] = [];
    page.on("request", (r) => !r.url().startsWith(dash.url) && foreign.push(r.url()));
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(dash.url);

    const stateOf = (id: string) => page.$eval(`#fleet tr[data-id="${id}"] td.state`, (td) => td.textContent).catch(() => null);
    const pointsOf = (id: string, field: string) =>
      page.$eval(`section.node[data-id="${id}"] .chart[data-field="${field}"]`, (el) => Number((el as HTMLElement).dataset.points)).catch(() => 0);
    const deadline = Date.now() + 30_000;
    while ((await stateOf("greenhouse")) !== "online" || (await stateOf("cellar")) !== "online") {
      if (Date.now() > deadline) throw new Error("both boards online in the table: not within 30 s\n" + (await page.content()));
      await new Promise((r) => setTimeout(r, 200));
    }
    // A chart gains points as telemetry arrives.
    const t0 = Date.now();
    while ((await pointsOf("greenhouse", "t")) < 2 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 200));
    const before = await pointsOf("greenhouse", "t");
    expect(before).toBeGreaterThanOrEqual(2);
    const t1 = Date.now();
    while ((await pointsOf("greenhouse", "t")) < before + 2 && Date.now() - t1 < 20_000) await new Promise((r) => setTimeout(r, 200));
    expect(await pointsOf("greenhouse", "t")).toBeGreaterThanOrEqual(before + 2);
    // Only the fields each board has: the cellar has no BME280.
    const fields = await page.$$eval(`section.node[data-id="cellar"] .chart`, (els) => els.map((e) => (e as HTMLElement).dataset.field).sort());
    expect(fields).toEqual(["a36", "lost", "mem", "ob", "rssi", "temp", "up"]);
    expect(await page.$$eval(`section.node[data-id="greenhouse"] canvas`, (c) => c.length)).toBe(10);

    // Power off: the broker publishes the will, the page marks the board offline.
    await b2.board.close();
    const t2 = Date.now();
    while ((await stateOf("cellar")) !== "offline" && Date.now() - t2 < 20_000) await new Promise((r) => setTimeout(r, 200));
    expect(await stateOf("cellar")).toBe("offline");
    expect(await page.$eval(`section.node[data-id="cellar"]`, (s) => s.classList.contains("offline"))).toBe(true);
    expect(await stateOf("greenhouse")).toBe("online");
    expect(foreign).toEqual([]);
    if (process.env.ESPNODE_DASHBOARD_SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 150_000);
});
