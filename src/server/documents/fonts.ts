import { createRequire } from 'node:module';

// The fonts come from an npm package rather than the system so that generated documents look
// the same on every server and no CJK font has to be installed on the host.
const require = createRequire(import.meta.url);

export function notoSansScPath(): string {
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

export function notoSansScBoldPath(): string {
  return require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
}
