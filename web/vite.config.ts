import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The big libraries get their own long-cached chunks; higher priority captures first, so
// React is not swept into antd's chunk as one of its dependencies.
const vendorGroups = [
  {
    name: 'react',
    test: /[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie)[\\/]/,
    priority: 30,
  },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 20 },
  {
    name: 'antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|dayjs|@babel[\\/]runtime)[\\/]/,
    priority: 10,
  },
  { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 0 },
];

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // antd alone is ~1 MB minified and is split out already; warn only beyond that.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Rolldown's replacement for Rollup's manualChunks (deprecated in Vite 8).
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
