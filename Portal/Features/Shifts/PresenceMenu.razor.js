// Tells the server the agent is at the keyboard, at most once a minute, so idle agents can be marked away.
const reportEvery = 60_000;
const activity = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"];

export function watchActivity(component) {
  let lastReport = Date.now();
  const report = () => {
    const now = Date.now();
    if (now - lastReport < reportEvery) return;
    lastReport = now;
    component.invokeMethodAsync("ReportActivity");
  };
  activity.forEach((name) => window.addEventListener(name, report, { passive: true }));
  return { dispose: () => activity.forEach((name) => window.removeEventListener(name, report)) };
}
