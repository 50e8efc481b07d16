// Messages typed but not yet acknowledged by the server, shared by the visitor's
// tabs through localStorage. An item leaves the outbox only once the server has
// stored the message; until then it is resent with the same clientMessageId, which
// the server answers with the message it already stored.
export function createOutbox(storage, lockName) {
  const read = () => storage.getJson("outbox", []);
  const write = (items) => storage.setJson("outbox", items);

  return {
    storageKey: storage.key("outbox"),
    items: read,
    add(text) {
      const item = { clientMessageId: newId(), text, createdAt: new Date().toISOString() };
      write([...read(), item]);
      return item;
    },
    setFailed(clientMessageId, failed) {
      write(read().map((item) => (item.clientMessageId === clientMessageId ? { ...item, failed } : item)));
    },
    remove(clientMessageId) {
      const items = read();
      const rest = items.filter((item) => item.clientMessageId !== clientMessageId);
      if (rest.length !== items.length) write(rest);
    },
    // Sends the waiting items oldest first. One tab at a time (Web Locks, where the
    // browser has them), so two tabs do not race to send the same items; reading the
    // outbox inside the lock skips what another tab has sent meanwhile.
    flush(send) {
      const run = async () => {
        for (const item of read()) {
          if (!item.failed && read().some((i) => i.clientMessageId === item.clientMessageId)) await send(item);
        }
      };
      return navigator.locks ? navigator.locks.request(lockName, run) : run();
    },
  };
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
