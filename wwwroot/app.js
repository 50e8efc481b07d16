// Small browser helpers the Blazor console calls through JS interop.
window.portal = {
  getTheme: () => localStorage.getItem("portal-theme"),
  setTheme: (theme) => localStorage.setItem("portal-theme", theme),
};

// Console: unread title flash, optional sound, scrolling and Enter-to-send.
window.portal.console = (() => {
  const baseTitle = () => document.title.replace(/^\(\d+\) /, "");
  let flashTimer = null;

  function notify(unread, sound) {
    if (document.hidden && unread > 0) {
      let on = false;
      clearInterval(flashTimer);
      flashTimer = setInterval(() => {
        on = !on;
        document.title = on ? `(${unread}) ${baseTitle()}` : baseTitle();
      }, 1000);
    }
    if (sound) beep();
  }

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      clearInterval(flashTimer);
      document.title = baseTitle();
    }
  });

  function beep() {
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch { /* no audio device: stay silent */ }
  }

  function sendOnEnter(textarea, component) {
    textarea.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      component.invokeMethodAsync("SendFromKeyboard", textarea.value);
    });
  }

  return {
    notify,
    sendOnEnter,
    scrollToEnd: (el) => { if (el) el.scrollTop = el.scrollHeight; },
    focus: (el) => el && el.focus(),
  };
})();
