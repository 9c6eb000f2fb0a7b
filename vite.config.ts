import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web; index.html stays at the repo root and the build goes to dist/web,
// which the Fastify server serves (replacing the CSP nonce placeholder in index.html per request).
export default defineConfig({
  plugins: [react()],
  publicDir: 'src/web/public',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
