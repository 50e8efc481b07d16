// Maps any BCP 47 tag to one of the widget's locales: zh-CN, zh-TW or en.
// Traditional script or a Taiwan/Hong Kong/Macau region means zh-TW.
export function normalizeLocale(tag) {
  const t = String(tag || "").toLowerCase();
  if (!/^zh\b/.test(t)) return "en";
  return /hant|-(tw|hk|mo)\b/.test(t) && !/hans/.test(t) ? "zh-TW" : "zh-CN";
}
