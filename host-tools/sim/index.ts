// Public API of the virtual board (see board.ts).
export { VirtualBoard, SimSerialPort, RX_FIFO_BYTES, type VirtualBoardOptions, type StorageView } from "./board.ts";
export { DEFAULT_AP, AP_NETWORK, type AccessPointConfig } from "./wifi/access-point.ts";
export { runControlCommand, CONTROL_HELP, type ControlReply } from "./control/control-commands.ts";
export { ControlServer, sendControlCommand } from "./control/control-server.ts";
export { BME280_ADDRESS, BME280_CALIBRATION, compensateTemperature, compensatePressure, compensateHumidity } from "./hardware/bme280.ts";
export type { EnvironmentValues } from "./hardware/environment.ts";
export { ESPRUINO_VERSION, BOARD_NAME } from "./runtime/espruino-runtime.ts";
export { DEFAULT_MAX_CALL_DEPTH, RECURSION_MESSAGE } from "./runtime/call-depth.ts";
export { PacketType, encodePacket, ACK, NAK, DLE, SOH } from "./console/packet-receiver.ts";
export { SAVED_STATE_FILE, BOOT_FILES, WIFI_CONFIG_FILE } from "./board-core.ts";
