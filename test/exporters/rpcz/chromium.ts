import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findOnPath } from '../prometheus/fixtures/binaries';

/**
 * The system Chromium (Debian package `chromium`), from CHROMIUM_PATH or PATH:
 * tests never download a browser, and fail saying what to install without one.
 */
function systemChromium(): string {
  const found = process.env.CHROMIUM_PATH ?? findOnPath('chromium') ?? findOnPath('chromium-browser');
  if (found === undefined) {
    throw new Error('chromium was not found on PATH: the /rpcz page tests drive a real browser (Debian/Ubuntu: `apt-get install chromium`), or set CHROMIUM_PATH');
  }
  return found;
}

// Headless, offline and quiet: no first-run UI, no background traffic to
// Google services, no QUIC; a fresh profile per run so nothing is cached.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile; `close()` ends it and deletes the profile. */
export async function launchChromium(viewport = { width: 1500, height: 900 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rpcz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: systemChromium(), headless: true, args: FLAGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
