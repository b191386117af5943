// A browser preview of the UI with a fake backend, for looking at the screens without
// the Rust side. It builds the same index.html with preview/mock-ipc.ts added before the
// app, into preview-dist/. Never used for the production build.
import { defineConfig, mergeConfig, type Plugin } from "vite";
import base from "./vite.config.ts";

function injectMock(): Plugin {
  return {
    name: "inject-mock-ipc",
    transformIndexHtml: {
      order: "pre",
      handler: (html) =>
        html.replace(
          '<script type="module" src="/src/main.ts"></script>',
          '<script type="module" src="/preview/mock-ipc.ts"></script>\n' +
            '    <script type="module" src="/src/main.ts"></script>\n' +
            '    <script type="module" src="/preview/drive.ts"></script>',
        ),
    },
  };
}

export default mergeConfig(
  base,
  defineConfig({
    plugins: [injectMock()],
    server: { port: 1421 },
    preview: { port: 4173, strictPort: true },
    build: { outDir: "preview-dist" },
  }),
);
