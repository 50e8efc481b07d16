// The chat's DOM. Text anyone typed is only ever set with textContent, so HTML in
// a message shows literally.
import { MAX_LENGTH } from "./messages.js";
import { STRINGS } from "./strings.js";

const COUNTER_FROM = 200; // characters left when the counter appears
const TYPING_TIMEOUT = 30000; // hide a typing indicator whose "stopped" never came

const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4Z"/></svg>';
const SEND_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5v-7l9-1.5-9-1.5v-7L22 12Z"/></svg>';

function el(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function textEl(tag, className, text) {
  const node = el(tag, className);
  node.textContent = text;
  return node;
}

/**
 * actions: submit(text) → bool (accepted), input(text), retry(clientMessageId),
 * remove(clientMessageId), close().
 */
export function createView(actions) {
  let locale = "en";
  let t = STRINGS.en;
  let statusKey = "connecting";
  let errorDetail = null;
  let typingTimer;
  let typingName = "";
  const entries = new Map(); // key → {node, meta, message | item | notice}

  const root = el("div", "chat");
  const header = el("header", "header");
  const heading = el("div", "heading");
  const title = el("h1", "title");
  const status = el("p", "status");
  const statusText = el("span");
  status.append(el("span", "dot", { "aria-hidden": "true" }), statusText);
  heading.append(title, status);
  const closeButton = el("button", "icon-button", { type: "button" });
  closeButton.innerHTML = CLOSE_ICON;
  closeButton.addEventListener("click", () => actions.close());
  header.append(heading, closeButton);

  const error = el("div", "error", { role: "alert" });
  error.hidden = true;
  // The customer's place in the queue while no agent has the conversation yet.
  const queue = el("p", "queue", { role: "status" });
  queue.hidden = true;
  let queuePlace = null;

  // Focusable so that keyboard users can scroll the conversation.
  const scroller = el("div", "scroller", { tabindex: "0", role: "region" });
  const empty = el("p", "empty");
  const log = el("div", "log", { role: "log", "aria-live": "polite" });
  const stored = el("div", "stored");
  // Unacknowledged messages are announced once, when stored, not twice.
  const pending = el("div", "pending", { "aria-live": "off" });
  log.append(stored, pending);
  const typing = el("div", "typing", { role: "status" });
  const typingText = el("span");
  typing.append(el("span", "dots", { "aria-hidden": "true" }), typingText);
  typing.hidden = true;
  scroller.append(empty, log, typing);

  const form = el("form", "composer");
  const textarea = el("textarea", "input", {
    rows: "1",
    maxlength: String(MAX_LENGTH),
    "aria-describedby": "counter",
    enterkeyhint: "send",
  });
  const counter = el("p", "counter", { id: "counter" });
  counter.hidden = true;
  const sendButton = el("button", "send", { type: "submit" });
  sendButton.innerHTML = SEND_ICON;
  sendButton.disabled = true;
  form.append(textarea, sendButton, counter);
  root.append(header, error, queue, scroller, form);
  document.body.append(root);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  textarea.addEventListener("keydown", (event) => {
    // keyCode 229: an IME (Chinese input) is composing; Enter picks a candidate.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  textarea.addEventListener("input", () => {
    composerChanged();
    actions.input(textarea.value);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") actions.close();
  });

  function submit() {
    if (!textarea.value.trim() || textarea.disabled) return;
    if (actions.submit(textarea.value)) {
      textarea.value = "";
      composerChanged();
    }
  }

  function composerChanged() {
    textarea.style.height = "auto";
    const borders = textarea.offsetHeight - textarea.clientHeight;
    textarea.style.height = `${Math.min(textarea.scrollHeight + borders, 120)}px`;
    const left = MAX_LENGTH - textarea.value.length;
    counter.hidden = left > COUNTER_FROM;
    counter.textContent = t.left(left);
    counter.classList.toggle("limit", left === 0);
    sendButton.disabled = !textarea.value.trim() || textarea.disabled;
  }

  function keepScrolled(change, force) {
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    change();
    empty.hidden = stored.childElementCount + pending.childElementCount > 0;
    if (atBottom || force) scroller.scrollTop = scroller.scrollHeight;
  }

  function formatTime(iso) {
    // Times are UTC; one without a zone designator must not be read as local time.
    const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
    if (isNaN(date)) return "";
    const today = date.toDateString() === new Date().toDateString();
    const options = today
      ? { hour: "numeric", minute: "2-digit" }
      : { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" };
    return new Intl.DateTimeFormat(locale, options).format(date);
  }

  function textButton(label, onClick) {
    const button = textEl("button", "link", label);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function renderMeta(entry) {
    const { meta, message, item, notice } = entry;
    if (notice) {
      meta.textContent = t[notice];
      return;
    }
    meta.textContent = "";
    if (item) {
      meta.append(textEl("span", "sr", t.you), textEl("span", "state", item.failed ? t.failed : t.sending));
      if (item.failed) {
        meta.append(
          textButton(t.retry, () => actions.retry(item.clientMessageId)),
          textButton(t.delete, () => actions.remove(item.clientMessageId)),
        );
      }
      return;
    }
    if (message.author === "customer") meta.append(textEl("span", "sr", t.you));
    else if (message.author !== "system") meta.append(textEl("span", "who", message.authorName || t[message.author] || t.agent));
    const time = textEl("time", "", formatTime(message.sentAt));
    time.dateTime = message.sentAt;
    meta.append(time);
  }

  function createEntry(key, className, text) {
    const node = el("div", className);
    const meta = el("div", "meta");
    node.append(meta);
    if (text != null) node.append(textEl("div", "bubble", text));
    const entry = { node, meta };
    entries.set(key, entry);
    return entry;
  }

  function placeStored(entry, order) {
    entry.node.dataset.order = order;
    let next = null;
    for (let node = stored.lastElementChild; node && +node.dataset.order > order; node = node.previousElementSibling) {
      next = node;
    }
    stored.insertBefore(entry.node, next);
  }

  function renderAll() {
    title.textContent = t.title;
    closeButton.setAttribute("aria-label", t.close);
    statusText.textContent = t[statusKey];
    scroller.setAttribute("aria-label", t.log);
    empty.textContent = t.empty;
    typingText.textContent = typingName ? t.typingNamed(typingName) : t.typing;
    textarea.placeholder = t.placeholder;
    textarea.setAttribute("aria-label", t.input);
    sendButton.setAttribute("aria-label", t.send);
    renderError();
    renderQueue();
    for (const entry of entries.values()) renderMeta(entry);
    composerChanged();
  }

  function renderQueue() {
    queue.hidden = !queuePlace;
    if (!queuePlace) return;
    const wait = queuePlace.estimatedWaitSeconds;
    queue.textContent = wait == null
      ? t.queueNobodyAvailable(queuePlace.position)
      : t.queue(queuePlace.position, Math.max(1, Math.round(wait / 60)));
  }

  function renderError() {
    error.textContent = "";
    if (errorDetail) error.append(textEl("strong", "", t.unavailable), textEl("span", "", errorDetail));
  }

  return {
    setLocale(value) {
      locale = value;
      t = STRINGS[value];
      document.documentElement.lang = value;
      renderAll();
    },
    setStatus(value) {
      statusKey = value;
      status.dataset.status = value;
      statusText.textContent = t[value];
    },
    setQueue(place) {
      queuePlace = place && place.position > 0 ? place : null;
      renderQueue();
    },
    setClosable(closable) {
      closeButton.hidden = !closable;
    },
    setError(detail) {
      errorDetail = detail;
      error.hidden = !detail;
      textarea.disabled = !!detail;
      renderError();
      composerChanged();
    },
    showMessage(message, order) {
      const key = `m:${message.id}`;
      if (entries.has(key)) return;
      const entry = createEntry(key, `msg ${message.author}`, message.text);
      entry.message = message;
      renderMeta(entry);
      keepScrolled(() => placeStored(entry, order), message.author === "customer");
    },
    showNotice(key, notice, order) {
      if (entries.has(key)) return;
      const entry = createEntry(key, "notice");
      entry.notice = notice;
      renderMeta(entry);
      keepScrolled(() => placeStored(entry, order));
    },
    showPending(item) {
      const key = `p:${item.clientMessageId}`;
      let entry = entries.get(key);
      if (!entry) {
        entry = createEntry(key, "msg customer", item.text);
        keepScrolled(() => pending.append(entry.node), true);
      }
      entry.item = item;
      entry.node.classList.toggle("failed", !!item.failed);
      entry.node.classList.toggle("sending", !item.failed);
      renderMeta(entry);
    },
    removePending(clientMessageId) {
      const entry = entries.get(`p:${clientMessageId}`);
      if (!entry) return;
      entries.delete(`p:${clientMessageId}`);
      keepScrolled(() => entry.node.remove());
    },
    pendingIds: () => [...entries.keys()].filter((key) => key.startsWith("p:")).map((key) => key.slice(2)),
    clearMessages() {
      for (const key of entries.keys()) if (!key.startsWith("p:")) entries.delete(key);
      keepScrolled(() => (stored.textContent = ""));
    },
    setTyping(isTyping, name) {
      clearTimeout(typingTimer);
      if (isTyping) typingTimer = setTimeout(() => (typing.hidden = true), TYPING_TIMEOUT);
      typingName = name || "";
      typingText.textContent = typingName ? t.typingNamed(typingName) : t.typing;
      keepScrolled(() => (typing.hidden = !isTyping));
    },
    focusComposer() {
      textarea.focus();
    },
  };
}
