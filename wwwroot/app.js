// Small browser helpers the Blazor console calls through JS interop.
window.portal = {
  getTheme: () => localStorage.getItem("portal-theme"),
  setTheme: (theme) => localStorage.setItem("portal-theme", theme),
};
