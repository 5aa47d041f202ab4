import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { FixedClock } from '../fixed-clock.js';
import { createTestApp, type TestApp } from '../test-app.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = join(root, 'artifacts', 'web');

/** The newest modification time under a path, in ms. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * `npm test` builds first (pretest); a direct jest run may find dist/web missing or older than
 * apps/web, so build it then: the browser must test the code in the tree.
 */
export function ensureWebBuilt(): void {
  const index = join(root, 'dist', 'web', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(root, 'apps', 'web'))) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

export interface WebApp {
  t: TestApp;
  baseUrl: string;
}

/**
 * The service as `main.ts` runs it (same bootstrap, the built web app at `/`), with the demo
 * program on a fresh SQLite file, listening on a spare loopback port, its clock fixed at `now`.
 */
export async function startWebApp(now: string): Promise<WebApp> {
  ensureWebBuilt();
  // A queue prefix of its own, so parallel suites on the same Redis never take each other's jobs.
  const t = await createTestApp({
    env: { DEMO_DATA: 'on', QUEUE_PREFIX: `e2e-web-${randomUUID().slice(0, 8)}` },
    clock: new FixedClock(now),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, baseUrl: `http://127.0.0.1:${port}` };
}

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A full-page screenshot kept as a test artifact (artifacts/web/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * What axe-core finds against WCAG 2.0/2.1 A and AA (labels, names, contrast, ARIA) on the page as
 * it is now, one line per rule broken; empty when it passes. Evaluated through the DevTools
 * protocol, so the app's Content-Security-Policy (script-src 'self') needs no exception.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // Runs in the page (the root tsconfig has no DOM types, hence `globalThis`).
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const { axe, document } = globalThis as any;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v: AxeViolation) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')})`,
  );
}

/** Screenshot as an artifact, and the page's WCAG A/AA violations (expected: none). */
export async function capture(page: Page, name: string): Promise<string[]> {
  await screenshot(page, name);
  return accessibilityViolations(page);
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('button', { name: /^(退出登录|Sign out)$/ }).waitFor();
}

/** The demo accounts' documented passwords (demo- + the email's local part). */
export const demoPassword = (email: string): string => `demo-${email.split('@')[0]}`;

/**
 * The page's h1 text once it reads `expected`, or whatever it reads after the timeout: after a click
 * the app renders the next page a moment later, and reading the heading at once races it.
 */
export async function headingOnceItReads(page: Page, expected: string, timeoutMs = 10_000): Promise<string | null> {
  await page
    .getByRole('heading', { level: 1, name: expected, exact: true })
    .waitFor({ timeout: timeoutMs })
    .catch(() => undefined);
  return page.getByRole('heading', { level: 1 }).textContent();
}

/** How many elements `locator` finds once that is `expected`, or after the timeout: a list is redrawn after a search. */
export async function countOnceItIs(locator: Locator, expected: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = await locator.count();
  }
  return count;
}

/**
 * What has focus once it is the h1 reading `expected`, or after the timeout. The menu link that led to
 * a page and the page's heading can read the same ('教师'), and the app moves focus to the heading only
 * once the page has drawn: a key pressed before that lands on the link.
 */
export async function focusOnceOnHeading(page: Page, expected: string, timeoutMs = 10_000): Promise<string> {
  await page
    .waitForFunction(
      (text) => {
        const active = (globalThis as any).document.activeElement;
        return active?.tagName === 'H1' && active.textContent?.trim() === text;
      },
      expected,
      { timeout: timeoutMs },
    )
    .catch(() => undefined);
  return page.evaluate(() => {
    const active = (globalThis as any).document.activeElement;
    return `${active?.tagName ?? ''} ${active?.textContent?.trim() ?? ''}`;
  });
}
