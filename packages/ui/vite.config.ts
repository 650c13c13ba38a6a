import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Builds the SPA into the server package's ui-dist/, which the server serves at `/`.
// `npm run dev -w @cairn/ui` proxies the API to a Cairn server on :5000 for live editing.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../server/ui-dist", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { "/api": "http://127.0.0.1:5000", "/ajax-api": "http://127.0.0.1:5000" } },
});
