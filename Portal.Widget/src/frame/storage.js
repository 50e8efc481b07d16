// localStorage, shared by every tab of the visitor, keyed "portal-chat:SITEKEY:name".
// Where storage is blocked (private modes, strict third-party rules) the chat keeps
// working in memory and just forgets on reload.
function openStore() {
  try {
    localStorage.getItem("portal-chat");
    return localStorage;
  } catch {
    const map = new Map();
    return {
      getItem: (key) => (map.has(key) ? map.get(key) : null),
      setItem: (key, value) => map.set(key, value),
      removeItem: (key) => map.delete(key),
    };
  }
}

export function siteStorage(siteKey) {
  const store = openStore();
  const prefix = `portal-chat:${siteKey}:`;
  return {
    key: (name) => prefix + name,
    get: (name) => store.getItem(prefix + name),
    set(name, value) {
      try {
        store.setItem(prefix + name, value);
      } catch {
        // Quota exceeded: only the chat writes to this origin's storage, so it never fills in practice.
      }
    },
    remove: (name) => store.removeItem(prefix + name),
    getJson(name, fallback) {
      try {
        return JSON.parse(store.getItem(prefix + name)) ?? fallback;
      } catch {
        return fallback;
      }
    },
    setJson(name, value) {
      this.set(name, JSON.stringify(value));
    },
  };
}
