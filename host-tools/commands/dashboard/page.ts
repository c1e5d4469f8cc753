// The dashboard page (runs in the browser; bundled by server.ts with esbuild). It talks only to the CLI that
// served it: /events (server-sent events: init, node, point). One uPlot chart per numeric telemetry field per node.
import uPlot from "uplot";
// The same record `espnode fleet` builds (type only: nothing of fleet.ts reaches the browser).
import type { FleetNode } from "../fleet.ts";

interface Point {
  t: number;
  v: Record<string, number>;
}

const nodes = new Map<string, FleetNode>();
/** Per node and field: [times, values] and its chart. */
const series = new Map<string, Map<string, { data: [number[], number[]]; plot: uPlot; el: HTMLElement }>>();
const MAX_POINTS = 300;

const $ = (sel: string, root: ParentNode = document) => root.querySelector(sel) as HTMLElement;
const text = (v: unknown) => (v === null || v === undefined || v === "" ? "-" : String(v));

function ago(ms: number | null): string {
  if (ms === null) return "-";
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}

function uptime(s: number | null): string {
  if (s === null) return "-";
  return s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function state(n: FleetNode): string {
  return n.online === null ? "unknown" : n.online ? "online" : "offline";
}

function renderTable(): void {
  const body = $("#fleet tbody");
  const ids = [...nodes.keys()].sort();
  body.replaceChildren(
    ...ids.map((id) => {
      const n = nodes.get(id)!;
      const tr = document.createElement("tr");
      tr.dataset.id = id;
      tr.className = state(n);
      const cells = [id, state(n), ago(n.lastSeen), uptime(n.uptime), n.rssi === null ? "-" : `${n.rssi} dBm`, text(n.mem), text(n.app), text(n.crc), text(n.lost), text(n.ob)];
      cells.forEach((c, i) => {
        const td = document.createElement("td");
        td.textContent = c;
        if (i === 1) td.className = `state ${state(n)}`;
        tr.append(td);
      });
      return tr;
    }),
  );
}

function section(id: string): HTMLElement {
  let s = document.querySelector(`section.node[data-id="${CSS.escape(id)}"]`) as HTMLElement | null;
  if (!s) {
    s = document.createElement("section");
    s.className = "node";
    s.dataset.id = id;
    s.innerHTML = `<h2></h2><div class="charts"></div>`;
    const all = [...document.querySelectorAll<HTMLElement>("section.node")];
    const after = all.find((x) => (x.dataset.id ?? "") > id);
    $("#nodes").insertBefore(s, after ?? null);
  }
  const n = nodes.get(id);
  const st = n ? state(n) : "unknown";
  s.classList.toggle("offline", st === "offline");
  $("h2", s).innerHTML = "";
  $("h2", s).append(id, Object.assign(document.createElement("span"), { className: `badge state ${st}`, textContent: st }));
  return s;
}

function chart(id: string, field: string) {
  let m = series.get(id);
  if (!m) series.set(id, (m = new Map()));
  let c = m.get(field);
  if (!c) {
    const el = document.createElement("div");
    el.className = "chart";
    el.dataset.field = field;
    el.dataset.points = "0";
    el.innerHTML = `<div class="title"></div>`;
    $(".title", el).textContent = field;
    $(".charts", section(id)).append(el);
    const data: [number[], number[]] = [[], []];
    const plot = new uPlot(
      { width: 320, height: 140, legend: { show: false }, series: [{}, { label: field, stroke: "#2563eb", width: 1.5, points: { show: false } }], axes: [{}, { size: 80 }] },
      data,
      el,
    );
    c = { data, plot, el };
    m.set(field, c);
  }
  return c;
}

function addPoint(id: string, p: Point, redraw: boolean): void {
  for (const [field, value] of Object.entries(p.v)) {
    const c = chart(id, field);
    c.data[0].push(p.t);
    c.data[1].push(value);
    if (c.data[0].length > MAX_POINTS) {
      c.data[0].shift();
      c.data[1].shift();
    }
    c.el.dataset.points = String(c.data[0].length);
    if (redraw) c.plot.setData(c.data);
  }
}

function updateNode(n: FleetNode): void {
  nodes.set(n.id, n);
  section(n.id);
  renderTable();
}

const events = new EventSource("/events");
events.addEventListener("open", () => ($("#conn").textContent = "live"));
events.addEventListener("error", () => ($("#conn").textContent = "reconnecting…"));
events.addEventListener("init", (e) => {
  const d = JSON.parse((e as MessageEvent).data) as { prefix: string; nodes: FleetNode[]; history: Record<string, Point[]> };
  document.title = `espnode fleet: ${d.prefix}/`;
  // A reconnect sends everything again: start over.
  nodes.clear();
  series.clear();
  $("#nodes").replaceChildren();
  for (const n of d.nodes) updateNode(n);
  for (const [id, points] of Object.entries(d.history)) {
    for (const p of points) addPoint(id, p, false);
    for (const c of series.get(id)?.values() ?? []) c.plot.setData(c.data);
  }
});
events.addEventListener("node", (e) => updateNode(JSON.parse((e as MessageEvent).data)));
events.addEventListener("point", (e) => {
  const d = JSON.parse((e as MessageEvent).data) as Point & { id: string };
  addPoint(d.id, d, true);
});
// "Last seen" ages between messages.
setInterval(renderTable, 1000);
