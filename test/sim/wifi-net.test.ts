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
  it("refuses sockets before Wi-Fi is up: connect() throws, then the socket closes quietly", async () => {
    // net_esp32_createsocket fails ("Connect failed"), clientRequestConnect throws (libs/network/socketserver.c)
    const out = await t.type(`var events = []; var early; try { early = require("net").connect({host: "127.0.0.1", port: ${serverPort}}) } catch (e) { events.push("threw " + e.message.trim()) }`);
    expect(out).toContain("ERROR: Connect failed (err 113)");
    expect(await t.type("events.join()")).toContain('="threw Unable to create socket"');
  });

  it("fails on a wrong password after its retries, like a board (reason 15, callback gets the name)", async () => {
    // jswrap_esp32_network.c: 3 attempts, then "disconnected" {reason:"15", msg}, then cb("4WAY_HANDSHAKE_TIMEOUT")
    await t.type(`var wifi = require("Wifi"); events = []; wifi.on("connected", function(d){ events.push("connected " + d.ip) }); wifi.on("disconnected", function(d){ events.push("disconnected " + d.reason + " " + d.msg) })`);
    await t.type(`wifi.connect(${JSON.stringify(TEST_AP.ssid)}, {password: "wrong"}, function(err){ events.push("cb " + err) })`);
    await until(t, "events.length >= 2");
    // print(): the console's =value would shorten a string over 40 characters
    expect(await t.type("print(events.join())")).toContain("\r\ndisconnected 15 4WAY_HANDSHAKE_TIMEOUT,cb 4WAY_HANDSHAKE_TIMEOUT\r\n");
    expect(await t.type("wifi.getStatus().station")).toContain('="4WAY_HANDSHAKE_TIMEOUT"');
    expect(await t.type("wifi.getStatus().mode")).toContain('="NULL"');
    expect(await t.type("wifi.getDetails().status")).toContain('="4WAY_HANDSHAKE_TIMEOUT"');
  });

  it("connects with the right password: cb(null) before the connected event; rssi is in getStatus()", async () => {
    await t.type(`events = []; wifi.on("associated", function(d){ events.push("associated " + d.channel + " " + typeof d.channel) }); wifi.connect(${JSON.stringify(TEST_AP.ssid)}, {password: ${JSON.stringify(TEST_AP.password)}}, function(err){ events.push("cb " + err) })`);
    await until(t, "events.length >= 3");
    expect(await t.type("print(events.join())")).toContain("\r\nassociated 6 string,cb null,connected 192.168.4.2\r\n");
    expect(await t.type("wifi.getIP().ip")).toContain('="192.168.4.2"');
    expect(await t.type("Object.keys(wifi.getIP()).join()")).toContain('="ip,netmask,gw,mac"');
    await t.type("var ipArgs; wifi.getIP(function(err, info){ ipArgs = [err, info.ip] })");
    expect(await t.type("ipArgs")).toContain('=[ null, \r\n  "192.168.4.2"\r\n ]');
    const status = await t.type("var st = wifi.getStatus(); [st.station, st.mode, st.rssi < 0, st.channel]");
    expect(status).toContain('=[ \r\n  "connected", \r\n  "STA", \r\n  true, 6 ]');
    expect(await t.type("[wifi.getDetails().status, wifi.getDetails().rssi]")).toContain('=[ \r\n  "connected", \r\n  undefined ]');
  });

  it("opens a real TCP socket: write() stringifies a Uint8Array, data arrives as a binary string, drain fires", async () => {
    await t.type(`events = []; var got = ""; var sock = require("net").connect({host: "127.0.0.1", port: ${serverPort}}, function(){ events.push("connect"); sock.write(new Uint8Array([1,2,3])); sock.write("\\x00\\xFFraw") }); sock.on("data", function(d){ got += d }); sock.on("drain", function(){ events.push("drain") }); sock.on("close", function(){ events.push("close") }); sock.on("error", function(e){ events.push("error " + e.message) })`);
    await until(t, 'got.length == 4 && events.indexOf("drain") >= 0');
    expect(await t.type("[got.charCodeAt(0), got.charCodeAt(1), got.charCodeAt(2), got.charCodeAt(3), typeof got]")).toContain('=[ 0, 200, 255, 65, \r\n  "string"\r\n ]');
    // socketserver.c: "drain" also follows "connect" when nothing was queued; write() returns false
    expect(await t.type("events.slice(0, 2).join() + ' ' + sock.write('')")).toContain('="connect,drain false"');
    await sleep(50);
    expect(Buffer.concat(received).toString("latin1")).toBe("1,2,3\x00\xffraw");
  });

  it("closes sockets with an error when the access point goes away; the station gives up after its retries", async () => {
    await t.type('sock.on("end", function(){ events.push("end") })');
    t.board.wifiDown();
    await until(t, 'events.indexOf("close") >= 0');
    // socketserver.c: error {code, message}, then end, then close
    const log = await t.type("events.slice(events.indexOf('error connection reset')).join()");
    expect(log).toContain('="error connection reset,end,close"');
    // the lost link is retried silently; with no attempts left: NO_AP_FOUND, and the radio stops
    await until(t, 'events.indexOf("disconnected 201 NO_AP_FOUND") >= 0');
    expect(await t.type("wifi.getStatus().station")).toContain('="NO_AP_FOUND"');
    t.board.wifiUp();
    await sleep(500);
    expect(await t.type("wifi.getStatus().station")).toContain('="NO_AP_FOUND"');
    await t.type(`wifi.connect(${JSON.stringify(TEST_AP.ssid)}, {password: ${JSON.stringify(TEST_AP.password)}})`);
    // associated first (getStatus says "connected"), sockets only once the IP is assigned
    await until(t, 'wifi.getIP().ip == "192.168.4.2"');
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
      // the board's mbedTLS takes the CA as DER, e.g. atob() of the PEM body (tls-credentials.test.ts covers PEM)
      const caBody = pki.caPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
      await t.type(`var ca = atob(${JSON.stringify(caBody)}); var tlsLog = []`);
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
    // jswrap_wifi_save's fields: mode 1 = station
    expect(JSON.parse(t.board.storage.read(".wificfg")!)).toMatchObject({ ssid: TEST_AP.ssid, password: TEST_AP.password, mode: 1 });
    t.board.powerCut();
    await t.board.whenReady();
    t.out.since();
    await until(t, 'require("Wifi").getStatus().station == "connected"');
    await t.type('require("Wifi").save("clear")');
    expect(t.board.storage.read(".wificfg")).toBeUndefined();
  });
});
