// The chat app framed by widget.js, served by Portal at /widget/frame?site=KEY&locale=..
// It owns the session, the hub connection and the outbox; the host page only
// reaches it through the postMessage envelopes handled at the bottom.
import { describePage, envelope, isEnvelope } from "../shared/protocol.js";
import { normalizeLocale } from "../shared/locale.js";
import { siteStorage } from "./storage.js";
import { requestSession, isPermanent } from "./session.js";
import { connectHub, retryDelay } from "./hub.js";
import { createOutbox } from "./outbox.js";
import { createMessageStore, MAX_LENGTH } from "./messages.js";
import { createView } from "./view.js";

const TYPING_EVERY = 2000; // resend typing(true) at most this often while typing
const TYPING_IDLE = 3000; // typing(false) after this long without a keystroke

const params = new URLSearchParams(location.search);
const siteKey = params.get("site") || "";
const baseUrl = new URL("../", location.href); // this page is BASE/widget/frame
const embedded = window.parent !== window;
const storage = siteStorage(siteKey);
const outbox = createOutbox(storage, `portal-chat:${siteKey}:send`);
const store = createMessageStore();
const waiters = new Map(); // clientMessageId → {resolve, reject} of SDK send() calls

const state = {
  locale: normalizeLocale(params.get("locale") || navigator.language),
  open: !embedded,
  page: null,
  user: null,
  attributes: {},
  session: null, // {token, user}: the latest session and the user it was opened with
  conversationId: null,
  failure: null, // why the session was refused; the chat is unusable until it changes
  hubStatus: "connecting",
  status: null,
  ready: false,
  historyLoaded: false,
  unread: 0,
  markedSeq: 0,
};

let hub = null;
let parentOrigin = null;
let sessionRun = null;
let sessionAgain = false;
let wakeSession = null;
let flushing = null;
let flushAgain = false;
let typingSentAt = 0;
let typingIdleTimer;

const view = createView({
  submit(text) {
    try {
      enqueue(text);
      return true;
    } catch {
      return false;
    }
  },
  input: onComposerInput,
  retry(clientMessageId) {
    outbox.setFailed(clientMessageId, false);
    syncPending();
    flush();
  },
  remove(clientMessageId) {
    outbox.remove(clientMessageId);
    settle(clientMessageId, null, new Error("Deleted before it was sent."));
    syncPending();
  },
  close: () => post("close"),
});
view.setClosable(embedded);
view.setLocale(state.locale);
view.setStatus("connecting");
syncPending();

// ---- session -------------------------------------------------------------

function refreshSession() {
  if (sessionRun) {
    sessionAgain = true;
    return sessionRun;
  }
  sessionRun = (async () => {
    do {
      sessionAgain = false;
      await openSession();
    } while (sessionAgain);
  })().finally(() => (sessionRun = null));
  return sessionRun;
}

async function openSession() {
  for (let attempt = 1; ; attempt++) {
    const token = storage.get("token");
    const user = state.user;
    try {
      const session = await requestSession(baseUrl, {
        siteKey,
        visitorToken: token || undefined,
        user: user || undefined,
      });
      adopt(session, user);
      return;
    } catch (error) {
      if (error.status === 401 && token) {
        // Expired or revoked: start over as a new visitor.
        storage.remove("token");
        attempt = 0;
        continue;
      }
      if (isPermanent(error)) {
        fail(error.message);
        return;
      }
      if (!hub) setHubStatus("offline");
      // Offline from the start: the outbox still takes messages, so the SDK may go on.
      markReady();
      await new Promise((resolve) => {
        wakeSession = resolve;
        setTimeout(resolve, retryDelay(attempt));
      });
      wakeSession = null;
    }
  }
}

function adopt({ visitorToken, conversationId }, user) {
  if (storage.get("token") !== visitorToken) storage.set("token", visitorToken);
  if (storage.get("conversation") !== conversationId) storage.set("conversation", conversationId);
  state.session = { token: visitorToken, user: JSON.stringify(user) };
  if (state.failure) {
    state.failure = null;
    view.setError(null);
  }
  // Every session call issues a fresh token; the running connection takes it at its
  // next reconnect. Only another conversation needs a new connection.
  if (hub && conversationId === state.conversationId) return;
  if (state.conversationId && conversationId !== state.conversationId) {
    // Another identity or a replaced conversation: show only the new one.
    store.clear();
    view.clearMessages();
    state.historyLoaded = false;
  }
  state.conversationId = conversationId;
  if (hub) hub.dispose();
  hub = connectHub({
    url: new URL("hubs/widget", baseUrl).href,
    token: () => state.session.token,
    events: { message: onMessage, typing: onTyping, closed: onClosed, queue: onQueue, resync: onResync },
    onConnected,
    onStatus: setHubStatus,
    async onStartFailed() {
      markReady();
      await refreshSession();
    },
  });
}

