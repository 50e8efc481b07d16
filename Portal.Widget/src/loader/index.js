/*
 * widget.js — the loader a shop embeds:
 *
 *   <script src="https://PORTAL/widget.js" data-site="SITE_KEY" async></script>
 *
 * Optional attributes: data-locale="zh-CN|zh-TW|en", data-position="right|left".
 *
 * It draws the launcher, frames the chat app (PORTAL/widget/frame) and exposes
 * window.PortalChat. To call PortalChat before this script has loaded, define this
 * stub first; every call is queued as [method, args, resolve, reject] in
 * PortalChat.q and replayed here in order, so its promises settle once the chat is
 * ready:
 *
 *   <script>
 *   window.PortalChat=window.PortalChat||(function(q,c){"open close toggle send history setUser setAttributes setLocale on off".split(" ").forEach(function(m){c[m]=function(){var a=[].slice.call(arguments);return new Promise(function(r,j){q.push([m,a,r,j])})}});c.q=q;return c})([],{});
 *   </script>
 *
 * The loader and the frame talk only by postMessage envelopes (see README.md).
 */
import { describePage, envelope, isEnvelope } from "../shared/protocol.js";
import { normalizeLocale } from "../shared/locale.js";
import { STRINGS } from "./strings.js";
import { STYLES, CHAT_ICON, CLOSE_ICON } from "./styles.js";

boot();

