// Loads tasmota-webserial-esptool as web pages do: its self-contained browser bundle (dist/web), unchanged.
// The package's plain ESM build (dist/index.js) imports "./const" without an extension and JSON stubs without
// import attributes, which Node's loader (and so vitest's externalised node_modules) refuses; its own bundler
// config resolves those, and the web bundle is the result.
import type * as TasmotaEsptool from "tasmota-webserial-esptool";

const WEB_BUNDLE: string = "tasmota-webserial-esptool/dist/web/index.js";

export type TasmotaLibrary = typeof TasmotaEsptool;
export type TasmotaLoader = TasmotaEsptool.ESPLoader;

export async function loadTasmotaEsptool(): Promise<TasmotaLibrary> {
  return (await import(WEB_BUNDLE)) as TasmotaLibrary;
}