function fail(detail) {
  state.failure = detail;
  state.ready = false;
  if (hub) hub.dispose();
  hub = null;
  setHubStatus("offline");
  view.setError(detail);
  post("failed", detail);
}

function markReady() {
  if (state.ready || state.failure) return;
  state.ready = true;
  post("ready", { conversationId: state.conversationId });
}

// ---- connection ----------------------------------------------------------

async function onConnected() {
  setHubStatus("connected");
  state.markedSeq = 0;
  if (state.page) hub.notify("PageView", state.page);
  if (Object.keys(state.attributes).length) hub.notify("SetAttributes", state.attributes);
  if (!(await catchUp())) return;
  markReady();
  flush();
  syncRead();
}

// Fetches what the server stored after the last message this tab has in order; false if the connection dropped meanwhile.
async function catchUp() {
  const connection = hub;
  let missed;
  try {
    missed = await hub.invoke("History", store.syncedSeq());
  } catch {
    return false; // dropped again; the next connect catches up
  }
  if (connection !== hub) return false;
  for (const message of missed) receive(message, state.historyLoaded);
  state.historyLoaded = true;
  return true;
}

// The server's servers lost each other for a while (scale-out): messages may have been stored without reaching this tab.
// Spread over a few seconds so thousands of tabs do not ask at the same instant.
function onResync() {
  setTimeout(() => hub && catchUp().then((caughtUp) => caughtUp && syncRead()), Math.random() * 3000);
}

function setHubStatus(status) {
  state.hubStatus = status;
  const effective = navigator.onLine === false ? "offline" : status;
  if (effective === state.status) return;
  state.status = effective;
  view.setStatus(effective);
  if (effective !== "connecting") emit("status", effective);
}

window.addEventListener("online", () => {
  setHubStatus(state.hubStatus);
  if (wakeSession) wakeSession();
  if (hub) hub.retryNow();
});
window.addEventListener("offline", () => setHubStatus(state.hubStatus));

// ---- messages ------------------------------------------------------------

function onMessage(message) {
  receive(message, true);
}

function receive(message, announce) {
  if (message.private || message.conversationId !== state.conversationId) return;
  if (message.clientMessageId) {
    outbox.remove(message.clientMessageId);
    view.removePending(message.clientMessageId);
    settle(message.clientMessageId, message);
  }
  if (!store.add(message)) return;
  view.showMessage(message, message.seq);
  if (message.author !== "customer") {
    view.setTyping(false);
    if (message.author === "agent") view.setQueue(null);
  }
  if (announce) emit("message", message);
  syncRead();
}

function onTyping(typing) {
  if (typing.author !== "customer") view.setTyping(typing.isTyping, typing.authorName);
  emit("typing", typing);
}

function onQueue(place) {
  view.setQueue(place);
}

function onClosed(closed) {
  const lastSeq = store.lastSeq();
  // Placed after the last message; writing again reopens the conversation.
  view.showNotice(`closed:${lastSeq}`, "closed", lastSeq + 0.5);
  view.setTyping(false);
  emit("closed", closed);
}

// ---- sending -------------------------------------------------------------

function enqueue(text) {
  const trimmed = typeof text === "string" ? text.trim() : "";
  if (state.failure) throw new Error(state.failure);
  if (!trimmed) throw new Error("A message needs some text.");
  if (trimmed.length > MAX_LENGTH) throw new Error(`A message can have at most ${MAX_LENGTH} characters.`);
  stopTyping();
  const item = outbox.add(trimmed);
  view.showPending(item);
  flush();
  return item;
}

function submit(text) {
  return new Promise((resolve, reject) => {
    const item = enqueue(text);
    waiters.set(item.clientMessageId, { resolve, reject });
  });
}

function settle(clientMessageId, message, error) {
  const waiter = waiters.get(clientMessageId);
  if (!waiter) return;
  waiters.delete(clientMessageId);
  if (error) waiter.reject(error);
  else waiter.resolve(message);
}

function flush() {
  if (!hub || !hub.connected || !state.historyLoaded) return;
  if (flushing) {
    flushAgain = true;
    return;
  }
  flushing = outbox
    .flush(sendItem)
    .catch(() => {}) // the connection dropped; the next connect flushes again
    .finally(() => {
      flushing = null;
      if (flushAgain) {
        flushAgain = false;
        flush();
      }
    });
}

async function sendItem(item) {
  if (!hub || !hub.connected) throw new Error("offline");
  try {
    receive(await hub.invoke("Send", item.clientMessageId, item.text), true);
  } catch (error) {
    if (!hub || !hub.connected) throw error;
    // Connected, yet refused (too long, rate limited, …): the visitor decides.
    outbox.setFailed(item.clientMessageId, true);
    syncPending();
    settle(item.clientMessageId, null, new Error(error.message.replace(/^.*HubException: /, "")));
  }
}

