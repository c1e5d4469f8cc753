// Real brokers for tests: aedes in-process, and a Mosquitto process when the Debian package is installed.
// Each starts on a free 127.0.0.1 port and is stopped by the test that started it (Mosquitto by its own PID).
import net from "node:net";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Aedes, type AedesOptions } from "aedes";

export interface RunningBroker {
  name: string;
  port: number;
  /** Stop the broker (keeps on-disk/in-memory state given to it, so a restart can resume sessions). */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface AedesBroker extends RunningBroker {
  broker: Aedes;
}

/** aedes on 127.0.0.1; pass `persistence` (and `port`) again to restart with sessions intact. */
export async function startAedes(options: Partial<AedesOptions> & { port?: number } = {}): Promise<AedesBroker> {
  const { port: wanted, ...brokerOptions } = options;
  const broker = await Aedes.createBroker(brokerOptions as AedesOptions);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    broker.handle(s);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(wanted ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    name: "aedes",
    port,
    broker,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await new Promise<void>((r) => broker.close(() => r()));
    },
  };
}

export const mosquittoPath = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"].find((p) => existsSync(p)) ?? null;

const DYNSEC_PLUGIN = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

/** Anonymous clients may subscribe only below `allowed` (a dynamic-security config). */
export function subscribeOnlyBelow(allowed: string): object {
  return {
    defaultACLAccess: { publishClientSend: true, publishClientReceive: true, subscribe: false, unsubscribe: true },
    clients: [],
    groups: [{ groupname: "anonymous", roles: [{ rolename: "limited" }] }],
    roles: [{ rolename: "limited", acls: [{ acltype: "subscribePattern", topic: allowed, priority: 0, allow: true }] }],
    anonymousGroup: "anonymous",
  };
}

export interface MosquittoOptions {
  /** Extra lines for the listener section (e.g. TLS settings). */
  listener?: string[];
  /** Extra global lines (e.g. persistence). */
  global?: string[];
  /** user → password, turns anonymous access off. */
  users?: Record<string, string>;
  /** ACL file content. */
  acl?: string;
  /** Dynamic-security plugin config (JSON); its ACLs are checked on SUBSCRIBE, unlike acl_file's. */
  dynsec?: object;
  port?: number;
  /** Reuse a directory (persistence across restarts). */
  dir?: string;
}

export interface MosquittoBroker extends RunningBroker {
  dir: string;
  pid: number;
  /** Remove the broker's directory (after the last stop). */
  cleanup(): void;
}

/** Starts Mosquitto with a config written for the test; resolves once it accepts connections. */
export async function startMosquitto(opts: MosquittoOptions = {}): Promise<MosquittoBroker> {
  if (!mosquittoPath) throw new Error("mosquitto is not installed (apt-get install mosquitto)");
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), "espnode-mosq-"));
  const port = opts.port ?? (await freePort());
  const lines = [`persistence_location ${dir}/`, "log_dest stderr", "log_type error", ...(opts.global ?? [])];
  // As root Mosquitto would drop to user "mosquitto", which cannot read the test's private directory.
  if (process.getuid?.() === 0) lines.push("user root");
  if (opts.users) {
    const pw = path.join(dir, "passwd");
    writeFileSync(pw, "");
    for (const [u, p] of Object.entries(opts.users)) {
      const r = spawnSync("mosquitto_passwd", ["-b", pw, u, p]);
      if (r.status !== 0) throw new Error("mosquitto_passwd failed: " + r.stderr);
    }
    lines.push(`password_file ${pw}`);
  }
  if (opts.acl !== undefined) {
    writeFileSync(path.join(dir, "acl"), opts.acl);
    lines.push(`acl_file ${path.join(dir, "acl")}`);
  }
  if (opts.dynsec) {
    const file = path.join(dir, "dynsec.json");
    writeFileSync(file, JSON.stringify(opts.dynsec));
    lines.push(`plugin ${DYNSEC_PLUGIN}`, `plugin_opt_config_file ${file}`);
  }
  lines.push(`listener ${port} 127.0.0.1`, `allow_anonymous ${opts.users ? "false" : "true"}`, ...(opts.listener ?? []));
  const conf = path.join(dir, "mosquitto.conf");
  writeFileSync(conf, lines.join("\n") + "\n");
  const child: ChildProcess = spawn(mosquittoPath, ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  await waitForPort(port, child, () => stderr);
  return {
    name: "mosquitto",
    port,
    dir,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      process.kill(child.pid!, "SIGTERM");
      await exited;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), r(true)));
      s.once("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`mosquitto did not listen on ${port}: ${log()}`);
}

/** Logged once per run so a missing Mosquitto is visible in the test output. */
export function noteMissingMosquitto(): void {
  if (!mosquittoPath) console.warn("[espnode tests] mosquitto is not installed: the Mosquitto variants are SKIPPED (apt-get install mosquitto)");
}
