// Entry module: loads the wasm and mounts the app into #app. The same
// build can be embedded elsewhere by calling mount(element, options).
import init, { mount } from "./pkg/export_assessor.js";

const root = document.getElementById("app");
try {
  await init();
  root.textContent = "";
  const lang = new URLSearchParams(location.search).get("lang") ?? undefined;
  mount(root, lang ? { lang } : {});
} catch (err) {
  root.textContent = `export-assessor could not start: ${err && err.message ? err.message : err}`;
  root.setAttribute("role", "alert");
}
