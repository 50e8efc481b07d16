// The loader's few texts; the chat app's texts live in src/frame/strings.js.
export const STRINGS = {
  en: {
    open: "Open chat",
    close: "Close chat",
    frame: "Chat window",
    unread: (n) => `${n} unread message${n === 1 ? "" : "s"}`,
  },
  "zh-CN": {
    open: "打开在线客服",
    close: "关闭在线客服",
    frame: "在线客服窗口",
    unread: (n) => `${n} 条未读消息`,
  },
  "zh-TW": {
    open: "開啟線上客服",
    close: "關閉線上客服",
    frame: "線上客服視窗",
    unread: (n) => `${n} 則未讀訊息`,
  },
};
