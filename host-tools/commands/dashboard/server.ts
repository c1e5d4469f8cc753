// `espnode dashboard`: a local web page served by the CLI. The CLI is the only MQTT client: it folds the broker's
// messages into the fleet (fleet.ts) and a bounded telemetry history per node, and pushes both to the browser as
// server-sent events. The page's script (page.ts, with uPlot from npm) is bundled by esbuild on first request;
// nothing comes from a CDN.
import http from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import type { MqttClient } from "mqtt";
import { FleetTracker, trackFleet, type FleetNode } from "../fleet.ts";

/** Points kept per node for the charts (at a 10 s interval: about 50 minutes). */
export const HISTORY_POINTS = 300;

export interface DashboardOptions {
  client: MqttClient;
  prefix: string;
  host: string;
  port: number;
  /** For tests: the tracker's clock. */
  now?: () => number;
}

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

/** One telemetry point: host time (s) and the record's numeric fields. */
interface Point {
  t: number;
  v: Record<string, number>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>espnode fleet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/uplot.css"><link rel="stylesheet" href="/page.css"></head>
<body><header><h1>espnode fleet</h1><span id="conn">connecting…</span></header>
<table id="fleet"><thead><tr><th>ID</th><th>State</th><th>Last seen</th><th>Uptime</th><th>RSSI</th><th>Free</th><th>App</th><th>CRC</th><th>Lost</th><th>Outbox</th></tr></thead><tbody></tbody></table>
<main id="nodes"></main><script src="/page.js"></script></body></html>
`;

const CSS = `body{font:14px system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
header{display:flex;gap:16px;align-items:baseline}h1{font-size:20px;margin:0 0 12px}#conn{color:#888}
table{border-collapse:collapse;background:#fff;margin-bottom:16px}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}
td.state.online{color:#1a7f37;font-weight:600}td.state.offline{color:#b42318;font-weight:600}
tr.offline td{color:#999}section.node{background:#fff;border:1px solid #ddd;margin:0 0 16px;padding:8px 12px}
section.node.offline{opacity:.55}section.node h2{font-size:16px;margin:4px 0}section.node h2 .badge{font-size:12px;margin-left:8px}
.charts{display:flex;flex-wrap:wrap;gap:8px}.chart{width:320px}.chart .title{font-size:12px;color:#555}
`;

/** The page script: bundled once per process from page.ts (a checkout) or page.js (the installed package). */
let pageJs: Promise<string> | undefined;
function bundlePage(): Promise<string> {
  pageJs ??= (async () => {
    const esbuild = await import("esbuild");
    const ts = fileURLToPath(new URL("./page.ts", import.meta.url));
    const entry = existsSync(ts) ? ts : fileURLToPath(new URL("./page.js", import.meta.url));
    const r = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, minify: true, format: "iife", target: "es2020", platform: "browser" });
    return r.outputFiles[0].text;
  })();
  return pageJs;
}

function uplotCss(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8");
}

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const tracker = new FleetTracker(o.prefix, o.now);
  const history = new Map<string, Point[]>();
  const streams = new Set<http.ServerResponse>();
  const css = uplotCss();
  await bundlePage(); // a bundling problem shows at start, not in the browser

  const send = (event: string, data: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const stopTracking = await trackFleet(o.client, tracker, (id) => {
    const node = tracker.nodes.get(id)!;
    send("node", node);
  });
  // Telemetry points: a second listener, so the tracker stays the one place that parses fleet messages.
  const onMessage = (topic: string, _payload: Buffer, packet: { retain?: boolean }) => {
    if (packet.retain || !topic.endsWith("/telemetry")) return;
    const id = topic.slice(o.prefix.length + 1, -"/telemetry".length);
    const rec = tracker.nodes.get(id)?.telemetry;
    if (!rec) return;
    const v: Record<string, number> = {};
    for (const [k, x] of Object.entries(rec)) if (k !== "seq" && typeof x === "number" && Number.isFinite(x)) v[k] = x;
    const p: Point = { t: (o.now ?? Date.now)() / 1000, v };
    const h = history.get(id) ?? [];
    h.push(p);
    if (h.length > HISTORY_POINTS) h.shift();
    history.set(id, h);
    send("point", { id, ...p });
  };
  o.client.on("message", onMessage);

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") return void res.writeHead(405).end();
    if (path === "/") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (path === "/page.css") return void res.writeHead(200, { "content-type": "text/css" }).end(CSS);
    if (path === "/uplot.css") return void res.writeHead(200, { "content-type": "text/css" }).end(css);
    if (path === "/page.js")
      return void bundlePage().then(
        (js) => res.writeHead(200, { "content-type": "text/javascript" }).end(js),
        (e) => res.writeHead(500).end(String(e)),
      );
    if (path === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      // The current state first, then changes as they arrive.
      res.write(`event: init\ndata: ${JSON.stringify({ prefix: o.prefix, nodes: tracker.list(), history: Object.fromEntries(history) })}\n\n`);
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  // Keeps proxies and the browser from closing an idle stream; also refreshes "last seen".
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(": keepalive\n\n");
  }, 15_000);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/`,
    async close() {
      clearInterval(heartbeat);
      stopTracking();
      o.client.off("message", onMessage);
      for (const res of streams) res.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type { FleetNode };
