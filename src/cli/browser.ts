/**
 * The browser every browser test uses: Debian's Chromium (never a downloaded one), or the binary named by
 * EPIGENESIS_BROWSER. The flags keep Chromium from reaching for the network at start, and select
 * SwiftShader where there is no GPU.
 */
export const browserPath = process.env.EPIGENESIS_BROWSER ?? '/usr/bin/chromium';

export const browserArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
