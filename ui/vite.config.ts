// Production build: only index.html and src/. The dev-only preview lives in
// vite.preview.config.ts and never reaches dist/.
import { defineConfig } from "vite";

export default defineConfig({
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The webviews Tauri 2 runs on: WebView2 (Chromium) and WebKit.
    target: ["es2021", "chrome105", "safari15"],
    // Keep every asset a separate file so the strict CSP needs no exceptions.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