function boot() {
  const existing = window.PortalChat;
  if (existing && existing.__portal) return; // the script is on the page twice

  const script = findOwnScript();
  const siteKey = script && script.getAttribute("data-site");
  if (!siteKey) {
    console.error("[PortalChat] widget.js needs a data-site attribute with the site key.");
    return;
  }
  const scriptUrl = new URL(script.src, location.href);
  const portalOrigin = scriptUrl.origin;
  const frameUrl = new URL("widget/frame", scriptUrl); // widget.js sits at Portal's root
  const left = script.getAttribute("data-position") === "left";

  const state = {
    open: false,
    unread: 0,
    locale: normalizeLocale(script.getAttribute("data-locale") || navigator.language),
    user: null,
    attributes: {},
  };
  const handlers = {};
  const pending = new Map(); // request id → [resolve, reject]
  const waiting = []; // requests made before the frame is ready
  let nextId = 0;
  let frameLoaded = false;
  let frameReady = false;
  let failure = null; // the frame could not open a session (e.g. identity refused)
  let readyPayload;
  let root, launcher, liveRegion, badge, iframe;

  const sdk = existing || {};
  const queued = Array.isArray(sdk.q) ? sdk.q : [];
  delete sdk.q;
  Object.defineProperty(sdk, "__portal", { value: true });
  Object.assign(sdk, {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!state.open),
    send: (text) => request("send", typeof text === "string" ? text : ""),
    history: () => request("history"),
    setUser(user) {
      state.user = cloneable(user) || null;
      post("setUser", state.user);
    },
    setAttributes(attributes) {
      const added = cloneable(attributes) || {};
      Object.assign(state.attributes, added);
      post("setAttributes", added);
    },
    setLocale(locale) {
      state.locale = normalizeLocale(locale);
      render();
      post("setLocale", state.locale);
    },
    on(name, handler) {
      (handlers[name] = handlers[name] || new Set()).add(handler);
      if (name === "ready" && readyPayload) setTimeout(() => handler(readyPayload));
    },
    off(name, handler) {
      if (handlers[name]) handlers[name].delete(handler);
    },
  });
  window.PortalChat = sdk;

  for (const entry of queued) replay(entry);

  window.addEventListener("message", onFrameMessage);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  function replay(entry) {
    // [method, args, resolve?, reject?] from the documented stub, or an
    // arguments-like [method, ...args] from a hand-written one.
    const args = Array.isArray(entry[1]) ? entry[1] : [].slice.call(entry, 1);
    const resolve = Array.isArray(entry[1]) && entry[2];
    const reject = Array.isArray(entry[1]) && entry[3];
    let result;
    try {
      result = sdk[entry[0]](...args);
    } catch (error) {
      if (reject) reject(error);
      else console.error("[PortalChat]", error);
      return;
    }
    Promise.resolve(result).then(resolve || undefined, reject || undefined);
  }

  function mount() {
    const host = document.createElement("portal-chat");
    host.setAttribute("style", "all:initial!important");
    const shadow = host.attachShadow({ mode: "open" });
    shadow.innerHTML =
      `<style>${STYLES}</style><div class="root" style="--accent:#2563eb">` +
      `<button class="launcher" type="button" aria-controls="panel">${CHAT_ICON}${CLOSE_ICON}<span class="badge" aria-hidden="true"></span></button>` +
      `<span class="sr" aria-live="polite"></span><div class="panel" id="panel"></div></div>`;
    root = shadow.querySelector(".root");
    launcher = shadow.querySelector(".launcher");
    badge = shadow.querySelector(".badge");
    liveRegion = shadow.querySelector(".sr");
    iframe = document.createElement("iframe");
    frameUrl.search = new URLSearchParams({ site: siteKey, locale: state.locale }).toString();
    iframe.src = frameUrl.href;
    shadow.querySelector(".panel").appendChild(iframe);
    launcher.addEventListener("click", () => setOpen(!state.open));
    shadow.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && state.open) setOpen(false, true);
    });
    render();
    document.body.appendChild(host);
  }

  function render() {
    if (!root) return;
    const t = STRINGS[state.locale];
    root.classList.toggle("open", state.open);
    root.classList.toggle("left", left);
    launcher.setAttribute("aria-expanded", String(state.open));
    launcher.setAttribute("aria-label", state.open ? t.close : t.open);
    iframe.title = t.frame;
    badge.textContent = state.unread ? (state.unread > 99 ? "99+" : String(state.unread)) : "";
    liveRegion.textContent = state.unread ? t.unread(state.unread) : "";
  }

  function setOpen(open, returnFocus) {
    if (state.open === open) return;
    state.open = open;
    render();
    post("open", open);
    if (!root) return;
    if (open) iframe.focus();
    else if (returnFocus || root.getRootNode().activeElement === iframe) launcher.focus();
  }

  function request(type, payload) {
    return new Promise((resolve, reject) => {
      if (failure) reject(new Error(failure));
      else if (frameReady) dispatch(type, payload, resolve, reject);
      else waiting.push([type, payload, resolve, reject]);
    });
  }

  function dispatch(type, payload, resolve, reject) {
    const id = ++nextId;
    pending.set(id, [resolve, reject]);
    post(type, payload, id);
  }

  function post(type, payload, id) {
    if (frameLoaded) iframe.contentWindow.postMessage(envelope(type, payload, id), portalOrigin);
  }

  function onFrameMessage(event) {
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== portalOrigin) return;
    if (!isEnvelope(event.data)) return;
    const { type, id, payload } = event.data;
    if (type === "loaded") {
      frameLoaded = true;
      frameReady = false;
      if (payload && payload.accent && CSS.supports("color", payload.accent)) {
        root.style.setProperty("--accent", payload.accent);
      }
      post("init", {
        locale: state.locale,
        open: state.open,
        user: state.user,
        attributes: state.attributes,
        page: describePage(),
      });
    } else if (type === "ready") {
      frameReady = true;
      failure = null;
      for (const call of waiting.splice(0)) dispatch(...call);
      if (!readyPayload) {
        readyPayload = payload;
        emit("ready", payload);
      }
    } else if (type === "failed") {
      frameReady = false;
      failure = payload;
      console.warn("[PortalChat]", payload);
      for (const call of waiting.splice(0)) call[3](new Error(payload));
    } else if (type === "reply") {
      const callbacks = pending.get(id);
      if (!callbacks) return;
      pending.delete(id);
      if (payload.error) callbacks[1](new Error(payload.error));
      else callbacks[0](payload.result);
    } else if (type === "event") {
      if (payload.name === "unread") {
        state.unread = payload.data;
        render();
      }
      emit(payload.name, payload.data);
    } else if (type === "close") {
      setOpen(false, true);
    }
  }

  function emit(name, data) {
    if (!handlers[name]) return;
    for (const handler of handlers[name]) {
      try {
        handler(data);
      } catch (error) {
        console.error("[PortalChat]", error);
      }
    }
  }
}

function findOwnScript() {
  const current = document.currentScript;
  if (current && current.hasAttribute("data-site")) return current;
  for (const script of document.querySelectorAll("script[data-site]")) {
    if (/\/widget\.js([?#]|$)/.test(script.src)) return script;
  }
  return null;
}

// Values a shop passes must survive postMessage's structured clone: keep their JSON.
function cloneable(value) {
  return value == null ? value : JSON.parse(JSON.stringify(value));
}
