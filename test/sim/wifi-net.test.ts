// Wi-Fi against the simulated access point, and net sockets to real servers on 127.0.0.1 (an aedes broker and a
// plain TCP server), including the board's quirks: write() stringifies, data is a binary string, events queued.
import net from "node:net";
import tls from "node:tls";
import { readFileSync, rmSync } from "node:fs";
import { makeTestPki, type TestPki } from "../helpers/certs.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAedes, type AedesBroker } from "../helpers/brokers.ts";
import { startBoard, sleep, TEST_AP, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;
let broker: AedesBroker;
let server: net.Server;
let serverPort: number;
const received: Buffer[] = [];
const serverSockets = new Set<net.Socket>();

async function until(t: TestBoard, expr: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await t.type(expr)).includes("=true")) return;
    if (Date.now() > deadline) throw new Error(`board never reached ${expr}; events: ${await t.type("events")}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  t = await startBoard();
  broker = await startAedes();
  server = net.createServer((socket) => {
    serverSockets.add(socket);
    socket.on("data", (b: Buffer) => received.push(b));
    socket.on("close", () => serverSockets.delete(socket));
    socket.on("error", () => {});
    socket.write(Buffer.from([0x00, 0xc8, 0xff, 0x41]));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  serverPort = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await t?.close();
  await broker?.stop();
  for (const s of serverSockets) s.destroy();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe("Wi-Fi", () => {
  it("refuses sockets before Wi-Fi is up", async () => {
    await t.type(`var events = []; var early = require("net").connect({host: "127.0.0.1", port: ${serverPort}}); early.on("error", function(e){ events.push("early error " + e.message) })`);
    await until(t, "events.length == 1");
    expect(await t.type("events[0]")).toContain("early error Not connected to a network");
  });

  it("fails with auth_fail on a wrong password, like a board", async () => {
    await t.type(`var wifi = require("Wifi"); events = []; wifi.on("connected", function(d){ events.push("connected " + d.ip) }); wifi.on("disconnected", function(d){ events.push("disconnected " + d.reason) })`);
    await t.type(`wifi.connect(${JSON.stringify(TEST_AP.ssid)}, {password: "wrong"}, function(err){ events.push("cb " + err) })`);
    await until(t, "events.length >= 2");
    expect(await t.type("events.join()")).toContain('="disconnected auth_fail,cb auth_fail"');
    expect(await t.type("wifi.getStatus().station")).toContain('="wrong_password"');
  });

  it("connects with the right password and reports IP details", async () => {
    await t.type(`events = []; wifi.connect(${JSON.stringify(TEST_AP.ssid)}, {password: ${JSON.stringify(TEST_AP.password)}}, function(err){ events.push("cb " + err) })`);
    await until(t, "events.length >= 2");
    expect(await t.type("events.join()")).toContain('="connected 192.168.4.2,cb null"');
    expect(await t.type("wifi.getIP().ip")).toContain('="192.168.4.2"');
    expect(await t.type("wifi.getStatus().station")).toContain('="connected"');
    expect(await t.type("wifi.getDetails().rssi < 0")).toContain("=true");
  });

  it("opens a real TCP socket: write() stringifies a Uint8Array, data arrives as a binary string, drain fires", async () => {
    await t.type(`events = []; var got = ""; var sock = require("net").connect({host: "127.0.0.1", port: ${serverPort}}, function(){ events.push("connect"); sock.write(new Uint8Array([1,2,3])); sock.write("\\x00\\xFFraw") }); sock.on("data", function(d){ got += d }); sock.on("drain", function(){ events.push("drain") }); sock.on("close", function(){ events.push("close") }); sock.on("error", function(e){ events.push("error " + e.message) })`);
    await until(t, 'got.length == 4 && events.indexOf("drain") >= 0');
    expect(await t.type("[got.charCodeAt(0), got.charCodeAt(1), got.charCodeAt(2), got.charCodeAt(3), typeof got]")).toContain('=[ 0, 200, 255, 65, "string" ]');
    await sleep(50);
    expect(Buffer.concat(received).toString("latin1")).toBe("1,2,3\x00\xffraw");
  });

  it("closes sockets with an error when the access point goes away, and reconnects when it is back", async () => {
    t.board.wifiDown();
    await until(t, 'events.indexOf("close") >= 0');
    const log = await t.type("events.join()");
    expect(log).toContain("error Connection lost");
    expect(log).toContain("disconnected beacon_timeout");
    expect(await t.type("wifi.getStatus().station")).toContain('="connecting"');
    t.board.wifiUp();
    await until(t, 'events.indexOf("connected 192.168.4.2") >= 0');
    expect(await t.type("wifi.getStatus().station")).toContain('="connected"');
  });

  it("talks MQTT to a real aedes broker with binary strings", async () => {
    const clientSeen = new Promise<string>((resolve) => broker.broker.once("client", (c) => resolve(c.id)));
    const connect = "\\x10\\x10\\x00\\x04MQTT\\x04\\x02\\x00\\x3c\\x00\\x04sim1";
    await t.type(`var mq = require("net").connect({host: "127.0.0.1", port: ${broker.port}}, function(){ mq.write("${connect}") }); var ack = ""; mq.on("data", function(d){ ack += d })`);
    await until(t, "ack.length >= 4");
    expect(await t.type('ack == "\\x20\\x02\\x00\\x00"')).toContain("=true");
    expect(await clientSeen).toBe("sim1");
    await t.type("mq.end()");
  });

  it("speaks TLS 1.2 with RSA key exchange only, like the board's mbedTLS", async () => {
    const pki: TestPki = makeTestPki("sim-tls");
    const servers: tls.Server[] = [];
    const listen = async (ciphers: string, onData: (b: Buffer) => void) => {
      const server = tls.createServer({ key: readFileSync(pki.keyFile), cert: readFileSync(pki.certFile), ciphers, maxVersion: "TLSv1.3" }, (s) => {
        s.on("data", onData);
        s.on("error", () => {});
      });
      server.on("tlsClientError", () => {});
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return (server.address() as net.AddressInfo).port;
    };
    try {
      let gotRsa = "";
      const rsaPort = await listen("AES128-GCM-SHA256", (b) => (gotRsa += b.toString("latin1")));
      const ecdhePort = await listen("ECDHE-RSA-AES128-GCM-SHA256", () => {});
      await t.type(`var ca = ${JSON.stringify(pki.caPem)}; var tlsLog = []`);
      await t.type(`var good = require("tls").connect({host: "127.0.0.1", port: ${rsaPort}, ca: ca}, function(){ tlsLog.push("rsa connected"); good.write("over tls") }); good.on("error", function(e){ tlsLog.push("rsa error " + e.message) })`);
      await t.type(`var bad = require("tls").connect({host: "127.0.0.1", port: ${ecdhePort}, ca: ca}, function(){ tlsLog.push("ecdhe connected") }); bad.on("error", function(e){ tlsLog.push("ecdhe error") })`);
      await until(t, "tlsLog.length >= 2");
      const log = await t.type("tlsLog.sort().join()");
      expect(log).toContain('="ecdhe error,rsa connected"');
      await sleep(100);
      expect(gotRsa).toBe("over tls");
      await t.type("good.end()");
    } finally {
      for (const server of servers) server.close();
      rmSync(pki.dir, { recursive: true, force: true });
    }
  });

  it("scans and sees the simulated access point", async () => {
    await t.type("var seen; wifi.scan(function(list){ seen = list.map(function(a){ return a.ssid }) })");
    await until(t, "seen !== undefined");
    expect(await t.type(`seen.indexOf(${JSON.stringify(TEST_AP.ssid)}) >= 0`)).toContain("=true");
  });

  it("Wifi.save() keeps the credentials in .wificfg and the board rejoins after a power cut", async () => {
    await t.type("wifi.save()");
    expect(JSON.parse(t.board.storage.read(".wificfg")!)).toMatchObject({ ssid: TEST_AP.ssid, password: TEST_AP.password });
    t.board.powerCut();
    await t.board.whenReady();
    t.out.since();
    await until(t, 'require("Wifi").getStatus().station == "connected"');
    await t.type('require("Wifi").save("clear")');
    expect(t.board.storage.read(".wificfg")).toBeUndefined();
  });
});
