// `espnode/wifi`: keeps the station connected (reconnect with backoff) and says when the link comes and goes.
export { WifiKeeper, type WifiApi, type WifiHandlers } from "../app/wifi.ts";
