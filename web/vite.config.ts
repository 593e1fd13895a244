import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app lives in web/ and is built into web/dist, which the server serves as static files.
// In development the API is proxied so the session cookie stays same-origin;
// CLIENTELE_API_URL points the proxy at another server (e.g. a dev one on port 3100).
const apiTarget = process.env.CLIENTELE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The server's pure rules (src/domain), so a preview is computed as the server decides,
  // and its route schemas (src/http/schemas), whose types are the API's shapes (imported
  // as types only, so nothing of them reaches the bundle); the same aliases are in
  // web/tsconfig.app.json (paths) and vitest.config.ts.
  resolve: {
    alias: {
      '@domain': fileURLToPath(new URL('../src/domain', import.meta.url)),
      '@contract': fileURLToPath(new URL('../src/http/schemas', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
    },
  },
});