// Shows exactly what the shared outbox holds, whichever tab wrote it.
function syncPending() {
  const items = outbox.items();
  for (const item of items) view.showPending(item);
  for (const id of view.pendingIds()) {
    if (!items.some((item) => item.clientMessageId === id)) view.removePending(id);
  }
}

function onComposerInput(text) {
  if (!text.trim()) {
    stopTyping();
    return;
  }
  clearTimeout(typingIdleTimer);
  typingIdleTimer = setTimeout(stopTyping, TYPING_IDLE);
  if (hub && Date.now() - typingSentAt >= TYPING_EVERY) {
    typingSentAt = Date.now();
    hub.notify("Typing", true);
  }
}

function stopTyping() {
  clearTimeout(typingIdleTimer);
  if (!typingSentAt) return;
  typingSentAt = 0;
  if (hub) hub.notify("Typing", false);
}

// ---- unread --------------------------------------------------------------

// Unread = agent and bot messages after the last one seen with the panel open;
// that mark is shared by the tabs, so reading in one clears the badge in all.
function syncRead() {
  const conversationId = state.conversationId;
  const lastSeq = store.lastSeq();
  const mark = storage.getJson("read", {});
  let readSeq = mark.conversationId === conversationId ? mark.seq : 0;
  if (state.open && document.visibilityState === "visible" && lastSeq > 0) {
    if (lastSeq > readSeq) {
      readSeq = lastSeq;
      storage.setJson("read", { conversationId, seq: lastSeq });
    }
    if (lastSeq > state.markedSeq && hub && hub.connected) {
      state.markedSeq = lastSeq;
      hub.notify("MarkRead", lastSeq);
    }
  }
  const unread = store.unread(readSeq);
  if (unread !== state.unread) {
    state.unread = unread;
    emit("unread", unread);
  }
}

document.addEventListener("visibilitychange", syncRead);

window.addEventListener("storage", (event) => {
  if (event.key === storage.key("conversation")) {
    // Another tab started over (expired token) or switched identity: follow it, unless
    // this page declared its own user. Following writes nothing, so tabs cannot ping-pong.
    if (event.newValue && event.newValue !== state.conversationId && state.session && !state.user) {
      adopt({ visitorToken: storage.get("token"), conversationId: event.newValue }, null);
    }
  } else if (event.key === outbox.storageKey) {
    syncPending();
  } else if (event.key === storage.key("read")) {
    syncRead();
  }
});

// ---- host page -----------------------------------------------------------

function init({ locale, open, page, user, attributes }) {
  state.locale = normalizeLocale(locale || state.locale);
  state.page = page || null;
  state.user = user || null;
  state.attributes = attributes || {};
  view.setLocale(state.locale);
  requests.open(open);
  refreshSession();
}

const requests = {
  send: (text) => submit(text),
  history: async () => store.all(),
  setUser(user) {
    state.user = user || null;
    const changed = !state.session || state.session.user !== JSON.stringify(state.user);
    if (changed || state.failure) refreshSession();
  },
  setAttributes(attributes) {
    Object.assign(state.attributes, attributes);
    if (hub) hub.notify("SetAttributes", attributes);
  },
  setLocale(locale) {
    state.locale = normalizeLocale(locale);
    view.setLocale(state.locale);
  },
  open(open) {
    state.open = !!open;
    if (open && matchMedia("(pointer: fine)").matches) view.focusComposer();
    syncRead();
  },
};

function post(type, payload, id) {
  if (!parentOrigin) return;
  // A page opened from file:// has the origin "null", which postMessage cannot target.
  window.parent.postMessage(envelope(type, payload, id), parentOrigin === "null" ? "*" : parentOrigin);
}

function emit(name, data) {
  post("event", { name, data });
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent || !isEnvelope(event.data)) return;
  const { type, id, payload } = event.data;
  if (!parentOrigin) {
    if (type !== "init") return;
    parentOrigin = event.origin;
    init(payload || {});
    return;
  }
  if (event.origin !== parentOrigin || !requests[type]) return;
  let result;
  try {
    result = requests[type](payload);
  } catch (error) {
    result = Promise.reject(error);
  }
  if (id == null) return;
  Promise.resolve(result).then(
    (value) => post("reply", { result: value }, id),
    (error) => post("reply", { error: error.message }, id),
  );
});

if (embedded) {
  const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim();
  window.parent.postMessage(envelope("loaded", { accent }), "*");
} else {
  // Opened on its own (a direct link to the chat): there is no host page to wait for.
  init({ locale: state.locale, open: true, page: describePage() });
}
