// Entry module: loads the wasm and the data bundle (both same-origin static
// files), then mounts the app into #app. Other pages can embed the app the
// same way: await init(); mount(element, { lang }, dataBytes).
import init, { mount } from "./pkg/export_assessor.js";

const root = document.getElementById("app");
try {
  const [, data] = await Promise.all([
    init(),
    fetch(new URL("./pkg/assessor-data.bin", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`data bundle: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  root.textContent = "";
  const lang = new URLSearchParams(location.search).get("lang") ?? undefined;
  window.exportAssessor = mount(root, lang ? { lang } : {}, new Uint8Array(data));
} catch (err) {
  root.textContent = `export-assessor could not start: ${err && err.message ? err.message : err}`;
  root.setAttribute("role", "alert");
}
