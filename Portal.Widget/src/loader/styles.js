// Lives inside a shadow root: shop CSS cannot reach it and it cannot reach the shop.
export const STYLES = `
:host{all:initial}
*{box-sizing:border-box}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:var(--accent);color:#fff;box-shadow:0 6px 20px rgba(15,23,42,.28);cursor:pointer;display:flex;align-items:center;justify-content:center;transition:transform .15s ease}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
.launcher svg{width:28px;height:28px;fill:currentColor}
.launcher .close,.open .launcher .chat{display:none}
.open .launcher .close{display:block}
.badge{position:absolute;top:-3px;right:-3px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:center}
.badge:empty{display:none}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 108px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 48px rgba(15,23,42,.25);visibility:hidden;opacity:0;transform:translateY(16px);transition:opacity .2s ease,transform .2s ease,visibility 0s .2s}
.open .panel{visibility:visible;opacity:1;transform:none;transition:opacity .2s ease,transform .2s ease}
.left .launcher,.left .panel{right:auto;left:20px}
iframe{display:block;width:100%;height:100%;border:0}
@media (max-width:480px){
.panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}
.open .launcher{display:none}
}
@media (prefers-reduced-motion:reduce){.launcher,.panel,.open .panel{transition:none}}
`;

export const CHAT_ICON =
  '<svg class="chat" viewBox="0 0 24 24" aria-hidden="true"><path fill-rule="evenodd" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8.5L4 21.5V18a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm3 5v2h10V8Zm0 4v2h7v-2Z"/></svg>';

export const CLOSE_ICON =
  '<svg class="close" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4Z"/></svg>';
