import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";

const DELAYS = [0, 1000, 2000, 5000, 10000];

// 0, 1, 2, 5, 10 s, then 15 s forever; ±20 % jitter so that the widgets of a
// restarted server do not all come back in the same instant.
export function retryDelay(attempt) {
  return (DELAYS[attempt] ?? 15000) * (0.8 + Math.random() * 0.4);
}

/**
 * Keeps one connection to /hubs/widget for one conversation until disposed, never
 * giving up. SignalR's automatic reconnect makes the quick attempts after a drop;
 * after those, and after a failed first start, this loop goes on (up to every 15 s),
 * letting the caller re-check the session after each failure: an expired visitor
 * token looks like any other failed WebSocket.
 * WebSockets without negotiation: one round trip less, and any reverse proxy can
 * spread connections over several Portal instances without sticky sessions.
 */
export function connectHub({ url, token, events, onConnected, onStatus, onStartFailed }) {
  const connection = new HubConnectionBuilder()
    .withUrl(url, {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: token, // read at every (re)connect: the latest token of the session
    })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (context) =>
        context.previousRetryCount < DELAYS.length ? retryDelay(context.previousRetryCount) : null,
    })
    .configureLogging(LogLevel.None)
    .build();
  let disposed = false;
  let wake = null;

  for (const name of Object.keys(events)) {
    connection.on(name, (payload) => disposed || events[name](payload));
  }
  connection.onreconnecting(() => disposed || onStatus("reconnecting"));
  connection.onreconnected(() => disposed || onConnected());
  connection.onclose(() => {
    if (disposed) return;
    onStatus("offline");
    keepStarting(DELAYS.length);
  });
  keepStarting(0);

  async function keepStarting(attempt) {
    for (; !disposed; attempt++) {
      if (attempt > 0) await sleep(retryDelay(attempt));
      if (disposed) return;
      try {
        await connection.start();
        if (!disposed) onConnected();
        return;
      } catch {
        if (disposed) return;
        onStatus("offline");
        await onStartFailed();
      }
    }
  }

  function sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  return {
    get connected() {
      return connection.state === "Connected";
    },
    invoke: (method, ...args) => connection.invoke(method, ...args),
    // Fire-and-forget notifications (typing, read marks, page views): dropped when offline.
    notify(method, ...args) {
      if (connection.state === "Connected") connection.send(method, ...args).catch(() => {});
    },
    retryNow() {
      if (wake) wake();
    },
    dispose() {
      disposed = true;
      if (wake) wake();
      connection.stop();
    },
  };
}
