// MQTT 3.1.1 numbers and the client's own result codes. Plain numbers, so the device build inlines them.

export var CONNECT = 1;
export var CONNACK = 2;
export var PUBLISH = 3;
export var PUBACK = 4;
export var PUBREC = 5;
export var PUBREL = 6;
export var PUBCOMP = 7;
export var SUBSCRIBE = 8;
export var SUBACK = 9;
export var UNSUBSCRIBE = 10;
export var UNSUBACK = 11;
export var PINGREQ = 12;
export var PINGRESP = 13;
export var DISCONNECT = 14;

/** publish()/subscribe() results below zero: nothing was sent, the caller still owns the message. */
export var ERR_NOT_CONNECTED = -1;
export var ERR_INFLIGHT_FULL = -2;
/** The send window is full: wait for drain (the next tick) and try again. */
export var ERR_BUSY = -3;
export var ERR_BAD_TOPIC = -4;
export var ERR_TABLE_FULL = -5;
export var ERR_BAD_QOS = -6;

/** Why a link closed: the `reason` passed to handlers.closed(reason, detail). */
export var CLOSE_NORMAL = 0;
/** The socket closed or failed under us (detail 0). */
export var CLOSE_LINK_LOST = 1;
/** The broker refused CONNECT; detail is the CONNACK return code (4 = bad user name or password, 5 = not authorised). */
export var CLOSE_REFUSED = 2;
export var CLOSE_CONNACK_TIMEOUT = 3;
export var CLOSE_PING_TIMEOUT = 4;
/** The board glue paused the client (Wi-Fi down). */
export var CLOSE_PAUSED = 5;
/** The broker broke the protocol; detail is the offending packet type. */
export var CLOSE_PROTOCOL = 6;
export var CLOSE_BAD_LENGTH = 7;
export var CLOSE_BAD_FLAGS = 8;
export var CLOSE_BAD_TOPIC = 9;
export var CLOSE_ZERO_PACKET_ID = 10;
export var CLOSE_CONNECT_TIMEOUT = 11;

/** A short human description of a close reason, e.g. for a log line. The names live in the function's code (kept
 *  in flash when the module is loaded from Storage) rather than in arrays of strings, which would take RAM. */
export function closeReasonName(reason: number, detail?: number): string {
  var name =
    "normal|link lost|connection refused|no CONNACK in time|no PINGRESP in time|paused|protocol violation|malformed remaining length|reserved flag bits set|invalid topic|packet id 0|socket did not connect in time".split(
      "|",
    )[reason] || "reason " + reason;
  if (reason === CLOSE_REFUSED)
    name +=
      ": " +
      ("accepted|unacceptable protocol version|identifier rejected|server unavailable|bad user name or password|not authorised".split("|")[
        detail as number
      ] || "code " + detail);
  return name;
}
