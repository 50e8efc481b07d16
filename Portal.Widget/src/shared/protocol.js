// Every postMessage between the loader (host page) and the frame (Portal origin) is
// an envelope {portalChat: 1, type, id?, payload?}; anything else on the channel is
// someone else's traffic and is ignored.
export function envelope(type, payload, id) {
  return { portalChat: 1, type, id, payload };
}

export function isEnvelope(data) {
  return !!data && typeof data === "object" && data.portalChat === 1 && typeof data.type === "string";
}

// The page the visitor is on, as the init envelope carries it to the frame (which
// reports it to the hub's PageView on every connect).
export function describePage() {
  return {
    url: location.href,
    title: document.title,
    referrer: document.referrer,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: navigator.language,
  };
}
