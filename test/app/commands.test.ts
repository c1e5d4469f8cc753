import { describe, expect, it } from "vitest";
import { commandReply, type CommandTarget } from "../../firmware/app/commands.ts";

function target() {
  const calls: string[] = [];
  const t: CommandTarget & { calls: string[]; interval: number } = {
    calls,
    interval: 60,
    setInterval(s) {
      calls.push("interval " + s);
      t.interval = s;
      return "";
    },
    readSensor(name) {
      calls.push("read " + name);
      return name === "bme280" ? { t: 21.5, p: 1013.2, h: null } : null;
    },
    sensorNames: () => ["temp", "bme280"],
    identify: () => void calls.push("identify"),
    reboot: () => void calls.push("reboot"),
    config: () => ({ id: "n1", wifiPassSet: true }),
  };
  return t;
}

const run = (payload: string, t = target()) => JSON.parse(commandReply(payload, t));

describe("commands", () => {
  it("interval sets the telemetry interval and echoes the id", () => {
    const t = target();
    expect(run('{"cmd":"interval","value":15,"id":"a1"}', t)).toEqual({ ok: true, id: "a1", cmd: "interval", value: 15 });
    expect(t.calls).toEqual(["interval 15"]);
  });

  it("interval refuses values outside 1-86400 or not whole seconds, touching nothing", () => {
    const t = target();
    for (const v of ["0", "86401", "1.5", '"10"', "null"]) {
      const r = run(`{"cmd":"interval","value":${v}}`, t);
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/1-86400/);
    }
    expect(t.calls).toEqual([]);
  });

  it("interval reports a failure of the target", () => {
    const t = target();
    t.setInterval = () => "could not be stored";
    expect(run('{"cmd":"interval","value":5}', t)).toMatchObject({ ok: false, error: "could not be stored" });
  });

  it("read answers the sensor's fields", () => {
    expect(run('{"cmd":"read","sensor":"bme280","id":7}')).toEqual({ ok: true, id: 7, cmd: "read", sensor: "bme280", t: 21.5, p: 1013.2, h: null });
  });

  it("read of a sensor that is not enabled names the enabled ones", () => {
    const r = run('{"cmd":"read","sensor":"a36"}');
    expect(r.ok).toBe(false);
    expect(r.error).toBe("sensor a36 is not enabled; enabled: temp, bme280");
  });

  it("identify, reboot and config do their job", () => {
    const t = target();
    expect(run('{"cmd":"identify"}', t)).toEqual({ ok: true, cmd: "identify" });
    expect(run('{"cmd":"reboot"}', t)).toEqual({ ok: true, cmd: "reboot" });
    expect(t.calls).toEqual(["identify", "reboot"]);
    expect(run('{"cmd":"config"}', t)).toEqual({ ok: true, cmd: "config", config: { id: "n1", wifiPassSet: true } });
  });

  it("unknown commands get an error that lists the known ones", () => {
    const r = run('{"cmd":"selfdestruct","id":"x"}');
    expect(r).toMatchObject({ ok: false, id: "x", cmd: "selfdestruct" });
    expect(r.error).toMatch(/unknown command "selfdestruct".*interval, read, identify, reboot or config/);
  });

  it("malformed input gets an error reply, never an exception", () => {
    for (const bad of ["", "{", "not json", "[1,2]", "42", "null", '"cmd"', '{"cmd":5}', '{"value":1}', "x".repeat(600)]) {
      const r = run(bad);
      expect(r.ok, bad).toBe(false);
      expect(typeof r.error).toBe("string");
    }
  });

  it("a throwing action still produces a reply", () => {
    const t = target();
    t.identify = () => {
      throw new Error("LED missing");
    };
    expect(run('{"cmd":"identify"}', t)).toEqual({ ok: false, error: "command failed: Error: LED missing" });
  });
});
