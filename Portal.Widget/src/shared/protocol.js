// Every postMessage between the loader (host page) and the frame (Portal origin) is
// an envelope {portalChat: 1, type, id?, payload?}; anything else on the channel is
// someone else's traffic and is ignored.
export function envelope(type, payload, id) {
  return { portalChat: 1, type, id, payload };
}

export function isEnvelope(data) {
  return !!data && typeof data === "object" && data.portalChat === 1 && typeof data.type === "string";
}
