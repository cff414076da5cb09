import { defineConfig } from 'wxt';

// Extension manifest and build settings. Permissions are kept to what the features need;
// tests/unit/manifest.test.ts pins them so any new one is a deliberate change.
export default defineConfig({
  srcDir: '.',
  manifest: {
    name: 'Daily Papers KO',
    description: 'Hugging Face Daily Papers의 논문마다 한국어 요약을 붙여 줍니다.',
    permissions: ['storage'],
    host_permissions: ['https://api.openai.com/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
