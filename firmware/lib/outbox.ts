// `espnode/outbox`: a bounded, flash-backed outbox for records that must survive a broker outage and a reboot.
//   var box = new Outbox(storageFlash(), { name: "app.ob", slots: 64, slotSize: 128, capacity: 48 });
export { Outbox, type FlashStorage, type OutboxOptions } from "../app/outbox.ts";
export { storageFlash } from "../board/storage-flash.ts";
